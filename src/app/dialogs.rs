//! Modal dialogs: a path field for every file operation (works where no native dialog
//! service exists), restoring an autosave, import summary, shortcuts, about; and the
//! find window.

use std::path::PathBuf;

use super::action::Command;
use super::worker::{ImportSummary, PathPurpose};
use super::{Action, Caret, FileRequest, JiangGaoApp};
use crate::core::draft::Field;
use crate::core::draft::edit::Edit;
use crate::core::draft::recovery::Orphan;
use crate::core::export::TextEncoding;

pub struct PathDialog {
    pub purpose: PathPurpose,
    pub path: String,
    /// Set by a native dialog's pick: act without another click.
    pub confirmed: bool,
    /// The user agreed to replace the existing file at `path`.
    pub overwrite: bool,
    /// The path field has had the keyboard once: typing and Enter work at once.
    pub focused: bool,
}

impl PathDialog {
    pub fn new(purpose: PathPurpose, path: String) -> Self {
        PathDialog {
            purpose,
            path,
            confirmed: false,
            overwrite: false,
            focused: false,
        }
    }

    fn title(&self) -> &'static str {
        match self.purpose {
            PathPurpose::Open => "打开讲稿",
            PathPurpose::SaveAs => "保存讲稿",
            PathPurpose::Export(crate::core::export::Format::Txt, _) => "导出为文本",
            PathPurpose::Export(crate::core::export::Format::Md, _) => "导出为 Markdown",
            PathPurpose::Export(crate::core::export::Format::Docx, false) => {
                "导出为 Word（公文版式）"
            }
            PathPurpose::Export(crate::core::export::Format::Docx, true) => "导出为 Word 大字版",
            PathPurpose::ImportCorpus => "导入语料（讲话稿文件夹）",
        }
    }
}

pub enum Dialog {
    Path(PathDialog),
    /// Work of a window that is gone: restore it, or go on to confirm discarding it.
    Restore(Box<Orphan>),
    /// The second step of discarding: names what will be lost.
    ConfirmDiscard(Box<Orphan>),
    ImportSummary(ImportSummary),
    /// The file a save or export names exists: replace it?
    ConfirmOverwrite(PathDialog),
    Shortcuts,
    About,
    /// The window is closing with unsaved changes: save, don't save, or stay.
    ConfirmQuit,
}

#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub query: String,
    pub replacement: String,
}

pub fn dialogs_ui(app: &mut JiangGaoApp, ctx: &egui::Context) {
    find_ui(app, ctx);
    super::outline_view::outline_view_ui(app, ctx);
    import_progress_ui(app, ctx);
    let Some(dialog) = app.dialog.take() else {
        return;
    };
    let keep = match dialog {
        Dialog::Path(d) => path_dialog_ui(app, ctx, d),
        Dialog::Restore(d) => restore_ui(app, ctx, d),
        Dialog::ConfirmDiscard(d) => confirm_discard_ui(app, ctx, d),
        Dialog::ImportSummary(s) => summary_ui(ctx, s),
        Dialog::ConfirmOverwrite(d) => confirm_overwrite_ui(ctx, d),
        Dialog::Shortcuts => shortcuts_ui(ctx).then_some(Dialog::Shortcuts),
        Dialog::About => about_ui(ctx).then_some(Dialog::About),
        Dialog::ConfirmQuit => super::quit::confirm_quit_ui(app, ctx),
    };
    // A dialog opened while this one was handled (e.g. by its action) wins.
    if app.dialog.is_none() {
        app.dialog = keep;
    }
    // Several windows may have left work behind: offer the next once this one is answered.
    app.offer_next_orphan();
}

pub(super) fn modal<R>(
    ctx: &egui::Context,
    id: &str,
    content: impl FnOnce(&mut egui::Ui) -> R,
) -> (R, bool) {
    let r = egui::Modal::new(egui::Id::unique(("modal", id))).show(ctx, |ui| {
        ui.set_max_width(560.0);
        content(ui)
    });
    let close = r.should_close();
    (r.inner, close)
}

