//! Section markers at the start of a paragraph: 一、 （一） 1. 1、 （1） 第一， 一要 首先 …
//!
//! A marker only says "this paragraph may open item N of a list in style S". Whether it
//! really opens a section, and at which level, is decided per document in `outline`.

/// The numbering style of a marker. Two markers continue the same list only if their
/// styles are equal (so 一要 and 一是 are different lists, as are 1. and 1、).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 一、
    HanComma,
    /// 一．
    HanDot,
    /// （一）
    HanParen,
    /// 1、
    DigitComma,
    /// 1. or 1．
    DigitDot,
    /// （1）
    DigitParen,
    /// 第一， 第一、 第一是
    Ordinal,
    /// 第一部分 (with or without punctuation after it)
    OrdinalPart,
    /// 1） or 1) — a closing bracket only
    DigitHalfParen,
    /// 一要 一是 一抓 …: a Han numeral fused with a verb, which must repeat (二要, 三要).
    HanVerb(char),
    /// 首先 / 其次 / 再次 / 最后
    Sequence,
    /// ① ② ③
    Circled,
    /// —— leading an item: numbered by position, found only by `dash_items`.
    Dash,
    /// A short line with no number standing over its paragraph: numbered by position,
    /// found only by `heading_lines::heading_lines`.
    Line,
}

/// A marker found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// 1-based position in its list. For 最后 this is 0: it continues any 首先 list.
    pub ordinal: u32,
    /// The marker as written, e.g. "（一）" or "一要".
    pub text: String,
    /// Byte length of the marker in the paragraph (the heading starts there).
    pub len: usize,
}

/// Parses the marker at the start of `para`, if any.
// Over 80 lines: one branch per marker style, tried in the order that keeps them apart.
pub fn parse(para: &str) -> Option<Marker> {
    let chars: Vec<(usize, char)> = para.char_indices().take(12).collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let end_of = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(para.len());
    let make = |style, ordinal, n_chars: usize| {
        let len = end_of(n_chars);
        Some(Marker {
            style,
            ordinal,
            text: para[..len].to_string(),
            len,
        })
    };

    let first = at(0)?;
    // Numbers of one character: ① (circled), ⑴ (bracketed), ⒈ (with a full stop).
    let single = |base: char, style: Style| {
        let n = (first as u32).checked_sub(base as u32)? + 1;
        (n <= 20).then(|| make(style, n, 1 + sep_after(at(1))))?
    };
    if let Some(m) = single('①', Style::Circled)
        .or_else(|| single('⑴', Style::DigitParen))
        .or_else(|| single('⒈', Style::DigitDot))
    {
        return Some(m);
    }
    if first == '（' || first == '(' {
        if let Some((n, used)) = han_number(&chars, 1)
            && matches!(at(1 + used), Some('）') | Some(')'))
        {
            return make(Style::HanParen, n, 2 + used + sep_after(at(2 + used)));
        }
        if let Some((n, used)) = digit_number(&chars, 1)
            && matches!(at(1 + used), Some('）') | Some(')'))
        {
            return make(Style::DigitParen, n, 2 + used + sep_after(at(2 + used)));
        }
        return None;
    }
    if first == '第'
        && let Some((n, used)) = han_number(&chars, 1)
    {
        return match at(1 + used) {
            Some('，' | '、' | '：' | ',') => make(Style::Ordinal, n, 2 + used),
            Some('是') => make(Style::Ordinal, n, 2 + used),
            // 第一点，
            Some('点') => make(
                Style::Ordinal,
                n,
                2 + used + usize::from(matches!(at(2 + used), Some('，' | '、' | '：'))),
            ),
            Some('部') if at(2 + used) == Some('分') => make(
                Style::OrdinalPart,
                n,
                3 + used + sep_after(at(3 + used)).max(usize::from(at(3 + used) == Some('：'))),
            ),
            _ => None,
        };
    }
    if let Some((n, used)) = digit_number(&chars, 0) {
        return match at(used) {
            // 1，  — a comma for 、 is a common slip; 1，000 is a number.
            Some('、') => make(Style::DigitComma, n, used + 1),
            Some('，') if at(used + 1).is_none_or(|c| digit_value(c).is_none()) => {
                make(Style::DigitComma, n, used + 1)
            }
            Some('）' | ')') => make(Style::DigitHalfParen, n, used + 1),
            // "1." but not "2022.10" or "3.5": the dot must not be followed by a digit.
            Some('.' | '．')
                if !at(used + 1).is_some_and(|c| c.is_ascii_digit() || is_fw_digit(c)) =>
            {
                make(Style::DigitDot, n, used + 1)
            }
            _ => None,
        };
    }
    if let Some((n, used)) = han_number(&chars, 0) {
        return match at(used) {
            // 一，  — a comma for 、 is a common slip; so is a space before 、.
            Some('、' | '，') => make(Style::HanComma, n, used + 1),
            Some(' ') if at(used + 1) == Some('、') => make(Style::HanComma, n, used + 2),
            Some('．' | '.') => make(Style::HanDot, n, used + 1),
            // 一要/二要: only single numerals fuse with a verb; 十一要 is too rare to risk.
            Some(v) if used == 1 && is_verb_char(v) => make(Style::HanVerb(v), n, 2),
            _ => None,
        };
    }
    for (word, ordinal) in [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 0)] {
        if let Some(rest) = para.strip_prefix(word)
            && rest.starts_with(['，', '、', '：'])
        {
            let len = word.len() + rest.chars().next().map_or(0, char::len_utf8);
            return Some(Marker {
                style: Style::Sequence,
                ordinal,
                text: para[..len].to_string(),
                len,
            });
        }
    }
    None
}

