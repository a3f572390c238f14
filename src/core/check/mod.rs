//! Pre-delivery checks: unfilled blanks, text carried over from the source speech,
//! dated formulations, standard ones quoted with an item dropped or changed, repeated 金句, length, numbering, half-width punctuation, and how
//! much of each section is still word-for-word from its source.

pub mod finding;
pub mod source;

use crate::core::check::finding::{Finding, FindingKind, Fix, Place, Severity};
use crate::core::check::source::{ShingleIndex, carried_and_reuse, repeated};
use crate::core::dates::date_parts;
use crate::core::draft::slots::role_advice;
use crate::core::draft::{BlockKind, Draft, Field};
use crate::core::library::Library;
use crate::core::mine::slots::point_counts;
use crate::core::numerals::han_count;
use crate::core::parse::marker;
use crate::core::text::fullwidth_punct;

use crate::core::lexicon::dated::Formulations;
use crate::core::lexicon::standard_runs::StandardRuns;

/// Check settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The speech's date, YYYY-MM-DD.
    pub date: String,
    /// Most characters the speech may have (default: one hour at the speaking rate).
    pub max_chars: usize,
    /// Speaking rate in characters a minute, for the length in minutes.
    pub rate: usize,
}

impl Settings {
    pub fn for_draft(d: &Draft, today: &str) -> Self {
        let date = if date_parts(&d.meta.date).is_some() {
            d.meta.date.clone()
        } else {
            today.to_string()
        };
        Settings {
            date,
            max_chars: 12_000,
            rate: 200,
        }
    }
}

/// Runs every check over a draft.
pub fn check_draft(
    d: &Draft,
    lib: Option<&Library>,
    forms: &Formulations,
    s: &Settings,
) -> Vec<Finding> {
    let index = lib.map(ShingleIndex::new);
    check_draft_indexed(d, lib.zip(index.as_ref()), forms, s)
}

/// [`check_draft`] with the library's shingle index made beforehand: the app keeps one
/// per library, so a check after every typing pause does not index the library again.
pub fn check_draft_indexed(
    d: &Draft,
    lib: Option<(&Library, &ShingleIndex)>,
    forms: &Formulations,
    s: &Settings,
) -> Vec<Finding> {
    let (index, lib) = (lib.map(|l| l.1), lib.map(|l| l.0));
    let mut out = Vec::new();
    let paths = d.paths();
    let sections = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .count();
    let year = date_parts(&s.date).map_or(0, |(y, ..)| i64::from(y));
    let date_key = date_parts(&s.date)
        .map(|(y, m, dd)| format!("{y:04}-{m:02}-{dd:02}"))
        .unwrap_or_default();
    let runs = StandardRuns::current();
    for (i, b) in d.blocks.iter().enumerate() {
        for (field, text) in [(Field::Heading, &b.heading), (Field::Body, &b.body)] {
            let path = match field {
                Field::Heading => format!("{}·标题", paths[i]),
                Field::Body => paths[i].clone(),
            };
            let mut at = Here {
                path,
                place: Place { block: i, field },
                out: &mut out,
            };
            unfilled(d, text, &mut at);
            dated(forms, text, &date_key, &mut at);
            nonstandard(runs, text, &date_key, &mut at);
            punctuation(text, &mut at);
            if b.kind == BlockKind::Opening && sections > 0 {
                point_count(text, sections, &mut at);
            }
            if field == Field::Body {
                stray_markers(text, &mut at);
                unfinished(text, &mut at);
            }
        }
        outline_gaps(d, i, &paths[i], &mut out);
        if let (Some(lib), Some(idx)) = (lib, index) {
            carried_and_reuse(d, lib, idx, i, &paths[i], year, &mut out);
        }
    }
    repeated(d, lib, &paths, &mut out);
    // Each finding once per place.
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.kind, f.place, f.start, f.end, f.text.clone())));
    out.extend(length(d, s));
    out
}

/// Where findings of one field go: its path for the writer, its place for the app.
struct Here<'a> {
    path: String,
    place: Place,
    out: &'a mut Vec<Finding>,
}

/// What one finding says: kind, severity, the range and its text, the message, the
/// advice, and the replacement the app may apply by itself.
struct Said {
    kind: FindingKind,
    severity: Severity,
    range: (usize, usize),
    text: String,
    message: String,
    fix: Option<String>,
    auto: Option<String>,
}

