//! The app, driven through egui_kittest as a user would: no display needed.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jianggao::app::prefs::Prefs;
use jianggao::app::{JiangGaoApp, Options};
use jianggao::core::draft::BlockKind;

/// The whole window on a fresh data folder, with the bundled font installed.
pub fn harness(data_dir: &Path) -> Harness<'static, JiangGaoApp> {
    let dir = data_dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            JiangGaoApp::with_prefs(&cc.egui_ctx, Options::for_tests(dir), Prefs::default())
        });
    h.run_steps(3);
    h
}

pub fn click(h: &mut Harness<'_, JiangGaoApp>, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(3);
}

/// Replaces the text of the field with this accessible name.
pub fn set_field(h: &mut Harness<'_, JiangGaoApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(3);
}

/// Puts the caret at the end of the field with this accessible name.
pub fn caret_at_end(h: &mut Harness<'_, JiangGaoApp>, label: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run_steps(1);
}

/// Types at the end of the field with this accessible name.
fn type_at_end(h: &mut Harness<'_, JiangGaoApp>, label: &str, text: &str) {
    caret_at_end(h, label);
    h.get_by_label(label).type_text(text);
    h.run_steps(3);
}

/// The body of the first section block.
fn first_section_body(h: &Harness<'_, JiangGaoApp>) -> String {
    let b = h
        .state()
        .draft
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Section)
        .unwrap();
    b.body.clone()
}

/// Clicks the first template row whose label contains `text`.
pub fn pick_template(h: &mut Harness<'_, JiangGaoApp>, text: &str) {
    h.get_all_by_label_contains(text)
        .next()
        .unwrap_or_else(|| panic!("no template row with {text}"))
        .click();
    h.run_steps(3);
    click(h, "插入到讲稿");
}

#[test]
// Over 80 lines: one user's session from empty window to exported file, step by step.
fn end_to_end_workflow_exports_the_speech() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    assert!(h.state().library_ready());

    // Search 作风 and insert a section about it.
    set_field(&mut h, "搜索", "作风");
    let rows: Vec<String> = h
        .get_all_by_label_contains("〔主体部分〕")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(!rows.is_empty(), "searching 作风 finds sections");
    pick_template(&mut h, "〔主体部分〕");
    let first_section = h.state().draft.blocks[0].heading.clone();
    assert!(
        h.state()
            .draft
            .blocks
            .iter()
            .any(|b| b.body.contains("作风") || b.heading.contains("作风"))
    );

    // A second section, then an opening and a closing.
    set_field(&mut h, "搜索", "彰显");
    pick_template(&mut h, "〔主体部分〕");
    set_field(&mut h, "搜索", "");
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    click(&mut h, "结尾 3");
    pick_template(&mut h, "〔结尾〕");
    let kinds: Vec<BlockKind> = h.state().draft.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds.first(), Some(&BlockKind::Opening));
    assert_eq!(kinds.last(), Some(&BlockKind::Closing));
    let sections: Vec<String> = h
        .state()
        .draft
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .map(|b| b.heading.clone())
        .collect();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0], first_section);

    // Reorder: move the second section up.
    let second_id = h
        .state()
        .draft
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .nth(1)
        .unwrap()
        .id;
    h.state_mut().push(jianggao::app::Action::Edit(
        jianggao::core::draft::edit::Edit::MoveBy {
            block: second_id,
            by: -1,
        },
    ));
    h.run_steps(2);
    let sections_after: Vec<String> = h
        .state()
        .draft
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .map(|b| b.heading.clone())
        .collect();
    assert_eq!(
        sections_after,
        vec![sections[1].clone(), sections[0].clone()]
    );

    // Type into the first section's body, at its end.
    type_at_end(&mut h, "主体部分一、正文", "要驰而不息纠治四风，严明纪律。");
    let body = first_section_body(&h);
    assert!(body.ends_with("要驰而不息纠治四风，严明纪律。"), "{body}");

    // A suggested phrase goes in at the caret.
    h.run_steps(3);
    let hits = h.state().phrases.hits.phrases.clone();
    assert!(!hits.is_empty(), "suggestions for the focused paragraph");
    let phrase = hits[0].phrase.text.clone();
    h.get_all_by_label(&phrase)
        .next()
        .expect("the phrase is shown")
        .click();
    h.run_steps(3);
    let body = first_section_body(&h);
    assert!(body.contains(&format!("严明纪律。{phrase}")), "{body}");

    // Meeting details fill the slots.
    set_field(&mut h, "单位", "市委组织部");
    set_field(&mut h, "讲稿标题", "在全市作风建设推进会上的讲话");

    // Export through the menu shortcut and the path field.
    let out = dir.path().join("导出").join("讲话.txt");
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    set_field(&mut h, "文件路径", &out.display().to_string());
    click(&mut h, "确定");
    let text = std::fs::read_to_string(&out).expect("exported file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "在全市作风建设推进会上的讲话");
    assert!(lines.contains(&"同志们："));
    let one = lines
        .iter()
        .position(|l| l.starts_with("\u{3000}\u{3000}一、"))
        .unwrap();
    let two = lines
        .iter()
        .position(|l| l.starts_with("\u{3000}\u{3000}二、"))
        .unwrap();
    assert!(one < two);
    assert_eq!(lines[one], format!("\u{3000}\u{3000}一、{}", sections[1]));
    assert_eq!(lines[two], format!("\u{3000}\u{3000}二、{}", sections[0]));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("\u{3000}\u{3000}（一）"))
    );
    assert!(text.contains(&phrase));
    assert!(!text.contains("{单位}"), "slots filled");
    // The closing is last.
    let closing = h
        .state()
        .draft
        .blocks
        .last()
        .unwrap()
        .body
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert_eq!(
        lines.last().unwrap().trim_start_matches('\u{3000}'),
        h.state().draft.fill(&closing)
    );
}

