//! Input methods in every text field (section bodies, the meeting details, the library
//! search, find and replace, the path field), through one handler with one set of rules:
//! the preedit is shown in the field but never reaches the draft, the count, the
//! autosave, undo or a search; a commit lands as one change; a cancel, a click, a focus
//! change or the input method being disabled leaves the field exactly as before; and
//! shortcuts wait while a field composes.

use std::path::Path;

use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jianggao::app::JiangGaoApp;
use jianggao::app::dialogs::Dialog;
use jianggao::core::draft::Draft;

use crate::app::{caret_at_end, click, harness, pick_template, set_field};

type H = Harness<'static, JiangGaoApp>;

fn ime(h: &mut H, e: ImeEvent) {
    h.event(Event::Ime(e));
    h.run_steps(2);
}

fn preedit(h: &mut H, text: &str) {
    ime(
        h,
        ImeEvent::Preedit {
            text: text.into(),
            active_range_chars: None,
        },
    );
}

fn commit(h: &mut H, text: &str) {
    ime(h, ImeEvent::Commit(text.into()));
}

#[allow(deprecated)]
fn enabled(h: &mut H) {
    ime(h, ImeEvent::Enabled);
}

#[allow(deprecated)]
fn disabled(h: &mut H) {
    ime(h, ImeEvent::Disabled);
}

/// What the field with this accessible name shows (preedit included).
fn shown(h: &H, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// The draft in the one recovery file of the data folder.
fn autosaved(dir: &Path) -> Draft {
    let files: Vec<_> = std::fs::read_dir(dir.join("recovery"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    jianggao::core::draft::recovery::read(&files[0])
        .unwrap()
        .draft
}

/// One kind of text field: how to put the caret at its end with some text in it, and
/// where its committed text goes.
struct Case {
    label: &'static str,
    setup: fn(&mut H),
    value: fn(&JiangGaoApp) -> String,
}

fn body_setup(h: &mut H) {
    click(h, "开头 5");
    pick_template(h, "〔开头〕");
    set_field(h, "开头正文", "{本单位}召开会议");
}

fn meta_setup(label: &'static str) -> impl Fn(&mut H) {
    move |h| set_field(h, label, "市委")
}

fn find_setup(h: &mut H) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    set_field(h, "查找内容", "部机关");
}

fn path_setup(h: &mut H) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    set_field(h, "文件路径", "/tmp/稿");
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            label: "开头正文",
            setup: body_setup,
            value: |a| a.draft.blocks[0].body.clone(),
        },
        Case {
            label: "讲稿标题",
            setup: |h| meta_setup("讲稿标题")(h),
            value: |a| a.draft.meta.title.clone(),
        },
        Case {
            label: "单位",
            setup: |h| meta_setup("单位")(h),
            value: |a| a.draft.meta.unit.clone(),
        },
        Case {
            label: "搜索",
            setup: |h| set_field(h, "搜索", "作风"),
            value: |a| a.lib_panel.search.clone(),
        },
        Case {
            label: "查找内容",
            setup: find_setup,
            value: |a| a.find_texts().0.to_string(),
        },
        Case {
            label: "替换为",
            setup: |h| {
                find_setup(h);
                set_field(h, "替换为", "机关");
            },
            value: |a| a.find_texts().1.to_string(),
        },
        Case {
            label: "文件路径",
            setup: path_setup,
            value: |a| match a.dialog() {
                Some(Dialog::Path(d)) => d.path.clone(),
                _ => panic!("the path dialog closed"),
            },
        },
    ]
}

/// A harness with the case's field holding its text, the caret at its end.
fn ready(dir: &Path, c: &Case) -> (H, String) {
    let mut h = harness(dir);
    (c.setup)(&mut h);
    caret_at_end(&mut h, c.label);
    let before = (c.value)(h.state());
    assert!(!before.is_empty(), "{}: set up with text", c.label);
    assert_eq!(shown(&h, c.label), before, "{}", c.label);
    (h, before)
}

