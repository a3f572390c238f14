//! The binary layout of a library folder's index (`library_store` says what it is for).
//!
//! The file is the magic, then each template's postcard bytes, then a header (everything
//! but the template bodies, with where each template's bytes sit), then a trailer giving
//! the header's place. Templates are written one at a time as an import mines them and
//! read back one at a time, so neither side holds the whole library's bytes, and an
//! import copies the templates it keeps without decoding them.

use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::core::library::dedupe::Mark;
use crate::core::library::{Phrase, Template, TemplateKind};

/// The index file inside a library folder (hidden: it is not for people to read).
pub const INDEX_FILE: &str = ".jianggao-index";
const MAGIC: &[u8; 8] = b"JGLIBIX4";
/// Largest header or template read (a guard against a damaged length).
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

/// Where one template's bytes sit, and what an import needs of it without reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Index into `Header::files`: the template's source.
    pub file: u32,
    pub kind: TemplateKind,
    pub offset: u64,
    pub len: u32,
}

/// Everything the index holds but the template bodies.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Header {
    pub library_version: u32,
    pub stamps: Vec<Stamp>,
    pub records: Vec<SourceRecord>,
    /// Source names the entries point into.
    pub files: Vec<String>,
    /// The templates in library order.
    pub entries: Vec<Entry>,
    pub phrases: Vec<Phrase>,
    /// For each template, the template it duplicates or its own index.
    pub reps: Vec<u32>,
    pub marks: Vec<Mark>,
}

impl Header {
    pub fn file_of(&self, e: &Entry) -> &str {
        self.files.get(e.file as usize).map_or("", String::as_str)
    }
}

/// An index file open for reading.
pub struct IndexReader {
    file: std::fs::File,
    /// Where the template bodies end (the header begins).
    body_end: u64,
}

fn io(e: std::io::Error) -> String {
    e.to_string()
}

impl IndexReader {
    /// Opens an index file and reads its header; `None` when it is missing, of another
    /// version of the layout, or damaged.
    pub fn open(path: &Path) -> Option<(IndexReader, Header)> {
        let mut file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut magic = [0u8; 8];
        file.read_exact(&mut magic).ok()?;
        if &magic != MAGIC || size < 8 + 24 {
            return None;
        }
        let mut trailer = [0u8; 24];
        file.seek(SeekFrom::Start(size - 24)).ok()?;
        file.read_exact(&mut trailer).ok()?;
        let at = u64::from_le_bytes(trailer[..8].try_into().ok()?);
        let len = u64::from_le_bytes(trailer[8..16].try_into().ok()?);
        if &trailer[16..] != MAGIC || at < 8 || len > MAX_BLOCK || at.checked_add(len)? > size - 24
        {
            return None;
        }
        let mut buf = vec![0u8; len as usize];
        file.seek(SeekFrom::Start(at)).ok()?;
        file.read_exact(&mut buf).ok()?;
        let header: Header = postcard::from_bytes(&buf).ok()?;
        let n = header.entries.len();
        let fits = |e: &Entry| {
            (e.file as usize) < header.files.len()
                && e.offset >= 8
                && e.offset + u64::from(e.len) <= at
        };
        if header.reps.len() != n || header.marks.len() != n || !header.entries.iter().all(fits) {
            return None;
        }
        Some((IndexReader { file, body_end: at }, header))
    }

    /// The bytes of one template.
    pub fn bytes(&mut self, e: &Entry) -> Result<Vec<u8>, String> {
        self.range(e.offset, e.offset + u64::from(e.len))
    }

    /// The bytes `start..end` of the template bodies.
    pub fn range(&mut self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        if start > end || end > self.body_end {
            return Err("索引中的模板位置超出文件".to_string());
        }
        let mut buf = vec![0u8; (end - start) as usize];
        self.file.seek(SeekFrom::Start(start)).map_err(io)?;
        self.file.read_exact(&mut buf).map_err(io)?;
        Ok(buf)
    }

    pub fn template(&mut self, e: &Entry) -> Result<Template, String> {
        let bytes = self.bytes(e)?;
        postcard::from_bytes(&bytes).map_err(|e| e.to_string())
    }

