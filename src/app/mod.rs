//! The desktop app. It reads core state, draws it, and collects actions during the frame;
//! the core applies them once at the end of the frame.

pub mod action;
pub mod apply;
pub mod check_panel;
pub mod dialogs;
pub mod draft_panel;
pub mod files;
pub mod fonts;
pub mod highlight;
pub mod ime;
#[cfg(target_os = "linux")]
mod ime_focus;
pub mod library_panel;
pub mod menu;
pub mod meta_form;
pub mod outline_view;
pub mod phrase_panel;
pub mod prefs;
pub mod status_bar;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;

use crate::core::draft::history::{ChangeKind, History};
use crate::core::draft::recovery;
use crate::core::draft::{BlockKind, Draft};
use crate::core::library::Library;
use action::Command;
use dialogs::Dialog;
use prefs::Prefs;
use worker::{Msg, PathPurpose, Workers};

/// How often the draft is written to the data folder while it has unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 3.0;
/// Typing pause before suggestions refresh.
pub const SUGGEST_DEBOUNCE: f64 = 0.3;

/// When the process started, for the start-to-first-frame figure (`JIANGGAO_TIMING=1`).
pub static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Where the app keeps its data, and whether background work runs inline (tests).
#[derive(Debug, Clone)]
pub struct Options {
    pub data_dir: PathBuf,
    pub sync: bool,
    /// Load the user library from `data_dir/templates` beside the shipped one.
    pub user_library: bool,
    /// Seconds between autosaves while there are unsaved changes.
    pub autosave_seconds: f64,
    /// Typing pause before suggestions refresh.
    pub suggest_debounce: f64,
}

impl Options {
    /// The OS data folder, e.g. ~/.local/share/jianggao.
    pub fn from_env() -> Self {
        let data_dir = crate::core::installed::default_data_dir();
        Options {
            data_dir,
            sync: false,
            user_library: true,
            autosave_seconds: AUTOSAVE_SECONDS,
            suggest_debounce: SUGGEST_DEBOUNCE,
        }
    }

    /// For tests: everything inline, autosave on every change, no debounce.
    pub fn for_tests(data_dir: PathBuf) -> Self {
        Options {
            data_dir,
            sync: true,
            user_library: false,
            autosave_seconds: 0.0,
            suggest_debounce: 0.0,
        }
    }
}

/// Which text field of which block has the caret, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub block: u64,
    /// 0 = heading, 1 = body.
    pub field: u8,
    /// Caret position in characters.
    pub cursor: usize,
}

/// Something the UI asks for; applied at the end of the frame: a command, an edit of the
/// draft (through `Draft::apply`), an insertion that needs the library or the caret, or a
/// file to open.
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    Edit(crate::core::draft::edit::Edit),
    InsertTemplate {
        id: String,
        after_block: Option<u64>,
    },
    InsertBlank(BlockKind),
    InsertPhrase(String),
    /// Replaces the paragraph holding the caret (a model paragraph from the panel).
    ReplaceParagraph(String),
    OpenPath(PathBuf),
}

/// The document: its file, and revision counters for unsaved and autosaved state.
#[derive(Debug, Default)]
pub struct Doc {
    pub path: Option<PathBuf>,
    pub rev: u64,
    pub saved_rev: u64,
    pub autosaved_rev: u64,
    pub last_autosave: Option<f64>,
    /// "HH:MM:SS" of the last autosave, for the status bar.
    pub autosave_label: Option<String>,
}

impl Doc {
    pub fn dirty(&self) -> bool {
        self.rev != self.saved_rev
    }
}

pub struct JiangGaoApp {
    pub opts: Options,
    pub prefs: Prefs,
    pub draft: Draft,
    pub history: History,
    pub doc: Doc,
    pub library: Arc<Library>,
    pub library_ready: bool,
    pub lib_panel: library_panel::LibraryPanel,
    pub phrases: phrase_panel::PhrasePanel,
    pub focus: Option<Focus>,
    pub dialog: Option<Dialog>,
    pub find: dialogs::FindBar,
    /// A message for the user and whether it is an error.
    pub status: Option<(String, bool)>,
    pub preview: bool,
    /// The outline window (headings only) is shown.
    pub outline_open: bool,
    /// The next frame shows the draft from its top (after opening or a new draft).
    pub scroll_to_top: bool,
    pub workers: Workers,
    pub import_progress: Option<(usize, usize)>,
    pub counts: status_bar::Counts,
    pub checks: check_panel::CheckPanel,
    pending: Vec<Action>,
    /// Set when a field needs the caret (after inserting a block or jumping to a find hit).
    pub focus_request: Option<(u64, u8, Option<usize>)>,
    applied_font_size: f32,
    applied_dark: Option<bool>,
    first_frame_done: bool,
    /// A text field is composing with an input method (its preedit is never in the draft).
    pub composing: bool,
    /// This frame's input events (the text fields read the input method's from here).
    pub frame_events: Vec<egui::Event>,
    /// The draft as the current frame began (committed text only), the undo base for
    /// typing; refreshed at the end of a frame that changed the draft.
    pub snapshot: Draft,
    /// This window's recovery file and lock; `None` when the data folder is unusable
    /// (then autosave is off and the status bar says so).
    pub session: Option<recovery::Session>,
    /// Work of windows that are gone, still to be offered after the one on screen.
    pub orphans: Vec<recovery::Orphan>,
    /// The window title last sent to the OS: 「标题 — 讲稿工坊」, with • when unsaved.
    pub window_title: String,
}

