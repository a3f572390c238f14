//! The standard formulations that are runs of items (自我净化、自我完善、自我革新、自我提高),
//! and their near-misses: a run that keeps most of a standard one's items but drops or
//! changes some (自我革新、自我完善、自我提高). Mining does not offer such a run; the check
//! flags one in a draft, since a set formulation is quoted exactly or not at all.

use rustc_hash::FxHashMap;

use crate::core::lexicon::standard::StandardLexicon;

/// A standard formulation of two or more items.
struct Run {
    text: String,
    since: String,
    items: Vec<String>,
}

/// The standard runs, indexed by item.
pub struct StandardRuns {
    runs: Vec<Run>,
    by_item: FxHashMap<String, Vec<usize>>,
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

fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '‘' | '’'))
        .collect()
}

/// Whether two items have overlapping shares, counted the way they are compared.
fn shared_enough(n: usize, run: usize, standard: usize) -> bool {
    n >= 2 && n * 2 >= run.max(standard)
}

impl StandardRuns {
    pub fn new(lex: &StandardLexicon) -> Self {
        let mut runs = Vec::new();
        let mut by_item: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for f in &lex.formulations {
            let its = items(&f.text);
            if its.len() < 2 {
                continue;
            }
            for i in &its {
                by_item.entry(i.clone()).or_default().push(runs.len());
            }
            runs.push(Run {
                text: f.text.clone(),
                since: f.since.clone(),
                items: its,
            });
        }
        StandardRuns { runs, by_item }
    }

    /// Whether a mined run shares at least two items, and half of the longer list, with
    /// a standard formulation it is not (the panel offers the standard one instead).
    pub fn near_miss(&self, text: &str) -> bool {
        let its = items(text);
        let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
        for i in &its {
            for &s in self.by_item.get(i).map_or(&[][..], Vec::as_slice) {
                *shared.entry(s).or_default() += 1;
            }
        }
        shared.into_iter().any(|(s, n)| {
            let len = self.runs[s].items.len();
            let exact = n == its.len() && n == len;
            !exact && shared_enough(n, its.len(), len)
        })
    }

