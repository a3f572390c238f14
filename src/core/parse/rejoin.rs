//! Lines broken inside a paragraph — hard-wrapped text, a PDF's copy — joined back into
//! paragraphs; headings and salutations start their own.

use crate::core::parse::marker;
use crate::core::parse::title_block::{SENTENCE_END, salutation_len};

/// A paragraph of the body with the file line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub line: usize,
    pub text: String,
}

/// Joins lines broken mid-sentence. A blank line always ends a paragraph; a line that
/// ends a sentence, is a heading (opens with a marker and stands alone) or is short and
/// unpunctuated ends one too.
pub(super) fn rejoin(lines: &[(usize, String)]) -> Vec<Para> {
    let wrap = wrap_width(lines.iter().map(|(_, l)| l.as_str()));
    let blocks = wrap.is_some_and(|w| wrapped_blocks(lines, w));
    let mut out: Vec<Para> = Vec::new();
    let mut open = false; // whether the last paragraph may continue on the next line
    for (no, text) in lines {
        if text.is_empty() {
            open = false;
            continue;
        }
        // In wrapped blocks a full line always runs on, even onto "一是…" or after "。".
        let starts_new =
            !blocks && (marker::parse(text).is_some() || salutation_len(text).is_some());
        if open
            && !starts_new
            && let Some(last) = out.last_mut()
        {
            if last.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && text.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                last.text.push(' ');
            }
            last.text.push_str(text);
        } else {
            out.push(Para {
                line: *no,
                text: text.clone(),
            });
        }
        let last = &out.last().expect("just pushed or extended").text;
        let len = text.chars().count();
        open = match wrap {
            // A short line runs on too when it stops in mid-sentence: a copy from a PDF
            // wraps lines at uneven widths (…真正使 / 铁规发力、禁令生威。).
            Some(w) if blocks => len + 1 >= w || !text.ends_with(SENTENCE_END),
            _ => may_continue(last, len, wrap),
        };
    }
    out
}

/// Whether hard-wrapped text keeps its paragraphs apart with blank lines: nearly every
/// line followed by another line is a full one, so a line break inside a block is only
/// ever a wrap.
fn wrapped_blocks(lines: &[(usize, String)], wrap: usize) -> bool {
    let inner: Vec<usize> = lines
        .windows(2)
        .filter(|w| !w[0].1.is_empty() && !w[1].1.is_empty())
        .map(|w| w[0].1.chars().count())
        .collect();
    let full = inner.iter().filter(|&&n| n + 1 >= wrap).count();
    inner.len() >= 3 && full * 20 >= inner.len() * 19
}

/// Whether a paragraph so far looks cut off: it does not end a sentence, is not a
/// stand-alone heading, and either ends in mid-sentence punctuation or is as long as a
/// wrapped line.
/// Whether a paragraph so far (whose last line had `line_len` characters) looks cut off.
/// In hard-wrapped text a line that stops short of the wrap width ends its paragraph.
fn may_continue(text: &str, line_len: usize, wrap: Option<usize>) -> bool {
    if text.ends_with(SENTENCE_END) || salutation_len(text).is_some() {
        return false;
    }
    if text.ends_with(['，', '、', '“', '‘', '（', '—', ',']) {
        return true;
    }
    let fills_line = wrap.map(|w| line_len + 1 >= w);
    if marker::parse(text).is_some() {
        // A heading runs on only when it fills a hard-wrapped line.
        return fills_line.unwrap_or(false);
    }
    // A paragraph of more than one line that stops in mid-sentence runs on, though its
    // last line is short: a PDF's copy wraps at uneven widths (…真正使 / 铁规发力…).
    let lines_before = text.chars().count() > line_len;
    fills_line.unwrap_or(text.chars().count() >= 20) || (wrap.is_some() && lines_before)
}

/// The width a text was hard-wrapped at, if it was: the most common length of long lines,
/// when at least a third of them have it (give or take one character).
pub(super) fn wrap_width<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    let lens: Vec<usize> = lines
        .map(|l| l.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.len() < 6 {
        return None;
    }
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for &n in &lens {
        *counts.entry(n).or_default() += 1;
    }
    let (&w, _) = counts
        .iter()
        .max_by_key(|&(&n, &c)| (c + counts.get(&(n + 1)).copied().unwrap_or(0), n))?;
    let near = lens.iter().filter(|&&n| n + 1 >= w && n <= w + 1).count();
    (near * 3 >= lens.len()).then_some(w + 1)
}
