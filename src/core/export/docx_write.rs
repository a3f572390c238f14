//! Word export in 讲话稿 layout after GB/T 9704-2012.
//!
//! A4; margins 37/35/28/26 mm, so the type area is 156 × 225 mm, holding 28 characters ×
//! 22 lines of 3号 (16 pt) text (a line grid, characters set 0.25 pt closer); title
//! 方正小标宋简体 2号 centred, then a blank line; the speaker's name and the date on lines of their own, centred, 楷体_GB2312 3号;
//! salutation and body 仿宋_GB2312 3号 with a two-character first-line indent; level-1
//! headings 黑体, level-2 楷体_GB2312, deeper ones 仿宋 bold; 讲话式 points run into their
//! paragraph with the lead in 楷体; fixed line spacing; page numbers "— 1 —" in 4号宋体,
//! odd pages right and even pages left one character in (or all centred). Every run names
//! its East Asian font and Times New Roman for Latin and digits, and the document defaults
//! do too. The package around the body is in `docx_package`.

use std::path::Path;

use crate::core::export::docx_package::{self as pkg, Contents, Properties, R_NS, W_NS, esc};
use crate::core::export::lines::{Line, byline_name};

/// Where the page numbers of a Word copy go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageNumbers {
    /// GB/T 9704: odd pages at the right, even pages at the left, one character in.
    #[default]
    Outside,
    /// Every page centred.
    Centred,
}

impl PageNumbers {
    pub const ALL: [PageNumbers; 2] = [Self::Outside, Self::Centred];

    pub fn label(self) -> &'static str {
        match self {
            Self::Outside => "单页居右、双页居左（GB/T 9704）",
            Self::Centred => "居中",
        }
    }
}

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

/// A4 in twips.
pub const PAGE_W: i32 = 11906;
pub const PAGE_H: i32 = 16838;
/// GB/T 9704 margins in millimetres: top, bottom, left (binding side), right.
const MARGINS_MM: [f64; 4] = [37.0, 35.0, 28.0, 26.0];

/// Layout choices: the normal copy, or the 大字版 podium copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub title_size: usize,
    pub body_size: usize,
    /// Fixed line spacing in points.
    pub line_pt: f64,
    /// The document grid: characters a line, lines a page.
    pub chars_per_line: u32,
    pub lines_per_page: u32,
}

impl Layout {
    /// GB/T 9704: 3号 body, 28 characters × 22 lines a page.
    pub fn standard(line_pt: f64) -> Self {
        Layout {
            title_size: SIZE_2,
            body_size: SIZE_3,
            line_pt,
            chars_per_line: 28,
            lines_per_page: 22,
        }
    }

    /// Podium copy: body in 2号 (22 pt), title 小初 (36 pt), 40 pt lines; as many whole
    /// characters and lines as the type area holds (156 mm / 22 pt, 225 mm / 40 pt).
    pub fn large() -> Self {
        Layout {
            title_size: 72,
            body_size: SIZE_2,
            line_pt: 40.0,
            chars_per_line: 20,
            lines_per_page: 15,
        }
    }

    /// w:docGrid's linePitch (twips) and charSpace: Word's character pitch is the default
    /// font size plus charSpace/4096 pt, and must not exceed the width / characters, or a
    /// line holds one character fewer (16 pt over 156 mm gives 27 without it).
    pub fn grid(&self) -> (i32, i32) {
        let (w, h) = type_area();
        let line_pitch = h / self.lines_per_page as i32;
        let pitch_pt = f64::from(w) / f64::from(self.chars_per_line) / 20.0;
        let body_pt = self.body_size as f64 / 2.0;
        let char_space = ((pitch_pt - body_pt) * 4096.0).floor() as i32;
        (line_pitch, char_space)
    }

    /// w:spacing of body text in twips (negative condenses): the whole-twip character
    /// pitch that puts `chars_per_line` characters on a line, less the type size. The
    /// grid alone cannot do it: LibreOffice gives a character wider than a grid cell two
    /// cells (14 a line, measured with LibreOffice 7.4) where Word squeezes it, so the grid
    /// is a line grid and the characters are set 0.25 pt closer, which both honour.
    pub fn char_spacing(&self) -> i32 {
        let (w, _) = type_area();
        w / self.chars_per_line as i32 - (self.body_size * 10) as i32
    }

    fn line_twips(&self) -> i32 {
        (self.line_pt * 20.0).round() as i32
    }

    /// Two characters of body text, in twips (half-points × 10 = twips a character).
    fn indent(&self) -> i32 {
        (self.body_size * 10 * 2) as i32
    }
}

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// Width and height of the type area in twips.
pub fn type_area() -> (i32, i32) {
    let [top, bottom, left, right] = MARGINS_MM.map(mm);
    (PAGE_W - left - right, PAGE_H - top - bottom)
}

