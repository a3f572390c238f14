//! Paragraph suggestions: the paragraphs of past speeches closest to the one being
//! written (a 范文 to insert or to replace it with), and, for a heading, the sibling
//! headings built on a mined heading frame it fits.

use rustc_hash::FxHashMap;

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::{Phrase, PhraseKind, Template, TemplateKind};
use crate::core::mine::frames;
use crate::core::nlp;
use crate::core::suggest::role::Role;
use crate::core::suggest::terms::norm;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Score of sharing the context's best topic, in BM25 units.
const TOPIC_WEIGHT: f32 = 1.5;
/// The least score of a paragraph shown as a 范文 when it shares a subject with the one
/// being written, and when it does not. Set on 235 labelled candidates for the 47 gold
/// paragraphs (tests/it/gold/fanwen.ron): on a subject, 1 in 3 was useful, and nearly half
/// at 10 or more; off it, 1 in 10, and all three at 20 or more.
const MIN_ON_SUBJECT: f32 = 10.0;
const MIN_OFF_SUBJECT: f32 = 20.0;
/// Postings read per query word.
const MAX_POSTINGS: usize = 512;
/// Paragraphs a library needs before their word counts say which words are common.
const MIN_DOCS_FOR_IDF: usize = 50;
/// Sibling headings shown per frame.
const MAX_SIBLINGS: usize = 6;

/// One paragraph of a template, as indexed.
struct Doc {
    template: u32,
    /// Where the paragraph stood in its speech: an opening's, a closing's or a body's.
    role: Role,
    text: String,
    norm: String,
}

/// A paragraph of a past speech close to the one being written.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateHit {
    pub template_id: String,
    /// The template's heading, or its kind for an opening or closing.
    pub heading: String,
    pub text: String,
    pub score: f32,
    pub matched: Vec<String>,
    pub reason: String,
}

/// A heading frame the focused heading fits, and sibling headings built on it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingHit {
    pub frame: String,
    pub siblings: Vec<String>,
}

/// Paragraphs matching a query, best first, as (doc, score, bitmask of matched
/// terms), with the query's terms and topics that the bitmask and reasons refer to.
struct Ranking {
    ranked: Vec<(u32, f32, u64)>,
    terms: Vec<String>,
    ctx_topics: Vec<String>,
}

#[derive(Default)]
pub struct TemplateIndex {
    docs: Vec<Doc>,
    /// Per template: id, heading (or kind), topic names.
    templates: Vec<(String, String, Vec<String>)>,
    postings: FxHashMap<String, Vec<(u32, f32)>>,
    /// Every heading of the library, once.
    headings: Vec<String>,
}

