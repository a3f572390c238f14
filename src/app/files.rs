//! The document on disk: save, open, export, autosave, and the path dialog's defaults.
//! Every write is atomic; every failure is reported in the window.

use crate::core::error::io_reason;
use std::path::{Path, PathBuf};

use super::dialogs::{self, Dialog};
use super::worker::PathPurpose;
use super::{FileRequest, JiangGaoApp, clock_now};
use crate::core::draft::Draft;

impl JiangGaoApp {
    /// This window's recovery file, if autosave works here.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.session.as_ref().map(|s| s.path())
    }

    /// Writes the draft to the data folder when it changed since the last autosave.
    pub(super) fn autosave(&mut self, now: f64) {
        let due = self
            .doc
            .last_autosave
            .is_none_or(|t| now - t >= self.opts.autosave_seconds);
        if self.doc.rev == self.doc.autosaved_rev || !due {
            return;
        }
        self.doc.last_autosave = Some(now);
        self.autosave_now();
    }

    pub fn autosave_now(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        // The draft holds committed text only (ime.rs): never the pinyin of a composition.
        match session.write(&self.draft, self.doc.path.as_deref()) {
            Ok(()) => {
                self.doc.autosaved_rev = self.doc.rev;
                self.doc.autosave_label = Some(clock_now());
            }
            Err(e) => {
                let path = session.path();
                self.set_error(format!(
                    "自动保存失败（{}）：{}",
                    path.display(),
                    io_reason(&e)
                ))
            }
        }
    }

    /// Removes this window's own recovery file (never another window's).
    pub(super) fn clear_autosave(&mut self) {
        if let Some(s) = &self.session {
            s.clear();
        }
    }

    pub fn save_to(&mut self, path: &Path) -> bool {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            self.set_error(format!("无法创建文件夹 {}：{e}", dir.display()));
            return false;
        }
        match self.draft.save(path) {
            Ok(()) => {
                self.doc.path = Some(path.to_path_buf());
                self.doc.saved_rev = self.doc.rev;
                self.doc.saved = Some(self.draft.clone());
                self.prefs.add_recent(path.to_path_buf());
                self.clear_autosave();
                self.set_info(format!("已保存到 {}", path.display()));
                true
            }
            Err(e) => {
                self.set_error(format!(
                    "保存失败（{}）：{}。原文件未受影响。",
                    path.display(),
                    io_reason(&e)
                ));
                false
            }
        }
    }

    pub fn open_path(&mut self, path: &Path) {
        match Draft::load(path) {
            Ok(d) => {
                self.draft = d;
                self.history.clear();
                self.doc = self.doc.replaced(Some(path.to_path_buf()));
                self.doc.saved = Some(self.draft.clone());
                self.focus = None;
                self.view.scroll_to_top = true;
                self.counts = Default::default();
                self.prefs.add_recent(path.to_path_buf());
                self.clear_autosave();
                self.phrases.dirty = true;
                self.set_info(format!("已打开 {}", path.display()));
            }
            Err(e) => self.set_error(format!("无法打开讲稿：{e}")),
        }
    }

    pub fn export_to(
        &mut self,
        path: &Path,
        format: crate::core::export::Format,
        large: bool,
    ) -> bool {
        if let Some(src) = &self.doc.path
            && crate::core::fsutil::same_file(src, path)
        {
            self.set_error(format!(
                "不能导出到 {}：这是讲稿文件本身，导出会覆盖它。请换一个文件名。",
                path.display()
            ));
            return false;
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let lines = crate::core::export::lines::lines(&self.draft);
        let opts = crate::core::export::ExportOptions {
            large,
            encoding: self.prefs.encoding,
            page_numbers: self.prefs.page_numbers,
        };
        match crate::core::export::write(&lines, path, format, &opts) {
            Ok(()) => {
                self.set_info(format!("已导出到 {}", path.display()));
                true
            }
            Err(e) => {
                self.set_error(format!("导出失败（{}）：{e}", path.display()));
                false
            }
        }
    }

    /// A sensible default path for a dialog: ~/文档/讲稿/<标题>.<ext>.
    pub fn default_path(&self, ext: &str) -> PathBuf {
        let dir = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(Path::to_path_buf))
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("文档")))
            .unwrap_or_else(|| PathBuf::from("."))
            .join("讲稿");
        let title = if self.draft.meta.title.trim().is_empty() {
            "未命名讲稿"
        } else {
            self.draft.meta.title.trim()
        };
        let safe: String = title
            .chars()
            .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
            .collect();
        dir.join(format!("{safe}.{ext}"))
    }

    /// Beside the draft's file (or in ~/文档/讲稿), named after it; the large-print copy
    /// gets its own name so that it never replaces the standard one.
    pub fn default_export_path(&self, format: crate::core::export::Format, large: bool) -> PathBuf {
        let ext = match format {
            crate::core::export::Format::Txt => "txt",
            crate::core::export::Format::Md => "md",
            crate::core::export::Format::Docx => "docx",
        };
        let p = self
            .doc
            .path
            .as_ref()
            .map(|p| p.with_extension(ext))
            .unwrap_or_else(|| self.default_path(ext));
        if large {
            let stem = p.file_stem().unwrap_or_default().to_string_lossy();
            p.with_file_name(format!("{stem}（大字版）.{ext}"))
        } else {
            p
        }
    }

    pub(super) fn open_path_dialog(&mut self, purpose: PathPurpose) {
        let start = match purpose {
            // Opening starts at the last draft opened or saved that is still there.
            PathPurpose::Open => self
                .doc
                .path
                .clone()
                .or_else(|| self.prefs.recent.iter().find(|p| p.is_file()).cloned())
                .unwrap_or_else(|| self.default_path("ron")),
            PathPurpose::SaveAs => self
                .doc
                .path
                .clone()
                .unwrap_or_else(|| self.default_path("ron")),
            PathPurpose::Export(format, large) => self.default_export_path(format, large),
            PathPurpose::ImportCorpus => directories::UserDirs::new()
                .and_then(|u| u.document_dir().map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from(".")),
        };
        self.dialog = Some(Dialog::Path(dialogs::PathDialog::new(
            purpose,
            start.display().to_string(),
        )));
    }
}