impl Here<'_> {
    fn push(&mut self, f: Said) {
        self.out.push(Finding {
            kind: f.kind,
            severity: f.severity,
            path: self.path.clone(),
            place: Some(self.place),
            start: f.range.0,
            end: f.range.1,
            text: f.text,
            message: f.message,
            fix: f.fix,
            auto_fix: f.auto.map(|replacement| Fix { replacement }),
        });
    }
}

/// Unfilled slots and leftover blanks: the same parser and fill as export.
fn unfilled(d: &Draft, text: &str, at: &mut Here) {
    for sl in d.unfilled_in(text) {
        let (message, fix) = match &sl.role {
            Some(role) => (
                format!("空位 {} 尚未填写", sl.text),
                role_advice(role).to_string(),
            ),
            None => (
                format!("“{}” 是原稿留下的空白", sl.text),
                "改为实际内容".to_string(),
            ),
        };
        at.push(Said {
            kind: FindingKind::UnfilledSlot,
            severity: Severity::Error,
            range: (sl.start, sl.end),
            text: sl.text,
            message,
            fix: Some(fix),
            auto: None,
        });
    }
}

/// Dated formulations, by the speech's date. Advice-only rules say it all in the message.
fn dated(forms: &Formulations, text: &str, date_key: &str, at: &mut Here) {
    for h in forms.find(text, date_key) {
        at.push(Said {
            kind: FindingKind::DatedFormulation,
            severity: Severity::Warning,
            range: (h.start, h.end),
            message: format!("“{}”：{}", h.text, h.advice),
            text: h.text,
            fix: h.replacement.as_ref().map(|r| format!("改为“{r}”")),
            auto: h.replacement,
        });
    }
}

/// Standard formulations quoted with an item dropped or changed (自我革新、自我完善、自我
/// 提高 for 自我净化、自我完善、自我革新、自我提高), if current by the speech's date.
fn nonstandard(runs: &StandardRuns, text: &str, date_key: &str, at: &mut Here) {
    let c: Vec<char> = text.chars().collect();
    for m in runs.near_misses_in(text) {
        if m.since.as_str() > date_key {
            continue;
        }
        let said: String = c[m.start..m.end].iter().collect();
        at.push(Said {
            kind: FindingKind::NonstandardFormulation,
            severity: Severity::Warning,
            range: (m.start, m.end),
            message: format!(
                "“{said}”与规范提法“{}”不一致：少了或换了其中的项",
                m.standard
            ),
            text: said,
            fix: Some(format!("核对原文，按“{}”表述", m.standard)),
            auto: m.replaceable.then(|| m.standard.clone()),
        });
    }
}

/// A body with nothing in it yet, and paragraphs that stop without their closing mark
/// (a sentence cut short when a template was trimmed).
fn unfinished(text: &str, at: &mut Here) {
    if text.trim().is_empty() {
        at.push(Said {
            kind: FindingKind::EmptyBody,
            severity: Severity::Error,
            range: (0, 0),
            text: String::new(),
            message: "正文还是空的".into(),
            fix: Some("写上正文，或删去这一块".into()),
            auto: None,
        });
        return;
    }
    let mut offset = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        let trimmed = line.trim_end();
        let last = trimmed.chars().last();
        let han_last = last.is_some_and(crate::core::text::is_han);
        if han_last && trimmed.chars().count() >= 8 {
            let end = offset + trimmed.chars().count();
            at.push(Said {
                kind: FindingKind::Punctuation,
                severity: Severity::Info,
                range: (end, end),
                text: String::new(),
                message: "段末没有句号".into(),
                fix: Some("段末加“。”".into()),
                auto: Some("。".into()),
            });
        }
        offset += n + 1;
    }
}

/// Half-width punctuation in Chinese text.
fn punctuation(text: &str, at: &mut Here) {
    let fixed = fullwidth_punct(text);
    if fixed == text {
        return;
    }
    for (k, (a, b)) in text.chars().zip(fixed.chars()).enumerate() {
        if a != b {
            at.push(Said {
                kind: FindingKind::Punctuation,
                severity: Severity::Info,
                range: (k, k + 1),
                text: a.to_string(),
                message: format!("中文中使用了半角标点“{a}”"),
                fix: Some(format!("改为“{b}”")),
                auto: Some(b.to_string()),
            });
        }
    }
}

