//! Rough edges a new user hit: the window title, the save state of a new draft, asking
//! before replacing a file, the large-print copy's own name, find and replace, and a
//! character count that does not depend on the numbering scheme.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use jianggao::core::draft::Numbering;

use crate::app::{click, drag_slowly, harness, pick_template, set_field};

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
    // Closed and opened again, the last search is selected: typing replaces it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.event(egui::Event::Text("新词".into()));
    h.run_steps(2);
    assert_eq!(h.state().find_texts().0, "新词");
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
    // The editor draws only the blocks in view: a heading scrolled far away is not drawn.
    let first_y = |h: &egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>| {
        h.query_by_label("主体部分一、标题").map(|n| n.rect().min.y)
    };
    // The caret in the last block scrolls the draft down: the first heading goes off screen.
    let last = h.state().draft.blocks.last().unwrap().id;
    h.state_mut().view.focus_request = Some(jianggao::app::Caret::new(
        last,
        jianggao::core::draft::Field::Body,
        None,
    ));
    h.run_steps(4);
    assert!(
        first_y(&h).is_none_or(|y| y < 0.0),
        "scrolled down: {:?}",
        first_y(&h)
    );
    h.state_mut().open_path(&path);
    h.run_steps(4);
    assert!(
        first_y(&h).is_some_and(|y| y > 0.0),
        "reopened at the top: {:?}",
        first_y(&h)
    );
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

