//! Work that may take longer than a frame runs here, off the UI thread: loading jieba and
//! the library, phrase suggestion, mining an imported corpus, native file dialogs. Each
//! job reports back through one channel and asks for a repaint.
//!
//! In tests (`sync`), jobs run inline so that a harness sees their results at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use crate::core::library::{Library, PhraseKind};
use crate::core::suggest::{PhraseIndex, Request, SHOWN, Suggestions};

/// Which file dialog a picked path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// Export in a format; `true` is the large-print Word copy.
    Export(crate::core::export::Format, bool),
    ImportCorpus,
}

/// A suggestion request: the focused paragraph, its section heading, the speech's date.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub seq: u64,
    pub heading: String,
    pub body: String,
    pub date: String,
    pub kinds: Vec<PhraseKind>,
    /// The rest of the draft: model paragraphs it holds are not offered again.
    pub elsewhere: String,
    pub role: crate::core::suggest::Role,
}

pub struct ImportSummary {
    pub read: usize,
    pub skipped: Vec<(PathBuf, String)>,
    pub templates: usize,
    pub phrases: usize,
    pub saved_to: Result<PathBuf, String>,
    pub cancelled: bool,
    /// Templates the library shows before and after (filled in when the new library is
    /// taken in): mined templates the library already had are not listed twice.
    pub library: Option<(usize, usize)>,
    /// Sources whose earlier material this import replaced or removed.
    pub replaced: usize,
}

pub enum Msg {
    Loaded {
        library: Arc<Library>,
        index: Arc<PhraseIndex>,
        errors: Vec<String>,
    },
    Suggestions {
        seq: u64,
        hits: Suggestions,
    },
    /// What the library load is doing now, in a line for the user.
    LoadProgress(String),
    ImportProgress {
        done: usize,
        total: usize,
    },
    ImportDone {
        summary: ImportSummary,
        library: Arc<Library>,
        index: Arc<PhraseIndex>,
    },
    Picked {
        purpose: PathPurpose,
        path: Option<PathBuf>,
    },
    /// The pre-delivery check of one revision of the draft.
    Checked(Box<super::check_job::CheckResult>),
    /// A background job stopped with a panic: what it was and why, for the status bar.
    Failed {
        job: Job,
        message: String,
    },
}

/// The background jobs whose failure the UI must recover from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    LoadLibrary,
    Import,
    Check,
}

impl Job {
    pub fn label(self) -> &'static str {
        match self {
            Job::LoadLibrary => "加载模板库",
            Job::Import => "导入语料",
            Job::Check => "交稿前检查",
        }
    }
}

/// The text of a panic's payload.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".into())
}

pub struct Workers {
    tx: Sender<Msg>,
    pub rx: Receiver<Msg>,
    ctx: egui::Context,
    sync: bool,
    index: Option<Arc<PhraseIndex>>,
    latest_query: Arc<Mutex<Option<Query>>>,
    query_signal: Option<Sender<()>>,
    pub import_cancel: Option<Arc<AtomicBool>>,
}

pub use crate::core::installed::lexicon;

/// The shipped library, then the user's own library beside it.
fn load_all(data_dir: &Path, user_library: bool) -> (Library, Vec<String>) {
    let i = crate::core::installed::installed(data_dir, user_library);
    (i.library, i.errors)
}

impl Workers {
    pub fn new(ctx: egui::Context, sync: bool) -> Self {
        let (tx, rx) = channel();
        Workers {
            tx,
            rx,
            ctx,
            sync,
            index: None,
            latest_query: Arc::new(Mutex::new(None)),
            query_signal: None,
            import_cancel: None,
        }
    }

    fn send(tx: &Sender<Msg>, ctx: &egui::Context, m: Msg) {
        // The receiver only goes away when the app closes; nothing to report then.
        let _ = tx.send(m);
        ctx.request_repaint();
    }

