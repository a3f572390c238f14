//! Specifics in figures and times: the source's numbers and targets (减少1/3以上,
//! 50%以上, 100%全覆盖, 23个支部), its time references (今年3月, 下半年, 去年, 前几天)
//! and the count of the speech's points (讲三点意见, 以下五点).

use crate::core::library::SpecificKind;
use std::sync::LazyLock;

use crate::core::mine::found::Found;
use crate::core::mine::local_words::SpecificsLexicon;
use crate::core::mine::word_list::WordList;

fn is_han_count(c: char) -> bool {
    // A match, not a search in a string: this is asked of every character mined.
    matches!(
        c,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn push(out: &mut Vec<Found>, kind: SpecificKind, c: &[char], s: usize, e: usize) {
    out.push(Found {
        kind,
        text: c[s..e].iter().collect(),
        start: s,
        end: e,
    });
}

pub fn find(lex: &SpecificsLexicon, c: &[char], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < c.len() {
        // Figures start with a digit or a Han count; words with a lexicon's first character.
        if !c[i].is_ascii_digit()
            && !('０'..='９').contains(&c[i])
            && !is_han_count(c[i])
            && !lex.starts.contains(c[i])
        {
            i += 1;
            continue;
        }
        if let Some(e) = arabic_figure(lex, c, i, out) {
            i = e;
            continue;
        }
        if let Some(n) = lex.time_words.len_at(c, i) {
            push(out, SpecificKind::Time, c, i, i + n);
            i += n;
            continue;
        }
        if let Some(e) = point_count(lex, c, i) {
            push(out, SpecificKind::PointCount, c, i, e);
            i = e;
            continue;
        }
        if let Some(e) = han_fraction(lex, c, i) {
            push(out, SpecificKind::Figure, c, i, e);
            i = e;
            continue;
        }
        i += 1;
    }
}

/// An Arabic figure at `i` (not a year: those are found on their own): a month or date
/// is a time, a figure with a measure word or a target tail is a figure.
fn arabic_figure(
    lex: &SpecificsLexicon,
    c: &[char],
    i: usize,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let digit = |x: &char| x.is_ascii_digit() || ('０'..='９').contains(x);
    if !digit(&c[i])
        || i.checked_sub(1)
            .is_some_and(|j| digit(&c[j]) || c[j] == '.')
    {
        return None;
    }
    let mut e = i;
    while e < c.len()
        && (digit(&c[e]) || (matches!(c[e], '.' | '/') && c.get(e + 1).is_some_and(digit)))
    {
        e += 1;
    }
    let n = e - i;
    // Years (2024年) are found on their own; "21世纪" is not a figure.
    if (n == 4 && c.get(e) == Some(&'年')) || c.get(e) == Some(&'世') {
        return Some(e);
    }
    // "今年3月", "3月15日", "3月份".
    if c.get(e) == Some(&'月') {
        let mut s = i;
        for lead in ["今年", "去年", "明年"] {
            if s >= 2 && c[s - 2..s].iter().copied().eq(lead.chars()) {
                s -= 2;
            }
        }
        let mut end = e + 1;
        let d = c[end..].iter().take_while(|x| digit(x)).count();
        if d > 0 && matches!(c.get(end + d), Some('日' | '号')) {
            end += d + 1;
        } else if let Some(n) = TIME_OF_MONTH.len_at(c, end) {
            end += n;
        }
        push(out, SpecificKind::Time, c, s, end);
        return Some(end);
    }
    let mut end = e;
    if let Some(n) = lex.measures.len_at(c, end) {
        end += n;
    }
    let fraction = c[i..e].contains(&'/');
    if let Some(n) = lex.target_tails.len_at(c, end) {
        end += n;
    }
    if end > e || fraction {
        push(out, SpecificKind::Figure, c, i, end);
    }
    Some(end.max(e))
}

static TIME_OF_MONTH: LazyLock<WordList> =
    LazyLock::new(|| WordList::from(["份", "底", "初", "中旬", "上旬", "下旬"]));

/// "讲三点意见", "以下五点", "主要有三个方面": a count with a concrete number.
fn point_count(lex: &SpecificsLexicon, c: &[char], i: usize) -> Option<usize> {
    let mut at = i + lex.point_leads.len_at(c, i)?;
    if c.get(at) == Some(&'了') {
        at += 1;
    }
    let n = c[at..].iter().take_while(|&&x| is_han_count(x)).count();
    if n == 0 {
        return None;
    }
    Some(at + n + lex.point_units.len_at(c, at + n)?)
}

/// "三分之一以上": a Han fraction, with its target tail.
fn han_fraction(lex: &SpecificsLexicon, c: &[char], i: usize) -> Option<usize> {
    if !is_han_count(c[i]) || i.checked_sub(1).is_some_and(|j| is_han_count(c[j])) {
        return None;
    }
    let n = c[i..].iter().take_while(|&&x| is_han_count(x)).count();
    let at = i + n;
    if !(c.get(at) == Some(&'分') && c.get(at + 1) == Some(&'之')) {
        return None;
    }
    let m = c[at + 2..].iter().take_while(|&&x| is_han_count(x)).count();
    if m == 0 {
        return None;
    }
    let mut e = at + 2 + m;
    if let Some(n) = lex.target_tails.len_at(c, e) {
        e += n;
    }
    Some(e)
}
