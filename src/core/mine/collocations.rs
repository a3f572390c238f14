//! Collocations: multi-word expressions that recur across speeches, found statistically
//! over jieba tokens — n-gram counts, pointwise mutual information (the words stick
//! together more than chance) and boundary entropy (the expression is free at both ends,
//! so it is a unit and not a fragment of a longer one).

use rustc_hash::FxHashMap;

use crate::core::mine::neighbours::{FewDistinct, Neighbours, entropy};
use crate::core::text::is_han;

/// Tuning of the statistics; the defaults suit a corpus of a handful to thousands of speeches.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub min_count: usize,
    pub min_docs: usize,
    pub min_pmi: f64,
    pub min_entropy: f64,
    pub max_results: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_count: 3,
            min_docs: 2,
            min_pmi: 3.0,
            min_entropy: 0.9,
            max_results: 300,
        }
    }
}

/// Length of a collocation in characters.
const MIN_CHARS: u32 = 4;
const MAX_CHARS: u32 = 12;

/// Marks a clause edge (and unused key slots) among word ids.
const EDGE: u32 = u32::MAX;

/// Single-character function words never start or end a collocation.
fn is_edge_ok(w: &str) -> bool {
    w.chars().count() >= 2 || !"的了和与及是在把将对为等也都而并或就被所以之其".contains(w)
}

/// What the statistics need of a word, looked up by its id.
#[derive(Clone, Copy)]
struct WordFlags {
    /// All Han characters: may be part of a collocation.
    usable: bool,
    /// May start or end one.
    edge_ok: bool,
    chars: u32,
}

/// First-pass tally of an n-gram; `last_doc` is the last document counted, plus one.
#[derive(Default, Clone, Copy)]
struct Tally {
    count: u32,
    docs: u32,
    last_doc: u32,
    left: FewDistinct,
    right: FewDistinct,
}

/// One thread's share of the first pass: its documents, the n-grams it saw numbered in
/// order of appearance, their tallies, and the number of every n-gram occurrence in turn.
#[derive(Default)]
struct Share {
    range: std::ops::Range<usize>,
    keys: Vec<[u32; 4]>,
    tallies: Vec<Tally>,
    stream: Vec<u32>,
}

/// Pointwise mutual information of an n-gram seen `count` times, per word pair.
fn pmi(key: &[u32; 4], count: usize, unigram: &[usize], total: f64) -> f64 {
    let ids: Vec<u32> = key.iter().copied().take_while(|&w| w != EDGE).collect();
    let p_gram = count as f64 / total;
    let p_words: f64 = ids
        .iter()
        .map(|&w| unigram[w as usize] as f64 / total)
        .product();
    (p_gram / p_words).ln() / ids.len() as f64 * 2.0
}

#[derive(Default)]
struct Stats {
    count: usize,
    docs: Vec<usize>,
    left: Neighbours,
    right: Neighbours,
}

/// A collocation found: its text, occurrence count, and the documents it occurs in.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocation {
    pub text: String,
    pub count: usize,
    pub docs: Vec<usize>,
    pub score: f64,
}

/// Words of a corpus interned as numbers, clause by clause, for n-gram statistics. The
/// clauses of all documents lie end to end in one array, so a corpus of a million words
/// costs a few flat vectors rather than one allocation per clause.
#[derive(Default)]
pub struct Counter {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    unigram: Vec<usize>,
    /// Word ids of every clause, in order.
    words: Vec<u32>,
    /// Where each clause starts in `words`.
    clause_starts: Vec<u32>,
    /// Where each document starts in `clause_starts`.
    doc_starts: Vec<u32>,
}

impl Counter {
    /// Starts a new document; following clauses belong to it.
    pub fn start_doc(&mut self) {
        self.doc_starts.push(self.clause_starts.len() as u32);
    }

