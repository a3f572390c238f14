//! Which mined 排比 a writer would reuse, judged on the whole corpus: not a short pair of
//! words (创新理念、创新方法), not a list of bare -化/-性 words the corpus says once, and not
//! a part of a quotation or of a longer run, or a variant of a run, the library offers
//! already. Near-misses of standard formulations are `lexicon::standard_runs`'.

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

use crate::core::lexicon::standard_runs::items;
use crate::core::library::PhraseKind;
use crate::core::mine::merged::Merged;

/// Whether a run has the shape of one worth offering on its own. `files`: the speeches
/// it occurs in.
pub(super) fn keep_shape(text: &str, files: usize) -> bool {
    let its = items(text);
    let shortest = its.iter().map(|i| i.chars().count()).min().unwrap_or(0);
    // Two short items joined by 、 are a coordination (相互融合、相互促进; 创新理念、创新
    // 方法), not a 对偶: a pair is one when its items are phrases of some length (一切服从
    // 大局、一切服务大局) or whole clauses (基础不牢，地动山摇).
    if its.len() == 2 && !text.contains(['，', '；']) && shortest < 6 {
        return false;
    }
    // Two verbs on one object (研究业务工作、熟知业务工作) are 研究并熟知业务工作 said
    // twice; a pair with a frame of its own (一切服从大局、一切服务大局) shares its start too.
    if let [a, b] = its.as_slice()
        && !text.contains(['，', '；'])
    {
        let same =
            |x: &mut dyn Iterator<Item = (char, char)>| x.take_while(|(p, q)| p == q).count();
        let head = same(&mut a.chars().zip(b.chars()));
        let tail = same(&mut a.chars().rev().zip(b.chars().rev()));
        if head == 0 && tail >= 3 {
            return false;
        }
    }
    // A forecast in every item (创新的目标将更高，创新的要求将更严…) speaks of the source's
    // own coming year, not of the new speech's. 将 opening its clause is 把 (将改革进行到底).
    let forecast = |i: &String| {
        crate::core::nlp::cut(i)
            .iter()
            .skip(1)
            .any(|w| matches!(*w, "将" | "将会" | "必将" | "即将"))
    };
    if its.iter().all(forecast) {
        return false;
    }
    // Bare words of one suffix (常态化、持久化、规范化; 长期性、连续性、实效性) are a set only
    // when the corpus repeats it; said once, they are one speech's list.
    let longest = its.iter().map(|i| i.chars().count()).max().unwrap_or(0);
    let last = |i: &String| i.chars().last();
    let Some(first) = its.first() else {
        return false;
    };
    let abstract_suffix = last(first).is_some_and(|c| matches!(c, '化' | '性' | '力'));
    let one_suffix = abstract_suffix && its.iter().all(|i| last(i) == last(first));
    !(longest <= 3 && one_suffix && files < 2)
}

/// Runs that a kept quotation or a longer kept run holds whole and is used as often as
/// (我们党就会很有力量… inside the General Secretary's sentence): the library offers
/// that one. Found with one automaton over the runs, not by comparing pairs.
pub(super) fn contained_runs(all: &[Merged], kept: &[bool]) -> Vec<bool> {
    let runs: Vec<usize> = (0..all.len())
        .filter(|&i| kept[i] && all[i].kind == PhraseKind::Parallel)
        .collect();
    let mut out = vec![false; all.len()];
    if runs.is_empty() {
        return out;
    }
    // A contiguous NFA: built once per mining over thousands of runs, and searched in a
    // few hundred texts, so building a DFA cost more than it saved.
    let Ok(ac) = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(runs.iter().map(|&i| all[i].text))
    else {
        return out;
    };
    for (i, m) in all.iter().enumerate() {
        if !kept[i] || !matches!(m.kind, PhraseKind::Parallel | PhraseKind::Quote) {
            continue;
        }
        for hit in ac.find_overlapping_iter(m.text) {
            let j = runs[hit.pattern().as_usize()];
            // A run said more often than the quotation that holds it stands on its own.
            if j != i && all[j].text.len() < m.text.len() && all[j].count <= m.count {
                out[j] = true;
            }
        }
    }
    out
}

