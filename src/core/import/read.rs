//! The first stage of an import: each file read, hashed and — when its content is new —
//! decoded and parsed; then, in file order, the speeches named as the library knows them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::core::library::store::SourceRecord;
use crate::core::mine::Source;
use crate::core::parse::speech::Speech;

/// A speech file to import, with the folder it was found under.
#[derive(Debug, Clone)]
pub struct Input {
    /// The import root, canonical, as records name it.
    pub root: String,
    /// The library name: path under the root.
    pub name: String,
    pub path: PathBuf,
}

/// What reading a file gave.
pub enum Outcome {
    /// Same content as last time: the library keeps what it gave (these source names).
    Unchanged(Vec<String>),
    Parsed(Vec<Speech>),
    Failed(String),
    Cancelled,
}

/// A file as the import finished it.
pub struct FileDone {
    pub index: usize,
    pub hash: u128,
    /// Source names it gives the library.
    pub sources: Vec<String>,
    /// Mined this time (not unchanged, not failed).
    pub mined: bool,
    pub failed: Option<String>,
}

/// Reads, hashes and (when changed) parses one file.
pub fn read_one(input: &Input, old: Option<&SourceRecord>, cancelled: bool) -> (u128, Outcome) {
    if cancelled {
        return (0, Outcome::Cancelled);
    }
    let bytes = match crate::core::parse::read::read_bounded(&input.path) {
        Ok(b) => b,
        Err(e) => return (0, Outcome::Failed(reason(&e))),
    };
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    if let Some(r) = old.filter(|r| r.hash == hash) {
        return (hash, Outcome::Unchanged(r.sources.clone()));
    }
    let decoded = match crate::core::parse::read::decode_file(&input.path, bytes) {
        Ok(d) => d,
        Err(e) => return (hash, Outcome::Failed(reason(&e))),
    };
    // A file may hold several speeches (a collection, a web page of two): each is mined.
    let speeches: Vec<Speech> = crate::core::parse::pipeline::parse_text_all(
        &input.path.display().to_string(),
        &decoded.encoding,
        &decoded.text,
    )
    .into_iter()
    .filter(|s| !(s.opening.is_empty() && s.sections.is_empty() && s.closing.is_empty()))
    .collect();
    if speeches.is_empty() {
        return (hash, Outcome::Failed("没有找到讲话正文".to_string()));
    }
    (hash, Outcome::Parsed(speeches))
}

fn reason(e: &crate::core::error::ReadError) -> String {
    match e {
        crate::core::error::ReadError::Io { source, .. } => format!("无法读取：{source}"),
        crate::core::error::ReadError::Invalid { why, .. } => why.clone(),
    }
}

/// `name` with a suffix before its extension: "年度/一.txt" + "#2" → "年度/一#2.txt".
fn with_suffix(name: &str, suffix: &str) -> String {
    let p = Path::new(name);
    let ext = p
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    format!("{}{suffix}{ext}", p.with_extension("").to_string_lossy())
}

/// Names speeches in file order: the second speech of a file gets its own source name
/// (…（第2篇）.txt) so its templates do not replace the first one's, and two files whose
/// names make the same library file name are told apart (…#2.txt).
#[derive(Default)]
pub struct Namer {
    seen: HashMap<String, usize>,
}

impl Namer {
    fn name(&mut self, file: String) -> String {
        let n = self
            .seen
            .entry(crate::core::library::files::stem(&file))
            .or_default();
        *n += 1;
        if *n > 1 {
            with_suffix(&file, &format!("#{n}"))
        } else {
            file
        }
    }

    /// Names the speeches of a run of files (in order) and returns the sources to mine.
    pub fn take(
        &mut self,
        first: usize,
        inputs: &[Input],
        results: Vec<(u128, Outcome)>,
        done: &mut Vec<FileDone>,
    ) -> Vec<Source> {
        let mut sources = Vec::new();
        for (k, (hash, outcome)) in results.into_iter().enumerate() {
            let index = first + k;
            let mut d = FileDone {
                index,
                hash,
                sources: Vec::new(),
                mined: false,
                failed: None,
            };
            match outcome {
                Outcome::Unchanged(names) => {
                    for n in &names {
                        *self
                            .seen
                            .entry(crate::core::library::files::stem(n))
                            .or_default() += 1;
                    }
                    d.sources = names;
                }
                Outcome::Parsed(speeches) => {
                    d.mined = true;
                    for (i, speech) in speeches.into_iter().enumerate() {
                        let base = &inputs[index].name;
                        let file = if i == 0 {
                            base.clone()
                        } else {
                            with_suffix(base, &format!("（第{}篇）", i + 1))
                        };
                        let file = self.name(file);
                        d.sources.push(file.clone());
                        sources.push(Source { file, speech });
                    }
                }
                Outcome::Failed(why) => d.failed = Some(why),
                Outcome::Cancelled => continue,
            }
            done.push(d);
        }
        sources
    }
}
