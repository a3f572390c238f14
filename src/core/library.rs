//! The template and phrase library: its types, and its files.
//!
//! On disk a library is a folder of pretty RON files: one per source speech
//! (`<stem>.ron`, its templates) and `phrases.ron`. Writing is deterministic, so the
//! shipped `templates/` folder is exactly what `jianggao mine` produces.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Schema version of library files; bump on incompatible changes.
pub const LIBRARY_VERSION: u32 = 1;
pub const PHRASE_FILE: &str = "phrases.ron";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Opening,
    Section,
    Point,
    Closing,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 4] = [Self::Opening, Self::Section, Self::Point, Self::Closing];

    pub fn label(self) -> &'static str {
        match self {
            Self::Opening => "开头",
            Self::Section => "主体部分",
            Self::Point => "分论点",
            Self::Closing => "结尾",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Opening => "opening",
            Self::Section => "section",
            Self::Point => "point",
            Self::Closing => "closing",
        }
    }
}

/// Where in a template a piece of text sits: the heading or a paragraph, of the
/// template itself or of one of its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Loc {
    /// Index into `children`, or `None` for the template's own text.
    pub child: Option<usize>,
    /// Index into `paragraphs`, or `None` for the heading.
    pub para: Option<usize>,
}

/// A blank in the source ("XX", "*月*日", "20**年") turned into a named slot `{单位}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The slot name without braces, e.g. "单位".
    pub name: String,
    /// The blank as written in the source, e.g. "XX".
    pub original: String,
    pub loc: Loc,
    /// Character range of `{name}` in the template text.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecificKind {
    Place,
    Person,
    Organisation,
    Year,
    Anniversary,
    /// Kept so libraries mined before dated formulations had their own kind still load.
    Congress,
    Campaign,
    /// The source's level: 全市, 我区.
    Level,
    /// A document of the source's units: 《省委组织部机关关于…》.
    Document,
    /// A figure or target: 1/3以上, 50%以上, 23个.
    Figure,
    /// A time reference: 今年3月, 下半年, 去年.
    Time,
    /// The count of the speech's points: 讲三点意见.
    PointCount,
    /// Wording of the source's system: 组工干部, 条令纲要.
    Jargon,
    /// A formulation outdated by the dated lexicon: 十九大精神, 又好又快.
    Dated,
}

impl SpecificKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Place => "地名",
            Self::Person => "人名",
            Self::Organisation => "机构名",
            Self::Year => "年份",
            Self::Anniversary => "周年",
            Self::Congress => "会议届次",
            Self::Campaign => "专项活动",
            Self::Level => "本级用语",
            Self::Document => "文件名称",
            Self::Figure => "数字目标",
            Self::Time => "时间",
            Self::PointCount => "条数",
            Self::Jargon => "行业用语",
            Self::Dated => "过时提法",
        }
    }
}

/// Text that must change when a passage is reused (a place, a year, 十九大 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Specific {
    pub text: String,
    pub kind: SpecificKind,
    pub loc: Loc,
    /// Character range in the template text.
    pub start: usize,
    pub end: usize,
}

/// Where a template or phrase came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Provenance {
    /// File name of the source speech.
    pub file: String,
    pub title: Option<String>,
    /// Section path such as "二/（三）", or "开头" / "结尾".
    pub path: String,
}

/// A child item of a section template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChild {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Stable id: "<file stem>/<kind>/<path>".
    pub id: String,
    pub kind: TemplateKind,
    /// Empty for openings and closings.
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// Points of a section; empty for other kinds.
    pub children: Vec<TemplateChild>,
    /// Topic names, best first.
    pub topics: Vec<String>,
    pub slots: Vec<Slot>,
    pub specifics: Vec<Specific>,
    pub source: Provenance,
    /// Other places the same or a near-identical text occurs (the library's de-duplication
    /// folds them into this template; see `library_dedupe`). Never written to RON: each
    /// source's file keeps its own templates.
    #[serde(skip)]
    pub also: Vec<Provenance>,
    /// Characters of text (heading, paragraphs, children).
    pub chars: usize,
}

impl Template {
    /// The text at a location.
    pub fn text_at(&self, loc: Loc) -> Option<&str> {
        let (heading, paras) = match loc.child {
            None => (&self.heading, &self.paragraphs),
            Some(c) => {
                let ch = self.children.get(c)?;
                (&ch.heading, &ch.paragraphs)
            }
        };
        match loc.para {
            None => Some(heading.as_str()),
            Some(p) => paras.get(p).map(String::as_str),
        }
    }

