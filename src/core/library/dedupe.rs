//! One template for the same passage saved in many speeches. An archive holds the same
//! opening or section many times (drafts, a GBK and a UTF-8 copy, the same speech from two
//! sites, a stock passage reused every year). Templates of one kind whose text is the same
//! after punctuation and character width are set aside, or whose four-character shingles
//! overlap by 90 % or more, are folded into the first of them, which lists the others'
//! sources (`Template::also`).
//!
//! Near-duplicates are found with bottom-k sketches: each template keeps the k smallest
//! hashes of its shingles; templates sharing one of their smallest few hashes are
//! candidates, their sketches estimate the overlap, and only a likely match is checked
//! on the full shingle sets. Linear in the library, as the archive is large.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::core::library::{Template, TemplateKind};
use crate::core::text;

/// Shingles in a sketch.
const K: usize = 64;
/// Smallest hashes used as bucket keys to find candidates.
const KEYS: usize = 3;
/// Representatives kept per bucket, and candidates compared per template: a shingle
/// common to many templates must not make the search quadratic.
const BUCKET_CAP: usize = 32;
/// Templates shorter than this (normalised characters) are folded only when identical.
const MIN_NEAR_CHARS: usize = 24;
/// Share of shingles two templates must have in common, of the larger set.
pub const NEAR: f64 = 0.9;
/// Sketch estimates of the Jaccard similarity at or above this are a match without a
/// check (Jaccard 0.9 means an overlap of at least 0.9); between `CHECK` and this the
/// full shingle sets decide. Overlap 0.9 of the larger set is a Jaccard of at least 0.82;
/// the estimate's error at k = 64 is about 0.05.
const SURE: f64 = 0.9;
const CHECK: f64 = 0.72;

/// Text that counts: word characters, full-width letters and digits as half-width.
pub fn normalised(t: &Template) -> Vec<char> {
    let mut out = Vec::with_capacity(t.chars);
    for (_, s) in t.texts() {
        for c in s.chars() {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            if text::is_word_char(c) {
                out.push(c);
            }
        }
    }
    out
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Hashes of the four-character shingles, sorted and unique.
fn shingles(chars: &[char]) -> Vec<u64> {
    let mut v: Vec<u64> = chars.windows(4).map(shingle_hash).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// What de-duplication compares of a template: a hash of its normalised text, its
/// length, and the k smallest hashes of its shingles, sorted.
pub struct Sig {
    key: u128,
    len: usize,
    sketch: Vec<u64>,
}

fn shingle_hash(w: &[char]) -> u64 {
    let a = w[0] as u64 | (w[1] as u64) << 21 | (w[2] as u64) << 42;
    mix(a).wrapping_add(mix(w[3] as u64 ^ 0x9e37_79b9_7f4a_7c15))
}

/// The signature, in one pass: the sketch keeps the k smallest distinct hashes seen.
pub fn signature(t: &Template) -> Sig {
    let norm = normalised(t);
    let text: String = norm.iter().collect();
    let mut sketch: Vec<u64> = Vec::with_capacity(K + 1);
    for w in norm.windows(4) {
        let h = shingle_hash(w);
        if sketch.len() == K && h >= sketch[K - 1] {
            continue;
        }
        if let Err(at) = sketch.binary_search(&h) {
            sketch.insert(at, h);
            sketch.truncate(K);
        }
    }
    Sig {
        key: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
        len: norm.len(),
        sketch,
    }
}

/// Estimated Jaccard similarity from two sketches: of the k smallest hashes of the
/// union, the share found in both.
fn estimate(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut seen, mut both) = (0, 0, 0, 0);
    while seen < K && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        seen += 1;
    }
    if seen == 0 {
        0.0
    } else {
        both as f64 / seen as f64
    }
}

/// Shared shingles as a share of the larger set.
pub fn overlap(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    both as f64 / a.len().max(b.len()).max(1) as f64
}

/// What the index keeps of each template for de-duplication: enough to file it again
/// (its exact key and bucket keys) without reading its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub key: u128,
    pub len: u32,
    pub mins: Vec<u64>,
}

impl Sig {
    fn mark(&self) -> Mark {
        Mark {
            key: self.key,
            len: self.len as u32,
            mins: self.sketch.iter().take(KEYS).copied().collect(),
        }
    }
}

/// A decision carried over from the last import: the template this one duplicates (its
/// index now), or its own index.
#[derive(Debug, Clone)]
pub struct Prior {
    pub rep: u32,
    pub mark: Mark,
}

