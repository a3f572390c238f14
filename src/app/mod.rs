//! The desktop app. It reads core state, draws it, and collects actions during the frame;
//! the core applies them once at the end of the frame.

pub mod action;
pub mod apply;
pub mod block_view;
mod caret;
pub mod check_job;
pub mod check_panel;
mod commands;
pub mod dialogs;
mod doc;
pub mod draft_facts;
pub mod draft_panel;
pub mod files;
pub mod fonts;
pub mod highlight;
pub mod ime;
#[cfg(target_os = "linux")]
mod ime_focus;
pub mod library_panel;
pub mod menu;
pub mod messages;
pub mod meta_form;
pub mod outline_view;
pub mod phrase_panel;
pub mod prefs;
pub mod quit;
pub mod status_bar;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;

use crate::core::draft::history::{ChangeKind, History};
use crate::core::draft::recovery;
use crate::core::draft::{BlockId, BlockKind, Draft, Field};
use crate::core::library::Library;
use action::Command;
pub use caret::{Caret, Focus};
use dialogs::Dialog;
pub use doc::Doc;
use prefs::Prefs;
use worker::{PathPurpose, Workers};

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
    /// Typing pause before suggestions refresh and the check runs again.
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

/// The library the app works with. Its generation changes whenever it is replaced, so
/// what is derived from it is cached by (draft revision, library generation).
#[derive(Default)]
pub struct Shelf {
    library: Arc<Library>,
    ready: bool,
    generation: u64,
}

/// Something the UI asks for; applied at the end of the frame: a command, an edit of the
/// draft (through `Draft::apply`), an insertion that needs the library or the caret, or a
/// file to open.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    Edit(crate::core::draft::edit::Edit),
    InsertTemplate {
        id: String,
        after_block: Option<BlockId>,
    },
    InsertBlank(BlockKind),
    InsertPhrase(String),
    /// Replaces the paragraph holding the caret (a model paragraph from the panel).
    ReplaceParagraph(String),
    /// A paragraph of its own after the one holding the caret (a model paragraph).
    InsertParagraph(String),
    OpenPath(PathBuf),
    File(FileRequest),
    /// Put the caret there (leaving the preview).
    Jump(Caret),
    /// A message for the status bar.
    Info(String),
    /// Text typed into a block's field (committed text, never a preedit): applied as
    /// `Edit::SetText`, one typing step.
    Type {
        block: BlockId,
        field: Field,
        text: String,
    },
    /// The meeting details as typed, one typing step.
    TypeMeta(Box<crate::core::draft::Meta>),
    /// The caret is in this field; `None`: no field of the draft has the keyboard focus
    /// (the typing step ends; the last caret stays for insertions from the side panels).
    Caret(Option<Focus>),
    /// The editor did what the view asked of it.
    Placed(Placed),
}

/// What the editor reports having done for the app's view state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// The caret went where `View::focus_request` asked.
    Caret(Caret),
    /// The draft is shown from its top, as `View::scroll_to_top` asked.
    Top,
}

/// A file operation a dialog settled on, done at the end of the frame (never while the
/// dialog draws); when a save, export or import cannot start, its dialog opens again.
#[derive(Debug)]
pub enum FileRequest {
    SaveAs(PathBuf),
    /// Save to the draft's own file and, if that worked, close the window.
    SaveAndClose(PathBuf),
    Export {
        path: PathBuf,
        format: crate::core::export::Format,
        large: bool,
    },
    Import(PathBuf),
    /// The system's file dialog, for the path field's 「浏览…」.
    Pick {
        purpose: PathPurpose,
        start: PathBuf,
    },
    /// Work of a window that is gone: take it in, or delete it for good.
    Restore(Box<recovery::Orphan>),
    Discard(Box<recovery::Orphan>),
}

