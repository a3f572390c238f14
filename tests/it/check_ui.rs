//! The 检查 panel as the writer meets it: the check runs in the background after a pause,
//! a check that fails says so and leaves the window usable, and a fix keeps the list
//! where it was.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianggao::app::JiangGaoApp;
use jianggao::core::check::Settings;
use jianggao::core::check::finding::{Finding, FindingKind};
use jianggao::core::check::source::ShingleIndex;
use jianggao::core::draft::Field;
use jianggao::core::draft::edit::Edit;
use jianggao::core::draft::{BlockKind, Draft};
use jianggao::core::lexicon::dated::Formulations;
use jianggao::core::library::Library;
use jianggao::core::numerals::han_numeral;

use crate::app::{caret_at_end, click, harness, pick_template};

fn failing_check(
    _: &Draft,
    _: &Library,
    _: &ShingleIndex,
    _: &Formulations,
    _: &Settings,
) -> Vec<Finding> {
    panic!("模拟的检查错误")
}

fn open_check_panel(h: &mut Harness<'_, JiangGaoApp>) {
    h.get_by_label("编辑").click();
    h.run_steps(2);
    click(h, "交稿前检查");
}

/// A draft with an opening whose body is `body`, as one undoable edit.
fn opening_with(h: &mut Harness<'_, JiangGaoApp>, body: &str) {
    click(h, "开头 5");
    pick_template(h, "〔开头〕");
    let id = h.state().draft.blocks[0].id;
    h.state_mut()
        .push(jianggao::app::Action::Edit(Edit::SetText {
            block: id,
            field: Field::Body,
            text: body.into(),
        }));
    h.run_steps(3);
}

#[test]
fn a_check_that_panics_leaves_the_window_usable() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut().checks.set_checker(failing_check);
    opening_with(&mut h, "要学习党的十九大精神。");
    open_check_panel(&mut h);
    let (msg, is_error) = h.state().status.clone().unwrap();
    assert!(
        is_error && msg.contains("交稿前检查失败") && msg.contains("模拟的检查错误"),
        "{msg}"
    );
    assert!(h.query_by_label_contains("检查未完成").is_some());
    assert!(
        h.query_by_label_contains("正在检查").is_none(),
        "not waiting"
    );
    // The window still works: typing reaches the draft, and the next change is checked.
    h.state_mut()
        .checks
        .set_checker(jianggao::app::check_job::run_check);
    caret_at_end(&mut h, "开头正文");
    h.get_by_label("开头正文")
        .type_text("再学习党的十九大精神。");
    h.run_steps(3);
    assert!(
        h.state().draft.blocks[0]
            .body
            .ends_with("再学习党的十九大精神。")
    );
    let dated = h
        .state()
        .checks
        .findings()
        .iter()
        .filter(|f| f.text == "党的十九大精神")
        .count();
    assert_eq!(dated, 2);
    assert!(h.query_by_label_contains("检查未完成").is_none());
}

/// The rows of the findings list drawn now that have a fix button: each row's path
/// label (〔一〕, 〔二〕 …) and its height on screen, top to bottom.
fn fix_rows(h: &Harness<'_, JiangGaoApp>) -> Vec<(String, f32)> {
    let fixes: Vec<f32> = h
        .query_all_by_label("改为“党的二十大精神”")
        .map(|n| n.rect().center().y)
        .collect();
    let mut rows = Vec::new();
    for k in 1..=30 {
        let label = format!("〔{}〕", han_numeral(k));
        for n in h.query_all_by_label(&label) {
            let y = n.rect().center().y;
            if fixes.iter().any(|f| (f - y).abs() < 2.0) {
                rows.push((label.clone(), y));
            }
        }
    }
    rows.sort_by(|a, b| a.1.total_cmp(&b.1));
    rows
}

