//! The words around a phrase where past speeches used it: the sentence it stood in and
//! the heading above it. A paragraph a writer types rarely repeats a stock phrase's own
//! words (一个表彰段落说“勇挑重担”，不说“挑最重的担子”), but it often shares words with
//! the sentences that phrase was used in; those words let the panel find it.

use rustc_hash::FxHashMap;

use crate::core::library::{Library, Phrase, Template};
use crate::core::nlp;
use crate::core::suggest::terms::norm;

/// Sources of a phrase read for its context: a phrase used in many speeches has its
/// sense from the first few.
const MAX_SOURCES: usize = 4;
/// Context words kept per phrase, most frequent first.
const MAX_WORDS: usize = 24;

/// Per phrase of `lib.phrases`, the keywords of the sentences it was used in (and their
/// headings) that are not its own, most frequent first.
pub fn phrase_contexts(lib: &Library) -> Vec<Vec<String>> {
    let by_place: FxHashMap<(&str, &str), &Template> = lib
        .templates
        .iter()
        .flat_map(|t| {
            std::iter::once(&t.source)
                .chain(t.also.iter())
                .map(move |p| ((p.file.as_str(), p.path.as_str()), t))
        })
        .collect();
    lib.phrases
        .iter()
        .map(|p| context_of(p, &by_place))
        .collect()
}

fn context_of(p: &Phrase, by_place: &FxHashMap<(&str, &str), &Template>) -> Vec<String> {
    let own = norm(&p.text);
    if own.is_empty() {
        return Vec::new();
    }
    let mut count: FxHashMap<String, u32> = FxHashMap::default();
    let mut order: Vec<String> = Vec::new();
    let mut seen_places = 0;
    for s in &p.sources {
        if seen_places == MAX_SOURCES {
            break;
        }
        let Some(t) = by_place.get(&(s.file.as_str(), s.path.as_str())) else {
            continue;
        };
        seen_places += 1;
        let mut text = t.heading.clone();
        text.push('。');
        for para in t
            .paragraphs
            .iter()
            .chain(t.children.iter().flat_map(|c| &c.paragraphs))
        {
            for sentence in sentences(para) {
                if norm(sentence).contains(own.as_str()) {
                    text.push_str(sentence);
                    text.push('。');
                }
            }
        }
        for w in nlp::keywords(&text) {
            if p.keywords.contains(&w) || own.contains(w.as_str()) {
                continue;
            }
            let c = count.entry(w.clone()).or_default();
            if *c == 0 {
                order.push(w);
            }
            *c += 1;
        }
    }
    // Most frequent first; ties in order of appearance.
    order.sort_by_key(|w| std::cmp::Reverse(count[w]));
    order.truncate(MAX_WORDS);
    order
}

/// The sentences of a paragraph (ended by 。！？；).
fn sentences(para: &str) -> impl Iterator<Item = &str> {
    para.split_inclusive(['。', '！', '？', '；'])
        .filter(|s| !s.trim().is_empty())
}