    /// Adds one clause (words between punctuation). No n-gram crosses clauses, hence none
    /// crosses a sentence.
    pub fn add_clause<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        let start = self.words.len();
        for w in words {
            let id = match self.ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.names.len() as u32;
                    self.ids.insert(w.to_string(), id);
                    self.names.push(w.to_string());
                    self.unigram.push(0);
                    id
                }
            };
            self.unigram[id as usize] += 1;
            self.words.push(id);
        }
        if self.words.len() > start {
            if self.doc_starts.is_empty() {
                self.start_doc();
            }
            self.clause_starts.push(start as u32);
        }
    }

    /// Appends another counter's documents after this one's (words re-numbered), so
    /// workers can count their share of a corpus and be joined in order.
    pub fn absorb(&mut self, other: Counter) {
        let remap: Vec<u32> = other
            .names
            .into_iter()
            .zip(other.unigram)
            .map(|(name, n)| {
                let id = match self.ids.get(name.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.names.len() as u32;
                        self.ids.insert(name.clone(), id);
                        self.names.push(name);
                        self.unigram.push(0);
                        id
                    }
                };
                self.unigram[id as usize] += n;
                id
            })
            .collect();
        let (words, clauses) = (self.words.len() as u32, self.clause_starts.len() as u32);
        self.words
            .extend(other.words.into_iter().map(|w| remap[w as usize]));
        self.clause_starts
            .extend(other.clause_starts.into_iter().map(|c| c + words));
        self.doc_starts
            .extend(other.doc_starts.into_iter().map(|d| d + clauses));
    }

    /// The clauses of document `d`, each a slice of word ids.
    fn clauses_of(&self, d: usize) -> impl Iterator<Item = &[u32]> {
        let end_of = |starts: &[u32], i: usize, total: usize| {
            starts.get(i + 1).map_or(total, |&e| e as usize)
        };
        let first = self.doc_starts[d] as usize;
        let last = end_of(&self.doc_starts, d, self.clause_starts.len());
        (first..last).map(move |c| {
            let start = self.clause_starts[c] as usize;
            &self.words[start..end_of(&self.clause_starts, c, self.words.len())]
        })
    }

    /// Calls `f(doc, clause, start, n, key)` for every 2–4-gram of Han words of a
    /// collocation's length in `docs`
    /// (whose first document is number `first`). An n-gram that starts or ends with a
    /// function word can never be a result, so it is skipped (a large share of all n-grams).
    fn for_each_gram(
        &self,
        docs: std::ops::Range<usize>,
        flags: &[WordFlags],
        mut f: impl FnMut(usize, &[u32], usize, usize, [u32; 4]),
    ) {
        for di in docs {
            for clause in self.clauses_of(di) {
                for s in 0..clause.len() {
                    let w = flags[clause[s] as usize];
                    if !w.usable || !w.edge_ok {
                        continue;
                    }
                    // Results have 4–12 characters: shorter n-grams are not counted, and
                    // longer ones end the run.
                    let mut chars = w.chars;
                    for n in 2..=4usize.min(clause.len() - s) {
                        let last = flags[clause[s + n - 1] as usize];
                        chars += last.chars;
                        if !last.usable || chars > MAX_CHARS {
                            break;
                        }
                        if !last.edge_ok || chars < MIN_CHARS {
                            continue;
                        }
                        let mut key = [EDGE; 4];
                        key[..n].copy_from_slice(&clause[s..s + n]);
                        f(di, clause, s, n, key);
                    }
                }
            }
        }
    }

    /// Collocations of everything added, best first. Both passes split the documents
    /// among threads; the joined tallies do not depend on how they were split.
    pub fn find(&self, params: Params) -> Vec<Collocation> {
        self.find_with(params, true)
    }

    /// `find`, with or without dropping n-grams by their count of distinct neighbours
    /// (which must not change the result; the tests compare the two).
    fn find_with(&self, params: Params, prune: bool) -> Vec<Collocation> {
        let flags: Vec<WordFlags> = self
            .names
            .iter()
            .map(|w| WordFlags {
                usable: w.chars().all(is_han),
                edge_ok: is_edge_ok(w),
                chars: w.chars().count() as u32,
            })
            .collect();
        let total = self.unigram.iter().sum::<usize>().max(1) as f64;
        // Pass 1 counts occurrences and documents of every n-gram, numbering n-grams as
        // they come; the numbers, in order, let pass 2 walk the same n-grams without
        // hashing them again.
        let docs: Vec<usize> = (0..self.doc_starts.len()).collect();
        let parts = super::par_chunks(&docs, |chunk, _| {
            let range = chunk.first().map_or(0..0, |&a| a..a + chunk.len());
            let mut part = Share {
                range: range.clone(),
                ..Share::default()
            };
            let mut ids: FxHashMap<[u32; 4], u32> = FxHashMap::default();
            self.for_each_gram(range, &flags, |di, clause, s, n, key| {
                let next = part.keys.len() as u32;
                let id = *ids.entry(key).or_insert(next);
                if id == next {
                    part.keys.push(key);
                    part.tallies.push(Tally::default());
                }
                part.stream.push(id);
                let t = &mut part.tallies[id as usize];
                t.count += 1;
                if t.last_doc != di as u32 + 1 {
                    t.last_doc = di as u32 + 1;
                    t.docs += 1;
                }
                t.left.add(if s == 0 { EDGE } else { clause[s - 1] });
                t.right.add(clause.get(s + n).copied().unwrap_or(EDGE));
            });
            part
        });
        // Shares' numbers become corpus-wide ones.
        let mut ids: FxHashMap<[u32; 4], u32> = FxHashMap::default();
        let mut keys: Vec<[u32; 4]> = Vec::new();
        let mut tallies: Vec<Tally> = Vec::new();
        let mut to_global: Vec<Vec<u32>> = Vec::new();
        for part in &parts {
            let map = part
                .keys
                .iter()
                .zip(&part.tallies)
                .map(|(key, t)| {
                    let next = keys.len() as u32;
                    let id = *ids.entry(*key).or_insert(next);
                    if id == next {
                        keys.push(*key);
                        tallies.push(Tally::default());
                    }
                    let g = &mut tallies[id as usize];
                    g.count += t.count;
                    g.docs += t.docs;
                    g.left.join(&t.left);
                    g.right.join(&t.right);
                    id
                })
                .collect();
            to_global.push(map);
        }
        // Candidates: frequent, spread over documents, of a phrase's length, with enough
        // distinct neighbours on both sides, and whose words stick together (PMI). Only
        // these need the costly second pass.
        let need_three = prune && params.min_entropy > std::f64::consts::LN_2;
        let mut candidates: Vec<[u32; 4]> = Vec::new();
        for (key, t) in keys.iter().zip(&tallies) {
            if (t.count as usize) < params.min_count
                || (t.docs as usize) < params.min_docs
                || (need_three && !(t.left.more_than_two() && t.right.more_than_two()))
            {
                continue;
            }
            let len: u32 = key
                .iter()
                .take_while(|&&w| w != EDGE)
                .map(|&w| flags[w as usize].chars)
                .sum();
            if !(MIN_CHARS..=MAX_CHARS).contains(&len)
                || pmi(key, t.count as usize, &self.unigram, total) < params.min_pmi
            {
                continue;
            }
            candidates.push(*key);
        }
        // In id order, so ties later on break the same way however the work was split.
        candidates.sort_unstable();
        let mut candidate_of = vec![u32::MAX; keys.len()];
        for (i, key) in candidates.iter().enumerate() {
            candidate_of[ids[key] as usize] = i as u32;
        }
        drop(ids);
        let shares: Vec<(Share, Vec<u32>)> = parts.into_iter().zip(to_global).collect();
        // Pass 2 gathers the documents and neighbours of the candidates.
        let gathered = super::par_chunks(&shares, |chunk, _| {
            let mut m: Vec<Stats> = (0..candidates.len()).map(|_| Stats::default()).collect();
            for (share, global) in chunk {
                let mut stream = share.stream.iter();
                self.for_each_gram(share.range.clone(), &flags, |di, clause, s, n, _| {
                    let local = *stream.next().expect("pass 2 walks pass 1's n-grams");
                    let i = candidate_of[global[local as usize] as usize];
                    if i == u32::MAX {
                        return;
                    }
                    let st = &mut m[i as usize];
                    st.count += 1;
                    if st.docs.last() != Some(&di) {
                        st.docs.push(di);
                    }
                    let l = if s == 0 { EDGE } else { clause[s - 1] };
                    let r = clause.get(s + n).copied().unwrap_or(EDGE);
                    st.left.add(l, 1);
                    st.right.add(r, 1);
                });
            }
            m
        });
        let mut gathered = gathered.into_iter();
        let mut joined = gathered.next().unwrap_or_default();
        for m in gathered {
            for (st, part) in joined.iter_mut().zip(m) {
                st.count += part.count;
                st.docs.extend(part.docs);
                st.left.join(part.left);
                st.right.join(part.right);
            }
        }
        let keys = candidates;
        let stats = keys.into_iter().zip(joined);
        let mut out: Vec<Collocation> = Vec::new();
        for (key, st) in stats {
            if st.docs.len() < params.min_docs {
                continue;
            }
            let ids: Vec<u32> = key.iter().copied().take_while(|&w| w != EDGE).collect();
            let words: Vec<&str> = ids
                .iter()
                .map(|&w| self.names[w as usize].as_str())
                .collect();
            if !is_edge_ok(words[0]) || !is_edge_ok(words[words.len() - 1]) {
                continue;
            }
            let text: String = words.concat();
            let pmi = pmi(&key, st.count, &self.unigram, total);
            let h = entropy(&st.left, st.count).min(entropy(&st.right, st.count));
            if pmi < params.min_pmi || h < params.min_entropy {
                continue;
            }
            out.push(Collocation {
                text,
                count: st.count,
                docs: st.docs,
                score: pmi * (st.count as f64).ln_1p() * (1.0 + h),
            });
        }
        // A shorter expression always inside a longer accepted one is not a unit of its own.
        out.sort_by(|a, b| {
            b.text
                .chars()
                .count()
                .cmp(&a.text.chars().count())
                .then(a.text.cmp(&b.text))
        });
        let mut kept: Vec<Collocation> = Vec::new();
        for c in out {
            if kept
                .iter()
                .any(|k| k.text.contains(&c.text) && k.count >= c.count)
            {
                continue;
            }
            kept.push(c);
        }
        kept.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.text.cmp(&b.text)));
        kept.truncate(params.max_results);
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clauses drawn from a small vocabulary, so that n-grams recur with one, two or
    /// many distinct neighbours.
    fn counter(seed: u64, docs: usize) -> Counter {
        const WORDS: &[&str] = &[
            "全面", "从严", "治党", "党的", "建设", "政治", "纪律", "作风", "基层", "组织", "落实",
            "责任", "学习", "教育", "的", "和",
        ];
        let mut state = seed;
        let mut next = |n: usize| {
            // A fixed linear congruential generator: the test sees the same input each run.
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        let mut c = Counter::default();
        for _ in 0..docs {
            c.start_doc();
            for _ in 0..40 {
                let len = 2 + next(6);
                // Half the clauses repeat a fixed phrase inside varying neighbours.
                let mut words: Vec<&str> = (0..len).map(|_| WORDS[next(WORDS.len())]).collect();
                if next(2) == 0 {
                    let at = next(len);
                    words.splice(at..at, ["全面", "从严", "治党"]);
                }
                c.add_clause(words);
            }
        }
        c
    }

    #[test]
    fn two_neighbours_on_a_side_pass_a_threshold_below_ln_2_only() {
        // “从严治党” after two words in turn, before four: left entropy ln 2 ≈ 0.69.
        let mut c = Counter::default();
        for (doc, left) in ["全面", "坚持", "全面", "坚持"].iter().enumerate() {
            c.start_doc();
            for right in ["纪律", "作风", "组织", "学习"] {
                c.add_clause([*left, "从严", "治党", right]);
            }
            c.add_clause(["基层", "建设", ["政治", "组织"][doc % 2]]);
        }
        let params = |min_entropy| Params {
            min_count: 2,
            min_docs: 2,
            min_pmi: 0.0,
            min_entropy,
            max_results: 100,
        };
        for prune in [true, false] {
            let found = |e| -> Vec<String> {
                c.find_with(params(e), prune)
                    .into_iter()
                    .map(|c| c.text)
                    .collect()
            };
            assert!(
                found(0.6).contains(&"从严治党".to_string()),
                "{:?}",
                found(0.6)
            );
            assert!(!found(0.9).contains(&"从严治党".to_string()));
        }
    }

    #[test]
    fn dropping_ngrams_with_few_neighbours_changes_no_result() {
        for (seed, docs) in [(1, 3), (2, 10), (3, 30)] {
            let c = counter(seed, docs);
            for min_entropy in [0.5, 0.7, 0.9, 1.2] {
                let params = Params {
                    min_count: 2,
                    min_docs: 1,
                    min_pmi: 0.0,
                    min_entropy,
                    max_results: 10_000,
                };
                let (pruned, full) = (c.find_with(params, true), c.find_with(params, false));
                assert_eq!(pruned, full, "seed {seed}, min_entropy {min_entropy}");
                if min_entropy < 1.0 {
                    assert!(
                        !full.is_empty(),
                        "seed {seed}: the test must find something"
                    );
                }
            }
        }
    }
}
