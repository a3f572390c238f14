//! Files that hold more than one speech (a collection, or a speech and the next one a
//! web page shows under it): where each speech starts.

use crate::core::parse::clean::Prepared;
use crate::core::parse::title_block::{
    ends_sentence, is_body_text, is_meta_line, is_prose, is_subtitle, is_title_like,
    names_a_speech, salutation_len,
};

/// Characters of text a speech has before another one can start.
const MIN_SPEECH_CHARS: usize = 200;

/// Index of the first prepared line of each speech after the first.
pub fn later_starts(p: &Prepared) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut text_since = 0usize; // characters of text since the last start
    let mut prev_ends = false; // the last line of text ended a sentence
    let mut prev_byline = false; // … or was a speaker or date signing a speech off
    for k in 0..p.lines.len() {
        let l = &p.lines[k];
        if l.is_empty() || p.verdict[k].is_some() {
            continue;
        }
        if text_since >= MIN_SPEECH_CHARS && prev_ends && opens_speech(p, k, prev_byline) {
            starts.push(k);
            text_since = 0;
        }
        text_since += l.chars().count();
        prev_byline = is_meta_line(l);
        prev_ends = ends_sentence(l) || prev_byline;
    }
    starts
}

/// Whether line `k` is a title (or its first line): title-shaped, and followed (after a
/// subtitle and byline lines) by a salutation, or by text when it names a speech, has a
/// subtitle or byline, or follows the byline that signed the last speech off.
fn opens_speech(p: &Prepared, k: usize, after_byline: bool) -> bool {
    let title = &p.lines[k];
    if !is_title_like(title) || is_prose(title) || ends_sentence(title) {
        return false;
    }
    let mut named = after_byline || names_a_speech(title) || two_line_title(p, k);
    let mut seen = 0;
    for j in k + 1..p.lines.len() {
        let l = &p.lines[j];
        if l.is_empty() || p.verdict[j].is_some() {
            continue;
        }
        if salutation_len(l).is_some() {
            return true;
        }
        if is_subtitle(l) {
            named = true;
        } else if j == k + 1 && is_title_like(l) && !ends_sentence(l) && !is_meta_line(l) {
            // The second line of a title over two.
            named |= names_a_speech(l);
        } else if is_meta_line(l) {
            // A speaker or date under a title names it a speech too.
            named = true;
        } else {
            let next = p.lines[j + 1..].iter().find(|l| !l.is_empty());
            return named && is_body_text(l, next.map(String::as_str), None);
        }
        seen += 1;
        if seen > 5 {
            return false;
        }
    }
    false
}

/// Lines `k` and `k + 1` make a block of their own, both short and title-like: a title
/// over two lines (wrapped text has no blank lines around two of its lines).
fn two_line_title(p: &Prepared, k: usize) -> bool {
    let blank = |i: Option<usize>| i.is_none_or(|i| p.lines.get(i).is_none_or(|l| l.is_empty()));
    let short_title = |i: usize| {
        p.lines.get(i).is_some_and(|l| {
            !l.is_empty() && l.chars().count() <= 30 && is_title_like(l) && !ends_sentence(l)
        })
    };
    blank(k.checked_sub(1)) && short_title(k) && short_title(k + 1) && blank(Some(k + 2))
}
