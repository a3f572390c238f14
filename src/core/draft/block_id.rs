//! How a block of a draft and its texts are named: its id (stable while blocks move, never
//! an index) and which of its two texts, heading or body.

use serde::{Deserialize, Serialize};

use crate::core::library::TemplateKind as BlockKind;

/// A block's identity in its draft: stable while blocks move, never an index (the block's
/// place now is `Draft::index_of`). Saved as the plain number it wraps.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct BlockId(pub u64);

/// Which text of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Heading,
    Body,
}

impl Field {
    /// Where the caret goes in a new block: a section's or point's heading, else the body.
    pub fn first_of(kind: BlockKind) -> Field {
        match kind {
            BlockKind::Section | BlockKind::Point => Field::Heading,
            BlockKind::Opening | BlockKind::Closing => Field::Body,
        }
    }
}
