//! What the scans for specifics report: a kind, the text and its character range.

use crate::core::library::SpecificKind;

/// A specific found in one piece of text: kind, text and character range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: SpecificKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}
