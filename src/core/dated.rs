//! The dated-formulation lexicon (`assets/lexicon/formulations.ron`): wording that was
//! current once and is outdated from a date (a congress's spirit, a plan, a campaign, a
//! renamed term), a dated table of congresses and plenums, and anniversaries. Facts are
//! data the user may extend; this module only matches them against a text and a date.

use serde::Deserialize;

use crate::core::dated_norm::{Normalised, normalise};

pub const DEFAULT_FORMULATIONS: &str = include_str!("../../assets/lexicon/formulations.ron");

/// One dated formulation.
#[derive(Debug, Clone, Deserialize)]
pub struct Formulation {
    /// The wording as usually written.
    pub pattern: String,
    /// Other wordings of the same thing (normalisation already covers quotes, 、/，
    /// and Han/Arabic numerals).
    #[serde(default)]
    pub also: Vec<String>,
    pub replacement: Option<String>,
    pub advice: String,
    /// From this date (YYYY-MM-DD) the wording is outdated; `None`: always.
    pub outdated_from: Option<String>,
    /// Words right after a match that make it correct ("脱贫攻坚" + "成果").
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Words just before a match, in its clause, that make it correct.
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// `pattern` and `also`, normalised once when the file is read.
    #[serde(skip)]
    normalised: Vec<String>,
}

/// A congress (plenum 0) or a plenary session of a central committee, with its date.
#[derive(Debug, Clone, Deserialize)]
pub struct Session {
    pub congress: u32,
    pub plenum: u32,
    /// The day it closed, YYYY-MM-DD.
    pub date: String,
}

/// An event whose anniversaries speeches name: the words that lead the number, its year.
#[derive(Debug, Clone, Deserialize)]
pub struct Anniversary {
    pub leads: Vec<String>,
    pub year: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Formulations {
    pub version: u32,
    pub formulations: Vec<Formulation>,
    #[serde(default)]
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub anniversaries: Vec<Anniversary>,
    /// Words after a match that quote it as history ("以来", "时期").
    #[serde(default)]
    pub history_after: Vec<String>,
    /// Words before a match, in its sentence, that quote it as history ("回顾").
    #[serde(default)]
    pub history_before: Vec<String>,
    /// Words before a match, in its clause only, that quote it as history ("…以来，").
    #[serde(default)]
    pub history_before_clause: Vec<String>,
    /// Every normalised pattern in one automaton, so a text is searched once for all of
    /// them (mining asks this of every paragraph); built on first use.
    #[serde(skip)]
    automaton: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
}

/// An outdated wording in a text: character range, the text, the fix and the advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedHit {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub replacement: Option<String>,
    pub advice: String,
}

impl Formulations {
    pub fn builtin() -> Self {
        Self::parse(DEFAULT_FORMULATIONS, "assets/lexicon/formulations.ron")
            .expect("the shipped formulations file is valid")
    }