/// Thirty sections, each with a dated formulation: thirty lines in the panel, of which
/// only those in view are drawn. A fix in the middle of the scrolled list keeps the list
/// where it was: the next line moves up into the fixed one's place.
#[test]
fn a_fix_keeps_the_findings_list_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    for _ in 0..30 {
        h.state_mut()
            .push(jianggao::app::Action::InsertBlank(BlockKind::Section));
        h.run_steps(1);
    }
    let ids: Vec<_> = h.state().draft.blocks.iter().map(|b| b.id).collect();
    for id in ids {
        h.state_mut()
            .push(jianggao::app::Action::Edit(Edit::SetText {
                block: id,
                field: Field::Body,
                text: "要学习党的十九大精神。".into(),
            }));
    }
    h.run_steps(3);
    open_check_panel(&mut h);
    let dated = |h: &Harness<'_, JiangGaoApp>| {
        h.state()
            .checks
            .findings()
            .iter()
            .filter(|f| f.text == "党的十九大精神")
            .count()
    };
    assert_eq!(dated(&h), 30);
    assert!(fix_rows(&h).len() < 30, "only the lines in view are drawn");
    for _ in 0..4 {
        h.get_all_by_label("改为“党的二十大精神”")
            .last()
            .unwrap()
            .scroll_down();
        h.run_steps(2);
    }
    // Let the scroll animation finish.
    h.run_steps(40);
    let top = h.get_by_label("把会议信息写入空位").rect().bottom();
    let rows = fix_rows(&h);
    let k = rows.iter().position(|(_, y)| *y > top + 10.0).unwrap();
    assert_ne!(rows[k].0, "〔一〕", "the list is scrolled: {rows:?}");
    let (fixed, y) = rows[k].clone();
    let (next, next_y) = rows[k + 1].clone();
    h.get_all_by_label("改为“党的二十大精神”")
        .find(|n| (n.rect().center().y - y).abs() < 2.0)
        .unwrap()
        .click();
    h.run_steps(3);
    assert_eq!(dated(&h), 29, "checked again after the fix of {fixed}");
    // The fixed line is gone and the lines after it moved up by its height (other
    // findings of the same section may sit between two fix lines); the list did not jump.
    let after = fix_rows(&h);
    assert!(after.iter().all(|(l, _)| *l != fixed), "{after:?}");
    let moved = after.iter().find(|(l, _)| *l == next).map(|r| next_y - r.1);
    assert!(
        moved.is_some_and(|d| d > 10.0 && d < next_y - y + 1.0),
        "{next} moved by {moved:?}: {after:?}"
    );
}

/// Clicking a finding selects the words it flags: what the writer pastes then replaces
/// them, instead of landing in front of them.
#[test]
fn clicking_a_finding_selects_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    opening_with(&mut h, "要认真学习党的十九大精神，抓好落实。");
    open_check_panel(&mut h);
    h.run_steps(3);
    let message = h
        .state()
        .checks
        .findings()
        .iter()
        .find(|f| f.text == "党的十九大精神")
        .map(|f| f.message.clone())
        .expect("the dated formulation is found");
    h.get_by_label(&message).click();
    h.run_steps(4);
    h.event(egui::Event::Paste("党的二十大精神".into()));
    h.run_steps(3);
    assert_eq!(
        h.state().draft.blocks[0].body,
        "要认真学习党的二十大精神，抓好落实。"
    );
}

