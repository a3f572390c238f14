//! A library folder's index: the whole library in one compact binary file beside the RON
//! files, so that a library of ten thousand speeches loads in well under a second (parsing
//! its RON takes seconds). The RON files stay the library a person reads, diffs and edits;
//! the index records each one's size and modification time and is rebuilt from them when
//! any differs (a file edited by hand, added or removed). It also records the content hash
//! of every source file imported, so a re-import mines only the files that changed, and
//! which templates duplicate which (`library_dedupe`).

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::library::dedupe::{self, Mark};
use crate::core::library::{LIBRARY_VERSION, Library, LoadError, Phrase, Template};

/// The index file inside a library folder (hidden: it is not for people to read).
pub const INDEX_FILE: &str = ".jianggao-index";
const MAGIC: &[u8; 8] = b"JGLIBIX3";
/// Templates per block of the index: the file is read and written a block at a time, so
/// neither holds the whole file's bytes besides the library.
const BLOCK: usize = 2048;
/// Largest block read (a guard against a damaged length).
const MAX_BLOCK: u64 = 1 << 31;

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

/// The index: a header (everything but the templates), then the templates in blocks.
#[derive(Serialize, Deserialize)]
struct Header {
    library_version: u32,
    stamps: Vec<Stamp>,
    records: Vec<SourceRecord>,
    templates: u64,
    phrases: Vec<Phrase>,
    /// For each template, the template it duplicates or its own index.
    reps: Vec<u32>,
    marks: Vec<Mark>,
}

/// The same header, borrowing what it writes.
#[derive(Serialize)]
struct HeaderRef<'a> {
    library_version: u32,
    stamps: &'a [Stamp],
    records: &'a [SourceRecord],
    templates: u64,
    phrases: &'a [Phrase],
    reps: &'a [u32],
    marks: &'a [Mark],
}

/// Writes one length-prefixed block.
fn put_block(w: &mut impl Write, value: &impl Serialize) -> Result<(), String> {
    let bytes = postcard::to_stdvec(value).map_err(|e| e.to_string())?;
    w.write_all(&(bytes.len() as u64).to_le_bytes())
        .and_then(|()| w.write_all(&bytes))
        .map_err(|e| e.to_string())
}

/// Reads one block into `buf`.
fn get_block<'b>(r: &mut impl Read, buf: &'b mut Vec<u8>) -> Option<&'b [u8]> {
    let mut len = [0u8; 8];
    r.read_exact(&mut len).ok()?;
    let len = u64::from_le_bytes(len);
    if len > MAX_BLOCK {
        return None;
    }
    buf.resize(len as usize, 0);
    r.read_exact(buf).ok()?;
    Some(buf)
}

/// What the index file says.
enum FromIndex {
    /// It matches the RON files: the library as it holds it.
    Fresh(Header, Vec<Template>),
    /// It describes other RON files: only its records are still of use.
    Stale(Vec<SourceRecord>),
    Missing,
}

fn read_index(dir: &Path, now: &[Stamp]) -> FromIndex {
    let Ok(f) = std::fs::File::open(dir.join(INDEX_FILE)) else {
        return FromIndex::Missing;
    };
    let mut r = BufReader::with_capacity(1 << 20, f);
    let mut magic = [0u8; 8];
    if r.read_exact(&mut magic).is_err() || &magic != MAGIC {
        return FromIndex::Missing;
    }
    let mut buf = Vec::new();
    let Some(h) = get_block(&mut r, &mut buf).and_then(|b| postcard::from_bytes::<Header>(b).ok())
    else {
        return FromIndex::Missing;
    };
    if h.library_version != LIBRARY_VERSION
        || h.reps.len() as u64 != h.templates
        || h.marks.len() as u64 != h.templates
    {
        return FromIndex::Missing;
    }
    if h.stamps != now {
        return FromIndex::Stale(h.records);
    }
    let mut templates: Vec<Template> = Vec::with_capacity(h.templates as usize);
    while (templates.len() as u64) < h.templates {
        match get_block(&mut r, &mut buf)
            .and_then(|b| postcard::from_bytes::<Vec<Template>>(b).ok())
        {
            Some(block) if !block.is_empty() => templates.extend(block),
            _ => return FromIndex::Stale(h.records),
        }
    }
    FromIndex::Fresh(h, templates)
}