    pub fn parse(text: &str, origin: &str) -> Result<Self, String> {
        let mut f: Formulations = ron::from_str(text)
            .map_err(|e| crate::core::ron_error::lexicon(origin, "过时提法词表", &e))?;
        // A user's copy is data written by hand: a bad date is an error naming it.
        let bad_date = |d: &str| d.len() != 10 || crate::core::draft_slots::date_parts(d).is_none();
        if let Some(s) = f.sessions.iter().find(|s| bad_date(&s.date)) {
            return Err(format!(
                "{origin}: 过时提法词表中第 {} 届 {} 中全会的日期应为 YYYY-MM-DD：{}",
                s.congress, s.plenum, s.date
            ));
        }
        if let Some(r) = f
            .formulations
            .iter()
            .find(|r| r.outdated_from.as_deref().is_some_and(bad_date))
        {
            return Err(format!(
                "{origin}: 过时提法“{}”的 outdated_from 应为 YYYY-MM-DD：{}",
                r.pattern,
                r.outdated_from.as_deref().unwrap_or("")
            ));
        }
        for r in &mut f.formulations {
            r.normalised = r
                .patterns()
                .map(normalise)
                .filter(|p| !p.is_empty())
                .collect();
        }
        Ok(f)
    }

    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: 无法读取：{e}", path.display()))?;
        Self::parse(&text, &path.display().to_string())
    }

    /// The user's copy (`formulations.ron` in the data folder) if there is one, else the
    /// shipped lexicon; a user copy that cannot be read gives the shipped one and why.
    pub fn user_or_builtin(data_dir: &std::path::Path) -> (Self, Option<String>) {
        let user = data_dir.join("formulations.ron");
        if user.exists() {
            match Self::load(&user) {
                Ok(f) => return (f, None),
                Err(e) => return (Self::builtin(), Some(e)),
            }
        }
        (Self::builtin(), None)
    }

    /// Whether a phrase holds wording outdated by `date` (YYYY-MM-DD), history or not:
    /// a stock phrase with it should not be suggested.
    pub fn is_dated(&self, phrase: &str, date: &str) -> bool {
        let n = normalise(phrase);
        self.formulations.iter().any(|f| {
            outdated(f.outdated_from.as_deref(), date)
                && f.normalised.iter().any(|p| n.contains(p.as_str()))
        })
    }

    /// Every outdated wording in `text` as of `date` (YYYY-MM-DD), once per place; text
    /// quoted as history is left alone.
    pub fn find(&self, text: &str, date: &str) -> Vec<DatedHit> {
        let norm = Normalised::new(text);
        let present = self.patterns_in(&norm.text);
        let mut out: Vec<DatedHit> = Vec::new();
        let mut id = 0;
        for f in &self.formulations {
            let ids = id..id + f.normalised.len();
            id = ids.end;
            if !outdated(f.outdated_from.as_deref(), date) {
                continue;
            }
            for (p, id) in f.normalised.iter().zip(ids) {
                if !present.get(id).is_some_and(|&b| b) {
                    continue;
                }
                for (b0, _) in norm.text.match_indices(p.as_str()) {
                    let (s, e) = norm.original(b0, b0 + p.len());
                    if s == e || self.exempt(text, s, e, f) {
                        continue;
                    }
                    push_once(
                        &mut out,
                        DatedHit {
                            start: s,
                            end: e,
                            text: norm.original_text(s, e),
                            replacement: f.replacement.clone(),
                            advice: f.advice.clone(),
                        },
                    );
                }
            }
        }
        for h in crate::core::dated_sessions::sessions(self, &norm, date) {
            if !self.exempt_range(text, h.start, h.end) {
                push_once(&mut out, h);
            }
        }
        for h in crate::core::dated_sessions::anniversaries(self, text, &norm, date) {
            push_once(&mut out, h);
        }
        out.sort_by_key(|h| h.start);
        out
    }

    /// Which normalised patterns (numbered in lexicon order) occur in `text`.
    fn patterns_in(&self, text: &str) -> Vec<bool> {
        let patterns = || self.formulations.iter().flat_map(|f| &f.normalised);
        let n = patterns().count();
        let ac = self.automaton.get_or_init(|| {
            // A full DFA: a few hundred patterns make a small one, and it steps a byte
            // at a time (the default, a non-deterministic automaton, was most of the
            // search's cost on every paragraph mined).
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(patterns())
                .ok()
        });
        // No automaton (cannot happen for a lexicon this size), or the list changed
        // since it was built: every pattern is searched for.
        let Some(ac) = ac.as_ref().filter(|ac| ac.patterns_len() == n) else {
            return vec![true; n];
        };
        let mut present = vec![false; n];
        for m in ac.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
        }
        present
    }

    fn exempt(&self, text: &str, s: usize, e: usize, f: &Formulation) -> bool {
        let (before, after) = around(text, s, e);
        let clause_start = before
            .rfind(['，', '。', '；', '！', '？', ','])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        f.unless_after.iter().any(|w| after.starts_with(w.as_str()))
            || f.unless_before
                .iter()
                .any(|w| before[clause_start..].contains(w.as_str()))
            || self.exempt_range(text, s, e)
    }

    /// History: "十九大以来", "回顾…", "“十四五”时期".
    pub(crate) fn exempt_range(&self, text: &str, s: usize, e: usize) -> bool {
        let (before, after) = around(text, s, e);
        let after = after.trim_start_matches(['”', '’', '"', '》']);
        let sentence_start = before
            .rfind(['。', '！', '？', '；'])
            .map_or(0, |i| i + '。'.len_utf8());
        let clause_start = before
            .rfind(['。', '！', '？', '；', '，', ','])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        self.history_after
            .iter()
            .any(|w| after.starts_with(w.as_str()))
            || self
                .history_before
                .iter()
                .any(|w| before[sentence_start..].contains(w.as_str()))
            || self
                .history_before_clause
                .iter()
                .any(|w| before[clause_start..].contains(w.as_str()))
    }
}

impl Formulation {
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.pattern.as_str()).chain(self.also.iter().map(String::as_str))
    }
}

/// Text before char `s` and after char `e`.
fn around(text: &str, s: usize, e: usize) -> (&str, &str) {
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    (&text[..byte(s)], &text[byte(e)..])
}

/// Whether a wording dated `from` is outdated on `date`; any date string that is not
/// YYYY-MM-DD counts as "today unknown" and only always-outdated wording is reported.
pub fn outdated(from: Option<&str>, date: &str) -> bool {
    match from {
        None => true,
        Some(from) => date.len() == 10 && date >= from,
    }
}

/// Adds a hit unless one already covers part of its range (two entries matching the
/// same words are one problem).
fn push_once(out: &mut Vec<DatedHit>, h: DatedHit) {
    if !out.iter().any(|x| x.start < h.end && h.start < x.end) {
        out.push(h);
    }
}

#[cfg(test)]
mod date_checks {
    use super::*;

    #[test]
    fn a_user_lexicon_with_a_bad_date_is_an_error_not_a_panic() {
        let bad = DEFAULT_FORMULATIONS.replacen("date: \"20", "date: \"", 1);
        let e = Formulations::parse(&bad, "我的词表.ron").unwrap_err();
        assert!(
            e.contains("我的词表.ron") && e.contains("YYYY-MM-DD"),
            "{e}"
        );
        let bad = DEFAULT_FORMULATIONS.replacen(
            "outdated_from: Some(\"20",
            "outdated_from: Some(\"9-",
            1,
        );
        let e = Formulations::parse(&bad, "我的词表.ron").unwrap_err();
        assert!(e.contains("outdated_from"), "{e}");
    }
}
