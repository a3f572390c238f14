//! Phrase occurrences grouped by kind and text up to punctuation, and merged into the
//! library's phrases.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::{Phrase, PhraseKind, PhraseSource};
use crate::core::mine::{Occurrence, judge, run_judge};
use crate::core::nlp;
use crate::core::parallel::par_chunks;
use crate::core::text;

/// Characters kept in a near-duplicate key: punctuation and quotation marks are not.
fn is_norm_char(c: char) -> bool {
    text::is_word_char(c) || c == '{' || c == '}'
}

/// Occurrences of one phrase up to punctuation, being gathered.
struct Acc {
    text: String,
    count: usize,
    /// Occurrences that read as the source's own.
    own: usize,
    /// Topic evidence of the paragraphs it occurs in, summed.
    context: Vec<(usize, u32)>,
    sources: BTreeSet<PhraseSource>,
}

/// Adds topic evidence to a sum, both in topic order.
fn add_context(sum: &mut Vec<(usize, u32)>, more: &[(usize, u32)]) {
    for &(t, n) in more {
        match sum.binary_search_by_key(&t, |x| x.0) {
            Ok(i) => sum[i].1 += n,
            Err(i) => sum.insert(i, (t, n)),
        }
    }
}

impl Acc {
    /// Counts another spelling: the longest wins (with its quotation marks), then the
    /// first in order.
    fn spelling(&mut self, text: String) {
        if text.chars().count() > self.text.chars().count() {
            self.text = text;
        }
    }
}

/// Occurrences grouped by kind and text up to punctuation. Workers group their own
/// share; the groups are then joined in source order.
#[derive(Default)]
pub(super) struct Grouped {
    groups: rustc_hash::FxHashMap<PhraseKind, rustc_hash::FxHashMap<String, Acc>>,
    /// The last text looked up, normalised: most occurrences join a group that exists,
    /// and need no key of their own.
    key: String,
}

impl Grouped {
    /// The group of `text` in `kind`, made if new.
    fn group(&mut self, kind: PhraseKind, text: &str) -> &mut Acc {
        let Grouped { groups, key } = self;
        key.clear();
        key.extend(text.chars().filter(|&c| is_norm_char(c)));
        let g = groups.entry(kind).or_default();
        if !g.contains_key(key.as_str()) {
            g.insert(
                key.clone(),
                Acc {
                    text: text.to_string(),
                    count: 0,
                    own: 0,
                    context: Vec::new(),
                    sources: BTreeSet::new(),
                },
            );
        }
        g.get_mut(key.as_str()).expect("just made")
    }

    pub(super) fn add(&mut self, o: Occurrence) {
        let acc = self.group(o.kind, &o.text);
        acc.count += 1;
        acc.own += usize::from(o.specific);
        add_context(&mut acc.context, &o.context);
        acc.spelling(o.text);
        acc.sources.insert(PhraseSource {
            file: o.file,
            path: o.path,
        });
    }

    /// Joins a later share's groups into this one's.
    pub(super) fn join(&mut self, later: Grouped) {
        for (kind, accs) in later.groups {
            let g = self.groups.entry(kind).or_default();
            for (k, acc) in accs {
                match g.entry(k) {
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        let mine = e.get_mut();
                        mine.count += acc.count;
                        mine.own += acc.own;
                        add_context(&mut mine.context, &acc.context);
                        mine.spelling(acc.text);
                        mine.sources.extend(acc.sources);
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(acc);
                    }
                }
            }
        }
    }
}