/// Runs that vary one the library keeps (同安排、同部署、同落实 beside 同部署、同落实、
/// 同考核): sharing two items and half of the longer list. Of each such group the one
/// used most, in most speeches, with most items, else the first, is kept.
pub(super) fn variant_runs(all: &[Merged], kept: &[bool]) -> Vec<bool> {
    let runs: Vec<usize> = (0..all.len())
        .filter(|&i| kept[i] && all[i].kind == PhraseKind::Parallel)
        .collect();
    let its: Vec<Vec<String>> = runs.iter().map(|&i| items(all[i].text)).collect();
    // Indexed by pairs of items, as variants share two at least: a pair is far rarer in
    // an archive than an item (思想建设 stands in thousands of runs).
    let mut by_pair: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for (r, is) in its.iter().enumerate() {
        for key in pairs(is) {
            by_pair.entry(key).or_default().push(r);
        }
    }
    let rank = |r: usize| {
        let m = &all[runs[r]];
        (m.count, m.files.len(), its[r].len(), std::cmp::Reverse(r))
    };
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by_key(|&r| std::cmp::Reverse(rank(r)));
    let mut out = vec![false; all.len()];
    let mut dropped = vec![false; runs.len()];
    for r in order {
        if dropped[r] {
            continue;
        }
        let mut others: Vec<usize> = Vec::new();
        for key in pairs(&its[r]) {
            others.extend(by_pair[&key].iter().filter(|&&o| o != r && !dropped[o]));
        }
        others.sort_unstable();
        others.dedup();
        for o in others {
            let n = its[o].iter().filter(|i| its[r].contains(i)).count();
            if n * 2 >= its[r].len().max(its[o].len()) {
                dropped[o] = true;
                out[runs[o]] = true;
            }
        }
    }
    out
}

/// Every pair of a run's items, each pair in one order.
fn pairs(items: &[String]) -> impl Iterator<Item = (&str, &str)> {
    items.iter().enumerate().flat_map(move |(a, x)| {
        items[a + 1..].iter().map(move |y| {
            let (x, y) = (x.as_str(), y.as_str());
            if x <= y { (x, y) } else { (y, x) }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_pairs_and_bare_suffix_lists_said_once_are_not_kept() {
        assert!(!keep_shape("相互融合、相互促进", 1));
        assert!(keep_shape("一切服从大局、一切服务大局", 1));
        assert!(keep_shape("基础不牢，地动山摇", 1));
        assert!(!keep_shape("常态化、持久化、规范化", 1));
        assert!(keep_shape("常态化、持久化、规范化", 2));
        assert!(keep_shape("观大势、谋大事、讲大局", 1));
        assert!(keep_shape("干在前、想在前、冲在前", 1));
        assert!(!keep_shape("研究业务工作、熟知业务工作", 1));
        assert!(keep_shape("从基本制度严起、从日常规范抓起", 1));
        // A forecast in every item is the source's own coming year.
        assert!(!keep_shape(
            "创新的目标将更高，创新的要求将更严，创新的力度将更大",
            1
        ));
        assert!(!keep_shape("明年任务将更重、要求将会更高、考验必将更多", 2));
        assert!(keep_shape(
            "将改革进行到底、将蓝图变为现实、将实惠送到群众",
            1
        ));
    }

    #[test]
    fn a_run_inside_a_kept_quotation_or_longer_run_is_dropped() {
        let m = |kind, text| Merged {
            kind,
            text,
            count: 1,
            files: vec!["a.txt"],
            own: 0,
        };
        let all = [
            m(
                PhraseKind::Quote,
                "总书记强调，我们党就会很有力量，我们国家就会很有力量，我们人民就会很有力量。",
            ),
            m(
                PhraseKind::Parallel,
                "我们党就会很有力量，我们国家就会很有力量，我们人民就会很有力量",
            ),
            m(PhraseKind::Parallel, "观大势、谋大事、讲大局"),
        ];
        assert_eq!(contained_runs(&all, &[true; 3]), [false, true, false]);
        // A quotation the library drops keeps nothing out.
        assert_eq!(contained_runs(&all, &[false, true, true]), [false; 3]);
    }

    #[test]
    fn of_two_variants_of_a_run_the_one_used_more_is_kept() {
        let m = |text, count| Merged {
            kind: PhraseKind::Parallel,
            text,
            count,
            files: vec!["a.txt"],
            own: 0,
        };
        let all = [
            m("同安排、同部署、同落实", 1),
            m("同部署、同落实、同考核", 2),
            m("观大势、谋大事、讲大局", 1),
            m("同学习、同部署、同研究、同考核", 1),
        ];
        assert_eq!(variant_runs(&all, &[true; 4]), [true, false, false, true]);
    }
}
