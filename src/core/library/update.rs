//! Writing newly mined material into an existing library folder without losing anything.
//!
//! The folder may hold the user's earlier imports and phrases added or corrected by hand.
//! A merge replaces only the templates and phrase occurrences of the source files that
//! were mined again, keeps everything else, and keeps phrases unique by (kind, text).
//! A folder with a file that does not load is never written: merging would silently drop
//! what that file holds.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::core::library::{Library, PHRASE_FILE};

/// How new material meets what the folder already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateMode {
    /// Sources mined again replace their old material; all else stays.
    Merge,
    /// The folder becomes exactly the new library (library files of others are removed).
    Replace,
}

/// What an update did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    pub written: Vec<PathBuf>,
    /// Library files removed because their source is no longer in the library.
    pub removed: Vec<PathBuf>,
    /// Source files that the folder already held and that were mined again.
    pub replaced_sources: usize,
    pub templates: usize,
    pub phrases: usize,
}

/// Source files the library's material comes from.
fn source_files(lib: &Library) -> HashSet<String> {
    let mut files: HashSet<String> = lib
        .templates
        .iter()
        .map(|t| t.source.file.clone())
        .collect();
    for p in &lib.phrases {
        files.extend(p.sources.iter().map(|s| s.file.clone()));
    }
    files
}

/// `old` with the material of `new`'s source files replaced by `new`'s.
pub fn merge_by_source(old: Library, new: &Library) -> (Library, usize) {
    let fresh = source_files(new);
    let replaced = source_files(&old).intersection(&fresh).count();
    (replace_sources(old, new.clone(), &fresh, true), replaced)
}

/// `old` without the material of the sources in `drop` (and without phrases added by hand
/// unless `keep_hand`), joined with `new`; phrases unique by (kind, text).
pub fn replace_sources(
    mut old: Library,
    new: Library,
    drop: &HashSet<String>,
    keep_hand: bool,
) -> Library {
    old.templates.retain(|t| !drop.contains(&t.source.file));
    old.phrases.retain_mut(|p| {
        if p.sources.is_empty() {
            // Added by hand: no source can replace it.
            return keep_hand;
        }
        let before = p.sources.len();
        p.sources.retain(|s| !drop.contains(&s.file));
        let gone = before - p.sources.len();
        p.count = p.count.saturating_sub(gone).max(1);
        !p.sources.is_empty()
    });
    old.templates.extend(new.templates);
    old.phrases.extend(new.phrases);
    old.phrases = crate::core::library::dedupe_phrases(std::mem::take(&mut old.phrases));
    old
}

/// The refusal when a library folder holds a file that does not load.
pub fn broken_library(dir: &Path, errors: &[crate::core::library::LoadError]) -> String {
    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
    format!(
        "模板库 {} 中有文件无法读取：{}。为免覆盖其中的内容，没有写入任何文件；请修正或移走这些文件后重试",
        dir.display(),
        list.join("；")
    )
}

/// Library `.ron` files in `dir` (a missing folder has none).
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
        .collect();
    v.sort();
    v
}

/// Writes `new` into the library folder `dir` as `mode` says. Errors name the folder or
/// file and what is wrong; on error before writing, nothing in `dir` has changed.
pub fn update_dir(dir: &Path, new: &Library, mode: UpdateMode) -> Result<UpdateReport, String> {
    let existing = ron_files(dir);
    let (lib, replaced) = if existing.is_empty() {
        (new.clone(), 0)
    } else {
        let (old, errors) = Library::load_dir(dir);
        if !errors.is_empty() {
            return Err(broken_library(dir, &errors));
        }
        match mode {
            UpdateMode::Merge => merge_by_source(old, new),
            UpdateMode::Replace => (new.clone(), 0),
        }
    };
    let mut lib = lib;
    lib.phrases = crate::core::library::dedupe_phrases(std::mem::take(&mut lib.phrases));
    let written = lib.save(dir)?;
    let keep: BTreeSet<&Path> = written.iter().map(PathBuf::as_path).collect();
    let mut removed = Vec::new();
    for p in existing {
        // Every file here loaded as library material (checked above), so a file that the
        // new library does not write again belongs to a source no longer in it.
        if !keep.contains(p.as_path()) && p.file_name().is_some_and(|n| n != PHRASE_FILE) {
            std::fs::remove_file(&p).map_err(|e| format!("{}: 无法删除：{e}", p.display()))?;
            removed.push(p);
        }
    }
    Ok(UpdateReport {
        written,
        removed,
        replaced_sources: replaced,
        templates: lib.templates.len(),
        phrases: lib.phrases.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::{Phrase, PhraseKind, PhraseSource};

    fn phrase(text: &str, files: &[&str]) -> Phrase {
        Phrase {
            text: text.into(),
            kind: PhraseKind::Idiom,
            topics: vec![],
            keywords: vec![],
            count: files.len().max(1),
            sources: files
                .iter()
                .map(|f| PhraseSource {
                    file: f.to_string(),
                    path: "一".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn merging_the_same_source_twice_duplicates_nothing() {
        let new = Library {
            templates: vec![],
            phrases: vec![
                phrase("久久为功", &["a.txt"]),
                phrase("驰而不息", &["a.txt"]),
            ],
        };
        let old = Library {
            templates: vec![],
            phrases: vec![
                phrase("久久为功", &["a.txt", "b.txt"]),
                phrase("手工加的", &[]),
                phrase("只在甲", &["a.txt"]),
            ],
        };
        let (once, replaced) = merge_by_source(old, &new);
        assert_eq!(replaced, 1);
        let (twice, _) = merge_by_source(once.clone(), &new);
        assert_eq!(once, twice);
        let texts: Vec<&str> = twice.phrases.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["久久为功", "手工加的", "驰而不息"]);
        assert_eq!(twice.phrases[0].count, 2, "b.txt's occurrence plus a.txt's");
    }
}
