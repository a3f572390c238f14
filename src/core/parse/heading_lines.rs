//! Headings with no number: short lines standing alone between paragraphs, as speeches
//! laid out in Word often have ("在学思践悟中铸魂" over its paragraph, then "在急难险重中
//! 淬火"). Asked for only when the speech numbers no heading of its own: a short line in
//! a numbered speech is a subtitle, a slogan or a line of verse.

use crate::core::parse::marker::{Marker, Style};
use crate::core::text::is_han;

/// Longest heading line, in characters; headings are phrases, not sentences.
const MAX_CHARS: usize = 24;
/// Shortest heading line.
const MIN_CHARS: usize = 4;
/// The paragraph under a heading is at least this long, and twice the heading.
const MIN_BODY_CHARS: usize = 30;

/// Unnumbered heading lines, numbered in the order they come, or none at all when fewer
/// than three stand out (two when they share a frame: the same first or last letter).
pub fn heading_lines<'a>(paras: impl Iterator<Item = &'a str>) -> Vec<Option<Marker>> {
    let texts: Vec<&str> = paras.collect();
    let lens: Vec<usize> = texts.iter().map(|t| t.trim().chars().count()).collect();
    let short: Vec<bool> = texts
        .iter()
        .zip(&lens)
        .map(|(t, &n)| (MIN_CHARS..=MAX_CHARS).contains(&n) && reads_as_heading(t.trim()))
        .collect();
    let heads: Vec<usize> = (0..texts.len())
        .filter(|&i| short[i])
        .filter(|&i| {
            let next = i + 1;
            next < texts.len() && !short[next] && lens[next] >= MIN_BODY_CHARS.max(2 * lens[i])
        })
        .collect();
    let framed = |a: &str, b: &str| {
        a.chars().next() == b.chars().next() || a.chars().last() == b.chars().last()
    };
    let enough = heads.len() >= 3
        || (heads.len() == 2 && framed(texts[heads[0]].trim(), texts[heads[1]].trim()));
    let mut out = vec![None; texts.len()];
    if !enough {
        return out;
    }
    for (n, &i) in heads.iter().enumerate() {
        out[i] = Some(Marker {
            style: Style::Line,
            ordinal: n as u32 + 1,
            text: String::new(),
            len: texts[i].len() - texts[i].trim_start().len(),
        });
    }
    out
}

/// A phrase with no sentence or clause punctuation, starting with a letter: 、, quotation
/// marks, book-title marks and spaces may stand inside it.
fn reads_as_heading(t: &str) -> bool {
    t.chars().next().is_some_and(is_han)
        && t.chars().all(|c| {
            is_han(c)
                || c.is_alphanumeric()
                || matches!(
                    c,
                    '、' | '“' | '”' | '‘' | '’' | '《' | '》' | ' ' | '　' | '·'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(paras: &[&str]) -> Vec<usize> {
        heading_lines(paras.iter().copied())
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.as_ref().map(|_| i))
            .collect()
    }

    const BODY: &str =
        "理想信念就是共产党人精神上的“钙”。年轻干部要把学习作为一种政治责任、一种精神追求。";

    #[test]
    fn short_lines_over_paragraphs_are_headings() {
        let paras = [
            "今天召开这个座谈会，主要是听听大家的想法，谈几点希望，与大家共勉。",
            "在学思践悟中铸魂",
            BODY,
            "在急难险重中淬火",
            BODY,
            "在为民服务中扎根",
            BODY,
        ];
        assert_eq!(found(&paras), vec![1, 3, 5]);
    }

    #[test]
    fn two_lines_need_a_shared_frame_and_sentences_are_not_headings() {
        let framed = ["坚定理想信念", BODY, "坚守纪律底线", BODY];
        assert_eq!(found(&framed), vec![0, 2]);
        let unframed = ["理想信念", BODY, "纪律底线", BODY];
        assert!(found(&unframed).is_empty());
        // Punctuated lines, lines with nothing long under them, and a lone line are not.
        let no = [
            "谢谢大家！",
            BODY,
            "同志们：",
            BODY,
            "下面，我讲三点",
            BODY,
            "一句话",
            "另一句短话",
        ];
        assert!(found(&no).is_empty());
    }
}
