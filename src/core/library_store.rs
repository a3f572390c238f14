//! A library folder's index: the whole library in one compact binary file beside the RON
//! files, so that a library of ten thousand speeches loads in well under a second (parsing
//! its RON takes seconds). The RON files stay the library a person reads, diffs and edits;
//! the index records each one's size and modification time and is rebuilt from them when
//! any differs (a file edited by hand, added or removed). It also records the content hash
//! of every source file imported, so a re-import mines only the files that changed, and
//! which templates duplicate which (`library_dedupe`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::library::{LIBRARY_VERSION, Library, LoadError, Phrase, Template};
use crate::core::library_dedupe;

/// The index file inside a library folder (hidden: it is not for people to read).
pub const INDEX_FILE: &str = ".jianggao-index";
const MAGIC: &[u8; 8] = b"JGLIBIX1";

/// A library file as the index saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub name: String,
    pub len: u64,
    pub modified_ns: u128,
}

/// A source file imported into the library: where from, its content hash, and the
/// source names (speeches) it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The folder (or file) the import was given, canonical.
    pub root: String,
    /// Its library name (path under `root`).
    pub name: String,
    pub hash: u128,
    pub sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct IndexFile {
    library_version: u32,
    stamps: Vec<Stamp>,
    records: Vec<SourceRecord>,
    /// Templates as the RON files hold them, before folding duplicates.
    templates: Vec<Template>,
    phrases: Vec<Phrase>,
    /// For each template, the template it duplicates or its own index.
    reps: Vec<u32>,
}

/// A library folder's content as the import needs it: templates not folded.
#[derive(Debug, Default)]
pub struct Stored {
    pub library: Library,
    pub records: Vec<SourceRecord>,
    pub reps: Option<Vec<u32>>,
}

/// The `.ron` files of a folder with their size and time, sorted by name.
pub fn stamps(dir: &Path) -> Vec<Stamp> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<Stamp> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".ron") || name.starts_with('.') {
                return None;
            }
            let m = std::fs::metadata(e.path()).ok().filter(|m| m.is_file())?;
            let modified_ns = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            Some(Stamp {
                name,
                len: m.len(),
                modified_ns,
            })
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

fn read_index(dir: &Path) -> Option<IndexFile> {
    let bytes = std::fs::read(dir.join(INDEX_FILE)).ok()?;
    let body = bytes.strip_prefix(MAGIC)?;
    let ix: IndexFile = postcard::from_bytes(body).ok()?;
    (ix.library_version == LIBRARY_VERSION && ix.reps.len() == ix.templates.len()).then_some(ix)
}

/// Reads a library folder: from its index when the index matches the RON files, else
/// from the RON files (records are kept from a stale index: they describe the sources,
/// not the files). Broken RON files are listed; the rest is loaded.
pub fn load_stored(dir: &Path) -> (Stored, Vec<LoadError>) {
    let now = stamps(dir);
    let ix = read_index(dir);
    match ix {
        Some(ix) if ix.stamps == now => (
            Stored {
                library: Library {
                    templates: ix.templates,
                    phrases: ix.phrases,
                },
                records: ix.records,
                reps: Some(ix.reps),
            },
            Vec::new(),
        ),
        other => {
            let (library, errors) = Library::load_dir(dir);
            let records = other.map(|ix| ix.records).unwrap_or_default();
            (
                Stored {
                    library,
                    records,
                    reps: None,
                },
                errors,
            )
        }
    }
}

/// Loads a library folder with duplicates folded, as the app and the commands show it.
/// A stale or missing index is rebuilt when the folder loads without errors (quietly
/// skipped where the folder is not writable).
pub fn load(dir: &Path) -> (Library, Vec<LoadError>) {
    let (stored, errors) = load_stored(dir);
    let Stored {
        library,
        records,
        reps,
    } = stored;
    let reps = match reps {
        Some(r) => r,
        None => {
            let r = library_dedupe::representatives(&library.templates);
            if errors.is_empty() && (!library.templates.is_empty() || !library.phrases.is_empty()) {
                let _ = save_index(dir, &records, &library, &r);
            }
            r
        }
    };
    let templates = library_dedupe::fold(library.templates, &reps);
    (
        Library {
            templates,
            phrases: library.phrases,
        },
        errors,
    )
}

/// Writes the index of `dir` for its current RON files (write the RON files first).
pub fn save_index(
    dir: &Path,
    records: &[SourceRecord],
    library: &Library,
    reps: &[u32],
) -> Result<PathBuf, String> {
    #[derive(Serialize)]
    struct IndexRef<'a> {
        library_version: u32,
        stamps: Vec<Stamp>,
        records: &'a [SourceRecord],
        templates: &'a [Template],
        phrases: &'a [Phrase],
        reps: &'a [u32],
    }
    let path = dir.join(INDEX_FILE);
    let tmp = dir.join(format!(".{INDEX_FILE}.tmp-{}", std::process::id()));
    let err = |e: String| format!("{}: 无法写入索引：{e}", path.display());
    let value = IndexRef {
        library_version: LIBRARY_VERSION,
        stamps: stamps(dir),
        records,
        templates: &library.templates,
        phrases: &library.phrases,
        reps,
    };
    let result = (|| {
        let f = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        w.write_all(MAGIC).map_err(|e| e.to_string())?;
        let w = postcard::to_io(&value, w).map_err(|e| e.to_string())?;
        let f = w.into_inner().map_err(|e| e.to_string())?;
        f.sync_all().map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, &path).map_err(|e| e.to_string())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_library() -> Library {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        Library::load_dir(&dir).0
    }

    #[test]
    fn the_index_loads_what_the_ron_files_hold_and_is_rebuilt_when_one_changes() {
        let dir = tempfile::tempdir().unwrap();
        let lib = corpus_library();
        lib.save(dir.path()).unwrap();
        let (first, errors) = load(dir.path());
        assert!(errors.is_empty());
        assert!(
            dir.path().join(INDEX_FILE).exists(),
            "the first load builds it"
        );
        let (second, _) = load(dir.path());
        assert_eq!(first, second);
        assert_eq!(second.templates.len(), lib.templates.len());
        // A RON file edited by hand wins over the index.
        let ron = dir.path().join("phrases.ron");
        let text = std::fs::read_to_string(&ron).unwrap();
        let edited = text.replacen("count: ", "count: 1000", 1);
        std::fs::write(&ron, edited).unwrap();
        let (third, _) = load(dir.path());
        assert_ne!(third.phrases, second.phrases);
        assert_eq!(third, load(dir.path()).0);
    }
}
