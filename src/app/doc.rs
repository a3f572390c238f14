//! The document behind the window: its file, and the revisions that say whether it is
//! saved and autosaved.

use std::path::PathBuf;

use crate::core::draft::Draft;

/// The document: its file, and revision counters for unsaved and autosaved state.
#[derive(Debug, Default)]
pub struct Doc {
    pub path: Option<PathBuf>,
    pub rev: u64,
    pub saved_rev: u64,
    pub autosaved_rev: u64,
    pub last_autosave: Option<f64>,
    /// "HH:MM:SS" of the last autosave, for the status bar.
    pub autosave_label: Option<String>,
    /// The draft as its file holds it (opened or saved), to tell when undo has brought
    /// it back there.
    pub saved: Option<Draft>,
}

impl Doc {
    pub fn dirty(&self) -> bool {
        self.rev != self.saved_rev
    }

    /// Counts a new revision of `draft`: unsaved, unless it is again what its file holds.
    pub fn revised(&mut self, draft: &Draft) {
        self.rev += 1;
        if self.saved.as_ref() == Some(draft) {
            self.saved_rev = self.rev;
        }
    }

    /// The document state for another draft put in its place (opened or restored), saved
    /// as it stands. Revisions go on from this one's, so nothing cached or checked for the
    /// old draft passes for the new one.
    pub fn replaced(&self, path: Option<PathBuf>) -> Doc {
        let rev = self.rev + 1;
        Doc {
            path,
            rev,
            saved_rev: rev,
            autosaved_rev: rev,
            ..Doc::default()
        }
    }
}
