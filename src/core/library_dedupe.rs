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

use crate::core::library::{Template, TemplateKind};
use crate::core::text;

/// Shingles in a sketch.
const K: usize = 24;
/// Smallest hashes used as bucket keys to find candidates.
const KEYS: usize = 3;
/// Representatives kept per bucket: a shingle common to many templates must not make
/// the search quadratic.
const BUCKET_CAP: usize = 48;
/// Templates shorter than this (normalised characters) are folded only when identical.
const MIN_NEAR_CHARS: usize = 24;
/// Share of shingles two templates must have in common, of the larger set.
pub const NEAR: f64 = 0.9;

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
    let mut v: Vec<u64> = chars
        .windows(4)
        .map(|w| {
            let a = w[0] as u64 | (w[1] as u64) << 21 | (w[2] as u64) << 42;
            mix(a).wrapping_add(mix(w[3] as u64 ^ 0x9e37_79b9_7f4a_7c15))
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The k smallest of sorted unique hashes.
fn sketch(sorted: &[u64]) -> Vec<u64> {
    sorted[..sorted.len().min(K)].to_vec()
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

/// For each template, the index of the earlier template it duplicates, or its own index.
pub fn representatives(templates: &[Template]) -> Vec<u32> {
    let mut reps: Vec<u32> = Vec::with_capacity(templates.len());
    let mut exact: FxHashMap<(TemplateKind, u128), u32> = FxHashMap::default();
    let mut buckets: FxHashMap<(TemplateKind, u64), Vec<u32>> = FxHashMap::default();
    let mut sketches: FxHashMap<u32, Vec<u64>> = FxHashMap::default();
    for (i, t) in templates.iter().enumerate() {
        let i = i as u32;
        let norm = normalised(t);
        let bytes: String = norm.iter().collect();
        let key = (t.kind, xxhash_rust::xxh3::xxh3_128(bytes.as_bytes()));
        if let Some(&r) = exact.get(&key) {
            reps.push(r);
            continue;
        }
        exact.insert(key, i);
        if norm.len() < MIN_NEAR_CHARS {
            reps.push(i);
            continue;
        }
        let sh = shingles(&norm);
        let sk = sketch(&sh);
        let rep = near_match(templates, &buckets, &sketches, t.kind, &sk, &sh);
        reps.push(rep.unwrap_or(i));
        if rep.is_none() {
            for &h in sk.iter().take(KEYS) {
                let b = buckets.entry((t.kind, h)).or_default();
                if b.len() < BUCKET_CAP {
                    b.push(i);
                }
            }
            sketches.insert(i, sk);
        }
    }
    reps
}

/// The first representative whose shingles overlap these by [`NEAR`] or more.
fn near_match(
    templates: &[Template],
    buckets: &FxHashMap<(TemplateKind, u64), Vec<u32>>,
    sketches: &FxHashMap<u32, Vec<u64>>,
    kind: TemplateKind,
    sk: &[u64],
    sh: &[u64],
) -> Option<u32> {
    let mut cands: Vec<u32> = sk
        .iter()
        .take(KEYS)
        .filter_map(|h| buckets.get(&(kind, *h)))
        .flatten()
        .copied()
        .collect();
    cands.sort_unstable();
    cands.dedup();
    // Overlap 0.9 of the larger set is a Jaccard similarity of at least 0.82; the
    // estimate's error at k = 24 is about 0.08.
    cands.into_iter().find(|&c| {
        sketches.get(&c).is_some_and(|s| estimate(sk, s) >= 0.7)
            && overlap(sh, &shingles(&normalised(&templates[c as usize]))) >= NEAR
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
