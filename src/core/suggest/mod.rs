//! Suggestion: what the library offers for the paragraph being written — stock phrases,
//! the closest paragraphs of past speeches (`templates`), and, for a heading,
//! parallel sibling headings from mined heading frames. The side panel and
//! `jianggao suggest` both call `PhraseIndex::suggest`, so they show the same thing.
//!
//! Phrases are ranked by BM25 over whole jieba words (content words only: 不敢腐 shares
//! no word with 不敢创新) plus a bonus for each topic shared with the context, weighted by
//! kind so set phrases rank above plain verb phrases, then diversified across kinds.
//! Never offered: what the paragraph already says, a formulation dated by the draft's
//! date, a standard formulation not yet current, a phrase naming the source's specifics.
//! Posting lists are ordered by impact and only their head is read, so a query costs
//! about the same on a library of 10,000 phrases as on one of 100,000.

pub mod context;
mod groups;
mod offerable;
pub mod rank;
pub mod role;
mod scoring;
pub mod templates;
pub mod terms;

use rustc_hash::FxHashMap;

use crate::core::lexicon::dated::Formulations;
use crate::core::lexicon::standard::StandardLexicon;
use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::{Library, Phrase, PhraseKind};
use crate::core::nlp;
use crate::core::suggest::rank::{Facts, Hot, content_word, facts_of, kind_weight, sub_words};
pub use crate::core::suggest::role::Role;
use crate::core::suggest::templates::{HeadingHit, TemplateHit, TemplateIndex};
use crate::core::suggest::terms::norm;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Score of sharing the context's best topic, in BM25 units.
const TOPIC_WEIGHT: f32 = 4.0;
/// How much a topic counts when only the paragraphs a phrase was used in gave it.
const CONTEXT_TOPIC: f32 = 0.5;
/// Postings read per query term, best first: bounds the cost of a query on a large
/// library (the rest of a long list only holds longer, lower-scoring phrases).
const MAX_POSTINGS: usize = 256;
/// How much a word of the sentences a phrase was used in counts against one of its own.
const CONTEXT_WEIGHT: f32 = 0.35;
/// Phrases taken per context topic as candidates without a shared word.
const MAX_TOPIC_CANDIDATES: usize = 128;
/// How much a dictionary word inside a paragraph's word counts against the word itself.
const SUB_WORD_WEIGHT: f32 = 0.5;
/// Least fit a phrase needs to be shown at all (its score before its kind's weight): one
/// word in passing, or a subject shared by a plain phrase. On the labelled paragraphs none
/// of 24 phrases shown below it was wanted; the panel shows fewer rather than filler. With
/// `topic_only_fit`, a verb phrase that shares only a subject stays under it: such phrases
/// are not shown. Scores are BM25's, which a library of a handful of phrases keeps low: one
/// speech mined gives some forty phrases, enough for a word of the paragraph to score above
/// it. The kind's weight orders the kinds and does not decide what is shown: a writer who
/// asks for idioms only gets the idioms that fit. Quotations are the exception
/// (`min_fit`).
const MIN_FIT: f32 = 1.75;
/// Least fit of a quotation or a heading frame: a long sentence that shares a word or two
/// with the paragraph is not yet about it. This is the bar they had when the least score
/// was set after the kind's weight (2.0 at a weight of 0.5).
const MIN_FIT_LONG: f32 = 4.0;

/// Least fit a phrase of kind `k` needs to be shown.
fn min_fit(k: PhraseKind) -> f32 {
    match k {
        PhraseKind::Quote | PhraseKind::HeadingFrame => MIN_FIT_LONG,
        _ => MIN_FIT,
    }
}
/// Phrases the side panel shows, and `jianggao suggest` by default.
pub const SHOWN: usize = 12;

/// A ranked phrase and why it was suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The phrase itself, not a position in an index: an answer that arrives after the
    /// library changed (an import) still names what it suggested.
    pub phrase: Phrase,
    pub score: f32,
    /// Context words the phrase contains.
    pub matched: Vec<String>,
    /// Context topics the phrase shares.
    pub topics: Vec<String>,
    /// Why it is there, in words for the writer.
    pub reason: String,
}

