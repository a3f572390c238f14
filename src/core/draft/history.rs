//! Undo and redo for the whole draft, text and structure alike.
//!
//! Each undo point is a snapshot of the draft before a change. Typing into the same
//! field in quick succession is one step; any other change starts a new one. The stack
//! is capped and never saved.

use crate::core::draft::Field;
use crate::core::draft::{BlockId, Draft};

/// At most this many steps are kept.
pub const MAX_STEPS: usize = 200;
/// Typing pauses longer than this start a new undo step.
pub const COALESCE_SECONDS: f64 = 1.5;

/// What a change touched, to decide whether it continues the previous step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Typing in one field of one block, or (`None`) in the meeting details.
    Typing(Option<(BlockId, Field)>),
    /// Anything else: inserting, moving, deleting, renumbering.
    Structure,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Draft>,
    redo: Vec<Draft>,
    last: Option<(ChangeKind, f64)>,
}

impl History {
    /// Records `before` as an undo point for a change of `kind` at time `now` (seconds),
    /// unless it continues the typing step in progress.
    pub fn record(&mut self, before: &Draft, kind: ChangeKind, now: f64) {
        let continues = matches!((kind, self.last), (ChangeKind::Typing(..), Some((k, t))) if k == kind && now - t < COALESCE_SECONDS);
        if !continues {
            self.undo.push(before.clone());
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last = Some((kind, now));
    }

    /// Ends the typing step in progress (e.g. when the field loses focus).
    pub fn break_step(&mut self) {
        self.last = None;
    }

    pub fn undo(&mut self, current: &mut Draft) -> bool {
        let Some(prev) = self.undo.pop() else {
            return false;
        };
        self.redo.push(std::mem::replace(current, prev));
        self.last = None;
        true
    }

    pub fn redo(&mut self, current: &mut Draft) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(current, next));
        self.last = None;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::BlockKind;

    #[test]
    fn typing_coalesces_and_structure_does_not() {
        let mut h = History::default();
        let mut d = Draft::default();
        let id = d.insert_blank(BlockKind::Opening, None);
        h.record(&Draft::default(), ChangeKind::Structure, 0.0);
        for (i, t) in [0.1, 0.5, 1.0].iter().enumerate() {
            h.record(&d, ChangeKind::Typing(Some((id, Field::Body))), *t);
            d.blocks[0].body.push_str(&i.to_string());
        }
        // A pause starts a new step.
        h.record(&d, ChangeKind::Typing(Some((id, Field::Body))), 5.0);
        d.blocks[0].body.push('x');
        assert!(h.undo(&mut d));
        assert_eq!(d.blocks[0].body, "012");
        assert!(h.undo(&mut d));
        assert_eq!(d.blocks[0].body, "");
        assert!(h.undo(&mut d));
        assert!(d.blocks.is_empty());
        assert!(!h.undo(&mut d));
        assert!(h.redo(&mut d) && h.redo(&mut d) && h.redo(&mut d));
        assert_eq!(d.blocks[0].body, "012x");
    }

    #[test]
    fn the_stack_is_capped() {
        let mut h = History::default();
        let d = Draft::default();
        for i in 0..MAX_STEPS + 50 {
            h.record(&d, ChangeKind::Structure, i as f64);
        }
        let mut cur = Draft::default();
        let mut n = 0;
        while h.undo(&mut cur) {
            n += 1;
        }
        assert_eq!(n, MAX_STEPS);
    }
}
