//! Recovers a speech's outline from its cleaned paragraphs: which markers really open
//! sections, at which level, where headings end, and where the closing starts.
//!
//! Levels are inferred per document. A marker opens a section only if it belongs to a
//! list of at least two items whose numbers run on (一 → 二 → 三) at one level; the top
//! level is the list that nests the others, so a style never fixes a level.

use std::collections::HashMap;
use std::path::Path;

use crate::core::clean::{self, Cleaned, Para};
use crate::core::error::ReadError;
use crate::core::marker::{self, Marker, Style};
use crate::core::speech::{Section, Speech};
use crate::core::text;

/// Deepest level we recover; deeper lists stay paragraph text.
pub const MAX_LEVEL: usize = 4;

/// Reads, cleans and outlines one file.
pub fn parse_file(path: &Path) -> Result<Speech, ReadError> {
    let decoded = text::read_file(path)?;
    Ok(parse_text(
        &path.display().to_string(),
        &decoded.encoding,
        &decoded.text,
    ))
}

/// Cleans and outlines already decoded text.
pub fn parse_text(source: &str, encoding: &str, raw: &str) -> Speech {
    let lines = text::normalise_lines(raw);
    let cleaned = clean::clean(&lines);
    outline(source, encoding, cleaned)
}

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
    let headings = infer_levels(&markers);

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
        meta: c.meta,
        salutation: c.salutation,
        opening,
        sections,
        closing,
        dropped: c.dropped,
    }
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
fn infer_levels(markers: &[Option<Marker>]) -> Vec<Heading> {
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
        let Some(root) = choose_root(&runs) else {
            return Vec::new();
        };
        let root_start = runs[root].items[0];
        let root_style = markers[root_start].as_ref().map(|m| m.style);
        let allowed_now: Vec<bool> = (0..markers.len())
            .map(|i| in_run[i] && i >= root_start)
            .collect();
        let (headings, singletons) = stack_levels(markers, &allowed_now, root_style);
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
    for (i, m) in markers.iter().enumerate() {
        let Some(m) = m else { continue };
        if !allowed[i] {
            continue;
        }
        let cont = open
            .get(&m.style)
            .filter(|&&(_, last)| {
                m.ordinal == last + 1 || (m.style == Style::Sequence && m.ordinal == 0)
            })
            .map(|&(r, _)| r);
        if let Some(r) = cont {
            runs[r].items.push(i);
            let last = open[&m.style].1;
            open.insert(
                m.style,
                (r, if m.ordinal == 0 { last + 1 } else { m.ordinal }),
            );
        } else if m.ordinal == 1 {
            runs.push(Run { items: vec![i] });
            open.insert(m.style, (runs.len() - 1, 1));
        }
    }
    runs.retain(|r| r.items.len() >= 2);
    runs
}

/// The top-level list: among runs not enclosed between two items of another run, the one
/// that nests most other runs; then the longest; then the earliest.
fn choose_root(runs: &[Run]) -> Option<usize> {
    let inside = |inner: &Run, outer: &Run| {
        let (a, b) = (
            inner.items[0],
            *inner.items.last().expect("runs are non-empty"),
        );
        outer.items.windows(2).any(|w| w[0] < a && b < w[1])
    };
    (0..runs.len())
        .filter(|&r| !(0..runs.len()).any(|o| o != r && inside(&runs[r], &runs[o])))
        .max_by_key(|&r| {
            let nests = (0..runs.len())
                .filter(|&o| o != r && inside(&runs[o], &runs[r]))
                .count();
            let span = runs[r].items.last().expect("non-empty") - runs[r].items[0];
            (nests, span, std::cmp::Reverse(runs[r].items[0]))
        })
}