impl JiangGaoApp {
    /// Does what a dialog settled on; a save, export or import that cannot start opens
    /// its path dialog again (the status bar says why).
    pub(super) fn file_request(&mut self, r: FileRequest) {
        let (purpose, path) = match r {
            FileRequest::SaveAndClose(p) => {
                if self.save_to(&p) {
                    self.quit = super::quit::Quit::Closing;
                }
                return;
            }
            FileRequest::SaveAs(p) => {
                if self.save_to(&p) {
                    return;
                }
                (PathPurpose::SaveAs, p)
            }
            FileRequest::Export {
                path,
                format,
                large,
            } => {
                if self.export_to(&path, format, large) {
                    return;
                }
                (PathPurpose::Export(format, large), path)
            }
            FileRequest::Import(p) => {
                if p.is_dir() {
                    self.import_progress = Some((0, 0));
                    self.workers.import(p, self.opts.data_dir.clone());
                    return;
                }
                self.set_error(format!("{} 不是文件夹", p.display()));
                (PathPurpose::ImportCorpus, p)
            }
            FileRequest::Pick { purpose, start } => {
                return self.workers.pick(purpose, Some(start));
            }
            FileRequest::Restore(o) => return self.restore(*o),
            FileRequest::Discard(o) => {
                let title = o.title().to_string();
                match o.discard() {
                    Ok(()) => self.set_info(format!("已放弃自动保存的《{title}》")),
                    Err(e) => self.set_error(format!("无法删除自动保存的讲稿：{e}")),
                }
                return;
            }
        };
        if self.dialog.is_none() {
            let d = dialogs::PathDialog::new(purpose, path.display().to_string());
            self.dialog = Some(Dialog::Path(d));
        }
    }

    /// Takes in the work of a window that is gone: its draft, unsaved, attached to its
    /// file again; later autosaves go to its recovery file.
    fn restore(&mut self, o: crate::core::draft::recovery::Orphan) {
        self.draft = o.recovered.draft.clone();
        self.history.clear();
        let mut doc = self.doc.replaced(o.recovered.file.clone());
        // Not saved to its file yet.
        doc.saved_rev = doc.rev - 1;
        self.doc = doc;
        self.counts = Default::default();
        self.phrases.dirty = true;
        if let Some(s) = self.session.as_mut() {
            s.adopt(o);
        }
        self.set_info("已恢复自动保存的讲稿（尚未保存到文件）".into());
    }
}
