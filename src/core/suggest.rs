//! Phrase suggestion: which stock phrases fit the paragraph being written.
//!
//! BM25 over the phrases' jieba keywords, plus a bonus for each topic the phrase shares
//! with the context. Posting lists are ordered by impact and only their head is read, so
//! a query costs about the same on a library of 10,000 phrases as on one of 100,000.

use std::collections::HashMap;

use crate::core::lexicon::TopicLexicon;
use crate::core::library::{Phrase, PhraseKind};
use crate::core::nlp;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Score of sharing the context's best topic, in BM25 units.
const TOPIC_WEIGHT: f32 = 2.5;
/// Postings read per query term: bounds the cost of a query on a large library.
const MAX_POSTINGS: usize = 4096;

/// A ranked phrase and why it was suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Index into the phrases the index was built from.
    pub index: usize,
    pub score: f32,
    /// Context keywords the phrase contains.
    pub matched: Vec<String>,
    /// Context topics the phrase shares.
    pub topics: Vec<String>,
}

pub struct PhraseIndex {
    lex: TopicLexicon,
    /// keyword → (phrase, BM25 weight), best first.
    postings: HashMap<String, Vec<(u32, f32)>>,
    /// topic → phrases, most frequent first.
    by_topic: HashMap<String, Vec<u32>>,
    kinds: Vec<PhraseKind>,
    topics: Vec<Vec<String>>,
    counts: Vec<usize>,
}

impl PhraseIndex {
    pub fn new(phrases: &[Phrase], lex: TopicLexicon) -> Self {
        let n = phrases.len().max(1) as f32;
        let avg = phrases.iter().map(|p| p.keywords.len()).sum::<usize>() as f32 / n;
        let mut df: HashMap<&str, usize> = HashMap::new();
        for p in phrases {
            for k in &p.keywords {
                *df.entry(k.as_str()).or_default() += 1;
            }
        }
        let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
        let mut by_topic: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, p) in phrases.iter().enumerate() {
            let len = p.keywords.len() as f32;
            let norm = 1.0 - B + B * len / avg.max(1.0);
            for k in &p.keywords {
                let d = df[k.as_str()] as f32;
                let idf = ((n - d + 0.5) / (d + 0.5) + 1.0).ln();
                let w = idf * (K1 + 1.0) / (1.0 + K1 * norm);
                postings.entry(k.clone()).or_default().push((i as u32, w));
            }
            for t in &p.topics {
                by_topic.entry(t.clone()).or_default().push(i as u32);
            }
        }
        for list in postings.values_mut() {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        for list in by_topic.values_mut() {
            list.sort_by(|&a, &b| {
                phrases[b as usize]
                    .count
                    .cmp(&phrases[a as usize].count)
                    .then(a.cmp(&b))
            });
        }
        PhraseIndex {
            lex,
            postings,
            by_topic,
            kinds: phrases.iter().map(|p| p.kind).collect(),
            topics: phrases.iter().map(|p| p.topics.clone()).collect(),
            counts: phrases.iter().map(|p| p.count).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The `k` best phrases for a paragraph under a heading, optionally of some kinds only.
    pub fn query(
        &self,
        heading: &str,
        body: &str,
        k: usize,
        kinds: Option<&[PhraseKind]>,
    ) -> Vec<Suggestion> {
        let head_words = nlp::cut(heading);
        let body_words = nlp::cut(body);
        let ctx_topics = self
            .lex
            .classify(head_words.iter().copied(), body_words.iter().copied());
        let mut terms = nlp::keywords_of(&head_words);
        for w in nlp::keywords_of(&body_words) {
            if !terms.contains(&w) {
                terms.push(w);
            }
        }
        let allowed = |i: u32| kinds.is_none_or(|ks| ks.contains(&self.kinds[i as usize]));
        let mut acc: HashMap<u32, (f32, Vec<String>)> = HashMap::new();
        for t in &terms {
            if let Some(list) = self.postings.get(t.as_str()) {
                for &(i, w) in list.iter().filter(|(i, _)| allowed(*i)).take(MAX_POSTINGS) {
                    let e = acc.entry(i).or_default();
                    e.0 += w;
                    e.1.push(t.clone());
                }
            }
        }
        // Phrases sharing the context's topics are candidates even without a shared word.
        for t in &ctx_topics {
            if let Some(list) = self.by_topic.get(t) {
                for &i in list.iter().filter(|&&i| allowed(i)).take(MAX_POSTINGS) {
                    acc.entry(i).or_default();
                }
            }
        }
        let mut out: Vec<Suggestion> = acc
            .into_iter()
            .map(|(i, (bm25, matched))| {
                let mine = &self.topics[i as usize];
                let shared: Vec<String> = ctx_topics
                    .iter()
                    .filter(|t| mine.contains(t))
                    .cloned()
                    .collect();
                let topic_score: f32 = ctx_topics
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| mine.contains(t))
                    .map(|(r, _)| TOPIC_WEIGHT / (r as f32 + 1.0))
                    .sum();
                let prior = (self.counts[i as usize] as f32).ln_1p() * 0.1;
                Suggestion {
                    index: i as usize,
                    score: bm25 + topic_score + prior,
                    matched,
                    topics: shared,
                }
            })
            .filter(|s| s.score > 0.2)
            .collect();
        let k = k.min(out.len());
        if k == 0 {
            return Vec::new();
        }
        let cmp = |a: &Suggestion, b: &Suggestion| {
            b.score.total_cmp(&a.score).then(a.index.cmp(&b.index))
        };
        out.select_nth_unstable_by(k - 1, cmp);
        out.truncate(k);
        out.sort_by(cmp);
        out
    }
}
