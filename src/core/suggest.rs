//! Phrase suggestion: which stock phrases fit the paragraph being written.
//!
//! BM25 over the phrases' jieba keywords, plus a bonus for each topic the phrase shares
//! with the context. Posting lists are ordered by impact and only their head is read, so
//! a query costs about the same on a library of 10,000 phrases as on one of 100,000.

use rustc_hash::FxHashMap;

use crate::core::lexicon::TopicLexicon;
use crate::core::library::{Phrase, PhraseKind};
use crate::core::nlp;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Score of sharing the context's best topic, in BM25 units.
const TOPIC_WEIGHT: f32 = 2.5;
/// Postings read per query term, best first: bounds the cost of a query on a large
/// library (the rest of a long list only holds longer, lower-scoring phrases).
const MAX_POSTINGS: usize = 256;
/// Phrases taken per context topic as candidates without a shared word.
const MAX_TOPIC_CANDIDATES: usize = 128;

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
    postings: FxHashMap<String, Vec<(u32, f32)>>,
    /// topic index → phrases, most frequent first.
    by_topic: Vec<Vec<u32>>,
    kinds: Vec<PhraseKind>,
    /// Bit t set when the phrase has lexicon topic t.
    topic_bits: Vec<u64>,
    prior: Vec<f32>,
}

impl PhraseIndex {
    pub fn new(phrases: &[Phrase], lex: TopicLexicon) -> Self {
        let n = phrases.len().max(1) as f32;
        let avg = phrases.iter().map(|p| p.keywords.len()).sum::<usize>() as f32 / n;
        let mut df: FxHashMap<&str, usize> = FxHashMap::default();
        for p in phrases {
            for k in &p.keywords {
                *df.entry(k.as_str()).or_default() += 1;
            }
        }
        let topic_no: FxHashMap<&str, usize> = lex
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let mut postings: FxHashMap<String, Vec<(u32, f32)>> = FxHashMap::default();
        let mut by_topic: Vec<Vec<u32>> = vec![Vec::new(); lex.topics.len()];
        let mut topic_bits = Vec::with_capacity(phrases.len());
        for (i, p) in phrases.iter().enumerate() {
            let len = p.keywords.len() as f32;
            let norm = 1.0 - B + B * len / avg.max(1.0);
            for k in &p.keywords {
                let d = df[k.as_str()] as f32;
                let idf = ((n - d + 0.5) / (d + 0.5) + 1.0).ln();
                let w = idf * (K1 + 1.0) / (1.0 + K1 * norm);
                postings.entry(k.clone()).or_default().push((i as u32, w));
            }
            let mut bits = 0u64;
            for t in &p.topics {
                if let Some(&ti) = topic_no.get(t.as_str()) {
                    by_topic[ti].push(i as u32);
                    if ti < 64 {
                        bits |= 1 << ti;
                    }
                }
            }
            topic_bits.push(bits);
        }
        for list in postings.values_mut() {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        for list in &mut by_topic {
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
            topic_bits,
            prior: phrases
                .iter()
                .map(|p| (p.count as f32).ln_1p() * 0.1)
                .collect(),
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
        let ctx_topic_no: Vec<usize> = ctx_topics
            .iter()
            .filter_map(|t| self.lex.topics.iter().position(|x| &x.name == t))
            .collect();
        let mut terms = nlp::keywords_of(&head_words);
        for w in nlp::keywords_of(&body_words) {
            if !terms.contains(&w) {
                terms.push(w);
            }
        }
        terms.truncate(64);
        let allowed = |i: u32| kinds.is_none_or(|ks| ks.contains(&self.kinds[i as usize]));
        // phrase → (BM25 score, bit set of matched terms)
        let mut acc: FxHashMap<u32, (f32, u64)> = FxHashMap::default();
        for (ti, t) in terms.iter().enumerate() {
            if let Some(list) = self.postings.get(t.as_str()) {
                for &(i, w) in list.iter().filter(|(i, _)| allowed(*i)).take(MAX_POSTINGS) {
                    let e = acc.entry(i).or_default();
                    e.0 += w;
                    e.1 |= 1 << ti;
                }
            }
        }
        // Phrases sharing the context's topics are candidates even without a shared word.
        for &t in &ctx_topic_no {
            for &i in self.by_topic[t]
                .iter()
                .filter(|&&i| allowed(i))
                .take(MAX_TOPIC_CANDIDATES)
            {
                acc.entry(i).or_default();
            }
        }
        let topic_score = |i: u32| -> f32 {
            let bits = self.topic_bits[i as usize];
            ctx_topic_no
                .iter()
                .enumerate()
                .filter(|&(_, &t)| t < 64 && bits & (1 << t) != 0)
                .map(|(r, _)| TOPIC_WEIGHT / (r as f32 + 1.0))
                .sum()
        };
        let mut ranked: Vec<(u32, f32, u64)> = acc
            .into_iter()
            .map(|(i, (bm25, m))| (i, bm25 + topic_score(i) + self.prior[i as usize], m))
            .filter(|&(_, s, _)| s > 0.2)
            .collect();
        let k = k.min(ranked.len());
        if k == 0 {
            return Vec::new();
        }
        let cmp =
            |a: &(u32, f32, u64), b: &(u32, f32, u64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        ranked.select_nth_unstable_by(k - 1, cmp);
        ranked.truncate(k);
        ranked.sort_by(cmp);
        ranked
            .into_iter()
            .map(|(i, score, m)| {
                let bits = self.topic_bits[i as usize];
                Suggestion {
                    index: i as usize,
                    score,
                    matched: terms
                        .iter()
                        .enumerate()
                        .filter(|(t, _)| m & (1 << t) != 0)
                        .map(|(_, w)| w.clone())
                        .collect(),
                    topics: ctx_topic_no
                        .iter()
                        .filter(|&&t| t < 64 && bits & (1 << t) != 0)
                        .map(|&t| self.lex.topics[t].name.clone())
                        .collect(),
                }
            })
            .collect()
    }
}
