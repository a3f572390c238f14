//! The per-worker cache of segmented texts, and what templates need of each text:
//! its blanks made slots, its specifics and its topic evidence.

use std::sync::Arc;

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::mine::{slots, specifics};
use crate::core::nlp::{self, Tagged};

/// Segmentation cache of one mining worker: each distinct text of a speech is segmented
/// and analysed once; short texts are kept across speeches (see `clear`).
#[derive(Default)]
pub struct Segmented {
    cache: rustc_hash::FxHashMap<Arc<str>, Analysed>,
}

/// A text segmented, and what templates need of it once asked for.
struct Analysed {
    words: Arc<Tagged>,
    facts: Option<Arc<Facts>>,
    /// The text with its blanks made slots, once asked for; `Some(None)`: no blanks.
    blanks: Option<Option<Arc<Blanks>>>,
}

/// A text whose blanks became slots, and the blanks.
pub struct Blanks {
    pub filled: String,
    pub found: Vec<slots::Filled>,
}

/// What a template needs of one piece of its text: the specifics in it and the topic
/// evidence of its words.
pub struct Facts {
    pub specifics: Vec<crate::core::mine::found::Found>,
    pub topic_hits: Vec<(usize, u32)>,
}

impl Segmented {
    fn entry(&mut self, text: &str) -> &mut Analysed {
        if !self.cache.contains_key(text) {
            self.insert(Arc::new(nlp::segment(text)));
        }
        self.cache.get_mut(text).expect("just inserted")
    }

    /// `text` with its blanks made slots, if it has any; worked out once per text (a
    /// point's text recurs in its section's template).
    pub fn blanks(&mut self, text: &str) -> Option<Arc<Blanks>> {
        let entry = self.entry(text);
        if let Some(b) = &entry.blanks {
            return b.clone();
        }
        let blanks = (slots::may_have_blanks(text) || slots::may_have_count(text))
            .then(|| slots::fill_blanks(text))
            .filter(|(_, found)| !found.is_empty())
            .map(|(filled, found)| Arc::new(Blanks { filled, found }));
        entry.blanks = Some(blanks.clone());
        let words = Arc::clone(&entry.words);
        // The template's text is the filled one: its words are the text's, but around
        // the slots (a paragraph with blanks is often long).
        if let Some(b) = &blanks
            && !self.cache.contains_key(b.filled.as_str())
        {
            self.insert(Arc::new(nlp::resegment(&words, &b.filled)));
        }
        blanks
    }

    fn insert(&mut self, words: Arc<Tagged>) {
        let key = Arc::clone(&words.text);
        self.cache.insert(
            key,
            Analysed {
                words,
                facts: None,
                blanks: None,
            },
        );
    }

    pub fn words(&mut self, text: &str) -> Arc<Tagged> {
        Arc::clone(&self.entry(text).words)
    }

    /// Forgets the paragraphs: a speech's texts rarely recur in the next one, and a cache
    /// that only grows makes a large corpus slow to mine and heavy in memory.
    pub fn clear(&mut self) {
        // Short texts (halves and items of set phrases) recur across speeches: kept.
        self.cache.retain(|text, _| text.len() <= 12);
    }

    /// The specifics and topic evidence of a text, found once per distinct text.
    pub fn facts(&mut self, text: &str, lex: &TopicLexicon) -> Arc<Facts> {
        let entry = self.entry(text);
        if let Some(f) = &entry.facts {
            return Arc::clone(f);
        }
        let words = &entry.words;
        let f = Arc::new(Facts {
            specifics: specifics::find(words),
            topic_hits: lex.hits(words.iter().map(|(w, _)| w)),
        });
        entry.facts = Some(Arc::clone(&f));
        f
    }
}