// Over 80 lines: one dialog laid out top to bottom (path, browse, overwrite confirmation, buttons); its pieces share the dialog's state.
fn path_dialog_ui(app: &mut JiangGaoApp, ctx: &egui::Context, mut d: PathDialog) -> Option<Dialog> {
    let mut ok = d.confirmed;
    let mut cancel = false;
    let title = d.title();
    let (_, closed) = modal(ctx, "path", |ui| {
        ui.heading(title);
        ui.horizontal(|ui| {
            let l = ui.label(if d.purpose == PathPurpose::ImportCorpus {
                "文件夹路径"
            } else {
                "文件路径"
            });
            let id = egui::Id::unique("path_field");
            let r = super::ime::text_field(ui, id, &mut d.path, |ui, buf| {
                egui::TextEdit::singleline(buf)
                    .id(id)
                    .desired_width(420.0)
                    .show(ui)
            })
            .output
            .response
            .response
            .labelled_by(l.id);
            if !d.focused {
                r.request_focus();
                d.focused = true;
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                ok = true;
            }
        });
        // A long path scrolls its end out of the field: name the file and folder below it.
        let typed = PathBuf::from(d.path.trim());
        if let Some(name) = typed
            .file_name()
            .filter(|_| d.purpose != PathPurpose::ImportCorpus)
        {
            let folder = typed
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            ui.small(format!(
                "文件名：{}　位置：{folder}",
                name.to_string_lossy()
            ));
        }
        if d.purpose == PathPurpose::Export(crate::core::export::Format::Txt, false) {
            ui.horizontal(|ui| {
                ui.label("编码");
                for e in [TextEncoding::Utf8, TextEncoding::Gb18030] {
                    ui.radio_value(&mut app.prefs.encoding, e, e.label());
                }
            });
        }
        ui.horizontal(|ui| {
            if ui.button("确定").clicked() {
                ok = true;
            }
            if ui
                .button("浏览…")
                .on_hover_text("打开系统的文件对话框")
                .clicked()
            {
                app.pending.push(Action::File(FileRequest::Pick {
                    purpose: d.purpose,
                    start: PathBuf::from(&d.path),
                }));
            }
            if ui.button("取消").clicked() {
                cancel = true;
            }
        });
    });
    if cancel || closed {
        return None;
    }
    if !ok {
        return Some(Dialog::Path(d));
    }
    let path = PathBuf::from(d.path.trim());
    if d.path.trim().is_empty() {
        app.set_error("请填写文件路径".into());
        return Some(Dialog::Path(PathDialog {
            confirmed: false,
            ..d
        }));
    }
    // Saving over the draft's own file is the ordinary save; any other existing file
    // is replaced only when the user says so.
    let replaces = matches!(d.purpose, PathPurpose::SaveAs | PathPurpose::Export(..))
        && path.exists()
        && !app
            .doc
            .path
            .as_ref()
            .is_some_and(|p| d.purpose == PathPurpose::SaveAs && p == &path);
    if replaces && !d.overwrite {
        return Some(Dialog::ConfirmOverwrite(PathDialog {
            confirmed: false,
            ..d
        }));
    }
    // Done at the end of the frame; a failure opens this dialog again.
    app.push(match d.purpose {
        PathPurpose::Open => Action::OpenPath(path),
        PathPurpose::SaveAs => Action::File(FileRequest::SaveAs(path)),
        PathPurpose::Export(format, large) => Action::File(FileRequest::Export {
            path,
            format,
            large,
        }),
        PathPurpose::ImportCorpus => Action::File(FileRequest::Import(path)),
    });
    None
}

/// "保存于 12月1日 10:15" for a recovery file's time, when the file system tells it.
fn saved_at(o: &Orphan) -> String {
    o.modified
        .map(|t| {
            let t: chrono::DateTime<chrono::Local> = t.into();
            format!("自动保存于 {}", t.format("%Y-%m-%d %H:%M"))
        })
        .unwrap_or_else(|| "自动保存时间不详".into())
}

fn describe(o: &Orphan) -> String {
    format!(
        "《{}》，{}，共 {} 段、{} 字{}",
        o.title(),
        saved_at(o),
        o.recovered.draft.blocks.len(),
        o.chars(),
        o.recovered
            .file
            .as_ref()
            .map(|f| format!("，原文件 {}", f.display()))
            .unwrap_or_default()
    )
}