/// For each template, the index of the earlier template it duplicates, or its own index.
pub fn representatives(templates: &[Template]) -> Vec<u32> {
    dedupe(templates, &[]).0
}

/// The exact keys and buckets of the representatives so far.
#[derive(Default)]
struct Filed {
    exact: FxHashMap<(TemplateKind, u128), u32>,
    buckets: FxHashMap<(TemplateKind, u64), Vec<u32>>,
}

impl Filed {
    fn file(&mut self, kind: TemplateKind, mark: &Mark, i: u32) {
        self.exact.entry((kind, mark.key)).or_insert(i);
        if (mark.len as usize) < MIN_NEAR_CHARS {
            return;
        }
        for &h in &mark.mins {
            let b = self.buckets.entry((kind, h)).or_default();
            if b.len() < BUCKET_CAP {
                b.push(i);
            }
        }
    }
}

/// Representatives and marks of `templates`. The first templates may come with a
/// decision from the last import (`prior`): those are only filed again, so a re-import
/// compares just the new templates (and those whose representative left) with the rest.
pub fn dedupe(templates: &[Template], prior: &[Option<Prior>]) -> (Vec<u32>, Vec<Mark>) {
    let todo: Vec<usize> = (0..templates.len())
        .filter(|&i| prior.get(i).is_none_or(Option::is_none))
        .collect();
    // Signatures are the costly part and independent: computed on every core.
    let computed = crate::core::parallel::par_chunks(&todo, |run, _| {
        run.iter()
            .map(|&i| signature(&templates[i]))
            .collect::<Vec<_>>()
    });
    let mut sigs: Vec<Option<Sig>> = (0..templates.len()).map(|_| None).collect();
    for (&i, sig) in todo.iter().zip(computed.into_iter().flatten()) {
        sigs[i] = Some(sig);
    }
    let kinds: Vec<TemplateKind> = templates.iter().map(|t| t.kind).collect();
    dedupe_with(&kinds, prior, sigs, &mut |i| Some(templates[i].clone()))
}

/// [`dedupe`] of templates that need not be in memory: their kinds, the decisions
/// carried over, the signatures of the others, and `body` to read a template when a
/// signature is missing or a likely match must be checked on the full text (rare).
pub fn dedupe_with(
    kinds: &[TemplateKind],
    prior: &[Option<Prior>],
    mut sigs: Vec<Option<Sig>>,
    body: &mut dyn FnMut(usize) -> Option<Template>,
) -> (Vec<u32>, Vec<Mark>) {
    sigs.resize_with(kinds.len(), || None);
    let mut reps: Vec<u32> = Vec::with_capacity(kinds.len());
    let mut marks: Vec<Mark> = Vec::with_capacity(kinds.len());
    let mut filed = Filed::default();
    for (i, &kind) in kinds.iter().enumerate() {
        let i32 = i as u32;
        if let Some(Some(p)) = prior.get(i) {
            if p.rep == i32 {
                filed.file(kind, &p.mark, i32);
            }
            reps.push(p.rep);
            marks.push(p.mark.clone());
            continue;
        }
        let Some(sig) = sigs[i].take().or_else(|| body(i).map(|t| signature(&t))) else {
            // Unreadable: kept as its own representative, never a candidate.
            reps.push(i32);
            marks.push(Mark {
                key: 0,
                len: 0,
                mins: Vec::new(),
            });
            continue;
        };
        let mark = sig.mark();
        let rep = match filed.exact.get(&(kind, sig.key)) {
            Some(&r) => Some(r),
            None if sig.len < MIN_NEAR_CHARS => None,
            None => near_match(i, kind, &mut sigs, &filed.buckets, &sig, body),
        };
        if rep.is_none() {
            filed.file(kind, &mark, i32);
        }
        reps.push(rep.unwrap_or(i32));
        marks.push(mark);
        sigs[i] = Some(sig);
    }
    (reps, marks)
}