/// Items led by a dash ("——坚持人民至上，…"), numbered in the order they come. `parse`
/// never returns these: a dash also leads a subtitle or a quotation's source, so the
/// outline asks for them only when nothing else is numbered.
pub fn dash_items<'a>(paras: impl Iterator<Item = &'a str>) -> Vec<Option<Marker>> {
    let mut n = 0;
    paras
        .map(|p| {
            let rest = p.trim_start_matches(['—', '－', '―', '─']);
            let len = p.len() - rest.len();
            let dashes = p[..len].chars().count();
            let rest = rest.trim_start();
            let starts_word = rest.chars().next().is_some_and(crate::core::text::is_han);
            ((2..=3).contains(&dashes) && starts_word).then(|| {
                n += 1;
                Marker {
                    style: Style::Dash,
                    ordinal: n,
                    text: p[..len].to_string(),
                    len: p.len() - rest.len(),
                }
            })
        })
        .collect()
}

/// Punctuation some writers put after a bracketed number: "（一）、".
fn sep_after(c: Option<char>) -> usize {
    usize::from(matches!(c, Some('、' | '，' | '．' | '.')))
}

fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        Some(c as u32 - '0' as u32)
    } else if is_fw_digit(c) {
        Some(c as u32 - '０' as u32)
    } else {
        None
    }
}

/// 1–99 written in one or two (ASCII or full-width) digits.
fn digit_number(chars: &[(usize, char)], from: usize) -> Option<(u32, usize)> {
    let d1 = digit_value(chars.get(from)?.1)?;
    match chars.get(from + 1).and_then(|&(_, c)| digit_value(c)) {
        Some(d2) => {
            // A third digit means a year or a count, not a list number.
            if chars
                .get(from + 2)
                .and_then(|&(_, c)| digit_value(c))
                .is_some()
            {
                return None;
            }
            let n = d1 * 10 + d2;
            (n > 0).then_some((n, 2))
        }
        None => (d1 > 0).then_some((d1, 1)),
    }
}

fn han_digit(c: char) -> Option<u32> {
    "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1)
}

/// 一 … 九十九 in Han numerals: 一, 十, 十一, 二十, 二十三.
fn han_number(chars: &[(usize, char)], from: usize) -> Option<(u32, usize)> {
    let c = |i: usize| chars.get(from + i).map(|&(_, c)| c);
    match (c(0), c(1), c(2)) {
        (Some('十'), Some(d), _) if han_digit(d).is_some() => Some((10 + han_digit(d)?, 2)),
        (Some('十'), _, _) => Some((10, 1)),
        (Some(a), Some('十'), Some(d)) if han_digit(a).is_some() && han_digit(d).is_some() => {
            Some((han_digit(a)? * 10 + han_digit(d)?, 3))
        }
        (Some(a), Some('十'), _) if han_digit(a).is_some() => Some((han_digit(a)? * 10, 2)),
        (Some(a), next, _) if han_digit(a).is_some() => {
            // 一九四九 is a year, 一二 a count: a numeral followed by a numeral is not a marker.
            if next.is_some_and(|n| {
                han_digit(n).is_some() || matches!(n, '〇' | '零' | '百' | '千' | '万')
            }) {
                None
            } else {
                Some((han_digit(a)?, 1))
            }
        }
        _ => None,
    }
}

