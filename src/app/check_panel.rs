//! 检查 panel: the pre-delivery findings, each jumping to its place on click, with a
//! one-click fix where it is safe. The check itself runs in the background
//! (`check_job`); the panel draws the last answer and returns what the writer asked for.

use super::action::Command;
use super::check_job::{CheckInput, CheckJobs, CheckKey, Checker, Shown, settings};
use super::{Action, Caret, JiangGaoApp};
use crate::core::check::finding::{Finding, FindingKind, Severity};
use crate::core::draft::edit::Edit;

#[derive(Default)]
pub struct CheckPanel {
    pub open: bool,
    pub(super) jobs: CheckJobs,
    pub(super) shown: Shown,
}

impl CheckPanel {
    /// The findings on show (those of the last check that finished).
    pub fn findings(&self) -> &[Finding] {
        &self.shown.findings
    }

    /// Replaces the check (tests use one that fails).
    pub fn set_checker(&mut self, c: Checker) {
        self.jobs.set_checker(c);
    }

    /// The panel as it is to be drawn for the draft at `current`.
    pub fn view(&self, current: CheckKey) -> CheckView<'_> {
        CheckView {
            shown: &self.shown,
            pending: self.shown.key != Some(current) && self.jobs.failure.is_none(),
            failure: self.jobs.failure.as_deref(),
        }
    }
}

impl JiangGaoApp {
    /// Starts the check in the background once the draft has rested (the panel open).
    pub(super) fn tick_check(&mut self, now: f64, ctx: &egui::Context) {
        let key = self.check_key();
        let debounce = self.opts.suggest_debounce;
        let input = || CheckInput {
            // Committed text only, never an input method's preedit.
            draft: self.draft.clone(),
            library: self.shelf.library.clone(),
            settings: settings(&self.draft, self.prefs.rate),
            data_dir: self.opts.data_dir.clone(),
        };
        let open = self.checks.open;
        if self
            .checks
            .jobs
            .tick(key, open, now, debounce, &self.workers, input)
        {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(debounce));
        }
    }
}

/// What the panel draws: the findings of the last check, and whether a newer one is
/// pending or the last one failed.
pub struct CheckView<'a> {
    shown: &'a Shown,
    pending: bool,
    failure: Option<&'a str>,
}

impl CheckView<'_> {
    pub fn ui(self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut out = Vec::new();
        self.header(ui, &mut out);
        if let Some(why) = self.failure {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("检查未完成：{why}。修改讲稿后会再次检查。"),
            );
        }
        if self.shown.findings.is_empty() {
            if self.shown.key.is_some() {
                ui.label("未发现问题。");
            }
            return out;
        }
        // One line a finding, and only the lines in view are drawn: a long draft has
        // hundreds. One scroll state for the list, whatever the answer: a fix keeps the place.
        let row_h = ui
            .spacing()
            .interact_size
            .y
            .max(ui.text_style_height(&egui::TextStyle::Body))
            + ui.spacing().item_spacing.y;
        let n = self.shown.rows.len();
        egui::ScrollArea::vertical()
            .id_salt("findings")
            .auto_shrink([false, false])
            .show_rows(ui, row_h, n, |ui, range| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for &(k, times) in &self.shown.rows[range] {
                    self.finding_ui(ui, k, times, &self.shown.findings[k], &mut out);
                }
            });
        out
    }

    fn header(&self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.heading("交稿前检查");
            let [e, w, i] = self.shown.counts;
            ui.label(format!("错误 {e}　注意 {w}　提示 {i}"));
            if ui
                .button("把会议信息写入空位")
                .on_hover_text(
                    "用会议信息填写 {本单位} {讲话人} {日期} {年份} {会议名称} {条数}（可撤销）；\n{他人姓名} {下属单位} {时间} 等会议信息无从得知，需逐个改写",
                )
                .clicked()
            {
                out.push(Action::Edit(Edit::FillSlots));
            }
            if ui.button("关闭").clicked() {
                out.push(Action::Command(Command::Check));
            }
            if self.pending {
                ui.weak("正在检查…");
            }
        });
    }

    /// One row: finding `k`, standing for `times` findings of the same text.
    fn finding_ui(
        &self,
        ui: &mut egui::Ui,
        k: usize,
        times: usize,
        f: &Finding,
        out: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            let (sev, color) = match f.severity {
                Severity::Error => ("错误", ui.visuals().error_fg_color),
                Severity::Warning => ("注意", ui.visuals().warn_fg_color),
                Severity::Info => ("提示", ui.visuals().weak_text_color()),
            };
            ui.colored_label(color, format!("{sev}·{}", f.kind.label()));
            // The place, like the message, takes the writer there.
            let mut go = !f.path.is_empty()
                && ui
                    .add(egui::Button::new(format!("〔{}〕", f.path)).frame(false))
                    .on_hover_text("点击定位")
                    .clicked();
            // The button says what it does ("改为“两个维护”"), before the message so that a
            // long message never hides it.
            if let (Some(fix), Some(edit)) = (&f.auto_fix, f.text_fix())
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
                out.push(Action::Edit(Edit::ApplyFix(edit)));
            }
            if f.kind == FindingKind::CarriedOver {
                self.replace_ui(ui, f, out);
            }
            if times > 1 {
                ui.weak(format!("共 {times} 处"));
            }
            let r = ui
                .add(egui::Button::new(&f.message).frame(false).truncate())
                .on_hover_text(f.fix.as_deref().unwrap_or("点击定位"));
            go |= r.clicked();
            // The place names a block of the draft checked: its id finds it now.
            if go
                && let Some(p) = f.place
                && let Some(&id) = self.shown.ids.get(p.block)
            {
                // The flagged words selected: what the writer types or pastes replaces them.
                out.push(Action::Jump(Caret::selecting(id, p.field, f.start, f.end)));
            }
            // What to change, after the message, when the fix is advice.
            if f.auto_fix.is_none()
                && let Some(fix) = &f.fix
            {
                ui.weak(format!("→ {fix}")).on_hover_text(fix);
            }
        });
    }
}

