//! Nothing a writer made is lost: hostile or odd input files, library folders that hold
//! hand-made changes, saves through links, and exports aimed at the draft itself.
//! (The window cases — recovery prompts and two windows — are in `recovery_window`.)

use std::io::Write;
use std::path::{Path, PathBuf};

use jianggao::core::draft::{BlockKind, Draft};
use jianggao::core::library::{Library, PhraseKind};
use jianggao::core::parse::read::{collect_inputs, read_file};

use crate::fixtures::{bin, corpus_dir};

/// A .docx holding exactly these parts, as a hostile or damaged file would.
fn raw_docx(path: &Path, document: &str, numbering: Option<&str>) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(document.as_bytes()).unwrap();
    if let Some(n) = numbering {
        z.start_file("word/numbering.xml", opts).unwrap();
        z.write_all(n.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn numbered_doc(ilvl: &str) -> String {
    format!(
        r#"<w:document {W}><w:body>
<w:p><w:r><w:t>同志们：</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>加强学习</w:t></w:r></w:p>
<w:p><w:r><w:t>谢谢大家。</w:t></w:r></w:p>
</w:body></w:document>"#
    )
}

fn numbering(ilvl: &str, start: &str) -> String {
    format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    )
}

/// Finding 4: list levels far beyond Word's 0–8 used to walk billions of levels.
#[test]
fn a_huge_list_level_is_ignored_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    for lvl in ["4000000000", "99999", "9"] {
        let p = dir.path().join(format!("lvl{lvl}.docx"));
        raw_docx(&p, &numbered_doc(lvl), Some(&numbering(lvl, "1")));
        let text = read_file(&p).unwrap().text;
        assert!(
            text.contains("\n加强学习\n"),
            "no number beyond level 8: {text}"
        );
    }
}

/// Finding 4: w:start of 0 or u32::MAX used to overflow.
#[test]
fn list_starts_at_the_ends_of_the_range_do_not_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [("0", "0.加强学习"), ("4294967295", "4294967295.加强学习")];
    for (start, want) in cases {
        let p = dir.path().join(format!("start{start}.docx"));
        raw_docx(&p, &numbered_doc("0"), Some(&numbering("0", start)));
        let text = read_file(&p).unwrap().text;
        assert!(text.contains(want), "start {start}: {text}");
    }
}

/// Finding 6: a document cut short used to lose its last paragraph silently.
#[test]
fn truncated_docx_xml_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("截断.docx");
    let full = numbered_doc("0");
    raw_docx(&p, &full[..full.len() - 40], None);
    let e = read_file(&p).unwrap_err().to_string();
    assert!(e.contains("截断.docx") && e.contains("截断"), "{e}");
}

/// Finding 5: Big5 is read as traditional Chinese (and says so), Shift_JIS is refused,
/// UTF-16 without a BOM is read.
#[test]
fn legacy_east_asian_encodings_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let trad = "同志們：\n今天召開全市機關黨建工作會議，主要任務是深入學習貫徹黨的二十大精神。\n謝謝大家。\n";
    let p = dir.path().join("繁体.txt");
    std::fs::write(&p, encoding_rs::BIG5.encode(trad).0).unwrap();
    let d = read_file(&p).unwrap();
    assert_eq!(d.encoding, "big5");
    assert!(d.text.contains("機關黨建工作會議"), "{}", d.text);

    let jp =
        "本日は機関の党建設工作会議を開催します。皆さんと一緒に新しい目標を確認したいと思います。";
    let p = dir.path().join("日文.txt");
    std::fs::write(&p, encoding_rs::SHIFT_JIS.encode(jp).0).unwrap();
    let e = read_file(&p).unwrap_err().to_string();
    assert!(e.contains("日文.txt") && e.contains("Shift_JIS"), "{e}");

    let simp = "同志们：\n今天召开全市机关党建工作会议，主要任务是深入学习贯彻党的二十大精神。\n谢谢大家。\n";
    let p = dir.path().join("utf16.txt");
    let bytes: Vec<u8> = simp.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&p, bytes).unwrap();
    let d = read_file(&p).unwrap();
    assert_eq!(d.encoding, "utf-16le");
    assert!(d.text.contains("机关党建工作会议"));
}

/// Finding 6: a FIFO or a device is refused at once, never read.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("管道.txt");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        let e = read_file(&fifo).unwrap_err().to_string();
        assert!(e.contains("管道.txt") && e.contains("不是普通文件"), "{e}");
    }
    let e = read_file(Path::new("/dev/zero")).unwrap_err().to_string();
    assert!(e.contains("不是普通文件"), "{e}");
    let e = Draft::load(Path::new("/dev/zero")).unwrap_err().to_string();
    assert!(e.contains("不是普通文件"), "{e}");
}

/// Finding 6: a file beyond the size limit gets a message, not a read.
#[test]
fn an_oversized_file_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("巨大.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(jianggao::core::parse::read::MAX_INPUT_BYTES + 1)
        .unwrap();
    let e = read_file(&p).unwrap_err().to_string();
    assert!(e.contains("巨大.txt") && e.contains("文件过大"), "{e}");
}

/// Finding 6: a symlink loop in a corpus folder is walked once.
#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_corpus_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("子");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("一.txt"), "同志们：\n谢谢大家。\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("回到上级")).unwrap();
    let files = collect_inputs(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 1, "{files:?}");
}

