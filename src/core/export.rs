//! Rendering a draft as text: the one renderer of the numbered outline that every
//! export format builds on.

use std::path::Path;

use crate::core::draft::{BlockKind, Draft, date_parts};

/// Two full-width spaces: the first-line indent of Chinese official text.
pub const INDENT: &str = "\u{3000}\u{3000}";

/// One line of the rendered speech, with what it is, for the formats to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Title(String),
    /// Speaker and date under the title.
    Byline(String),
    Salutation(String),
    /// A heading with its marker, at level 1 or 2.
    Heading(u8, String),
    Paragraph(String),
}

/// "2026年11月22日" from "2026-11-22"; the text as typed otherwise.
pub fn chinese_date(date: &str) -> String {
    match date_parts(date) {
        Some((y, m, d)) => format!("{y}年{m}月{d}日"),
        None => date.trim().to_string(),
    }
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
    }
    let byline: Vec<String> = [
        d.meta.speaker.trim().to_string(),
        chinese_date(&d.meta.date),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if !byline.is_empty() {
        out.push(Line::Byline(format!("（{}）", byline.join("　"))));
    }
    if !d.meta.salutation.trim().is_empty() {
        out.push(Line::Salutation(d.meta.salutation.trim().to_string()));
    }
    for (b, marker) in d.blocks.iter().zip(d.markers()) {
        let heading = d.fill(b.heading.trim());
        match b.kind {
            BlockKind::Section | BlockKind::Point if !heading.is_empty() => {
                let level = if b.kind == BlockKind::Section { 1 } else { 2 };
                out.push(Line::Heading(level, format!("{marker}{heading}")));
            }
            _ => {}
        }
        for p in b.body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            out.push(Line::Paragraph(d.fill(p)));
        }
    }
    out
}

/// The lines of a parsed speech (any .txt/.docx), with its own markers and levels.
pub fn speech_lines(s: &crate::core::speech::Speech) -> Vec<Line> {
    let mut out = Vec::new();
    out.extend(s.title.clone().map(Line::Title));
    if let Some(sub) = &s.subtitle {
        out.push(Line::Byline(format!("——{sub}")));
    }
    out.extend(s.byline.iter().cloned().map(Line::Byline));
    out.extend(s.salutation.clone().map(Line::Salutation));
    out.extend(s.opening.iter().cloned().map(Line::Paragraph));
    fn walk(secs: &[crate::core::speech::Section], out: &mut Vec<Line>) {
        for sec in secs {
            out.push(Line::Heading(
                sec.level,
                format!("{}{}", sec.marker, sec.heading),
            ));
            out.extend(sec.paragraphs.iter().cloned().map(Line::Paragraph));
            walk(&sec.children, out);
        }
    }
    walk(&s.sections, &mut out);
    out.extend(s.closing.iter().cloned().map(Line::Paragraph));
    out
}

/// Plain text: centred-style title block, indented headings and paragraphs.
pub fn render_txt(d: &Draft) -> String {
    txt_from_lines(&lines(d))
}

pub fn txt_from_lines(lines: &[Line]) -> String {
    let mut s = String::new();
    for l in lines.iter().cloned() {
        match l {
            Line::Title(t) => {
                s.push_str(&t);
                s.push('\n');
            }
            Line::Byline(t) => {
                s.push_str(&t);
                s.push_str("\n\n");
            }
            Line::Salutation(t) => {
                s.push_str(&t);
                s.push('\n');
            }
            Line::Heading(_, t) | Line::Paragraph(t) => {
                s.push_str(INDENT);
                s.push_str(&t);
                s.push('\n');
            }
        }
    }
    s
}

/// Markdown: the title as `#`, headings as `##`/`###`, paragraphs separated by blank lines.
pub fn md_from_lines(lines: &[Line]) -> String {
    let mut s = String::new();
    for l in lines {
        match l {
            Line::Title(t) => s.push_str(&format!("# {t}\n\n")),
            Line::Byline(t) => s.push_str(&format!("*{t}*\n\n")),
            Line::Salutation(t) | Line::Paragraph(t) => s.push_str(&format!("{t}\n\n")),
            Line::Heading(level, t) => {
                s.push_str(&format!("{} {t}\n\n", "#".repeat(usize::from(*level) + 1)))
            }
        }
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TextEncoding {
    #[default]
    Utf8,
    /// For old Windows tools.
    Gb18030,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Gb18030 => "GB18030（旧版 Windows 软件）",
        }
    }

    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Self::Utf8 => text.as_bytes().to_vec(),
            // GB18030 covers all of Unicode: nothing is lost.
            Self::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        }
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Txt,
    Md,
    Docx,
}

/// Writes lines in a format; `large` gives the podium copy (Word only).
pub fn write_lines(
    lines: &[Line],
    path: &Path,
    format: Format,
    large: bool,
    enc: TextEncoding,
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("{}: 无法写入：{e}", path.display());
    match format {
        Format::Txt => {
            crate::core::fsutil::write_atomic(path, &enc.encode(&txt_from_lines(lines))).map_err(io)
        }
        Format::Md => {
            crate::core::fsutil::write_atomic(path, md_from_lines(lines).as_bytes()).map_err(io)
        }
        Format::Docx => {
            let layout = if large {
                crate::core::docx_write::Layout::large()
            } else {
                crate::core::docx_write::Layout::standard(28.0)
            };
            crate::core::docx_write::write(lines, path, layout)
        }
    }
}
