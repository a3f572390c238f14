//! The speech being drafted: meeting details, a flat outline of blocks, numbering, and
//! the edits the app applies to it.
//!
//! The outline is flat: an opening, sections each followed by their points, a closing.
//! A point belongs to the section before it, so moving, promoting and demoting are list
//! operations and numbering is derived, never stored.

pub mod block_id;
pub mod convert;
pub mod edit;
pub mod fixes;
pub mod history;
pub mod recovery;
pub mod slots;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::library::{Provenance, Template, TemplateKind};

pub const DRAFT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub title: String,
    pub meeting: String,
    pub unit: String,
    pub speaker: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub salutation: String,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            title: String::new(),
            meeting: String::new(),
            unit: String::new(),
            speaker: String::new(),
            date: String::new(),
            salutation: "同志们：".to_string(),
        }
    }
}

/// A block is one of the kinds a template is (opening, section, point, closing): one type,
/// so a template goes into a draft without a translation and both share their labels.
pub type BlockKind = TemplateKind;

pub use crate::core::draft::block_id::{BlockId, Field};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Stable for the life of the draft: widget ids and undo rely on it.
    pub id: BlockId,
    pub kind: BlockKind,
    /// Empty for openings and closings.
    pub heading: String,
    /// Paragraphs separated by line breaks.
    pub body: String,
    /// The template it came from, if any.
    pub source: Option<Provenance>,
    #[serde(default)]
    pub collapsed: bool,
}

pub use crate::core::numbering::Numbering;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    pub meta: Meta,
    #[serde(default)]
    pub numbering: Numbering,
    pub blocks: Vec<Block>,
    pub next_id: u64,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            version: DRAFT_VERSION,
            meta: Meta::default(),
            numbering: Numbering::default(),
            blocks: Vec::new(),
            next_id: 1,
        }
    }
}

/// Block ids past this are renumbered: far beyond any real draft, far below overflow.
const MAX_BLOCK_ID: u64 = 1 << 53;

/// A draft file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}：{message}", crate::core::ron_error::place(path, *position))]
pub struct DraftError {
    pub path: String,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Draft {
    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new().indentor("  ").new_line("\n");
        // Serialising plain data with strings and integers cannot fail.
        ron::ser::to_string_pretty(self, cfg).expect("a draft always serialises") + "\n"
    }