/// Finding 6: a BOM, and next_id at the end of the range.
#[test]
fn drafts_with_a_bom_or_exhausted_ids_open_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = Draft::default();
    d.insert_blank(BlockKind::Section, None);
    let p = dir.path().join("bom.ron");
    std::fs::write(&p, format!("\u{feff}{}", d.to_ron())).unwrap();
    assert_eq!(Draft::load(&p).unwrap(), d);

    let text = d
        .to_ron()
        .replace("next_id: 2", &format!("next_id: {}", u64::MAX));
    let text = text.replace("id: 1,", &format!("id: {},", u64::MAX - 1));
    let mut big = Draft::from_ron(&text, "max.ron").unwrap();
    big.insert_blank(BlockKind::Point, None);
    big.insert_blank(BlockKind::Point, None);
    let p = dir.path().join("max.ron");
    big.save(&p).unwrap();
    let back = Draft::load(&p).expect("a draft saved after id exhaustion reopens");
    assert_eq!(back.blocks.len(), 3);
}

/// Finding 6: exporting onto the draft being exported is refused; the draft is intact.
#[test]
fn export_onto_its_own_source_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("稿.ron");
    let mut d = Draft::default();
    d.insert_blank(BlockKind::Section, None);
    d.save(&p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let out = bin()
        .args(["export"])
        .arg(&p)
        .args(["--format", "txt", "--out"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("覆盖"));
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

fn corpus_copy(dir: &Path, n: usize) -> PathBuf {
    let c = dir.join("语料");
    std::fs::create_dir_all(&c).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files.iter().take(n) {
        std::fs::copy(f, c.join(f.file_name().unwrap())).unwrap();
    }
    c
}

fn mine(corpus: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .arg("mine")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Finding 3: a library folder with a broken file is never written over.
#[test]
fn mining_into_a_library_with_a_broken_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path(), 2);
    let lib = dir.path().join("库");
    assert!(mine(&corpus, &lib, &[]).status.success());
    let phrases = lib.join("phrases.ron");
    let broken = std::fs::read_to_string(&phrases)
        .unwrap()
        .replacen("kind:", "kind", 1);
    std::fs::write(&phrases, &broken).unwrap();
    let out = mine(&corpus, &lib, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("phrases.ron") && err.contains("没有写入"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&phrases).unwrap(), broken);
}

/// Finding 3: re-mining merges by source file, keeps phrases added by hand, duplicates
/// nothing, and --replace removes stale files.
#[test]
fn mining_again_merges_by_source_and_keeps_hand_made_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path(), 3);
    let lib = dir.path().join("库");
    assert!(mine(&corpus, &lib, &[]).status.success());
    let phrases = lib.join("phrases.ron");
    let text = std::fs::read_to_string(&phrases).unwrap();
    let hand = "    (\n      text: \"手工添加的提法\",\n      kind: term,\n      topics: [],\n      keywords: [],\n      count: 1,\n      sources: [],\n    ),\n";
    let text = text.replacen("  phrases: [\n", &format!("  phrases: [\n{hand}"), 1);
    std::fs::write(&phrases, text).unwrap();
    let first = Library::load_dir(&lib).0;

    assert!(mine(&corpus, &lib, &[]).status.success());
    let second = Library::load_dir(&lib).0;
    assert!(second.phrases.iter().any(|p| p.text == "手工添加的提法"));
    assert_eq!(second.phrases.len(), first.phrases.len());
    assert_eq!(second.templates.len(), first.templates.len());
    let mut keys: Vec<(PhraseKind, &str)> = second
        .phrases
        .iter()
        .map(|p| (p.kind, p.text.as_str()))
        .collect();
    keys.sort();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "phrases are unique by (kind, text)");

    // One corpus file fewer, mined with --replace: its library file goes.
    let gone = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .max()
        .unwrap();
    std::fs::remove_file(&gone).unwrap();
    let out = mine(&corpus, &lib, &["--replace"]);
    assert!(out.status.success());
    let stem = gone.file_stem().unwrap().to_string_lossy().into_owned();
    assert!(!lib.join(format!("{stem}.ron")).exists());
    let ron = crate::fixtures::ron_files(&lib);
    assert_eq!(ron, 3, "two sources and the phrases");
}

/// Finding 6: skipped files go to stderr with exit code 2, after the rest is written.
#[test]
fn mine_reports_skipped_files_on_stderr_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path(), 1);
    std::fs::write(corpus.join("空.txt"), "").unwrap();
    let out = mine(&corpus, &dir.path().join("库"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("空.txt"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("空.txt"));
    assert!(dir.path().join("库/phrases.ron").exists());
}

/// A file holding two speeches gives the library both, each under its own source name.
#[test]
fn mining_a_file_of_two_speeches_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("语料");
    std::fs::create_dir_all(&corpus).unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/layouts/two_speeches_in_one_file.txt");
    std::fs::copy(&fixture, corpus.join("合集.txt")).unwrap();
    let lib = dir.path().join("库");
    let out = mine(&corpus, &lib, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = Library::load_dir(&lib).0;
    let mut files: Vec<&str> = l.templates.iter().map(|t| t.source.file.as_str()).collect();
    files.sort();
    files.dedup();
    assert_eq!(files, ["合集.txt", "合集（第2篇）.txt"]);
}