fn confirm_overwrite_ui(ctx: &egui::Context, d: PathDialog) -> Option<Dialog> {
    let mut choice = None;
    modal(ctx, "confirm_overwrite", |ui| {
        ui.heading("文件已存在");
        ui.label(format!(
            "{} 已经存在。替换它吗？原有内容将被覆盖。",
            d.path.trim()
        ));
        ui.horizontal(|ui| {
            if ui.button("替换").clicked() {
                choice = Some(true);
            }
            if ui.button("换个名字").clicked() {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => Some(Dialog::Path(PathDialog {
            confirmed: true,
            overwrite: true,
            ..d
        })),
        Some(false) => Some(Dialog::Path(d)),
        None => Some(Dialog::ConfirmOverwrite(d)),
    }
}

fn restore_ui(app: &mut JiangGaoApp, ctx: &egui::Context, o: Box<Orphan>) -> Option<Dialog> {
    let mut choice = None;
    modal(ctx, "restore", |ui| {
        ui.heading("恢复未保存的讲稿？");
        ui.label("有一个窗口关闭或异常退出时留下了未保存的讲稿：");
        ui.label(describe(&o));
        ui.label("现在不处理也没关系：关闭窗口后它仍会保留，下次启动时再次询问。");
        ui.horizontal(|ui| {
            if ui.button("恢复").clicked() {
                choice = Some(true);
            }
            if ui.button("放弃…").clicked() {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => {
            app.push(Action::File(FileRequest::Restore(o)));
            None
        }
        Some(false) => Some(Dialog::ConfirmDiscard(o)),
        None => Some(Dialog::Restore(o)),
    }
}

fn confirm_discard_ui(
    app: &mut JiangGaoApp,
    ctx: &egui::Context,
    o: Box<Orphan>,
) -> Option<Dialog> {
    let mut choice = None;
    modal(ctx, "confirm_discard", |ui| {
        ui.heading("永久放弃这篇讲稿？");
        ui.label(format!("将永久删除：{}。", describe(&o)));
        ui.label("删除后无法找回。");
        ui.horizontal(|ui| {
            if ui.button("永久删除").clicked() {
                choice = Some(true);
            }
            if ui.button("返回").clicked() {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => {
            app.push(Action::File(FileRequest::Discard(o)));
            None
        }
        Some(false) => Some(Dialog::Restore(o)),
        None => Some(Dialog::ConfirmDiscard(o)),
    }
}

fn summary_ui(ctx: &egui::Context, s: ImportSummary) -> Option<Dialog> {
    let mut close = false;
    modal(ctx, "import_summary", |ui| {
        ui.heading(if s.saved_to.is_ok() {
            "导入语料完成"
        } else {
            "导入语料未完成"
        });
        if s.cancelled {
            ui.label("导入已取消，模板库未改变。");
        }
        ui.label(format!(
            "读取讲话稿 {} 篇，提炼模板 {} 个、提法 {} 条。",
            s.read, s.templates, s.phrases
        ));
        match &s.saved_to {
            Ok(p) => ui.label(format!("已加入我的模板库：{}", p.display())),
            Err(e) => ui.colored_label(ui.visuals().error_fg_color, format!("未保存：{e}")),
        };
        if let (Ok(_), Some((before, after))) = (&s.saved_to, s.library) {
            let new = after.saturating_sub(before);
            ui.label(format!(
                "模板库原有 {before} 个模板，现有 {after} 个（新增 {new} 个）。"
            ));
            // Fewer new than mined, and nothing replaced: the rest were there already.
            if new < s.templates && s.replaced == 0 {
                ui.weak("与模板库中已有模板相同的，只保留一份。");
            }
        }
        if !s.skipped.is_empty() {
            ui.label(format!("跳过的文件 {} 个：", s.skipped.len()));
            egui::ScrollArea::vertical()
                .max_height(200.0)
                .show(ui, |ui| {
                    for (p, why) in &s.skipped {
                        ui.small(format!("{}：{why}", p.display()));
                    }
                });
        }
        close = ui.button("好").clicked();
    });
    (!close).then_some(Dialog::ImportSummary(s))
}

fn shortcuts_ui(ctx: &egui::Context) -> bool {
    let mut open = true;
    let (_, closed) = modal(ctx, "shortcuts", |ui| {
        ui.heading("快捷键");
        egui::Grid::new("shortcut_grid")
            .striped(true)
            .show(ui, |ui| {
                for c in Command::ALL {
                    let info = c.info();
                    if info.shortcuts.is_empty() {
                        continue;
                    }
                    ui.label(info.label);
                    let keys: Vec<String> = info
                        .shortcuts
                        .iter()
                        .map(|s| ctx.format_shortcut(s))
                        .collect();
                    ui.label(keys.join(" / "));
                    ui.end_row();
                }
            });
        ui.small("输入法输入时，快捷键不会干扰选字。");
        if ui.button("关闭").clicked() {
            open = false;
        }
    });
    open && !closed
}

fn about_ui(ctx: &egui::Context) -> bool {
    let mut open = true;
    let (_, closed) = modal(ctx, "about", |ui| {
        ui.heading("讲稿工坊");
        ui.label(format!("版本 {}", env!("CARGO_PKG_VERSION")));
        ui.label("从过往讲话稿中提炼结构与提法，辅助起草党建讲话稿。全程离线，不联网。");
        ui.small("中文字体：Noto Sans CJK SC（SIL Open Font License 1.1）");
        if ui.button("关闭").clicked() {
            open = false;
        }
    });
    open && !closed
}

// Over 80 lines: one window laid out top to bottom: query, hits, replacement, buttons.
fn find_ui(app: &mut JiangGaoApp, ctx: &egui::Context) {
    if !app.find.open {
        return;
    }
    let mut open = true;
    let was_open = egui::Id::unique("find_was_open");
    let just_opened = ctx
        .data(|d| d.get_temp::<u64>(was_open))
        .is_none_or(|pass| pass + 1 < ctx.cumulative_pass_nr());
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(was_open, pass));
    egui::Window::new("查找")
        .open(&mut open)
        .default_width(320.0)
        .show(ctx, |ui| {
            let l = ui.label("查找内容");
            let id = egui::Id::unique("find_query");
            let r = super::ime::text_field(ui, id, &mut app.find.query, |ui, buf| {
                egui::TextEdit::singleline(buf)
                    .id(id)
                    .desired_width(f32::INFINITY)
                    .show(ui)
            });
            let r = r.output.response.response.labelled_by(l.id);
            // The caret goes to the box when the window opens, not at every frame: focus
            // requested again would interrupt the input method composing the first word.
            if just_opened {
                r.request_focus();
                // The last search selected: typing replaces it, Enter searches it again.
                let mut state =
                    egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(app.find.query.chars().count()),
                );
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), id);
            }
            if app.find.query.is_empty() {
                return;
            }
            let q = app.find.query.clone();
            let mut hits = 0;
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for (i, b) in app.draft.blocks.iter().enumerate() {
                        for (field, text) in [(Field::Heading, &b.heading), (Field::Body, &b.body)]
                        {
                            for (at, _) in text.match_indices(q.as_str()) {
                                hits += 1;
                                let cursor = text[..at].chars().count();
                                let snippet: String = text[at..].chars().take(24).collect();
                                let label =
                                    format!("{}{} …{snippet}", b.kind.label(), app.facts.marker(i));
                                if ui.selectable_label(false, label).clicked() {
                                    let end = cursor + q.chars().count();
                                    let c = Caret::selecting(b.id, field, cursor, end);
                                    app.pending.push(Action::Jump(c));
                                }
                            }
                        }
                    }
                });
            ui.label(format!("共 {hits} 处"));
            ui.separator();
            let l = ui.label("替换为");
            let id = egui::Id::unique("find_replacement");
            super::ime::text_field(ui, id, &mut app.find.replacement, |ui, buf| {
                egui::TextEdit::singleline(buf)
                    .id(id)
                    .desired_width(f32::INFINITY)
                    .show(ui)
            })
            .output
            .response
            .response
            .labelled_by(l.id);
            // Headings, bodies and the meeting details, in one undo step.
            let all = app.draft.count_occurrences(&q);
            if ui
                .add_enabled(all > 0, egui::Button::new("全部替换"))
                .on_hover_text("替换标题、正文和会议信息中的所有匹配，可一次撤销")
                .clicked()
            {
                app.push(Action::Edit(Edit::ReplaceAll {
                    find: q.clone(),
                    replace: app.find.replacement.clone(),
                }));
            }
        });
    app.find.open = open;
}

fn import_progress_ui(app: &mut JiangGaoApp, ctx: &egui::Context) {
    let Some((done, total)) = app.import_progress else {
        return;
    };
    egui::Window::new("正在导入语料")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            let frac = if total == 0 {
                0.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(frac)
                    .text(format!("{done}/{total}"))
                    .show_percentage(),
            );
            if ui.button("取消").clicked()
                && let Some(c) = &app.workers.import_cancel
            {
                c.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        });
}
