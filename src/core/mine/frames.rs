//! Heading frames: the pattern sibling headings share, with the parts that vary marked
//! — "要突出政治引领，彰显政治优势" / "要深化理论武装，彰显理论优势" → "要{X}，彰显{Y}优势".

use crate::core::text::is_han;

/// Fixed characters a frame needs besides its blanks.
const MIN_LITERAL: usize = 4;

const VARS: [&str; 6] = ["{X}", "{Y}", "{Z}", "{W}", "{V}", "{U}"];

/// Splits a heading into text runs and the punctuation between them.
fn segments(h: &str) -> (Vec<Vec<char>>, Vec<char>) {
    let mut segs = vec![Vec::new()];
    let mut puncts = Vec::new();
    for c in h.chars() {
        if is_han(c) || c.is_ascii_alphanumeric() {
            segs.last_mut().expect("never empty").push(c);
        } else {
            puncts.push(c);
            segs.push(Vec::new());
        }
    }
    (segs, puncts)
}

/// The frame shared by sibling headings, if they share one: same punctuation skeleton,
/// and at least four literal Han characters besides the variables (with fewer, 要坚持{X}
/// or {X}，提升{Y}, the headings share a word, not a frame a writer would reuse).
pub fn frame(headings: &[&str]) -> Option<String> {
    if headings.len() < 2 {
        return None;
    }
    let split: Vec<(Vec<Vec<char>>, Vec<char>)> = headings.iter().map(|h| segments(h)).collect();
    let puncts = &split[0].1;
    if split.iter().any(|(_, p)| p != puncts) {
        return None;
    }
    let mut out = String::new();
    let mut var = 0;
    let mut literal = 0;
    for k in 0..split[0].0.len() {
        let items: Vec<Vec<char>> = split.iter().map(|(s, _)| s[k].clone()).collect();
        if items.iter().all(|i| *i == items[0]) {
            literal += items[0].iter().filter(|&&c| is_han(c)).count();
            out.extend(items[0].iter());
        } else {
            let min = items.iter().map(Vec::len).min().unwrap_or(0);
            let pre = (0..min)
                .take_while(|&j| items.iter().all(|i| i[j] == items[0][j]))
                .count();
            let suf = (0..min - pre)
                .take_while(|&j| {
                    items
                        .iter()
                        .all(|i| i[i.len() - 1 - j] == items[0][items[0].len() - 1 - j])
                })
                .count();
            literal += pre + suf;
            out.extend(items[0][..pre].iter());
            out.push_str(VARS.get(var)?);
            var += 1;
            out.extend(items[0][items[0].len() - suf..].iter());
        }
        if let Some(p) = puncts.get(k) {
            out.push(*p);
        }
    }
    // More than three blanks is a coincidence of punctuation, not a frame.
    (var > 0 && var <= 3 && literal >= MIN_LITERAL).then_some(out)
}

/// Whether a heading fits a frame: the frame's literal parts in order, each variable
/// standing for at least one character ("要突出政治引领，彰显政治优势" fits "要{X}，彰显{Y}优势").
pub fn fits(frame: &str, heading: &str) -> bool {
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = frame;
    while let Some(open) = rest.find('{') {
        parts.push(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return false;
        };
        rest = &rest[open + close + 1..];
    }
    parts.push(rest);
    if parts.len() < 2 {
        return frame == heading;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let Some(mut h) = heading.strip_prefix(first) else {
        return false;
    };
    let Some(body) = h.strip_suffix(last) else {
        return false;
    };
    h = body;
    // Each middle literal after at least one character of its variable.
    for lit in &parts[1..parts.len() - 1] {
        let Some(first_char) = h.chars().next() else {
            return false;
        };
        let from = first_char.len_utf8();
        let Some(at) = h[from..].find(lit) else {
            return false;
        };
        h = &h[from + at + lit.len()..];
    }
    !h.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_of_sibling_headings() {
        assert_eq!(
            frame(&[
                "要突出政治引领，彰显政治优势",
                "要深化理论武装，彰显理论优势",
                "要狠抓队伍建设，彰显人才优势"
            ])
            .as_deref(),
            Some("要{X}，彰显{Y}优势")
        );
        assert_eq!(
            frame(&[
                "狠抓各级领导班子建设，确保班子能力“过得硬”",
                "狠抓基层党组织建设，确保组织基础“筑得牢”"
            ])
            .as_deref(),
            Some("狠抓{X}建设，确保{Y}“{Z}”")
        );
        assert_eq!(frame(&["加强学习", "改进作风"]), None);
        assert!(fits("要{X}，彰显{Y}优势", "要强化组织建设，彰显组织优势"));
        assert!(!fits("要{X}，彰显{Y}优势", "要强化组织建设"));
        assert!(!fits("要{X}，彰显{Y}优势", "要，彰显优势"));
        assert_eq!(frame(&["统一思想，提高认识", "加强领导"]), None);
        assert_eq!(frame(&["要坚持政治引领", "要坚持问题导向"]), None);
        assert_eq!(frame(&["强化学习，提升素质", "严格管理，提升效能"]), None);
    }
}
