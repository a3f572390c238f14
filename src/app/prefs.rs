//! Preferences: the only state kept in eframe's storage. Drafts are files of their own.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::draft::Numbering;
use crate::core::export::TextEncoding;
use crate::core::export::docx_write::PageNumbers;

pub const STORAGE_KEY: &str = "jianggao_prefs";
/// eframe's storage (window state and preferences), inside the data folder.
pub const SETTINGS_FILE: &str = "settings.ron";
/// The name eframe filed an earlier version's storage under: the window title.
const OLD_APP_NAME: &str = "讲稿工坊";
pub const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    /// Body text size in points.
    pub font_size: f32,
    /// Speaking rate for the time estimate, characters per minute (150–300).
    pub rate: u32,
    pub show_library: bool,
    pub show_phrases: bool,
    pub recent: Vec<PathBuf>,
    pub numbering: Numbering,
    pub encoding: TextEncoding,
    /// Where a Word copy puts its page numbers (GB/T 9704 outside by default).
    pub page_numbers: PageNumbers,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark: false,
            font_size: 16.0,
            rate: 200,
            show_library: true,
            show_phrases: true,
            recent: Vec::new(),
            numbering: Numbering::Official,
            encoding: TextEncoding::Utf8,
            page_numbers: PageNumbers::Outside,
        }
    }
}

impl Prefs {
    pub fn add_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// Where eframe keeps its storage: in the data folder, beside the user library and the
/// recovery files, so everything the app keeps is in one folder. Settings an earlier
/// version kept in eframe's own folder (named 讲稿工坊, not jianggao) are copied over
/// once, never moved: the old file stays as it was.
pub fn settings_file(data_dir: &Path) -> PathBuf {
    let old = eframe::storage_dir(OLD_APP_NAME).map(|d| d.join("app.ron"));
    settings_file_from(data_dir, old.as_deref())
}

fn settings_file_from(data_dir: &Path, old: Option<&Path>) -> PathBuf {
    let file = data_dir.join(SETTINGS_FILE);
    if let Some(old) = old.filter(|o| o.is_file())
        && !file.exists()
    {
        let copied = std::fs::create_dir_all(data_dir).and_then(|()| {
            let bytes = std::fs::read(old)?;
            crate::core::fsutil::write_atomic(&file, &bytes)
        });
        if let Err(e) = copied {
            eprintln!(
                "提示：未能把旧的设置 {} 复制到 {}：{e}",
                old.display(),
                file.display()
            );
        }
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_settings_are_copied_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("讲稿工坊").join("app.ron");
        std::fs::create_dir_all(old.parent().unwrap()).unwrap();
        std::fs::write(&old, "(old)").unwrap();
        let data = dir.path().join("jianggao");
        let file = settings_file_from(&data, Some(&old));
        assert_eq!(file, data.join(SETTINGS_FILE));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "(old)");
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "(old)");
        // Settings saved since are never overwritten by the old ones.
        std::fs::write(&file, "(new)").unwrap();
        settings_file_from(&data, Some(&old));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "(new)");
        // No old settings: nothing is written.
        let fresh = dir.path().join("fresh");
        let file = settings_file_from(&fresh, Some(&dir.path().join("none.ron")));
        assert!(!file.exists());
    }
}
