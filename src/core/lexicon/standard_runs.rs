//! The standard formulations that are runs of items (自我净化、自我完善、自我革新、自我提高),
//! and their near-misses: a run that keeps most of a standard one's items but drops or
//! changes some (自我革新、自我完善、自我提高). Mining does not offer such a run; the check
//! flags one in a draft, since a set formulation is quoted exactly or not at all.

use crate::core::lexicon::standard::{StandardLexicon, bare};

/// A standard formulation of two or more items.
struct Run {
    text: String,
    since: String,
    /// Its items without the words that lead into the first or follow the last (不敢腐 of
    /// 一体推进不敢腐, 国际化 of 国际化一流营商环境).
    cores: Vec<Vec<char>>,
    check: bool,
}

/// The standard runs of the lexicon (a few dozen: each is compared with each run).
pub struct StandardRuns {
    runs: Vec<Run>,
}

/// A near-miss found in running text: its character range and the standard it misses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub start: usize,
    pub end: usize,
    pub standard: String,
    pub since: String,
    /// The range holds the writer's whole list and nothing of its own, so the standard
    /// wording may replace it as it is.
    pub replaceable: bool,
}

/// Items of a run: its parts between 、，；, quotation marks aside.
pub fn items(text: &str) -> Vec<String> {
    text.split(['、', '，', '；'])
        .map(bare)
        .filter(|i| !i.is_empty())
        .collect()
}

/// A standard run's core items: the first cut to the length of the second, the last to
/// that of the one before it, where they are longer (a lead or a tail of the whole).
fn cores(items: &[String]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = items.iter().map(|i| i.chars().collect()).collect();
    let n = out.len();
    if n >= 2 {
        let second = out[1].len();
        if out[0].len() > second {
            out[0] = out[0][out[0].len() - second..].to_vec();
        }
        let before_last = out[n - 2].len();
        if out[n - 1].len() > before_last {
            out[n - 1].truncate(before_last);
        }
    }
    out
}

/// Whether two shares of items make a near-miss: at least two shared, and at least half
/// of the longer of the two lists.
fn shared_enough(n: usize, run: usize, standard: usize) -> bool {
    n >= 2 && n * 2 >= run.max(standard)
}

/// Where a standard core item stands in an item of the text: the same words, after
/// words that lead into it (不断增强自我革新), or before words that follow it (自我提高
/// 能力). Character offsets within the item.
fn item_span(item: &[char], core: &[char]) -> Option<(usize, usize)> {
    if item.len() < 2 || core.is_empty() {
        return None;
    }
    if item.ends_with(core) {
        return Some((item.len() - core.len(), item.len()));
    }
    item.starts_with(core).then_some((0, core.len()))
}

impl StandardRuns {
    pub fn new(lex: &StandardLexicon) -> Self {
        let runs = lex
            .formulations
            .iter()
            .filter_map(|f| {
                let its = items(&f.text);
                (its.len() >= 2).then(|| Run {
                    text: f.text.clone(),
                    since: f.since.clone(),
                    cores: cores(&its),
                    check: f.check,
                })
            })
            .collect();
        StandardRuns { runs }
    }

    /// The runs of the lexicon this process uses (`StandardLexicon::shared`), built once.
    pub fn current() -> &'static StandardRuns {
        static RUNS: std::sync::OnceLock<StandardRuns> = std::sync::OnceLock::new();
        RUNS.get_or_init(|| StandardRuns::new(StandardLexicon::shared()))
    }

    /// Whether a mined run shares at least two core items, and half of the longer list,
    /// with a standard formulation, without holding all of it: the set wording with an
    /// item dropped or changed (the panel offers the standard one instead). A run that
    /// holds the whole standard, with more of its own or not, is no miss.
    pub fn near_miss(&self, text: &str) -> bool {
        let its: Vec<Vec<char>> = items(text).iter().map(|i| i.chars().collect()).collect();
        // A core item counts when an item of the run is it, or is it after a lead or
        // before a tail of the run's own (一体推进不敢腐 mined as 不敢腐).
        self.runs.iter().any(|run| {
            let n = run
                .cores
                .iter()
                .filter(|c| its.iter().any(|i| item_span(i, c).is_some()))
                .count();
            n < run.cores.len() && shared_enough(n, its.len(), run.cores.len())
        })
    }

    /// Near-misses of standard runs in a draft's text. Conservative, as a check must be:
    /// three items or more of a standard run, and half of it, in one list with the rest
    /// dropped or changed (自我革新、自我完善、自我提高). Two items of a run in passing
    /// (凝聚力、战斗力; 准确、完整), the whole run in any order or with items of the
    /// writer's own, and runs the lexicon marks `check: false` are not flagged.
    pub fn near_misses_in(&self, text: &str) -> Vec<NearMiss> {
        let c: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        for sentence in sentences(&c) {
            if sentence.len() < 3 {
                continue;
            }
            for run in self.runs.iter().filter(|r| r.check && r.cores.len() >= 4) {
                if let Some(m) = miss_in(&c, &sentence, run) {
                    out.push(m);
                }
            }
        }
        out
    }
}

