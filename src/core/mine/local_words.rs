//! Specifics found by the source-word lexicon (`assets/lexicon/specifics.ron`): the
//! source's level (全市, 我区, 市委), its units (市委组织部, 部机关, 大队党委), its
//! system's jargon (组工干部, 条令纲要), local strategies (…示范区), leaders named by
//! title after a unit, and documents of its units (《省委组织部机关关于…》).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::core::charset::CharSet;
use crate::core::library::SpecificKind;
use crate::core::mine::found::Found;
use crate::core::mine::word_list::WordList;
use crate::core::text::is_han;

pub const DEFAULT_SPECIFICS: &str = include_str!("../../../assets/lexicon/specifics.ron");

#[derive(Debug, Clone, Deserialize)]
pub struct Sector {
    pub name: String,
    pub words: WordList,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SpecificsLexicon {
    pub version: u32,
    pub levels: Vec<char>,
    /// Units that speak of themselves as a level after a prefix (全院, 我校), unless they
    /// open a word with the next letter (校园, 院务).
    #[serde(default)]
    pub unit_levels: Vec<char>,
    pub level_prefixes: Vec<char>,
    pub level_units: WordList,
    pub not_level_after: Vec<char>,
    pub not_level_before: Vec<char>,
    pub department_ends: Vec<char>,
    pub unit_tails: WordList,
    pub unit_kinds: WordList,
    pub unit_self: WordList,
    pub strategy_tails: Vec<String>,
    pub strategy_stops: Vec<String>,
    pub titles: WordList,
    pub sectors: Vec<Sector>,
    pub time_words: WordList,
    pub point_units: WordList,
    pub point_leads: WordList,
    pub slot_leads: WordList,
    pub measures: WordList,
    pub target_tails: WordList,
    pub national: Vec<String>,
    /// National numbered terms (四个意识, 三会一课): a numbered term not here is the
    /// source's own slogan.
    #[serde(default)]
    pub national_numbered: Vec<String>,
    pub document_units: WordList,
    /// First characters of every word the scans start from: most characters start none.
    #[serde(skip)]
    pub starts: CharSet,
    /// The words of every sector in one list.
    #[serde(skip)]
    pub sector_words: WordList,
    /// Last characters of the strategy tails.
    #[serde(skip)]
    strategy_ends: CharSet,
}

impl SpecificsLexicon {
    pub fn parse(text: &str, origin: &str) -> Result<Self, String> {
        let mut lex: SpecificsLexicon = ron::from_str(text)
            .map_err(|e| crate::core::ron_error::lexicon(origin, "具体信息词表", &e))?;
        lex.sector_words = WordList::from(
            lex.sectors
                .iter()
                .flat_map(|s| s.words.iter().cloned())
                .collect::<Vec<_>>(),
        );
        lex.strategy_ends = lex
            .strategy_tails
            .iter()
            .filter_map(|t| t.chars().next_back())
            .collect();
        let words = lex
            .sectors
            .iter()
            .flat_map(|s| s.words.iter())
            .chain(lex.time_words.iter())
            .chain(lex.point_leads.iter())
            .chain(lex.unit_kinds.iter());
        let firsts: Vec<char> = words.filter_map(|w| w.chars().next()).collect();
        lex.starts = firsts
            .into_iter()
            .chain(lex.levels.iter().copied())
            .chain(lex.level_prefixes.iter().copied())
            .collect();
        Ok(lex)
    }

    pub fn builtin() -> &'static Self {
        static LEX: LazyLock<SpecificsLexicon> = LazyLock::new(|| {
            SpecificsLexicon::parse(DEFAULT_SPECIFICS, "assets/lexicon/specifics.ron")
                .expect("the shipped specifics lexicon is valid")
        });
        &LEX
    }
}

fn found(kind: SpecificKind, c: &[char], s: usize, e: usize) -> Found {
    Found {
        kind,
        text: c[s..e].iter().collect(),
        start: s,
        end: e,
    }
}

