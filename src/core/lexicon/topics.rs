//! The topic lexicon (`assets/lexicon/topics.ron`): topic names and their signal words,
//! and the scoring of a text against it.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::charset::{CharSet, PairFilter};

/// How much more a heading word counts than a body word.
pub const HEADING_WEIGHT: f32 = 3.0;

/// The lexicon shipped in the binary; a user copy in the data folder replaces it.
pub const DEFAULT_TOPICS: &str = include_str!("../../../assets/lexicon/topics.ron");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub name: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TopicLexicon {
    pub version: u32,
    pub topics: Vec<Topic>,
    /// keyword → indices of topics it signals.
    #[serde(skip)]
    index: HashMap<String, Vec<usize>>,
    /// Keywords of one character, and the first two characters of the others: a word
    /// that matches neither (most words) needs no lookup.
    #[serde(skip)]
    single_keys: CharSet,
    #[serde(skip)]
    key_starts: PairFilter,
    /// The keywords jieba cuts in parts (两个维护 is 两个/维护, 政治站位 政治/站位), by
    /// their first part; worked out on first use, as segmenting needs the dictionary.
    #[serde(skip)]
    split: std::sync::OnceLock<Split>,
}

/// Keywords jieba cuts in parts: the first two characters of each (most words and the
/// word after them open none, and need no lookup), and their first parts.
#[derive(Debug, Clone, Default)]
struct Split {
    starts: PairFilter,
    /// Per first part, the most parts a keyword it opens is cut into.
    firsts: rustc_hash::FxHashMap<String, usize>,
}

/// The most words a keyword is matched across.
const MAX_JOIN: usize = 4;

impl TopicLexicon {
    pub fn parse(text: &str, origin: &str) -> Result<Self, String> {
        let mut lex: TopicLexicon = ron::from_str(text)
            .map_err(|e| crate::core::ron_error::lexicon(origin, "主题词表", &e))?;
        lex.build_index();
        Ok(lex)
    }

