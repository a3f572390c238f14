//! Checks against the library: passages carried over from any template or source speech
//! in it (character shingles, so a pasted old speech is caught whether or not it came in
//! through a template), the specifics those passages still hold, how much of each block
//! is still word for word, and 金句 used twice.

use rustc_hash::FxHashMap;

use crate::core::check::finding::{Finding, FindingKind, Place, Severity, chars_range, preview};
use crate::core::draft::{BlockKind, Draft, Field};
use crate::core::library::{Library, PhraseKind, Specific, SpecificKind, Template, TemplateKind};
use crate::core::numerals::han_count;

/// Characters per shingle: long enough that stock wording shared by every speech
/// ("习近平新时代中国特色") rarely fills a passage alone.
const SHINGLE: usize = 8;
/// A carried-over passage is at least this many characters.
const MIN_PASSAGE: usize = 24;
/// From this share of a block copied word for word, reuse is a 注意, not a 提示.
pub const REUSE_WARNING_PCT: usize = 50;

/// Shingles of every template's text in a library, each with the first template holding
/// it; `SHARED` marks a shingle of two or more source speeches — stock wording every
/// writer uses ("坚持以习近平新时代中国特色社会主义思想为指导"), not one speech's passage.
pub struct ShingleIndex {
    map: FxHashMap<u64, u32>,
}

const SHARED: u32 = u32::MAX;

fn hash(w: &[char]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    w.hash(&mut h);
    h.finish()
}

/// Characters of a text without white space, with their positions in the text.
fn dense(text: &str) -> (Vec<char>, Vec<usize>) {
    text.chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (c, i))
        .unzip()
}

impl ShingleIndex {
    pub fn new(lib: &Library) -> Self {
        let mut map = FxHashMap::default();
        // A point's text is also in its section's template: sections, openings and
        // closings hold every paragraph of a speech.
        for (ti, t) in lib.templates.iter().enumerate() {
            if t.kind == TemplateKind::Point {
                continue;
            }
            for (_, text) in t.texts() {
                let (c, _) = dense(text);
                for w in c.windows(SHINGLE) {
                    let e = map.entry(hash(w)).or_insert(ti as u32);
                    if *e != SHARED && lib.templates[*e as usize].source.file != t.source.file {
                        *e = SHARED;
                    }
                }
            }
        }
        ShingleIndex { map }
    }

