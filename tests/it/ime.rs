//! Input methods in the draft: the preedit never reaches the document (counts, autosave,
//! undo), a click elsewhere drops it, and shortcuts wait while it composes.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianggao::app::JiangGaoApp;
use jianggao::core::draft::Draft;

use crate::app::{caret_at_end, click, harness, pick_template};

fn preedit(h: &mut Harness<'_, JiangGaoApp>, text: &str) {
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: text.into(),
        active_range_chars: None,
    }));
    h.run_steps(2);
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

/// A harness with an opening whose body has the caret at its end.
fn composing_harness(dir: &Path) -> (Harness<'static, JiangGaoApp>, String) {
    let mut h = harness(dir);
    click(&mut h, "开头 5");
    pick_template(&mut h, "〔开头〕");
    caret_at_end(&mut h, "开头正文");
    let before = h.state().draft.blocks[0].body.clone();
    (h, before)
}

/// Input-method composition: the committed text lands at the caret; while composing, the
/// pinyin is in the field but not in the count, the autosave or an undo step.
#[test]
fn ime_composition_commits_chinese_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, before) = composing_harness(dir.path());
    let chars = h.state().counts.chars;
    preedit(&mut h, "dang");
    preedit(&mut h, "dang jian");
    assert!(h.state().composing.is_some());
    assert_eq!(
        h.state().draft.blocks[0].body,
        format!("{before}dang jian"),
        "egui shows the preedit inline"
    );
    assert_eq!(h.state().counts.chars, chars, "no pinyin in the count");
    h.state_mut().autosave_now();
    assert_eq!(
        autosaved(dir.path()).blocks[0].body,
        before,
        "no pinyin in the autosave"
    );
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("党建".into())));
    h.run_steps(3);
    let body = h.state().draft.blocks[0].body.clone();
    assert_eq!(body, format!("{before}党建"));
    assert!(h.state().composing.is_none());
    assert_eq!(h.state().counts.chars, chars + 2);
    assert_eq!(autosaved(dir.path()).blocks[0].body, body);
    // One undo step takes the whole composition back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().draft.blocks[0].body, before);
}

/// Clicking elsewhere mid-composition drops the preedit instead of leaving pinyin behind.
#[test]
fn ime_click_elsewhere_drops_the_preedit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, before) = composing_harness(dir.path());
    preedit(&mut h, "dang jian");
    assert!(h.state().draft.blocks[0].body.ends_with("dang jian"));
    h.get_by_label("单位").click();
    h.run_steps(3);
    assert_eq!(h.state().draft.blocks[0].body, before);
    assert!(h.state().composing.is_none());
    h.state_mut().autosave_now();
    assert!(!autosaved(dir.path()).blocks[0].body.contains("dang"));
    assert!(!h.state().draft.meta.unit.contains("dang"));
}

/// Shortcuts do not fire while composing: Ctrl+N there belongs to the input method.
#[test]
fn ime_composition_blocks_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = composing_harness(dir.path());
    preedit(&mut h, "dang");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert_eq!(
        h.state().draft.blocks.len(),
        1,
        "Ctrl+N did not start a new draft"
    );
}
