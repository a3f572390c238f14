//! The meeting details above the outline. They fill the slots whose role they know
//! (`{本单位}`, `{讲话人}`, `{日期}` …), never a third person's or another unit's.

use super::Action;
use crate::core::draft::Meta;

/// Label, example, and what the field is for, in the order shown (two pairs a row when
/// the panel is wide enough). The example says what to type; the hover says where it goes.
const FIELDS: [(&str, &str, &str); 6] = [
    (
        "讲稿标题",
        "如：在全市组织工作会议上的讲话",
        "讲稿的标题，导出时居中排在首行",
    ),
    (
        "会议名称",
        "如：全市机关党建工作会议",
        "模板中的 {会议名称} 会换成它",
    ),
    ("单位", "如：市直机关工委", "模板中的 {本单位} 会换成它"),
    (
        "讲话人",
        "如：张明",
        "导出时署名；模板中的 {讲话人} 会换成它",
    ),
    (
        "日期",
        "如：2026-12-15",
        "讲话日期（年-月-日）：导出时署在标题下；模板中的 {日期} {年份} 会换成它；过时提法按它判断",
    ),
    ("称谓", "同志们：", "开头的称谓"),
];

/// Narrowest useful field: about eight characters of body text.
fn min_field_width(ui: &egui::Ui) -> f32 {
    8.0 * ui.text_style_height(&egui::TextStyle::Body)
}

/// The form over the draft's meeting details; what is typed comes back as
/// `Action::TypeMeta` (the app applies it as an edit, one typing step).
pub fn meta_form_ui(meta: &Meta, ui: &mut egui::Ui, out: &mut Vec<Action>) {
    let mut changed = false;
    // egui edits a copy; a change reaches the draft as an Edit (the one writer).
    let mut meta = meta.clone();
    let m = &mut meta;
    // A grid sized from the font: the label column as wide as the longest label, so
    // that at any font size labels stay on one line and beside their field.
    let label_w = FIELDS
        .iter()
        .map(|(l, _, _)| {
            let galley = ui.painter().layout_no_wrap(
                l.to_string(),
                egui::TextStyle::Body.resolve(ui.style()),
                egui::Color32::PLACEHOLDER,
            );
            galley.size().x
        })
        .fold(0.0, f32::max);
    let gap = ui.spacing().item_spacing.x;
    let two_pairs = (ui.available_width() - 2.0 * label_w - 4.0 * gap) / 2.0;
    let per_row = if two_pairs >= min_field_width(ui) {
        2
    } else {
        1
    };
    let field_w = if per_row == 2 {
        two_pairs
    } else {
        (ui.available_width() - label_w - 2.0 * gap).max(min_field_width(ui))
    };
    let mut values = [
        &mut m.title,
        &mut m.meeting,
        &mut m.unit,
        &mut m.speaker,
        &mut m.date,
        &mut m.salutation,
    ];
    // Each label in a cell as wide as the longest label and as tall as a field, so it
    // stays on one line and centred beside its field.
    // (A single-line field is a text row plus egui's 2 px margin above and below.)
    let field_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let label_size = egui::vec2(label_w, field_h.max(ui.spacing().interact_size.y));
    for pairs in FIELDS
        .iter()
        .zip(values.iter_mut())
        .collect::<Vec<_>>()
        .chunks_mut(per_row)
    {
        ui.horizontal(|ui| {
            for ((label, hint, about), value) in pairs.iter_mut() {
                let l = ui
                    .add_sized(
                        label_size,
                        egui::Label::new(*label).wrap_mode(egui::TextWrapMode::Extend),
                    )
                    .on_hover_text(*about);
                let id = egui::Id::unique(("meta_field", *label));
                let r = super::ime::text_field(ui, id, value, |ui, buf| {
                    egui::TextEdit::singleline(buf)
                        .id(id)
                        .hint_text(*hint)
                        .desired_width(field_w)
                        .show(ui)
                });
                r.output
                    .response
                    .response
                    .labelled_by(l.id)
                    .on_hover_text(*about);
                changed |= r.changed;
            }
        });
    }
    if changed {
        out.push(Action::TypeMeta(Box::new(meta)));
    }
}
