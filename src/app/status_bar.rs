//! The status bar: length, speaking time, unfilled slots, save state, messages.

use super::JiangGaoApp;

/// Characters of the speech as delivered (filled slots, no white space, no markers).
pub fn char_count(app: &JiangGaoApp) -> usize {
    app.draft.spoken_chars()
}

/// Per-revision figures of the draft, so idle and typing frames don't recount them.
#[derive(Default)]
pub struct Counts {
    rev: Option<u64>,
    pub chars: usize,
    pub unfilled: usize,
    /// The draft's own text, for marking phrases already used.
    pub plain: String,
}

impl Counts {
    pub fn refresh(app: &mut JiangGaoApp) {
        if app.counts.rev == Some(app.doc.rev) {
            return;
        }
        let d = &app.draft;
        let chars = d.spoken_chars();
        let counts = Counts {
            rev: Some(app.doc.rev),
            chars,
            unfilled: d.unfilled_slots().len(),
            plain: d.plain_text(),
        };
        app.counts = counts;
    }
}

pub fn status_bar_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui) {
    Counts::refresh(app);
    ui.horizontal(|ui| {
        let chars = app.counts.chars;
        ui.label(format!("字数：{chars}"));
        ui.separator();
        let minutes = chars as f64 / f64::from(app.prefs.rate.max(1));
        ui.label(format!("预计时长：{:.0} 分钟", minutes.ceil()));
        let l = ui.label("语速");
        ui.add(
            egui::DragValue::new(&mut app.prefs.rate)
                .range(150..=300)
                .suffix(" 字/分"),
        )
        .labelled_by(l.id)
        .on_hover_text("每分钟讲多少字（150–300）");
        ui.separator();
        let unfilled = app.counts.unfilled;
        let color = if unfilled > 0 {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.colored_label(color, format!("未填空位：{unfilled}"));
        ui.separator();
        let state = if app.doc.dirty() {
            match &app.doc.autosave_label {
                Some(t) if app.doc.autosaved_rev == app.doc.rev => format!("已自动保存 {t}"),
                _ => "未保存".to_string(),
            }
        } else if app.doc.path.is_none() {
            // Nothing to save yet, and nothing saved: a new draft is not "saved".
            "新讲稿，尚未保存".to_string()
        } else {
            "已保存".to_string()
        };
        ui.label(state);
        if let Some((done, total)) = app.import_progress {
            ui.separator();
            ui.label(format!("导入语料 {done}/{total}"));
        }
        if let Some((msg, err)) = &app.status {
            ui.separator();
            let c = if *err {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(c, msg);
        }
    });
}
