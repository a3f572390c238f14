//! Saving and opening as the writer meets them: autosave brings back work the window
//! lost, and a draft saved, reopened and a broken file each behave.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use jianggao::core::draft::Draft;

use crate::app::{click, harness, pick_template, set_field};

#[test]
fn autosave_restores_after_the_app_is_dropped_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let draft = {
        let mut h = harness(dir.path());
        click(&mut h, "开头 5");
        pick_template(&mut h, "〔开头〕");
        h.get_by_label("开头正文").focus();
        h.run_steps(1);
        h.get_by_label("开头正文").type_text("刚打的字");
        h.run_steps(3);
        assert!(h.state().doc.autosave_label.is_some());
        h.state().draft.clone()
        // Dropped without saving, as after kill -9.
    };
    assert_eq!(
        std::fs::read_dir(dir.path().join("recovery"))
            .unwrap()
            .count(),
        1,
        "one recovery file, its lock gone with the window"
    );
    let mut h = harness(dir.path());
    h.get_by_label("恢复");
    click(&mut h, "恢复");
    assert_eq!(h.state().draft, draft);
    assert!(h.state().draft.blocks[0].body.contains("刚打的字"));
}

#[test]
fn save_open_round_trip_and_a_corrupted_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "主体部分 19");
    pick_template(&mut h, "〔主体部分〕");
    set_field(&mut h, "会议名称", "机关党建工作会议");
    let path = dir.path().join("稿件").join("第一稿.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    set_field(&mut h, "文件路径", &path.display().to_string());
    click(&mut h, "确定");
    assert!(path.exists());
    assert!(!h.state().doc.dirty());
    let saved = h.state().draft.clone();
    // New, then open it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(h.state().draft.blocks.is_empty());
    // 打开 starts at the draft last saved, with the keyboard in the path field: Enter.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    let field = h.get_by_label("文件路径");
    assert!(field.is_focused());
    assert_eq!(field.value().as_deref(), Some(path.to_str().unwrap()));
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().draft, saved);
    assert_eq!(Draft::load(&path).unwrap(), saved);
    // Changed, then undone back to what the file holds: nothing unsaved.
    set_field(&mut h, "会议名称", "另一个会议");
    assert!(h.state().doc.dirty() && h.state().window_title().starts_with("● "));
    for _ in 0..10 {
        if h.state().draft == saved {
            break;
        }
        h.state_mut().push(jianggao::app::Action::Command(
            jianggao::app::action::Command::Undo,
        ));
        h.run_steps(2);
    }
    assert_eq!(h.state().draft, saved);
    assert!(!h.state().doc.dirty(), "{}", h.state().window_title());
    // Redone, it is unsaved again.
    h.state_mut().push(jianggao::app::Action::Command(
        jianggao::app::action::Command::Redo,
    ));
    h.run_steps(2);
    assert!(h.state().doc.dirty());
    h.state_mut().push(jianggao::app::Action::Command(
        jianggao::app::action::Command::Undo,
    ));
    h.run_steps(2);
    assert!(!h.state().doc.dirty());
    // 新建, then undone: the old text is back, but in a draft with no file, unsaved.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.state_mut().push(jianggao::app::Action::Command(
        jianggao::app::action::Command::Undo,
    ));
    h.run_steps(2);
    assert_eq!(h.state().draft, saved);
    assert!(h.state().doc.dirty() && h.state().doc.path.is_none());

    // A corrupted file: an error in the window, the file untouched, the draft kept.
    let bad = dir.path().join("坏.ron");
    std::fs::write(&bad, "(version: 1, meta: (title: \"半截").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    set_field(&mut h, "文件路径", &bad.display().to_string());
    click(&mut h, "确定");
    let (msg, is_error) = h.state().status.clone().unwrap();
    assert!(is_error && msg.contains("坏.ron"), "{msg}");
    h.get_by_label_contains("无法打开讲稿");
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "(version: 1, meta: (title: \"半截"
    );
    assert_eq!(h.state().draft, saved);

    // A file that is not there: said in Chinese, with its name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    let missing = dir.path().join("没有这个.ron");
    set_field(&mut h, "文件路径", &missing.display().to_string());
    click(&mut h, "确定");
    let (msg, is_error) = h.state().status.clone().unwrap();
    assert!(
        is_error && msg.contains("没有这个.ron") && msg.contains("不存在"),
        "{msg}"
    );
    assert!(!msg.contains("os error"), "{msg}");
}
