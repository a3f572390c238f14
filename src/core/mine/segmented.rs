//! The per-worker cache of segmented texts, and what templates need of each text:
//! its blanks made slots, its specifics and its topic evidence.

use std::sync::Arc;

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::mine::{phrases, slots, specifics};
use crate::core::nlp::{self, Tagged};

/// Segmentation cache of one mining worker: each distinct text is segmented and
/// analysed once, and kept across speeches while the cache holds less than
/// `KEEP_BYTES` of text (see `clear`): an archive repeats paragraphs (a standard
/// opening, a speech saved twice), and every analysis depends on the text alone.
#[derive(Default)]
pub struct Segmented {
    cache: rustc_hash::FxHashMap<Arc<str>, Analysed>,
    /// Bytes of text the cache holds.
    bytes: usize,
}

/// Text a worker's cache may hold across speeches; with the words and the analyses
/// about ten times as much memory (≈10 MB a worker).
const KEEP_BYTES: usize = 1 << 20;

/// A text segmented, and what templates need of it once asked for.
struct Analysed {
    words: Arc<Tagged>,
    facts: Option<Arc<Facts>>,
    /// The topic evidence alone, once asked for: a phrase's paragraph needs only this, and
    /// when the paragraph has blanks its template is built from the filled text, so its
    /// specifics would be found for nothing.
    hits: Option<Arc<[(usize, u32)]>>,
    /// The text with its blanks made slots, once asked for; `Some(None)`: no blanks.
    blanks: Option<Option<Arc<Blanks>>>,
    /// The stock phrases in the text, once asked for.
    phrases: Option<Arc<Vec<phrases::Found>>>,
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
    pub topic_hits: Arc<[(usize, u32)]>,
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
        self.bytes += key.len();
        self.cache.insert(
            key,
            Analysed {
                words,
                facts: None,
                hits: None,
                blanks: None,
                phrases: None,
            },
        );
    }

    pub fn words(&mut self, text: &str) -> Arc<Tagged> {
        Arc::clone(&self.entry(text).words)
    }

    /// Called between speeches: forgets the long texts once they fill the cache, so a
    /// large corpus of distinct paragraphs is not heavy in memory.
    pub fn clear(&mut self) {
        if self.bytes <= KEEP_BYTES {
            return;
        }
        // Short texts (halves and items of set phrases) recur most: kept.
        self.cache.retain(|text, _| text.len() <= 12);
        self.bytes = self.cache.keys().map(|k| k.len()).sum();
    }

    /// The stock phrases of a text, found once per distinct text.
    pub fn phrases(&mut self, text: &str) -> Arc<Vec<phrases::Found>> {
        let entry = self.entry(text);
        if let Some(p) = &entry.phrases {
            return Arc::clone(p);
        }
        let found = Arc::new(phrases::find(text, &entry.words));
        entry.phrases = Some(Arc::clone(&found));
        found
    }

    /// The specifics and topic evidence of a text, found once per distinct text.
    pub fn facts(&mut self, text: &str, lex: &TopicLexicon) -> Arc<Facts> {
        let topic_hits = self.topic_hits(text, lex);
        let entry = self.entry(text);
        if let Some(f) = &entry.facts {
            return Arc::clone(f);
        }
        let f = Arc::new(Facts {
            specifics: specifics::find(&entry.words),
            topic_hits,
        });
        entry.facts = Some(Arc::clone(&f));
        f
    }

    /// The topic evidence of a text, found once per distinct text.
    pub fn topic_hits(&mut self, text: &str, lex: &TopicLexicon) -> Arc<[(usize, u32)]> {
        let entry = self.entry(text);
        if let Some(h) = &entry.hits {
            return Arc::clone(h);
        }
        let h: Arc<[(usize, u32)]> = lex.hits(entry.words.iter().map(|(w, _)| w)).into();
        entry.hits = Some(Arc::clone(&h));
        h
    }
}