impl CheckView<'_> {
    /// A name carried over from the old speech is changed at every place the check
    /// flagged it, in one undo step: not a find-and-replace, which would also change it
    /// inside a longer name (部机关 in 市委组织部机关党委).
    fn replace_ui(&self, ui: &mut egui::Ui, f: &Finding, out: &mut Vec<Action>) {
        let id = egui::Id::unique(("carried_replacement", f.message.as_str()));
        // (what the writer typed, whether the field is still to take the caret)
        let mut editing: Option<(String, bool)> = ui.data(|d| d.get_temp(id));
        match editing.as_mut() {
            None => {
                if ui
                    .add(egui::Button::new("全部改写…").small())
                    .on_hover_text(format!("把标出的每一处“{}”改为本单位的说法", f.text))
                    .clicked()
                {
                    editing = Some((String::new(), true));
                }
            }
            Some((replacement, focus)) => {
                let l = ui.label("改为");
                let field = id.with("field");
                let r = super::ime::text_field(ui, field, replacement, |ui, buf| {
                    egui::TextEdit::singleline(buf)
                        .id(field)
                        .desired_width(120.0)
                        .show(ui)
                })
                .output
                .response
                .response
                .labelled_by(l.id);
                if std::mem::take(focus) {
                    r.request_focus();
                }
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let fixes: Vec<_> = self
                    .shown
                    .findings
                    .iter()
                    // The findings of this row: the same text, said the same way.
                    .filter(|g| g.kind == FindingKind::CarriedOver && g.message == f.message)
                    .filter_map(|g| g.replaced_by(replacement))
                    .collect();
                let ok = !replacement.trim().is_empty() && !fixes.is_empty();
                let label = format!("改写 {} 处", fixes.len());
                let apply = ui
                    .add_enabled(ok, egui::Button::new(label).small())
                    .clicked();
                if ok && (apply || enter) {
                    out.push(Action::Edit(Edit::ApplyFixes(fixes)));
                    editing = None;
                } else if ui.add(egui::Button::new("取消").small()).clicked() {
                    editing = None;
                }
            }
        }
        ui.data_mut(|d| match editing {
            Some(s) => {
                d.insert_temp(id, s);
            }
            None => d.remove::<(String, bool)>(id),
        });
    }
}

/// A fix button's label: what the text becomes.
fn fix_label(replacement: &str) -> String {
    let mut r: String = replacement.chars().take(12).collect();
    if replacement.chars().count() > 12 {
        r.push('…');
    }
    format!("改为“{r}”")
}
