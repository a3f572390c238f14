//! Scoring one query: the candidates sharing a word or a topic with the paragraph, their
//! scores, the pick of the top spread across kinds, and why each is there.

use rustc_hash::FxHashMap;

use super::{
    CONTEXT_TOPIC, Context, MAX_POSTINGS, MAX_TOPIC_CANDIDATES, PhraseIndex, Suggestion,
    TOPIC_WEIGHT,
};
use crate::core::lexicon::lines;
use crate::core::lexicon::units::other_unit;
use crate::core::library::PhraseKind;
use crate::core::suggest::groups;
use crate::core::suggest::rank::{self, diversify, kind_weight, quoted, topic_only_fit};
use crate::core::suggest::terms::matched_terms;

/// How much a phrase counts whose own subject is none of the paragraph's, for the words
/// they share. On the labelled paragraphs 0.5 lifted two sets (held-out 2 0.44 -> 0.47,
/// held-out 6 0.31 -> 0.33) and lowered none.
const OFF_SUBJECT_FIT: f32 = 0.5;

/// How much a phrase counts that names a group of people (干部, 党员, 机关…) the paragraph
/// never names. On the labelled paragraphs 0.5 lifted five sets and lowered one (447
/// wanted items in the top 8 of 137 paragraphs, 453 after, 454 once the items new to the
/// panel were judged blind); 0.3 or 0 no more.
const GROUP_FIT: f32 = 0.5;

/// How much a phrase counts that names a line of work (巡视, 金融, 政法…) the paragraph
/// never names. Blind writers took 2 of 37 such phrases, 34 of 59 beside paragraphs on
/// their line (session 18).
const LINE_FIT: f32 = 0.5;

impl PhraseIndex {
    /// Phrases sharing a word (with their BM25 score and the words matched, as bits) or a
    /// topic with the context.
    pub(super) fn candidates(
        &self,
        ctx: &Context,
        kind_ok: &impl Fn(u32) -> bool,
    ) -> FxHashMap<u32, (f32, u64)> {
        let lists: Vec<(usize, &Vec<(u32, f32)>)> = ctx
            .terms
            .iter()
            .enumerate()
            .filter(|&(ti, _)| ctx.meeting & (1 << ti) == 0)
            .filter_map(|(ti, t)| Some((ti, self.postings.get(t.as_str())?)))
            .collect();
        let most = lists
            .iter()
            .map(|(_, l)| l.len().min(MAX_POSTINGS))
            .sum::<usize>()
            + ctx.topics.len() * MAX_TOPIC_CANDIDATES;
        let mut acc: FxHashMap<u32, (f32, u64)> =
            FxHashMap::with_capacity_and_hasher(most, Default::default());
        for (ti, list) in lists {
            for &(i, w) in list.iter().filter(|(i, _)| kind_ok(*i)).take(MAX_POSTINGS) {
                let e = acc.entry(i).or_default();
                e.0 += w * ctx.weights[ti];
                e.1 |= 1 << ti;
            }
        }
        // Words of the sentences a phrase was used in add to its score but are not words
        // it matched (the reason names only the phrase's own words).
        for (t, tw) in ctx.terms.iter().zip(&ctx.weights) {
            let Some(list) = self.context_postings.get(t.as_str()) else {
                continue;
            };
            for &(i, w) in list.iter().filter(|(i, _)| kind_ok(*i)).take(MAX_POSTINGS) {
                acc.entry(i).or_default().0 += w * tw;
            }
        }
        // What past closings said is a candidate for a closing.
        if ctx.role.prefers_past() {
            for &i in self
                .from_closings
                .iter()
                .filter(|&&i| kind_ok(i))
                .take(MAX_TOPIC_CANDIDATES)
            {
                acc.entry(i).or_default();
            }
        }
        // Phrases sharing the context's topics are candidates even without a shared word.
        for &t in &ctx.topics {
            for &i in self.by_topic[t]
                .iter()
                .filter(|&&i| kind_ok(i))
                .take(MAX_TOPIC_CANDIDATES)
            {
                acc.entry(i).or_default();
            }
        }
        acc
    }

