//! Heading frames: the pattern sibling headings share, with the parts that vary marked
//! — "要突出政治引领，彰显政治优势" / "要深化理论武装，彰显理论优势" → "要{X}，彰显{Y}优势".

use crate::core::text::is_han;

/// Fixed characters a frame needs besides its blanks.
const MIN_LITERAL: usize = 4;

/// Localisers, prepositions and particles: the letters a frame fixes between its blanks.
const FUNCTION_LETTERS: &str = "中上下里内外前后间的地之于为是和与同及而以在把向从对往";

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
    let mut infixes = 0;
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
            let middles: Vec<&[char]> = items.iter().map(|i| &i[pre..i.len() - suf]).collect();
            if let Some(infix) = common_infix(&middles) {
                literal += infix.len();
                infixes += 1;
                out.extend(infix.iter());
                out.push_str(VARS.get(var)?);
                var += 1;
            }
            out.extend(items[0][items[0].len() - suf..].iter());
        }
        if let Some(p) = puncts.get(k) {
            out.push(*p);
        }
    }
    // More than three blanks is a coincidence of punctuation, not a frame. Three or more
    // siblings with a word fixed between their blanks (在{X}中{Y}) share a frame with
    // fewer literal letters: two headings could share 在 and 中 by chance, not three.
    let enough = literal >= MIN_LITERAL || (infixes > 0 && headings.len() >= 3 && literal >= 2);
    (var > 0 && var <= 3 && enough && longest_fixed_run(&out) <= MAX_FIXED_RUN).then_some(out)
}

/// Fixed Han characters a frame may hold in one run: more, and the siblings are one
/// sentence about the speech's own subject with a word changed (深刻认识党建引领基层治理
/// 是{X}的{Y}), not a frame for another speech.
const MAX_FIXED_RUN: usize = 8;

/// The longest run of Han characters outside the blanks of a frame.
fn longest_fixed_run(frame: &str) -> usize {
    let (mut best, mut run, mut in_var) = (0, 0, false);
    for c in frame.chars() {
        match c {
            '{' => in_var = true,
            '}' => in_var = false,
            _ if !in_var && is_han(c) => {
                run += 1;
                best = best.max(run);
                continue;
            }
            _ => {}
        }
        run = 0;
    }
    best
}

/// The longest run of function letters every middle holds with a word (two letters or
/// more) on each side of it (中 of 学思践悟中铸魂 / 急难险重中淬火, 上的 of 政治上的明白人);
/// `None` if there is none. A letter inside a short part (得 of 过得硬 / 筑得牢) is no
/// frame, nor a shared content word (机关党务 of 要配齐配强机关党务干部 / 要培养关爱机关
/// 党务干部): that is a shared subject.
fn common_infix<'a>(middles: &[&'a [char]]) -> Option<&'a [char]> {
    const SIDE: usize = 2;
    let first = *middles.first()?;
    let inside = |m: &[char], run: &[char]| {
        m.len() >= run.len() + 2 * SIDE
            && m[SIDE..m.len() - SIDE].windows(run.len()).any(|w| w == run)
    };
    // Longest first; a middle is a heading's words, a few dozen letters at most.
    for len in (1..=first.len().saturating_sub(2 * SIDE)).rev() {
        for start in SIDE..=first.len() - SIDE - len {
            let run = &first[start..start + len];
            if run.iter().all(|c| FUNCTION_LETTERS.contains(*c))
                && middles.iter().all(|m| inside(m, run))
            {
                return Some(run);
            }
        }
    }
    None
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
        // A word fixed between the blanks, in three siblings or more.
        assert_eq!(
            frame(&["在学思践悟中铸魂", "在急难险重中淬火", "在为民服务中扎根"]).as_deref(),
            Some("在{X}中{Y}")
        );
        assert_eq!(
            frame(&[
                "要做政治上的明白人",
                "要做业务上的行家里手",
                "要做作风上的带头人"
            ])
            .as_deref(),
            Some("要做{X}上的{Y}")
        );
        assert_eq!(frame(&["在学思践悟中铸魂", "在急难险重中淬火"]), None);
        assert_eq!(
            frame(&[
                "要配齐配强机关党务干部",
                "要培养关爱机关党务干部",
                "要提升机关党务干部水平"
            ]),
            None
        );
        // One sentence about the speech's subject with a word changed.
        assert_eq!(
            frame(&[
                "深刻认识党建引领基层治理是贯彻党中央决策部署的政治责任",
                "深刻认识党建引领基层治理是回应群众急难愁盼的现实需要",
                "深刻认识党建引领基层治理是破解我区治理难题的迫切要求"
            ]),
            None
        );
        assert_eq!(longest_fixed_run("坚持{X}，在{Y}上走在前"), 4);
    }
}
