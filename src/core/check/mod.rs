//! Pre-delivery checks: unfilled blanks, text carried over from the source speech,
//! dated formulations, repeated 金句, length, numbering, half-width punctuation, and how
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
    let mut out = Vec::new();
    let paths = d.paths();
    let index = lib.map(ShingleIndex::new);
    let sections = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .count();
    let (year, ..) = date_parts(&s.date)
        .map(|(y, m, dd)| (i64::from(y), m, dd))
        .unwrap_or((0, 1, 1));
    let date_key = date_parts(&s.date)
        .map(|(y, m, dd)| format!("{y:04}-{m:02}-{dd:02}"))
        .unwrap_or_default();
    for (i, b) in d.blocks.iter().enumerate() {
        for (field, text) in [(Field::Heading, &b.heading), (Field::Body, &b.body)] {
            let path = if field == Field::Heading {
                format!("{}·标题", paths[i])
            } else {
                paths[i].clone()
            };
            let place = Some(Place { block: i, field });
            let push = |out: &mut Vec<Finding>,
                        kind,
                        severity,
                        start,
                        end,
                        t: String,
                        message: String,
                        fix: Option<String>,
                        auto: Option<String>| {
                out.push(Finding {
                    kind,
                    severity,
                    path: path.clone(),
                    place,
                    start,
                    end,
                    text: t,
                    message,
                    fix,
                    auto_fix: auto.map(|replacement| Fix { replacement }),
                });
            };
            // Unfilled slots and leftover blanks: the same parser and fill as export.
            for sl in d.unfilled_in(text) {
                let (msg, fix) = match &sl.role {
                    Some(role) => (
                        format!("空位 {} 尚未填写", sl.text),
                        role_advice(role).to_string(),
                    ),
                    None => (
                        format!("“{}” 是原稿留下的空白", sl.text),
                        "改为实际内容".to_string(),
                    ),
                };
                push(
                    &mut out,
                    FindingKind::UnfilledSlot,
                    Severity::Error,
                    sl.start,
                    sl.end,
                    sl.text,
                    msg,
                    Some(fix),
                    None,
                );
            }
            // Dated formulations, by the speech's date.
            for h in forms.find(text, &date_key) {
                let fix = h.replacement.as_ref().map(|r| format!("改为“{r}”"));
                let message = format!("“{}”：{}", h.text, h.advice);
                push(
                    &mut out,
                    FindingKind::DatedFormulation,
                    Severity::Warning,
                    h.start,
                    h.end,
                    h.text,
                    message,
                    // Advice-only rules say it all in the message.
                    fix,
                    h.replacement,
                );
            }
            // Half-width punctuation in Chinese text.
            let fixed = fullwidth_punct(text);
            if fixed != *text {
                for (k, (a, b2)) in text.chars().zip(fixed.chars()).enumerate() {
                    if a != b2 {
                        push(
                            &mut out,
                            FindingKind::Punctuation,
                            Severity::Info,
                            k,
                            k + 1,
                            a.to_string(),
                            format!("中文中使用了半角标点“{a}”"),
                            Some(format!("改为“{b2}”")),
                            Some(b2.to_string()),
                        );
                    }
                }
            }
            // "讲三点意见" must follow the outline.
            if b.kind == BlockKind::Opening && sections > 0 {
                let want = han_count(sections).unwrap_or_default();
                for (s0, e0) in point_counts(text) {
                    let got: String = text.chars().skip(s0).take(e0 - s0).collect();
                    if got != want && !(got == "二" && want == "两") && !want.is_empty() {
                        push(
                            &mut out,
                            FindingKind::Numbering,
                            Severity::Warning,
                            s0,
                            e0,
                            got.clone(),
                            format!("这里说“{got}”点，讲稿有{want}个主体部分"),
                            Some(format!("改为“{want}”")),
                            Some(want.clone()),
                        );
                    }
                }
            }
            // Paragraphs that open with a marker the outline does not account for.
            if field == Field::Body {
                let mut offset = 0;
                for line in text.split('\n') {
                    if let Some(m) = marker::parse(line) {
                        push(
                            &mut out,
                            FindingKind::Numbering,
                            Severity::Warning,
                            offset,
                            offset + m.text.chars().count(),
                            m.text.clone(),
                            "段落以编号开头，但不在讲稿的编号体系中（编号会断开或跳级）".into(),
                            Some("改为小标题（插入分论点），或删去编号".into()),
                            None,
                        );
                    }
                    offset += line.chars().count() + 1;
                }
            }
        }
        // Heading missing where numbering needs one; points with no section above.
        if matches!(b.kind, BlockKind::Section | BlockKind::Point) && b.heading.trim().is_empty() {
            out.push(simple(
                FindingKind::Numbering,
                Severity::Warning,
                &paths[i],
                i,
                "这一部分没有小标题",
                Some("填写小标题"),
            ));
        }
        if b.kind == BlockKind::Point && !d.blocks[..i].iter().any(|x| x.kind == BlockKind::Section)
        {
            out.push(simple(
                FindingKind::Numbering,
                Severity::Warning,
                &paths[i],
                i,
                "分论点前面没有主体部分，编号跳过了一级",
                Some("在前面插入主体部分，或把它升为主体部分"),
            ));
        }
        if let (Some(lib), Some(idx)) = (lib, &index) {
            carried_and_reuse(d, lib, idx, i, &paths[i], year, &mut out);
        }
    }
    repeated(d, lib, &paths, &mut out);
    // Each finding once per place.
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.kind, f.place, f.start, f.end, f.text.clone())));
    // The same count as the status bar: what the speaker says, markers left out.
    let total = d.spoken_chars();
    if total > s.max_chars {
        out.push(Finding {
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
        });
    }
    out
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
