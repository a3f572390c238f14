//! What the panels draw about the draft every frame, worked out once per (draft revision,
//! library generation) instead of every frame: block markers, the points of folded
//! sections, and for each block the specifics its source template carried, those still
//! in its text, and its unfilled slots. A block's source template is looked up once per
//! library generation, not in a scan of the library per block per frame.

use std::collections::HashMap;
use std::sync::Arc;

use super::highlight::{Mark, marks};
use crate::core::draft::{Block, BlockId, BlockKind, Draft, Field, Meta};
use crate::core::library::Library;

/// A text and its highlighting (slots, carried specifics) in characters.
pub type Marked = (String, Vec<(usize, usize, Mark)>);

/// What one block shows beside its text.
#[derive(Debug, Default, Clone)]
pub struct BlockFacts {
    /// The source template's specifics, less the meeting's own unit, meeting and speaker:
    /// highlighted wherever they remain.
    pub specifics: Vec<String>,
    /// Those of them still in the heading or body.
    pub carried: Vec<String>,
    /// Slots of the heading and body the meeting details do not fill.
    pub unfilled: Vec<String>,
    /// The heading's and the body's highlighting, with the text it was made for.
    marks: [Marked; 2],
}

impl BlockFacts {
    /// The highlighting of a field, and the text it was made for.
    pub fn marks(&self, field: Field) -> &Marked {
        match field {
            Field::Heading => &self.marks[0],
            Field::Body => &self.marks[1],
        }
    }
}

/// The full text as exported, a paragraph at a time, each with the character ranges of
/// its slots.
/// The preview's lines: text, slot ranges, and whether the line is centred (the title
/// and byline block, as Word prints them).
pub type Preview = Vec<(String, Vec<(usize, usize)>, bool)>;

/// The cache; `key` is the (draft revision, library generation) it was made for.
#[derive(Default)]
pub struct DraftFacts {
    key: Option<(u64, u64)>,
    markers: Vec<String>,
    hidden: Vec<bool>,
    blocks: HashMap<BlockId, BlockFacts>,
    /// Specifics of source templates by (file, path), for the library generation in `key`.
    sources: HashMap<(String, String), Arc<[String]>>,
    /// The meeting details the block facts were worked out with.
    meta: Option<Meta>,
    /// The full text as exported and its slot ranges, made when the preview first asks.
    preview: Option<Arc<Preview>>,
    none: BlockFacts,
}

impl DraftFacts {
    /// Works the facts out again when the draft or the library changed.
    pub fn refresh(&mut self, key: (u64, u64), d: &Draft, lib: &Library) {
        if self.key == Some(key) {
            return;
        }
        if self.key.map(|k| k.1) != Some(key.1) {
            self.sources.clear();
        }
        self.key = Some(key);
        self.preview = None;
        self.markers = d.markers();
        self.hidden = folded_points(&d.blocks);
        // A keystroke changes one block: the others keep their facts while their text,
        // specifics and the meeting details (which fill slots) are as they were.
        let mut old = std::mem::take(&mut self.blocks);
        let same_meta = self.meta.as_ref() == Some(&d.meta);
        let blocks = d
            .blocks
            .iter()
            .map(|b| {
                let specifics = self.carried_specifics(d, b, lib);
                let facts = match old.remove(&b.id) {
                    Some(o)
                        if same_meta
                            && o.specifics == specifics
                            && o.marks[0].0 == b.heading
                            && o.marks[1].0 == b.body =>
                    {
                        o
                    }
                    _ => block_facts(d, b, specifics),
                };
                (b.id, facts)
            })
            .collect();
        self.blocks = blocks;
        if !same_meta {
            self.meta = Some(d.meta.clone());
        }
    }

    /// The text the preview shows (as exported) with its slot ranges.
    pub fn preview(&mut self, d: &Draft) -> Arc<Preview> {
        self.preview
            .get_or_insert_with(|| {
                use crate::core::export::lines::Line;
                let lines = crate::core::export::lines::lines(d);
                let mut paragraphs: Preview = crate::core::export::txt_lines(&lines)
                    .into_iter()
                    .map(|(text, l)| {
                        let centred =
                            matches!(l, Some(Line::Title(_) | Line::Speaker(_) | Line::Byline(_)));
                        let slots = crate::core::draft::slots::slot_spans(&text);
                        (text, slots, centred)
                    })
                    .collect();
                // The text export ends with a line break: the same empty last line.
                paragraphs.push((String::new(), Vec::new(), false));
                Arc::new(paragraphs)
            })
            .clone()
    }

    /// The marker of block `i` ("一、", "（二）"), empty for openings and closings.
    pub fn marker(&self, i: usize) -> &str {
        self.markers.get(i).map_or("", String::as_str)
    }

    /// The block is a point of a folded section (not drawn while it is folded).
    pub fn hidden(&self, i: usize) -> bool {
        self.hidden.get(i).copied().unwrap_or(false)
    }

    pub fn block(&self, id: BlockId) -> &BlockFacts {
        self.blocks.get(&id).unwrap_or(&self.none)
    }