#[test]
fn undo_redo_text_and_structure_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "结尾 3");
    pick_template(&mut h, "〔结尾〕");
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    assert_eq!(h.state().draft.blocks.len(), 2);
    type_at_end(&mut h, "开头正文", "新增一句。");
    let typed = h.state().draft.blocks[0].body.clone();
    assert!(typed.ends_with("新增一句。"));
    // Undo the typing (one step), then the insertion.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(!h.state().draft.blocks[0].body.ends_with("新增一句。"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks[0].body, typed);
    // Delete, then undo.
    h.get_all_by_label("删除").next().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks.len(), 1);
    assert!(h.state().status.as_ref().unwrap().0.starts_with("已删除"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks.len(), 2);
    assert_eq!(h.state().draft.blocks[0].body, typed);
    // The status line says what happened last, not the delete just undone.
    assert!(h.state().status.as_ref().unwrap().0.starts_with("已撤销"));
    type_at_end(&mut h, "开头正文", "再加一句。");
    assert_eq!(h.state().status, None, "typing moves on from the notice");
}

/// What a node says: its label, or a plain label's text.
fn text_of(n: &egui_kittest::Node<'_>) -> String {
    let a = n.accesskit_node();
    a.label().or_else(|| a.value()).unwrap_or_default()
}

#[test]
fn library_panel_filters_and_previews() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label_contains("找到 71 个模板");
    click(&mut h, "结尾 3");
    h.get_by_label_contains("找到 3 个模板");
    click(&mut h, "全部 71");
    set_field(&mut h, "搜索", "纪律建设");
    // The kind buttons count what the search finds, and add up to it.
    let found = |h: &Harness<'_, JiangGaoApp>| -> usize {
        let node = h.get_by_label_contains("个模板");
        let label = text_of(&node);
        label
            .trim_start_matches("找到 ")
            .trim_end_matches(" 个模板")
            .parse()
            .unwrap()
    };
    let all = found(&h);
    assert!(all > 0 && all < 71, "{all}");
    h.get_by_label(&format!("全部 {all}"));
    let mut sum = 0;
    for kind in ["开头", "主体部分", "分论点", "结尾"] {
        let n: usize = h
            .get_all_by_label_contains(&format!("{kind} "))
            .filter_map(|n| text_of(&n).strip_prefix(&format!("{kind} "))?.parse().ok())
            .next()
            .unwrap_or_else(|| panic!("no count on {kind}"));
        sum += n;
        if n > 0 && kind == "分论点" {
            click(&mut h, &format!("{kind} {n}"));
            assert_eq!(found(&h), n);
            click(&mut h, &format!("全部 {all}"));
        }
    }
    assert_eq!(sum, all);
    let n = h.state().lib_panel.selected.is_none();
    assert!(n);
    h.get_all_by_label_contains("纪律建设")
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    // The preview names the source speech and section.
    h.get_by_label_contains("出处：");
    assert!(h.state().lib_panel.selected.is_some());
}