    pub fn from_ron(text: &str, path: &str) -> Result<Draft, DraftError> {
        // Some editors on Windows start a UTF-8 file with a BOM; it is not part of the RON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut d: Draft = ron::from_str(text).map_err(|e| DraftError {
            path: path.to_string(),
            position: crate::core::ron_error::position(&e),
            message: format!(
                "不是有效的讲稿文件：{}",
                crate::core::ron_error::describe(&e.code)
            ),
        })?;
        if d.version != DRAFT_VERSION {
            return Err(DraftError {
                path: path.to_string(),
                position: None,
                message: format!("不支持的讲稿文件版本 {}", d.version),
            });
        }
        let mut ids = std::collections::HashSet::new();
        if d.blocks
            .iter()
            .any(|b| !ids.insert(b.id) || b.id.0 >= d.next_id)
        {
            return Err(DraftError {
                path: path.to_string(),
                position: None,
                message: "讲稿文件中的段落编号有误".into(),
            });
        }
        if d.next_id >= MAX_BLOCK_ID {
            d.compact_ids();
        }
        Ok(d)
    }

    pub fn load(path: &Path) -> Result<Draft, DraftError> {
        let err = |message: String| DraftError {
            path: path.display().to_string(),
            position: None,
            message,
        };
        // Bounded and regular files only: a pipe or device given as a draft cannot hang us.
        let bytes = crate::core::parse::read::read_bounded(path).map_err(|e| {
            err(match e {
                crate::core::error::ReadError::Io { source, .. } => {
                    format!("无法读取：{}", crate::core::error::io_reason(&source))
                }
                crate::core::error::ReadError::Invalid { why, .. } => why,
            })
        })?;
        let text =
            String::from_utf8(bytes).map_err(|_| err("不是讲稿文件（不是 UTF-8 文本）".into()))?;
        Draft::from_ron(&text, &path.display().to_string())
    }

    /// Saves atomically: a failed save leaves the old file as it was.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::core::fsutil::write_atomic(path, self.to_ron().as_bytes())
    }

    pub(crate) fn new_block(
        &mut self,
        kind: BlockKind,
        heading: String,
        body: String,
        source: Option<Provenance>,
    ) -> Block {
        if self.next_id >= MAX_BLOCK_ID {
            self.compact_ids();
        }
        let id = BlockId(self.next_id);
        self.next_id += 1;
        Block {
            id,
            kind,
            heading,
            body,
            source,
            collapsed: false,
        }
    }

    /// Numbers the blocks 1, 2, … again. Ids only need to be unique within the draft;
    /// this keeps them far from overflow whatever a file says.
    fn compact_ids(&mut self) {
        for (i, b) in self.blocks.iter_mut().enumerate() {
            b.id = BlockId(i as u64 + 1);
        }
        self.next_id = self.blocks.len() as u64 + 1;
    }

    /// Characters the speaker will say: the salutation, headings and bodies with slots
    /// filled, without white space and without the numbering markers (which change with
    /// the numbering scheme, not with the speech).
    pub fn spoken_chars(&self) -> usize {
        let count = |s: &str| self.fill(s).chars().filter(|c| !c.is_whitespace()).count();
        if self.blocks.is_empty() {
            // The salutation alone is not a speech yet.
            return 0;
        }
        count(&self.meta.salutation)
            + self
                .blocks
                .iter()
                .map(|b| count(&b.heading) + count(&b.body))
                .sum::<usize>()
    }

    pub fn index_of(&self, id: BlockId) -> Option<usize> {
        self.blocks.iter().position(|b| b.id == id)
    }

    /// Where a new block of `kind` goes by default: openings first, closings last,
    /// sections and points before the closing.
    pub fn default_position(&self, kind: BlockKind) -> usize {
        match kind {
            BlockKind::Opening => self
                .blocks
                .iter()
                .take_while(|b| b.kind == BlockKind::Opening)
                .count(),
            BlockKind::Closing => self.blocks.len(),
            _ => self
                .blocks
                .iter()
                .position(|b| b.kind == BlockKind::Closing)
                .unwrap_or(self.blocks.len()),
        }
    }

    /// Inserts a template at `at` (or its default place); a section brings its points.
    /// Returns the id of the first inserted block.
    pub fn insert_template(&mut self, t: &Template, at: Option<usize>) -> BlockId {
        let kind = BlockKind::from(t.kind);
        let at = at
            .unwrap_or_else(|| self.default_position(kind))
            .min(self.blocks.len());
        let mut new = vec![self.new_block(
            kind,
            t.heading.clone(),
            t.paragraphs.join("\n"),
            Some(t.source.clone()),
        )];
        for (i, c) in t.children.iter().enumerate() {
            let mut src = t.source.clone();
            src.path = format!("{}/{}", src.path, i + 1);
            new.push(self.new_block(
                BlockKind::Point,
                c.heading.clone(),
                c.paragraphs.join("\n"),
                Some(src),
            ));
        }
        let first = new[0].id;
        self.blocks.splice(at..at, new);
        first
    }

    /// Inserts an empty block; returns its id.
    pub fn insert_blank(&mut self, kind: BlockKind, at: Option<usize>) -> BlockId {
        let at = at
            .unwrap_or_else(|| self.default_position(kind))
            .min(self.blocks.len());
        let b = self.new_block(kind, String::new(), String::new(), None);
        let id = b.id;
        self.blocks.insert(at, b);
        id
    }

    /// The block range a block drags along: a section with its points, else itself.
    pub fn group(&self, i: usize) -> std::ops::Range<usize> {
        let mut end = i + 1;
        if self.blocks[i].kind == BlockKind::Section {
            while end < self.blocks.len() && self.blocks[end].kind == BlockKind::Point {
                end += 1;
            }
        }
        i..end
    }

    /// Moves block `id` (with its points) one place up (`-1`) or down (`+1`) among blocks
    /// of its level. Returns whether anything moved.
    pub fn move_by(&mut self, id: BlockId, dir: i32) -> bool {
        let Some(i) = self.index_of(id) else {
            return false;
        };
        let g = self.group(i);
        let same_level = |b: &Block, kind: BlockKind| match kind {
            BlockKind::Point => b.kind == BlockKind::Point,
            _ => b.kind == kind,
        };
        let kind = self.blocks[i].kind;
        if dir < 0 {
            let Some(prev) = (0..g.start)
                .rev()
                .find(|&j| same_level(&self.blocks[j], kind))
            else {
                return false;
            };
            let moved: Vec<Block> = self.blocks.drain(g).collect();
            self.blocks.splice(prev..prev, moved);
        } else {
            let Some(next) =
                (g.end..self.blocks.len()).find(|&j| same_level(&self.blocks[j], kind))
            else {
                return false;
            };
            let next_end = self.group(next).end;
            let len = g.len();
            let moved: Vec<Block> = self.blocks.drain(g).collect();
            let at = next_end - len;
            self.blocks.splice(at..at, moved);
        }
        true
    }

    /// Moves the block at `from` (with its points) so it lands before the block now at `to`.
    pub fn move_to(&mut self, from: usize, to: usize) {
        if from >= self.blocks.len() {
            return;
        }
        let g = self.group(from);
        if (g.start..=g.end).contains(&to) {
            return;
        }
        let len = g.len();
        let moved: Vec<Block> = self.blocks.drain(g.clone()).collect();
        let at = if to > g.start { to - len } else { to };
        let at = at.min(self.blocks.len());
        self.blocks.splice(at..at, moved);
    }

    /// Section ↔ point.
    pub fn toggle_level(&mut self, id: BlockId) -> bool {
        let Some(i) = self.index_of(id) else {
            return false;
        };
        let b = &mut self.blocks[i];
        b.kind = match b.kind {
            BlockKind::Section => BlockKind::Point,
            BlockKind::Point => BlockKind::Section,
            _ => return false,
        };
        true
    }

    /// Copies a block (with its points) right after itself; returns the copy's id.
    pub fn duplicate(&mut self, id: BlockId) -> Option<BlockId> {
        let i = self.index_of(id)?;
        let g = self.group(i);
        let copies: Vec<Block> = self.blocks[g.clone()].to_vec();
        let mut fresh = Vec::new();
        for mut b in copies {
            b.id = BlockId(self.next_id);
            self.next_id += 1;
            fresh.push(b);
        }
        let first = fresh[0].id;
        self.blocks.splice(g.end..g.end, fresh);
        Some(first)
    }

    /// Deletes a block with its points.
    pub fn delete(&mut self, id: BlockId) -> bool {
        let Some(i) = self.index_of(id) else {
            return false;
        };
        let g = self.group(i);
        self.blocks.drain(g);
        true
    }

    /// Each block's marker under the draft's numbering ("" for openings and closings).
    pub fn markers(&self) -> Vec<String> {
        let mut sec = 0;
        let mut pt = 0;
        self.blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Section => {
                    sec += 1;
                    pt = 0;
                    self.numbering.marker(1, sec)
                }
                BlockKind::Point => {
                    pt += 1;
                    self.numbering.marker(2, pt)
                }
                _ => String::new(),
            })
            .collect()
    }

    /// Section path of each block, as in the library ("二/（一）", "开头").
    pub fn paths(&self) -> Vec<String> {
        let markers = self.markers();
        let mut current = String::new();
        self.blocks
            .iter()
            .zip(&markers)
            .map(|(b, m)| {
                let m = m.trim_end_matches(['、', '，', '.']).to_string();
                match b.kind {
                    BlockKind::Opening => "开头".to_string(),
                    BlockKind::Closing => "结尾".to_string(),
                    BlockKind::Section => {
                        current = m.clone();
                        m
                    }
                    BlockKind::Point => {
                        if current.is_empty() {
                            m
                        } else {
                            format!("{current}/{m}")
                        }
                    }
                }
            })
            .collect()
    }

    /// All the draft's own text (headings and bodies), for counting and "already used".
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for b in &self.blocks {
            s.push_str(&b.heading);
            s.push('\n');
            s.push_str(&b.body);
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        let mut d = Draft::default();
        d.insert_blank(BlockKind::Opening, None);
        for h in ["甲", "乙", "丙"] {
            let id = d.insert_blank(BlockKind::Section, None);
            let i = d.index_of(id).unwrap();
            d.blocks[i].heading = h.into();
            let p = d.insert_blank(BlockKind::Point, Some(i + 1));
            let pi = d.index_of(p).unwrap();
            d.blocks[pi].heading = format!("{h}的分论点");
        }
        d.insert_blank(BlockKind::Closing, None);
        d
    }

    fn heads(d: &Draft) -> Vec<String> {
        d.blocks
            .iter()
            .zip(d.markers())
            .map(|(b, m)| format!("{m}{}", b.heading))
            .collect()
    }

    #[test]
    fn numbering_is_derived_from_the_outline() {
        let d = draft();
        assert_eq!(
            heads(&d),
            vec![
                "",
                "一、甲",
                "（一）甲的分论点",
                "二、乙",
                "（一）乙的分论点",
                "三、丙",
                "（一）丙的分论点",
                ""
            ]
        );
        let mut s = d.clone();
        s.numbering = Numbering::Speech;
        assert_eq!(
            heads(&s)[1..3],
            ["第一，甲".to_string(), "一是甲的分论点".to_string()]
        );
        assert_eq!(crate::core::numerals::han_numeral(21), "二十一");
    }

    #[test]
    fn sections_move_with_their_points() {
        let mut d = draft();
        let yi = d.blocks[3].id;
        assert!(d.move_by(yi, -1));
        assert_eq!(
            heads(&d)[1..5],
            ["一、乙", "（一）乙的分论点", "二、甲", "（一）甲的分论点"].map(String::from)
        );
        assert!(d.move_by(yi, 1));
        assert!(d.move_by(yi, 1));
        assert_eq!(
            heads(&d)[5..7],
            ["三、乙", "（一）乙的分论点"].map(String::from)
        );
        assert!(!d.move_by(yi, 1));
        // Drag: the first section to the end (before the closing).
        d.move_to(1, 7);
        assert_eq!(d.blocks[5].heading, "甲");
        assert_eq!(d.blocks.last().unwrap().kind, BlockKind::Closing);
    }

    #[test]
    fn promote_duplicate_delete() {
        let mut d = draft();
        let p = d.blocks[2].id;
        assert!(d.toggle_level(p));
        assert_eq!(heads(&d)[2], "二、甲的分论点");
        let c = d.duplicate(d.blocks[1].id).unwrap();
        assert_eq!(d.blocks[2].id, c);
        assert!(d.delete(c));
        assert!(d.delete(d.blocks[3].id));
        assert_eq!(d.blocks.len(), 6);
    }

    #[test]
    fn slots_fill_from_meeting_details() {
        let mut d = Draft::default();
        d.meta.unit = "市委组织部".into();
        d.meta.date = "2026-07-01".into();
        d.meta.speaker = "张明".into();
        assert_eq!(
            d.fill("{本单位}在{日期}召开，{年份}，{会议名称}"),
            "市委组织部在7月1日召开，2026年，{会议名称}"
        );
        // Only roles the details vouch for: never a third person, never a list of
        // units, never a doubled unit.
        assert_eq!(
            d.fill("{时间}，中央组织部召开会议，{他人姓名}同志到会讲话，{姓名}"),
            "{时间}，中央组织部召开会议，{他人姓名}同志到会讲话，{姓名}"
        );
        assert_eq!(d.fill("{讲话人}同志"), "张明同志");
        assert_eq!(
            d.fill("比如{本单位}、{下属单位}等"),
            "比如{本单位}、{下属单位}等"
        );
        assert_eq!(d.fill("使我区{年份}年组织工作"), "使我区2026年组织工作");
        let id = d.insert_blank(BlockKind::Opening, None);
        let i = d.index_of(id).unwrap();
        d.blocks[i].body = "{本单位}和{会议名称}，XX同志".into();
        assert_eq!(
            d.unfilled_slots(),
            vec![(0, "{会议名称}".to_string()), (0, "XX".to_string())]
        );
    }

    #[test]
    fn ron_round_trip_and_bad_files() {
        let d = draft();
        let back = Draft::from_ron(&d.to_ron(), "x.ron").unwrap();
        assert_eq!(back, d);
        let e = Draft::from_ron("(version: 1, meta: (", "坏.ron").unwrap_err();
        assert!(e.to_string().starts_with("坏.ron 第 1 行第 "), "{e}");
    }
}
