//! The window never loses work: each window has its own recovery file, a live window's
//! work is never offered, discarded or cleared by another, and closing in any state keeps
//! what has not been saved.

use std::path::{Path, PathBuf};

use eframe::App as _;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianggao::app::JiangGaoApp;
use jianggao::core::draft::recovery::RECOVERY_DIR;
use jianggao::core::draft::{BlockKind, Draft};

use crate::app::harness;

fn recovery_files(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data.join(RECOVERY_DIR))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    v.sort();
    v
}

/// A window with a typed, unsaved draft titled `title`, autosaved.
fn window_with_work(data: &Path, title: &str) -> Harness<'static, JiangGaoApp> {
    let mut h = harness(data);
    h.state_mut().draft.meta.title = title.into();
    h.state_mut().draft.insert_blank(BlockKind::Section, None);
    h.state_mut().draft.blocks[0].body = format!("{title}的正文");
    h.state_mut().doc.rev += 1;
    h.run_steps(3);
    assert!(h.state().doc.autosave_label.is_some(), "autosaved");
    h
}

fn has_label(h: &Harness<'_, JiangGaoApp>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

/// Finding 1: closing while the prompt is open keeps the recovery file.
#[test]
fn closing_with_the_prompt_open_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    drop(window_with_work(dir.path(), "甲稿"));
    let files = recovery_files(dir.path());
    assert_eq!(files.len(), 1);

    let mut h = harness(dir.path());
    assert!(has_label(&h, "恢复"), "the prompt is offered");
    h.state_mut().on_exit();
    drop(h);
    assert_eq!(recovery_files(dir.path()), files, "closing kept it");

    // Offered again next time, and restoring brings the draft and keeps the file
    // until the user saves.
    let mut h = harness(dir.path());
    h.get_by_label("恢复").click();
    h.run_steps(3);
    assert_eq!(h.state().draft.meta.title, "甲稿");
    assert!(h.state().doc.dirty());
    assert_eq!(recovery_files(dir.path()), files);
    let saved = dir.path().join("甲稿.ron");
    assert!(h.state_mut().save_to(&saved));
    assert!(
        recovery_files(dir.path()).is_empty(),
        "saved: no recovery needed"
    );
}

/// Finding 2: a second window never offers, discards or clears a live window's work,
/// whether it opens a file or closes idle.
#[test]
fn a_second_window_leaves_a_live_windows_work_alone() {
    let dir = tempfile::tempdir().unwrap();
    let a = window_with_work(dir.path(), "甲稿");
    let a_file = recovery_files(dir.path());
    assert_eq!(a_file.len(), 1);

    let other = dir.path().join("乙.ron");
    let mut d = Draft::default();
    d.meta.title = "乙".into();
    d.save(&other).unwrap();

    let mut b = harness(dir.path());
    assert!(
        !has_label(&b, "恢复"),
        "a live window's work is not offered"
    );
    b.state_mut().open_path(&other);
    b.run_steps(2);
    assert_eq!(b.state().draft.meta.title, "乙");
    b.state_mut().on_exit();
    drop(b);
    assert_eq!(
        recovery_files(dir.path()),
        a_file,
        "opening a file and closing idle left the other window's file"
    );
    assert!(
        std::fs::read_to_string(&a_file[0])
            .unwrap()
            .contains("甲稿的正文")
    );
    drop(a);
}

/// Finding 2, two processes: a lock held by another process (flock(1)) keeps its file
/// out of the prompt; once that process is gone the file is offered.
#[cfg(unix)]
#[test]
fn a_lock_held_by_another_process_is_respected() {
    let dir = tempfile::tempdir().unwrap();
    drop(window_with_work(dir.path(), "丙稿"));
    let file = recovery_files(dir.path()).remove(0);
    let lock = file.with_extension("lock");
    let child = std::process::Command::new("flock")
        // -o: only flock itself holds the lock (not the sleep it runs), so killing it frees it.
        .args(["-x", "-o"])
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("flock(1) is not installed: the in-process lock test covers this");
        return;
    };
    // Wait until the child holds the lock.
    let held = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let f = std::fs::File::open(&lock).unwrap();
        let busy = f.try_lock().is_err();
        drop(f);
        busy
    });
    assert!(held, "the other process took the lock");
    let h = harness(dir.path());
    assert!(!has_label(&h, "恢复"), "its owner is alive");
    drop(h);
    child.kill().unwrap();
    child.wait().unwrap();
    let h = harness(dir.path());
    assert!(has_label(&h, "恢复"), "its owner is gone");
}

/// Discarding needs a second, explicit confirmation that names the draft.
#[test]
fn discarding_asks_and_names_what_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    drop(window_with_work(dir.path(), "丁稿"));
    let mut h = harness(dir.path());
    h.get_by_label("放弃…").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("《丁稿》").is_some());
    h.get_by_label("返回").click();
    h.run_steps(3);
    assert!(has_label(&h, "恢复"), "back to the prompt, nothing deleted");
    assert_eq!(recovery_files(dir.path()).len(), 1);
    h.get_by_label("放弃…").click();
    h.run_steps(3);
    h.get_by_label("永久删除").click();
    h.run_steps(3);
    assert!(recovery_files(dir.path()).is_empty());
}

/// A background job that panics reports its failure; the progress window goes away.
#[test]
fn a_panicking_import_does_not_leave_the_window_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut().import_progress = Some((1, 10));
    h.state()
        .workers
        .run_job(jianggao::app::worker::Job::Import, || panic!("模拟的错误"));
    h.run_steps(3);
    assert_eq!(h.state().import_progress, None);
    let (msg, is_error) = h.state().status.clone().unwrap();
    assert!(
        is_error && msg.contains("导入语料失败") && msg.contains("模拟的错误"),
        "{msg}"
    );
}

/// Finding 3: an import into a user library whose phrases.ron does not load refuses to
/// write, says why, and leaves the file as it was.
#[test]
fn an_import_never_overwrites_a_library_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("templates");
    std::fs::create_dir_all(&user).unwrap();
    let broken = "(version: 1, phrases: [(text: \"手工\", kind term)])";
    std::fs::write(user.join("phrases.ron"), broken).unwrap();
    let corpus = dir.path().join("语料");
    std::fs::create_dir_all(&corpus).unwrap();
    let src = crate::fixtures::corpus_file("000");
    std::fs::copy(&src, corpus.join(src.file_name().unwrap())).unwrap();

    let mut h = harness(dir.path());
    let data = dir.path().to_path_buf();
    h.state_mut().workers.import(corpus, data);
    h.run_steps(3);
    assert_eq!(
        std::fs::read_to_string(user.join("phrases.ron")).unwrap(),
        broken
    );
    assert_eq!(
        std::fs::read_dir(&user).unwrap().count(),
        1,
        "nothing written"
    );
    assert!(h.query_by_label_contains("没有写入任何文件").is_some());
}
