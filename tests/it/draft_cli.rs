//! `jianggao draft`: the app's edits without a window, on the installed library.

use std::path::Path;

use jianggao::core::draft::{BlockKind, Draft};
use jianggao::core::installed::installed;
use jianggao::core::library::{Library, TemplateKind};

use crate::fixtures::bin;

fn templates_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

#[test]
// Over 80 lines: one CLI session (new, add, add --at, errors) and the outline after each step.
fn draft_new_then_add_builds_the_outline_the_app_would() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("稿.ron");
    let out = bin()
        .args(["draft", "new", "--title", "在机关党建工作会议上的讲话"])
        .args([
            "--unit",
            "市直机关工委",
            "--speaker",
            "张明",
            "--date",
            "2026-12-15",
        ])
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = Draft::load(&file).unwrap();
    assert_eq!(d.meta.speaker, "张明");

    let lib = Library::load_dir(&templates_dir()).0;
    let pick = |k: TemplateKind| lib.templates.iter().find(|t| t.kind == k).unwrap();
    let (opening, section, closing) = (
        pick(TemplateKind::Opening),
        pick(TemplateKind::Section),
        pick(TemplateKind::Closing),
    );
    let add = |ids: &[&str], at: Option<&str>| {
        let mut c = bin();
        c.args(["draft", "add"]).arg(&file).args(ids);
        if let Some(a) = at {
            c.args(["--at", a]);
        }
        c.arg("--library").arg(templates_dir()).output().unwrap()
    };
    // Closing and section first: each goes where its kind belongs, as in the app.
    let out = add(&[&closing.id, &section.id], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = add(&[&opening.id], None);
    assert!(out.status.success());
    let d = Draft::load(&file).unwrap();
    let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds.first(), Some(&BlockKind::Opening));
    assert_eq!(kinds.last(), Some(&BlockKind::Closing));
    assert_eq!(
        d.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Section)
            .count(),
        1
    );
    assert_eq!(
        d.blocks[1].source.as_ref().unwrap().file,
        section.source.file,
        "provenance kept"
    );
    // A second section after 一: it becomes 二.
    let out = add(&[&section.id], Some("一"));
    assert!(out.status.success());
    let d = Draft::load(&file).unwrap();
    assert!(d.paths().contains(&"二".to_string()), "{:?}", d.paths());

    // Errors name what is wrong and leave the file as it was.
    let before = std::fs::read(&file).unwrap();
    let out = add(&["没有这个模板"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个模板"));
    let out = add(&[&section.id], Some("九"));
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let out = bin()
        .args(["draft", "new", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success(), "an existing draft is not replaced");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// The CLI without --library and the app both see the installed library: the shipped
/// one plus the user's imports in the data folder.
#[test]
fn the_cli_uses_the_installed_library() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("jianggao");
    let user = data.join("templates");
    // A user import: one corpus file mined into the data folder, renamed so its ids are new.
    let corpus = dir.path().join("语料");
    std::fs::create_dir_all(&corpus).unwrap();
    let src = crate::fixtures::corpus_file("002");
    std::fs::copy(&src, corpus.join("我的讲话.txt")).unwrap();
    let out = bin()
        .arg("mine")
        .arg(&corpus)
        .arg("--out")
        .arg(&user)
        .output()
        .unwrap();
    assert!(out.status.success());
    let all = installed(&data, true);
    let mine = all
        .library
        .templates
        .iter()
        .find(|t| t.source.file == "我的讲话.txt")
        .expect("the user's template is installed");
    assert!(all.library.templates.len() > Library::embedded().0.templates.len());

    let file = dir.path().join("稿.ron");
    Draft::default().save(&file).unwrap();
    let out = bin()
        .env("XDG_DATA_HOME", dir.path())
        .args(["draft", "add"])
        .arg(&file)
        .arg(&mine.id)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = Draft::load(&file).unwrap();
    assert_eq!(d.blocks[0].source.as_ref().unwrap().file, "我的讲话.txt");

    // `library` without a folder lists the same installed library.
    let out = bin()
        .env("XDG_DATA_HOME", dir.path())
        .args(["library", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["templates"].as_array().unwrap().len();
    assert_eq!(n, all.library.templates.len());
    assert!(
        v["templates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == mine.id.as_str())
    );
}
