//! Word export in 讲话稿 layout after GB/T 9704-2012 practice, with docx-rs.
//!
//! A4; margins 37/35/28/26 mm; title 方正小标宋简体 2号 centred; byline 楷体_GB2312 3号
//! centred; salutation and body 仿宋_GB2312 3号 with a two-character first-line indent;
//! level-1 headings 黑体, level-2 楷体_GB2312, deeper ones 仿宋 bold; fixed line spacing;
//! page numbers "— 1 —" in 4号宋体 at the foot. Every run names its East Asian font and
//! Times New Roman for Latin and digits, and the document defaults do too: with theme
//! fonts left in, Word falls back to MS Mincho for Chinese.

use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};

use crate::core::export::Line;

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 56.692_913;
const LATIN: &str = "Times New Roman";
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const KAI: &str = "楷体_GB2312";
pub const FANG: &str = "仿宋_GB2312";
pub const HEI: &str = "黑体";
pub const SONG: &str = "宋体";

/// Type sizes in half-points (Word's unit): 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt.
pub const SIZE_2: usize = 44;
pub const SIZE_3: usize = 32;
pub const SIZE_4: usize = 28;

/// Layout choices: the normal copy, or the 大字版 podium copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub title_size: usize,
    pub body_size: usize,
    /// Fixed line spacing in points.
    pub line_pt: f64,
}

impl Layout {
    pub fn standard(line_pt: f64) -> Self {
        Layout {
            title_size: SIZE_2,
            body_size: SIZE_3,
            line_pt,
        }
    }

    /// Podium copy: body in 2号 (22 pt), title 小初 (36 pt), 40 pt lines.
    pub fn large() -> Self {
        Layout {
            title_size: 72,
            body_size: SIZE_2,
            line_pt: 40.0,
        }
    }
}

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn spacing(l: &Layout) -> LineSpacing {
    LineSpacing::new()
        .line((l.line_pt * 20.0).round() as i32)
        .line_rule(LineSpacingType::Exact)
}

fn centred(text: &str, font: &str, size: usize, l: &Layout) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(spacing(l))
        .add_run(run(text, font, size))
}

/// A body-style paragraph: justified, first line indented by two characters.
fn indented(r: Run, l: &Layout) -> Paragraph {
    // Two characters of the body size, in twips (half-points × 10 = twips per character).
    let indent = (l.body_size * 10 * 2) as i32;
    Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(spacing(l))
        .indent(None, Some(SpecialIndentType::FirstLine(indent)), None, None)
        .add_run(r)
}

/// "— 1 —" centred in the footer, the number a PAGE field.
fn page_number_footer() -> Footer {
    let f = || fonts(SONG);
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text("— ").fonts(f()).size(SIZE_4))
        .add_run(
            Run::new()
                .fonts(f())
                .size(SIZE_4)
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                .add_field_char(FieldCharType::Separate, false)
                .add_text("1")
                .add_field_char(FieldCharType::End, false),
        )
        .add_run(Run::new().add_text(" —").fonts(f()).size(SIZE_4));
    Footer::new().add_paragraph(p)
}

/// The speech as a Word document.
pub fn build(speech: &[Line], l: Layout) -> Docx {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(24.0)),
        )
        .default_fonts(fonts(FANG))
        .default_size(l.body_size)
        .footer(page_number_footer());
    for line in speech.iter().cloned() {
        let p = match line {
            Line::Title(t) => centred(&t, TITLE_FONT, l.title_size, &l),
            Line::Byline(t) => centred(&t, KAI, l.body_size, &l),
            Line::Salutation(t) => {
                Paragraph::new()
                    .line_spacing(spacing(&l))
                    .add_run(run(&t, FANG, l.body_size))
            }
            Line::Heading(1, t) => indented(run(&t, HEI, l.body_size), &l),
            Line::Heading(2, t) => indented(run(&t, KAI, l.body_size), &l),
            Line::Heading(_, t) => indented(run(&t, FANG, l.body_size).bold(), &l),
            Line::Paragraph(t) => indented(run(&t, FANG, l.body_size), &l),
        };
        doc = doc.add_paragraph(p);
    }
    doc
}

/// Writes the .docx atomically.
pub fn write(speech: &[Line], path: &Path, l: Layout) -> Result<(), String> {
    let mut buf = std::io::Cursor::new(Vec::new());
    build(speech, l)
        .build()
        .pack(&mut buf)
        .map_err(|e| format!("无法生成 Word 文档：{e}"))?;
    crate::core::fsutil::write_atomic(path, buf.get_ref())
        .map_err(|e| format!("{}: 无法写入：{e}", path.display()))
}