/// The first representative whose shingles overlap those of template `i` by [`NEAR`] or
/// more. Signatures of candidates not at hand (carried over from the last import) are
/// made here.
fn near_match(
    i: usize,
    kind: TemplateKind,
    sigs: &mut [Option<Sig>],
    buckets: &FxHashMap<(TemplateKind, u64), Vec<u32>>,
    sig: &Sig,
    body: &mut dyn FnMut(usize) -> Option<Template>,
) -> Option<u32> {
    let mut cands: Vec<u32> = sig
        .sketch
        .iter()
        .take(KEYS)
        .filter_map(|h| buckets.get(&(kind, *h)))
        .flatten()
        .copied()
        .collect();
    cands.sort_unstable();
    cands.dedup();
    cands.truncate(BUCKET_CAP);
    let mut own: Option<Option<Vec<u64>>> = None;
    cands.into_iter().find(|&c| {
        let c = c as usize;
        if sigs[c].is_none() {
            sigs[c] = body(c).map(|t| signature(&t));
        }
        let Some(other) = &sigs[c] else {
            return false;
        };
        // Lengths more than a tenth apart cannot share 90 % of the larger set.
        if (other.len.min(sig.len) as f64) < NEAR * other.len.max(sig.len) as f64 {
            return false;
        }
        let est = estimate(&sig.sketch, &other.sketch);
        if est >= SURE {
            return true;
        }
        if est < CHECK {
            return false;
        }
        let mine = own.get_or_insert_with(|| body(i).map(|t| shingles(&normalised(&t))));
        match (mine, body(c)) {
            (Some(mine), Some(theirs)) => overlap(mine, &shingles(&normalised(&theirs))) >= NEAR,
            _ => false,
        }
    })
}

/// Folds duplicates into their representatives: each representative lists the sources
/// of the templates folded into it. Order is kept.
pub fn fold(templates: Vec<Template>, reps: &[u32]) -> Vec<Template> {
    let mut also: FxHashMap<u32, Vec<crate::core::library::Provenance>> = FxHashMap::default();
    for (i, t) in templates.iter().enumerate() {
        let r = reps.get(i).copied().unwrap_or(i as u32);
        if r != i as u32 {
            also.entry(r).or_default().push(t.source.clone());
        }
    }
    templates
        .into_iter()
        .enumerate()
        .filter(|(i, _)| reps.get(*i).is_none_or(|&r| r == *i as u32))
        .map(|(i, mut t)| {
            if let Some(a) = also.remove(&(i as u32)) {
                t.also = a;
            }
            t
        })
        .collect()
}

/// Speeches a template occurs in: its own and those folded into it.
pub fn occurrences(t: &Template) -> usize {
    let mut files: Vec<&str> = std::iter::once(t.source.file.as_str())
        .chain(t.also.iter().map(|p| p.file.as_str()))
        .collect();
    files.sort_unstable();
    files.dedup();
    files.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::Library;

    /// The shipped library's longest section template.
    fn long_section() -> Template {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let lib = Library::load_dir(&dir).0;
        lib.templates
            .into_iter()
            .filter(|t| t.kind == TemplateKind::Section)
            .max_by_key(|t| t.chars)
            .unwrap()
    }

    fn copy(t: &Template, file: &str, edit: impl Fn(&mut Template)) -> Template {
        let mut c = t.clone();
        c.source.file = file.to_string();
        c.id = format!("{file}/{}", t.id);
        edit(&mut c);
        c
    }

    #[test]
    fn same_and_near_texts_fold_and_different_ones_do_not() {
        let t = long_section();
        let half = |c: &mut Template| {
            for p in &mut c.paragraphs {
                *p = p.replace('，', ",").replace('；', ";");
            }
        };
        // A few characters changed in a text of over a thousand.
        let near = |c: &mut Template| c.paragraphs[0].push_str("要以钉钉子精神抓好落实。");
        // The body replaced by another's text: only the heading and points remain.
        let other = |c: &mut Template| {
            for p in &mut c.paragraphs {
                *p = p.chars().rev().collect();
            }
            for ch in &mut c.children {
                for p in &mut ch.paragraphs {
                    *p = p.chars().rev().collect();
                }
            }
        };
        let all = vec![
            t.clone(),
            copy(&t, "网页.txt", half),
            copy(&t, "修改稿.txt", near),
            copy(&t, "别的.txt", other),
        ];
        let reps = representatives(&all);
        assert_eq!(reps, [0, 0, 0, 3]);
        // A re-import carries the first two decisions over and decides the rest alike.
        let (first, marks) = dedupe(&all[..2], &[]);
        let prior: Vec<Option<Prior>> = first
            .iter()
            .zip(marks)
            .map(|(&rep, mark)| Some(Prior { rep, mark }))
            .collect();
        assert_eq!(dedupe(&all, &prior).0, reps);
        let folded = fold(all, &reps);
        assert_eq!(folded.len(), 2);
        assert_eq!(occurrences(&folded[0]), 3);
        assert_eq!(folded[0].also.len(), 2);
        assert!(folded[1].also.is_empty());
    }
}
