//! A parsed speech as a draft, so any speech file can be exported and checked.

use crate::core::draft::{BlockKind, Draft};

/// The date of a title-block line: "（2023年3月15日）", "2023-03-15", "二〇二三年三月十五日".
pub fn meta_date(line: &str) -> Option<String> {
    // Han numerals to digits first: 〇一二…九 digit by digit, 十 as in 十五 / 二十 / 三十一.
    let mut ascii = String::new();
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit = |c: char| {
            "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .or((c == '零').then_some(0))
        };
        if let Some(d) = digit(c) {
            ascii.push(char::from(b'0' + d as u8));
        } else if c == '十' {
            let before = i.checked_sub(1).and_then(|j| digit(chars[j])).is_some();
            let after = chars.get(i + 1).and_then(|&n| digit(n)).is_some();
            match (before, after) {
                (true, true) => {}
                (true, false) => ascii.push('0'),
                (false, true) => ascii.push('1'),
                (false, false) => ascii.push_str("10"),
            }
        } else {
            ascii.push(c);
        }
    }
    let nums: Vec<u32> = ascii
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .filter_map(|x| x.parse().ok())
        .collect();
    (nums.len() >= 3
        && nums[0] >= 1900
        && (1..=12).contains(&nums[1])
        && (1..=31).contains(&nums[2]))
    .then(|| format!("{:04}-{:02}-{:02}", nums[0], nums[1], nums[2]))
}

impl Draft {
    /// A draft holding a parsed speech: opening, sections with their points (deeper items
    /// kept in the point's text with their markers), closing.
    pub fn from_speech(s: &crate::core::parse::speech::Speech) -> Draft {
        let mut d = Draft::default();
        d.meta.title = s.title.clone().unwrap_or_default();
        d.meta.salutation = s.salutation.clone().unwrap_or_default();
        d.meta.date = s
            .byline
            .iter()
            .find_map(|m| meta_date(m))
            .unwrap_or_default();
        let push = |d: &mut Draft, kind, heading: String, body: Vec<String>| {
            let b = d.new_block(kind, heading, body.join("\n"), None);
            d.blocks.push(b);
        };
        if !s.opening.is_empty() {
            push(&mut d, BlockKind::Opening, String::new(), s.opening.clone());
        }
        for sec in &s.sections {
            push(
                &mut d,
                BlockKind::Section,
                sec.heading.clone(),
                sec.paragraphs.clone(),
            );
            for c in &sec.children {
                push(&mut d, BlockKind::Point, c.heading.clone(), c.flattened());
            }
        }
        if !s.closing.is_empty() {
            push(&mut d, BlockKind::Closing, String::new(), s.closing.clone());
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::meta_date;

    #[test]
    fn dates_of_title_blocks() {
        assert_eq!(
            meta_date("（2023年3月15日）").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(
            meta_date("二〇二三年三月十五日").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(
            meta_date("二〇二四年十二月三十一日").as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(
            meta_date("二〇二二年十月二十日").as_deref(),
            Some("2022-10-20")
        );
        assert_eq!(meta_date("市委书记 张三"), None);
    }
}
