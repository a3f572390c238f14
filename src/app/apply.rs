//! Applying the actions collected during a frame, once, at its end.

use super::{Action, Focus, JiangGaoApp, insert_point};
use crate::core::draft::BlockKind;
use crate::core::history::ChangeKind;

impl JiangGaoApp {
    pub(super) fn apply(&mut self, a: Action, ctx: &egui::Context, now: f64) {
        match a {
            Action::Command(c) => self.run_command(c, ctx, now),
            Action::InsertTemplate { id, after_block } => {
                let Some(t) = self.library.templates.iter().find(|t| t.id == id).cloned() else {
                    return;
                };
                let at = after_block
                    .or(self.focus.map(|f| f.block))
                    .and_then(|b| self.draft.index_of(b))
                    .map(|i| insert_point(&self.draft, i, BlockKind::from(t.kind)));
                let before = self.draft.clone();
                let first = self.draft.insert_template(&t, at);
                self.changed(&before, ChangeKind::Structure, now);
                self.focus_request = Some((first, 1, None));
                self.set_info(format!("已插入：{}", t.source.path));
            }
            Action::InsertBlank(kind) => {
                let at = self
                    .focus
                    .and_then(|f| self.draft.index_of(f.block))
                    .map(|i| insert_point(&self.draft, i, kind));
                let before = self.draft.clone();
                let id = self.draft.insert_blank(kind, at);
                self.changed(&before, ChangeKind::Structure, now);
                self.focus_request = Some((
                    id,
                    if matches!(kind, BlockKind::Section | BlockKind::Point) {
                        0
                    } else {
                        1
                    },
                    None,
                ));
            }
            Action::InsertPhrase(text) => self.insert_phrase(&text, now),
            Action::ReplaceParagraph(text) => self.replace_paragraph(&text, now),
            Action::SetHeading(id, h) => self.structure_change(now, |d| {
                d.index_of(id).map(|i| d.blocks[i].heading = h).is_some()
            }),
            Action::MoveBy(id, dir) => self.structure_change(now, |d| d.move_by(id, dir)),
            Action::MoveTo { from, to } => self.structure_change(now, |d| {
                let before = d.blocks.clone();
                d.move_to(from, to);
                d.blocks != before
            }),
            Action::ToggleLevel(id) => self.structure_change(now, |d| d.toggle_level(id)),
            Action::Duplicate(id) => self.structure_change(now, |d| d.duplicate(id).is_some()),
            Action::Delete(id) => {
                self.structure_change(now, |d| d.delete(id));
                if self.focus.is_some_and(|f| f.block == id) {
                    self.focus = None;
                }
                self.set_info("已删除（Ctrl+Z 可撤销）".into());
            }
            Action::FocusBlock(id) => self.focus_request = Some((id, 1, None)),
            Action::OpenPath(p) => self.open_path(&p),
            Action::ApplyFix(f) => {
                self.structure_change(now, |d| crate::core::check::apply_fix(d, &f));
            }
            Action::FillSlots => {
                self.structure_change(now, crate::core::check::fill_slots_in_place)
            }
            Action::SetNumbering(n) => {
                self.prefs.numbering = n;
                self.structure_change(now, |d| {
                    let changed = d.numbering != n;
                    d.numbering = n;
                    changed
                });
            }
        }
    }

    /// Inserts a phrase at the caret of the focused field.
    fn insert_phrase(&mut self, text: &str, now: f64) {
        let Some(f) = self.focus else {
            self.set_error("请先在讲稿中点击要插入的位置".into());
            return;
        };
        let Some(i) = self.draft.index_of(f.block) else {
            return;
        };
        let before = self.draft.clone();
        let field = if f.field == 0 {
            &mut self.draft.blocks[i].heading
        } else {
            &mut self.draft.blocks[i].body
        };
        let at = field
            .char_indices()
            .nth(f.cursor)
            .map_or(field.len(), |(b, _)| b);
        field.insert_str(at, text);
        let cursor = f.cursor + text.chars().count();
        self.changed(&before, ChangeKind::Structure, now);
        self.focus = Some(Focus { cursor, ..f });
        self.focus_request = Some((f.block, f.field, Some(cursor)));
        self.phrases.dirty = true;
    }

    /// Replaces the line of the focused body that holds the caret.
    fn replace_paragraph(&mut self, text: &str, now: f64) {
        let Some(f) = self.focus.filter(|f| f.field == 1) else {
            self.set_error("请先在正文中点击要替换的段落".into());
            return;
        };
        let Some(i) = self.draft.index_of(f.block) else {
            return;
        };
        let before = self.draft.clone();
        let body = &self.draft.blocks[i].body;
        // The line holding the caret, in characters.
        let mut start = 0;
        let mut end = 0;
        for line in body.split('\n') {
            end = start + line.chars().count();
            if f.cursor <= end {
                break;
            }
            start = end + 1;
        }
        let chars: Vec<char> = body.chars().collect();
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        let new: String = chars[..start]
            .iter()
            .copied()
            .chain(text.chars())
            .chain(chars[end..].iter().copied())
            .collect();
        self.draft.blocks[i].body = new;
        let cursor = start + text.chars().count();
        self.changed(&before, ChangeKind::Structure, now);
        self.focus = Some(Focus { cursor, ..f });
        self.focus_request = Some((f.block, f.field, Some(cursor)));
        self.phrases.dirty = true;
    }
}
