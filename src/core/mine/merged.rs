//! A phrase as merged over the corpus: what the rules that keep or drop phrases
//! (`judge`, `run_judge`) look at.

use crate::core::library::PhraseKind;

pub(super) struct Merged<'a> {
    pub kind: PhraseKind,
    pub text: &'a str,
    pub count: usize,
    /// Distinct files it occurs in.
    pub files: Vec<&'a str>,
    /// Occurrences that read as the source's own.
    pub own: usize,
}
