//! Every change to a draft, as data: `Draft::apply(Edit)` is the only writer of a draft's
//! content, for the app (buttons, phrase insertion, input methods, fixes, the meeting form)
//! and for `jianggao draft` alike. Undo is recorded around `apply` by its caller, in one
//! place, and an edit that changes nothing says so (no undo step, no revision).

use std::ops::Range;

pub use crate::core::draft::fixes::{TextFix, apply_fix, apply_fixes, fix_applies};
use crate::core::draft::{BlockId, BlockKind, Draft, Field, Meta, Numbering};
use crate::core::library::Template;

/// One change to a draft. Positions in text are in characters; `at` positions in the
/// block list are indices (`None`: where a block of that kind goes by default).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    InsertTemplate {
        template: Box<Template>,
        at: Option<usize>,
    },
    InsertBlank {
        kind: BlockKind,
        at: Option<usize>,
    },
    InsertText {
        block: BlockId,
        field: Field,
        at: usize,
        text: String,
    },
    RemoveText {
        block: BlockId,
        field: Field,
        range: Range<usize>,
    },
    /// A field's whole new text: what typing into a text box commits.
    SetText {
        block: BlockId,
        field: Field,
        text: String,
    },
    MoveBy {
        block: BlockId,
        by: i32,
    },
    MoveTo {
        from: usize,
        to: usize,
    },
    ToggleLevel(BlockId),
    Duplicate(BlockId),
    Delete(BlockId),
    /// Folds or unfolds a block (a section folds with its points).
    SetCollapsed {
        block: BlockId,
        collapsed: bool,
    },
    SetNumbering(Numbering),
    SetMeta(Box<Meta>),
    ApplyFix(TextFix),
    /// Several fixes in one undo step (every flagged occurrence of a carried-over name).
    ApplyFixes(Vec<TextFix>),
    FillSlots,
    /// Every occurrence of `find` in headings, bodies and the meeting details replaced.
    ReplaceAll {
        find: String,
        replace: String,
    },
    /// A new, empty draft in this one's place (undoable like any edit), numbered as given.
    /// Block ids go on from the old draft's, so none is given to another block.
    Clear(Numbering),
}

/// What an edit did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// False when the draft is exactly as before.
    pub changed: bool,
    /// The first block the edit created, if any.
    pub created: Option<BlockId>,
}

impl Applied {
    fn changed(changed: bool) -> Applied {
        Applied {
            changed,
            created: None,
        }
    }
}

fn field_mut(d: &mut Draft, block: BlockId, field: Field) -> Option<&mut String> {
    let i = d.index_of(block)?;
    let b = &mut d.blocks[i];
    Some(match field {
        Field::Heading => &mut b.heading,
        Field::Body => &mut b.body,
    })
}

/// Byte offset of character `n` in `s` (its end when `n` is past it).
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

