//! The window at the smallest, the default and the largest font size: the meeting form's
//! labels stay on one line beside their fields, and library rows stay one line each.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jianggao::app::prefs::Prefs;
use jianggao::app::{JiangGaoApp, Options};

const LABELS: [&str; 6] = ["讲稿标题", "会议名称", "单位", "讲话人", "日期", "称谓"];

fn harness_at(dir: &std::path::Path, font_size: f32) -> Harness<'static, JiangGaoApp> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1360.0, 860.0))
        .build_eframe(move |cc| {
            let prefs = Prefs {
                font_size,
                ..Prefs::default()
            };
            JiangGaoApp::with_prefs(&cc.egui_ctx, Options::for_tests(dir), prefs)
        });
    h.run_steps(4);
    h
}

/// The label and the field of one meeting detail.
fn pair(h: &Harness<'_, JiangGaoApp>, label: &str) -> (egui::Rect, egui::Rect) {
    // AccessKit keeps a Label's text in its value.
    let label_rect = h
        .get_all_by_value(label)
        .find(|n| n.accesskit_node().role() == Role::Label)
        .map(|n| n.rect());
    let field_rect = h
        .get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .map(|n| n.rect());
    (
        label_rect.unwrap_or_else(|| panic!("no label {label}")),
        field_rect.unwrap_or_else(|| panic!("no field {label}")),
    )
}

#[test]
fn form_labels_and_library_rows_hold_at_every_font_size() {
    for size in [12.0, 16.0, 28.0] {
        let dir = tempfile::tempdir().unwrap();
        let h = harness_at(dir.path(), size);
        for label in LABELS {
            let (l, f) = pair(&h, label);
            // The label's cell holds its text on one line, no taller than the field.
            let text_w = label.chars().count() as f32 * size * 0.9;
            assert!(l.width() >= text_w, "{size}: {label} does not fit: {l:?}");
            assert!(
                l.height() <= f.height() + 1.0,
                "{size}: {label} wraps: {l:?}"
            );
            assert!(
                l.right() <= f.left() + 0.5,
                "{size}: {label} {l:?} runs into {f:?}"
            );
            assert!(
                (l.center().y - f.center().y).abs() < 2.0,
                "{size}: {label} {l:?} is not beside its field {f:?}"
            );
            assert!(
                f.width() >= 8.0 * size - 1.0,
                "{size}: {label} field too narrow: {f:?}"
            );
        }
        // Labels of one column line up.
        let left: Vec<f32> = ["讲稿标题", "单位", "日期"]
            .iter()
            .map(|l| pair(&h, l).1.left())
            .collect();
        assert!(
            left.iter().all(|x| (x - left[0]).abs() < 0.5),
            "{size}: fields start at {left:?}"
        );
        let rows: Vec<egui::Rect> = h
            .get_all_by_label_contains("〔")
            .filter(|n| n.accesskit_node().role() != Role::TextInput)
            .map(|n| n.rect())
            .collect();
        assert!(rows.len() >= 5, "{size}: {} library rows", rows.len());
        for r in rows {
            assert!(
                r.height() < 2.0 * size,
                "{size}: a library row wraps: {r:?}"
            );
        }
    }
}

/// At the default size the form has two pairs a row; at the largest, one.
#[test]
fn the_form_takes_one_pair_a_row_when_two_do_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness_at(dir.path(), 16.0);
    let same_row = |h: &Harness<'_, JiangGaoApp>| {
        (pair(h, "讲稿标题").1.center().y - pair(h, "会议名称").1.center().y).abs() < 1.0
    };
    assert!(same_row(&h));
    let h = harness_at(dir.path(), 28.0);
    assert!(!same_row(&h));
}
