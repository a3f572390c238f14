//! Reading files: encodings, line endings, Word documents, bad files, and the CLI contract.

use std::path::Path;

use jianggao::core::parse::pipeline::{parse_file, parse_text};
use jianggao::core::parse::read::{decode_bytes, read_file};

use crate::fixtures::bin;

const SPEECH: &str = "在全区组织工作会议上的讲话\n同志们：\n今天我们召开会议，部署全年工作。下面，我讲两点意见。\n一、提高认识\n要统一思想。\n二、狠抓落实\n要真抓实干。\n同志们，让我们共同努力！\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn check_speech(s: &jianggao::core::parse::speech::Speech) {
    assert_eq!(s.title.as_deref(), Some("在全区组织工作会议上的讲话"));
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(s.sections.len(), 2);
    assert_eq!(s.sections[1].heading, "狠抓落实");
    assert_eq!(s.closing, vec!["同志们，让我们共同努力！"]);
}

#[test]
fn gbk_text_is_detected_and_decoded() {
    let (bytes, _, _) = encoding_rs::GBK.encode(SPEECH);
    let d = decode_bytes(&bytes).unwrap();
    assert_eq!(d.encoding, "gb18030");
    assert_eq!(d.text, SPEECH);
    check_speech(&parse_text("x", &d.encoding, &d.text));
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in SPEECH.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    let d = decode_bytes(&le).unwrap();
    assert_eq!((d.encoding.as_str(), d.text.as_str()), ("utf-16le", SPEECH));
    let d = decode_bytes(&be).unwrap();
    assert_eq!((d.encoding.as_str(), d.text.as_str()), ("utf-16be", SPEECH));
}

#[test]
fn utf8_with_bom_crlf_and_odd_spaces() {
    let text = format!(
        "\u{FEFF}{}",
        SPEECH
            .replace('\n', "\r\n")
            .replace("同志们：\r\n", "\u{3000}\u{3000}同志们：\u{200B}\r\n")
            .replace("要统一思想", "要统一\u{00A0}思想")
    );
    let d = decode_bytes(text.as_bytes()).unwrap();
    assert_eq!(d.encoding, "utf-8");
    let s = parse_text("x", &d.encoding, &d.text);
    check_speech(&s);
    assert_eq!(s.sections[0].paragraphs, vec!["要统一 思想。"]);
}

#[test]
fn empty_and_binary_files_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "空白.txt", b" \r\n\n");
    let binary = write(
        dir.path(),
        "图片.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3, 0xFF, 0],
    );
    let e = read_file(&empty).unwrap_err().to_string();
    assert!(e.contains("空白.txt") && e.contains("文件为空"), "{e}");
    let e = read_file(&binary).unwrap_err().to_string();
    assert!(e.contains("图片.txt") && e.contains("二进制"), "{e}");
    let missing = dir.path().join("不存在.txt");
    let e = read_file(&missing).unwrap_err().to_string();
    assert!(e.contains("不存在.txt"), "{e}");
    let fake_docx = write(dir.path(), "坏.docx", b"not a zip at all");
    let e = read_file(&fake_docx).unwrap_err().to_string();
    assert!(e.contains("坏.docx") && e.contains("Word"), "{e}");
}

/// A .docx made by a real Word writer (docx-rs), with the text split across runs.
pub fn make_docx(path: &Path, paragraphs: &[&str]) {
    use docx_rs::{Docx, Paragraph, Run};
    let mut doc = Docx::new();
    for p in paragraphs {
        let mid = p
            .char_indices()
            .nth(p.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(&p[..mid]))
                .add_run(Run::new().add_text(&p[mid..])),
        );
    }
    let file = std::fs::File::create(path).unwrap();
    doc.build().pack(file).unwrap();
}

#[test]
fn docx_paragraphs_are_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("讲话.docx");
    let paras: Vec<&str> = SPEECH.lines().collect();
    make_docx(&path, &paras);
    let d = read_file(&path).unwrap();
    assert_eq!(d.encoding, "docx");
    assert_eq!(d.text.lines().collect::<Vec<_>>(), paras);
    check_speech(&parse_file(&path).unwrap());
}

