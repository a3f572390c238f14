//! A draft (or a parsed speech) as the sequence of lines every format lays out: title,
//! byline, salutation, numbered headings, run-in points and paragraphs, slots filled.

use crate::core::dates::chinese_date;
use crate::core::draft::{BlockKind, Draft};
use crate::core::numbering::Numbering;

/// Two full-width spaces: the first-line indent of Chinese official text.
pub const INDENT: &str = "\u{3000}\u{3000}";

/// One line of the rendered speech, with what it is, for the formats to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Title(String),
    /// The speaker's name as typed, on its own line under the title (see [`byline_name`]).
    Speaker(String),
    /// Another line of the byline block: the date, or a parsed speech's own meta line.
    Byline(String),
    /// The blank line that ends the title block.
    Blank,
    Salutation(String),
    /// A heading with its marker, at level 1 or 2.
    Heading(u8, String),
    /// A point whose marker and heading run into its paragraph, as 讲话式 points print
    /// (一是加强学习。正文…): the lead, then the text after it (maybe empty).
    RunIn(String, String),
    Paragraph(String),
}

/// The name as a byline prints it: a two-character name gets a full-width space (张　明),
/// so it takes the width of a three-character one.
pub fn byline_name(name: &str) -> String {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    match chars[..] {
        [a, b] if crate::core::text::is_han(a) && crate::core::text::is_han(b) => {
            format!("{a}\u{3000}{b}")
        }
        _ => name.to_string(),
    }
}

/// The lead of a run-in point: its marker and heading, closed with 。 unless the
/// heading already ends in punctuation (一是加强学习。, 二是要抓落实，).
fn run_in_lead(marker: &str, heading: &str) -> String {
    let ends_punct = heading
        .chars()
        .last()
        .is_some_and(|c| crate::core::text::is_cjk_punct(c) && !matches!(c, '）' | '」' | '》'));
    if ends_punct {
        format!("{marker}{heading}")
    } else {
        format!("{marker}{heading}。")
    }
}

/// Pushes a run-in point: the lead joined to its first paragraph, the rest after it.
fn push_run_in(out: &mut Vec<Line>, lead: String, paragraphs: impl IntoIterator<Item = String>) {
    let mut paragraphs = paragraphs.into_iter();
    out.push(Line::RunIn(lead, paragraphs.next().unwrap_or_default()));
    out.extend(paragraphs.map(Line::Paragraph));
}

/// The speech as a sequence of lines, slots filled from the meeting details.
pub fn lines(d: &Draft) -> Vec<Line> {
    let mut out = Vec::new();
    let title = if d.meta.title.trim().is_empty() && !d.meta.meeting.trim().is_empty() {
        format!("在{}上的讲话", d.meta.meeting.trim())
    } else {
        d.meta.title.trim().to_string()
    };
    if !title.is_empty() {
        out.push(Line::Title(d.fill(&title)));
        out.push(Line::Blank);
    }
    if !d.meta.speaker.trim().is_empty() {
        out.push(Line::Speaker(d.meta.speaker.trim().to_string()));
    }
    let date = chinese_date(&d.meta.date);
    if !date.is_empty() {
        out.push(Line::Byline(format!("（{date}）")));
    }
    if !d.meta.salutation.trim().is_empty() {
        out.push(Line::Salutation(d.meta.salutation.trim().to_string()));
    }
    for (b, marker) in d.blocks.iter().zip(d.markers()) {
        let heading = d.fill(b.heading.trim());
        let paragraphs = b
            .body
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| d.fill(p));
        match b.kind {
            BlockKind::Point if !heading.is_empty() && d.numbering == Numbering::Speech => {
                push_run_in(&mut out, run_in_lead(&marker, &heading), paragraphs);
                continue;
            }
            BlockKind::Section | BlockKind::Point if !heading.is_empty() => {
                let level = if b.kind == BlockKind::Section { 1 } else { 2 };
                out.push(Line::Heading(level, format!("{marker}{heading}")));
            }
            _ => {}
        }
        out.extend(paragraphs.map(Line::Paragraph));
    }
    out
}

/// The lines of a parsed speech (any .txt/.docx), with its own markers and levels.
/// Points it numbered 一是/一要 run into their paragraph, as in a draft.
pub fn speech_lines(s: &crate::core::parse::speech::Speech) -> Vec<Line> {
    let mut out = Vec::new();
    out.extend(s.title.clone().map(Line::Title));
    if let Some(sub) = &s.subtitle {
        out.push(Line::Byline(format!("——{sub}")));
    }
    if !out.is_empty() {
        out.push(Line::Blank);
    }
    out.extend(s.byline.iter().cloned().map(Line::Byline));
    out.extend(s.salutation.clone().map(Line::Salutation));
    out.extend(s.opening.iter().cloned().map(Line::Paragraph));
    for sec in s.all_sections() {
        let fused = crate::core::parse::marker::parse(&sec.marker)
            .is_some_and(|m| matches!(m.style, crate::core::parse::marker::Style::HanVerb(_)));
        if fused && !sec.heading.trim().is_empty() {
            let lead = run_in_lead(&sec.marker, sec.heading.trim());
            push_run_in(&mut out, lead, sec.paragraphs.iter().cloned());
        } else {
            let heading = format!("{}{}", sec.marker, sec.heading);
            out.push(Line::Heading(sec.level, heading));
            out.extend(sec.paragraphs.iter().cloned().map(Line::Paragraph));
        }
    }
    out.extend(s.closing.iter().cloned().map(Line::Paragraph));
    out
}