    /// Every piece of text with its location, in reading order.
    pub fn texts(&self) -> Vec<(Loc, &str)> {
        fn push<'a>(
            out: &mut Vec<(Loc, &'a str)>,
            child: Option<usize>,
            heading: &'a str,
            paras: &'a [String],
        ) {
            if !heading.is_empty() || child.is_some() {
                out.push((Loc { child, para: None }, heading));
            }
            for (i, p) in paras.iter().enumerate() {
                out.push((
                    Loc {
                        child,
                        para: Some(i),
                    },
                    p.as_str(),
                ));
            }
        }
        let mut out = Vec::new();
        push(&mut out, None, &self.heading, &self.paragraphs);
        for (c, ch) in self.children.iter().enumerate() {
            push(&mut out, Some(c), &ch.heading, &ch.paragraphs);
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhraseKind {
    Term,
    Quote,
    Parallel,
    Idiom,
    HeadingFrame,
    Collocation,
    /// A current standard formulation from the lexicon, not mined.
    Standard,
}

impl PhraseKind {
    pub const ALL: [PhraseKind; 7] = [
        Self::Term,
        Self::Quote,
        Self::Parallel,
        Self::Idiom,
        Self::HeadingFrame,
        Self::Collocation,
        Self::Standard,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Term => "提法",
            Self::Quote => "引语",
            Self::Parallel => "排比",
            Self::Idiom => "成语",
            Self::HeadingFrame => "标题句式",
            Self::Collocation => "动宾搭配",
            Self::Standard => "规范提法",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Term => "term",
            Self::Quote => "quote",
            Self::Parallel => "parallel",
            Self::Idiom => "idiom",
            Self::HeadingFrame => "heading_frame",
            Self::Collocation => "collocation",
            Self::Standard => "standard",
        }
    }
}

/// Where a phrase occurs: a file and a section path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PhraseSource {
    pub file: String,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub text: String,
    pub kind: PhraseKind,
    pub topics: Vec<String>,
    pub keywords: Vec<String>,
    /// Occurrences in the corpus.
    pub count: usize,
    pub sources: Vec<PhraseSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    pub templates: Vec<Template>,
    pub phrases: Vec<Phrase>,
}

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

/// A library file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}：{message}", crate::core::ron_error::place(&path.display().to_string(), *position))]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and column, when the file is not valid RON.
    pub position: Option<(usize, usize)>,
    pub message: String,
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
    let pf = PhraseFile {
        version: LIBRARY_VERSION,
        phrases: phrases.to_vec(),
    };
    Ok((PHRASE_FILE.to_string(), to_ron(&pf)?))
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
                .map_err(|e| format!("{}: 无法写入：{e}", path.display()))?;
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
                        message: format!("无法读取：{e}"),
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

    /// Another library's templates and phrases join this one (ids already present are kept
    /// from this library).
    pub fn merge(&mut self, other: Library) {
        let ids: std::collections::HashSet<String> =
            self.templates.iter().map(|t| t.id.clone()).collect();
        self.templates
            .extend(other.templates.into_iter().filter(|t| !ids.contains(&t.id)));
        self.phrases.extend(other.phrases);
        // The same phrase mined from the shipped and the user's corpus is listed once.
        self.phrases =
            crate::core::library_update::dedupe_phrases(std::mem::take(&mut self.phrases));
    }

    /// The template a draft block came from: the one at its path, or — for a point
    /// inserted with its section, whose path is "<section>/n" — that section.
    pub fn source_template(&self, src: &Provenance) -> Option<&Template> {
        let section = src.path.split('/').next().unwrap_or_default();
        // A duplicate folded into another template is found through that template.
        let at = |p: &Provenance, path: &str| p.file == src.file && p.path == path;
        let find = |path: &str| {
            self.templates
                .iter()
                .find(|t| at(&t.source, path) || t.also.iter().any(|a| at(a, path)))
        };
        find(&src.path).or_else(|| find(section))
    }

    pub fn count(&self, kind: TemplateKind) -> usize {
        self.templates.iter().filter(|t| t.kind == kind).count()
    }

    pub fn phrase_count(&self, kind: PhraseKind) -> usize {
        self.phrases.iter().filter(|p| p.kind == kind).count()
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
    use proptest::prelude::*;

    fn template(text: &str) -> Template {
        Template {
            id: format!("a/section/{text}"),
            kind: TemplateKind::Section,
            heading: text.to_string(),
            paragraphs: vec![text.to_string(), format!("{text}\"#{text}")],
            children: Vec::new(),
            topics: vec![text.to_string()],
            slots: Vec::new(),
            specifics: Vec::new(),
            source: Provenance {
                file: "a.txt".into(),
                title: Some(text.to_string()),
                path: "一".into(),
            },
            also: Vec::new(),
            chars: text.chars().count(),
        }
    }

    proptest! {
        /// Any text, quotes, backslashes, hashes, line breaks and control characters
        /// included, reads back as it was written.
        #[test]
        fn library_files_read_back_what_was_written(text in "(\\PC|[\"\\\\#\r\n\t\u{0}\u{200b}'])*") {
            let lib = Library {
                templates: vec![template(&text)],
                phrases: vec![Phrase {
                    text: text.clone(),
                    kind: PhraseKind::Term,
                    topics: Vec::new(),
                    keywords: vec![text.clone()],
                    count: 1,
                    sources: vec![PhraseSource { file: text.clone(), path: String::new() }],
                }],
            };
            let mut back = Library::default();
            for (name, body) in lib.to_files().unwrap() {
                back.add_file(&name, &body).unwrap();
            }
            prop_assert_eq!(back, lib);
        }
    }
}