/// Assigns levels with a stack of open lists. Returns the headings and the markers that
/// ended up alone in their list (not a list after all).
fn stack_levels(
    markers: &[Option<Marker>],
    allowed: &[bool],
    root_style: Option<Style>,
) -> (Vec<Heading>, Vec<usize>) {
    struct Open {
        style: Style,
        last: u32,
        items: Vec<usize>,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut headings = Vec::new();
    let close = |open: Open, lists: &mut Vec<Vec<usize>>| lists.push(open.items);
    for (i, m) in markers.iter().enumerate() {
        let Some(m) = m else { continue };
        if !allowed[i] {
            continue;
        }
        let level;
        if let Some(d) = stack.iter().position(|o| o.style == m.style) {
            let continues =
                m.ordinal == stack[d].last + 1 || (m.style == Style::Sequence && m.ordinal == 0);
            if !continues {
                continue;
            }
            while stack.len() > d + 1 {
                let o = stack.pop().expect("len checked");
                close(o, &mut lists);
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
            if m.ordinal != 1 || stack.len() >= MAX_LEVEL || (is_root && !stack.is_empty()) {
                continue;
            }
            if !is_root && stack.is_empty() {
                continue;
            }
            stack.push(Open {
                style: m.style,
                last: 1,
                items: vec![i],
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
        close(o, &mut lists);
    }
    let singletons = lists
        .into_iter()
        .filter(|l| l.len() == 1)
        .flatten()
        .collect();
    (headings, singletons)
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

/// A stand-alone heading is the whole paragraph; a heading that opens a paragraph is its
/// first sentence, and the rest is the section's first paragraph.
pub fn split_heading(text: &str) -> (String, Option<String>) {
    let text = text.trim_start_matches(['，', '、', '：', ' ']);
    // "加强学习 要认真学习，…。": a space ends a heading that a sentence follows on its line
    // (a web page's bold heading lost its style); "坚定信心 真抓实干" stays one heading.
    if let Some(end) = first_sentence_end(text)
        && let Some(space) = text[..end].rfind(' ')
    {
        let (head, rest) = (&text[..space], &text[space + 1..end]);
        let body_like = rest.chars().count() >= 12 && rest.contains('，');
        if body_like && (2..=40).contains(&head.chars().count()) {
            return (head.to_string(), Some(text[space + 1..].trim().to_string()));
        }
    }
    match first_sentence_end(text) {
        Some(end) if end < text.len() => {
            let (head, rest) = text.split_at(end);
            let rest = rest.trim();
            (
                head.trim_end_matches('。').to_string(),
                (!rest.is_empty()).then(|| rest.to_string()),
            )
        }
        // A stand-alone heading may end with a full stop or a colon introducing its body.
        _ => (text.trim_end_matches(['。', '：']).to_string(), None),
    }
}

/// Byte offset just after the first 。！？ that is not inside quotation marks.
fn first_sentence_end(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '‘' | '「' | '《' => depth += 1,
            '”' | '’' | '」' | '》' => depth = (depth - 1).max(0),
            '。' | '！' | '？' if depth == 0 => return Some(i + c.len_utf8()),
            _ => {}
        }
    }
    None
}

/// Index of the first paragraph (from `from`) that opens a closing: an address to the
/// audience ("同志们，…"), a summing-up ("总之，…", "让我们…", "以上意见，仅供参考。"), or
/// the final thanks or sign-off ("我就讲这些。").
fn closing_start(paras: &[String], from: usize) -> Option<usize> {
    let start = (from..paras.len()).find(|&j| opens_closing(&paras[j]));
    start.or_else(|| {
        let last = paras.len().checked_sub(1)?;
        (last >= from && is_sign_off(&paras[last])).then_some(last)
    })
}

fn opens_closing(p: &str) -> bool {
    if ["总之", "总而言之", "让我们"]
        .iter()
        .any(|w| p.starts_with(w))
    {
        return true;
    }
    // A short summing-up of what was said: "以上意见，仅供参考。", "以上几点，请认真落实。"
    if p.starts_with("以上") && p.chars().count() <= 40 {
        return true;
    }
    let cut = p.find(['，', '！']).unwrap_or(p.len());
    let head = &p[..cut];
    head.chars().count() <= 10
        && ["同志们", "同学们", "朋友们", "各位", "战友们", "青年们"]
            .iter()
            .any(|a| head.contains(a))
}

fn is_sign_off(p: &str) -> bool {
    let short = p.chars().count() <= 20;
    short
        && (p.starts_with("谢谢")
            || ["讲这些", "讲这么多", "讲到这里", "说这些"]
                .iter()
                .any(|w| p.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Speech {
        parse_text(
            "t.txt",
            "utf-8",
            &format!("在测试会议上的讲话\n同志们：\n{body}"),
        )
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

    #[test]
    fn heading_split_respects_quotes() {
        let (h, rest) = split_heading("强化政治引领，带头做到“两个维护。”。新成立的");
        assert_eq!(h, "强化政治引领，带头做到“两个维护。”");
        assert_eq!(rest.as_deref(), Some("新成立的"));
        assert_eq!(
            split_heading("要突出政治引领，彰显政治优势"),
            ("要突出政治引领，彰显政治优势".into(), None)
        );
        assert_eq!(
            split_heading("加强学习 要认真学习领会，结合实际抓好落实。再学。"),
            (
                "加强学习".into(),
                Some("要认真学习领会，结合实际抓好落实。再学。".into())
            )
        );
        for whole in ["坚定信心 真抓实干", "坚定信心 真抓实干。要学。"] {
            assert!(
                split_heading(whole).0.starts_with("坚定信心 真抓实干"),
                "{whole}"
            );
        }
    }
}
