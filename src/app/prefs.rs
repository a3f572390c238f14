//! Preferences: the only state kept in eframe's storage. Drafts are files of their own.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::core::draft::Numbering;
use crate::core::export::TextEncoding;
use crate::core::export::docx_write::PageNumbers;

pub const STORAGE_KEY: &str = "jianggao_prefs";
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
