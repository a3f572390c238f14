//! The library panel at the size of a writer's archive (#15): what loading says while it
//! runs, a list that draws only the rows in view, and a search that does not block typing.

use std::sync::Arc;

use egui_kittest::kittest::{NodeT, Queryable};
use jianggao::app::worker::{Msg, Workers};
use jianggao::core::library::Library;

use crate::app::{harness, set_field};

#[test]
fn loading_says_what_it_reads_before_the_library_arrives() {
    let dir = tempfile::tempdir().unwrap();
    // An imported library beside the shipped one.
    let user = dir.path().join(jianggao::core::installed::USER_LIBRARY_DIR);
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    Library::load_dir(&shipped).0.save(&user).unwrap();
    let ctx = egui::Context::default();
    let w = Workers::new(ctx, true);
    w.load_library(dir.path().to_path_buf(), true);
    let mut lines = Vec::new();
    let mut loaded = false;
    while let Ok(m) = w.rx.try_recv() {
        match m {
            Msg::LoadProgress(l) => {
                assert!(!loaded, "progress comes before the library");
                lines.push(l);
            }
            Msg::Loaded { .. } => loaded = true,
            _ => {}
        }
    }
    assert!(loaded);
    assert!(
        lines.iter().any(|l| l.contains("随附的模板库")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("导入的模板库") && l.contains(&user.display().to_string())),
        "{lines:?}"
    );

    // The panel shows the line while the library is not ready; the draft stays usable.
    let mut h = harness(dir.path());
    h.state_mut().set_library_loading();
    h.state_mut().lib_panel.loading = Some(lines[1].clone());
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("正在读取导入的模板库").is_some(),
        "the progress line is shown"
    );
    assert!(h.query_by_label("搜索").is_none());
}

/// Runs frames until a label containing `text` shows (the background work is done).
fn wait_for(h: &mut egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>, text: &str) -> bool {
    for _ in 0..600 {
        h.run_steps(1);
        if h.query_by_label_contains(text).is_some() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// The shipped templates repeated under new ids: `n` templates.
fn big_library(base: &Library, n: usize) -> Library {
    let templates = (0..n)
        .map(|i| {
            let mut t = base.templates[i % base.templates.len()].clone();
            t.id = format!("{}#{i}", t.id);
            t
        })
        .collect();
    Library {
        templates,
        phrases: base.phrases.clone(),
    }
}

#[test]
fn a_list_of_100000_templates_draws_only_its_visible_rows_and_searches_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let big = big_library(h.state().library(), 100_000);
    h.state_mut().set_library(Arc::new(big));
    // The first frames come at once; the list follows from the background.
    h.run_steps(1);
    assert!(wait_for(&mut h, "找到 100000 个模板"), "the list arrives");
    let rows = h.query_all_by_label_contains("〔").count();
    assert!(rows > 3 && rows < 200, "{rows} rows drawn");

    // Typing never waits for the search: the frame after the last key still shows the
    // old count while the search runs, then the results arrive.
    set_field(&mut h, "搜索", "作风");
    let mut found = None;
    for _ in 0..600 {
        h.run_steps(1);
        if h.query_by_label_contains("正在搜索").is_none()
            && h.query_by_label_contains("找到 100000 个模板").is_none()
        {
            // A label keeps its text as its value.
            found = h
                .query_all_by_label_contains("找到 ")
                .filter_map(|n| n.accesskit_node().value())
                .next();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let found = found.expect("the search finishes");
    let n: usize = found
        .trim_start_matches("找到 ")
        .trim_end_matches(" 个模板")
        .parse()
        .unwrap();
    assert!(n > 0 && n < 100_000, "{found}");
    assert_eq!(h.state().lib_panel.search, "作风");
}