/// The near-miss of `run` among a sentence's items, if any.
fn miss_in(c: &[char], items: &[(usize, usize)], run: &Run) -> Option<NearMiss> {
    // Per core item, the first text item that says it, the span that does, and whether
    // the item is that core alone.
    let mut hits: Vec<(usize, usize, usize, bool)> = Vec::new();
    for core in &run.cores {
        let found = items.iter().enumerate().find_map(|(k, &(s, e))| {
            item_span(&c[s..e], core).map(|(a, b)| (k, s + a, s + b, e - s == core.len()))
        });
        hits.extend(found);
    }
    let (n, len) = (hits.len(), run.cores.len());
    if n < 3 || n == len || !shared_enough(n, n, len) {
        return None;
    }
    let first = hits.iter().map(|h| h.0).min()?;
    let last = hits.iter().map(|h| h.0).max()?;
    // One list, 、 between each pair of its items, and no more items than a miss has.
    let span = last - first + 1;
    let joined = (first..last).all(|k| sep_after(c, items[k].1) == Some('、'));
    if span > len || span > n + 1 || !joined {
        return None;
    }
    let start = hits.iter().filter(|h| h.0 == first).map(|h| h.1).min()?;
    let end = hits.iter().filter(|h| h.0 == last).map(|h| h.2).max()?;
    // The writer's list is just these items when no item of it is joined by 、 beyond
    // them; then the standard wording may replace the range.
    let before = first > 0 && sep_after(c, items[first - 1].1) == Some('、');
    let after = last + 1 < items.len() && sep_after(c, items[last].1) == Some('、');
    let inner_whole = hits
        .iter()
        .filter(|h| h.0 != first && h.0 != last)
        .all(|h| h.3);
    Some(NearMiss {
        start,
        end,
        standard: run.text.clone(),
        since: run.since.clone(),
        replaceable: !before && !after && inner_whole && span == n,
    })
}

/// The mark after an item, past its closing quotation marks.
fn sep_after(c: &[char], end: usize) -> Option<char> {
    c[end.min(c.len())..]
        .iter()
        .copied()
        .find(|x| !matches!(x, '“' | '”' | '‘' | '’'))
}

