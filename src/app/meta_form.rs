//! The meeting details above the outline. They fill the slots whose role they know
//! (`{本单位}`, `{讲话人}`, `{日期}` …), never a third person's or another unit's.

use super::JiangGaoApp;
use crate::core::history::ChangeKind;

pub fn meta_form_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, now: f64) {
    let mut changed = false;
    // egui edits a copy; a change reaches the draft as an Edit (the one writer).
    let mut meta = app.draft.meta.clone();
    let m = &mut meta;
    // Two columns of label + field; widths follow the panel.
    let half = (ui.available_width() / 2.0 - 90.0).max(140.0);
    let mut field = |ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str| {
        let l = ui.add_sized([64.0, 20.0], egui::Label::new(label));
        let r = ui
            .add(
                egui::TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width(half),
            )
            .labelled_by(l.id);
        changed |= r.changed();
    };
    for row in 0..3 {
        ui.horizontal(|ui| match row {
            0 => {
                field(
                    ui,
                    "讲稿标题",
                    &mut m.title,
                    "如：在全市组织工作会议上的讲话",
                );
                field(ui, "会议名称", &mut m.meeting, "填入 {会议名称}");
            }
            1 => {
                field(ui, "单位", &mut m.unit, "填入 {本单位}");
                field(ui, "讲话人", &mut m.speaker, "填入 {讲话人}");
            }
            _ => {
                field(ui, "日期", &mut m.date, "YYYY-MM-DD，填入 {日期} {年份}");
                field(ui, "称谓", &mut m.salutation, "同志们：");
            }
        });
    }
    if changed {
        app.draft
            .apply(crate::core::draft_edit::Edit::SetMeta(Box::new(meta)));
        // The draft as the frame began: kept by the app, cloned only when something changed.
        let before = app.snapshot.clone();
        app.changed(&before, ChangeKind::Typing(None), now);
    }
}