/// A name carried over from the old speech nine times is one row ("共 9 处"), and its
/// 全部改写… changes exactly the places the check flagged, in one undo step: never the
/// same characters inside a longer name (部机关 in 市委组织部机关党委).
#[test]
fn a_carried_over_name_is_one_row_rewritten_where_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    open_check_panel(&mut h);
    h.run_steps(3);
    let before = h.state().draft.blocks[0].body.clone();
    let findings = h.state().checks.findings().to_vec();
    let carried: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::CarriedOver)
        .collect();
    let names: std::collections::BTreeSet<&str> = carried.iter().map(|f| f.text.as_str()).collect();
    // The name flagged most often, and how often.
    let (name, times) = names
        .iter()
        .map(|&n| {
            (
                n.to_string(),
                carried.iter().filter(|f| f.text == n).count(),
            )
        })
        .max_by_key(|(_, t)| *t)
        .expect("the opening carries names over");
    assert!(times >= 2, "{name} only once: {carried:?}");
    h.get_by_label(&format!("共 {times} 处"));
    assert_eq!(h.get_all_by_label("全部改写…").count(), names.len());
    // Some of the name's characters also stand inside a longer flagged name, which a
    // find-and-replace would break.
    assert!(before.matches(name.as_str()).count() > times, "{before}");
    // Rows come in the order of each name's first occurrence.
    let mut order: Vec<&str> = Vec::new();
    for f in &carried {
        if !order.contains(&f.text.as_str()) {
            order.push(&f.text);
        }
    }
    let row = order.iter().position(|&t| t == name).unwrap();
    h.get_all_by_label("全部改写…").nth(row).unwrap().click();
    h.run_steps(4);
    // The caret is in 改为: typing goes there.
    h.event(egui::Event::Text("本机关".into()));
    h.run_steps(3);
    click(&mut h, &format!("改写 {times} 处"));
    let body = h.state().draft.blocks[0].body.clone();
    assert_eq!(body.matches("本机关").count(), times, "{body}");
    // Every other character is as it was: only the flagged places changed.
    let mut expected = before.clone();
    for f in carried.iter().filter(|f| f.text == name).rev() {
        let chars: Vec<char> = expected.chars().collect();
        expected = chars[..f.start]
            .iter()
            .chain("本机关".chars().collect::<Vec<_>>().iter())
            .chain(chars[f.end..].iter())
            .collect();
    }
    assert_eq!(body, expected);
    // One undo step brings the old speech's words back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().draft.blocks[0].body, before);
}

#[test]
fn filling_blanks_when_there_are_none_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    opening_with(&mut h, "同志们：今天召开会议。");
    open_check_panel(&mut h);
    click(&mut h, "把会议信息写入空位");
    let (msg, is_error) = h.state().status.clone().unwrap();
    assert!(
        !is_error && msg.contains("没有可用会议信息填写的空位"),
        "{msg}"
    );
    assert_eq!(h.state().draft.blocks[0].body, "同志们：今天召开会议。");
}

/// A finding in a block far below the view brings that block into view, its words
/// selected.
#[test]
fn clicking_a_finding_far_below_scrolls_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    // Four different sections, so each finding's message is its own.
    let ids: Vec<String> = h
        .state()
        .library()
        .templates
        .iter()
        .filter(|t| t.kind == jianggao::core::library::TemplateKind::Section)
        .map(|t| t.id.clone())
        .take(4)
        .collect();
    for id in ids {
        h.state_mut().push(jianggao::app::Action::InsertTemplate {
            id,
            after_block: None,
        });
        h.run_steps(3);
    }
    open_check_panel(&mut h);
    h.run_steps(3);
    // Of the rows in view, the finding furthest down the draft, its message its own.
    let findings = h.state().checks.findings().to_vec();
    let last = findings
        .iter()
        .filter(|f| f.end > f.start && f.place.is_some())
        .filter(|f| findings.iter().filter(|g| g.message == f.message).count() == 1)
        .filter(|f| h.query_by_label(&f.message).is_some())
        .max_by_key(|f| f.place.unwrap().block)
        .cloned()
        .expect("a finding in view");
    let block = last.place.unwrap().block;
    assert!(block >= 3, "{last:?}");
    let before = h.state().draft.blocks[block].body.clone();
    h.get_by_label(&last.message).click();
    h.run_steps(40);
    // Its flagged words are selected: a paste replaces them.
    h.event(egui::Event::Paste("【改】".into()));
    h.run_steps(3);
    let chars: Vec<char> = before.chars().collect();
    let expected: String = chars[..last.start]
        .iter()
        .chain("【改】".chars().collect::<Vec<_>>().iter())
        .chain(chars[last.end..].iter())
        .collect();
    assert_eq!(h.state().draft.blocks[block].body, expected);
}