#[test]
fn phrase_panel_filters_by_kind_and_never_offers_what_the_body_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "分论点 44");
    set_field(&mut h, "搜索", "加强纪律建设");
    pick_template(&mut h, "〔分论点〕");
    h.get_by_label_contains("分论点（一）正文").focus();
    h.run_steps(4);
    assert!(!h.state().phrases.hits.phrases.is_empty());
    // Model paragraphs come in their own section.
    assert!(!h.state().phrases.hits.paragraphs.is_empty());
    h.get_by_label("段落范文");
    // The kind filter comes before the badges of that kind.
    h.get_all_by_label("成语").next().unwrap().click();
    h.run_steps(3);
    let hits = h.state().phrases.hits.phrases.clone();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|s| s.phrase.kind == jianggao::core::library::PhraseKind::Idiom)
    );
    let body = h.state().draft.blocks[0].body.clone();
    assert!(!hits.iter().any(|s| body.contains(&s.phrase.text)));
    // A second block, then undo it: the caret's block is gone, the suggestions stay.
    h.state_mut()
        .push(jianggao::app::Action::InsertBlank(BlockKind::Point));
    h.run_steps(3);
    assert_eq!(h.state().draft.blocks.len(), 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(4);
    assert_eq!(h.state().draft.blocks.len(), 1);
    assert_eq!(h.state().phrases.hits.phrases, hits);
}

#[test]
fn status_bar_counts_characters_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    let chars = jianggao::app::status_bar::char_count(h.state());
    let want = jianggao::core::export::render_txt(&h.state().draft)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    assert_eq!(chars, want);
    h.get_by_label(&format!("字数：{chars}"));
    h.get_by_label_contains("预计时长：");
    // Autosaved at once in tests (interval 0), not yet saved to a file.
    h.get_by_label_contains("已自动保存");
    assert!(h.state().doc.dirty());
}

/// The main window with a few blocks, light and dark, for visual review
/// (`UPDATE_SNAPSHOTS=1 cargo test` rewrites them after an intended change).
#[test]
fn main_window_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    // No autosave clock in the status bar: the pictures must not depend on the time.
    h.state_mut().opts.autosave_seconds = 1e9;
    h.state_mut().doc.last_autosave = Some(0.0);
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    set_field(&mut h, "单位", "市委组织部");
    h.run_steps(4);
    // Software renderers differ a little in anti-aliasing between machines.
    let opts = egui_kittest::SnapshotOptions::new()
        .threshold(2.0)
        .max_failed_pixels(20_000);
    if !snapshot(&mut h, "main_window_light", &opts) {
        return;
    }
    h.state_mut().prefs.dark = true;
    h.run_steps(4);
    snapshot(&mut h, "main_window_dark", &opts);
}

/// Compares a snapshot; a difference fails the test. A machine where wgpu finds no
/// adapter at all (no Mesa installed) cannot render: that is reported, not failed.
fn snapshot(
    h: &mut Harness<'_, JiangGaoApp>,
    name: &str,
    opts: &egui_kittest::SnapshotOptions,
) -> bool {
    use egui_kittest::SnapshotError;
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        h.try_snapshot_options(name, opts)
    }));
    match r {
        Ok(Ok(())) => true,
        Ok(Err(SnapshotError::RenderError { err })) => {
            eprintln!("截图未渲染（没有可用的 wgpu 适配器）：{err}");
            false
        }
        Err(_) => {
            eprintln!("截图未渲染：wgpu 初始化失败（没有可用的图形适配器）");
            false
        }
        Ok(Err(e)) => panic!("{name}: {e}"),
    }
}

/// 导入语料: a folder is mined into the user library, which the app then shows.
#[test]
fn import_corpus_joins_the_user_library() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::fixtures::corpus_file("004_"),
        corpus.path().join("新讲话.txt"),
    )
    .unwrap();
    std::fs::write(corpus.path().join("空.txt"), "").unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("文件").click();
    h.run_steps(2);
    click(&mut h, "导入语料…");
    set_field(&mut h, "文件夹路径", &corpus.path().display().to_string());
    click(&mut h, "确定");
    h.run_steps(3);
    h.get_by_label_contains("导入语料完成");
    h.get_by_label_contains("读取讲话稿 1 篇");
    h.get_by_label_contains("文件为空");
    // What the library had and has now, as the library panel will count it.
    let now = h.state().library().templates.len();
    h.get_by_label_contains(&format!(
        "模板库原有 71 个模板，现有 {now} 个（新增 {} 个）",
        now - 71
    ));
    let user = dir.path().join("templates");
    assert!(user.join("新讲话.ron").exists());
    // The app loads user libraries only when asked to (tests keep them apart); the
    // import result is in the app's library now all the same.
    assert!(
        h.state()
            .library()
            .templates
            .iter()
            .any(|t| t.source.file == "新讲话.txt")
    );
    click(&mut h, "好");
}