impl Draft {
    /// Applies one edit. The only way the app and the CLI change a draft's content.
    // Over 80 lines: one arm per kind of edit; each arm is a call or a few lines.
    pub fn apply(&mut self, edit: Edit) -> Applied {
        match edit {
            Edit::InsertTemplate { template, at } => Applied {
                changed: true,
                created: Some(self.insert_template(&template, at)),
            },
            Edit::InsertBlank { kind, at } => Applied {
                changed: true,
                created: Some(self.insert_blank(kind, at)),
            },
            Edit::InsertText {
                block,
                field,
                at,
                text,
            } => Applied::changed(field_mut(self, block, field).is_some_and(|f| {
                let b = byte_at(f, at);
                f.insert_str(b, &text);
                !text.is_empty()
            })),
            Edit::RemoveText {
                block,
                field,
                range,
            } => Applied::changed(field_mut(self, block, field).is_some_and(|f| {
                let (s, e) = (byte_at(f, range.start), byte_at(f, range.end));
                s < e && {
                    f.replace_range(s..e, "");
                    true
                }
            })),
            Edit::SetText { block, field, text } => {
                Applied::changed(field_mut(self, block, field).is_some_and(|f| {
                    *f != text && {
                        *f = text;
                        true
                    }
                }))
            }
            Edit::MoveBy { block, by } => Applied::changed(self.move_by(block, by)),
            Edit::MoveTo { from, to } => {
                let before = self.blocks.iter().map(|b| b.id).collect::<Vec<_>>();
                self.move_to(from, to);
                Applied::changed(self.blocks.iter().map(|b| b.id).ne(before))
            }
            Edit::ToggleLevel(id) => Applied::changed(self.toggle_level(id)),
            Edit::Duplicate(id) => {
                let created = self.duplicate(id);
                Applied {
                    changed: created.is_some(),
                    created,
                }
            }
            Edit::Delete(id) => Applied::changed(self.delete(id)),
            Edit::SetCollapsed { block, collapsed } => {
                Applied::changed(self.index_of(block).is_some_and(|i| {
                    let b = &mut self.blocks[i];
                    b.collapsed != collapsed && {
                        b.collapsed = collapsed;
                        true
                    }
                }))
            }
            Edit::SetNumbering(n) => Applied::changed(
                self.numbering != n && {
                    self.numbering = n;
                    true
                },
            ),
            Edit::SetMeta(m) => Applied::changed(
                self.meta != *m && {
                    self.meta = *m;
                    true
                },
            ),
            Edit::ApplyFix(f) => Applied::changed(apply_fix(self, &f)),
            Edit::ApplyFixes(fs) => Applied::changed(apply_fixes(self, fs)),
            Edit::FillSlots => Applied::changed(fill_slots_in_place(self)),
            Edit::ReplaceAll { find, replace } => {
                Applied::changed(self.replace_all(&find, &replace) > 0)
            }
            Edit::Clear(numbering) => {
                let empty = Draft {
                    numbering,
                    next_id: self.next_id,
                    ..Draft::default()
                };
                Applied::changed(std::mem::replace(self, empty) != *self)
            }
        }
    }

    /// The index after which a block of `kind` goes when the caret is in block `i`: a
    /// point right after it, a section after the current section and its points.
    pub fn insert_point(&self, i: usize, kind: BlockKind) -> usize {
        let at = match kind {
            BlockKind::Opening => return self.default_position(BlockKind::Opening),
            BlockKind::Closing => return self.blocks.len(),
            BlockKind::Point => i + 1,
            BlockKind::Section => match (0..=i)
                .rev()
                .find(|&j| self.blocks[j].kind == BlockKind::Section)
            {
                Some(s) => self.group(s).end,
                // After the opening the caret is in (and any opening after it): the
                // first section.
                None if self
                    .blocks
                    .get(i)
                    .is_some_and(|b| b.kind == BlockKind::Opening) =>
                {
                    self.default_position(BlockKind::Opening).max(i + 1)
                }
                None => self.default_position(BlockKind::Section),
            },
        };
        // Never after the closing (a point dropped on it or below it).
        at.min(self.default_position(BlockKind::Section))
    }

    /// Occurrences of `find` in the text a writer edits: headings, bodies, meeting details.
    pub fn count_occurrences(&self, find: &str) -> usize {
        if find.is_empty() {
            return 0;
        }
        let m = &self.meta;
        [&m.title, &m.meeting, &m.unit, &m.speaker, &m.salutation]
            .into_iter()
            .chain(self.blocks.iter().flat_map(|b| [&b.heading, &b.body]))
            .map(|t| t.matches(find).count())
            .sum()
    }

