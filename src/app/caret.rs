//! Where the caret is, and where it is to go.

use crate::core::draft::{BlockId, Field};

/// Which text field of which block has the caret, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub block: BlockId,
    pub field: Field,
    /// Caret position in characters.
    pub cursor: usize,
}

/// Where the caret is to go (after an insertion, a find hit, a finding): a field of a
/// block and, if given, a character position in it; with an anchor, the characters
/// between the two are selected, so what the writer types or pastes replaces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caret {
    pub block: BlockId,
    pub field: Field,
    pub cursor: Option<usize>,
    pub anchor: Option<usize>,
}

impl Caret {
    pub fn new(block: BlockId, field: Field, cursor: Option<usize>) -> Self {
        Caret {
            block,
            field,
            cursor,
            anchor: None,
        }
    }

    /// The characters `start..end` of a field selected, the caret at their end.
    pub fn selecting(block: BlockId, field: Field, start: usize, end: usize) -> Self {
        Caret {
            block,
            field,
            cursor: Some(end),
            anchor: Some(start),
        }
    }
}
