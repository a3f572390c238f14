//! Rough edges a new user hit: the window title, the save state of a new draft, asking
//! before replacing a file, the large-print copy's own name, find and replace, and a
//! character count that does not depend on the numbering scheme.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use jianggao::core::draft::Numbering;

use crate::app::{click, harness, pick_template, set_field};

#[test]
fn the_title_shows_the_draft_and_its_unsaved_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    assert_eq!(h.state().title_text(), "未命名讲稿 — 讲稿工坊");
    assert!(h.query_by_label("新讲稿，尚未保存").is_some());
    set_field(&mut h, "讲稿标题", "在全市机关党建工作会议上的讲话");
    assert_eq!(
        h.state().title_text(),
        "● 在全市机关党建工作会议上的讲话 — 讲稿工坊"
    );
    assert_eq!(
        h.state().window_title(),
        h.state().title_text(),
        "sent to the OS"
    );
    let path = dir.path().join("稿.ron");
    assert!(h.state_mut().save_to(&path));
    h.run_steps(2);
    assert_eq!(
        h.state().title_text(),
        "在全市机关党建工作会议上的讲话 — 讲稿工坊"
    );
    assert!(h.query_by_label("已保存").is_some());
}

#[test]
fn saving_over_another_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("别人的.ron");
    std::fs::write(&other, "别人的内容").unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    set_field(&mut h, "文件路径", &other.display().to_string());
    click(&mut h, "确定");
    assert!(h.query_by_label("替换").is_some(), "asked before replacing");
    click(&mut h, "换个名字");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "别人的内容");
    click(&mut h, "确定");
    click(&mut h, "替换");
    h.run_steps(3);
    assert_ne!(std::fs::read_to_string(&other).unwrap(), "别人的内容");
    assert!(!h.state().doc.dirty());
}

#[test]
fn the_large_print_copy_has_its_own_default_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let path = dir.path().join("稿.ron");
    assert!(h.state_mut().save_to(&path));
    let std = h
        .state()
        .default_export_path(jianggao::core::export::Format::Docx, false);
    let large = h
        .state()
        .default_export_path(jianggao::core::export::Format::Docx, true);
    assert_eq!(std, dir.path().join("稿.docx"));
    assert_eq!(large, dir.path().join("稿（大字版）.docx"));
}

#[test]
fn find_and_replace_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    set_field(&mut h, "单位", "部机关");
    let body = h.state().draft.blocks[0].body.clone();
    let word: String = body
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(2)
        .collect();
    let before = h.state().draft.clone();
    let n = before.count_occurrences(&word);
    assert!(n > 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    set_field(&mut h, "查找内容", &word);
    set_field(&mut h, "替换为", "〇〇");
    click(&mut h, "全部替换");
    assert_eq!(h.state().draft.count_occurrences(&word), 0);
    assert_eq!(h.state().draft.count_occurrences("〇〇"), n);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().draft.blocks,
        before.blocks,
        "one undo restores all"
    );
}

#[test]
fn the_character_count_ignores_the_numbering_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    assert!(
        h.query_by_label("字数：0").is_some(),
        "an empty draft has no words"
    );
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    let count = |h: &egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>| {
        jianggao::app::status_bar::char_count(h.state())
    };
    let official = count(&h);
    h.state_mut().draft.numbering = Numbering::Speech;
    assert_eq!(count(&h), official);
}

#[test]
fn the_outline_view_lists_headings_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run_steps(3);
    assert!(h.state().view.outline);
    let first = h.state().draft.blocks[0].clone();
    let label = format!("一、{}", first.heading);
    h.get_by_label(&label).click();
    h.run_steps(3);
    let f = h
        .state()
        .focus()
        .expect("the click put the caret in the heading");
    assert_eq!(
        (f.block, f.field),
        (first.id, jianggao::core::draft::Field::Heading)
    );
    // Every heading of the draft is a row.
    let points = h
        .state()
        .draft
        .blocks
        .iter()
        .filter(|b| b.kind == jianggao::core::draft::BlockKind::Point)
        .count();
    let rows = h.get_all_by_label_contains("（").count();
    assert!(rows >= points, "{rows} rows for {points} points");
}

#[test]
fn a_reopened_draft_starts_at_its_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    for _ in 0..4 {
        click(&mut h, "主体部分 19");
        pick_template(&mut h, "〔主体部分〕");
    }
    let path = dir.path().join("长稿.ron");
    assert!(h.state_mut().save_to(&path));
    let first_y = |h: &egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>| {
        h.get_by_label("主体部分一、标题").rect().min.y
    };
    // The caret in the last block scrolls the draft down: the first heading goes off screen.
    let last = h.state().draft.blocks.last().unwrap().id;
    h.state_mut().view.focus_request = Some(jianggao::app::Caret::new(
        last,
        jianggao::core::draft_edit::Field::Body,
        None,
    ));
    h.run_steps(4);
    assert!(first_y(&h) < 0.0, "scrolled down: {}", first_y(&h));
    h.state_mut().open_path(&path);
    h.run_steps(4);
    assert!(first_y(&h) > 0.0, "reopened at the top: {}", first_y(&h));
}

#[test]
fn topic_filters_list_the_common_topics_first() {
    let lib = jianggao::core::library::Library::embedded().0;
    let topics = jianggao::app::library_panel::topic_counts(&lib, None);
    assert!(topics.len() > 5);
    assert!(
        topics.windows(2).all(|w| w[0].1 >= w[1].1),
        "most common first: {topics:?}"
    );
}

#[test]
fn folding_a_section_folds_its_points_into_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    let points = h
        .state()
        .draft
        .blocks
        .iter()
        .filter(|b| b.kind == jianggao::core::draft::BlockKind::Point)
        .count();
    assert!(points > 0, "the template has points");
    assert!(h.query_by_label("分论点（一）标题").is_some());
    h.get_all_by_label("▼").next().unwrap().click();
    h.run_steps(3);
    assert!(h.state().draft.blocks[0].collapsed);
    assert!(h.state().doc.dirty(), "folding is an edit of the draft");
    assert!(
        h.query_by_label("主体部分一、标题").is_none(),
        "one line only"
    );
    assert!(
        h.query_by_label("分论点（一）标题").is_none(),
        "its points fold too"
    );
    assert!(
        h.query_by_label_contains(&format!("（含 {points} 个分论点）"))
            .is_some()
    );
    // Undo unfolds.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.query_by_label("分论点（一）标题").is_some());
}

#[test]
fn the_drag_handle_is_big_enough_to_hit() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    let r = h.get_all_by_label("≡").next().unwrap().rect();
    assert!(r.width() >= 24.0 && r.height() >= 24.0, "{r:?}");
}

#[test]
fn the_path_dialog_names_the_file_under_a_long_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    let long = "/home/writer/文档/讲稿/2026年/十二月/市直机关工委/在2026年度机关党建工作会议上的讲话（第三稿）.ron";
    set_field(&mut h, "文件路径", long);
    assert!(
        h.query_by_label_contains("文件名：在2026年度机关党建工作会议上的讲话（第三稿）.ron")
            .is_some()
    );
}
