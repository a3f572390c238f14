//! Applying the actions collected during a frame, once, at its end. Every change to the
//! draft goes through `JiangGaoApp::edit`, which applies a core `Edit` and records the
//! undo step and the revision in one place.

use super::{Action, Caret, Focus, JiangGaoApp, Placed};
use crate::core::draft::Field;
use crate::core::draft::edit::{Applied, Edit};
use crate::core::draft::history::ChangeKind;
use crate::core::draft::{BlockId, BlockKind};

impl JiangGaoApp {
    /// Applies an edit to the draft; a change gets an undo step and a new revision.
    pub fn edit(&mut self, e: Edit, kind: ChangeKind, now: f64) -> Applied {
        let before = self.draft.clone();
        let r = self.draft.apply(e);
        if r.changed {
            self.changed(&before, kind, now);
        }
        r
    }

    /// Where a block of `kind` goes: after the block with the caret, by kind.
    fn insert_at(&self, after_block: Option<BlockId>, kind: BlockKind) -> Option<usize> {
        after_block
            .or(self.focus.map(|f| f.block))
            .and_then(|b| self.draft.index_of(b))
            .map(|i| self.draft.insert_point(i, kind))
    }

    pub(super) fn apply(&mut self, a: Action, ctx: &egui::Context, now: f64) {
        match a {
            Action::Command(c) => self.run_command(c, ctx, now),
            Action::OpenPath(p) => self.open_path(&p),
            Action::InsertTemplate { id, after_block } => {
                self.insert_template(&id, after_block, now);
            }
            Action::InsertBlank(kind) => {
                let at = self.insert_at(None, kind);
                let r = self.edit(Edit::InsertBlank { kind, at }, ChangeKind::Structure, now);
                if let Some(id) = r.created {
                    self.view.focus_request = Some(Caret::new(id, Field::first_of(kind), None));
                }
            }
            Action::File(r) => self.file_request(r),
            Action::Info(m) => self.set_info(m),
            Action::Jump(c) => {
                self.view.focus_request = Some(c);
                self.view.preview = false;
            }
            Action::Type { block, field, text } => {
                self.clear_info();
                let e = Edit::SetText { block, field, text };
                self.edit(e, ChangeKind::Typing(Some((block, field))), now);
                self.phrases.dirty = true;
            }
            Action::TypeMeta(meta) => {
                self.clear_info();
                self.edit(Edit::SetMeta(meta), ChangeKind::Typing(None), now);
            }
            Action::Caret(f) => self.caret(f),
            Action::Placed(Placed::Caret(c)) => {
                // A newer request (from this frame's actions) waits for the next frame.
                if self.view.focus_request == Some(c) {
                    self.view.focus_request = None;
                }
            }
            Action::Placed(Placed::Top) => {
                self.view.scroll_to_top = false;
            }
            Action::InsertPhrase(text) => self.insert_phrase(text, now),
            Action::ReplaceParagraph(text) => self.replace_paragraph(&text, now),
            Action::InsertParagraph(text) => self.insert_paragraph(&text, now),
            Action::Edit(e) => {
                self.before_edit(&e);
                let fill = matches!(e, Edit::FillSlots);
                // Nothing to fill says so: the button otherwise looks broken.
                if !self.edit(e, ChangeKind::Structure, now).changed && fill {
                    let slots = self.draft.blocks.iter().any(|b| {
                        !crate::core::draft::slots::slot_names(&b.heading).is_empty()
                            || !crate::core::draft::slots::slot_names(&b.body).is_empty()
                    });
                    self.set_info(if slots {
                        "会议信息中还没有空位需要的内容：请先填写单位、讲话人、日期等，再写入空位".into()
                    } else {
                        "没有可用会议信息填写的空位（{本单位}{讲话人}{日期} 等）；“××”等空白请逐个改写"
                            .into()
                    });
                }
            }
        }
    }

    /// Inserts a library template after the given block (or the focused one) and
    /// puts the caret in its first body.
    fn insert_template(&mut self, id: &str, after_block: Option<BlockId>, now: f64) {
        let Some(t) = self
            .library()
            .templates
            .iter()
            .find(|t| t.id == id)
            .cloned()
        else {
            return;
        };
        let at = self.insert_at(after_block, BlockKind::from(t.kind));
        let heading = if t.heading.is_empty() {
            t.kind.label().to_string()
        } else {
            t.heading.clone()
        };
        let r = self.edit(
            Edit::InsertTemplate {
                template: Box::new(t),
                at,
            },
            ChangeKind::Structure,
            now,
        );
        if let Some(first) = r.created {
            self.view.focus_request = Some(Caret::new(first, Field::Body, None));
        }
        self.set_info(format!("已插入：{heading}"));
    }