pub struct JiangGaoApp {
    pub opts: Options,
    pub prefs: Prefs,
    pub draft: Draft,
    history: History,
    pub doc: Doc,
    shelf: Shelf,
    pub lib_panel: library_panel::LibraryPanel,
    pub phrases: phrase_panel::PhrasePanel,
    focus: Option<Focus>,
    dialog: Option<Dialog>,
    find: dialogs::FindBar,
    /// A message for the user and whether it is an error.
    pub status: Option<(String, bool)>,
    pub view: View,
    pub workers: Workers,
    pub import_progress: Option<(usize, usize)>,
    pub counts: status_bar::Counts,
    /// Per-revision facts about the draft that the panels draw.
    facts: draft_facts::DraftFacts,
    /// The editor's memory between frames (the room each block takes).
    editor: draft_panel::DraftPanel,
    pub checks: check_panel::CheckPanel,
    pending: Vec<Action>,
    applied: Applied,
    /// A text field is composing with an input method (its preedit is never in the draft).
    pub composing: bool,
    /// This frame's input events (the text fields read the input method's from here).
    pub frame_events: Vec<egui::Event>,
    /// This window's recovery file and lock; `None` when the data folder is unusable
    /// (then autosave is off and the status bar says so).
    session: Option<recovery::Session>,
    /// Work of windows that are gone, still to be offered after the one on screen.
    orphans: Vec<recovery::Orphan>,
    /// How the writer answered closing the window with unsaved changes.
    pub quit: quit::Quit,
}

/// How the window shows the draft.
#[derive(Debug, Default)]
pub struct View {
    /// The full text as exported instead of the editor.
    pub preview: bool,
    /// The outline window (headings only) is shown.
    pub outline: bool,
    /// The next frame shows the draft from its top (after opening or a new draft).
    pub scroll_to_top: bool,
    /// Set when a field needs the caret (after inserting a block or jumping to a hit).
    pub focus_request: Option<Caret>,
}