/// Level words, units, people named after a unit, and jargon, in a text's characters.
/// `word_start[i]`: whether a word of the segmentation starts at char `i` — jargon and
/// a unit naming itself start a word ("支部班子" holds no "部班子").
pub fn find(lex: &SpecificsLexicon, c: &[char], word_start: &[bool], out: &mut Vec<Found>) {
    // A match starts a word when the segmentation says so, or when the character before
    // does not make a dictionary word with its first ("支部" does: "支部班子" holds no
    // "部班子"; "行部" does not: "进行部机关" holds "部机关").
    let starts = |i: usize| {
        word_start.get(i).copied().unwrap_or(true)
            || i.checked_sub(1)
                .is_none_or(|j| !is_han(c[j]) || !is_word(c[j], c[i]))
    };
    let mut i = 0;
    while i < c.len() {
        if !lex.starts.contains(c[i]) {
            i += 1;
            continue;
        }
        if let Some(e) = level_unit(lex, c, i) {
            let e = unit_tail(lex, c, e);
            let kind = if e - i > 2 || !lex.level_prefixes.contains(&c[i]) {
                SpecificKind::Organisation
            } else {
                SpecificKind::Level
            };
            let kind = if superiors(c, i, e) {
                SpecificKind::Superiors
            } else {
                kind
            };
            let f = found(kind, c, i, e);
            if !lex.national.contains(&f.text) {
                out.push(f);
            }
            person_after(lex, c, e, out);
            i = e;
            continue;
        }
        // What starts here is looked up before whether a word starts here, which asks
        // jieba's dictionary: most characters start nothing.
        let unit = unit_self(lex, c, i);
        let jargon = || lex.sector_words.len_at(c, i);
        if (unit.is_none() && jargon().is_none()) || !starts(i) {
            i += 1;
            continue;
        }
        if let Some(e) = unit {
            out.push(found(SpecificKind::Organisation, c, i, e));
            i = e;
            continue;
        }
        if let Some(n) = jargon() {
            out.push(found(SpecificKind::Jargon, c, i, i + n));
            i += n;
            continue;
        }
        i += 1;
    }
    strategies(lex, c, out);
    documents(lex, c, out);
}

/// Whether the level unit at `i..e` is one link of the chain of command a speech at any
/// lower level names the same way: 中央、省委、市委重大决策部署, 中央和省、市委 (a party
/// committee, 2 characters, joined back to 中央 by 、和及与 and other such links).
pub(crate) fn superiors(c: &[char], i: usize, e: usize) -> bool {
    let committee = |s: usize, e: usize| e - s == 2 && c[e - 1] == '委';
    if !committee(i, e) {
        return false;
    }
    let mut j = i;
    loop {
        while j > 0 && matches!(c[j - 1], '、' | '和' | '及' | '与') {
            j -= 1;
        }
        if j == i {
            return false;
        }
        if j >= 2 && c[j - 2] == '中' && c[j - 1] == '央' {
            return true;
        }
        // Another link: a committee (省委) or a level alone (省 of 中央和省、市委).
        if j >= 2 && committee(j - 2, j) {
            j -= 2;
        } else if j >= 1 && matches!(c[j - 1], '省' | '市' | '县' | '区' | '州') {
            j -= 1;
        } else {
            return false;
        }
    }
}

/// Whether two characters make a word of jieba's dictionary (no allocation: this is
/// asked at many characters of every paragraph).
fn is_word(a: char, b: char) -> bool {
    let mut buf = [0u8; 8];
    let n = a.encode_utf8(&mut buf).len();
    let m = b.encode_utf8(&mut buf[n..]).len();
    std::str::from_utf8(&buf[..n + m]).is_ok_and(|w| crate::core::nlp::jieba().has_word(w))
}

