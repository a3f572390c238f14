//! The document on disk: save, open, export, autosave, and the path dialog's defaults.
//! Every write is atomic; every failure is reported in the window.

use std::path::{Path, PathBuf};

use super::dialogs::{self, Dialog};
use super::worker::PathPurpose;
use super::{Doc, JiangGaoApp, clock_now};
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
                self.set_error(format!("自动保存失败（{}）：{e}", path.display()))
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
                self.prefs.add_recent(path.to_path_buf());
                self.clear_autosave();
                self.set_info(format!("已保存到 {}", path.display()));
                true
            }
            Err(e) => {
                self.set_error(format!(
                    "保存失败（{}）：{e}。原文件未受影响。",
                    path.display()
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
                self.doc = Doc {
                    path: Some(path.to_path_buf()),
                    ..Doc::default()
                };
                self.focus = None;
                self.scroll_to_top = true;
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
            PathPurpose::Open => self
                .doc
                .path
                .clone()
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
