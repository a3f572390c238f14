//! Recovers a speech's outline from its cleaned paragraphs: which markers really open
//! sections, at which level, where headings end, and where the closing starts.
//!
//! Levels are inferred per document. A marker opens a section only if it belongs to a
//! list of at least two items whose numbers run on (一 → 二 → 三) at one level; the top
//! level is the list that nests the others, so a style never fixes a level.

use std::collections::{HashMap, HashSet};

use crate::core::parse::clean::{Cleaned, Para};
use crate::core::parse::closing::closing_start;
use crate::core::parse::heading::first_sentence_end;
use crate::core::parse::heading::split_heading;
use crate::core::parse::heading_lines::heading_lines;
use crate::core::parse::marker::{self, Marker, Style};
use crate::core::parse::speech::{Section, Speech};

/// Deepest level we recover; deeper lists stay paragraph text.
pub const MAX_LEVEL: usize = 4;

/// A marker that survived the sequence rules, with the level it opens.
#[derive(Debug, Clone)]
struct Heading {
    para: usize,
    level: usize,
    marker: Marker,
}

pub fn outline(source: &str, encoding: &str, c: Cleaned) -> Speech {
    let paras = &c.body;
    let markers: Vec<Option<Marker>> = paras.iter().map(|p| marker::parse(&p.text)).collect();
    let bare = bare_headings(paras, &markers);
    let mut headings = infer_levels(&markers, &bare);
    if headings.is_empty() {
        // Items led by —— count only when the speech numbers nothing else.
        let dashes = marker::dash_items(paras.iter().map(|p| p.text.as_str()));
        let bare = bare_headings(paras, &dashes);
        headings = infer_levels(&dashes, &bare);
    }
    if headings.iter().all(|h| rank(h.marker.style).is_none()) {
        // Nothing numbers a heading (points in paragraphs at most: 一是, 首先): short lines
        // standing over their paragraphs may be the headings, above those points.
        let lines = heading_lines(paras.iter().map(|p| p.text.as_str()));
        if lines.iter().any(Option::is_some) {
            let merged: Vec<Option<Marker>> = lines
                .into_iter()
                .zip(&markers)
                .map(|(l, m)| l.or_else(|| m.clone()))
                .collect();
            let bare = bare_headings(paras, &merged);
            let found = infer_levels(&merged, &bare);
            if !found.is_empty() {
                headings = found;
            }
        }
    }

    let first_heading = headings.first().map_or(paras.len(), |h| h.para);
    let mut opening: Vec<String> = paras[..first_heading]
        .iter()
        .map(|p| p.text.clone())
        .collect();
    let mut sections = build_tree(paras, &headings);

    // The closing lives in the tail of the last (deepest) section, or of the opening.
    let mut closing = Vec::new();
    if let Some(last) = sections.last_mut() {
        let tail = deepest_last(last);
        if let Some(j) = closing_start(&tail.paragraphs, 0) {
            closing = tail.paragraphs.split_off(j);
        }
    } else if let Some(j) = closing_start(&opening, 1) {
        closing = opening.split_off(j);
    }

    Speech {
        source: source.to_string(),
        encoding: encoding.to_string(),
        title: c.title,
        subtitle: c.subtitle,
        byline: c.byline,
        salutation: c.salutation,
        opening,
        sections,
        closing,
        dropped: c.dropped,
    }
}

/// Whether each marked paragraph is a heading standing alone (nothing after its first
/// sentence).
fn bare_headings(paras: &[Para], markers: &[Option<Marker>]) -> Vec<bool> {
    paras
        .iter()
        .zip(markers)
        .map(|(p, m)| {
            m.as_ref().is_some_and(|m| {
                first_sentence_end(&p.text[m.len..]).is_none_or(|e| e + m.len >= p.text.len())
            })
        })
        .collect()
}

fn deepest_last(s: &mut Section) -> &mut Section {
    if s.children.is_empty() {
        s
    } else {
        let last = s.children.len() - 1;
        deepest_last(&mut s.children[last])
    }
}

/// A run of markers of one style whose numbers run on: indices into `markers`.
#[derive(Debug, Clone)]
struct Run {
    items: Vec<usize>,
}

