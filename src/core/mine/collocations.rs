//! Collocations: multi-word expressions that recur across speeches, found statistically
//! over jieba tokens — n-gram counts, pointwise mutual information (the words stick
//! together more than chance) and boundary entropy (the expression is free at both ends,
//! so it is a unit and not a fragment of a longer one).

use std::collections::HashMap;

use crate::core::nlp::Word;
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

/// Single-character function words never start or end a collocation.
fn is_edge_ok(w: &str) -> bool {
    w.chars().count() >= 2 || !"的了和与及是在把将对为等也都而并或就被所以之其".contains(w)
}

#[derive(Default)]
struct Stats {
    count: usize,
    docs: Vec<usize>,
    left: HashMap<u32, usize>,
    right: HashMap<u32, usize>,
}

fn entropy(m: &HashMap<u32, usize>, total: usize) -> f64 {
    m.values()
        .map(|&c| {
            let p = c as f64 / total as f64;
            -p * p.ln()
        })
        .sum()
}

/// A collocation found: its text, occurrence count, and the documents it occurs in.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocation {
    pub text: String,
    pub count: usize,
    pub docs: Vec<usize>,
    pub score: f64,
}

/// `docs[d]` is the list of clauses of document `d`, each clause a list of words.
/// Sentence boundaries are clause boundaries, so no result crosses one.
pub fn find(docs: &[Vec<Vec<Word>>], params: Params) -> Vec<Collocation> {
    // Intern words so n-grams are small keys.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut unigram: Vec<usize> = Vec::new();
    let mut total_words = 0usize;
    // Boundary marker for clause starts and ends in neighbour counts.
    const EDGE: u32 = u32::MAX;
    let mut encoded: Vec<Vec<Vec<u32>>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let mut d = Vec::with_capacity(doc.len());
        for clause in doc {
            let mut c = Vec::with_capacity(clause.len());
            for w in clause {
                let id = *ids.entry(w.text.as_str()).or_insert_with(|| {
                    names.push(w.text.as_str());
                    unigram.push(0);
                    (names.len() - 1) as u32
                });
                unigram[id as usize] += 1;
                total_words += 1;
                c.push(id);
            }
            d.push(c);
        }
        encoded.push(d);
    }
    let usable: Vec<bool> = names.iter().map(|w| w.chars().all(is_han)).collect();
    let mut grams: HashMap<[u32; 4], Stats> = HashMap::new();
    for (di, doc) in encoded.iter().enumerate() {
        for clause in doc {
            for n in 2..=4usize {
                if clause.len() < n {
                    break;
                }
                for s in 0..=clause.len() - n {
                    let g = &clause[s..s + n];
                    if !g.iter().all(|&w| usable[w as usize]) {
                        continue;
                    }
                    let mut key = [EDGE; 4];
                    key[..n].copy_from_slice(g);
                    let st = grams.entry(key).or_default();
                    st.count += 1;
                    if st.docs.last() != Some(&di) {
                        st.docs.push(di);
                    }
                    let l = if s == 0 { EDGE } else { clause[s - 1] };
                    let r = clause.get(s + n).copied().unwrap_or(EDGE);
                    *st.left.entry(l).or_default() += 1;
                    *st.right.entry(r).or_default() += 1;
                }
            }
        }
    }
    let total = total_words.max(1) as f64;
    let mut out: Vec<Collocation> = Vec::new();
    for (key, st) in &grams {
        if st.count < params.min_count || st.docs.len() < params.min_docs {
            continue;
        }
        let words: Vec<&str> = key
            .iter()
            .take_while(|&&w| w != EDGE)
            .map(|&w| names[w as usize])
            .collect();
        if !is_edge_ok(words[0]) || !is_edge_ok(words[words.len() - 1]) {
            continue;
        }
        let text: String = words.concat();
        let len = text.chars().count();
        if !(4..=12).contains(&len) {
            continue;
        }
        let p_gram = st.count as f64 / total;
        let p_words: f64 = key
            .iter()
            .take_while(|&&w| w != EDGE)
            .map(|&w| unigram[w as usize] as f64 / total)
            .product();
        let pmi = (p_gram / p_words).ln() / words.len() as f64 * 2.0;
        let h = entropy(&st.left, st.count).min(entropy(&st.right, st.count));
        if pmi < params.min_pmi || h < params.min_entropy {
            continue;
        }
        out.push(Collocation {
            text,
            count: st.count,
            docs: st.docs.clone(),
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