/// What the panel asks: the focused text, the draft's date, which kinds, how many.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub heading: &'a str,
    pub body: &'a str,
    /// The speech's date, YYYY-MM-DD: dated formulations are judged by it.
    pub date: &'a str,
    /// Only these kinds; `None` for all but heading frames.
    pub kinds: Option<&'a [PhraseKind]>,
    pub k: usize,
    /// The rest of the speech (empty if unknown): a model paragraph it already holds is
    /// not offered again.
    pub elsewhere: &'a str,
    /// Where the paragraph stands: a closing prefers what past closings said, and 范文
    /// come from the same place of past speeches.
    pub role: Role,
}

/// Everything the panel shows for one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    pub phrases: Vec<Suggestion>,
    /// The closest paragraphs of past speeches (empty for a heading).
    pub paragraphs: Vec<TemplateHit>,
    /// For a heading: frames it fits and the sibling headings built on them.
    pub headings: Vec<HeadingHit>,
}

/// What a query is about: its words, its topics (lexicon indices, best first), and its
/// text without punctuation (to tell what it already says).
struct Context {
    terms: Vec<String>,
    /// How much each term counts: 1 for the paragraph's own words, less for a word
    /// inside one of them.
    weights: Vec<f32>,
    /// How many of `terms` are the paragraph's own words (the rest are words inside
    /// them, which the paragraph does not say).
    own: usize,
    topics: Vec<usize>,
    said: String,
    /// The kinds of unit the paragraph is written for (`units::paragraph_units`).
    units: u8,
    /// The groups of people the paragraph names (`groups::group_bits`).
    groups: u16,
    /// The lines of work the paragraph is on (`lines::paragraph_lines`).
    lines: u32,
    /// Bit j set when term j names a thing, not an action or a quality: sharing only
    /// verbs (加快, 推进) is no sign of a shared subject.
    nominal: u64,
    /// Bit j set when term j, in an opening or a closing, speaks of the meeting itself: no
    /// phrase is matched on it, though it still finds what past speeches said around it.
    meeting: u64,
    role: Role,
}

pub struct PhraseIndex {
    lex: TopicLexicon,
    phrases: Vec<Phrase>,
    /// keyword → (phrase, BM25 weight), best first.
    postings: FxHashMap<String, Vec<(u32, f32)>>,
    /// word of the sentences a phrase was used in → (phrase, weight), best first.
    context_postings: FxHashMap<String, Vec<(u32, f32)>>,
    /// topic index → phrases, most frequent first.
    by_topic: Vec<Vec<u32>>,
    /// Phrases found in past closings, most used first: candidates for a closing.
    from_closings: Vec<u32>,
    facts: Vec<Facts>,
    /// What scoring reads of each phrase, packed.
    hot: Vec<Hot>,
    templates: TemplateIndex,
}

/// In how many phrases each keyword occurs.
fn keyword_df(phrases: &[Phrase]) -> FxHashMap<&str, usize> {
    let mut df: FxHashMap<&str, usize> = FxHashMap::default();
    for p in phrases {
        for k in &p.keywords {
            *df.entry(k.as_str()).or_default() += 1;
        }
    }
    df
}