/// "全市", "我区", "市委", "县直" starting at `i`: where it ends.
fn level_unit(lex: &SpecificsLexicon, c: &[char], i: usize) -> Option<usize> {
    let prev = i.checked_sub(1).map(|j| c[j]);
    if lex.level_prefixes.contains(&c[i]) {
        let l = *c.get(i + 1)?;
        let next = c.get(i + 2);
        if lex.unit_levels.contains(&l) {
            // 院 and 校 open many words (校园, 院务, 校正); an administrative level's are
            // listed in `not_level_before`, as 乡镇 or 县区 still name levels.
            let opens_word = next.is_some_and(|&n| is_han(n) && is_word(l, n));
            return (!opens_word).then_some(i + 2);
        }
        if lex.levels.contains(&l) && !next.is_some_and(|n| lex.not_level_before.contains(n)) {
            // "全市" may go on as a unit: "全市组织系统" is still the level.
            return Some(i + 2);
        }
        return None;
    }
    if !lex.levels.contains(&c[i]) {
        return None;
    }
    if prev.is_some_and(|p| is_han(p) && lex.not_level_after.contains(&p)) {
        return None;
    }
    if let Some(n) = lex.level_units.len_at(c, i + 1) {
        return Some(i + 1 + n);
    }
    // A department of the level, named short: "县教育局", "市卫健委" (not inside a word).
    if prev.is_some_and(is_han) {
        return None;
    }
    (3..=5)
        .find(|&n| {
            i + n < c.len()
                && c[i + 1..i + n].iter().all(|&x| is_han(x))
                && lex.department_ends.contains(&c[i + n - 1])
                && !c[i + 1..i + n - 1]
                    .iter()
                    .any(|x| lex.department_ends.contains(x))
        })
        .map(|n| i + n)
}

/// A unit name extended by its departments: 市委 + 组织部 + 机关 + 党委.
fn unit_tail(lex: &SpecificsLexicon, c: &[char], mut e: usize) -> usize {
    while let Some(n) = lex.unit_tails.len_at(c, e) {
        // "部" alone only ends a name ("市委组织部"), never starts a word after it ("部署").
        if n == 1
            && c.get(e + 1)
                .is_some_and(|&x| is_han(x) && !"机党".contains(x))
        {
            break;
        }
        e += n;
    }
    e
}

/// "部机关", "局党委", "大队党委" at `i`: a unit naming itself by its kind.
fn unit_self(lex: &SpecificsLexicon, c: &[char], i: usize) -> Option<usize> {
    let at = i + lex.unit_kinds.len_at(c, i)?;
    Some(at + lex.unit_self.len_at(c, at)?)
}

/// A name of two or three characters and a title right after a unit: "斯鑫良部长".
fn person_after(lex: &SpecificsLexicon, c: &[char], at: usize, out: &mut Vec<Found>) {
    for n in [2, 3] {
        if at + n <= c.len()
            && c[at..at + n].iter().all(|&x| is_han(x))
            && lex.titles.len_at(c, at + n).is_some()
            && lex.titles.len_at(c, at).is_none()
        {
            out.push(found(SpecificKind::Person, c, at, at + n));
            return;
        }
    }
}

/// Local strategies: a run of Han characters ending in 示范区, 经济带 ….
fn strategies(lex: &SpecificsLexicon, c: &[char], out: &mut Vec<Found>) {
    for e in 1..=c.len() {
        if !lex.strategy_ends.contains(c[e - 1]) {
            continue;
        }
        let Some(t) = lex.strategy_tails.iter().find(|t| {
            let n = t.chars().count();
            e >= n && c[e - n..e].iter().copied().eq(t.chars())
        }) else {
            continue;
        };
        let tail = t.chars().count();
        let mut s = e - tail;
        while s > 0 && e - s < 16 && is_han(c[s - 1]) {
            let stop = lex.strategy_stops.iter().any(|w| {
                let n = w.chars().count();
                s >= n && c[s - n..s].iter().copied().eq(w.chars())
            });
            if stop {
                break;
            }
            s -= 1;
        }
        // A bare tail ("开发区") is a common noun, not a strategy's name.
        if e - s > tail + 1 {
            out.push(found(SpecificKind::Place, c, s, e));
        }
    }
}

/// Documents of the source's units: 《…》 naming one of them.
fn documents(lex: &SpecificsLexicon, c: &[char], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < c.len() {
        if c[i] != '《' {
            i += 1;
            continue;
        }
        let Some(close) = c[i..].iter().position(|&x| x == '》').map(|p| i + p) else {
            return;
        };
        let inner = &c[i + 1..close];
        // A title with a blank in it is a document of the source's own (《XX管理…措施》).
        let local = inner.contains(&'{')
            || (0..inner.len()).any(|k| {
                lex.document_units.len_at(inner, k).is_some() || level_unit(lex, inner, k).is_some()
            });
        if local {
            out.push(found(SpecificKind::Document, c, i, close + 1));
        }
        i = close + 1;
    }
}
