//! Speeches whose lines were run together, as text copied from some web pages and PDFs
//! arrives: the title runs into the salutation ("…会议上的讲话同志们：今天…") and the whole
//! body is one paragraph ("…讲几点意见。一、…。二、…"). Both are split back apart here,
//! only where the shape leaves no doubt.

use crate::core::parse::marker::{self, Style};
use crate::core::parse::title_block::salutation_len;

/// Words a title ends with, before a salutation run into it.
const TITLE_ENDS: &[&str] = &[
    "讲话", "发言", "致辞", "讲稿", "党课", "会议", "大会", "报告", "动员",
];

/// How a salutation starts, so that "参加会议的同志们：" is not cut after 会议.
const SALUTATION_STARTS: &[&str] = &[
    "同志们",
    "各位",
    "尊敬的",
    "亲爱的",
    "同学们",
    "朋友们",
    "老师们",
    "女士们",
    "大家好",
];

/// A title run into the salutation after it: ("在…会议上的讲话", "同志们：今天…").
pub fn split_title_salutation(line: &str) -> Option<(String, String)> {
    let colon = line.find('：')?;
    let head = &line[..colon];
    if head.chars().count() > 45 || head.contains(['。', '！', '？']) {
        return None;
    }
    TITLE_ENDS
        .iter()
        .filter_map(|w| head.rfind(w).map(|at| at + w.len()))
        .filter(|&end| {
            let (title, rest) = line.split_at(end);
            // The salutation may hold a comma ("各位领导，同志们："); the title holds none.
            title.chars().count() >= 6
                && !title.contains('，')
                && SALUTATION_STARTS.iter().any(|s| rest.starts_with(s))
                && salutation_len(rest).is_some()
        })
        .max()
        .map(|end| (line[..end].to_string(), line[end..].to_string()))
}

/// Marker styles that number headings. A run-in body is recognised by a list of these
/// after sentence ends; a long paragraph with only 第一，第二， inside is ordinary prose.
fn numbers_headings(style: Style) -> bool {
    matches!(
        style,
        Style::HanComma | Style::HanParen | Style::OrdinalPart | Style::HanDot
    )
}

/// Marker styles a run-in body is split at, once it is recognised.
fn splits_at(style: Style) -> bool {
    numbers_headings(style)
        || matches!(
            style,
            Style::Ordinal | Style::DigitComma | Style::DigitDot | Style::DigitParen
        )
}

/// A paragraph this long holding a numbered list of headings is a body run together.
const MIN_RUN_IN_CHARS: usize = 300;

/// Splits a paragraph that is a body run together at the markers that follow a sentence
/// end; any other paragraph comes back whole.
pub fn split_run_in(text: &str) -> Vec<String> {
    if text.chars().count() < MIN_RUN_IN_CHARS {
        return vec![text.to_string()];
    }
    // Markers right after a sentence end: (byte offset, style, ordinal).
    let mut at: Vec<(usize, Style, u32)> = Vec::new();
    let mut prev = None;
    for (i, c) in text.char_indices() {
        if matches!(prev, Some('。' | '！' | '？' | '：'))
            && let Some(m) = marker::parse(&text[i..])
            && splits_at(m.style)
        {
            at.push((i, m.style, m.ordinal));
        }
        prev = Some(c);
    }
    // A style counts only as a list: its first and second items both there, in order.
    let listed = |style: Style| {
        let first = at.iter().position(|&(_, s, n)| s == style && n == 1);
        first.is_some_and(|f| at[f..].iter().any(|&(_, s, n)| s == style && n == 2))
    };
    if !at.iter().any(|&(_, s, _)| numbers_headings(s) && listed(s)) {
        return vec![text.to_string()];
    }
    let mut cuts: Vec<usize> = at
        .iter()
        .filter(|&&(_, style, _)| listed(style))
        .map(|&(i, _, _)| i)
        .collect();
    // The closing too, when it opens the way closings do, after the last heading.
    if let Some(close) = closing_start(text)
        && cuts.last().is_some_and(|&c| close > c)
    {
        cuts.push(close);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for i in cuts {
        out.push(text[start..i].to_string());
        start = i;
    }
    out.push(text[start..].to_string());
    out.retain(|p| !p.is_empty());
    out
}

/// Where the last sentence that opens a closing starts ("同志们，让我们…", "以上意见…").
fn closing_start(text: &str) -> Option<usize> {
    const OPENERS: &[&str] = &["同志们，", "同志们！", "总之，", "让我们", "以上"];
    let mut prev = None;
    let mut found = None;
    for (i, c) in text.char_indices() {
        if matches!(prev, Some('。' | '！' | '？'))
            && OPENERS.iter().any(|o| text[i..].starts_with(o))
        {
            found = Some(i);
        }
        prev = Some(c);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_run_into_the_salutation_is_split_off() {
        assert_eq!(
            split_title_salutation("在全市组织工作会议上的讲话同志们：今天召开会议。"),
            Some((
                "在全市组织工作会议上的讲话".to_string(),
                "同志们：今天召开会议。".to_string()
            ))
        );
        assert_eq!(
            split_title_salutation("市党建工作会议各位领导、同志们：").map(|p| p.0),
            Some("市党建工作会议".to_string())
        );
        assert_eq!(
            split_title_salutation("在全县党建工作会议上的讲话尊敬的各位领导，同志们：")
                .map(|p| p.1),
            Some("尊敬的各位领导，同志们：".to_string())
        );
        for line in [
            "同志们：今天召开会议。",
            "参加会议的同志们：",
            "在会议上的讲话",
            "会议指出：要认真学习，深刻领会。",
        ] {
            assert_eq!(split_title_salutation(line), None, "{line}");
        }
    }

    fn body() -> String {
        let filler =
            "要认真学习领会会议精神，结合实际抓好贯彻落实，确保各项工作取得实效。".repeat(3);
        format!(
            "下面，我讲几点意见。一、提高认识，把握要求{filler}第一，要深刻认识重要意义。{filler}第二，要准确把握目标任务。{filler}二、突出重点，狠抓落实{filler}三、加强领导，强化保障{filler}同志们，让我们共同努力！"
        )
    }

    #[test]
    fn a_body_run_together_is_split_at_its_headings_and_their_points() {
        let parts = split_run_in(&body());
        let starts: Vec<String> = parts.iter().map(|p| p.chars().take(2).collect()).collect();
        assert_eq!(
            starts,
            ["下面", "一、", "第一", "第二", "二、", "三、", "同志"]
        );
        assert_eq!(parts.concat(), body());
    }

    #[test]
    fn ordinary_paragraphs_stay_whole() {
        let filler =
            "要认真学习领会会议精神，结合实际抓好贯彻落实，确保各项工作取得实效。".repeat(6);
        for text in [
            // Short, even with a list in it.
            "讲两点。一、学习。二、落实。".to_string(),
            // Long, with points in it but no numbered headings.
            format!("{filler}第一，要学习。{filler}第二，要落实。{filler}"),
            // Long, with a heading number that starts no list.
            format!("{filler}二、落实。{filler}三、保障。"),
        ] {
            assert_eq!(split_run_in(&text), vec![text.clone()]);
        }
    }
}
