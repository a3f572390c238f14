//! The Word copy, read back from its XML: GB/T 9704 layout, document grid, page numbers,
//! document properties, schema order of properties, byline and run-in points.

use std::path::Path;
use std::process::Command;

use jianggao::core::draft::{BlockKind, Draft, Numbering};
use jianggao::core::export::docx_write::PageNumbers;
use jianggao::core::export::{self, ExportOptions, Format, TextEncoding};
use jianggao::core::parse::read::read_file;
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::deliver::{sample_draft, zip_part};
use crate::fixtures::bin;

pub fn export_docx(
    lines: &[export::lines::Line],
    dir: &Path,
    opts: &ExportOptions,
) -> std::path::PathBuf {
    let out = dir.join("讲话.docx");
    export::write(lines, &out, Format::Docx, opts).unwrap();
    out
}

/// A paragraph as read back: its properties and its runs (East Asian font, text).
#[derive(Debug, Default)]
struct Para {
    jc: Option<String>,
    first_line: Option<String>,
    runs: Vec<(String, String)>,
}

impl Para {
    fn text(&self) -> String {
        self.runs.iter().map(|(_, t)| t.as_str()).collect()
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}

/// The body paragraphs of a document.xml, in order.
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut r = Reader::from_str(xml);
    let mut out: Vec<Para> = Vec::new();
    let mut font = String::new();
    let mut in_t = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "w:p" => out.push(Para::default()),
                    "w:jc" => out.last_mut().unwrap().jc = attr(&e, "w:val"),
                    "w:ind" => out.last_mut().unwrap().first_line = attr(&e, "w:firstLine"),
                    "w:rFonts" => font = attr(&e, "w:eastAsia").unwrap_or_default(),
                    "w:t" => in_t = true,
                    _ => {}
                }
            }
            Event::Text(t) if in_t => {
                let text = t.xml10_content().into_owned();
                out.last_mut().unwrap().runs.push((font.clone(), text));
            }
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Every value of `attribute` on elements named `element`.
fn attrs(xml: &str, element: &str, attribute: &str) -> Vec<String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element => {
                out.extend(attr(&e, attribute));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn one_attr(xml: &str, element: &str, attribute: &str) -> i64 {
    let v = attrs(xml, element, attribute);
    assert_eq!(v.len(), 1, "{element} {attribute}: {v:?}");
    v[0].parse().unwrap()
}

#[test]
fn docx_has_the_official_layout() {
    let dir = tempfile::tempdir().unwrap();
    let d = sample_draft();
    let out = export_docx(
        &export::lines::lines(&d),
        dir.path(),
        &ExportOptions::default(),
    );
    let doc = zip_part(&out, "word/document.xml");
    // A4 and the 37/35/28/26 mm margins, in twips.
    assert_eq!(one_attr(&doc, "w:pgSz", "w:w"), 11906);
    assert_eq!(one_attr(&doc, "w:pgSz", "w:h"), 16838);
    for (side, twips) in [
        ("top", 2098),
        ("bottom", 1984),
        ("left", 1587),
        ("right", 1474),
    ] {
        assert_eq!(
            one_attr(&doc, "w:pgMar", &format!("w:{side}")),
            twips,
            "{side}"
        );
    }
    // Fonts: every run names its East Asian face and Times New Roman; sizes in half-points.
    let faces = attrs(&doc, "w:rFonts", "w:eastAsia");
    for face in ["方正小标宋简体", "楷体_GB2312", "黑体", "仿宋_GB2312"] {
        assert!(faces.iter().any(|f| f == face), "{face}");
    }
    assert!(
        attrs(&doc, "w:sz", "w:val").iter().any(|v| v == "44"),
        "title 2号"
    );
    let runs = doc.matches("<w:r>").count();
    assert_eq!(
        attrs(&doc, "w:rFonts", "w:ascii").len(),
        runs,
        "every run sets its fonts"
    );
    assert!(
        attrs(&doc, "w:rFonts", "w:ascii")
            .iter()
            .all(|f| f == "Times New Roman")
    );
    for xml in [&doc, &zip_part(&out, "word/styles.xml")] {
        assert!(!xml.contains("Theme=\""), "no theme fonts");
    }
    // Fixed 28 pt lines, two-character first-line indent of 3号 text.
    assert!(
        attrs(&doc, "w:spacing", "w:line")
            .iter()
            .all(|v| v == "560")
    );
    assert!(
        attrs(&doc, "w:spacing", "w:lineRule")
            .iter()
            .all(|v| v == "exact")
    );
    assert!(
        attrs(&doc, "w:ind", "w:firstLine")
            .iter()
            .any(|v| v == "640")
    );
    // Numbered headings in order.
    let one = doc.find("一、要突出政治引领").unwrap();
    let sub = doc.find("（一）要提高政治站位").unwrap();
    assert!(one < sub);
    // Our own reader gives back the same paragraphs.
    let back = read_file(&out).unwrap().text;
    let want: Vec<String> = export::txt_from_lines(&export::lines::lines(&d))
        .lines()
        .map(|l| l.trim_start_matches('\u{3000}').to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let got: Vec<&str> = back.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(got, want);
}

/// How many characters of `size` half-points fit a line of `width` twips, set with the
/// character spacing every body run of the document has (one value for all of them).
fn chars_a_line(doc: &str, width: i64, size: i64) -> i64 {
    let spacings: Vec<String> = attrs(doc, "w:spacing", "w:val");
    let runs = doc.matches("<w:r>").count();
    let title_runs = paragraphs(doc)[0].runs.len();
    assert_eq!(
        spacings.len(),
        runs - title_runs,
        "every body run is spaced alike"
    );
    assert!(spacings.iter().all(|v| *v == spacings[0]));
    let spacing: i64 = spacings[0].parse().unwrap();
    width / (size * 10 + spacing)
}

/// GB/T 9704: 28 characters a line and 22 lines a page of 3号 text; the page size and
/// margins give the type area.
#[test]
fn a_page_holds_28_characters_by_22_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_docx(
        &export::lines::lines(&sample_draft()),
        dir.path(),
        &ExportOptions::default(),
    );
    let doc = zip_part(&out, "word/document.xml");
    let width = one_attr(&doc, "w:pgSz", "w:w")
        - one_attr(&doc, "w:pgMar", "w:left")
        - one_attr(&doc, "w:pgMar", "w:right");
    let height = one_attr(&doc, "w:pgSz", "w:h")
        - one_attr(&doc, "w:pgMar", "w:top")
        - one_attr(&doc, "w:pgMar", "w:bottom");
    assert_eq!(chars_a_line(&doc, width, 32), 28, "characters a line");
    // The line grid and the exact 28 pt lines both give 22 lines.
    assert_eq!(attrs(&doc, "w:docGrid", "w:type"), ["lines"]);
    assert_eq!(height / one_attr(&doc, "w:docGrid", "w:linePitch"), 22);
    assert_eq!(height / 560, 22);
    // The grid's charSpace records the same pitch for Word's character grid: the default
    // size (3号) plus charSpace/4096 pt.
    let styles = zip_part(&out, "word/styles.xml");
    assert!(
        attrs(&styles, "w:sz", "w:val").iter().all(|v| v == "32"),
        "3号 default"
    );
    let char_space = one_attr(&doc, "w:docGrid", "w:charSpace") as f64;
    let pitch_twips = (16.0 + char_space / 4096.0) * 20.0;
    assert_eq!((width as f64 / pitch_twips).floor(), 28.0);
    // The large-print copy: as many whole 2号 characters and 40 pt lines as fit.
    let large = ExportOptions {
        large: true,
        ..ExportOptions::default()
    };
    let out = export_docx(&export::lines::lines(&sample_draft()), dir.path(), &large);
    let doc = zip_part(&out, "word/document.xml");
    assert_eq!(chars_a_line(&doc, width, 44), 20);
    assert_eq!(height / one_attr(&doc, "w:docGrid", "w:linePitch"), 15);
    assert!(
        attrs(&doc, "w:spacing", "w:line")
            .iter()
            .all(|v| v == "800")
    );
    assert!(!attrs(&doc, "w:sz", "w:val").iter().any(|v| v == "32"));
}

/// The footer's page number: its alignment, indents, and text around the PAGE field.
fn footer_layout(xml: &str) -> (String, Option<String>, Option<String>) {
    assert!(xml.contains("> PAGE </w:instrText>"), "{xml}");
    let texts = paragraphs(xml)[0].text();
    assert_eq!(texts, "— 1 —");
    assert!(
        attrs(xml, "w:rFonts", "w:eastAsia")
            .iter()
            .all(|f| f == "宋体")
    );
    assert!(attrs(xml, "w:sz", "w:val").iter().all(|v| v == "28"), "4号");
    (
        attrs(xml, "w:jc", "w:val").concat(),
        attrs(xml, "w:ind", "w:left").pop(),
        attrs(xml, "w:ind", "w:right").pop(),
    )
}

#[test]
fn page_numbers_sit_outside_by_default_and_centred_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let lines = export::lines::lines(&sample_draft());
    let out = export_docx(&lines, dir.path(), &ExportOptions::default());
    assert!(zip_part(&out, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let doc = zip_part(&out, "word/document.xml");
    let types = attrs(&doc, "w:footerReference", "w:type");
    let ids = attrs(&doc, "w:footerReference", "r:id");
    assert_eq!(types, ["default", "even"]);
    let rels = zip_part(&out, "word/_rels/document.xml.rels");
    let target = |id: &str| {
        let at = rels.find(&format!("Id=\"{id}\"")).unwrap();
        let t = &rels[at..];
        let t = &t[t.find("Target=\"").unwrap() + 8..];
        format!("word/{}", &t[..t.find('"').unwrap()])
    };
    // Odd pages (Word's default footer): right, one 4号 character (14 pt) in.
    let odd = footer_layout(&zip_part(&out, &target(&ids[0])));
    assert_eq!(odd, ("right".into(), None, Some("280".into())));
    let even = footer_layout(&zip_part(&out, &target(&ids[1])));
    assert_eq!(even, ("left".into(), Some("280".into()), None));

    let centred = ExportOptions {
        page_numbers: PageNumbers::Centred,
        ..ExportOptions::default()
    };
    let out = export_docx(&lines, dir.path(), &centred);
    assert!(!zip_part(&out, "word/settings.xml").contains("evenAndOddHeaders"));
    let doc = zip_part(&out, "word/document.xml");
    assert_eq!(attrs(&doc, "w:footerReference", "w:type"), ["default"]);
    let only = footer_layout(&zip_part(&out, "word/footer1.xml"));
    assert_eq!(only, ("center".into(), None, None));
}

#[test]
fn cli_page_numbers_flag_chooses_the_placement() {
    let dir = tempfile::tempdir().unwrap();
    let src = crate::fixtures::corpus_file("003_");
    for (flag, even_odd) in [("centred", false), ("outside", true)] {
        let out = dir.path().join(format!("{flag}.docx"));
        let r = bin()
            .arg("export")
            .arg(&src)
            .args(["--format", "docx", "--page-numbers", flag, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let settings = zip_part(&out, "word/settings.xml");
        assert_eq!(settings.contains("evenAndOddHeaders"), even_odd, "{flag}");
    }
}

/// W3C date-time "2026-12-01T03:04:05Z" as seconds since the epoch.
fn seconds(w3c: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(w3c)
        .unwrap_or_else(|e| panic!("{w3c}: {e}"))
        .timestamp()
}

fn core_value(core: &str, element: &str) -> String {
    let start = core
        .find(&format!("<{element}"))
        .unwrap_or_else(|| panic!("{element}"));
    let rest = &core[start..];
    let open_end = rest.find('>').unwrap() + 1;
    let close = rest.find(&format!("</{element}>")).unwrap();
    rest[open_end..close].to_string()
}

#[test]
fn document_properties_name_the_speech_its_author_and_now() {
    let dir = tempfile::tempdir().unwrap();
    let before = chrono::Utc::now().timestamp();
    let out = export_docx(
        &export::lines::lines(&sample_draft()),
        dir.path(),
        &ExportOptions::default(),
    );
    let core = zip_part(&out, "docProps/core.xml");
    assert_eq!(
        core_value(&core, "dc:title"),
        "在全市机关党建工作会议上的讲话"
    );
    assert_eq!(core_value(&core, "dc:creator"), "张三");
    for stamp in ["dcterms:created", "dcterms:modified"] {
        let t = seconds(&core_value(&core, stamp));
        assert!(
            t >= before - 1 && t <= chrono::Utc::now().timestamp() + 1,
            "{stamp}"
        );
    }
    let types = zip_part(&out, "[Content_Types].xml");
    assert!(types.contains("/docProps/core.xml") && types.contains("core-properties+xml"));
    assert!(zip_part(&out, "_rels/.rels").contains("Target=\"docProps/core.xml\""));

    // A speech file names no speaker: the user who exported it is the author.
    let src = crate::fixtures::corpus_file("003_");
    let docx = dir.path().join("speech.docx");
    let r = bin()
        .env("USER", "办公室秘书")
        .arg("export")
        .arg(&src)
        .args(["--format", "docx", "--out"])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(r.status.success());
    let core = zip_part(&docx, "docProps/core.xml");
    assert_eq!(core_value(&core, "dc:creator"), "办公室秘书");
    assert_eq!(core_value(&core, "dc:title"), "市委动员会议讲话（区）");
}

#[test]
fn title_blank_line_and_byline_as_speeches_print_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = sample_draft();
    let out = export_docx(
        &export::lines::lines(&d),
        dir.path(),
        &ExportOptions::default(),
    );
    let paras = paragraphs(&zip_part(&out, "word/document.xml"));
    assert_eq!(paras[0].text(), "在全市机关党建工作会议上的讲话");
    assert!(paras[1].runs.is_empty(), "a blank line after the title");
    // The name on its own line, a two-character name spaced; the date under it.
    assert_eq!(paras[2].text(), "张\u{3000}三");
    assert_eq!(paras[3].text(), "（2026年7月1日）");
    for p in &paras[2..4] {
        assert_eq!(p.jc.as_deref(), Some("center"));
        assert!(p.runs.iter().all(|(f, _)| f == "楷体_GB2312"));
    }
    // Three-character and longer names are printed as typed.
    assert_eq!(export::lines::byline_name("欧阳明"), "欧阳明");
    assert_eq!(export::lines::byline_name(" 李明 "), "李\u{3000}明");
    assert_eq!(export::lines::byline_name("Li"), "Li");
    // Text copies show the same block.
    let txt = export::txt_from_lines(&export::lines::lines(&d));
    assert!(
        txt.starts_with("在全市机关党建工作会议上的讲话\n\n张\u{3000}三\n（2026年7月1日）\n\n"),
        "{}",
        &txt[..120]
    );
}

/// A 讲话式 draft: a section with two points, each with a heading and a body.
fn speech_style_draft() -> Draft {
    let mut d = Draft {
        numbering: Numbering::Speech,
        ..Draft::default()
    };
    d.meta.title = "在学习交流会上的讲话".into();
    let sec = d.insert_blank(BlockKind::Section, None);
    let p1 = d.insert_blank(BlockKind::Point, None);
    let p2 = d.insert_blank(BlockKind::Point, None);
    for (id, heading, body) in [
        (sec, "要提高认识", "认识到位，行动才能到位。"),
        (p1, "加强学习", "要把学习摆在突出位置。\n要学深悟透。"),
        (p2, "要抓好落实，", "以钉钉子精神抓落实。"),
    ] {
        let b = d.blocks.iter_mut().find(|b| b.id == id).unwrap();
        b.heading = heading.into();
        b.body = body.into();
    }
    d
}

#[test]
fn speech_style_points_run_into_their_paragraph() {
    let d = speech_style_draft();
    let dir = tempfile::tempdir().unwrap();
    let out = export_docx(
        &export::lines::lines(&d),
        dir.path(),
        &ExportOptions::default(),
    );
    let paras = paragraphs(&zip_part(&out, "word/document.xml"));
    let texts: Vec<String> = paras.iter().map(Para::text).collect();
    assert!(texts.contains(&"第一，要提高认识".to_string()), "{texts:?}");
    let one = paras.iter().find(|p| p.text().starts_with("一是")).unwrap();
    assert_eq!(one.text(), "一是加强学习。要把学习摆在突出位置。");
    assert_eq!(one.runs[0], ("楷体_GB2312".into(), "一是加强学习。".into()));
    assert_eq!(one.runs[1].0, "仿宋_GB2312");
    assert_eq!(one.first_line.as_deref(), Some("640"));
    assert!(texts.contains(&"要学深悟透。".to_string()));
    // A heading that ends in punctuation keeps it and gets no 。 of its own.
    assert!(texts.contains(&"二是要抓好落实，以钉钉子精神抓落实。".to_string()));
    assert!(
        !texts
            .iter()
            .any(|t| t == "一是加强学习" || t == "一是加强学习。")
    );
    // The official numbering keeps points as heading lines.
    let mut official = d.clone();
    official.numbering = Numbering::Official;
    let txt = export::txt_from_lines(&export::lines::lines(&official));
    assert!(txt.contains("\u{3000}\u{3000}（一）加强学习\n"));
    let txt = export::txt_from_lines(&export::lines::lines(&d));
    assert!(txt.contains("\u{3000}\u{3000}一是加强学习。要把学习摆在突出位置。\n"));
}

#[test]
fn run_in_points_of_a_parsed_speech_join_their_paragraph_again() {
    let raw = "在学习交流会上的讲话\n\n同志们：\n今天召开会议。\n一、提高认识\n一是加强学习。要把学习摆在突出位置，学深悟透。\n二是抓好落实。以钉钉子精神抓落实，久久为功。\n";
    let s = jianggao::core::parse::pipeline::parse_text("t.txt", "UTF-8", raw);
    let lines = export::lines::speech_lines(&s);
    let txt = export::txt_from_lines(&lines);
    assert!(
        txt.contains("一是加强学习。要把学习摆在突出位置，学深悟透。\n"),
        "{txt}"
    );
    assert!(!txt.contains("一是加强学习\n"), "{txt}");
}

#[test]
fn docx_converts_to_pdf_where_libreoffice_exists() {
    let Some(soffice) = ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
    else {
        eprintln!("LibreOffice 未安装：跳过 PDF 转换");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("speech.docx");
    export::write_lines(
        &export::lines::lines(&sample_draft()),
        &docx,
        Format::Docx,
        false,
        TextEncoding::Utf8,
    )
    .unwrap();
    let home = dir.path().join("lo-home");
    let st = Command::new(soffice)
        .env("HOME", &home)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let pdf = std::fs::read(dir.path().join("speech.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // A4 pages: 595 × 842 points.
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox[0 0 595") || text.contains("/MediaBox [0 0 595"),
        "A4 media box"
    );
}
