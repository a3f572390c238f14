//! Character classes and line normalisation shared by every stage: which characters are
//! Han, CJK punctuation or word characters, and how white space and half-width
//! punctuation in Chinese text are normalised.

/// Splits text into lines and normalises white space in each:
/// CRLF/CR, NBSP, ideographic space, tabs → plain spaces; zero-width characters removed;
/// runs of spaces collapsed; ends trimmed. Empty lines are kept (as `""`) so that
/// paragraph breaks survive.
pub fn normalise_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n').map(normalise_line).collect()
}

fn normalise_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if c.is_whitespace() || c.is_control() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// True for Han characters and CJK punctuation: the "Chinese context" for normalisation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
        | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026)
}

/// True for Han characters only.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A character words are made of: Han or alphanumeric. Answers the common Chinese
/// punctuation without Unicode's tables, as mining asks this of every character.
pub fn is_word_char(c: char) -> bool {
    if is_han(c) {
        return true;
    }
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk_punct(c) && c.is_alphanumeric()
}

/// The common Chinese punctuation marks.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '—'
            | '…'
            | '·'
            | '【'
            | '】'
    )
}

/// Half-width punctuation next to Chinese becomes full-width; digits and Latin are left alone
/// ("1,000", "12:30", "(a)" stay as they are).
pub fn fullwidth_punct(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let full = match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '?' => '？',
            _ => {
                out.push(c);
                continue;
            }
        };
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let chinese_context = match c {
            // Between two digits (times, thousands) a colon or comma is not Chinese punctuation.
            _ if prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                false
            }
            _ => prev.is_some_and(is_cjk) || next.is_some_and(is_cjk),
        };
        out.push(if chinese_context { full } else { c });
    }
    fix_bracket_pairs(out)
}

/// "(一)" with the closing bracket after a digit-free CJK numeral is handled above; this makes
/// a bracket pair consistent when only one side was converted, e.g. "(1)要" → "（1）要".
fn fix_bracket_pairs(s: String) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = chars.clone();
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push(i),
            ')' | '）' => {
                if let Some(o) = open.pop() {
                    let full = chars[o] == '（' || c == '）';
                    if full {
                        out[o] = '（';
                        out[i] = '）';
                    }
                }
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_han_or_alphanumeric() {
        for c in (0..0x30000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_han(c) || c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn punctuation_next_to_chinese_becomes_full_width() {
        assert_eq!(fullwidth_punct("同志们:"), "同志们：");
        assert_eq!(fullwidth_punct("(一)要提高"), "（一）要提高");
        assert_eq!(fullwidth_punct("要强化,彰显!"), "要强化，彰显！");
        assert_eq!(
            fullwidth_punct("时间:2022-04-22 02:26:00"),
            "时间：2022-04-22 02:26:00"
        );
        assert_eq!(fullwidth_punct("共1,000人"), "共1,000人");
        assert_eq!(fullwidth_punct("see (a) here"), "see (a) here");
        assert_eq!(fullwidth_punct("(1)加强"), "（1）加强");
    }

    #[test]
    fn whitespace_is_normalised() {
        let lines = normalise_lines("a\u{00A0}\u{00A0}b\r\n\u{3000}\u{3000}同志们：\u{200B}\rc\td");
        assert_eq!(lines, vec!["a b", "同志们：", "c d"]);
    }
}
