//! Current standard formulations (`assets/lexicon/standard.ron`): set terms of the day
//! that a writer may want in any speech (“两个确立”, 中央八项规定精神), each with the date
//! from which it is current. The suggestion panel offers them as their own kind; mining
//! keeps a quoted term the lexicon lists even when one speech alone quotes it.

use serde::Deserialize;

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::lexicon::{lines, units};
use crate::core::library::{Phrase, PhraseKind};
use crate::core::nlp;

/// The lexicon shipped in the binary; a user copy in the data folder replaces it.
pub const DEFAULT_STANDARD: &str = include_str!("../../../assets/lexicon/standard.ron");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Standard {
    pub text: String,
    /// YYYY-MM-DD from which the formulation is current.
    pub since: String,
    #[serde(default)]
    pub note: String,
    /// Whether the check flags a run that drops or changes one of its items; `false` for
    /// a set that fields vary by custom (党政同责、一岗双责、齐抓共管 + 失职追责 or 终身追责).
    #[serde(default = "yes")]
    pub check: bool,
    /// The kinds of unit it is written for (`units::unit_names`), if not every kind: the
    /// panel keeps it from paragraphs written for other kinds.
    #[serde(default)]
    pub units: Vec<String>,
    /// The lines of work it is written for, each named by a word of `lines::LINES`
    /// (金融, 医疗, 公安…); when given, they replace the lines its words name.
    #[serde(default)]
    pub lines: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StandardLexicon {
    pub version: u32,
    pub formulations: Vec<Standard>,
}

impl StandardLexicon {
    pub fn parse(text: &str, origin: &str) -> Result<Self, String> {
        let s: Self = ron::from_str(text)
            .map_err(|e| crate::core::ron_error::lexicon(origin, "规范提法词表", &e))?;
        // A user's copy is written by hand: a bad date names the entry.
        if let Some(f) = s
            .formulations
            .iter()
            .find(|f| f.since.len() != 10 || crate::core::dates::date_parts(&f.since).is_none())
        {
            return Err(format!(
                "{origin}：规范提法“{}”的 since 应为 YYYY-MM-DD：{}",
                f.text, f.since
            ));
        }
        for f in &s.formulations {
            if let Some(l) = f.lines.iter().find(|l| lines::line_bit(l).is_none()) {
                return Err(format!(
                    "{origin}：规范提法“{}”的 lines 中“{l}”不是工作领域（可用：{}）",
                    f.text,
                    lines::line_names().join("、")
                ));
            }
            if let Some(u) = f.units.iter().find(|u| units::unit_bit(u).is_none()) {
                return Err(format!(
                    "{origin}：规范提法“{}”的 units 中“{u}”不是单位类别（可用：{}）",
                    f.text,
                    units::unit_names().join("、")
                ));
            }
        }
        Ok(s)
    }

    /// The lexicon this process uses: the user's copy once installed
    /// (`use_user_copy`), else the shipped one.
    pub fn current() -> Self {
        USER.get().cloned().unwrap_or_else(Self::builtin)
    }

    /// The lexicon this process uses, built once: for questions asked of every mined
    /// phrase and of every draft (`current` is fixed before the first mining or check).
    pub fn shared() -> &'static StandardLexicon {
        static SHARED: std::sync::OnceLock<StandardLexicon> = std::sync::OnceLock::new();
        SHARED.get_or_init(Self::current)
    }

    /// Makes the user's copy (`standard.ron` in the data folder) the lexicon of this
    /// process; it replaces the shipped list, as a user's formulations.ron does. A copy
    /// that does not parse is an error naming the file, line and column, and the shipped
    /// list stays.
    pub fn use_user_copy(text: &str, origin: &str) -> Result<(), String> {
        let s = Self::parse(text, origin)?;
        let _ = USER.set(s);
        Ok(())
    }

    /// The shipped lexicon; tests check that it parses.
    pub fn builtin() -> Self {
        Self::parse(DEFAULT_STANDARD, "assets/lexicon/standard.ron")
            .expect("the shipped standard formulations are valid")
    }

    /// Whether the lexicon lists a text, quotation marks aside.
    pub fn lists(&self, text: &str) -> bool {
        // Compared as they are read, no copy made: asked of every 排比 mined.
        self.formulations.iter().any(|f| {
            f.text
                .chars()
                .filter(|c| !is_quote_mark(*c))
                .eq(text.chars().filter(|c| !is_quote_mark(*c)))
        })
    }

    /// The formulations as phrases of their own kind, with keywords and topics.
    pub fn phrases(&self, lex: &TopicLexicon) -> Vec<Phrase> {
        self.formulations
            .iter()
            .map(|f| {
                let keywords = nlp::keywords(&bare(&f.text));
                // The note, written to say what the formulation is about and where it is
                // used, counts as a heading's words; its own words as a body's (学习运用
                // “千万工程”经验 is about 乡村振兴, not 学习教育).
                let note = nlp::cut(&f.note);
                let topics = lex.classify(note, keywords.iter().map(String::as_str));
                Phrase {
                    text: f.text.clone(),
                    kind: PhraseKind::Standard,
                    topics,
                    keywords,
                    count: 0,
                    sources: Vec::new(),
                }
            })
            .collect()
    }

    /// Per formulation, the keywords of its note that are not its own: the words of the
    /// paragraphs it belongs in (the note says where it comes from and what it is about).
    pub fn contexts(&self) -> Vec<Vec<String>> {
        self.formulations
            .iter()
            .map(|f| {
                let own = bare(&f.text);
                nlp::keywords(&f.note)
                    .into_iter()
                    .filter(|w| !own.contains(w.as_str()))
                    .collect()
            })
            .collect()
    }

    /// The formulation a phrase is, when it is one of these (quotation marks aside).
    pub fn get(&self, text: &str) -> Option<&Standard> {
        let key = bare(text);
        self.formulations.iter().find(|f| bare(&f.text) == key)
    }

    /// The date from which a phrase is current, when it is one of these.
    pub fn since(&self, text: &str) -> Option<&str> {
        self.get(text).map(|f| f.since.as_str())
    }
}

