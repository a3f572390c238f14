//! Answers of background jobs, taken in at the start of a frame.

use std::sync::Arc;

use super::JiangGaoApp;
use super::dialogs::Dialog;
use super::worker::{self, Msg};
use crate::core::library::Library;
use crate::core::suggest::PhraseIndex;

impl JiangGaoApp {
    /// A library loaded or imported, with its phrase index for suggestions.
    fn take_library(&mut self, library: Arc<Library>, index: Arc<PhraseIndex>) {
        self.set_library(library);
        self.workers.set_index(index.clone());
        self.phrases.index = Some(index);
        self.phrases.dirty = true;
    }

    pub(super) fn handle_messages(&mut self) {
        while let Ok(m) = self.workers.rx.try_recv() {
            match m {
                Msg::Loaded {
                    library,
                    index,
                    errors,
                } => {
                    self.take_library(library, index);
                    if !errors.is_empty() {
                        self.set_error(format!(
                            "模板库中有 {} 个文件无法读取：{}",
                            errors.len(),
                            errors.join("；")
                        ));
                    }
                }
                Msg::Suggestions { seq, hits } => self.phrases.receive(seq, hits),
                Msg::LoadProgress(line) => self.lib_panel.loading = Some(line),
                Msg::ImportProgress { done, total } => self.import_progress = Some((done, total)),
                Msg::ImportDone {
                    summary,
                    library,
                    index,
                } => {
                    self.import_progress = None;
                    self.workers.import_cancel = None;
                    let mut summary = summary;
                    // Counted only against a library that had finished loading.
                    if self.shelf.ready {
                        let before = self.shelf.library.templates.len();
                        summary.library = Some((before, library.templates.len()));
                    }
                    self.take_library(library, index);
                    self.dialog = Some(Dialog::ImportSummary(summary));
                }
                Msg::Failed { job, message } => {
                    match job {
                        worker::Job::LoadLibrary => self.shelf.ready = true,
                        worker::Job::Import => {
                            self.import_progress = None;
                            self.workers.import_cancel = None;
                        }
                        worker::Job::Check => self.checks.jobs.failed(message.clone()),
                    }
                    self.set_error(format!("{}失败：{message}", job.label()));
                }
                Msg::Checked(r) => {
                    if let Some(e) = &r.lexicon_error {
                        self.set_error(format!("过时提法词表有误，已改用内置词表：{e}"));
                    }
                    let key = self.check_key();
                    let c = &mut self.checks;
                    c.jobs.receive(*r, key, &mut c.shown);
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
}