impl JiangGaoApp {
    /// The app as eframe creates it.
    pub fn new(cc: &eframe::CreationContext<'_>, opts: Options) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY))
            .unwrap_or_default();
        Self::with_prefs(&cc.egui_ctx, opts, prefs)
    }

    /// The app on any egui context (tests build it this way too).
    pub fn with_prefs(ctx: &egui::Context, opts: Options, prefs: Prefs) -> Self {
        fonts::install(ctx);
        let workers = Workers::new(ctx.clone(), opts.sync);
        let draft = Draft {
            numbering: prefs.numbering,
            ..Draft::default()
        };
        let mut app = JiangGaoApp {
            opts,
            prefs,
            draft,
            history: History::default(),
            doc: Doc::default(),
            library: Arc::new(Library::default()),
            library_ready: false,
            lib_panel: Default::default(),
            phrases: Default::default(),
            focus: None,
            dialog: None,
            find: Default::default(),
            status: None,
            preview: false,
            outline_open: false,
            scroll_to_top: false,
            workers,
            import_progress: None,
            counts: Default::default(),
            checks: Default::default(),
            pending: Vec::new(),
            focus_request: None,
            applied_font_size: 0.0,
            applied_dark: None,
            first_frame_done: false,
            composing: false,
            frame_events: Vec::new(),
            snapshot: Draft::default(),
            session: None,
            orphans: Vec::new(),
            window_title: String::new(),
        };
        app.workers
            .load_library(app.opts.data_dir.clone(), app.opts.user_library);
        app.offer_restore();
        app
    }

    /// Starts this window's recovery slot, then offers the work of windows that are gone
    /// (after a crash, or closed with unsaved changes), newest first.
    fn offer_restore(&mut self) {
        match recovery::Session::start(&self.opts.data_dir) {
            Ok(s) => self.session = Some(s),
            Err(e) => self.set_error(format!(
                "无法在 {} 中建立自动保存（{e}），本窗口不会自动保存",
                self.opts.data_dir.display()
            )),
        }
        let (found, notes) = recovery::orphans(&self.opts.data_dir, self.session.as_ref());
        if !notes.notes.is_empty() {
            self.set_error(notes.notes.join("；"));
        }
        self.orphans = found;
        self.offer_next_orphan();
    }

    /// Shows the next recovery prompt, if any is left and no other dialog is open.
    pub(super) fn offer_next_orphan(&mut self) {
        if self.dialog.is_none() && !self.orphans.is_empty() {
            let o = self.orphans.remove(0);
            self.dialog = Some(Dialog::Restore(Box::new(o)));
        }
    }