    /// The specifics a block carries from its source template, less the meeting's own.
    fn carried_specifics(&mut self, d: &Draft, b: &Block, lib: &Library) -> Vec<String> {
        let Some(src) = &b.source else {
            return Vec::new();
        };
        let all = self
            .sources
            .entry((src.file.clone(), src.path.clone()))
            .or_insert_with(|| {
                lib.source_template(src)
                    .map(|t| t.specifics.iter().map(|s| s.text.clone()).collect())
                    .unwrap_or_default()
            });
        let m = &d.meta;
        // The meeting's own unit, meeting and speaker are right here, not carried over.
        let own = |t: &str| {
            [&m.unit, &m.meeting, &m.speaker]
                .iter()
                .any(|v| !v.is_empty() && v.contains(t))
        };
        all.iter().filter(|s| !own(s)).cloned().collect()
    }
}

fn block_facts(d: &Draft, b: &Block, specifics: Vec<String>) -> BlockFacts {
    let unfilled = [&b.heading, &b.body]
        .into_iter()
        .flat_map(|t| d.unfilled_in(t))
        .map(|s| s.text)
        .collect();
    // Each name once, in the order the text first holds it.
    let mut carried: Vec<String> = Vec::new();
    for s in &specifics {
        if (b.body.contains(s.as_str()) || b.heading.contains(s.as_str())) && !carried.contains(s) {
            carried.push(s.clone());
        }
    }
    let marks = [&b.heading, &b.body].map(|t| (t.clone(), marks(t, &specifics)));
    BlockFacts {
        specifics,
        carried,
        unfilled,
        marks,
    }
}

/// Which blocks are points of a folded section (drawn not at all while it is folded).
fn folded_points(blocks: &[Block]) -> Vec<bool> {
    let mut folded = false;
    blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Section => {
                folded = b.collapsed;
                false
            }
            BlockKind::Point => folded,
            _ => {
                folded = false;
                false
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::edit::Edit;

    /// Facts follow the library generation and the draft revision, not whatever was seen
    /// first: another library drops the specifics, the meeting's own unit is not one.
    #[test]
    fn keyed_by_revision_and_library_generation() {
        let (lib, _) = Library::embedded();
        let t = lib
            .templates
            .iter()
            .find(|t| t.specifics.len() >= 2 && t.children.is_empty())
            .expect("a shipped template with specifics")
            .clone();
        let mut d = Draft::default();
        let id = d
            .apply(Edit::InsertTemplate {
                template: Box::new(t.clone()),
                at: None,
            })
            .created
            .unwrap();
        let mut f = DraftFacts::default();
        f.refresh((1, 1), &d, &lib);
        let first = t.specifics[0].text.clone();
        assert!(f.block(id).specifics.contains(&first));
        assert!(f.block(id).carried.contains(&first), "still in the text");
        f.refresh((1, 2), &d, &Library::default());
        assert!(f.block(id).specifics.is_empty(), "a new library is asked");
        d.meta.unit = format!("{first}（本单位）");
        f.refresh((1, 3), &d, &lib);
        assert!(
            !f.block(id).specifics.contains(&first),
            "the meeting's own unit"
        );
        // Typing a specific away: the block's facts follow its text at the next revision.
        let other = f
            .block(id)
            .carried
            .first()
            .cloned()
            .expect("another specific");
        let i = d.index_of(id).unwrap();
        let (heading, body) = (d.blocks[i].heading.clone(), d.blocks[i].body.clone());
        for (field, text) in [(Field::Heading, heading), (Field::Body, body)] {
            d.apply(Edit::SetText {
                block: id,
                field,
                text: text.replace(&other, "某"),
            });
        }
        f.refresh((2, 3), &d, &lib);
        assert!(!f.block(id).carried.contains(&other), "{other}");
        assert!(f.block(id).marks(Field::Body).0 == d.blocks[i].body);
        assert_eq!(f.marker(7), "", "no block, no marker, no panic");
    }

    /// The title and byline are centred, as Word prints them; the rest is not, and the
    /// lines are those of the text export.
    #[test]
    fn the_preview_centres_the_title_block_only() {
        let mut d = Draft::default();
        d.meta.title = "在全市机关党建工作会议上的讲话".into();
        d.meta.speaker = "张明".into();
        d.meta.date = "2026-12-15".into();
        d.meta.salutation = "同志们：".into();
        let id = d.insert_blank(crate::core::draft::BlockKind::Opening, None);
        d.apply(Edit::SetText {
            block: id,
            field: crate::core::draft::Field::Body,
            text: "今天召开会议。".into(),
        });
        let p = DraftFacts::default().preview(&d);
        let text = crate::core::export::render_txt(&d);
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(p.len(), lines.len());
        let centred: Vec<&str> = p.iter().filter(|l| l.2).map(|l| l.0.as_str()).collect();
        assert_eq!(centred.len(), 3, "{p:?}");
        assert_eq!(centred[0], "在全市机关党建工作会议上的讲话");
        assert_eq!(centred[1], "张\u{3000}明");
        assert!(p.iter().any(|l| !l.2 && l.0.contains("今天召开会议")));
    }
}