/// eframe's storage kept in memory, as the app's preferences are saved at exit.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// 文件 → Word 页码位置: the choice is used by the Word export and kept with the
/// preferences; preferences saved before the setting existed give GB/T 9704's placement.
#[test]
fn the_page_number_placement_is_a_kept_preference_used_by_word_export() {
    use eframe::Storage as _;
    use jianggao::app::prefs::{Prefs, STORAGE_KEY};
    use jianggao::core::export::docx_write::PageNumbers;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    assert_eq!(h.state().prefs.page_numbers, PageNumbers::Outside);
    let export = |h: &mut egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>, name: &str| {
        let out = dir.path().join(name);
        h.get_by_label("文件").click();
        h.run_steps(2);
        h.get_by_label("导出").click();
        h.run_steps(2);
        click(h, "导出为 Word…");
        set_field(h, "文件路径", &out.display().to_string());
        click(h, "确定");
        (
            crate::deliver::zip_part(&out, "word/settings.xml"),
            crate::deliver::zip_part(&out, "word/document.xml"),
        )
    };
    let choose = |h: &mut egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>, label: &str| {
        h.get_by_label("文件").click();
        h.run_steps(2);
        h.get_by_label("Word 页码位置").click();
        h.run_steps(2);
        click(h, label);
        h.key_press(Key::Escape);
        h.run_steps(2);
    };
    choose(&mut h, "居中");
    assert_eq!(h.state().prefs.page_numbers, PageNumbers::Centred);
    let (settings, doc) = export(&mut h, "居中.docx");
    assert!(!settings.contains("evenAndOddHeaders"));
    assert_eq!(doc.matches("<w:footerReference").count(), 1);
    assert!(doc.contains(r#"<w:footerReference w:type="default""#));
    // Kept: saved as eframe saves it at exit, read back as the next start reads it.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let kept: Prefs = eframe::get_value(&storage, STORAGE_KEY).unwrap();
    assert_eq!(kept.page_numbers, PageNumbers::Centred);
    choose(&mut h, "单页居右、双页居左（GB/T 9704）");
    let (settings, doc) = export(&mut h, "外侧.docx");
    assert!(settings.contains("<w:evenAndOddHeaders/>"));
    assert!(doc.contains(r#"w:type="even""#));
    // Preferences from before the setting existed.
    let mut old = MemoryStorage::default();
    old.set_string(STORAGE_KEY, "(dark: true, font_size: 20.0)".into());
    let read: Prefs = eframe::get_value(&old, STORAGE_KEY).unwrap();
    assert_eq!(read.page_numbers, PageNumbers::Outside);
    assert!(read.dark);
}

/// 提纲: dragging a row by its grip reorders the speech; a section takes its points along,
/// and the move is one undo step.
#[test]
fn the_outline_view_reorders_by_drag() {
    use jianggao::core::draft::BlockKind;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    let before: Vec<(jianggao::core::draft::BlockId, BlockKind)> = h
        .state()
        .draft
        .blocks
        .iter()
        .map(|b| (b.id, b.kind))
        .collect();
    assert_eq!(before[0].1, BlockKind::Opening);
    assert!(
        before.iter().any(|b| b.1 == BlockKind::Point),
        "the section came with points: {before:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run_steps(3);
    let section = h.state().draft.blocks[1].heading.clone();
    // The grip of an outline row: the ≡ on the row's line, left of its text.
    let grip = |h: &egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>, row: &str| {
        let text = h.get_by_label(row).rect();
        h.get_all_by_label("≡")
            .map(|n| n.rect())
            .find(|g| g.right() <= text.left() + 1.0 && text.y_range().contains(g.center().y))
            .unwrap_or_else(|| panic!("no grip for {row}"))
    };
    let from = grip(&h, &format!("一、{section}")).center();
    let to = grip(&h, "〔开头〕").center() - egui::vec2(0.0, 10.0);
    drag_slowly(&mut h, from, to);
    let after: Vec<(jianggao::core::draft::BlockId, BlockKind)> = h
        .state()
        .draft
        .blocks
        .iter()
        .map(|b| (b.id, b.kind))
        .collect();
    // The section and its points first, in their order, then the opening.
    let mut expected = before[1..].to_vec();
    expected.push(before[0]);
    assert_eq!(after, expected);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let undone: Vec<(jianggao::core::draft::BlockId, BlockKind)> = h
        .state()
        .draft
        .blocks
        .iter()
        .map(|b| (b.id, b.kind))
        .collect();
    assert_eq!(undone, before);
}

/// Asks the window to close, as its ✕ or 文件 → 退出 does.
fn request_close(h: &mut egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    use jianggao::app::quit::Quit;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    // Nothing changed: the window closes without a question.
    request_close(&mut h);
    assert!(h.query_by_label("讲稿尚未保存").is_none());
    set_field(&mut h, "讲稿标题", "年终总结大会讲话");
    request_close(&mut h);
    h.get_by_label("讲稿尚未保存");
    h.get_by_label_contains("“年终总结大会讲话”有未保存的修改");
    // 取消: back to the draft, nothing lost, still asked next time.
    click(&mut h, "取消");
    assert!(h.query_by_label("讲稿尚未保存").is_none());
    assert_eq!(h.state().draft.meta.title, "年终总结大会讲话");
    assert_eq!(h.state().quit, Quit::Ask);
    // 保存 of a draft never saved asks for a file name first.
    request_close(&mut h);
    click(&mut h, "保存");
    h.get_by_label("文件路径");
    let path = dir.path().join("总结.ron");
    set_field(&mut h, "文件路径", &path.display().to_string());
    click(&mut h, "确定");
    assert!(path.exists() && !h.state().doc.dirty());
    // Saved: closing asks nothing.
    request_close(&mut h);
    assert!(h.query_by_label("讲稿尚未保存").is_none());
    // A change after the save, then 保存: saved to its file, then the window closes.
    set_field(&mut h, "讲稿标题", "第二稿");
    request_close(&mut h);
    click(&mut h, "保存");
    h.run_steps(2);
    assert_eq!(h.state().quit, Quit::Close);
    assert!(std::fs::read_to_string(&path).unwrap().contains("第二稿"));
    // A change, then 不保存: the window closes and drops it.
    h.state_mut().quit = Quit::Ask;
    set_field(&mut h, "讲稿标题", "改过的标题");
    request_close(&mut h);
    click(&mut h, "不保存");
    assert_eq!(h.state().quit, Quit::Discard);
}

#[test]
fn inserting_a_phrase_keeps_the_text_in_view_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    // A body far taller than the window, the caret near its top.
    let long: String = (1..=80)
        .map(|i| format!("第{i}行，要把各项工作抓实抓好。\n"))
        .collect();
    set_field(&mut h, "主体部分一、正文", &long);
    let id = h.state().draft.blocks[0].id;
    h.state_mut().view.focus_request = Some(jianggao::app::Caret::new(
        id,
        jianggao::core::draft::Field::Body,
        Some(0),
    ));
    h.run_steps(4);
    let heading_y = |h: &egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>| {
        h.query_by_label("主体部分一、标题").map(|n| n.rect().min.y)
    };
    let before = heading_y(&h);
    assert!(before.is_some_and(|y| y > 0.0), "{before:?}");
    h.state_mut()
        .push(jianggao::app::Action::InsertPhrase("久久为功".into()));
    h.run_steps(6);
    let body = h.state().draft.blocks[0].body.clone();
    assert!(
        body.starts_with("久久为功第1行"),
        "{:?}",
        body.find("久久为功")
    );
    // The caret was in view: nothing scrolls (centring the whole field jumped the view
    // by half its height).
    let after = heading_y(&h);
    assert!(
        after.zip(before).is_some_and(|(a, b)| (a - b).abs() < 2.0),
        "{before:?} -> {after:?}"
    );
}

#[test]
fn a_model_paragraph_is_inserted_as_a_paragraph_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    let id = h.state().draft.blocks[0].id;
    let place = |h: &mut egui_kittest::Harness<'_, jianggao::app::JiangGaoApp>, body: &str, at| {
        set_field(h, "主体部分一、正文", body);
        h.state_mut().view.focus_request = Some(jianggao::app::Caret::new(
            id,
            jianggao::core::draft::Field::Body,
            Some(at),
        ));
        h.run_steps(4);
    };
    // The caret inside the first of two paragraphs: the new one comes between them.
    place(&mut h, "第一段。\n第二段。", 2);
    h.state_mut()
        .push(jianggao::app::Action::InsertParagraph("范文。".into()));
    h.run_steps(4);
    assert_eq!(h.state().draft.blocks[0].body, "第一段。\n范文。\n第二段。");
    // On an empty line it fills the line.
    place(&mut h, "第一段。\n", 5);
    h.state_mut()
        .push(jianggao::app::Action::InsertParagraph("范文。".into()));
    h.run_steps(4);
    assert_eq!(h.state().draft.blocks[0].body, "第一段。\n范文。");
}