    /// A candidate's score from its BM25 score, the words it matched and the topics it
    /// shares with the context.
    pub(super) fn score(&self, i: u32, bm25: f32, m: u64, ctx: &Context) -> f32 {
        // Written for another kind of unit (抓机关党建是本职… beside a hospital's paragraph).
        let facts = &self.facts[i as usize];
        if other_unit(facts.units, ctx.units) {
            return 0.0;
        }
        // A formulation written for one kind of unit (医疗机构工作人员廉洁从业九项准则, 弘扬
        // 科学家精神) is for paragraphs of that kind: blind writers rejected it beside a
        // paragraph that names no unit (廉洁文化, 表彰, 民主集中制) nearly every time.
        if facts.only_for != 0 && ctx.units & facts.only_for == 0 {
            return 0.0;
        }
        let ctx_topics = &ctx.topics;
        let f = &self.hot[i as usize];
        // A shared topic counts by its rank in the context and in the phrase: the
        // context's main subject as the phrase's own main subject counts most.
        let topics: f32 = ctx_topics
            .iter()
            .enumerate()
            .filter(|&(_, &t)| t < 64 && f.topic_bits & (1 << t) != 0)
            .map(|(r, &t)| {
                let main = if f.is_first_topic(t) { 1.0 } else { 0.5 };
                // A topic only the phrase's surroundings gave it (上上下下 in a paragraph
                // on 作风) is weaker evidence than one its own words name.
                let own = if f.own_topic_bits & (1 << t) != 0 {
                    1.0
                } else {
                    CONTEXT_TOPIC
                };
                main * own * TOPIC_WEIGHT / (r as f32 + 1.0)
            })
            .sum::<f32>()
            // Said in the same place of a past speech: as good as its main subject.
            + if ctx.role.prefers_past() && self.facts[i as usize].roles & ctx.role.bit() != 0 {
                TOPIC_WEIGHT
            } else {
                0.0
            };
        // Only words naming a thing count: a shared verb (加快 of 加快建设金融强国 in a
        // paragraph on 加快培育新兴产业) says nothing of a shared subject.
        let words = (m & ctx.nominal).count_ones();
        // One shared word and no shared topic is vocabulary, not a fit; a quotation is
        // long, and must share more than one word.
        let fit = if (words <= 1 && topics == 0.0) || (f.kind == PhraseKind::Quote && words < 2) {
            0.3
        } else if words == 0 {
            topic_only_fit(f.kind)
        } else if topics == 0.0 && f.own_topic_bits != 0 && !ctx.topics.is_empty() {
            // Its own words name a subject, and it shares none with the paragraph (not
            // even through the paragraphs it was used in): shared words are not a fit
            // (管行业必须管安全、管业务必须管安全 shares 生产、经营、业务 with a paragraph
            // on 国企党建, and is about 安全生产).
            OFF_SUBJECT_FIT
        } else {
            1.0
        };
        // Written for people the paragraph never names (完善干部考核评价体系 beside one on
        // 研究生导师).
        let people = if groups::for_others(facts.groups, ctx.groups) {
            GROUP_FIT
        } else {
            1.0
        };
        // Written for another line of work (巡视 items beside a paragraph on 督察整改).
        let line = if lines::for_other_lines(facts.lines, ctx.lines) {
            LINE_FIT
        } else {
            1.0
        };
        (bm25 + topics + f.prior) * kind_weight(f.kind) * fit * people * line
    }

    /// The top `k`: not said yet, spread across kinds, each text once (a standard
    /// formulation the library also holds).
    pub(super) fn pick(
        &self,
        ranked: &mut [(u32, f32, u64)],
        k: usize,
        ctx: &Context,
    ) -> Vec<(u32, f32, u64)> {
        let unsaid = |i: u32| self.unsaid(i as usize, &ctx.said, &ctx.terms[..ctx.own]);
        let mut picked = diversify(
            ranked,
            2 * k,
            rank::FREE_PER_KIND,
            |i| self.hot[i as usize].kind,
            unsaid,
        );
        // A phrase inside one already picked (敢抓敢管 in a 排比 that says it), or most
        // of whose character pairs one already picked has, adds nothing for the writer.
        let mut seen: Vec<&str> = Vec::new();
        picked.retain(|c| {
            let n = self.facts[c.0 as usize].norm.as_str();
            let new = !seen.iter().any(|s| rank::redundant(s, n));
            if new {
                seen.push(n);
            }
            new
        });
        picked.truncate(k);
        picked
    }

    pub(super) fn explain(&self, i: u32, score: f32, m: u64, ctx: &Context) -> Suggestion {
        let f = &self.facts[i as usize];
        let matched = matched_terms(&ctx.terms, m);
        let topics: Vec<String> = ctx
            .topics
            .iter()
            .filter(|&&t| t < 64 && f.topic_bits & (1 << t) != 0)
            .map(|&t| self.lex.topics[t].name.clone())
            .collect();
        let mut why = Vec::new();
        if !matched.is_empty() {
            why.push(format!("本段说到{}", quoted(&matched)));
        }
        if !topics.is_empty() {
            why.push(format!("同属{}", topics.join("、")));
        }
        if ctx.role.prefers_past() && f.roles & ctx.role.bit() != 0 {
            why.push("往年讲话结尾用过".to_string());
        }
        if why.is_empty() {
            // Only the words around it where past speeches used it matched.
            why.push("讲话稿中用到它的段落与本段用词相近".to_string());
        }
        if let Some(from) = &f.current_from {
            why.push(format!("现行规范提法（{from}起）"));
        } else {
            let p = &self.phrases[i as usize];
            let files = {
                let mut fs: Vec<&str> = p.sources.iter().map(|s| s.file.as_str()).collect();
                fs.dedup();
                fs.len()
            };
            if files >= 2 {
                why.push(format!("{files}篇讲话用过"));
            }
        }
        Suggestion {
            phrase: self.phrases[i as usize].clone(),
            score,
            matched,
            topics,
            reason: why.join("；"),
        }
    }
}