impl TemplateIndex {
    pub fn new(templates: &[Template]) -> Self {
        let mut idx = TemplateIndex::default();
        let mut keywords: Vec<Vec<String>> = Vec::new();
        // A speech without headings is all "opening" to the outline: only its first
        // paragraph opens it, the rest is its body.
        let sectioned: rustc_hash::FxHashSet<&str> = templates
            .iter()
            .filter(|t| matches!(t.kind, TemplateKind::Section | TemplateKind::Point))
            .map(|t| t.source.file.as_str())
            .collect();
        for (ti, t) in templates.iter().enumerate() {
            let whole_speech =
                t.kind == TemplateKind::Opening && !sectioned.contains(t.source.file.as_str());
            let heading = if t.heading.is_empty() {
                t.kind.label().to_string()
            } else {
                t.heading.clone()
            };
            idx.templates
                .push((t.id.clone(), heading, t.topics.clone()));
            for h in std::iter::once(&t.heading).chain(t.children.iter().map(|c| &c.heading)) {
                if !h.is_empty() && !idx.headings.contains(h) {
                    idx.headings.push(h.clone());
                }
            }
            let paras = t
                .paragraphs
                .iter()
                .chain(t.children.iter().flat_map(|c| c.paragraphs.iter()));
            // Whether a paragraph of this template is indexed yet: a short salutation
            // skipped below does not open the speech.
            let mut opened = false;
            for p in paras {
                if p.chars().count() < 20 {
                    continue;
                }
                keywords.push(nlp::keywords(p));
                idx.docs.push(Doc {
                    template: ti as u32,
                    role: match t.kind {
                        TemplateKind::Opening if whole_speech && opened => Role::Body,
                        TemplateKind::Opening => Role::Opening,
                        TemplateKind::Closing => Role::Closing,
                        TemplateKind::Section | TemplateKind::Point => Role::Body,
                    },
                    text: p.clone(),
                    norm: norm(p),
                });
                opened = true;
            }
        }
        let n = idx.docs.len().max(1) as f32;
        let avg = keywords.iter().map(Vec::len).sum::<usize>() as f32 / n;
        let mut df: FxHashMap<&str, usize> = FxHashMap::default();
        for ks in &keywords {
            for k in ks {
                *df.entry(k.as_str()).or_default() += 1;
            }
        }
        for (i, ks) in keywords.iter().enumerate() {
            let norm_len = 1.0 - B + B * ks.len() as f32 / avg.max(1.0);
            for k in ks {
                let d = df[k.as_str()] as f32;
                let idf = ((n - d + 0.5) / (d + 0.5) + 1.0).ln();
                let w = idf * (K1 + 1.0) / (1.0 + K1 * norm_len);
                idx.postings
                    .entry(k.clone())
                    .or_default()
                    .push((i as u32, w));
            }
        }
        for list in idx.postings.values_mut() {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        idx
    }

    /// How common a word is in the library's paragraphs: an IDF over them, or `None` for
    /// a library with too few paragraphs to tell.
    pub fn paragraph_idf(&self, word: &str) -> Option<f32> {
        if self.docs.len() < MIN_DOCS_FOR_IDF {
            return None;
        }
        let n = self.docs.len() as f32;
        let d = self.postings.get(word).map_or(0, Vec::len) as f32;
        Some(((n - d + 0.5) / (d + 0.5) + 1.0).ln())
    }

    /// The `k` paragraphs closest to a paragraph under a heading, one per template and
    /// each text once, none that the rest of the speech (`elsewhere`) already holds, all
    /// from the same place of past speeches as the paragraph's `role`: an opening is
    /// modelled on openings, a section's or point's paragraph on sections' and points' (a
    /// past opening's 前几天，我们召开了…表彰大会 is no model for a paragraph on 党建与业务融合).
    pub fn closest(
        &self,
        heading: &str,
        body: &str,
        elsewhere: &str,
        lex: &TopicLexicon,
        k: usize,
        role: Role,
    ) -> Vec<TemplateHit> {
        let elsewhere = norm(elsewhere);
        let Ranking {
            ranked,
            terms,
            ctx_topics,
        } = self.ranked(heading, body, lex, role);
        let mut seen = Vec::new();
        // A point's paragraph is also its section's: the same text is shown once.
        let mut shown: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for (d, score, m) in ranked {
            let doc = &self.docs[d as usize];
            if seen.contains(&doc.template)
                || shown.contains(&doc.norm.as_str())
                || elsewhere.contains(doc.norm.as_str())
            {
                continue;
            }
            seen.push(doc.template);
            shown.push(&doc.norm);
            out.push(self.hit(d, score, m, &terms, &ctx_topics));
            if out.len() == k {
                break;
            }
        }
        out
    }

    /// Paragraphs sharing at least two words with the text (not the text itself), with
    /// their scores and matched words, best first; the query's terms and topics.
    /// Only paragraphs of `role` are read: the cap on postings per word must not be
    /// spent on the others.
    fn ranked(&self, heading: &str, body: &str, lex: &TopicLexicon, role: Role) -> Ranking {
        let words: Vec<&str> = nlp::cut(heading)
            .into_iter()
            .chain(nlp::cut(body))
            .collect();
        let ctx_topics = lex.classify(nlp::cut(heading), nlp::cut(body));
        let mut terms: Vec<String> = nlp::keywords_of(&words);
        terms.truncate(64);
        let said = norm(body);
        let mut acc: FxHashMap<u32, (f32, u64)> = FxHashMap::default();
        for (ti, t) in terms.iter().enumerate() {
            for &(d, w) in self
                .postings
                .get(t)
                .into_iter()
                .flatten()
                .filter(|(d, _)| self.docs[*d as usize].role == role)
                .take(MAX_POSTINGS)
            {
                let e = acc.entry(d).or_default();
                e.0 += w;
                e.1 |= 1 << ti;
            }
        }
        let mut ranked: Vec<(u32, f32, u64)> = acc
            .into_iter()
            .filter(|(d, _)| {
                let n = &self.docs[*d as usize].norm;
                !(said.contains(n.as_str()) || (!said.is_empty() && n.contains(said.as_str())))
            })
            .filter_map(|(d, (bm25, m))| {
                let topics = &self.templates[self.docs[d as usize].template as usize].2;
                let shared: f32 = ctx_topics
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| topics.contains(t))
                    .map(|(r, _)| TOPIC_WEIGHT / (r as f32 + 1.0))
                    .sum();
                let s = bm25 + shared;
                // A match of one common word is not a model paragraph; nor is one on
                // another subject that shares only a few words (责任, 落实, 坚决): a writer
                // is better served by no 范文 than by one on another subject.
                let min = if shared > 0.0 {
                    MIN_ON_SUBJECT
                } else {
                    MIN_OFF_SUBJECT
                };
                (m.count_ones() >= 2 && s >= min).then_some((d, s, m))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ranking {
            ranked,
            terms,
            ctx_topics,
        }
    }

    /// A paragraph as the panel shows it, with why it is there.
    fn hit(
        &self,
        d: u32,
        score: f32,
        m: u64,
        terms: &[String],
        ctx_topics: &[String],
    ) -> TemplateHit {
        let doc = &self.docs[d as usize];
        let (id, heading, topics) = &self.templates[doc.template as usize];
        let matched = crate::core::suggest::terms::matched_terms(terms, m);
        let shared: Vec<&str> = ctx_topics
            .iter()
            .filter(|t| topics.contains(t))
            .map(String::as_str)
            .collect();
        let mut reason = format!(
            "都说到{}",
            matched
                .iter()
                .take(4)
                .map(|w| format!("“{w}”"))
                .collect::<String>()
        );
        if !shared.is_empty() {
            reason.push_str(&format!("；同属{}", shared.join("、")));
        }
        TemplateHit {
            template_id: id.clone(),
            heading: heading.clone(),
            text: doc.text.clone(),
            score,
            matched,
            reason,
        }
    }

    /// Mined heading frames the heading fits, each with the library's headings built on
    /// it (the heading itself left out).
    pub fn sibling_headings(&self, heading: &str, phrases: &[Phrase]) -> Vec<HeadingHit> {
        let heading = heading.trim();
        let mut out: Vec<HeadingHit> = Vec::new();
        for p in phrases
            .iter()
            .filter(|p| p.kind == PhraseKind::HeadingFrame)
        {
            if !frames::fits(&p.text, heading) || out.iter().any(|h| h.frame == p.text) {
                continue;
            }
            let siblings: Vec<String> = self
                .headings
                .iter()
                .filter(|h| h.as_str() != heading && frames::fits(&p.text, h))
                .take(MAX_SIBLINGS)
                .cloned()
                .collect();
            out.push(HeadingHit {
                frame: p.text.clone(),
                siblings,
            });
        }
        out
    }
}
