//! Importing an archive (#15): re-imports mine only what changed, files gone leave the
//! library, copies of a speech become one template listing every source.

use std::path::{Path, PathBuf};

use jianggao::core::library::dedupe::occurrences;
use jianggao::core::library::store;

use crate::fixtures::{bin, corpus_dir};

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

fn mine(corpus: &Path, lib: &Path) -> String {
    let out = bin()
        .arg("mine")
        .arg(corpus)
        .arg("--out")
        .arg(lib)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sources(lib: &Path) -> Vec<String> {
    let (l, errors) = store::load(lib);
    assert!(errors.is_empty(), "{errors:?}");
    let mut v: Vec<String> = l
        .templates
        .iter()
        .flat_map(|t| std::iter::once(&t.source).chain(&t.also))
        .map(|p| p.file.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn a_reimport_mines_only_changed_files_and_removed_files_leave() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("语料");
    std::fs::create_dir_all(&corpus).unwrap();
    for f in corpus_files() {
        std::fs::copy(&f, corpus.join(f.file_name().unwrap())).unwrap();
    }
    let lib = dir.path().join("库");
    let first = mine(&corpus, &lib);
    assert!(!first.contains("未重新提炼"), "{first}");
    let all = sources(&lib);
    assert_eq!(all.len(), 5);

    let again = mine(&corpus, &lib);
    assert!(again.contains("其中 5 个文件与上次导入时相同"), "{again}");
    assert_eq!(sources(&lib), all);

    // One file changed (a paragraph added to its end), one removed.
    let files = corpus_files();
    let changed = corpus.join(files[0].file_name().unwrap());
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n同志们，要以钉钉子精神把各项任务落到实处。\n");
    std::fs::write(&changed, text).unwrap();
    let gone = files[4].file_name().unwrap().to_string_lossy().into_owned();
    std::fs::remove_file(corpus.join(&gone)).unwrap();
    let third = mine(&corpus, &lib);
    assert!(third.contains("其中 3 个文件与上次导入时相同"), "{third}");
    let now = sources(&lib);
    assert_eq!(now.len(), 4);
    assert!(!now.contains(&gone));
    let stem = gone.trim_end_matches(".txt");
    assert!(!lib.join(format!("{stem}.ron")).exists());
    let (l, _) = store::load(&lib);
    // The templates and their folds are those a fresh import of the folder gives.
    let fresh = dir.path().join("新库");
    mine(&corpus, &fresh);
    let folds = |l: &jianggao::core::library::Library| {
        let mut v: Vec<_> = l
            .templates
            .iter()
            .map(|t| {
                let mut also: Vec<String> = t.also.iter().map(|p| p.file.clone()).collect();
                also.sort();
                // The text too: kept templates are copied from the old index unread.
                let text = (t.heading.clone(), t.paragraphs.clone(), t.chars);
                (t.id.clone(), text, also)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(folds(&l), folds(&store::load(&fresh).0));
    assert!(
        l.phrases
            .iter()
            .all(|p| p.sources.iter().all(|s| s.file != gone)),
        "the removed file's phrase occurrences go too"
    );
}

#[test]
fn copies_of_a_speech_become_one_template_listing_every_source() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("语料");
    std::fs::create_dir_all(&corpus).unwrap();
    let src = &corpus_files()[1];
    let text = std::fs::read_to_string(src).unwrap();
    std::fs::write(corpus.join("原稿.txt"), &text).unwrap();
    std::fs::write(corpus.join("原稿（副本）.txt"), &text).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(corpus.join("原稿（GBK）.txt"), &gbk).unwrap();
    // Half-width punctuation, as a web copy gives it: the same text.
    std::fs::write(
        corpus.join("原稿（网页）.txt"),
        text.replace('，', ",").replace('；', ";"),
    )
    .unwrap();
    let lib = dir.path().join("库");
    let out = mine(&corpus, &lib);
    assert!(out.contains("已合并显示"), "{out}");
    let single = dir.path().join("单篇");
    std::fs::create_dir_all(&single).unwrap();
    std::fs::write(single.join("原稿.txt"), &text).unwrap();
    let one_lib = dir.path().join("单篇库");
    mine(&single, &one_lib);
    let (four, _) = store::load(&lib);
    let (one, _) = store::load(&one_lib);
    assert_eq!(four.templates.len(), one.templates.len());
    assert!(four.templates.iter().all(|t| occurrences(t) == 4));
    // Each source keeps its own library file, the readable exchange form.
    let ron = crate::fixtures::ron_files(&lib);
    assert_eq!(ron, 5);
    // Phrase counts add up: four copies count four times what one does.
    for p in &one.phrases {
        let q = four
            .phrases
            .iter()
            .find(|q| q.kind == p.kind && q.text == p.text);
        assert_eq!(q.map(|q| q.count), Some(p.count * 4), "{}", p.text);
    }
}

/// Temporary files of the library folder as a batch or the index names them.
fn tmp_files(lib: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(lib)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    v.sort();
    v
}

#[test]
fn the_next_import_removes_what_a_killed_one_left_but_not_a_running_ones_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("语料");
    std::fs::create_dir_all(&corpus).unwrap();
    let src = &corpus_files()[0];
    std::fs::copy(src, corpus.join("讲话.txt")).unwrap();
    let lib = dir.path().join("库");
    mine(&corpus, &lib);
    assert!(tmp_files(&lib).is_empty(), "a finished import leaves none");
    let before = store::load(&lib).0;
    // A process that has ended: what a killed import leaves carries its id.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let live = std::process::id();
    let left = [
        format!(".讲话.ron.tmp-{dead}"),
        format!(".phrases.ron.tmp-{dead}"),
        format!(".{}.tmp-{dead}", store::INDEX_FILE),
        // Another import still running (this test's own process stands for it).
        format!(".phrases.ron.tmp-{live}"),
    ];
    for n in &left {
        std::fs::write(lib.join(n), "半截").unwrap();
    }
    // Loading ignores them.
    assert_eq!(store::load(&lib).0, before);
    let out = mine(&corpus, &lib);
    assert!(out.contains("其中 1 个文件与上次导入时相同"), "{out}");
    assert_eq!(tmp_files(&lib), [format!(".phrases.ron.tmp-{live}")]);
    assert_eq!(store::load(&lib).0, before);
}