#[test]
fn cli_json_contract_for_one_file() {
    let path = crate::fixtures::corpus_file("004_");
    let out = bin()
        .arg("parse")
        .arg("--json")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "source",
        "encoding",
        "title",
        "subtitle",
        "byline",
        "salutation",
        "opening",
        "sections",
        "closing",
        "dropped",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    let sec = &v["sections"][0];
    let mut sec_keys: Vec<&str> = sec
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    sec_keys.sort();
    assert_eq!(
        sec_keys,
        vec!["children", "heading", "level", "marker", "paragraphs"]
    );
    assert_eq!(sec["marker"], "一、");
    assert_eq!(sec["level"], 1);
    assert_eq!(sec["children"][0]["level"], 2);
    assert_eq!(v["dropped"][0]["line"], 1);
    assert!(v["dropped"][0]["reason"].as_str().is_some());
    assert_eq!(v["subtitle"], serde_json::Value::Null);
}

#[test]
fn cli_reports_bad_files_and_still_parses_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let good = crate::fixtures::corpus_file("001_");
    let out = bin()
        .args(["parse", "--json"])
        .arg(&empty)
        .arg(&good)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("empty.txt") && err.contains("文件为空"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["title"], "在机关党建半年工作会上的讲话");
}

#[test]
fn cli_readable_outline_is_indented() {
    let out = bin()
        .arg("parse")
        .arg(crate::fixtures::corpus_file("002_"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("标题：在2024年机关党建工作质量提升推进会上的讲话稿"));
    assert!(text.contains("\n  一、要突出政治引领，彰显政治优势"));
    assert!(text.contains("\n    （一）要提高政治站位，强化责任担当"));
    assert!(text.contains("[网页导航路径]"));
}

/// Word's automatic list numbering (w:numPr) is not in the text: the reader rebuilds the
/// markers from numbering.xml, so the outline still finds the sections.
#[test]
fn docx_automatic_numbering_becomes_markers() {
    use docx_rs::{
        AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
        NumberingId, Paragraph, Run, Start,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自动编号.docx");
    let numbered = |text: &str, lvl: usize| {
        Paragraph::new()
            .add_run(Run::new().add_text(text))
            .numbering(NumberingId::new(2), IndentLevel::new(lvl))
    };
    let plain = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let doc = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(1)
                .add_level(Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("chineseCounting"),
                    LevelText::new("%1、"),
                    LevelJc::new("left"),
                ))
                .add_level(Level::new(
                    1,
                    Start::new(1),
                    NumberFormat::new("chineseCounting"),
                    LevelText::new("（%2）"),
                    LevelJc::new("left"),
                )),
        )
        .add_numbering(Numbering::new(2, 1))
        .add_paragraph(plain("在全区党建工作会议上的讲话"))
        .add_paragraph(plain("同志们："))
        .add_paragraph(plain("今天召开会议，部署工作。下面，我讲两点意见。"))
        .add_paragraph(numbered("提高认识", 0))
        .add_paragraph(numbered("统一思想。要把思想统一到部署上来。", 1))
        .add_paragraph(numbered("明确任务。要抓好各项任务。", 1))
        .add_paragraph(numbered("狠抓落实", 0))
        .add_paragraph(numbered("压实责任。层层抓落实。", 1))
        .add_paragraph(numbered("加强督查。定期督查。", 1));
    doc.build()
        .pack(std::fs::File::create(&path).unwrap())
        .unwrap();
    let text = read_file(&path).unwrap().text;
    assert!(text.contains("\n一、提高认识\n（一）统一思想。"), "{text}");
    assert!(
        text.contains("\n二、狠抓落实\n（一）压实责任。"),
        "numbering of the lower level restarts: {text}"
    );
    let s = parse_file(&path).unwrap();
    assert_eq!(s.sections.len(), 2);
    assert_eq!(s.sections[1].children[1].heading, "加强督查");
}