/// 检查 panel: findings listed, a click jumps, a fix button named by what it does
/// ("改为“党的二十大精神”") fixes only the flagged words;
/// 导出 → Word writes a .docx.
#[test]
fn check_panel_fixes_and_word_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    set_field(&mut h, "日期", "2026-11-22");
    type_at_end(&mut h, "开头正文", "要学习党的十九大精神。");
    h.get_by_label("编辑").click();
    h.run_steps(2);
    click(&mut h, "交稿前检查");
    h.get_by_label("交稿前检查");
    let findings = h.state().checks.findings().to_vec();
    assert!(
        findings.iter().any(|f| f.text == "党的十九大精神"),
        "dated formulation found"
    );
    let before = h.state().draft.blocks[0].body.clone();
    click(&mut h, "改为“党的二十大精神”");
    let after = h.state().draft.blocks[0].body.clone();
    assert_eq!(after, before.replace("党的十九大精神", "党的二十大精神"));
    // Undo restores it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks[0].body, before);

    let out = dir.path().join("讲话.docx");
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label("导出").click();
    h.run_steps(2);
    click(&mut h, "导出为 Word…");
    set_field(&mut h, "文件路径", &out.display().to_string());
    click(&mut h, "确定");
    let back = jianggao::core::parse::read::read_file(&out).unwrap();
    assert_eq!(back.encoding, "docx");
    assert!(back.text.contains("党的十九大精神"));
}

/// A draft with an opening, the closings listed in the library; the first closing's row
/// is dragged, a step at a time as a hand moves, to the point `to` gives, and dropped.
fn drag_a_closing_to(to: impl Fn(&Harness<'_, JiangGaoApp>) -> egui::Pos2) -> Vec<BlockKind> {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    assert_eq!(h.state().draft.blocks.len(), 1);
    click(&mut h, "结尾 3");
    let from = h
        .get_all_by_label_contains("〔结尾〕")
        .next()
        .unwrap()
        .rect()
        .center();
    let to = to(&h);
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    // Move in steps, past egui's drag threshold.
    for k in 1..=10 {
        let t = k as f32 / 10.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(3);
    h.state().draft.blocks.iter().map(|b| b.kind).collect()
}

/// Dragging a template row from the library onto a block inserts it after that block.
#[test]
fn drag_a_template_from_the_library_into_the_draft() {
    let kinds = drag_a_closing_to(|h| h.get_by_label("开头正文").rect().center());
    assert_eq!(kinds, vec![BlockKind::Opening, BlockKind::Closing]);
}

/// A template dropped in the empty space below the last block goes at the end.
#[test]
fn drop_a_template_below_the_last_block() {
    let kinds = drag_a_closing_to(|h| {
        // Well below the opening's card, in the empty editor.
        let card = h.get_by_label("开头正文").rect();
        let to = egui::pos2(card.center().x, card.bottom() + 200.0);
        assert!(to.y < 800.0, "{to:?}");
        to
    });
    assert_eq!(kinds, vec![BlockKind::Opening, BlockKind::Closing]);
}

/// Dragging a block by its handle reorders the outline (egui_dnd); a section takes its
/// points along.
#[test]
fn drag_a_block_by_its_handle_to_reorder() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    click(&mut h, "结尾 3");
    pick_template(&mut h, "〔结尾〕");
    assert_eq!(h.state().draft.blocks[0].kind, BlockKind::Opening);
    // Both handles are on screen; move slowly enough for egui_dnd to follow.
    let handles: Vec<egui::Rect> = h.get_all_by_label("≡").map(|n| n.rect()).collect();
    assert_eq!(handles.len(), 2);
    let (from, to) = (
        handles[1].center(),
        handles[0].center() - egui::vec2(0.0, 10.0),
    );
    drag_slowly(&mut h, from, to);
    let kinds: Vec<BlockKind> = h.state().draft.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, vec![BlockKind::Closing, BlockKind::Opening]);
    // The move is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks[0].kind, BlockKind::Opening);
}

/// Drags from `from` to `to` the way a hand does: press, many small moves, a pause, drop.
pub fn drag_slowly(h: &mut Harness<'static, JiangGaoApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=30 {
        h.hover_at(from + (to - from) * (k as f32 / 30.0));
        h.run_steps(2);
    }
    h.run_steps(10);
    h.drop_at(to);
    h.run_steps(4);
}