    /// Replaces every occurrence; returns how many there were.
    fn replace_all(&mut self, find: &str, replace: &str) -> usize {
        let n = self.count_occurrences(find);
        if n == 0 || find == replace {
            return 0;
        }
        let m = &mut self.meta;
        for t in [
            &mut m.title,
            &mut m.meeting,
            &mut m.unit,
            &mut m.speaker,
            &mut m.salutation,
        ]
        .into_iter()
        .chain(
            self.blocks
                .iter_mut()
                .flat_map(|b| [&mut b.heading, &mut b.body]),
        ) {
            if t.contains(find) {
                *t = t.replace(find, replace);
            }
        }
        n
    }

    /// The block at an outline path as `paths()` gives it ("二", "二/（一）", "开头").
    pub fn block_at_path(&self, path: &str) -> Option<usize> {
        self.paths().iter().position(|p| p == path)
    }
}

/// Fills every `{slot}` the meeting details can fill, in the text itself.
pub fn fill_slots_in_place(d: &mut Draft) -> bool {
    let filled: Vec<(String, String)> = d
        .blocks
        .iter()
        .map(|b| (d.fill(&b.heading), d.fill(&b.body)))
        .collect();
    let mut changed = false;
    for (b, (h, body)) in d.blocks.iter_mut().zip(filled) {
        changed |= b.heading != h || b.body != body;
        b.heading = h;
        b.body = body;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::history::{ChangeKind, History};

    fn draft() -> Draft {
        let mut d = Draft::default();
        d.apply(Edit::InsertBlank {
            kind: BlockKind::Section,
            at: None,
        });
        d.apply(Edit::InsertBlank {
            kind: BlockKind::Point,
            at: None,
        });
        d.apply(Edit::InsertBlank {
            kind: BlockKind::Section,
            at: None,
        });
        d
    }

    #[test]
    fn a_section_inserted_from_the_opening_comes_first() {
        let mut d = Draft::default();
        for kind in [BlockKind::Opening, BlockKind::Section, BlockKind::Closing] {
            d.apply(Edit::InsertBlank { kind, at: None });
        }
        assert_eq!(d.insert_point(0, BlockKind::Section), 1);
        // From the section, after it; from the closing, before the closing.
        assert_eq!(d.insert_point(1, BlockKind::Section), 2);
        assert_eq!(d.insert_point(2, BlockKind::Section), 2);
        // A point from the closing goes before it; with two openings, a section from
        // the first goes after both.
        assert_eq!(d.insert_point(2, BlockKind::Point), 2);
        d.apply(Edit::InsertBlank {
            kind: BlockKind::Opening,
            at: Some(1),
        });
        assert_eq!(d.insert_point(0, BlockKind::Section), 2);
    }

    /// Each edit through apply, undone and redone by the one history.
    #[test]
    fn every_edit_applies_undoes_and_redoes() {
        let base = draft();
        let (s, p, s2) = (base.blocks[0].id, base.blocks[1].id, base.blocks[2].id);
        let edits = vec![
            Edit::InsertBlank {
                kind: BlockKind::Closing,
                at: None,
            },
            Edit::InsertText {
                block: s,
                field: Field::Body,
                at: 0,
                text: "加强学习".into(),
            },
            Edit::SetText {
                block: p,
                field: Field::Heading,
                text: "压实责任".into(),
            },
            Edit::MoveBy { block: s2, by: -1 },
            Edit::MoveTo { from: 2, to: 0 },
            Edit::ToggleLevel(p),
            Edit::Duplicate(s),
            Edit::Delete(p),
            Edit::SetCollapsed {
                block: s,
                collapsed: true,
            },
            Edit::SetNumbering(Numbering::Speech),
            Edit::SetMeta(Box::new(Meta {
                title: "讲话".into(),
                ..Meta::default()
            })),
            Edit::Clear(Numbering::Speech),
        ];
        for (n, e) in edits.into_iter().enumerate() {
            let mut d = base.clone();
            let mut h = History::default();
            let before = d.clone();
            let r = d.apply(e.clone());
            assert!(r.changed, "edit {n} changed the draft: {e:?}");
            h.record(&before, ChangeKind::Structure, n as f64 * 10.0);
            let after = d.clone();
            assert!(h.undo(&mut d));
            assert_eq!(d, before, "undo of {e:?}");
            assert!(h.redo(&mut d));
            assert_eq!(d, after, "redo of {e:?}");
        }
    }

    #[test]
    fn edits_that_change_nothing_say_so() {
        let mut d = draft();
        let s = d.blocks[0].id;
        let same = d.clone();
        for e in [
            Edit::RemoveText {
                block: s,
                field: Field::Body,
                range: 0..0,
            },
            Edit::SetText {
                block: s,
                field: Field::Body,
                text: String::new(),
            },
            Edit::Delete(BlockId(999)),
            Edit::MoveBy { block: s, by: -1 },
            Edit::SetCollapsed {
                block: s,
                collapsed: false,
            },
        ] {
            assert!(!d.apply(e.clone()).changed, "{e:?}");
            assert_eq!(d, same);
        }
    }

    /// A new draft is an edit like any other; the ids of the old blocks are not reused.
    #[test]
    fn clearing_is_an_edit_and_keeps_ids_unique() {
        let mut d = draft();
        let old: Vec<BlockId> = d.blocks.iter().map(|b| b.id).collect();
        assert!(d.apply(Edit::Clear(Numbering::Speech)).changed);
        assert!(d.blocks.is_empty());
        assert_eq!(
            (d.meta.clone(), d.numbering),
            (Meta::default(), Numbering::Speech)
        );
        let new = d
            .apply(Edit::InsertBlank {
                kind: BlockKind::Opening,
                at: None,
            })
            .created
            .unwrap();
        assert!(!old.contains(&new));
        let mut empty = Draft::default();
        assert!(!empty.apply(Edit::Clear(Numbering::default())).changed);
    }

    #[test]
    fn replace_all_is_one_edit_everywhere() {
        let mut d = draft();
        let (s, p) = (d.blocks[0].id, d.blocks[1].id);
        for (b, f, t) in [
            (s, Field::Heading, "部机关党建"),
            (s, Field::Body, "部机关要带头，部机关干部要带头。"),
            (p, Field::Body, "机关"),
        ] {
            d.apply(Edit::SetText {
                block: b,
                field: f,
                text: t.into(),
            });
        }
        assert_eq!(d.count_occurrences("部机关"), 3);
        let mut h = History::default();
        let before = d.clone();
        let r = d.apply(Edit::ReplaceAll {
            find: "部机关".into(),
            replace: "机关".into(),
        });
        assert!(r.changed);
        h.record(&before, ChangeKind::Structure, 0.0);
        assert_eq!(d.blocks[0].body, "机关要带头，机关干部要带头。");
        assert_eq!(d.count_occurrences("部机关"), 0);
        assert!(h.undo(&mut d), "one undo step");
        assert_eq!(d, before);
        assert!(
            !d.apply(Edit::ReplaceAll {
                find: "不存在".into(),
                replace: "x".into(),
            })
            .changed
        );
    }

    #[test]
    fn text_edits_count_characters_not_bytes() {
        let mut d = draft();
        let s = d.blocks[0].id;
        d.apply(Edit::SetText {
            block: s,
            field: Field::Body,
            text: "全面从严治党".into(),
        });
        d.apply(Edit::InsertText {
            block: s,
            field: Field::Body,
            at: 2,
            text: "、".into(),
        });
        assert_eq!(d.blocks[0].body, "全面、从严治党");
        d.apply(Edit::RemoveText {
            block: s,
            field: Field::Body,
            range: 2..3,
        });
        assert_eq!(d.blocks[0].body, "全面从严治党");
        // Past the end: inserted at the end, removal clipped.
        d.apply(Edit::InsertText {
            block: s,
            field: Field::Body,
            at: 99,
            text: "。".into(),
        });
        assert_eq!(d.blocks[0].body, "全面从严治党。");
    }
}