/// Each sentence's items: character ranges between 、，, sentences ending at 。！？；：
/// or a line break; quotation marks at an item's ends are not part of it.
fn sentences(c: &[char]) -> Vec<Vec<(usize, usize)>> {
    let quote = |x: char| matches!(x, '“' | '”' | '‘' | '’');
    let trimmed = |mut s: usize, mut e: usize| {
        while s < e && quote(c[s]) {
            s += 1;
        }
        while e > s && quote(c[e - 1]) {
            e -= 1;
        }
        (s, e)
    };
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut start = 0;
    for (i, &ch) in c.iter().enumerate() {
        let item_end = matches!(ch, '、' | '，' | ',');
        let sentence_end = matches!(ch, '。' | '！' | '？' | '；' | '：' | '\n');
        if item_end || sentence_end {
            let (s, e) = trimmed(start, i);
            if e > s {
                cur.push((s, e));
            }
            start = i + 1;
        }
        if sentence_end {
            out.push(std::mem::take(&mut cur));
        }
    }
    let (s, e) = trimmed(start, c.len());
    if e > s {
        cur.push((s, e));
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lexicon::standard::Standard;

    fn runs(texts: &[&str]) -> StandardRuns {
        StandardRuns::new(&StandardLexicon {
            version: 1,
            formulations: texts
                .iter()
                .map(|t| Standard {
                    text: t.to_string(),
                    since: "2012-11-08".into(),
                    note: String::new(),
                    check: !t.starts_with("党政同责"),
                    units: Vec::new(),
                    lines: Vec::new(),
                })
                .collect(),
        })
    }

    fn lexicon() -> StandardRuns {
        runs(&[
            "自我净化、自我完善、自我革新、自我提高",
            "理论创新、实践创新、制度创新、文化创新",
            "一体推进不敢腐、不能腐、不想腐",
            "创造力、凝聚力、战斗力",
            "弘扬劳模精神、劳动精神、工匠精神",
            "完整、准确、全面贯彻新发展理念",
            "营造市场化、法治化、国际化一流营商环境",
            "增强做中国人的志气、骨气、底气",
            "党政同责、一岗双责、齐抓共管、失职追责",
            "政治能力、调查研究能力、科学决策能力、改革攻坚能力、应急处突能力、群众工作能力、抓落实能力",
        ])
    }

    #[test]
    fn a_mined_run_with_an_item_changed_or_dropped_is_a_near_miss() {
        let s = lexicon();
        assert!(s.near_miss("自我革新、自我完善、自我提高"));
        assert!(s.near_miss("理论创新、制度创新、工作创新、方法创新"));
        // The standard itself, its core without its lead, or more than it: no miss.
        for ok in [
            "自我净化、自我完善、自我革新、自我提高",
            "不敢腐、不能腐、不想腐",
            "劳模精神、劳动精神、工匠精神",
            "凝聚力、创造力、战斗力、组织力",
            "志气、骨气、底气",
            // One shared item is a coincidence.
            "理论创新、学习创新、服务创新",
            "知敬畏、存戒惧、守底线",
        ] {
            assert!(!s.near_miss(ok), "{ok}");
        }
    }

    fn flagged(s: &StandardRuns, text: &str) -> Vec<String> {
        let c: Vec<char> = text.chars().collect();
        s.near_misses_in(text)
            .iter()
            .map(|m| c[m.start..m.end].iter().collect())
            .collect()
    }

    #[test]
    fn a_draft_that_drops_an_item_is_flagged_where_it_does() {
        let s = lexicon();
        assert_eq!(
            flagged(&s, "要不断增强自我革新、自我完善、自我提高能力，永葆先进。"),
            ["自我革新、自我完善、自我提高"]
        );
        // Quotation marks around the items stay outside the range.
        assert_eq!(
            flagged(&s, "增强“自我革新”、“自我完善”、“自我提高”的能力。"),
            ["自我革新”、“自我完善”、“自我提高"]
        );
        // The standard wording may replace a list it holds whole, not one with items of
        // the writer's own beyond the range.
        let whole = s.near_misses_in("要不断增强自我革新、自我完善、自我提高能力。");
        assert!(whole[0].replaceable);
        let more = s.near_misses_in("增强自我革新、自我完善、自我提高、自我监督能力。");
        assert!(!more.is_empty() && !more[0].replaceable, "{more:?}");
    }

    #[test]
    fn ordinary_sentences_that_share_items_with_a_standard_are_not_flagged() {
        let s = lexicon();
        for ok in [
            "增强自我净化、自我完善、自我革新、自我提高能力。",
            "增强自我完善、自我净化、自我提高、自我革新能力。",
            "坚持不敢腐、不能腐、不想腐一体推进。",
            "增强基层党组织的凝聚力、战斗力，发挥堡垒作用。",
            "组织力、凝聚力、战斗力明显增强。",
            "确保数据真实、准确、完整。",
            "完整、准确、全面理解党的创新理论。",
            "严格落实安全生产党政同责、一岗双责、齐抓共管。",
            "生态环境保护实行党政同责、一岗双责、齐抓共管、终身追责。",
            "持续推动营商环境市场化、法治化、国际化、便利化。",
            "坚持市场化、法治化、国际化方向。",
            "不断增强志气、骨气、底气。",
            "弘扬劳模精神、工匠精神、企业家精神。",
            "着力提升学习研究能力、依法决策能力、改革攻坚能力、群众工作能力。",
            "以科技创新、管理创新、制度创新、文化创新为引领。",
            "坚持理论创新、实践创新，推动改革、促进发展。",
            "要在理论创新、制度创新上下功夫。",
            "着力提高政治能力、调查研究能力、科学决策能力。",
            // Items of a standard run in separate clauses are no list.
            "自我革新要坚持，自我完善要经常，自我提高要持续。",
        ] {
            assert!(flagged(&s, ok).is_empty(), "{ok}: {:?}", flagged(&s, ok));
        }
    }
}