    /// The shipped lexicon. It is part of the binary and checked by tests.
    pub fn builtin() -> Self {
        Self::parse(DEFAULT_TOPICS, "assets/lexicon/topics.ron")
            .expect("the shipped topic lexicon is valid")
    }

    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: 无法读取：{e}", path.display()))?;
        Self::parse(&text, &path.display().to_string())
    }

    fn build_index(&mut self) {
        self.index.clear();
        self.single_keys = CharSet::default();
        self.key_starts = PairFilter::default();
        self.split = std::sync::OnceLock::new();
        for (i, t) in self.topics.iter().enumerate() {
            for k in &t.keywords {
                let mut chars = k.chars();
                match (chars.next(), chars.next()) {
                    (Some(a), None) => self.single_keys.insert(a),
                    (Some(a), Some(b)) => self.key_starts.insert(a, b),
                    _ => {}
                }
                self.index.entry(k.clone()).or_default().push(i);
            }
        }
    }

    /// Topics of a text given its heading words (weighted) and body words: names, best
    /// first; topics scoring under a third of the best are left out, at most three.
    pub fn classify<'a>(
        &self,
        heading: impl IntoIterator<Item = &'a str>,
        body: impl IntoIterator<Item = &'a str>,
    ) -> Vec<String> {
        let mut score = self.new_score();
        self.each_key(heading, |w| self.add(&mut score, w, HEADING_WEIGHT));
        self.each_key(body, |w| self.add(&mut score, w, 1.0));
        self.rank(&score)
    }

    /// An empty score sheet for `add` and `rank`.
    pub fn new_score(&self) -> Vec<f32> {
        vec![0.0; self.topics.len()]
    }

    /// Calls `f` with each word of `words`, a run of words that makes a keyword jieba
    /// cuts in parts given as that keyword: the longest such run counts once, its words
    /// not again (政治站位 is one signal of 政治建设, not also the 政治 of several topics).
    fn each_key<'a>(&self, words: impl IntoIterator<Item = &'a str>, mut f: impl FnMut(&str)) {
        let split = self.split();
        // The first two characters of a word, and of the word after it if it has one.
        let opens = |w: &str, next: &str| {
            let mut c = w.chars();
            match (c.next(), c.next().or_else(|| next.chars().next())) {
                (Some(a), Some(b)) => split.starts.may_contain(a, b),
                _ => false,
            }
        };
        let words: Vec<&str> = words.into_iter().collect();
        let mut joined = String::new();
        let mut i = 0;
        while i < words.len() {
            // (words used, bytes of `joined`) of the longest keyword opening here.
            let mut longest = None;
            let parts = (i + 1 < words.len() && opens(words[i], words[i + 1]))
                .then(|| split.firsts.get(words[i]).copied())
                .flatten();
            if let Some(parts) = parts {
                joined.clear();
                joined.push_str(words[i]);
                for (j, w) in words.iter().enumerate().take(i + parts).skip(i + 1) {
                    joined.push_str(w);
                    if self.index.contains_key(joined.as_str()) {
                        longest = Some((j + 1, joined.len()));
                    }
                }
            }
            match longest {
                Some((end, len)) => {
                    joined.truncate(len);
                    f(&joined);
                    i = end;
                }
                None => {
                    f(words[i]);
                    i += 1;
                }
            }
        }
    }

    fn split(&self) -> &Split {
        self.split.get_or_init(|| {
            let mut split = Split::default();
            for k in self.topics.iter().flat_map(|t| &t.keywords) {
                let parts = crate::core::nlp::cut(k);
                if let [first, _, ..] = parts.as_slice() {
                    let mut c = k.chars();
                    if let (Some(a), Some(b)) = (c.next(), c.next()) {
                        split.starts.insert(a, b);
                    }
                    let n = split.firsts.entry((*first).to_string()).or_default();
                    *n = (*n).max(parts.len().min(MAX_JOIN));
                }
            }
            split
        })
    }

    /// Adds one word's evidence to a score sheet.
    pub fn add(&self, score: &mut [f32], word: &str, weight: f32) {
        if !self.may_be_key(word) {
            return;
        }
        if let Some(ts) = self.index.get(word) {
            for &t in ts {
                score[t] += weight;
            }
        }
    }

    /// Whether a word may be a keyword, judged by its first two characters alone.
    fn may_be_key(&self, word: &str) -> bool {
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some(a), None) => self.single_keys.contains(a),
            (Some(a), Some(b)) => self.key_starts.may_contain(a, b),
            _ => false,
        }
    }

    /// How often a text's words signal each topic: (topic index, words), in index order.
    pub fn hits<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Vec<(usize, u32)> {
        let mut hits: Vec<(usize, u32)> = Vec::new();
        self.each_key(words, |w| {
            if !self.may_be_key(w) {
                return;
            }
            for &t in self.index.get(w).into_iter().flatten() {
                match hits.iter_mut().find(|h| h.0 == t) {
                    Some(h) => h.1 += 1,
                    None => hits.push((t, 1)),
                }
            }
        });
        hits.sort_unstable();
        hits
    }

    /// Adds the evidence of `hits` to a score sheet, each word counting `weight`. Word
    /// counts and weights are small integers, so the sums are exact in any order.
    pub fn add_hits(&self, score: &mut [f32], hits: &[(usize, u32)], weight: f32) {
        for &(t, n) in hits {
            score[t] += weight * n as f32;
        }
    }

    /// Topic names of a score sheet, best first; those under a third of the best are left
    /// out, at most three.
    pub fn rank(&self, score: &[f32]) -> Vec<String> {
        let best = score.iter().copied().fold(0f32, f32::max);
        if best <= 0.0 {
            return Vec::new();
        }
        let mut ranked: Vec<usize> = (0..score.len())
            .filter(|&i| score[i] >= best / 3.0)
            .collect();
        // Ties break by lexicon order so mining stays deterministic.
        ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        ranked.truncate(3);
        ranked
            .into_iter()
            .map(|i| self.topics[i].name.clone())
            .collect()
    }

    /// Topics a single word signals.
    pub fn topics_of(&self, word: &str) -> impl Iterator<Item = &str> {
        self.index
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| self.topics[i].name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_filter_passes_every_keyword() {
        let lex = TopicLexicon::builtin();
        for k in lex.topics.iter().flat_map(|t| &t.keywords) {
            assert!(lex.may_be_key(k), "{k}");
        }
        let lex = TopicLexicon::parse(
            r#"(version: 1, topics: [(name: "廉洁", keywords: ["廉", "清正廉洁"])])"#,
            "test",
        )
        .unwrap();
        assert!(lex.may_be_key("廉") && lex.may_be_key("清正廉洁"));
        assert!(!lex.may_be_key("清") && !lex.may_be_key(""));
        assert_eq!(
            lex.hits(["廉", "清正廉洁", "清正", "建设", "廉"]),
            vec![(0, 3)]
        );
    }

    #[test]
    fn a_keyword_jieba_cuts_in_parts_is_matched_across_them() {
        let lex = TopicLexicon::parse(
            r#"(version: 1, topics: [
                (name: "政治", keywords: ["两个维护", "维护"]),
                (name: "站位", keywords: ["政治站位"]),
                (name: "泛", keywords: ["政治"]),
            ])"#,
            "test",
        )
        .unwrap();
        // jieba cuts 政治站位 as 政治/站位: it is the keyword 政治站位 once, and its
        // 政治 does not count again.
        assert_eq!(lex.hits(["提高", "政治", "站位"]), vec![(1, 1)]);
        assert_eq!(lex.hits(["政治", "方向"]), vec![(2, 1)]);
        assert_eq!(lex.hits(["做到", "两个", "维护"]), vec![(0, 1)]);
        assert_eq!(lex.hits(["两个", "方面"]), Vec::<(usize, u32)>::new());
        assert_eq!(lex.classify(["政治", "站位"], []), vec!["站位".to_string()]);
        // The shipped lexicon: every keyword is found in a text as jieba cuts it.
        let lex = TopicLexicon::builtin();
        for (t, topic) in lex.topics.iter().enumerate() {
            for k in &topic.keywords {
                let words = crate::core::nlp::cut(k);
                let hits = lex.hits(words.iter().copied());
                assert!(hits.iter().any(|h| h.0 == t), "{k}: {words:?}");
            }
        }
    }
}
