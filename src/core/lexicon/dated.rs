//! The dated-formulation lexicon (`assets/lexicon/formulations.ron`): wording that was
//! current once and is outdated from a date (a congress's spirit, a plan, a campaign, a
//! renamed term), a dated table of congresses and plenums, and anniversaries. Facts are
//! data the user may extend; this module only matches them against a text and a date.

use serde::Deserialize;

use crate::core::lexicon::dated_norm::{Normalised, normalise};

pub const DEFAULT_FORMULATIONS: &str = include_str!("../../../assets/lexicon/formulations.ron");

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
    /// Per pattern of the automaton: its formulation and its place among that
    /// formulation's patterns; built on first use.
    #[serde(skip)]
    owners: std::sync::OnceLock<Vec<(usize, usize)>>,
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
        let bad_date = |d: &str| d.len() != 10 || crate::core::dates::date_parts(d).is_none();
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
        // Patterns are numbered in lexicon order, so hits are met in that order.
        let owners = self.owners();
        for id in (0..present.len()).filter(|&id| present[id]) {
            let Some((f, p)) = owners.get(id).and_then(|&(fi, pi)| {
                let f = self.formulations.get(fi)?;
                Some((f, f.normalised.get(pi)?))
            }) else {
                continue;
            };
            if !outdated(f.outdated_from.as_deref(), date) {
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
        for h in sessions(self, &norm, date) {
            if !self.exempt_range(text, h.start, h.end) {
                push_once(&mut out, h);
            }
        }
        for h in anniversaries(self, text, &norm, date) {
            push_once(&mut out, h);
        }
        out.sort_by_key(|h| h.start);
        out
    }

    /// For each normalised pattern (numbered in lexicon order): its formulation and its
    /// place among that formulation's patterns.
    fn owners(&self) -> &[(usize, usize)] {
        self.owners.get_or_init(|| {
            self.formulations
                .iter()
                .enumerate()
                .flat_map(|(fi, f)| (0..f.normalised.len()).map(move |pi| (fi, pi)))
                .collect()
        })
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

// Dated rules computed from tables rather than listed: "study the spirit of" must name the
// current congress and the latest plenum before the speech date (a dated table of
// sessions), and an anniversary's number follows from the event's year and the date.

/// A congress or plenum named in a text: (congress, plenum; 0 for the congress).
type Named = (u32, u32);

/// Lists such as "党的二十大和二十届二中、三中全会精神" that miss the latest session.
pub(crate) fn sessions(f: &Formulations, norm: &Normalised, date: &str) -> Vec<DatedHit> {
    let latest = f
        .sessions
        .iter()
        .filter(|s| outdated(Some(&s.date), date))
        .max_by_key(|s| (s.congress, s.plenum));
    let Some(latest) = latest else {
        return Vec::new();
    };
    if !norm.text.contains("精神") {
        // The common case when mining: no spirit to study, nothing to index.
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = norm.text.char_indices().collect();
    let mut out = Vec::new();
    for (b, _) in norm.text.match_indices("精神") {
        let k = chars.partition_point(|&(x, _)| x < b);
        let Some((start, named)) = named_before(&chars, k) else {
            continue;
        };
        let max_congress = named.iter().map(|n| n.0).max().unwrap_or(0);
        let max_plenum = named
            .iter()
            .filter(|n| n.0 == latest.congress)
            .map(|n| n.1)
            .max();
        let stale = max_congress < latest.congress
            || max_plenum.is_some_and(|p| p > 0 && p < latest.plenum);
        if !stale {
            continue;
        }
        let (s, e) = norm.original(chars[start].0, b + "精神".len());
        let name = session_name(latest.congress, latest.plenum);
        // Dates are checked as YYYY-MM-DD when the lexicon is read; `get` keeps a bad
        // one from ever panicking here.
        let year = latest.date.get(..4).unwrap_or("");
        let month = latest.date.get(5..7).unwrap_or("").trim_start_matches('0');
        let congress = session_name(latest.congress, 0);
        let advice = if max_congress < latest.congress && latest.plenum > 0 {
            format!(
                "按讲话日期，{congress}已召开，最近一次全会是{name}（{year}年{month}月）：应学习贯彻{congress}和{name}精神。"
            )
        } else if max_congress < latest.congress {
            format!("按讲话日期，{congress}已召开（{year}年{month}月）：应学习贯彻{congress}精神。")
        } else {
            format!("按讲话日期，最近一次全会是{name}（{year}年{month}月）：请写明{name}精神。")
        };
        out.push(DatedHit {
            start: s,
            end: e,
            text: norm.original_text(s, e),
            replacement: None,
            advice,
        });
    }
    out
}

/// "二十届四中全会", "党的二十大".
fn session_name(congress: u32, plenum: u32) -> String {
    let c = han(congress);
    if plenum == 0 {
        format!("党的{c}大")
    } else {
        format!("{c}届{}中全会", han(plenum))
    }
}

fn han(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// The sessions named just before char `k` (where 精神 starts) and the char where the
/// list starts: groups "N届P中、Q中全会" and "N大", joined by 、 和 及 与.
fn named_before(c: &[(usize, char)], k: usize) -> Option<(usize, Vec<Named>)> {
    let mut i = k;
    let mut named = Vec::new();
    let mut start = None;
    loop {
        let ends = |i: usize, s: &str| {
            let n = s.chars().count();
            i >= n && c[i - n..i].iter().map(|x| x.1).eq(s.chars())
        };
        if ends(i, "全会") {
            i -= 2;
            let mut plenums = Vec::new();
            while i > 0 && c[i - 1].1 == '中' {
                let (n, j) = number_before(c, i - 1)?;
                plenums.push(n);
                i = j;
                if i > 0 && c[i - 1].1 == '、' && i > 1 && c[i - 2].1 == '中' {
                    i -= 1;
                } else {
                    break;
                }
            }
            if plenums.is_empty() || i == 0 || c[i - 1].1 != '届' {
                return None;
            }
            let (congress, j) = number_before(c, i - 1)?;
            named.extend(plenums.into_iter().map(|p| (congress, p)));
            i = j;
        } else if ends(i, "大") {
            let (congress, j) = number_before(c, i - 1)?;
            if congress < 8 {
                return None;
            }
            named.push((congress, 0));
            i = j;
            if ends(i, "党的") {
                i -= 2;
            }
        } else {
            break;
        }
        start = Some(i);
        // A connector, then maybe another group.
        let mut joined = false;
        for w in ["以及", "和", "及", "与", "、"] {
            if ends(i, w) {
                let n = w.chars().count();
                if ends(i - n, "全会") || ends(i - n, "大") {
                    i -= n;
                    joined = true;
                }
                break;
            }
        }
        if !joined {
            break;
        }
    }
    Some((start?, named))
}

/// The Arabic number ending just before char `end`, and where it starts.
fn number_before(c: &[(usize, char)], end: usize) -> Option<(u32, usize)> {
    let mut j = end;
    while j > 0 && c[j - 1].1.is_ascii_digit() {
        j -= 1;
    }
    if j == end || end - j > 3 {
        return None;
    }
    let s: String = c[j..end].iter().map(|x| x.1).collect();
    Some((s.parse().ok()?, j))
}

/// "建党99周年" in a 2026 speech: the number follows from the event's year.
pub(crate) fn anniversaries(
    f: &Formulations,
    text: &str,
    norm: &Normalised,
    date: &str,
) -> Vec<DatedHit> {
    let Some(year) = date.get(..4).and_then(|y| y.parse::<i64>().ok()) else {
        return Vec::new();
    };
    if !norm.text.contains("周年") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for a in &f.anniversaries {
        // Longer leads first: "中国共产党成立" before "党成立".
        let mut leads: Vec<&String> = a.leads.iter().collect();
        leads.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        for lead in leads {
            let lead_n = normalise(lead);
            for (b, _) in norm.text.match_indices(lead_n.as_str()) {
                let rest = &norm.text[b + lead_n.len()..];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || !rest[digits..].starts_with("周年") {
                    continue;
                }
                let n: i64 = rest[..digits].parse().unwrap_or(0);
                let expected = year - a.year;
                // Before the anniversary day a speech may name the coming or the last one.
                let (start, _) = norm.original(b, b + lead_n.len());
                if n == expected
                    || n == expected - 1
                    || out
                        .iter()
                        .any(|h: &DatedHit| h.start <= start && start < h.end)
                {
                    continue;
                }
                let end_b = b + lead_n.len() + digits + "周年".len();
                let (s, e) = norm.original(b, end_b);
                if f.exempt_range(text, s, e) {
                    continue;
                }
                let want = format!("{lead}{expected}周年");
                out.push(DatedHit {
                    start: s,
                    end: e,
                    text: norm.original_text(s, e),
                    replacement: Some(want.clone()),
                    advice: format!("按讲话日期（{year}年）应为“{want}”。"),
                });
            }
        }
    }
    out
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