/// Characters that can follow a numeral in a 一要/一是 marker. Quantity words and the
/// common words that start with 一 (一些, 一直, 一定, 一切, 一般, 一样 …) are excluded;
/// the rest is left to the sequence rule (二X must follow 一X).
fn is_verb_char(c: char) -> bool {
    crate::core::text::is_han(c)
        && han_digit(c).is_none()
        && !"十百千万亿个些直定切般样起道同致旦律贯度线流级带心批系点次年月日天名项条种位支份方面致把季周届轮".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(p: &str) -> Option<(Style, u32, String)> {
        parse(p).map(|m| (m.style, m.ordinal, m.text))
    }

    #[test]
    fn every_marker_style_is_recognised() {
        assert_eq!(
            style("一、要突出"),
            Some((Style::HanComma, 1, "一、".into()))
        );
        assert_eq!(
            style("十二、要突出"),
            Some((Style::HanComma, 12, "十二、".into()))
        );
        assert_eq!(
            style("（三）要提高"),
            Some((Style::HanParen, 3, "（三）".into()))
        );
        assert_eq!(
            style("(三)要提高"),
            Some((Style::HanParen, 3, "(三)".into()))
        );
        assert_eq!(
            style("2、统筹协调"),
            Some((Style::DigitComma, 2, "2、".into()))
        );
        assert_eq!(style("2.统筹协调"), Some((Style::DigitDot, 2, "2.".into())));
        assert_eq!(
            style("2．统筹协调"),
            Some((Style::DigitDot, 2, "2．".into()))
        );
        assert_eq!(
            style("（4）统筹"),
            Some((Style::DigitParen, 4, "（4）".into()))
        );
        assert_eq!(
            style("第三，要强筋壮骨"),
            Some((Style::Ordinal, 3, "第三，".into()))
        );
        assert_eq!(
            style("第三、要强筋壮骨"),
            Some((Style::Ordinal, 3, "第三、".into()))
        );
        assert_eq!(
            style("二要强化"),
            Some((Style::HanVerb('要'), 2, "二要".into()))
        );
        assert_eq!(
            style("三是创新"),
            Some((Style::HanVerb('是'), 3, "三是".into()))
        );
        assert_eq!(
            style("一抓落实"),
            Some((Style::HanVerb('抓'), 1, "一抓".into()))
        );
        assert_eq!(
            style("其次，要"),
            Some((Style::Sequence, 2, "其次，".into()))
        );
        assert_eq!(style("一，要"), Some((Style::HanComma, 1, "一，".into())));
        assert_eq!(style("二 、要"), Some((Style::HanComma, 2, "二 、".into())));
        assert_eq!(style("3，要"), Some((Style::DigitComma, 3, "3，".into())));
        assert_eq!(
            style("第二点，要"),
            Some((Style::Ordinal, 2, "第二点，".into()))
        );
        assert_eq!(style("③要"), Some((Style::Circled, 3, "③".into())));
        assert_eq!(style("⑳、要"), Some((Style::Circled, 20, "⑳、".into())));
        assert_eq!(style("⑵要"), Some((Style::DigitParen, 2, "⑵".into())));
        assert_eq!(style("⒋要"), Some((Style::DigitDot, 4, "⒋".into())));
    }

    #[test]
    fn dates_numbers_and_words_are_not_markers() {
        for p in [
            "2022.10.23召开",
            "2024年机关",
            "3.5亿元",
            "一些同志",
            "一定要",
            "一九四九年",
            "第一时间",
            "100%的全覆盖",
            "同志们：",
            "（区）",
            "一点一滴",
            "一 个",
            "1，000",
            "㉑",
        ] {
            assert_eq!(parse(p), None, "{p}");
        }
    }
}