    /// 「标题 — 讲稿工坊」 (the file name when there is no title), with a mark when unsaved.
    pub fn title_text(&self) -> String {
        let title = self.draft.meta.title.trim();
        let name = if !title.is_empty() {
            title.to_string()
        } else if let Some(p) = &self.doc.path {
            p.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        } else {
            "未命名讲稿".to_string()
        };
        let mark = if self.doc.dirty() { "● " } else { "" };
        format!("{mark}{name} — 讲稿工坊")
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let t = self.title_text();
        if t != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(t.clone()));
            self.window_title = t;
        }
    }

    pub fn set_error(&mut self, msg: String) {
        self.status = Some((msg, true));
    }

    pub fn set_info(&mut self, msg: String) {
        self.status = Some((msg, false));
    }

    pub fn push(&mut self, a: Action) {
        self.pending.push(a);
    }

    /// Records an undo point for a change made to the draft (`before` is the draft as it
    /// was) and marks the document changed.
    pub fn changed(&mut self, before: &Draft, kind: ChangeKind, now: f64) {
        self.history.record(before, kind, now);
        self.doc.rev += 1;
    }

    fn handle_messages(&mut self) {
        while let Ok(m) = self.workers.rx.try_recv() {
            match m {
                Msg::Loaded {
                    library,
                    index,
                    errors,
                } => {
                    self.library = library;
                    self.library_ready = true;
                    self.workers.set_index(index.clone());
                    self.phrases.index = Some(index);
                    self.phrases.dirty = true;
                    if !errors.is_empty() {
                        self.set_error(format!(
                            "模板库中有 {} 个文件无法读取：{}",
                            errors.len(),
                            errors.join("；")
                        ));
                    }
                }
                Msg::Suggestions { seq, hits } => self.phrases.receive(seq, hits),
                Msg::ImportProgress { done, total } => self.import_progress = Some((done, total)),
                Msg::ImportDone {
                    summary,
                    library,
                    index,
                } => {
                    self.import_progress = None;
                    self.workers.import_cancel = None;
                    self.library = library;
                    self.workers.set_index(index.clone());
                    self.phrases.index = Some(index);
                    self.phrases.dirty = true;
                    self.dialog = Some(Dialog::ImportSummary(summary));
                }
                Msg::Failed { job, message } => {
                    match job {
                        worker::Job::LoadLibrary => self.library_ready = true,
                        worker::Job::Import => {
                            self.import_progress = None;
                            self.workers.import_cancel = None;
                        }
                    }
                    self.set_error(format!("{}失败：{message}", job.label()));
                }
                Msg::Picked { purpose, path } => {
                    if let (Some(p), Some(Dialog::Path(d))) = (path, self.dialog.as_mut())
                        && d.purpose == purpose
                    {
                        d.path = p.display().to_string();
                        // A pick from the native dialog is a decision: act on it.
                        d.confirmed = true;
                    }
                }
            }
        }
    }

    fn consume_shortcuts(&mut self, ctx: &egui::Context) {
        // While an input method composes, its keys belong to it.
        let preedit = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Ime(egui::ImeEvent::Preedit { .. })))
        });
        if self.composing || preedit {
            return;
        }
        // Longer combinations first, so Ctrl+Shift+S is not taken for Ctrl+S.
        let mut all: Vec<(Command, egui::KeyboardShortcut)> = Command::ALL
            .iter()
            .flat_map(|c| c.info().shortcuts.iter().map(move |s| (*c, *s)))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(s.modifiers.shift as u8));
        for (c, s) in all {
            if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                self.push(Action::Command(c));
            }
        }
    }

    fn apply_style(&mut self, ctx: &egui::Context) {
        if self.applied_dark != Some(self.prefs.dark) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(self.prefs.dark);
        }
        if (self.applied_font_size - self.prefs.font_size).abs() > f32::EPSILON {
            let size = self.prefs.font_size.clamp(12.0, 28.0);
            ctx.all_styles_mut(|style| {
                use egui::{FontFamily, FontId, TextStyle};
                style.text_styles = [
                    (
                        TextStyle::Small,
                        FontId::new(size * 0.78, FontFamily::Proportional),
                    ),
                    (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                    (
                        TextStyle::Button,
                        FontId::new(size * 0.92, FontFamily::Proportional),
                    ),
                    (
                        TextStyle::Heading,
                        FontId::new(size * 1.3, FontFamily::Proportional),
                    ),
                    (
                        TextStyle::Monospace,
                        FontId::new(size * 0.9, FontFamily::Monospace),
                    ),
                ]
                .into();
            });
            self.applied_font_size = self.prefs.font_size;
        }
    }

    pub fn run_command(&mut self, c: Command, ctx: &egui::Context, now: f64) {
        match c {
            Command::New => {
                let before = self.draft.clone();
                self.draft = Draft {
                    numbering: self.prefs.numbering,
                    ..Draft::default()
                };
                self.changed(&before, ChangeKind::Structure, now);
                self.doc.path = None;
                self.focus = None;
                self.scroll_to_top = true;
                self.set_info("已新建讲稿（可撤销）".into());
            }
            Command::Open => self.open_path_dialog(PathPurpose::Open),
            Command::Save => match self.doc.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                }
                None => self.open_path_dialog(PathPurpose::SaveAs),
            },
            Command::SaveAs => self.open_path_dialog(PathPurpose::SaveAs),
            Command::ExportText => {
                self.open_path_dialog(PathPurpose::Export(crate::core::export::Format::Txt, false))
            }
            Command::ExportMarkdown => {
                self.open_path_dialog(PathPurpose::Export(crate::core::export::Format::Md, false))
            }
            Command::ExportWord => self.open_path_dialog(PathPurpose::Export(
                crate::core::export::Format::Docx,
                false,
            )),
            Command::ExportWordLarge => {
                self.open_path_dialog(PathPurpose::Export(crate::core::export::Format::Docx, true))
            }
            Command::Check => self.checks.open = !self.checks.open,
            Command::CopyAll => {
                ctx.copy_text(crate::core::export::render_txt(&self.draft));
                self.set_info("全文已复制到剪贴板".into());
            }
            Command::ImportCorpus => self.open_path_dialog(PathPurpose::ImportCorpus),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => {
                if self.history.undo(&mut self.draft) {
                    self.doc.rev += 1;
                    self.phrases.dirty = true;
                }
            }
            Command::Redo => {
                if self.history.redo(&mut self.draft) {
                    self.doc.rev += 1;
                    self.phrases.dirty = true;
                }
            }
            Command::Find => self.find.open = !self.find.open,
            Command::ToggleLibrary => self.prefs.show_library = !self.prefs.show_library,
            Command::TogglePhrases => self.prefs.show_phrases = !self.prefs.show_phrases,
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::Preview => self.preview = !self.preview,
            Command::Outline => self.outline_open = !self.outline_open,
            Command::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Command::About => self.dialog = Some(Dialog::About),
        }
    }

    /// Runs one frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.frame_events = ctx.input(|i| i.events.clone());
        self.handle_messages();
        self.update_window_title(&ctx);
        self.apply_style(&ctx);
        self.consume_shortcuts(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| menu::menu_bar_ui(self, ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::status_bar_ui(self, ui));
        if self.checks.open {
            egui::Panel::bottom("check_panel")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| check_panel::check_panel_ui(self, ui));
        }
        if self.prefs.show_library {
            egui::Panel::left("library_panel")
                .resizable(true)
                .default_size(340.0)
                .min_size(260.0)
                .show(ui, |ui| library_panel::library_panel_ui(self, ui));
        }
        if self.prefs.show_phrases {
            egui::Panel::right("phrase_panel")
                .resizable(true)
                .default_size(300.0)
                .min_size(200.0)
                .show(ui, |ui| phrase_panel::phrase_panel_ui(self, ui, now));
        }
        egui::CentralPanel::default().show(ui, |ui| draft_panel::draft_panel_ui(self, ui, now));
        dialogs::dialogs_ui(self, &ctx);

        for a in std::mem::take(&mut self.pending) {
            self.apply(a, &ctx, now);
        }
        self.composing = ime::composing(&ctx);
        self.phrases.maybe_query(
            &self.draft,
            self.focus,
            &self.workers,
            now,
            self.opts.suggest_debounce,
        );
        ime::place_candidate_window(&ctx);
        // Comparing is cheap (no allocation); cloning happens only after a change.
        if self.snapshot != self.draft {
            self.snapshot = self.draft.clone();
        }
        if self.phrases.waiting() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                self.opts.suggest_debounce,
            ));
        }
        self.autosave(now);
        if !self.first_frame_done {
            self.first_frame_done = true;
            if std::env::var_os("JIANGGAO_TIMING").is_some()
                && let Some(t) = PROCESS_START.get()
            {
                eprintln!(
                    "first frame after {:.0} ms",
                    t.elapsed().as_secs_f64() * 1000.0
                );
            }
        }
        if self.doc.rev != self.doc.autosaved_rev {
            // Wake up for the autosave even when the user stops typing.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                self.opts.autosave_seconds.max(0.5),
            ));
        }
    }
}

/// The grip a block or an outline row is dragged by: 28 px square, so that a near miss
/// does not land in the text beside it and select it.
pub(crate) fn drag_grip(ui: &mut egui::Ui) {
    let size = egui::vec2(28.0, 28.0);
    ui.add_sized(
        size,
        egui::Label::new(egui::RichText::new("≡").size(22.0)).selectable(false),
    )
    .on_hover_cursor(egui::CursorIcon::Grab)
    .on_hover_text("拖动以调整顺序");
}

/// Local wall-clock time as HH:MM:SS, for "已自动保存".
fn clock_now() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

impl eframe::App for JiangGaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        #[cfg(target_os = "linux")]
        ime_focus::remember_window(frame);
        #[cfg(not(target_os = "linux"))]
        let _ = frame;
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        // Unsaved work stays in the autosave for the next start; saved work needs none.
        if self.doc.dirty() {
            self.autosave_now();
        } else {
            self.clear_autosave();
        }
    }
}
