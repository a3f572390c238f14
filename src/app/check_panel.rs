//! 检查 panel: the pre-delivery findings, each jumping to its place on click, with a
//! one-click fix where it is safe.

use super::{Action, JiangGaoApp};
use crate::core::check::finding::{Finding, Severity};
use crate::core::check::{self, Settings};
use crate::core::draft::edit::Edit;
use crate::core::lexicon::dated::Formulations;

#[derive(Default)]
pub struct CheckPanel {
    pub open: bool,
    /// Findings and the draft revision they were computed for.
    pub findings: Vec<Finding>,
    rev: Option<u64>,
    /// The dated lexicon: the user's copy in the data folder, else the shipped one.
    forms: Option<Formulations>,
}

impl CheckPanel {
    /// Checks again when the draft changed since the last run.
    pub fn refresh(app: &mut JiangGaoApp) {
        if app.checks.rev == Some(app.doc.rev) {
            return;
        }
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        let settings = Settings {
            max_chars: 60 * app.prefs.rate as usize,
            rate: app.prefs.rate as usize,
            ..Settings::for_draft(&app.draft, &today)
        };
        if app.checks.forms.is_none() {
            let (forms, error) = Formulations::user_or_builtin(&app.opts.data_dir);
            if let Some(e) = error {
                app.set_error(format!("过时提法词表有误，已改用内置词表：{e}"));
            }
            app.checks.forms = Some(forms);
        }
        let forms = app.checks.forms.as_ref().expect("just loaded");
        app.checks.findings = check::check_draft(&app.draft, Some(&app.library), forms, &settings);
        app.checks.rev = Some(app.doc.rev);
    }
}

pub fn check_panel_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui) {
    CheckPanel::refresh(app);
    ui.horizontal(|ui| {
        ui.heading("交稿前检查");
        let n = |s: Severity| {
            app.checks
                .findings
                .iter()
                .filter(|f| f.severity == s)
                .count()
        };
        ui.label(format!(
            "错误 {}　注意 {}　提示 {}",
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info)
        ));
        if ui
            .button("把会议信息写入空位")
            .on_hover_text(
                "用会议信息填写 {本单位} {讲话人} {日期} {年份} {会议名称} {条数}（可撤销）；\n{他人姓名} {下属单位} {时间} 等会议信息无从得知，需逐个改写",
            )
            .clicked()
        {
            app.push(Action::Edit(Edit::FillSlots));
        }
        if ui.button("关闭").clicked() {
            app.checks.open = false;
        }
    });
    if app.checks.findings.is_empty() {
        ui.label("未发现问题。");
        return;
    }
    let ids: Vec<u64> = app.draft.blocks.iter().map(|b| b.id).collect();
    egui::ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (k, f) in app.checks.findings.clone().into_iter().enumerate() {
                ui.horizontal(|ui| {
                    let (sev, color) = match f.severity {
                        Severity::Error => ("错误", ui.visuals().error_fg_color),
                        Severity::Warning => ("注意", ui.visuals().warn_fg_color),
                        Severity::Info => ("提示", ui.visuals().weak_text_color()),
                    };
                    ui.colored_label(color, format!("{sev}·{}", f.kind.label()));
                    if !f.path.is_empty() {
                        ui.label(format!("〔{}〕", f.path));
                    }
                    let r = ui
                        .add(egui::Button::new(&f.message).frame(false))
                        .on_hover_text(f.fix.as_deref().unwrap_or("点击定位"));
                    if r.clicked()
                        && let Some(p) = f.place
                        && let Some(&id) = ids.get(p.block)
                    {
                        app.focus_request = Some((id, p.field, Some(f.start)));
                        app.preview = false;
                    }
                    // The button says what it does: "改为“两个维护”".
                    if let Some(fix) = &f.auto_fix
                        && ui
                            .add(egui::Button::new(fix_label(&fix.replacement)).small())
                            .on_hover_text(format!(
                                "第 {} 条：把“{}”{}",
                                k + 1,
                                f.text,
                                fix_label(&fix.replacement)
                            ))
                            .clicked()
                    {
                        app.push(Action::Edit(Edit::ApplyFix(Box::new(f.clone()))));
                    }
                });
                // What to change, under the message, when the fix is advice.
                if f.auto_fix.is_none()
                    && let Some(fix) = &f.fix
                {
                    ui.indent(("fix", k), |ui| {
                        ui.weak(format!("→ {fix}"));
                    });
                }
            }
        });
}

/// A fix button's label: what the text becomes.
fn fix_label(replacement: &str) -> String {
    let mut r: String = replacement.chars().take(12).collect();
    if replacement.chars().count() > 12 {
        r.push('…');
    }
    format!("改为“{r}”")
}