/// Postings of the words around each phrase: an IDF weight scaled by `CONTEXT_WEIGHT`,
/// and by a word's rank among the phrase's context words (the most frequent count most).
fn context_postings(
    contexts: &[Vec<String>],
    n: f32,
    templates: &TemplateIndex,
) -> FxHashMap<String, Vec<(u32, f32)>> {
    let mut df: FxHashMap<&str, usize> = FxHashMap::default();
    for ws in contexts {
        for w in ws {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut out: FxHashMap<String, Vec<(u32, f32)>> = FxHashMap::default();
    for (i, ws) in contexts.iter().enumerate() {
        for (r, w) in ws.iter().enumerate() {
            let idf = templates.paragraph_idf(w).unwrap_or_else(|| {
                let d = df[w.as_str()] as f32;
                ((n - d + 0.5) / (d + 0.5) + 1.0).ln()
            });
            let rank = 1.0 / (1.0 + r as f32 / 8.0);
            out.entry(w.clone())
                .or_default()
                .push((i as u32, CONTEXT_WEIGHT * idf * rank));
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    out
}

/// A YYYY-MM-DD key of a date as a writer types it (2026-3-5, 2026/03/05), or "".
pub fn date_key(date: &str) -> String {
    crate::core::dates::date_parts(date)
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .unwrap_or_default()
}

/// Today as YYYY-MM-DD.
pub fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

impl PhraseIndex {
    /// An index of phrases with the shipped standard formulations and dated lexicon.
    pub fn new(phrases: &[Phrase], lex: TopicLexicon) -> Self {
        Self::build(
            phrases,
            lex,
            &StandardLexicon::current(),
            &Formulations::builtin(),
            TemplateIndex::default(),
            Vec::new(),
        )
    }

    /// The index the panel and `jianggao suggest` use: a library's phrases and templates.
    pub fn for_library(lib: &Library, lex: TopicLexicon) -> Self {
        let templates = TemplateIndex::new(&lib.templates);
        Self::build(
            &lib.phrases,
            lex,
            &StandardLexicon::current(),
            &Formulations::builtin(),
            templates,
            context::phrase_contexts(lib),
        )
    }

    pub fn build(
        library: &[Phrase],
        lex: TopicLexicon,
        standard: &StandardLexicon,
        forms: &Formulations,
        templates: TemplateIndex,
        mut contexts: Vec<Vec<String>>,
    ) -> Self {
        let mut phrases = library.to_vec();
        phrases.extend(standard.phrases(&lex));
        contexts.resize(library.len(), Vec::new());
        contexts.extend(standard.contexts());
        let n = phrases.len().max(1) as f32;
        let avg = phrases.iter().map(|p| p.keywords.len()).sum::<usize>() as f32 / n;
        let df = keyword_df(&phrases);
        let topic_no: FxHashMap<&str, usize> = lex
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let mut postings: FxHashMap<String, Vec<(u32, f32)>> = FxHashMap::default();
        let mut by_topic: Vec<Vec<u32>> = vec![Vec::new(); lex.topics.len()];
        let mut facts = Vec::with_capacity(phrases.len());
        for (i, p) in phrases.iter().enumerate() {
            let len = p.keywords.len() as f32;
            let norm_len = 1.0 - B + B * len / avg.max(1.0);
            for k in &p.keywords {
                // How rare a word is in speeches (落实 and 部署 are in every other
                // paragraph) says more than how rare it is among phrases.
                let idf = templates.paragraph_idf(k).unwrap_or_else(|| {
                    let d = df[k.as_str()] as f32;
                    ((n - d + 0.5) / (d + 0.5) + 1.0).ln()
                });
                let w = idf * (K1 + 1.0) / (1.0 + K1 * norm_len);
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
            let first = p
                .topics
                .first()
                .and_then(|t| topic_no.get(t.as_str()).copied());
            // A standard formulation's topics are curated: its own.
            let own = if p.kind == PhraseKind::Standard {
                bits
            } else {
                lex.hits(p.keywords.iter().map(String::as_str))
                    .iter()
                    .filter(|&&(t, _)| t < 64)
                    .fold(0u64, |b, &(t, _)| b | 1 << t)
                    & bits
            };
            facts.push(facts_of(p, (bits, own), first, standard, forms));
        }
        let context_postings = context_postings(&contexts, n, &templates);
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
        let mut from_closings: Vec<u32> = (0..facts.len() as u32)
            .filter(|&i| facts[i as usize].roles & Role::Closing.bit() != 0)
            .collect();
        from_closings.sort_by_key(|&i| (std::cmp::Reverse(phrases[i as usize].count), i));
        let hot = facts.iter().map(Hot::of).collect();
        PhraseIndex {
            lex,
            phrases,
            postings,
            context_postings,
            by_topic,
            from_closings,
            facts,
            hot,
            templates,
        }
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// A phrase of the index (a library phrase or a standard formulation).
    pub fn phrase(&self, i: usize) -> &Phrase {
        &self.phrases[i]
    }

    /// Everything the panel shows for a request.
    pub fn suggest(&self, r: &Request) -> Suggestions {
        let heading_only = r.body.trim().is_empty() && !r.heading.trim().is_empty();
        Suggestions {
            phrases: self.query_as(r.heading, r.body, r.date, r.k, r.kinds, r.role),
            paragraphs: if heading_only {
                Vec::new()
            } else {
                self.templates
                    .closest(r.heading, r.body, r.elsewhere, &self.lex, 5, r.role)
            },
            headings: if heading_only {
                self.templates.sibling_headings(r.heading, &self.phrases)
            } else {
                Vec::new()
            },
        }
    }

    /// The `k` best phrases for a paragraph under a heading, judged at today's date.
    pub fn query(
        &self,
        heading: &str,
        body: &str,
        k: usize,
        kinds: Option<&[PhraseKind]>,
    ) -> Vec<Suggestion> {
        self.query_dated(heading, body, &today(), k, kinds)
    }

    /// The `k` best phrases for a paragraph under a heading in a speech of `date`.
    pub fn query_dated(
        &self,
        heading: &str,
        body: &str,
        date: &str,
        k: usize,
        kinds: Option<&[PhraseKind]>,
    ) -> Vec<Suggestion> {
        self.query_as(heading, body, date, k, kinds, Role::Body)
    }

    /// The `k` best phrases for a paragraph in `role` in a speech of `date`.
    pub fn query_as(
        &self,
        heading: &str,
        body: &str,
        date: &str,
        k: usize,
        kinds: Option<&[PhraseKind]>,
        role: Role,
    ) -> Vec<Suggestion> {
        let date = date_key(date);
        let mut ctx = self.context(heading, body);
        ctx.role = role;
        ctx.meeting = ctx
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| role.meeting_word(t))
            .fold(0, |b, (j, _)| b | 1 << j);
        let kind_ok = |i: u32| {
            let k = self.hot[i as usize].kind;
            match kinds {
                Some(ks) => ks.contains(&k),
                None => k != PhraseKind::HeadingFrame,
            }
        };
        // Checks on the phrase alone are cheap; those against the paragraph's text are
        // made on the head of the ranking only (`pick`).
        let mut ranked: Vec<(u32, f32, u64)> = self
            .candidates(&ctx, &kind_ok)
            .into_iter()
            .filter(|&(i, _)| kind_ok(i) && self.current(i as usize, &date))
            .map(|(i, (bm25, m))| (i, self.score(i, bm25, m, &ctx), m))
            .filter(|&(i, s, _)| {
                let k = self.hot[i as usize].kind;
                s >= min_fit(k) * kind_weight(k)
            })
            .collect();
        self.pick(&mut ranked, k, &ctx)
            .into_iter()
            .map(|(i, score, m)| self.explain(i, score, m, &ctx))
            .collect()
    }

    /// The query words and topics of a paragraph under a heading.
    fn context(&self, heading: &str, body: &str) -> Context {
        let head_words = nlp::cut(heading);
        let body_words = nlp::cut(body);
        let topics: Vec<usize> = self
            .lex
            .classify(head_words.iter().copied(), body_words.iter().copied())
            .iter()
            .filter_map(|t| self.lex.topics.iter().position(|x| &x.name == t))
            .collect();
        let mut terms: Vec<String> = Vec::new();
        for w in nlp::keywords_of(&head_words)
            .into_iter()
            .chain(nlp::keywords_of(&body_words))
        {
            if content_word(&w) && !terms.contains(&w) {
                terms.push(w);
            }
        }
        let mut weights = vec![1.0; terms.len()];
        // A known compound hides the word a phrase uses (责任人 and 明确责任 hold 责任,
        // 工作作风 holds 作风): its dictionary sub-words are terms too, counting less.
        let own = terms.len();
        for j in 0..own {
            for sub in sub_words(&terms[j]) {
                if !terms.contains(&sub) {
                    terms.push(sub);
                    weights.push(SUB_WORD_WEIGHT);
                }
            }
        }
        terms.truncate(64);
        weights.truncate(64);
        let nominal = terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !matches!(nlp::word_tag(t), "v" | "vd" | "a" | "ad" | "ag" | "vg"))
            .fold(0u64, |b, (j, _)| b | 1 << j);
        Context {
            nominal,
            own: own.min(terms.len()),
            terms,
            weights,
            topics,
            said: format!("{}{}", norm(heading), norm(body)),
            units: crate::core::lexicon::units::paragraph_units(heading, body),
            groups: groups::group_bits(heading) | groups::group_bits(body),
            lines: crate::core::lexicon::lines::paragraph_lines(heading, body),
            meeting: 0,
            role: Role::Body,
        }
    }
}

#[cfg(test)]
mod tests;