/// What the window was last told, so it is told again only on a change.
#[derive(Debug, Default)]
struct Applied {
    font_size: f32,
    dark: Option<bool>,
    first_frame_done: bool,
    /// The window title: 「标题 — 讲稿工坊」, with ● when unsaved.
    window_title: String,
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
            shelf: Shelf::default(),
            lib_panel: Default::default(),
            phrases: Default::default(),
            focus: None,
            dialog: None,
            find: Default::default(),
            status: None,
            view: View::default(),
            workers,
            import_progress: None,
            counts: Default::default(),
            facts: Default::default(),
            editor: Default::default(),
            checks: Default::default(),
            pending: Vec::new(),
            applied: Applied::default(),
            composing: false,
            frame_events: Vec::new(),
            session: None,
            orphans: Vec::new(),
            quit: quit::Quit::Ask,
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
        let name = self.doc_name();
        let mark = if self.doc.dirty() { "● " } else { "" };
        format!("{mark}{name} — 讲稿工坊")
    }

    /// What the draft is called: its title, else its file's name, else 未命名讲稿.
    pub fn doc_name(&self) -> String {
        let title = self.draft.meta.title.trim();
        if !title.is_empty() {
            title.to_string()
        } else if let Some(p) = &self.doc.path {
            p.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        } else {
            "未命名讲稿".to_string()
        }
    }

    /// The field with the caret, and where in it.
    pub fn focus(&self) -> Option<Focus> {
        self.focus
    }

    /// The title last sent to the window.
    pub fn window_title(&self) -> &str {
        &self.applied.window_title
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let t = self.title_text();
        if t != self.applied.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(t.clone()));
            self.applied.window_title = t;
        }
    }

    pub fn library(&self) -> &Arc<Library> {
        &self.shelf.library
    }

    /// The library has loaded (or failed to).
    pub fn library_ready(&self) -> bool {
        self.shelf.ready
    }

    /// Back to "loading" (as at start), for a test of what the window shows meanwhile.
    pub fn set_library_loading(&mut self) {
        self.shelf.ready = false;
    }

    /// The find box's query and replacement.
    pub fn find_texts(&self) -> (&str, &str) {
        (&self.find.query, &self.find.replacement)
    }

    /// The dialog on show, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Ends the current undo step: what follows is its own step (as after a pause).
    pub fn break_undo_step(&mut self) {
        self.history.break_step();
    }

    /// Puts in a library (loaded, imported, or a test's); caches derived from the old one
    /// go stale with its generation.
    pub fn set_library(&mut self, library: Arc<Library>) {
        self.shelf.library = library;
        self.shelf.ready = true;
        self.shelf.generation += 1;
    }

    /// What the check on show must answer for to be current.
    pub fn check_key(&self) -> check_job::CheckKey {
        check_job::CheckKey {
            rev: self.doc.rev,
            library: self.shelf.generation,
            rate: self.prefs.rate,
        }
    }

    pub fn set_error(&mut self, msg: String) {
        self.status = Some((msg, true));
    }

    pub fn set_info(&mut self, msg: String) {
        self.status = Some((msg, false));
    }

    /// Typing moves on from the last notice (已删除, 已插入); an error stays until read.
    fn clear_info(&mut self) {
        if self.status.as_ref().is_some_and(|(_, error)| !error) {
            self.status = None;
        }
    }

    pub fn push(&mut self, a: Action) {
        self.pending.push(a);
    }

    /// Records an undo point for a change made to the draft (`before` is the draft as it
    /// was) and marks the document changed.
    pub fn changed(&mut self, before: &Draft, kind: ChangeKind, now: f64) {
        self.history.record(before, kind, now);
        self.doc.revised(&self.draft);
    }

    /// Runs one frame of the whole window.
    // Over 80 lines: the frame's steps in order (messages, shortcuts, panels, dialogs, actions, autosave); each is one call.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.frame_events = ctx.input(|i| i.events.clone());
        self.handle_messages();
        self.guard_close(&ctx);
        let key = (self.doc.rev, self.shelf.generation);
        self.facts.refresh(key, &self.draft, &self.shelf.library);
        self.update_window_title(&ctx);
        self.apply_style(&ctx);
        self.consume_shortcuts(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| menu::menu_bar_ui(self, ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::status_bar_ui(self, ui));
        // Side and bottom panels give way on a small screen: the draft keeps most of it.
        let screen = ui.ctx().content_rect().size();
        if self.checks.open {
            let view = self.checks.view(self.check_key());
            let acts = egui::Panel::bottom("check_panel")
                .resizable(true)
                .default_size(320.0_f32.min(screen.y * 0.3))
                .max_size((screen.y * 0.45).max(160.0))
                .show(ui, |ui| view.ui(ui))
                .inner;
            self.pending.extend(acts);
        }
        if self.prefs.show_library {
            let acts = egui::Panel::left("library_panel")
                .resizable(true)
                .default_size(340.0_f32.min(screen.x * 0.25).max(220.0))
                .min_size(220.0)
                .max_size((screen.x * 0.3).max(220.0))
                .show(ui, |ui| self.lib_panel.ui(&self.shelf, ui))
                .inner;
            self.pending.extend(acts);
        }
        if self.prefs.show_phrases {
            let acts = egui::Panel::right("phrase_panel")
                .resizable(true)
                .default_size(300.0_f32.min(screen.x * 0.22).max(200.0))
                .min_size(200.0)
                .max_size((screen.x * 0.26).max(200.0))
                .show(ui, |ui| self.phrases.view(&self.draft, self.focus).ui(ui))
                .inner;
            self.pending.extend(acts);
        }
        let preview = self.view.preview.then(|| self.facts.preview(&self.draft));
        let view = draft_panel::DraftView {
            draft: &self.draft,
            facts: &self.facts,
            preview,
            focus_request: self.view.focus_request,
            scroll_to_top: self.view.scroll_to_top,
            memory: &mut self.editor,
        };
        let acts = egui::CentralPanel::default()
            .show(ui, |ui| view.ui(ui))
            .inner;
        self.pending.extend(acts);
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
        self.tick_check(now, &ctx);
        ime::place_candidate_window(&ctx);
        if self.phrases.waiting() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                self.opts.suggest_debounce,
            ));
        }
        self.autosave(now);
        if !self.applied.first_frame_done {
            self.applied.first_frame_done = true;
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
        // Unsaved work stays in the autosave for the next start, unless the writer chose
        // not to save it; saved work needs none.
        if self.doc.dirty() && self.quit != quit::Quit::Discard {
            self.autosave_now();
        } else {
            self.clear_autosave();
        }
    }
}
