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

/// Mines a batch of speeches.
pub fn mine_piece(sources: &[Source], lex: &TopicLexicon) -> Piece {
    Piece(mine_part(sources, lex))
}

/// Pieces joined so far, in source order.
#[derive(Default)]
pub struct Joined {
    templates: Vec<Template>,
    phrases: Grouped,
}

impl Joined {
    /// Adds the next piece (pieces must come in source order for a deterministic library).
    pub fn push(&mut self, p: Piece) {
        self.templates.extend(p.0.templates);
        self.phrases.join(p.0.phrases);
    }

    /// The library: templates in source order, phrases merged over all pieces.
    pub fn finish(self, lex: &TopicLexicon) -> Library {
        let mut lib = Library {
            templates: self.templates,
            phrases: Vec::new(),
        };
        // Topics of each section, for phrases whose own words name no topic.
        let section_topics: HashMap<(String, String), Vec<String>> = lib
            .templates
            .iter()
            .map(|t| {
                (
                    (t.source.file.clone(), t.source.path.clone()),
                    t.topics.clone(),
                )
            })
            .collect();
        lib.phrases = merge(self.phrases, lex, &section_topics);
        lib
    }
}
