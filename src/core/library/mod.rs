//! The template and phrase library: its types (`files` reads and writes them as RON).

pub mod dedupe;
pub mod files;
pub mod index_file;
pub mod store;
pub mod update;

use std::path::PathBuf;

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
    /// A numbered slogan of the source unit: “八项制度”, “四个突出”.
    Slogan,
    /// The chain of command above the source: 中央、省委、市委 (right for a unit under
    /// the same committees, wrong for one at their level or above).
    Superiors,
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
            Self::Slogan => "本单位提法",
            Self::Superiors => "上级机关",
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

/// A library file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}：{message}", crate::core::ron_error::place(&path.display().to_string(), *position))]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and column, when the file is not valid RON.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Library {
    /// Another library's templates and phrases join this one (ids already present are kept
    /// from this library).
    pub fn merge(&mut self, other: Library) {
        let ids: std::collections::HashSet<String> =
            self.templates.iter().map(|t| t.id.clone()).collect();
        self.templates
            .extend(other.templates.into_iter().filter(|t| !ids.contains(&t.id)));
        self.phrases.extend(other.phrases);
        // The same phrase mined from the shipped and the user's corpus is listed once.
        self.phrases = dedupe_phrases(std::mem::take(&mut self.phrases));
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

/// Phrases made unique by (kind, text): counts add up, sources, topics and keywords are
/// united. The first occurrence's position in the list is kept.
pub fn dedupe_phrases(phrases: Vec<Phrase>) -> Vec<Phrase> {
    let mut at: std::collections::HashMap<(PhraseKind, String), usize> =
        std::collections::HashMap::new();
    let mut out: Vec<Phrase> = Vec::with_capacity(phrases.len());
    for p in phrases {
        match at.get(&(p.kind, p.text.clone())) {
            Some(&i) => {
                let q = &mut out[i];
                q.count += p.count;
                for s in p.sources {
                    if !q.sources.contains(&s) {
                        q.sources.push(s);
                    }
                }
                for t in p.topics {
                    if !q.topics.contains(&t) {
                        q.topics.push(t);
                    }
                }
                for k in p.keywords {
                    if !q.keywords.contains(&k) {
                        q.keywords.push(k);
                    }
                }
            }
            None => {
                at.insert((p.kind, p.text.clone()), out.len());
                out.push(p);
            }
        }
    }
    out
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