fn run_fonts(east_asia: &str, latin: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="{latin}" w:eastAsia="{east_asia}" w:hAnsi="{latin}" w:cs="{latin}"/>"#
    )
}

/// How a run is set.
#[derive(Clone, Copy)]
struct Face<'a> {
    font: &'a str,
    latin: &'a str,
    size: usize,
    bold: bool,
    /// Character spacing in twips, 0 for none.
    spacing: i32,
}

impl<'a> Face<'a> {
    fn new(font: &'a str, size: usize) -> Self {
        Face {
            font,
            latin: LATIN,
            size,
            bold: false,
            spacing: 0,
        }
    }

    /// Body text of the layout: its size and its character spacing.
    fn body(font: &'a str, l: &Layout) -> Self {
        Face {
            spacing: l.char_spacing(),
            ..Face::new(font, l.body_size)
        }
    }

    /// The run's properties, in schema order: rFonts, b, bCs, spacing, sz, szCs.
    fn rpr(&self) -> String {
        let b = if self.bold { "<w:b/><w:bCs/>" } else { "" };
        let spacing = match self.spacing {
            0 => String::new(),
            v => format!(r#"<w:spacing w:val="{v}"/>"#),
        };
        let size = self.size;
        format!(
            r#"<w:rPr>{}{b}{spacing}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#,
            run_fonts(self.font, self.latin)
        )
    }

    fn run(&self, text: &str) -> String {
        format!(
            r#"<w:r>{}<w:t xml:space="preserve">{}</w:t></w:r>"#,
            self.rpr(),
            esc(text)
        )
    }
}

/// Paragraph properties; `xml` writes them in the CT_PPrBase sequence.
#[derive(Default)]
struct PPr {
    /// Off for text that is not body size (title, page number): on the grid a 2号
    /// character would take two cells.
    off_grid: bool,
    line: Option<i32>,
    left: Option<i32>,
    right: Option<i32>,
    first_line: Option<i32>,
    jc: Option<&'static str>,
    outline: Option<u8>,
}

impl PPr {
    fn xml(&self) -> String {
        let mut s = String::from("<w:pPr>");
        if self.off_grid {
            s.push_str(r#"<w:snapToGrid w:val="0"/>"#);
        }
        if let Some(l) = self.line {
            s.push_str(&format!(r#"<w:spacing w:line="{l}" w:lineRule="exact"/>"#));
        }
        if self.left.is_some() || self.right.is_some() || self.first_line.is_some() {
            s.push_str("<w:ind");
            for (attr, v) in [
                ("left", self.left),
                ("right", self.right),
                ("firstLine", self.first_line),
            ] {
                if let Some(v) = v {
                    s.push_str(&format!(r#" w:{attr}="{v}""#));
                }
            }
            s.push_str("/>");
        }
        if let Some(jc) = self.jc {
            s.push_str(&format!(r#"<w:jc w:val="{jc}"/>"#));
        }
        if let Some(o) = self.outline {
            s.push_str(&format!(r#"<w:outlineLvl w:val="{o}"/>"#));
        }
        s.push_str("</w:pPr>");
        s
    }
}

fn para(ppr: PPr, runs: &str) -> String {
    format!("<w:p>{}{runs}</w:p>", ppr.xml())
}

/// One line of the speech as a w:p.
fn paragraph(line: &Line, l: &Layout) -> String {
    let line_spacing = Some(l.line_twips());
    let centred = |off_grid| PPr {
        off_grid,
        line: line_spacing,
        jc: Some("center"),
        ..PPr::default()
    };
    let indented = |outline| PPr {
        line: line_spacing,
        first_line: Some(l.indent()),
        jc: Some("both"),
        outline,
        ..PPr::default()
    };
    let body = |font| Face::body(font, l);
    match line {
        Line::Title(t) => para(centred(true), &Face::new(TITLE_FONT, l.title_size).run(t)),
        Line::Speaker(name) => para(centred(false), &body(KAI).run(&byline_name(name))),
        Line::Byline(t) => para(centred(false), &body(KAI).run(t)),
        Line::Blank => para(
            PPr {
                line: line_spacing,
                ..PPr::default()
            },
            "",
        ),
        Line::Salutation(t) => para(
            PPr {
                line: line_spacing,
                ..PPr::default()
            },
            &body(FANG).run(t),
        ),
        Line::Heading(1, t) => para(indented(Some(0)), &body(HEI).run(t)),
        Line::Heading(2, t) => para(indented(Some(1)), &body(KAI).run(t)),
        Line::Heading(n, t) => {
            let bold = Face {
                bold: true,
                ..body(FANG)
            };
            para(indented(Some(n - 1)), &bold.run(t))
        }
        Line::RunIn(lead, t) => {
            let mut runs = body(KAI).run(lead);
            if !t.is_empty() {
                runs.push_str(&body(FANG).run(t));
            }
            para(indented(None), &runs)
        }
        Line::Paragraph(t) => para(indented(None), &body(FANG).run(t)),
    }
}

/// "— 1 —" in 4号宋体, the number a PAGE field, at `jc`, indented by `left`/`right`.
fn footer(jc: &'static str, left: Option<i32>, right: Option<i32>) -> String {
    let r = Face {
        latin: SONG,
        ..Face::new(SONG, SIZE_4)
    }
    .rpr();
    let text = |t: &str| format!(r#"<w:r>{r}<w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let field = |inner: &str| format!("<w:r>{r}{inner}</w:r>");
    let runs = [
        text("— "),
        field(r#"<w:fldChar w:fldCharType="begin"/>"#),
        field(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        field(r#"<w:fldChar w:fldCharType="separate"/>"#),
        text("1"),
        field(r#"<w:fldChar w:fldCharType="end"/>"#),
        text(" —"),
    ]
    .concat();
    let ppr = PPr {
        off_grid: true,
        left,
        right,
        jc: Some(jc),
        ..PPr::default()
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{}</w:ftr>"#,
        para(ppr, &runs)
    )
}

/// The footers and their w:footerReference types. GB/T 9704 7.5: odd pages right and
/// even pages left, one character (of the 4号 number, 14 pt) in from the type area.
fn footers(p: PageNumbers) -> Vec<(String, &'static str)> {
    let one_char = (SIZE_4 * 10) as i32;
    match p {
        PageNumbers::Outside => vec![
            (footer("right", None, Some(one_char)), "default"),
            (footer("left", Some(one_char), None), "even"),
        ],
        PageNumbers::Centred => vec![(footer("center", None, None), "default")],
    }
}

/// w:sectPr in the CT_SectPr sequence: footer references, pgSz, pgMar, cols, docGrid.
/// The grid is a line grid (see [`Layout::char_spacing`]); its charSpace still records the
/// 28-character pitch, which Word's page setup shows when the character grid is turned on.
fn section(l: &Layout, footer_types: &[&str]) -> String {
    let [top, bottom, left, right] = MARGINS_MM.map(mm);
    let mut s = String::from("<w:sectPr>");
    for (i, ty) in footer_types.iter().enumerate() {
        s.push_str(&format!(
            r#"<w:footerReference w:type="{ty}" r:id="{}"/>"#,
            pkg::footer_rel_id(i + 1)
        ));
    }
    let (line_pitch, char_space) = l.grid();
    s.push_str(&format!(
        r#"<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{}" w:footer="{}" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{line_pitch}" w:charSpace="{char_space}"/></w:sectPr>"#,
        mm(15.0),
        mm(24.0)
    ));
    s
}

/// The text of the title lines, for the document properties.
fn title_of(speech: &[Line]) -> String {
    speech
        .iter()
        .filter_map(|l| match l {
            Line::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

/// The speaker named in the byline, if any.
fn speaker_of(speech: &[Line]) -> Option<&str> {
    speech.iter().find_map(|l| match l {
        Line::Speaker(s) => Some(s.as_str()),
        _ => None,
    })
}

/// The whole package as (part name, XML) pairs.
pub fn parts(speech: &[Line], l: Layout, pages: PageNumbers) -> Vec<(String, String)> {
    let footers = footers(pages);
    let types: Vec<&str> = footers.iter().map(|(_, t)| *t).collect();
    let mut document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#
    );
    for line in speech {
        document.push_str(&paragraph(line, &l));
    }
    document.push_str(&section(&l, &types));
    document.push_str("</w:body></w:document>");
    let footer_xml: Vec<String> = footers.into_iter().map(|(x, _)| x).collect();
    let properties = Properties::now(&title_of(speech), speaker_of(speech));
    pkg::parts(&Contents {
        document: &document,
        footers: &footer_xml,
        even_and_odd: pages == PageNumbers::Outside,
        run_fonts: &run_fonts(FANG, LATIN),
        body_size: l.body_size,
        properties: &properties,
    })
}

/// Writes the .docx atomically.
pub fn write(speech: &[Line], path: &Path, l: Layout, pages: PageNumbers) -> Result<(), String> {
    let bytes =
        pkg::zip(&parts(speech, l, pages)).map_err(|e| format!("无法生成 Word 文档：{e}"))?;
    crate::core::fsutil::write_atomic(path, &bytes)
        .map_err(|e| format!("{}: 无法写入：{e}", path.display()))
}