impl Standard {
    /// The kinds of unit it is written for, as bits of `units::unit_bit` (0: any).
    pub fn unit_bits(&self) -> u8 {
        self.units
            .iter()
            .filter_map(|u| units::unit_bit(u))
            .fold(0, |b, u| b | u)
    }

    /// The lines of work its `lines` field names, as bits of `lines::line_bit` (0: none
    /// named, its words say).
    pub fn line_bits(&self) -> u32 {
        self.lines
            .iter()
            .filter_map(|l| lines::line_bit(l))
            .fold(0, |b, l| b | l)
    }
}

/// The user's copy, once installed for this process.
static USER: std::sync::OnceLock<StandardLexicon> = std::sync::OnceLock::new();

/// A text without quotation marks.
pub(crate) fn bare(s: &str) -> String {
    s.chars().filter(|c| !is_quote_mark(*c)).collect()
}

/// The quotation marks a formulation is quoted with or without.
fn is_quote_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_and_an_unknown_one_names_the_entry() {
        let s = StandardLexicon::builtin();
        // Its words name no line; its line is 税务.
        let f = s.get("精确执法、精细服务、精准监管、精诚共治").unwrap();
        assert_eq!(lines::line_bits(&f.text), 0);
        assert_eq!(Some(f.line_bits()), lines::line_bit("税务"));
        assert_eq!(s.get("全面从严治党").map(Standard::line_bits), Some(0));
        assert_field_error(r#"lines: ["党建"]"#, &["党建", "金融"]);
    }

    /// An entry with `field` is refused, with an error naming the entry and `words`.
    fn assert_field_error(field: &str, words: &[&str]) {
        let bad = format!(
            r#"(version: 1, formulations: [(text: "甲乙丙", since: "2020-01-01", {field})])"#
        );
        let e = StandardLexicon::parse(&bad, "standard.ron").unwrap_err();
        assert!(e.contains("甲乙丙"), "{e}");
        for w in words {
            assert!(e.contains(w), "{w}: {e}");
        }
    }

    #[test]
    fn units_are_read_and_an_unknown_one_names_the_entry() {
        let s = StandardLexicon::builtin();
        assert_eq!(
            s.get("党委领导下的院长负责制").map(Standard::unit_bits),
            units::unit_bit("医院")
        );
        assert_eq!(s.get("全面从严治党").map(Standard::unit_bits), Some(0));
        assert_field_error(r#"units: ["医疗"]"#, &["医疗", "医院"]);
    }

    #[test]
    fn the_shipped_lexicon_is_dated_and_listed() {
        let s = StandardLexicon::builtin();
        assert!(s.formulations.len() >= 10);
        for f in &s.formulations {
            let b = f.since.as_bytes();
            assert!(b.len() == 10 && b[4] == b'-' && b[7] == b'-', "{f:?}");
        }
        assert!(s.lists("两个确立") && s.lists("“两个确立”"));
        assert!(!s.lists("基层减负年"));
        let lex = TopicLexicon::builtin();
        let p = s.phrases(&lex);
        assert!(
            p.iter()
                .all(|p| p.kind == PhraseKind::Standard && !p.keywords.is_empty())
        );
    }

    #[test]
    fn a_formulation_is_about_what_its_note_says() {
        let s = StandardLexicon::builtin();
        let lex = TopicLexicon::builtin();
        let first = |text: &str| {
            s.phrases(&lex)
                .into_iter()
                .find(|p| p.text == text)
                .and_then(|p| p.topics.first().cloned())
        };
        // 学习 is the verb here, not the subject.
        assert_eq!(first("学习运用“千万工程”经验").as_deref(), Some("乡村振兴"));
        assert_eq!(first("把纪律和规矩挺在前面").as_deref(), Some("纪律建设"));
    }
}