/// Chooses which markers open sections and at which level.
fn infer_levels(markers: &[Option<Marker>], bare: &[bool]) -> Vec<Heading> {
    let mut allowed: Vec<bool> = markers.iter().map(Option::is_some).collect();
    // Each pass can only remove markers, so this ends; the bound is a guard.
    for _ in 0..=markers.len() {
        let runs = runs_of(markers, &allowed);
        let mut in_run = vec![false; markers.len()];
        for r in &runs {
            for &i in &r.items {
                in_run[i] = true;
            }
        }
        let Some(root) = choose_root(&runs, markers) else {
            return Vec::new();
        };
        let root_style = markers[runs[root].items[0]].as_ref().map(|m| m.style);
        // The top level starts with the first run of its style that no list encloses:
        // a list numbered again from 1 is a second part at the same level.
        let style_of = |r: &Run| markers[r.items[0]].as_ref().map(|m| m.style);
        let root_start = runs
            .iter()
            .filter(|r| style_of(r) == root_style)
            .filter(|r| !runs.iter().any(|o| inside(r, o)))
            .map(|r| r.items[0])
            .min()
            .unwrap_or(runs[root].items[0]);
        let allowed_now: Vec<bool> = (0..markers.len())
            .map(|i| in_run[i] && i >= root_start)
            .collect();
        let (headings, singletons) = stack_levels(markers, &allowed_now, bare, root_style);
        if singletons.is_empty() && allowed_now == allowed {
            return headings;
        }
        let mut changed = false;
        for (i, ok) in allowed.iter_mut().enumerate() {
            let keep = allowed_now[i] && !singletons.contains(&i);
            changed |= *ok != keep;
            *ok = keep;
        }
        if !changed {
            return headings;
        }
    }
    Vec::new()
}

/// Groups allowed markers into runs per style: a 1 starts a run, N+1 continues it.
/// Runs of one item are not lists.
fn runs_of(markers: &[Option<Marker>], allowed: &[bool]) -> Vec<Run> {
    let mut open: HashMap<Style, (usize, u32)> = HashMap::new(); // style → (run index, last)
    let mut runs: Vec<Run> = Vec::new();
    let mut seen: HashSet<Style> = HashSet::new();
    for (i, m) in markers.iter().enumerate() {
        let Some(m) = m else { continue };
        if !allowed[i] {
            continue;
        }
        let cont = open
            .get(&m.style)
            .filter(|&&(_, last)| continues(m, last))
            .map(|&(r, _)| r);
        if let Some(r) = cont {
            runs[r].items.push(i);
            let last = open[&m.style].1;
            open.insert(
                m.style,
                (r, if m.ordinal == 0 { last + 1 } else { m.ordinal }),
            );
        } else if opens_list(m, &seen) {
            runs.push(Run { items: vec![i] });
            open.insert(m.style, (runs.len() - 1, m.ordinal));
        }
        seen.insert(m.style);
    }
    // 首先，… 最后， with no 其次 between them are discourse words, not a list.
    runs.retain(|r| {
        r.items.len() >= 2
            && r.items.iter().any(|&i| {
                markers[i]
                    .as_ref()
                    .is_some_and(|m| m.style != Style::Sequence || matches!(m.ordinal, 2 | 3))
            })
    });
    runs
}

/// Whether marker `m` can open a list: a 1, or a 2 when no marker of its style came before
/// (an excerpt or a file whose first part was lost: 二、 三、 四、). 其次 alone is a
/// discourse word, not the start of a list.
fn opens_list(m: &Marker, seen: &HashSet<Style>) -> bool {
    m.ordinal == 1 || (m.ordinal == 2 && m.style != Style::Sequence && !seen.contains(&m.style))
}

/// Whether marker `m` continues a list whose last number was `last`: the next number,
/// 最后 after any 首先 list, or one number skipped (一、三、四、 is a writer's slip).
fn continues(m: &Marker, last: u32) -> bool {
    match m.style {
        Style::Sequence => m.ordinal == last + 1 || m.ordinal == 0,
        _ => m.ordinal == last + 1 || (m.ordinal == last + 2 && last >= 1),
    }
}

/// Whether `inner` lies between two items of `outer`.
fn inside(inner: &Run, outer: &Run) -> bool {
    let (a, b) = (
        inner.items[0],
        *inner.items.last().expect("runs are non-empty"),
    );
    outer.items.windows(2).any(|w| w[0] < a && b < w[1])
}

