//! Text normalised for matching dated formulations: writers quote a campaign's name with
//! and without quotation marks, with 、 or ， between its halves, and write numbers in
//! Han or Arabic numerals ("建党一百周年" / "建党100周年"). Both the text and the lexicon's
//! patterns are normalised the same way; each normalised character remembers the
//! characters of the original it came from.

use crate::core::numerals::{han_number, is_han_numeral};

/// A normalised text and, for each of its characters, the original character range.
pub struct Normalised<'a> {
    pub text: String,
    source: &'a str,
    /// Per normalised char: (start, end) in original chars, and the original's chars.
    /// Worked out when a match asks for them: most texts have none (mining normalises
    /// every paragraph, and this was half the cost).
    detail: std::sync::OnceLock<Detail>,
}

struct Detail {
    spans: Vec<(usize, usize)>,
    original: Vec<char>,
}

/// Quotation marks and spaces: dropped.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '『' | '』' | '〝' | '〞'
    ) || c.is_whitespace()
}

/// Whether normalising changes `c` or the run it starts: most characters are copied.
fn changes(c: char) -> bool {
    match c {
        '，' | ',' | '０'..='９' => true,
        _ => is_han_numeral(c) || is_dropped(c),
    }
}

/// Normalises `chars` into `out`; with `spans`, records each output char's original range.
fn normalise_chars(chars: &[char], out: &mut String, mut spans: Option<&mut Vec<(usize, usize)>>) {
    let mut span = |s: (usize, usize)| {
        if let Some(v) = spans.as_deref_mut() {
            v.push(s);
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !changes(c) {
            out.push(c);
            span((i, i + 1));
            i += 1;
            continue;
        }
        if is_han_numeral(c) {
            let run = chars[i..]
                .iter()
                .take_while(|&&x| is_han_numeral(x))
                .count();
            if let Some(n) = han_number(&chars[i..i + run]) {
                for d in n.to_string().chars() {
                    out.push(d);
                    span((i, i + run));
                }
            } else {
                for (k, &ch) in chars.iter().enumerate().skip(i).take(run) {
                    out.push(ch);
                    span((k, k + 1));
                }
            }
            i += run;
            continue;
        }
        if !is_dropped(c) {
            let n = match c {
                '，' | ',' => '、',
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ => c,
            };
            out.push(n);
            span((i, i + 1));
        }
        i += 1;
    }
}

impl<'a> Normalised<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut out = String::with_capacity(text.len());
        // Runs of plain characters are copied whole; only a character normalisation
        // changes (a numeral, a mark, a comma) goes through `normalise_chars`.
        let mut plain_from = 0;
        let mut it = text.char_indices().peekable();
        while let Some((b, c)) = it.next() {
            if !changes(c) {
                continue;
            }
            out.push_str(&text[plain_from..b]);
            // A numeral run is normalised whole (一百零五 is one number); any other
            // character that changes is a run of one. Runs of up to 8 need no allocation.
            let mut run = [c; 8];
            let mut n = 1;
            let mut end = b + c.len_utf8();
            while let Some(&(b2, c2)) = it.peek() {
                if !is_han_numeral(c) || !is_han_numeral(c2) {
                    break;
                }
                if let Some(slot) = run.get_mut(n) {
                    *slot = c2;
                }
                n += 1;
                end = b2 + c2.len_utf8();
                it.next();
            }
            if n <= run.len() {
                normalise_chars(&run[..n], &mut out, None);
            } else {
                let long: Vec<char> = text[b..end].chars().collect();
                normalise_chars(&long, &mut out, None);
            }
            plain_from = end;
        }
        out.push_str(&text[plain_from..]);
        Normalised {
            text: out,
            source: text,
            detail: std::sync::OnceLock::new(),
        }
    }

    fn detail(&self) -> &Detail {
        self.detail.get_or_init(|| {
            let original: Vec<char> = self.source.chars().collect();
            let mut spans = Vec::with_capacity(original.len());
            let mut text = String::with_capacity(self.source.len());
            normalise_chars(&original, &mut text, Some(&mut spans));
            debug_assert_eq!(text, self.text);
            Detail { spans, original }
        })
    }

    /// Original char range of the normalised byte range `[b0, b1)`.
    pub fn original(&self, b0: usize, b1: usize) -> (usize, usize) {
        let t = &self.text;
        if b0 >= b1 || b1 > t.len() || !t.is_char_boundary(b0) || !t.is_char_boundary(b1) {
            return (0, 0);
        }
        // Counted here, not indexed when normalising: most texts have no match.
        let Detail { spans, original } = self.detail();
        let c0 = t[..b0].chars().count();
        let c1 = c0 + t[b0..b1].chars().count();
        if c1 > spans.len() {
            return (0, 0);
        }
        let (mut s, mut e) = (spans[c0].0, spans[c1 - 1].1);
        // A quotation mark dropped at either edge belongs to the match when its partner
        // is inside it, so a replacement leaves no stray mark.
        let inside = &original[s..e];
        let opens = inside.iter().filter(|&&c| c == '“').count();
        let closes = inside.iter().filter(|&&c| c == '”').count();
        if closes > opens && s > 0 && original[s - 1] == '“' {
            s -= 1;
        }
        if opens > closes && original.get(e) == Some(&'”') {
            e += 1;
        }
        (s, e)
    }

    /// The original text of a char range.
    pub fn original_text(&self, s: usize, e: usize) -> String {
        self.detail().original[s..e].iter().collect()
    }
}

/// A pattern normalised as a text would be.
pub fn normalise(pattern: &str) -> String {
    Normalised::new(pattern).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_numbers() {
        let n = |s: &str| han_number(&s.chars().collect::<Vec<_>>());
        assert_eq!(n("一百零五"), Some(105));
        assert_eq!(n("十九"), Some(19));
        assert_eq!(n("二十"), Some(20));
        assert_eq!(n("二〇二四"), Some(2024));
        assert_eq!(n("一百"), Some(100));
        assert_eq!(n("九十九"), Some(99));
        assert_eq!(n("十四五"), None);
        assert_eq!(n("百"), Some(100));
    }

    #[test]
    fn quotes_commas_and_numerals_normalise() {
        assert_eq!(
            normalise("“不忘初心，牢记使命”主题教育"),
            normalise("不忘初心、牢记使命主题教育")
        );
        assert_eq!(normalise("庆祝建党一百周年"), "庆祝建党100周年");
        assert_eq!(normalise("“十四五”时期"), "十四五时期");
        let t = "学习“十九届五中全会”精神";
        let n = Normalised::new(t);
        let b0 = n.text.find("19届").unwrap();
        let b1 = n.text.find("精神").unwrap();
        let (s, e) = n.original(b0, b1);
        let got: String = t.chars().skip(s).take(e - s).collect();
        assert_eq!(got, "十九届五中全会");
        let t = "开展“不忘初心，牢记使命”主题教育";
        let n = Normalised::new(t);
        let b0 = n.text.find("不忘").unwrap();
        let (s, e) = n.original(b0, n.text.len());
        assert_eq!(n.original_text(s, e), "“不忘初心，牢记使命”主题教育");
    }
}