    /// All templates of `entries`, in their order (an import writes them mostly in that
    /// order, so this reads the file nearly front to back).
    pub fn templates(&mut self, entries: &[Entry]) -> Result<Vec<Template>, String> {
        let mut out = Vec::with_capacity(entries.len());
        let mut r = std::io::BufReader::with_capacity(1 << 20, &self.file);
        let mut pos = r.seek(SeekFrom::Start(8)).map_err(io)?;
        let mut buf = Vec::new();
        for e in entries {
            if e.offset + u64::from(e.len) > self.body_end {
                return Err("索引中的模板位置超出文件".to_string());
            }
            if e.offset != pos {
                r.seek_relative(e.offset as i64 - pos as i64).map_err(io)?;
            }
            buf.resize(e.len as usize, 0);
            r.read_exact(&mut buf).map_err(io)?;
            pos = e.offset + u64::from(e.len);
            out.push(postcard::from_bytes(&buf).map_err(|e| e.to_string())?);
        }
        Ok(out)
    }
}

/// An index being written: template bodies first, in any order, then the header.
/// Dropped unfinished, it removes its temporary file.
pub struct IndexWriter {
    path: PathBuf,
    tmp: PathBuf,
    w: Option<BufWriter<std::fs::File>>,
    pos: u64,
    files: Vec<String>,
    file_at: FxHashMap<String, u32>,
}

impl IndexWriter {
    pub fn create(dir: &Path) -> Result<IndexWriter, String> {
        let path = dir.join(INDEX_FILE);
        let tmp = dir.join(format!(".{INDEX_FILE}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let err = |e: std::io::Error| format!("{}: 无法写入索引：{e}", path.display());
        let f = std::fs::File::create(&tmp).map_err(err)?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        w.write_all(MAGIC).map_err(err)?;
        Ok(IndexWriter {
            path,
            tmp,
            w: Some(w),
            pos: 8,
            files: Vec::new(),
            file_at: FxHashMap::default(),
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> String {
        format!("{}: 无法写入索引：{e}", self.path.display())
    }

    /// Writes one template's postcard bytes; returns where they are.
    pub fn put_bytes(
        &mut self,
        file: &str,
        kind: TemplateKind,
        bytes: &[u8],
    ) -> Result<Entry, String> {
        let w = self.w.as_mut().ok_or("索引已写完")?;
        if let Err(e) = w.write_all(bytes) {
            return Err(self.err(e));
        }
        let next = self.files.len() as u32;
        let id = *self.file_at.entry(file.to_string()).or_insert(next);
        if id == next {
            self.files.push(file.to_string());
        }
        let e = Entry {
            file: id,
            kind,
            offset: self.pos,
            len: bytes.len() as u32,
        };
        self.pos += bytes.len() as u64;
        Ok(e)
    }

    pub fn put(&mut self, t: &Template) -> Result<Entry, String> {
        let bytes = postcard::to_stdvec(t).map_err(|e| self.err(e))?;
        self.put_bytes(&t.source.file, t.kind, &bytes)
    }

    /// Source name of an entry written here.
    pub fn file_of(&self, e: &Entry) -> &str {
        self.files.get(e.file as usize).map_or("", String::as_str)
    }

    /// A reader of the templates written so far (for de-duplication before the header).
    pub fn reader(&mut self) -> Result<IndexReader, String> {
        let w = self.w.as_mut().ok_or("索引已写完")?;
        w.flush()
            .map_err(|e| format!("{}: 无法写入索引：{e}", self.path.display()))?;
        let file = std::fs::File::open(&self.tmp).map_err(|e| self.err(e))?;
        Ok(IndexReader {
            file,
            body_end: self.pos,
        })
    }

    /// Writes the header (its `files` are this writer's), syncs and renames the index
    /// into place. Write the RON files first: the header records their stamps.
    pub fn finish(mut self, mut header: Header) -> Result<PathBuf, String> {
        header.files = std::mem::take(&mut self.files);
        let mut w = self.w.take().ok_or("索引已写完")?;
        let result = (|| {
            let bytes = postcard::to_stdvec(&header).map_err(|e| e.to_string())?;
            w.write_all(&bytes).map_err(io)?;
            w.write_all(&self.pos.to_le_bytes()).map_err(io)?;
            w.write_all(&(bytes.len() as u64).to_le_bytes())
                .map_err(io)?;
            w.write_all(MAGIC).map_err(io)?;
            let f = w.into_inner().map_err(|e| e.to_string())?;
            f.sync_all().map_err(io)?;
            std::fs::rename(&self.tmp, &self.path).map_err(io)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(self.err(e));
        }
        Ok(self.path.clone())
    }
}

impl Drop for IndexWriter {
    fn drop(&mut self) {
        if self.w.is_some() {
            self.w = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