    /// How many distinct shingles the library has.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A stretch of a block's text found in a template: character range and the template.
struct Passage {
    start: usize,
    end: usize,
    template: usize,
}

/// Passages of `text` found word for word in the library, and the share of the text
/// they cover (percent of its characters, white space aside).
fn passages(idx: &ShingleIndex, text: &str) -> (Vec<Passage>, usize) {
    let (c, pos) = dense(text);
    if c.len() < SHINGLE {
        return (Vec::new(), 0);
    }
    // Per char: matched at all (stock wording too), and by which one speech's template.
    let mut matched = vec![false; c.len()];
    let mut owner: Vec<Option<u32>> = vec![None; c.len()];
    for (i, w) in c.windows(SHINGLE).enumerate() {
        if let Some(&t) = idx.map.get(&hash(w)) {
            matched[i..i + SHINGLE].iter_mut().for_each(|m| *m = true);
            if t != SHARED {
                for o in &mut owner[i..i + SHINGLE] {
                    o.get_or_insert(t);
                }
            }
        }
    }
    let covered = matched.iter().filter(|&&m| m).count();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !matched[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < c.len() && matched[j] {
            j += 1;
        }
        // A stretch is a passage of one speech when enough of it is that speech's own.
        let own: Vec<u32> = owner[i..j].iter().flatten().copied().collect();
        if own.len() >= MIN_PASSAGE {
            let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
            for t in &own {
                *counts.entry(*t).or_default() += 1;
            }
            let template = counts
                .into_iter()
                .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
                .map_or(0, |(t, _)| t as usize);
            out.push(Passage {
                start: pos[i],
                end: pos[j - 1] + 1,
                template,
            });
        }
        i = j;
    }
    (out, covered * 100 / c.len())
}

/// Carried-over passages of block `i` and the specifics they still hold, and how much
/// of the block is still a source's text.
// Over 80 lines: carried specifics and the reuse share walk the same source passages once.
pub(crate) fn carried_and_reuse(
    d: &Draft,
    lib: &Library,
    idx: &ShingleIndex,
    i: usize,
    path: &str,
    year: i64,
    out: &mut Vec<Finding>,
) {
    let b = &d.blocks[i];
    let from_source = b.source.as_ref().and_then(|s| lib.source_template(s));
    for (field, text) in [(Field::Heading, &b.heading), (Field::Body, &b.body)] {
        let place = Some(Place { block: i, field });
        let at = if field == Field::Heading {
            format!("{path}·标题")
        } else {
            path.to_string()
        };
        let (found, pct) = passages(idx, text);
        // The template the block came from counts as a source everywhere in it.
        let mut sources: Vec<(usize, usize, &Template)> = found
            .iter()
            .map(|p| (p.start, p.end, &lib.templates[p.template]))
            .collect();
        if let Some(t) = from_source {
            sources.push((0, text.chars().count(), t));
        }
        let chars: Vec<char> = text.chars().collect();
        for (s, e, t) in sources {
            for sp in &t.specifics {
                if still_fits(d, sp, year) {
                    continue;
                }
                for (b0, m) in text.match_indices(sp.text.as_str()) {
                    let (s0, e0) = chars_range(text, b0, m.len());
                    // Where it stands here says whether a committee is the chain of
                    // command (中央、省委、市委) or the source's own, wherever the
                    // template's copy stood.
                    let sp = &at_place(sp, &chars, s0, e0);
                    if s0 < s
                        || e0 > e
                        || out.iter().any(|f| {
                            f.place == place
                                && f.kind == FindingKind::CarriedOver
                                && f.start < e0
                                && s0 < f.end
                        })
                    {
                        continue;
                    }
                    out.push(carried(d, sp, t, &at, place, s0, e0));
                }
            }
        }
        // Stock wording alone (no passage, no source) is not reuse.
        let reused = !found.is_empty() || from_source.is_some();
        if field == Field::Body
            && reused
            && b.body.chars().filter(|c| !c.is_whitespace()).count() >= 40
            && pct > 0
        {
            let t = found
                .first()
                .map(|p| &lib.templates[p.template])
                .or(from_source);
            let title = t.map_or(String::new(), source_title);
            let warn = pct >= REUSE_WARNING_PCT;
            out.push(Finding {
                kind: FindingKind::Reuse,
                severity: if warn {
                    Severity::Warning
                } else {
                    Severity::Info
                },
                path: path.to_string(),
                place,
                start: 0,
                end: 0,
                text: String::new(),
                message: format!("本段约 {pct}% 与库中原稿{title}逐字相同"),
                fix: warn.then(|| "结合本单位实际改写，至少改掉标出的具体信息".to_string()),
                auto_fix: None,
            });
        }
    }
}

fn source_title(t: &Template) -> String {
    format!(
        "《{}》",
        t.source.title.as_deref().unwrap_or(&t.source.file)
    )
}

/// Whether a source's specific is right for this speech after all: the meeting's own
/// unit, speaker or year, a count that matches the outline. Dated wording is judged by
/// the dated check, which knows the date.
fn still_fits(d: &Draft, sp: &Specific, year: i64) -> bool {
    let m = &d.meta;
    match sp.kind {
        SpecificKind::Year => sp.text.starts_with(&year.to_string()),
        SpecificKind::Person => !m.speaker.is_empty() && m.speaker.contains(&sp.text),
        SpecificKind::Place | SpecificKind::Organisation | SpecificKind::Level => {
            (!m.unit.is_empty() && m.unit.contains(&sp.text))
                || (!m.meeting.is_empty() && m.meeting.contains(&sp.text))
        }
        SpecificKind::PointCount => {
            let n = d
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Section)
                .count();
            han_count(n).is_some_and(|h| sp.text.contains(&h))
        }
        SpecificKind::Dated | SpecificKind::Anniversary | SpecificKind::Congress => true,
        _ => false,
    }
}

/// A unit or level specific as it reads at `s..e` of a text: a link of the chain of
/// command there, the source's own name elsewhere.
fn at_place(sp: &Specific, chars: &[char], s: usize, e: usize) -> Specific {
    let unit = matches!(
        sp.kind,
        SpecificKind::Organisation | SpecificKind::Level | SpecificKind::Superiors
    );
    let mut sp = sp.clone();
    if unit {
        if crate::core::mine::local_words::superiors(chars, s, e) {
            sp.kind = SpecificKind::Superiors;
        } else if sp.kind == SpecificKind::Superiors {
            sp.kind = SpecificKind::Organisation;
        }
    }
    sp
}