#[test]
fn every_field_commits_only_the_committed_text() {
    for c in cases() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, before) = ready(dir.path(), &c);
        enabled(&mut h);
        preedit(&mut h, "dang");
        preedit(&mut h, "dang jian");
        assert_eq!(
            shown(&h, c.label),
            format!("{before}dang jian"),
            "{}",
            c.label
        );
        assert_eq!((c.value)(h.state()), before, "{}: no pinyin", c.label);
        assert!(h.state().composing, "{}", c.label);
        commit(&mut h, "党建");
        assert_eq!((c.value)(h.state()), format!("{before}党建"), "{}", c.label);
        assert_eq!(shown(&h, c.label), format!("{before}党建"), "{}", c.label);
        assert!(!h.state().composing, "{}", c.label);
        // The next composition starts at the caret, after the committed text.
        preedit(&mut h, "hao");
        commit(&mut h, "好");
        assert_eq!(
            (c.value)(h.state()),
            format!("{before}党建好"),
            "{}",
            c.label
        );
    }
}

#[test]
fn every_field_is_as_before_after_a_cancel() {
    for c in cases() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, before) = ready(dir.path(), &c);
        preedit(&mut h, "dang");
        preedit(&mut h, "");
        assert_eq!((c.value)(h.state()), before, "{}", c.label);
        assert_eq!(shown(&h, c.label), before, "{}", c.label);
        assert!(!h.state().composing, "{}", c.label);
    }
}

#[test]
fn every_field_drops_the_preedit_when_the_input_method_is_disabled() {
    for c in cases() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, before) = ready(dir.path(), &c);
        preedit(&mut h, "dang");
        disabled(&mut h);
        assert_eq!((c.value)(h.state()), before, "{}", c.label);
        assert_eq!(shown(&h, c.label), before, "{}", c.label);
        assert!(!h.state().composing, "{}", c.label);
        // The characters the preedit occupied are not selected: the next composition
        // replaces nothing.
        enabled(&mut h);
        preedit(&mut h, "jian");
        commit(&mut h, "建");
        assert_eq!((c.value)(h.state()), format!("{before}建"), "{}", c.label);
    }
}

#[test]
fn every_field_drops_the_preedit_on_a_click_elsewhere() {
    for c in cases() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, before) = ready(dir.path(), &c);
        preedit(&mut h, "dang");
        // A label beside the field: in the dialog its heading, elsewhere a form label.
        let away = if c.label == "文件路径" {
            "保存讲稿"
        } else {
            "讲话人"
        };
        h.get_all_by_label(away).next().unwrap().click();
        h.run_steps(3);
        assert_eq!((c.value)(h.state()), before, "{}", c.label);
        assert_eq!(
            shown(&h, c.label),
            before,
            "{}: nothing left behind",
            c.label
        );
        assert!(!h.state().composing, "{}", c.label);
    }
}

#[test]
fn every_field_drops_the_preedit_when_focus_moves_away() {
    for c in cases() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, before) = ready(dir.path(), &c);
        preedit(&mut h, "dang");
        // Another field of the same window takes the keyboard (as Tab would).
        let other = match c.label {
            "文件路径" => None,
            "查找内容" => Some("替换为"),
            "替换为" => Some("查找内容"),
            _ => Some("讲话人"),
        };
        match other {
            Some(o) => h.get_by_label(o).focus(),
            None => h.get_by_label("确定").focus(),
        }
        h.run_steps(3);
        assert_eq!((c.value)(h.state()), before, "{}", c.label);
        assert_eq!(shown(&h, c.label), before, "{}", c.label);
        assert!(!h.state().composing, "{}", c.label);
    }
}

/// In the draft's own fields the preedit is not counted, not autosaved and not an undo
/// step: a section body and a meeting detail that fills a slot of the body.
#[test]
fn draft_fields_count_save_and_undo_committed_text_only() {
    for (label, commit_text) in [("开头正文", "党建"), ("单位", "党工委")] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(dir.path());
        body_setup(&mut h);
        set_field(&mut h, "单位", "市委");
        caret_at_end(&mut h, label);
        // A pause: what follows is its own undo step.
        h.state_mut().break_undo_step();
        let before = h.state().draft.clone();
        let chars = h.state().counts.chars;
        assert_eq!(
            chars,
            "市委召开会议".chars().count() + "同志们：".chars().count()
        );
        preedit(&mut h, "dang gong wei");
        assert_eq!(h.state().draft, before, "{label}: the draft has no pinyin");
        assert_eq!(h.state().counts.chars, chars, "{label}: no pinyin in 字数");
        h.state_mut().autosave_now();
        assert_eq!(autosaved(dir.path()), before, "{label}: no pinyin saved");
        commit(&mut h, commit_text);
        let grown = chars + commit_text.chars().count();
        assert_eq!(h.state().counts.chars, grown, "{label}");
        h.state_mut().autosave_now();
        assert_eq!(autosaved(dir.path()), h.state().draft, "{label}");
        match label {
            "单位" => assert_eq!(h.state().draft.meta.unit, "市委党工委"),
            _ => assert_eq!(h.state().draft.blocks[0].body, "{本单位}召开会议党建"),
        }
        // One undo step takes the whole composition back, with no pinyin step between.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
        assert_eq!(h.state().draft, before, "{label}: one undo");
    }
}

