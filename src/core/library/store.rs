//! A library folder's index: the whole library in one compact binary file beside the RON
//! files, so that a library of ten thousand speeches loads in well under a second (parsing
//! its RON takes seconds). The RON files stay the library a person reads, diffs and edits;
//! the index records each one's size and modification time and is rebuilt from them when
//! any differs (a file edited by hand, added or removed). It also records the content hash
//! of every source file imported, so a re-import mines only the files that changed, and
//! which templates duplicate which (`library_dedupe`).

use std::path::{Path, PathBuf};

use crate::core::library::dedupe::{self, Mark};
use crate::core::library::index_file::{Entry, Header, IndexReader, IndexWriter};
pub use crate::core::library::index_file::{INDEX_FILE, SourceRecord, Stamp};
use crate::core::library::{LIBRARY_VERSION, Library, LoadError, Phrase, Template, TemplateKind};

/// What the index file says.
enum FromIndex {
    /// It matches the RON files: the library's header, its templates still on disk.
    Fresh(IndexReader, Header),
    /// It describes other RON files: only its records are still of use.
    Stale(Vec<SourceRecord>),
    Missing,
}

fn read_index(dir: &Path, now: &[Stamp]) -> FromIndex {
    let Some((reader, h)) = IndexReader::open(&dir.join(INDEX_FILE)) else {
        return FromIndex::Missing;
    };
    if h.library_version != LIBRARY_VERSION {
        return FromIndex::Missing;
    }
    if h.stamps != now {
        return FromIndex::Stale(h.records);
    }
    FromIndex::Fresh(reader, h)
}

/// The templates a library folder holds, as an import reads them: from its index one at
/// a time, or — without a usable index — loaded from the RON files.
pub enum OldTemplates {
    Index {
        reader: IndexReader,
        files: Vec<String>,
        entries: Vec<Entry>,
    },
    Loaded(Vec<Template>),
}

impl OldTemplates {
    pub fn len(&self) -> usize {
        match self {
            Self::Index { entries, .. } => entries.len(),
            Self::Loaded(ts) => ts.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Source name of template `i`.
    pub fn file(&self, i: usize) -> &str {
        match self {
            Self::Index { files, entries, .. } => files
                .get(entries[i].file as usize)
                .map_or("", String::as_str),
            Self::Loaded(ts) => &ts[i].source.file,
        }
    }

    pub fn kind(&self, i: usize) -> TemplateKind {
        match self {
            Self::Index { entries, .. } => entries[i].kind,
            Self::Loaded(ts) => ts[i].kind,
        }
    }

    /// Copies the templates `keep` says to keep into a new index, in order, and returns
    /// where they now are. From an index, without decoding them, and each run of
    /// templates that lie next to each other with one read (an archive's index holds
    /// a hundred thousand: one read each was most of a re-import's time).
    pub fn copy_kept(
        &mut self,
        keep: impl Fn(usize) -> bool,
        w: &mut IndexWriter,
    ) -> Result<Vec<Entry>, String> {
        /// Bytes a run grows to before it is read (it may end one template past it).
        const RUN: u64 = 8 << 20;
        let (reader, files, entries) = match self {
            Self::Index {
                reader,
                files,
                entries,
            } => (reader, files, entries),
            Self::Loaded(ts) => {
                return (0..ts.len())
                    .filter(|&i| keep(i))
                    .map(|i| w.put(&ts[i]))
                    .collect();
            }
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < entries.len() {
            if !keep(i) {
                i += 1;
                continue;
            }
            let start = entries[i].offset;
            let mut end = start + u64::from(entries[i].len);
            let mut j = i + 1;
            while j < entries.len() && keep(j) && entries[j].offset == end && end - start < RUN {
                end += u64::from(entries[j].len);
                j += 1;
            }
            let bytes = reader.range(start, end)?;
            for e in &entries[i..j] {
                let at = (e.offset - start) as usize;
                let file = files.get(e.file as usize).map_or("", String::as_str);
                out.push(w.put_bytes(file, e.kind, &bytes[at..at + e.len as usize])?);
            }
            i = j;
        }
        Ok(out)
    }
}

/// A library folder's content as the import needs it: templates not folded.
pub struct Stored {
    pub templates: OldTemplates,
    pub phrases: Vec<Phrase>,
    pub records: Vec<SourceRecord>,
    pub reps: Option<Vec<u32>>,
    /// What de-duplication needs of each template, with `reps`.
    pub marks: Option<Vec<Mark>>,
}

impl Default for Stored {
    fn default() -> Self {
        Stored {
            templates: OldTemplates::Loaded(Vec::new()),
            phrases: Vec::new(),
            records: Vec::new(),
            reps: None,
            marks: None,
        }
    }
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

/// Reads a library folder for an import: the header from its index when the index
/// matches the RON files (the templates stay on disk), else the library from the RON
/// files (records are kept from a stale index: they describe the sources, not the
/// files). Broken RON files are listed; the rest is loaded.
pub fn load_stored(dir: &Path) -> (Stored, Vec<LoadError>) {
    let now = stamps(dir);
    let records = match read_index(dir, &now) {
        FromIndex::Fresh(reader, h) => {
            let stored = Stored {
                templates: OldTemplates::Index {
                    reader,
                    files: h.files,
                    entries: h.entries,
                },
                phrases: h.phrases,
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
            templates: OldTemplates::Loaded(library.templates),
            phrases: library.phrases,
            records,
            reps: None,
            marks: None,
        },
        errors,
    )
}

/// The whole library of a folder, duplicates not folded: from its index when fresh
/// (with its representatives), else from the RON files (with the stale index's records).
fn load_whole(dir: &Path) -> (Library, Vec<SourceRecord>, Option<Vec<u32>>, Vec<LoadError>) {
    let now = stamps(dir);
    let records = match read_index(dir, &now) {
        FromIndex::Fresh(mut reader, h) => match reader.templates(&h.entries) {
            Ok(templates) => {
                let lib = Library {
                    templates,
                    phrases: h.phrases,
                };
                return (lib, h.records, Some(h.reps), Vec::new());
            }
            Err(_) => h.records,
        },
        FromIndex::Stale(records) => records,
        FromIndex::Missing => Vec::new(),
    };
    let (library, errors) = Library::load_dir(dir);
    (library, records, None, errors)
}

/// Loads a library folder with duplicates folded, as the app and the commands show it.
/// A stale index (a RON file edited, added or removed since the import wrote it) is
/// rebuilt when the folder loads without errors (quietly skipped where the folder is not
/// writable). A folder without an index (the shipped `templates/`, one written by hand)
/// is read from its RON files and left as it is: reading never adds files to it.
pub fn load(dir: &Path) -> (Library, Vec<LoadError>) {
    let (library, records, reps, errors) = load_whole(dir);
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
    let mut w = IndexWriter::create(dir)?;
    let mut entries = Vec::with_capacity(library.templates.len());
    for t in &library.templates {
        entries.push(w.put(t)?);
    }
    w.finish(Header {
        library_version: LIBRARY_VERSION,
        stamps: stamps(dir),
        records: records.to_vec(),
        files: Vec::new(),
        entries,
        phrases: library.phrases.clone(),
        reps: reps.to_vec(),
        marks: marks.to_vec(),
    })
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