/// What to do about a specific of each kind.
fn kind_fix(kind: SpecificKind) -> &'static str {
    match kind {
        SpecificKind::Place => "改为本地的地名、本地的战略，或删去",
        SpecificKind::Person => "改为本单位实际的人员，或删去",
        SpecificKind::Organisation | SpecificKind::Level => "改为本单位、本级的称谓（见会议信息）",
        SpecificKind::Document => "改为本单位实际的文件，或删去",
        SpecificKind::Figure => "改为本单位实际的数字、目标",
        SpecificKind::Time => "按本次讲话的时间改写",
        SpecificKind::PointCount => "按讲稿实际的部分数改写",
        SpecificKind::Jargon => "改为本系统、本行业的说法",
        SpecificKind::Campaign => "改为本单位当前开展的工作，或删去",
        SpecificKind::Slogan => "改为本单位的提法，或删去",
        SpecificKind::Superiors => {
            "核对是否为本单位的上级（县级可写“中央、省委、市委”），不是则改写"
        }
        SpecificKind::Year => "改为本次讲话对应的年份，或删去",
        _ => "改为本单位、本次会议的实际内容",
    }
}

fn carried(
    d: &Draft,
    sp: &Specific,
    t: &Template,
    at: &str,
    place: Option<Place>,
    s0: usize,
    e0: usize,
) -> Finding {
    let unit = if d.meta.unit.is_empty() {
        String::new()
    } else {
        format!("（本次为“{}”）", d.meta.unit)
    };
    Finding {
        kind: FindingKind::CarriedOver,
        // The chain of command is often right as it stands: a note to check.
        severity: if sp.kind == SpecificKind::Superiors {
            Severity::Info
        } else {
            Severity::Warning
        },
        path: at.to_string(),
        place,
        start: s0,
        end: e0,
        text: sp.text.clone(),
        message: format!(
            "“{}”（{}）是原稿{}的具体信息{unit}",
            sp.text,
            sp.kind.label(),
            source_title(t)
        ),
        fix: Some(kind_fix(sp.kind).to_string()),
        auto_fix: None,
    }
}

/// A stock 金句 (quotation or 排比 from the library) or any long sentence used twice.
pub(crate) fn repeated(d: &Draft, lib: Option<&Library>, paths: &[String], out: &mut Vec<Finding>) {
    let mut seen: std::collections::HashSet<String> = Default::default();
    let report = |needle: &str, out: &mut Vec<Finding>, i: usize, s0: usize, e0: usize| {
        out.push(Finding {
            kind: FindingKind::RepeatedPhrase,
            severity: Severity::Warning,
            path: paths[i].clone(),
            place: Some(Place {
                block: i,
                field: Field::Body,
            }),
            start: s0,
            end: e0,
            text: needle.to_string(),
            message: format!("“{}”在讲稿中重复使用", preview(needle)),
            fix: Some("保留一处，另一处换一种说法".into()),
            auto_fix: None,
        });
    };
    // Sentences of 15+ characters, verbatim.
    for (i, b) in d.blocks.iter().enumerate() {
        let mut pos = 0;
        for sentence in b.body.split_inclusive(['。', '！', '？']) {
            let n = sentence.chars().count();
            let key = sentence.trim().to_string();
            if key.chars().count() >= 15 && !seen.insert(key.clone()) {
                report(&key, out, i, pos, pos + n);
            }
            pos += n;
        }
    }
    let Some(lib) = lib else { return };
    let all = d.plain_text();
    for p in lib
        .phrases
        .iter()
        .filter(|p| matches!(p.kind, PhraseKind::Quote | PhraseKind::Parallel))
    {
        if all.matches(p.text.as_str()).count() < 2 {
            continue;
        }
        // Report each use after the first.
        let mut first = true;
        for (i, b) in d.blocks.iter().enumerate() {
            for (b0, m) in b.body.match_indices(p.text.as_str()) {
                if first {
                    first = false;
                    continue;
                }
                let (s0, e0) = chars_range(&b.body, b0, m.len());
                if !out.iter().any(|f| {
                    f.kind == FindingKind::RepeatedPhrase
                        && f.place
                            == Some(Place {
                                block: i,
                                field: Field::Body,
                            })
                        && f.start <= s0
                        && e0 <= f.end
                }) {
                    report(&p.text, out, i, s0, e0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committee_is_a_link_of_the_chain_only_where_it_stands_in_one() {
        let sp = Specific {
            kind: SpecificKind::Organisation,
            text: "市委".into(),
            loc: crate::core::library::Loc {
                child: None,
                para: None,
            },
            start: 0,
            end: 0,
        };
        let chars: Vec<char> = "落实中央、省委、市委部署，服从市委安排".chars().collect();
        assert_eq!(at_place(&sp, &chars, 8, 10).kind, SpecificKind::Superiors);
        assert_eq!(
            at_place(&sp, &chars, 15, 17).kind,
            SpecificKind::Organisation
        );
        let chain = Specific {
            kind: SpecificKind::Superiors,
            ..sp
        };
        assert_eq!(
            at_place(&chain, &chars, 15, 17).kind,
            SpecificKind::Organisation
        );
    }
}