    /// What the status line says of a structural edit, and the state it resets.
    fn before_edit(&mut self, e: &Edit) {
        match e {
            Edit::Delete(id) => {
                if self.focus.is_some_and(|f| f.block == *id) {
                    self.focus = None;
                }
                self.set_info("已删除（Ctrl+Z 可撤销）".into());
            }
            Edit::ReplaceAll { find, .. } => {
                let n = self.draft.count_occurrences(find);
                self.set_info(format!("已替换 {n} 处（Ctrl+Z 可撤销）"));
            }
            Edit::ApplyFixes(fs) => {
                let n = fs
                    .iter()
                    .filter(|f| crate::core::draft::edit::fix_applies(&self.draft, f))
                    .count();
                if n == 0 {
                    self.set_error("原文已改动，没有改写；请等检查更新后再试".into());
                } else {
                    self.set_info(format!("已改写 {n} 处（Ctrl+Z 可撤销）"));
                }
            }
            // The scheme chosen becomes the default for new drafts.
            Edit::SetNumbering(n) => self.prefs.numbering = *n,
            _ => {}
        }
    }

    /// The caret moved: moving to another field ends the typing step, and suggestions
    /// follow the caret.
    fn caret(&mut self, f: Option<Focus>) {
        let Some(f) = f else {
            self.history.break_step();
            return;
        };
        if self.focus != Some(f) {
            if self.focus.map(|x| (x.block, x.field)) != Some((f.block, f.field)) {
                self.history.break_step();
            }
            self.focus = Some(f);
            self.phrases.dirty = true;
        }
    }

    /// Inserts a phrase at the caret of the focused field.
    fn insert_phrase(&mut self, text: String, now: f64) {
        let Some(f) = self.focus else {
            self.set_error("请先在讲稿中点击要插入的位置".into());
            return;
        };
        let cursor = f.cursor + text.chars().count();
        let e = Edit::InsertText {
            block: f.block,
            field: f.field,
            at: f.cursor,
            text,
        };
        self.edit_at_caret(e, f, cursor, now);
    }

    /// Replaces the line of the focused body that holds the caret (one undo step).
    fn replace_paragraph(&mut self, text: &str, now: f64) {
        let Some((f, body, (start, end))) = self.caret_line("请先在正文中点击要替换的段落")
        else {
            return;
        };
        let chars: Vec<char> = body.chars().collect();
        let new: String = chars[..start]
            .iter()
            .copied()
            .chain(text.chars())
            .chain(chars[end..].iter().copied())
            .collect();
        let cursor = start + text.chars().count();
        let e = Edit::SetText {
            block: f.block,
            field: Field::Body,
            text: new,
        };
        self.edit_at_caret(e, f, cursor, now);
    }

    /// Puts a paragraph of its own after the line of the focused body that holds the
    /// caret (into that line if it is empty), the caret at its end (one undo step).
    fn insert_paragraph(&mut self, text: &str, now: f64) {
        let Some((f, body, (start, end))) = self.caret_line("请先在正文中点击要插入的位置")
        else {
            return;
        };
        let chars: Vec<char> = body.chars().collect();
        let empty_line = chars[start..end].iter().all(|c| c.is_whitespace());
        let (at, lead) = if empty_line { (start, "") } else { (end, "\n") };
        let new: String = chars[..at]
            .iter()
            .copied()
            .chain(lead.chars())
            .chain(text.chars())
            .chain(chars[end..].iter().copied())
            .collect();
        let cursor = at + lead.chars().count() + text.chars().count();
        let e = Edit::SetText {
            block: f.block,
            field: Field::Body,
            text: new,
        };
        self.edit_at_caret(e, f, cursor, now);
    }

    /// The focused body, its text and the character range of the line holding the caret;
    /// `None` (saying `ask` on the status line) when no body has the caret.
    fn caret_line(&mut self, ask: &str) -> Option<(Focus, String, (usize, usize))> {
        let Some(f) = self.focus.filter(|f| f.field == Field::Body) else {
            self.set_error(ask.into());
            return None;
        };
        let i = self.draft.index_of(f.block)?;
        let body = self.draft.blocks[i].body.clone();
        let mut start = 0;
        let mut end = 0;
        for line in body.split('\n') {
            end = start + line.chars().count();
            if f.cursor <= end {
                break;
            }
            start = end + 1;
        }
        let n = body.chars().count();
        Some((f, body, (start.min(n), end.min(n))))
    }

    /// An edit of the focused field that leaves the caret at `cursor` (characters).
    fn edit_at_caret(&mut self, e: Edit, f: Focus, cursor: usize, now: f64) {
        if self.edit(e, ChangeKind::Structure, now).changed {
            self.focus = Some(Focus { cursor, ..f });
            self.view.focus_request = Some(Caret::new(f.block, f.field, Some(cursor)));
            self.phrases.dirty = true;
        }
    }
}