/// The top-level list: among runs not enclosed between two items of another run, the one
/// that nests most other runs; then the longest; then the earliest.
fn choose_root(runs: &[Run], markers: &[Option<Marker>]) -> Option<usize> {
    let style = |r: usize| markers[runs[r].items[0]].as_ref().map(|m| m.style);
    // Run `o` starts right after the last item of run `r` in a style ranking below it:
    // the points of that last item (第一，第二，… then 一是… under 第二).
    let follows = |o: usize, r: usize| {
        let (last, first) = (*runs[r].items.last().expect("non-empty"), runs[o].items[0]);
        first > last && first - last <= 2 && style(o).map(root_rank) > style(r).map(root_rank)
    };
    (0..runs.len())
        .filter(|&r| !(0..runs.len()).any(|o| o != r && inside(&runs[r], &runs[o])))
        .max_by_key(|&r| {
            let nests = (0..runs.len())
                .filter(|&o| o != r && (inside(&runs[o], &runs[r]) || follows(o, r)))
                .count();
            let span = runs[r].items.last().expect("non-empty") - runs[r].items[0];
            (nests, span, std::cmp::Reverse(runs[r].items[0]))
        })
}

/// A list open on the stack while levels are assigned.
struct Open {
    style: Style,
    last: u32,
    items: Vec<usize>,
    /// Whether any of its items has had a list nested under it.
    has_children: bool,
}

/// Assigns levels with a stack of open lists. Returns the headings and the markers that
/// ended up alone in their list (not a list after all). `bare[i]`: paragraph `i` is a
/// stand-alone heading (nothing after its first sentence).
fn stack_levels(
    markers: &[Option<Marker>],
    allowed: &[bool],
    bare: &[bool],
    root_style: Option<Style>,
) -> (Vec<Heading>, Vec<usize>) {
    let mut stack: Vec<Open> = Vec::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut seen: HashSet<Style> = HashSet::new();
    let mut headings = Vec::new();
    for (i, m) in markers.iter().enumerate() {
        let Some(m) = m else { continue };
        if !allowed[i] {
            continue;
        }
        let level;
        if let Some(d) = stack.iter().position(|o| o.style == m.style) {
            // A list that starts again at 1 (a second part) stays at its level.
            let restarts = m.ordinal == 1 && stack[d].items.len() >= 2;
            if !continues(m, stack[d].last) && !restarts {
                continue;
            }
            while stack.len() > d + 1 {
                lists.push(stack.pop().expect("len checked").items);
            }
            let top = stack.last_mut().expect("d < len");
            top.last = if m.ordinal == 0 {
                top.last + 1
            } else {
                m.ordinal
            };
            top.items.push(i);
            level = d + 1;
        } else {
            // The root style only ever opens the top level.
            let is_root = Some(m.style) == root_style;
            let opens = opens_list(m, &seen);
            seen.insert(m.style);
            if !opens || (is_root && !stack.is_empty()) || (!is_root && stack.is_empty()) {
                continue;
            }
            // Beside the open list rather than under it (at the top level too: a run of
            // 一是… after a run of 第一… with nothing under them).
            let resumes = |top: &Open| {
                markers.iter().zip(allowed).skip(i + 1).any(|(n, &ok)| {
                    n.as_ref()
                        .is_some_and(|n| ok && n.style == top.style && continues(n, top.last))
                })
            };
            if stack
                .last()
                .is_some_and(|top| is_sibling_run(top, m.style, i, bare) && !resumes(top))
            {
                lists.push(stack.pop().expect("len checked").items);
            }
            if stack.len() >= MAX_LEVEL {
                continue;
            }
            if let Some(parent) = stack.last_mut() {
                parent.has_children = true;
            }
            stack.push(Open {
                style: m.style,
                last: m.ordinal,
                items: vec![i],
                has_children: false,
            });
            level = stack.len();
        }
        headings.push(Heading {
            para: i,
            level,
            marker: m.clone(),
        });
    }
    while let Some(o) = stack.pop() {
        lists.push(o.items);
    }
    let singletons = lists
        .into_iter()
        .filter(|l| l.len() == 1)
        .flatten()
        .collect();
    (headings, singletons)
}

