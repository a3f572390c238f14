//! The 检查 panel as the writer meets it: the check runs in the background after a pause,
//! a check that fails says so and leaves the window usable, and a fix keeps the list
//! where it was.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianggao::app::JiangGaoApp;
use jianggao::core::check::{Finding, Formulations, Settings};
use jianggao::core::draft::Draft;
use jianggao::core::draft_edit::{Edit, Field};
use jianggao::core::library::Library;

use crate::app::{caret_at_end, click, harness, pick_template};

fn failing_check(_: &Draft, _: &Library, _: &Formulations, _: &Settings) -> Vec<Finding> {
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

/// The fix buttons of the panel, top to bottom.
fn fix_buttons(h: &Harness<'_, JiangGaoApp>) -> Vec<egui::Rect> {
    h.get_all_by_label("改为“党的二十大精神”")
        .map(|n| n.rect())
        .collect()
}

#[test]
fn a_fix_keeps_the_findings_list_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let body: String = (1..=30)
        .map(|k| format!("第{k}条，要学习党的十九大精神。\n"))
        .collect();
    opening_with(&mut h, body.trim_end());
    open_check_panel(&mut h);
    let before = fix_buttons(&h);
    assert_eq!(before.len(), 30);
    h.get_all_by_label("改为“党的二十大精神”")
        .nth(20)
        .unwrap()
        .scroll_to_me();
    h.run_steps(3);
    let top = h.get_by_label("把会议信息写入空位").rect().bottom();
    let rects = fix_buttons(&h);
    // The first fix button in view, well down the list.
    let k = rects.iter().position(|r| r.top() > top).unwrap();
    assert!(k >= 5, "the list is scrolled ({k})");
    let y = rects[k].top();
    h.get_all_by_label("改为“党的二十大精神”")
        .nth(k)
        .unwrap()
        .click();
    h.run_steps(3);
    assert_eq!(h.state().draft.blocks[0].body.matches("二十大").count(), 1);
    let after = fix_buttons(&h);
    assert_eq!(after.len(), 29, "checked again after the fix");
    // The next finding moved up into the fixed one's place; the list did not jump.
    assert!(
        (after[k].top() - y).abs() < 1.0,
        "{} vs {y}",
        after[k].top()
    );
}
