//! Writing a draft out: plain text, Markdown and Word (`docx_write`), all laid out from
//! the one sequence of lines `lines` renders.

pub mod docx_package;
pub mod docx_write;
pub mod lines;

use std::path::Path;

use crate::core::draft::Draft;
use crate::core::export::docx_write::PageNumbers;
use crate::core::export::lines::{INDENT, Line, byline_name, lines};

/// Plain text: centred-style title block, indented headings and paragraphs.
pub fn render_txt(d: &Draft) -> String {
    txt_from_lines(&lines(d))
}

pub fn txt_from_lines(lines: &[Line]) -> String {
    let mut s = String::new();
    for (text, _) in txt_lines(lines) {
        s.push_str(&text);
        s.push('\n');
    }
    s
}

/// The text export line by line, each with the line of the speech it shows (`None` for
/// the blank that closes the byline block): what the preview lays out.
pub fn txt_lines(lines: &[Line]) -> Vec<(String, Option<&Line>)> {
    let mut out = Vec::with_capacity(lines.len() + 1);
    for (i, l) in lines.iter().enumerate() {
        let text = match l {
            Line::Title(t) | Line::Salutation(t) | Line::Byline(t) => t.clone(),
            Line::Speaker(name) => byline_name(name),
            Line::Blank => String::new(),
            Line::Heading(_, t) | Line::Paragraph(t) => format!("{INDENT}{t}"),
            Line::RunIn(lead, t) => format!("{INDENT}{lead}{t}"),
        };
        out.push((text, Some(l)));
        // A blank line closes the byline block, before the salutation or the body.
        let byline = matches!(l, Line::Speaker(_) | Line::Byline(_));
        let next_byline = matches!(lines.get(i + 1), Some(Line::Speaker(_) | Line::Byline(_)));
        if byline && !next_byline {
            out.push((String::new(), None));
        }
    }
    out
}

/// Markdown: the title as `#`, headings as `##`/`###`, paragraphs separated by blank lines.
pub fn md_from_lines(lines: &[Line]) -> String {
    let mut s = String::new();
    for l in lines {
        match l {
            Line::Title(t) => s.push_str(&format!("# {t}\n\n")),
            Line::Speaker(name) => s.push_str(&format!("*{}*\n\n", byline_name(name))),
            Line::Byline(t) => s.push_str(&format!("*{t}*\n\n")),
            Line::Blank => {}
            Line::Salutation(t) | Line::Paragraph(t) => s.push_str(&format!("{t}\n\n")),
            Line::RunIn(lead, t) => s.push_str(&format!("{lead}{t}\n\n")),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Md,
    Docx,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// The names the command line takes: txt, md, docx.
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "txt" => Ok(Format::Txt),
            "md" => Ok(Format::Md),
            "docx" => Ok(Format::Docx),
            _ => Err(format!("不支持的格式 {s}（可选 txt、md、docx）")),
        }
    }
}

/// How a speech is written out, besides its format.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// The podium copy (Word only).
    pub large: bool,
    /// Text files only.
    pub encoding: TextEncoding,
    /// Word only.
    pub page_numbers: PageNumbers,
}

/// Writes lines in a format; `large` gives the podium copy (Word only).
pub fn write_lines(
    lines: &[Line],
    path: &Path,
    format: Format,
    large: bool,
    encoding: TextEncoding,
) -> Result<(), String> {
    let opts = ExportOptions {
        large,
        encoding,
        ..ExportOptions::default()
    };
    write(lines, path, format, &opts)
}

/// Writes lines in a format with the given options.
pub fn write(
    lines: &[Line],
    path: &Path,
    format: Format,
    opts: &ExportOptions,
) -> Result<(), String> {
    let io = |e: std::io::Error| {
        format!(
            "{}: 无法写入：{}",
            path.display(),
            crate::core::error::io_reason(&e)
        )
    };
    match format {
        Format::Txt => {
            crate::core::fsutil::write_atomic(path, &opts.encoding.encode(&txt_from_lines(lines)))
                .map_err(io)
        }
        Format::Md => {
            crate::core::fsutil::write_atomic(path, md_from_lines(lines).as_bytes()).map_err(io)
        }
        Format::Docx => {
            let layout = if opts.large {
                crate::core::export::docx_write::Layout::large()
            } else {
                crate::core::export::docx_write::Layout::standard(28.0)
            };
            crate::core::export::docx_write::write(lines, path, layout, opts.page_numbers)
        }
    }
}