/// A library folder's content as the import needs it: templates not folded.
#[derive(Debug, Default)]
pub struct Stored {
    pub library: Library,
    pub records: Vec<SourceRecord>,
    pub reps: Option<Vec<u32>>,
    /// What de-duplication needs of each template, with `reps`.
    pub marks: Option<Vec<Mark>>,
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

/// Reads a library folder: from its index when the index matches the RON files, else
/// from the RON files (records are kept from a stale index: they describe the sources,
/// not the files). Broken RON files are listed; the rest is loaded.
pub fn load_stored(dir: &Path) -> (Stored, Vec<LoadError>) {
    let now = stamps(dir);
    let records = match read_index(dir, &now) {
        FromIndex::Fresh(h, templates) => {
            let stored = Stored {
                library: Library {
                    templates,
                    phrases: h.phrases,
                },
                records: h.records,
                reps: Some(h.reps),
                marks: Some(h.marks),
            };
            return (stored, Vec::new());
        }
        FromIndex::Stale(records) => records,
        FromIndex::Missing => Vec::new(),
    };
    let (library, errors) = Library::load_dir(dir);
    (
        Stored {
            library,
            records,
            reps: None,
            marks: None,
        },
        errors,
    )
}

/// Loads a library folder with duplicates folded, as the app and the commands show it.
/// A stale index (a RON file edited, added or removed since the import wrote it) is
/// rebuilt when the folder loads without errors (quietly skipped where the folder is not
/// writable). A folder without an index (the shipped `templates/`, one written by hand)
/// is read from its RON files and left as it is: reading never adds files to it.
pub fn load(dir: &Path) -> (Library, Vec<LoadError>) {
    let (stored, errors) = load_stored(dir);
    let Stored {
        library,
        records,
        reps,
        ..
    } = stored;
    let reps = match reps {
        Some(r) => r,
        None => {
            let (r, marks) = dedupe::dedupe(&library.templates, &[]);
            let has_index = dir.join(INDEX_FILE).exists();
            if has_index
                && errors.is_empty()
                && (!library.templates.is_empty() || !library.phrases.is_empty())
            {
                let _ = save_index(dir, &records, &library, &r, &marks);
            }
            r
        }
    };
    let templates = dedupe::fold(library.templates, &reps);
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
    marks: &[Mark],
) -> Result<PathBuf, String> {
    let path = dir.join(INDEX_FILE);
    let tmp = dir.join(format!(".{INDEX_FILE}.tmp-{}", std::process::id()));
    let err = |e: String| format!("{}: 无法写入索引：{e}", path.display());
    let header = HeaderRef {
        library_version: LIBRARY_VERSION,
        stamps: &stamps(dir),
        records,
        templates: library.templates.len() as u64,
        phrases: &library.phrases,
        reps,
        marks,
    };
    let result = (|| {
        let f = std::fs::File::create(&tmp).map_err(|e| e.to_string())?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        w.write_all(MAGIC).map_err(|e| e.to_string())?;
        put_block(&mut w, &header)?;
        for block in library.templates.chunks(BLOCK) {
            put_block(&mut w, &block)?;
        }
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
            !dir.path().join(INDEX_FILE).exists(),
            "reading adds no file"
        );
        let (reps, marks) = dedupe::dedupe(&lib.templates, &[]);
        save_index(dir.path(), &[], &lib, &reps, &marks).unwrap();
        assert!(
            load_stored(dir.path()).0.reps.is_some(),
            "read from the index"
        );
        let (second, _) = load(dir.path());
        assert_eq!(first, second);
        assert_eq!(second.templates.len(), lib.templates.len());
        // A RON file edited by hand wins over the index.
        let ron = dir.path().join("phrases.ron");
        let text = std::fs::read_to_string(&ron).unwrap();
        let edited = text.replacen("count: ", "count: 1000", 1);
        std::fs::write(&ron, edited).unwrap();
        assert!(
            load_stored(dir.path()).0.reps.is_none(),
            "the index is stale"
        );
        let (third, _) = load(dir.path());
        assert_ne!(third.phrases, second.phrases);
        assert!(load_stored(dir.path()).0.reps.is_some(), "and rebuilt");
        assert_eq!(third, load(dir.path()).0);
    }
}