/// Shortcuts do not fire while composing: Ctrl+N there belongs to the input method.
#[test]
fn composition_blocks_shortcuts_in_any_field() {
    for label in ["开头正文", "讲稿标题"] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(dir.path());
        body_setup(&mut h);
        caret_at_end(&mut h, label);
        preedit(&mut h, "dang");
        h.key_press_modifiers(Modifiers::COMMAND, Key::N);
        h.run_steps(2);
        assert_eq!(h.state().draft.blocks.len(), 1, "{label}: no new draft");
    }
}

/// The number in 「找到 N 个模板」.
fn found(h: &H) -> usize {
    let n = h.get_by_label_contains("找到 ");
    let label = n.accesskit_node().label().or(n.value()).unwrap_or_default();
    label
        .trim_start_matches("找到 ")
        .trim_end_matches(" 个模板")
        .parse()
        .unwrap_or_else(|_| panic!("{label}"))
}

/// The library list is filtered by committed text, not by pinyin.
#[test]
fn the_library_search_filters_by_committed_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let all = found(&h);
    caret_at_end(&mut h, "搜索");
    preedit(&mut h, "zuo feng");
    assert_eq!(found(&h), all, "no filter by pinyin");
    commit(&mut h, "作风");
    let with = found(&h);
    assert!(with > 0 && with < all, "{with} of {all}");
}

/// egui's IME output on one frame: the focused field's rectangle and its caret.
fn ime_output(h: &H) -> Option<(egui::Rect, egui::Rect)> {
    h.output()
        .platform_output
        .ime
        .map(|i| (i.rect, i.cursor_rect))
}

/// Presses the mouse on a field and runs exactly one frame.
fn press_on(h: &mut H, label: &str) {
    let at = h.get_by_label(label).rect().center();
    h.event(Event::PointerMoved(at));
    h.event(Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
}

/// The input method is told about the new field on the very frame focus moves (by a
/// click, by Tab, by a jump to a find hit), so its window does not open at the old one.
#[test]
fn the_ime_caret_follows_focus_on_its_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    body_setup(&mut h);
    caret_at_end(&mut h, "讲稿标题");
    let inside = |h: &H, label: &str| {
        let field = h.get_by_label(label).rect();
        let (rect, caret) = ime_output(h).unwrap_or_else(|| panic!("{label}: no IME output"));
        assert!(
            field.expand(2.0).contains_rect(rect),
            "{label}: IME rect {rect:?} is not the field {field:?}"
        );
        assert!(
            field.x_range().contains(caret.center().x),
            "{label}: caret {caret:?} outside {field:?}"
        );
    };
    inside(&h, "讲稿标题");
    // A click into the body.
    press_on(&mut h, "开头正文");
    inside(&h, "开头正文");
    h.event(Event::PointerButton {
        pos: h.get_by_label("开头正文").rect().center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    // Tab from 讲稿标题 to 会议名称.
    caret_at_end(&mut h, "讲稿标题");
    h.key_press(Key::Tab);
    h.step();
    inside(&h, "会议名称");
    // A find hit puts the caret in the body.
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    set_field(&mut h, "查找内容", "召开");
    caret_at_end(&mut h, "讲稿标题");
    h.get_all_by_label_contains("…召开").next().unwrap().click();
    // The frame of the click asks for the caret (the find window is drawn after the
    // draft); the next one has it.
    h.step();
    h.step();
    inside(&h, "开头正文");
    let caret = ime_output(&h).unwrap().1;
    h.step();
    assert_eq!(
        ime_output(&h).unwrap().1,
        caret,
        "the caret did not move after"
    );
}
