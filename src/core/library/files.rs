//! A library on disk: a folder of pretty RON files, one per source speech (`<stem>.ron`,
//! its templates) and `phrases.ron`. Writing is deterministic, so the shipped
//! `templates/` folder is exactly what `jianggao mine` produces.

use crate::core::error::io_reason;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::library::{
    LIBRARY_VERSION, Library, LoadError, Loc, PHRASE_FILE, Phrase, Template,
};

#[derive(Debug, Serialize, Deserialize)]
struct TemplateFile {
    version: u32,
    file: String,
    title: Option<String>,
    templates: Vec<Template>,
}

#[derive(Debug, Serialize, Deserialize)]
struct PhraseFile {
    version: u32,
    phrases: Vec<Phrase>,
}

fn pretty() -> ron::ser::PrettyConfig {
    // Strings are written as they are (a raw string when one holds " or \): escaping
    // asks Unicode's tables whether each character is printable, which took a third of
    // writing a library of Chinese text, and left Chinese unescaped anyway.
    ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .new_line("\n")
        .escape_strings(false)
}

fn to_ron<T: Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string_pretty(value, pretty())
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
}

/// Library file stem for a source name: "000_a6e6.txt" → "000_a6e6", "年度/一.docx" → "年度_一".
pub fn stem(file: &str) -> String {
    let p = Path::new(file);
    let without_ext = match p.extension() {
        Some(_) => p.with_extension(""),
        None => p.to_path_buf(),
    };
    without_ext.to_string_lossy().replace(['/', '\\'], "_")
}

/// The library file of one source: (file name, RON text).
pub fn source_file(file: &str, templates: &[&Template]) -> Result<(String, String), String> {
    let tf = TemplateFile {
        version: LIBRARY_VERSION,
        file: file.to_string(),
        title: templates.first().and_then(|t| t.source.title.clone()),
        templates: templates.iter().map(|t| (*t).clone()).collect(),
    };
    Ok((format!("{}.ron", stem(file)), to_ron(&tf)?))
}

/// The phrase file: (file name, RON text).
pub fn phrase_file(phrases: &[Phrase]) -> Result<(String, String), String> {
    Ok((PHRASE_FILE.to_string(), phrase_ron(phrases, PARALLEL_FROM)?))
}

/// Phrases from which `phrase_file` writes on several threads (an archive's is 50 MB of
/// RON, half a second on one core).
const PARALLEL_FROM: usize = 4096;

/// The RON of a phrase file. Pretty RON writes each phrase the same wherever it stands
/// in the list, so a long list is written in parts on the machine's cores and the parts'
/// phrases joined between one part's opening and closing lines: the same text as
/// writing it whole (a test holds them equal).
fn phrase_ron(phrases: &[Phrase], parallel_from: usize) -> Result<String, String> {
    // Written as `PhraseFile` is read, without copying an archive's phrases first.
    #[derive(Serialize)]
    struct PhraseFileRef<'a> {
        version: u32,
        phrases: &'a [Phrase],
    }
    fn whole(phrases: &[Phrase]) -> Result<String, String> {
        to_ron(&PhraseFileRef {
            version: LIBRARY_VERSION,
            phrases,
        })
    }
    if phrases.len() < parallel_from {
        return whole(phrases);
    }
    let parts = crate::core::parallel::par_chunks(phrases, |c, _| whole(c));
    let parts: Vec<String> = parts.into_iter().collect::<Result<_, _>>()?;
    // Each part is head, its phrases, tail; the head ends with the list's opening line.
    let open = "  phrases: [\n";
    let close = "  ],\n)\n";
    let mut out = String::with_capacity(parts.iter().map(String::len).sum());
    for (k, p) in parts.iter().enumerate() {
        let (Some(a), true) = (p.find(open), p.ends_with(close)) else {
            // RON's layout changed under this code: correct, on one core.
            debug_assert!(false, "a phrase file part without its list lines");
            return whole(phrases);
        };
        if k == 0 {
            out.push_str(&p[..a + open.len()]);
        }
        out.push_str(&p[a + open.len()..p.len() - close.len()]);
    }
    out.push_str(close);
    Ok(out)
}

impl Library {
    /// The file contents of this library: (file name, text), sorted by name.
    pub fn to_files(&self) -> Result<Vec<(String, String)>, String> {
        let mut out = Vec::new();
        for (file, templates) in self.by_source() {
            out.push(source_file(file, &templates)?);
        }
        out.push(phrase_file(&self.phrases)?);
        out.sort();
        Ok(out)
    }

    /// Templates grouped by source file, in file order.
    pub fn by_source(&self) -> std::collections::BTreeMap<&str, Vec<&Template>> {
        let mut by_file: std::collections::BTreeMap<&str, Vec<&Template>> = Default::default();
        for t in &self.templates {
            by_file.entry(t.source.file.as_str()).or_default().push(t);
        }
        by_file
    }