    /// Near-misses of standard runs in a draft's text. Conservative, as a check must be:
    /// three items of a longer standard run with the rest dropped or changed, or two
    /// items in a list as long as the standard one (理论创新、制度创新、工作创新、方法创新).
    /// A standard run quoted whole, in any order, or two items of a long one mentioned
    /// in passing (凝聚力、战斗力) are not flagged.
    pub fn near_misses_in(&self, text: &str) -> Vec<NearMiss> {
        let c: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        for sentence in sentences(&c) {
            if sentence.len() < 2 {
                continue;
            }
            for run in &self.runs {
                if let Some(m) = self.miss_in(&c, &sentence, run) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The near-miss of `run` among a sentence's items, if any.
    fn miss_in(&self, c: &[char], items: &[(usize, usize)], run: &Run) -> Option<NearMiss> {
        // Per standard item, the first text item that says it, and the span that does.
        let mut hits: Vec<(usize, usize, usize, bool)> = Vec::new();
        for want in &run.items {
            let w: Vec<char> = want.chars().collect();
            let found = items.iter().enumerate().find_map(|(k, &(s, e))| {
                let item: Vec<char> = c[s..e]
                    .iter()
                    .copied()
                    .filter(|ch| !matches!(ch, '“' | '”' | '‘' | '’'))
                    .collect();
                item_span(&item, &w).map(|(a, b, exact)| (k, s + a, s + b, exact))
            });
            hits.extend(found);
        }
        let n = hits.len();
        let len = run.items.len();
        if n < 2 || n == len {
            return None;
        }
        let first = hits.iter().map(|h| h.0).min()?;
        let last = hits.iter().map(|h| h.0).max()?;
        // The items must stand together, as a run does.
        if last - first + 1 > len + 1 || last - first + 1 > n + 1 {
            return None;
        }
        let list = list_len(c, items, first, last, run);
        if !(shared_enough(n, list, len) && (n >= 3 || list >= len)) {
            return None;
        }
        let start = hits.iter().filter(|h| h.0 == first).map(|h| h.1).min()?;
        let end = hits.iter().filter(|h| h.0 == last).map(|h| h.2).max()?;
        let whole = list == last - first + 1 && hits.iter().all(|h| h.3);
        Some(NearMiss {
            start,
            end,
            standard: run.text.clone(),
            since: run.since.clone(),
            replaceable: whole,
        })
    }
}

/// Where a standard item stands in a text item: the same words, the item after words
/// that lead into it (不断增强自我革新), before words that follow it (自我提高能力), or the
/// core of a standard item with a lead of its own, whatever leads into it in the text
/// (坚持不敢腐 beside 一体推进不敢腐: three characters or more in common at the end).
/// The flag says whether the standard item stands whole in the text.
fn item_span(item: &[char], want: &[char]) -> Option<(usize, usize, bool)> {
    if item.len() < 2 {
        return None;
    }
    if item.ends_with(want) {
        return Some((item.len() - want.len(), item.len(), true));
    }
    if item.starts_with(want) {
        return Some((0, want.len(), true));
    }
    let tail = item
        .iter()
        .rev()
        .zip(want.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (tail >= 3).then_some((item.len() - tail, item.len(), false))
}

/// How many items of like length stand together around the matched ones: the length of
/// the writer's list.
fn list_len(c: &[char], items: &[(usize, usize)], first: usize, last: usize, run: &Run) -> usize {
    let lens: Vec<usize> = run.items.iter().map(|i| i.chars().count()).collect();
    let (lo, hi) = (
        lens.iter().min().copied().unwrap_or(0).saturating_sub(1),
        lens.iter().max().copied().unwrap_or(0) + 1,
    );
    // An item of like length joined to its neighbour by 、 (a ， may end the list).
    let like = |k: usize| {
        let (s, e) = items[k];
        let joined = c.get(e) == Some(&'、') || (s > 0 && c[s - 1] == '、');
        (lo..=hi).contains(&(e - s)) && joined
    };
    let mut a = first;
    while a > 0 && like(a - 1) {
        a -= 1;
    }
    let mut b = last;
    while b + 1 < items.len() && like(b + 1) {
        b += 1;
    }
    b - a + 1
}

/// Each sentence's items: character ranges between 、，, sentences ending at 。！？；：
/// or a line break.
fn sentences(c: &[char]) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut start = 0;
    for (i, &ch) in c.iter().enumerate() {
        let item_end = matches!(ch, '、' | '，' | ',');
        let sentence_end = matches!(ch, '。' | '！' | '？' | '；' | '：' | '\n');
        if item_end || sentence_end {
            if i > start {
                cur.push((start, i));
            }
            start = i + 1;
        }
        if sentence_end {
            out.push(std::mem::take(&mut cur));
        }
    }
    if start < c.len() {
        cur.push((start, c.len()));
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
                })
                .collect(),
        })
    }

    #[test]
    fn a_mined_run_with_an_item_changed_or_dropped_is_a_near_miss() {
        let s = runs(&[
            "自我净化、自我完善、自我革新、自我提高",
            "理论创新、实践创新、制度创新、文化创新",
        ]);
        assert!(s.near_miss("自我革新、自我完善、自我提高"));
        assert!(s.near_miss("理论创新、制度创新、工作创新、方法创新"));
        assert!(!s.near_miss("自我净化、自我完善、自我革新、自我提高"));
        // One shared item is a coincidence.
        assert!(!s.near_miss("理论创新、学习创新、服务创新"));
        assert!(!s.near_miss("知敬畏、存戒惧、守底线"));
    }

    fn flagged(s: &StandardRuns, text: &str) -> Vec<String> {
        let c: Vec<char> = text.chars().collect();
        s.near_misses_in(text)
            .iter()
            .map(|m| c[m.start..m.end].iter().collect())
            .collect()
    }

    #[test]
    fn a_draft_that_drops_or_changes_an_item_is_flagged_where_it_does() {
        let s = runs(&[
            "自我净化、自我完善、自我革新、自我提高",
            "理论创新、实践创新、制度创新、文化创新",
            "一体推进不敢腐、不能腐、不想腐",
            "政治能力、调查研究能力、科学决策能力、改革攻坚能力、应急处突能力、群众工作能力、抓落实能力",
            "创造力、凝聚力、战斗力",
        ]);
        assert_eq!(
            flagged(&s, "要不断增强自我革新、自我完善、自我提高能力，永葆先进。"),
            ["自我革新、自我完善、自我提高"]
        );
        assert_eq!(
            flagged(&s, "推进理论创新、制度创新、工作创新、方法创新。"),
            ["理论创新、制度创新"]
        );
        // The standard wording may replace a list it holds whole, not one with items of
        // the writer's own beyond the range.
        let whole = s.near_misses_in("要不断增强自我革新、自我完善、自我提高能力。");
        assert!(whole[0].replaceable);
        assert!(!s.near_misses_in("推进理论创新、制度创新、工作创新、方法创新。")[0].replaceable);
        // Whole, in another order, or with the standard's lead left out: not flagged.
        for ok in [
            "增强自我净化、自我完善、自我革新、自我提高能力。",
            "增强自我完善、自我净化、自我提高、自我革新能力。",
            "坚持不敢腐、不能腐、不想腐一体推进。",
            // Items of a longer run, mentioned in passing.
            "增强基层党组织的凝聚力、战斗力，发挥堡垒作用。",
            "着力提高政治能力、调查研究能力、科学决策能力。",
            "要在理论创新、制度创新上下功夫。",
        ] {
            assert!(flagged(&s, ok).is_empty(), "{ok}: {:?}", flagged(&s, ok));
        }
    }
}