/// Merges occurrences into phrases: exact and near duplicates (same text up to
/// punctuation; a quotation or 排比 contained in a longer one of the same kind) become one.
// Over 80 lines: the grouping, judging and ordering of phrases share the grouped table.
pub(super) fn merge(
    grouped: Grouped,
    lex: &TopicLexicon,
    section_topics: &HashMap<(String, String), Vec<String>>,
) -> Vec<Phrase> {
    // Ordered by key: the order is that of the keys alone, however the work was split.
    let mut by_key: BTreeMap<(PhraseKind, String), Acc> = grouped
        .groups
        .into_iter()
        .flat_map(|(kind, accs)| accs.into_iter().map(move |(k, a)| ((kind, k), a)))
        .collect();
    // Containment merging for long kinds: a shorter quotation inside a longer one is the same.
    let keys: Vec<(PhraseKind, String)> = by_key.keys().cloned().collect();
    for kind in [PhraseKind::Quote, PhraseKind::Parallel] {
        let mut ks: Vec<&(PhraseKind, String)> = keys.iter().filter(|k| k.0 == kind).collect();
        ks.sort_by_key(|k| std::cmp::Reverse(k.1.chars().count()));
        for i in 0..ks.len() {
            for j in 0..i {
                let (long, short) = (ks[j], ks[i]);
                if !by_key.contains_key(long) || !by_key.contains_key(short) {
                    continue;
                }
                if long.1.contains(short.1.as_str()) {
                    let s = by_key.remove(short).expect("checked");
                    let l = by_key.get_mut(long).expect("checked");
                    l.count += s.count;
                    l.own += s.own;
                    add_context(&mut l.context, &s.context);
                    l.sources.extend(s.sources);
                    break;
                }
            }
        }
    }
    let all: Vec<judge::Merged> = by_key.iter().map(|((k, _), a)| merged(*k, a)).collect();
    let corpus = judge::Corpus::new(&all);
    let mut kept: Vec<bool> = all.iter().map(|m| corpus.keep(m, lex)).collect();
    let near = judge::near_duplicates(&all, &kept, &corpus);
    for (k, d) in kept.iter_mut().zip(near) {
        *k &= !d;
    }
    for rule in [run_judge::contained_runs, run_judge::variant_runs] {
        let out = rule(&all, &kept);
        for (k, d) in kept.iter_mut().zip(out) {
            *k &= !d;
        }
    }
    drop(corpus);
    drop(all);
    let accs: Vec<(PhraseKind, Acc)> = by_key
        .into_iter()
        .zip(kept)
        .filter(|(_, k)| *k)
        .map(|(((k, _), a), _)| (k, a))
        .collect();
    // Keywords need jieba: the phrases are shared among threads.
    let keywords = par_chunks(&accs, |chunk, _| {
        chunk
            .iter()
            .map(|(_, acc)| {
                nlp::keywords(
                    &acc.text
                        .replace(['{', '}', 'X', 'Y', 'Z', 'W', 'V', 'U'], ""),
                )
            })
            .collect::<Vec<_>>()
    });
    let mut out: Vec<Phrase> = accs
        .into_iter()
        .zip(keywords.into_iter().flatten())
        .map(|((kind, acc), keywords)| {
            // The phrase's own words count most, then the paragraphs it was used in.
            let mut score = lex.new_score();
            lex.add_hits(
                &mut score,
                &lex.hits(keywords.iter().map(String::as_str)),
                3.0,
            );
            lex.add_hits(&mut score, &acc.context, 1.0);
            let mut topics = lex.rank(&score);
            if topics.is_empty() {
                topics = acc
                    .sources
                    .iter()
                    .find_map(|s| section_topics.get(&(s.file.clone(), s.path.clone())))
                    .map(|t| t.iter().take(2).cloned().collect())
                    .unwrap_or_default();
            }
            Phrase {
                text: acc.text,
                kind,
                topics,
                keywords,
                count: acc.count,
                sources: acc.sources.into_iter().collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.count.cmp(&a.count))
            .then(a.text.cmp(&b.text))
    });
    out
}

/// What the judging rules see of a merged phrase.
fn merged(kind: PhraseKind, a: &Acc) -> judge::Merged<'_> {
    let mut files: Vec<&str> = a.sources.iter().map(|s| s.file.as_str()).collect();
    files.dedup();
    judge::Merged {
        kind,
        text: &a.text,
        count: a.count,
        files,
        own: a.own,
    }
}