/// "讲三点意见" in the opening must follow the outline.
fn point_count(text: &str, sections: usize, at: &mut Here) {
    let want = han_count(sections).unwrap_or_default();
    for (s0, e0) in point_counts(text) {
        let got: String = text.chars().skip(s0).take(e0 - s0).collect();
        if got != want && !(got == "二" && want == "两") && !want.is_empty() {
            at.push(Said {
                kind: FindingKind::Numbering,
                severity: Severity::Warning,
                range: (s0, e0),
                message: format!("这里说“{got}”点，讲稿有{want}个主体部分"),
                text: got,
                fix: Some(format!("改为“{want}”")),
                auto: Some(want.clone()),
            });
        }
    }
}

/// Paragraphs that open with a marker the outline does not account for.
fn stray_markers(text: &str, at: &mut Here) {
    let mut offset = 0;
    for line in text.split('\n') {
        if let Some(m) = marker::parse(line) {
            at.push(Said {
                kind: FindingKind::Numbering,
                severity: Severity::Warning,
                range: (offset, offset + m.text.chars().count()),
                text: m.text.clone(),
                message: "段落以编号开头，但不在讲稿的编号体系中（编号会断开或跳级）".into(),
                fix: Some("改为小标题（插入分论点），或删去编号".into()),
                auto: None,
            });
        }
        offset += line.chars().count() + 1;
    }
}

/// A heading missing where numbering needs one; a point with no section above it.
fn outline_gaps(d: &Draft, i: usize, path: &str, out: &mut Vec<Finding>) {
    let b = &d.blocks[i];
    if matches!(b.kind, BlockKind::Section | BlockKind::Point) && b.heading.trim().is_empty() {
        out.push(simple(
            FindingKind::Numbering,
            Severity::Warning,
            path,
            i,
            "这一部分没有小标题",
            Some("填写小标题"),
        ));
    }
    if b.kind == BlockKind::Point && !d.blocks[..i].iter().any(|x| x.kind == BlockKind::Section) {
        out.push(simple(
            FindingKind::Numbering,
            Severity::Warning,
            path,
            i,
            "分论点前面没有主体部分，编号跳过了一级",
            Some("在前面插入主体部分，或把它升为主体部分"),
        ));
    }
    // A block dragged out of its place: the opening after the body of the speech (it
    // splits a section from its points), or something after the closing.
    let body_before = d.blocks[..i]
        .iter()
        .any(|x| matches!(x.kind, BlockKind::Section | BlockKind::Point));
    if b.kind == BlockKind::Opening && body_before {
        out.push(simple(
            FindingKind::Numbering,
            Severity::Warning,
            path,
            i,
            "开头不在讲稿开头，排在了主体部分之后",
            Some("把开头移到最前面（拖动左侧 ≡ 或点「上移」）"),
        ));
    }
    if b.kind != BlockKind::Closing && d.blocks[..i].iter().any(|x| x.kind == BlockKind::Closing) {
        out.push(simple(
            FindingKind::Numbering,
            Severity::Warning,
            path,
            i,
            "结尾后面还有内容",
            Some("把这一块移到结尾之前，或把结尾移到最后"),
        ));
    }
}

/// The whole speech over the length limit. The same count as the status bar: what the
/// speaker says, markers left out.
fn length(d: &Draft, s: &Settings) -> Option<Finding> {
    let total = d.spoken_chars();
    (total > s.max_chars).then(|| Finding {
        kind: FindingKind::Length,
        severity: Severity::Warning,
        path: String::new(),
        place: None,
        start: 0,
        end: 0,
        text: String::new(),
        message: format!(
            "全文 {total} 字，约需 {} 分钟（按每分钟 {} 字），超过上限 {} 字",
            total.div_ceil(s.rate.max(1)),
            s.rate,
            s.max_chars
        ),
        fix: Some("压缩篇幅：精简背景和例子，合并相近的分论点".into()),
        auto_fix: None,
    })
}

fn simple(
    kind: FindingKind,
    severity: Severity,
    path: &str,
    block: usize,
    msg: &str,
    fix: Option<&str>,
) -> Finding {
    Finding {
        kind,
        severity,
        path: path.to_string(),
        place: Some(Place {
            block,
            field: Field::Heading,
        }),
        start: 0,
        end: 0,
        text: String::new(),
        message: msg.to_string(),
        fix: fix.map(str::to_string),
        auto_fix: None,
    }
}