/// Whether a new list of `style` starting at paragraph `at` follows the open list `top`
/// at the same depth rather than nesting under its last item (the caller also asks that
/// `top` not go on after the new list: 首先… 其次… 一是… 二是… 最后… nests): `top` already has items,
/// none of them has had a list under it, its last item is not a bare heading the new list
/// follows straight away, and the new style does not rank below it (一是… after 第一…;
/// 1. after （二） nests).
fn is_sibling_run(top: &Open, style: Style, at: usize, bare: &[bool]) -> bool {
    let last = *top.items.last().expect("open lists have items");
    let heads_it = bare.get(last).copied().unwrap_or(false) && at == last + 1;
    let ranks_below = match (rank(top.style), rank(style)) {
        (Some(a), Some(b)) => b > a,
        (Some(_), None) => true,
        (None, _) => false,
    };
    top.items.len() >= 2 && !top.has_children && !heads_it && !ranks_below
}

/// How likely a style is to number the top level, 0 the most.
fn root_rank(style: Style) -> u8 {
    match style {
        Style::HanComma | Style::HanDot | Style::OrdinalPart | Style::Line => 0,
        Style::HanParen => 1,
        Style::Ordinal => 2,
        Style::DigitComma | Style::DigitDot | Style::Sequence => 3,
        Style::DigitParen | Style::DigitHalfParen => 4,
        Style::HanVerb(_) => 5,
        Style::Circled | Style::Dash => 6,
    }
}

/// The conventional depth of a heading style (一、 > （一） > 1. > （1） > ①); `None` for
/// points written into paragraphs (第一， 一是 首先 ——), which may sit at any depth.
fn rank(style: Style) -> Option<u8> {
    match style {
        Style::HanComma | Style::HanDot | Style::OrdinalPart | Style::Line => Some(1),
        Style::HanParen => Some(2),
        Style::DigitComma | Style::DigitDot => Some(3),
        Style::DigitParen | Style::DigitHalfParen => Some(4),
        Style::Circled => Some(5),
        Style::Ordinal | Style::HanVerb(_) | Style::Sequence | Style::Dash => None,
    }
}

