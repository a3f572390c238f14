//! Numbered slogans of the source unit: “八项制度”, “四个突出”, 七项组织生活制度. Speeches
//! quote national numbered terms the same way (“四个意识”, “三会一课”, “两个维护”), so a
//! numbered term is the source's own only when the lexicon's list of national numbered
//! terms (`national_numbered` in specifics.ron, user-editable) does not hold it.

use crate::core::library::SpecificKind;
use crate::core::mine::found::Found;
use crate::core::mine::local_words::SpecificsLexicon;
use crate::core::numerals::is_han_numeral;
use crate::core::text::is_han;

/// Longest quoted term looked at: slogans are short; a longer quotation is a sentence.
const MAX_QUOTED: usize = 8;

/// What an unquoted "N项…" term must end with to be a named set of rules or measures.
const SET_TAILS: [&str; 4] = ["制度", "机制", "工程", "举措"];

/// Numbered slogans in `c`: quoted terms led by a number (“四个突出”) and unquoted named
/// sets "N项…制度" (七项组织生活制度) where a word starts (`word_start`, by char), unless
/// national.
pub fn find(lex: &SpecificsLexicon, c: &[char], word_start: &[bool], out: &mut Vec<Found>) {
    // A national term covering the candidate from its start ("三项制度改革" holds "三项制度").
    let national = |s: &[char]| {
        lex.national_numbered
            .iter()
            .any(|n| n.chars().count() <= s.len() && n.chars().zip(s).all(|(a, &b)| a == b))
    };
    let mut i = 0;
    while i < c.len() {
        if c[i] == '“' {
            let Some(close) = c[i + 1..].iter().position(|&x| x == '”').map(|p| i + 1 + p) else {
                break;
            };
            let inner = &c[i + 1..close];
            if inner.len() <= MAX_QUOTED && numbered(inner) && !national(inner) {
                push(out, c, i, close + 1);
            }
            i = close + 1;
            continue;
        }
        if let Some(end) = word_start
            .get(i)
            .copied()
            .unwrap_or(false)
            .then(|| numbered_set(c, i))
            .flatten()
            && !national(&c[i..])
        {
            push(out, c, i, end);
            i = end;
            continue;
        }
        i += 1;
    }
}

fn push(out: &mut Vec<Found>, c: &[char], start: usize, end: usize) {
    out.push(Found {
        kind: SpecificKind::Slogan,
        text: c[start..end].iter().collect(),
        start,
        end,
    });
}

/// Characters that make a count a numbered term: 四个突出, 八项制度, 五大理念.
const COUNTERS: [char; 6] = ['个', '项', '大', '条', '种', '类'];

fn is_count(c: char) -> bool {
    c == '两' || is_han_numeral(c)
}

/// A term led by a count and made of Han characters: a count and a counter (四个突出,
/// 八项制度) or two counts (五个一, 三会一课). 一把手, 一盘棋 are words, not counts; years,
/// plans and plain numbers (“十四五”, “二〇二六”) are all numerals.
fn numbered(s: &[char]) -> bool {
    let Some(&first) = s.first() else {
        return false;
    };
    let counts = s.iter().filter(|&&c| is_count(c)).count();
    is_count(first)
        && s.len() >= 3
        && s.iter().all(|&c| is_han(c))
        && counts < s.len()
        && (counts >= 2 || (first != '一' && s.get(1).is_some_and(|c| COUNTERS.contains(c))))
}

/// "七项组织生活制度" at `i`: a Han count, 项, then a name ending in a set word, within
/// a clause; the end of the term.
fn numbered_set(c: &[char], i: usize) -> Option<usize> {
    if !is_count(c[i]) || c.get(i + 1) != Some(&'项') {
        return None;
    }
    // Part of a longer number ("十七项"): not the start of a count.
    if i > 0 && is_count(c[i - 1]) {
        return None;
    }
    let rest: String = c[i + 2..(i + 10).min(c.len())].iter().collect();
    let stop = rest.find(|ch: char| !is_han(ch)).unwrap_or(rest.len());
    let rest = &rest[..stop];
    SET_TAILS
        .iter()
        .filter_map(|t| rest.find(t).map(|b| rest[..b + t.len()].chars().count()))
        .min()
        .map(|n| i + 2 + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slogans(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let c: Vec<char> = text.chars().collect();
        let mut starts = vec![false; c.len() + 1];
        for (_, w) in crate::core::nlp::segment(text).iter() {
            starts[w.start] = true;
        }
        find(SpecificsLexicon::builtin(), &c, &starts, &mut out);
        out.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn local_numbered_terms_are_the_source_s_own() {
        assert_eq!(
            slogans("落实党务公开等“八项制度”，做到“四个突出”，开展“五个一”活动"),
            ["“八项制度”", "“四个突出”", "“五个一”"]
        );
        assert_eq!(slogans("落实七项组织生活制度。"), ["七项组织生活制度"]);
    }

    #[test]
    fn national_numbered_terms_and_plain_numbers_are_not() {
        let national = "增强“四个意识”、坚定“四个自信”、做到“两个维护”，落实“三会一课”，\
                        纠治“四风”，贯彻中央八项规定，“十四五”时期，“二〇二六”，“一岗双责”";
        assert!(slogans(national).is_empty(), "{:?}", slogans(national));
        assert!(slogans("统一项目管理制度，第十七项制度").is_empty());
        assert!(slogans("“创业创新”“灯下黑”“一把手”“一盘棋”“三农”").is_empty());
        assert!(slogans("推进三项制度改革").is_empty());
    }
}
