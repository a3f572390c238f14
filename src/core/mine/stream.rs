//! Mining in pieces: an import pipeline mines each batch of speeches as soon as it is
//! parsed and drops the speeches; the pieces, joined in source order, give the library
//! `mine` gives for all the speeches at once.

use std::collections::HashMap;

use super::merge::{Grouped, merge};
use super::{Partial, Source, mine_part};
use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::{Library, Template};

/// What a batch of speeches gave: templates and phrase occurrences, grouped.
pub struct Piece(pub(super) Partial);

impl Piece {
    /// Takes the templates out (an import writes them out at once rather than holding the
    /// whole library); what merging the phrases needs of them stays with the piece.
    pub fn take_templates(&mut self) -> Vec<Template> {
        let ts = std::mem::take(&mut self.0.templates);
        self.0.section_topics.extend(ts.iter().map(section_topics));
        ts
    }
}

/// A template's (file, path) and its first topics: the topics merging gives a phrase of
/// that section whose own words name none.
fn section_topics(t: &Template) -> ((String, String), Vec<String>) {
    (
        (t.source.file.clone(), t.source.path.clone()),
        t.topics.iter().take(2).cloned().collect(),
    )
}

/// Mines a batch of speeches.
pub fn mine_piece(sources: &[Source], lex: &TopicLexicon) -> Piece {
    Piece(mine_part(sources, lex))
}

/// Pieces joined so far, in source order.
#[derive(Default)]
pub struct Joined {
    templates: Vec<Template>,
    phrases: Grouped,
    /// Section topics of templates taken out of their pieces, in source order.
    taken: Vec<((String, String), Vec<String>)>,
}

impl Joined {
    /// Adds the next piece (pieces must come in source order for a deterministic library).
    pub fn push(&mut self, p: Piece) {
        self.templates.extend(p.0.templates);
        self.phrases.join(p.0.phrases);
        self.taken.extend(p.0.section_topics);
    }

    /// The library: templates in source order, phrases merged over all pieces.
    pub fn finish(self, lex: &TopicLexicon) -> Library {
        let mut lib = Library {
            templates: self.templates,
            phrases: Vec::new(),
        };
        // Topics of each section, for phrases whose own words name no topic (pieces are
        // either all taken or all kept, so this is source order).
        let section_topics: HashMap<(String, String), Vec<String>> = self
            .taken
            .into_iter()
            .chain(lib.templates.iter().map(section_topics))
            .collect();
        lib.phrases = merge(self.phrases, lex, &section_topics);
        lib
    }
}