/// Turns the flat heading list into nested sections with their paragraphs.
fn build_tree(paras: &[Para], headings: &[Heading]) -> Vec<Section> {
    let mut roots: Vec<Section> = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        let end = headings.get(k + 1).map_or(paras.len(), |n| n.para);
        let text = &paras[h.para].text[h.marker.len..];
        let (heading, first) = split_heading(text);
        let mut paragraphs: Vec<String> = first.into_iter().collect();
        paragraphs.extend(paras[h.para + 1..end].iter().map(|p| p.text.clone()));
        let section = Section {
            marker: h.marker.text.clone(),
            level: h.level as u8,
            heading,
            paragraphs,
            children: Vec::new(),
        };
        let mut siblings = &mut roots;
        for _ in 1..h.level {
            siblings = &mut siblings
                .last_mut()
                .expect("a level-n heading always follows its level n-1 parent")
                .children;
        }
        siblings.push(section);
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Speech {
        crate::core::parse::pipeline::parse_text(
            "t.txt",
            "utf-8",
            &format!("在测试会议上的讲话\n同志们：\n{body}"),
        )
    }

    #[test]
    fn points_between_two_sequence_words_sit_under_the_first() {
        let s = parse(
            "首先，要认清形势任务。\n去年的工作取得了成效，问题也不少。\n\
             其次，要聚焦重点任务。\n今年要抓好以下几个方面。\n\
             一是坚持政治监督。\n要把政治监督摆在首位。\n\
             二是持续纠治四风。\n要坚持不懈纠治四风。\n\
             最后，要压紧压实责任。\n关键在责任落实。\n\
             一是党委要扛牢主体责任。\n党委要履行好职责。\n\
             二是纪委要履行监督责任。\n纪委要聚焦主责主业。\n",
        );
        let h: Vec<(u8, String)> = headings(&s.sections)
            .into_iter()
            .map(|(l, m, _)| (l, m))
            .collect();
        let want: Vec<(u8, String)> = [
            (1, "首先，"),
            (1, "其次，"),
            (2, "一是"),
            (2, "二是"),
            (1, "最后，"),
            (2, "一是"),
            (2, "二是"),
        ]
        .iter()
        .map(|(l, m)| (*l, m.to_string()))
        .collect();
        assert_eq!(h, want);
    }

    fn headings(s: &[Section]) -> Vec<(u8, String, String)> {
        let mut out = Vec::new();
        for sec in s {
            out.push((sec.level, sec.marker.clone(), sec.heading.clone()));
            out.extend(headings(&sec.children));
        }
        out
    }

    #[test]
    fn han_comma_then_han_paren() {
        let s = parse(
            "开头。\n一、甲\n（一）子一。正文。\n（二）子二。正文。\n二、乙\n（一）子三\n正文。\n（二）子四\n正文。",
        );
        let h = headings(&s.sections);
        assert_eq!(
            h.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![1, 2, 2, 1, 2, 2]
        );
        assert_eq!(s.sections[0].children[0].paragraphs, vec!["正文。"]);
    }

    #[test]
    fn ordinal_on_top_with_han_verb_below() {
        let s = parse(
            "开头。\n第一，要甲\n一要子一。正文。\n二要子二。正文。\n第二，要乙\n一要子三。\n二要子四。",
        );
        let h = headings(&s.sections);
        assert_eq!(
            h.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![1, 2, 2, 1, 2, 2]
        );
        assert_eq!(h[1].1, "一要");
        assert_eq!(h[1].2, "子一");
    }

    #[test]
    fn three_levels_and_four() {
        let s = parse(
            "开头。\n一、甲\n（一）乙\n1.丙\n（1）丁。\n（2）戊。\n2.己\n（二）庚\n二、辛\n正文。",
        );
        let h = headings(&s.sections);
        assert_eq!(
            h.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 4, 3, 2, 1]
        );
    }

    #[test]
    fn paren_han_at_the_top() {
        let s = parse("开头：\n（一）甲。正文。\n（二）乙。正文。\n（三）丙。正文。");
        assert_eq!(s.sections.len(), 3);
        assert!(s.sections.iter().all(|x| x.level == 1));
    }

    #[test]
    fn inline_lists_and_dates_are_not_sections() {
        let s = parse(
            "开头一是学习，二是工作。\n一、甲\n2022.10.23召开了会议。一是学习，二是落实。\n1.单独一条不成列表。\n二、乙\n正文。",
        );
        let h = headings(&s.sections);
        assert_eq!(h.len(), 2);
        assert_eq!(s.sections[0].paragraphs.len(), 2);
    }

    #[test]
    fn a_list_in_the_opening_is_not_the_top_level() {
        let s = parse(
            "开头。\n一是学习。要学。\n二是工作。要干。\n下面讲三点。\n一、甲\n正文。\n（一）子\n（二）子\n二、乙\n正文。\n三、丙\n正文。",
        );
        assert_eq!(s.opening.len(), 4);
        assert_eq!(s.sections.len(), 3);
    }

    #[test]
    fn closing_is_found_in_the_last_section() {
        let s = parse("开头。\n一、甲\n正文。\n二、乙\n正文。\n同志们，任务艰巨。\n谢谢大家！");
        assert_eq!(s.closing, vec!["同志们，任务艰巨。", "谢谢大家！"]);
        assert_eq!(s.sections[1].paragraphs, vec!["正文。"]);
    }

    #[test]
    fn a_summing_up_or_a_sign_off_is_a_closing() {
        let s = parse("开头。\n一、甲\n正文。\n二、乙\n正文。\n以上意见，仅供参考。");
        assert_eq!(s.closing, vec!["以上意见，仅供参考。"]);
        let s = parse("开头。\n一、甲\n正文。\n二、乙\n正文。\n今天我就讲这些。");
        assert_eq!(s.closing, vec!["今天我就讲这些。"]);
        // A long paragraph that starts so is body text.
        let body = "以上几点是前提，然后要把握好工作节奏，一步一步地推进，久久为功，确保各项任务都落到实处。";
        let s = parse(&format!("开头。\n一、甲\n正文。\n二、乙\n{body}\n正文。"));
        assert!(s.closing.is_empty(), "{:?}", s.closing);
        assert_eq!(s.sections[1].paragraphs, vec![body, "正文。"]);
    }
}