    /// Runs a job inline (tests) or on its own thread; a panic in it becomes a
    /// `Msg::Failed`, so no spinner or progress window waits forever.
    pub fn run_job(&self, job: Job, f: impl FnOnce() + Send + 'static) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let guarded = move || {
            if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
                let message = panic_message(p.as_ref());
                Self::send(&tx, &ctx, Msg::Failed { job, message });
            }
        };
        if self.sync {
            guarded();
        } else {
            std::thread::spawn(guarded);
        }
    }

    /// Runs a job whose answer is one message (inline in tests, else on its own thread);
    /// a panic in it becomes a `Msg::Failed` like any job's.
    pub fn run_reply(&self, job: Job, f: impl FnOnce() -> Msg + Send + 'static) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        self.run_job(job, move || Self::send(&tx, &ctx, f()));
    }

    /// Loads jieba, the library and the phrase index.
    pub fn load_library(&self, data_dir: PathBuf, user_library: bool) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let job = move || {
            let say = |s: &str| Self::send(&tx, &ctx, Msg::LoadProgress(s.to_string()));
            let crate::core::installed::Installed {
                library: lib,
                lexicon: lex,
                errors,
            } = crate::core::installed::installed_with(&data_dir, user_library, say);
            say(&format!(
                "正在建立提法索引（{} 条提法）…",
                lib.phrases.len()
            ));
            let index = PhraseIndex::for_library(&lib, lex);
            say("正在载入分词词典…");
            // Segment once now so the first suggestion does not wait for the dictionary.
            crate::core::nlp::jieba();
            Self::send(
                &tx,
                &ctx,
                Msg::Loaded {
                    library: Arc::new(lib),
                    index: Arc::new(index),
                    errors,
                },
            );
        };
        self.run_job(Job::LoadLibrary, job);
    }

    pub fn set_index(&mut self, index: Arc<PhraseIndex>) {
        self.index = Some(index.clone());
        if self.sync {
            return;
        }
        // One long-lived thread answers the newest query only; older ones are dropped.
        let (sig_tx, sig_rx) = channel::<()>();
        self.query_signal = Some(sig_tx);
        let latest = self.latest_query.clone();
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            while sig_rx.recv().is_ok() {
                let q = latest.lock().map(|mut g| g.take()).unwrap_or(None);
                if let Some(q) = q {
                    let hits = run_query(&index, &q);
                    Self::send(&tx, &ctx, Msg::Suggestions { seq: q.seq, hits });
                }
            }
        });
    }

    pub fn query(&self, q: Query) {
        let Some(index) = &self.index else { return };
        if self.sync {
            let hits = run_query(index, &q);
            Self::send(&self.tx, &self.ctx, Msg::Suggestions { seq: q.seq, hits });
            return;
        }
        if let Ok(mut g) = self.latest_query.lock() {
            *g = Some(q);
        }
        if let Some(s) = &self.query_signal {
            let _ = s.send(());
        }
    }

    /// Mines a folder of speeches into the user library and reloads everything.
    pub fn import(&mut self, dir: PathBuf, data_dir: PathBuf) {
        let cancel = Arc::new(AtomicBool::new(false));
        self.import_cancel = Some(cancel.clone());
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let job = move || {
            let (lex, _) = lexicon(&data_dir);
            let user = data_dir.join(crate::core::installed::USER_LIBRARY_DIR);
            // Merged by source file: a re-import mines only the files that changed and
            // replaces what they gave before; a library file that does not load stops the
            // import before any write.
            let result = crate::core::import::import(
                std::slice::from_ref(&dir),
                &user,
                crate::core::library::update::UpdateMode::Merge,
                &lex,
                &cancel,
                |done, total| Self::send(&tx, &ctx, Msg::ImportProgress { done, total }),
            );
            let cancelled = cancel.load(Ordering::Relaxed);
            let summary = match result {
                Ok(r) => ImportSummary {
                    read: r.read,
                    templates: r.mined_templates,
                    phrases: r.mined_phrases,
                    saved_to: if cancelled {
                        Err("已取消".to_string())
                    } else if r.read == 0 {
                        Err("没有可以提炼的讲话稿".to_string())
                    } else {
                        Ok(user.clone())
                    },
                    skipped: r.skipped,
                    cancelled,
                    library: None,
                    replaced: r.replaced_sources,
                },
                Err(e) => ImportSummary {
                    read: 0,
                    skipped: Vec::new(),
                    templates: 0,
                    phrases: 0,
                    saved_to: Err(e),
                    cancelled,
                    library: None,
                    replaced: 0,
                },
            };
            let (lib, _) = load_all(&data_dir, true);
            let index = PhraseIndex::for_library(&lib, lex);
            Self::send(
                &tx,
                &ctx,
                Msg::ImportDone {
                    summary,
                    library: Arc::new(lib),
                    index: Arc::new(index),
                },
            );
        };
        self.run_job(Job::Import, job);
    }

    /// Opens a native file dialog on its own thread. Where no dialog service exists rfd
    /// answers "cancelled" at once; the in-app path field stays usable either way.
    pub fn pick(&self, purpose: PathPurpose, start: Option<PathBuf>) {
        if self.sync {
            return;
        }
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            let mut d = rfd::FileDialog::new();
            if let Some(s) = &start {
                if let Some(dir) = s.parent().filter(|p| p.is_dir()) {
                    d = d.set_directory(dir);
                }
                if let Some(name) = s.file_name() {
                    d = d.set_file_name(name.to_string_lossy());
                }
            }
            let path = match purpose {
                PathPurpose::Open => d.add_filter("讲稿", &["ron"]).pick_file(),
                PathPurpose::SaveAs => d.add_filter("讲稿", &["ron"]).save_file(),
                PathPurpose::Export(crate::core::export::Format::Txt, _) => {
                    d.add_filter("文本", &["txt"]).save_file()
                }
                PathPurpose::Export(crate::core::export::Format::Md, _) => {
                    d.add_filter("Markdown", &["md"]).save_file()
                }
                PathPurpose::Export(crate::core::export::Format::Docx, _) => {
                    d.add_filter("Word", &["docx"]).save_file()
                }
                PathPurpose::ImportCorpus => d.pick_folder(),
            };
            Self::send(&tx, &ctx, Msg::Picked { purpose, path });
        });
    }
}

/// What the panel shows; `jianggao suggest` asks the same of the same index.
fn run_query(index: &PhraseIndex, q: &Query) -> Suggestions {
    let kinds = (!q.kinds.is_empty()).then_some(q.kinds.as_slice());
    index.suggest(&Request {
        heading: &q.heading,
        body: &q.body,
        date: &q.date,
        kinds,
        k: SHOWN,
        elsewhere: &q.elsewhere,
        role: q.role,
    })
}