    /// Writes the library into `dir` (created if needed), each file atomically.
    pub fn save(&self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: 无法创建文件夹：{e}", dir.display()))?;
        let mut written = Vec::new();
        for (name, text) in self.to_files()? {
            let path = dir.join(name);
            crate::core::fsutil::write_atomic(&path, text.as_bytes())
                .map_err(|e| format!("{}: 无法写入：{}", path.display(), io_reason(&e)))?;
            written.push(path);
        }
        Ok(written)
    }

    /// Loads every `.ron` file of a library folder. Broken files are reported and skipped;
    /// the rest still loads.
    pub fn load_dir(dir: &Path) -> (Library, Vec<LoadError>) {
        let mut lib = Library::default();
        let mut errors = Vec::new();
        let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect(),
            Err(e) => {
                errors.push(LoadError {
                    path: dir.to_path_buf(),
                    position: None,
                    message: format!("无法打开模板库文件夹：{e}"),
                });
                return (lib, errors);
            }
        };
        files.sort();
        for path in files {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(LoadError {
                        path,
                        position: None,
                        message: format!("无法读取：{}", io_reason(&e)),
                    });
                    continue;
                }
            };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Err(e) = lib.add_file(name, &text) {
                errors.push(LoadError { path, ..e });
            }
        }
        (lib, errors)
    }

    /// Adds one library file given its name and text (used for the embedded library too).
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), LoadError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let err = |position, message: String| LoadError {
            path: PathBuf::from(name),
            position,
            message,
        };
        let spanned = |e: ron::error::SpannedError| {
            err(
                crate::core::ron_error::position(&e),
                format!(
                    "不是有效的模板库文件：{}",
                    crate::core::ron_error::describe(&e.code)
                ),
            )
        };
        if name == PHRASE_FILE {
            let pf: PhraseFile = ron::from_str(text).map_err(spanned)?;
            check_version(pf.version).map_err(|m| err(None, m))?;
            self.phrases.extend(pf.phrases);
        } else {
            let tf: TemplateFile = ron::from_str(text).map_err(spanned)?;
            check_version(tf.version).map_err(|m| err(None, m))?;
            for t in &tf.templates {
                validate_template(t).map_err(|m| err(None, m))?;
            }
            self.templates.extend(tf.templates);
        }
        Ok(())
    }
}

fn check_version(v: u32) -> Result<(), String> {
    if v == LIBRARY_VERSION {
        Ok(())
    } else {
        Err(format!(
            "不支持的模板库版本 {v}（本程序为 {LIBRARY_VERSION}）"
        ))
    }
}

/// Ranges must point inside the text they describe, or the app would highlight garbage.
fn validate_template(t: &Template) -> Result<(), String> {
    let check = |loc: Loc, start: usize, end: usize, what: &str| {
        let text = t
            .text_at(loc)
            .ok_or_else(|| format!("模板 {} 的{what}位置不存在", t.id))?;
        if start > end || end > text.chars().count() {
            return Err(format!(
                "模板 {} 的{what}范围 {start}..{end} 超出文本",
                t.id
            ));
        }
        Ok(())
    };
    for s in &t.slots {
        check(s.loc, s.start, s.end, "空位")?;
    }
    for s in &t.specifics {
        check(s.loc, s.start, s.end, "专有信息")?;
    }
    Ok(())
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));
}

impl Library {
    /// The library shipped in the binary (mined from `assets/corpus`).
    pub fn embedded() -> (Library, Vec<LoadError>) {
        let mut lib = Library::default();
        let mut errors = Vec::new();
        for (name, text) in embedded::EMBEDDED {
            if let Err(e) = lib.add_file(name, text) {
                errors.push(e);
            }
        }
        (lib, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::{PhraseKind, PhraseSource};

    #[test]
    fn a_phrase_file_written_in_parts_is_the_one_written_whole() {
        let phrases: Vec<Phrase> = (0..50)
            .map(|i| Phrase {
                // Quotation marks and a backslash make RON write a raw string.
                text: match i % 4 {
                    0 => format!("“四风”{i}"),
                    1 => format!("say \"x\" {i}"),
                    2 => format!("a\\b{i}"),
                    _ => format!("知敬畏、存戒惧、守底线{i}"),
                },
                kind: PhraseKind::Parallel,
                topics: if i % 3 == 0 {
                    Vec::new()
                } else {
                    vec!["纪律建设".into()]
                },
                keywords: vec!["敬畏".into()],
                count: i,
                sources: (0..i % 3)
                    .map(|k| PhraseSource {
                        file: format!("{k}.txt"),
                        path: "一/（二）".into(),
                    })
                    .collect(),
            })
            .collect();
        let whole = phrase_ron(&phrases, usize::MAX).unwrap();
        for threads in [1, 2, 3, 7] {
            crate::core::parallel::THREADS.with(|t| t.set(Some(threads)));
            assert_eq!(phrase_ron(&phrases, 1).unwrap(), whole, "{threads} threads");
        }
        crate::core::parallel::THREADS.with(|t| t.set(None));
        let back: PhraseFile = ron::from_str(&whole).unwrap();
        assert_eq!(back.phrases, phrases);
    }
}
