//! Pre-delivery checks: unfilled blanks, text carried over from the source speech,
//! dated formulations, repeated 金句, length, numbering, half-width punctuation, and how
//! much of each section is still word-for-word from its source.

use serde::{Deserialize, Serialize};

use crate::core::check_source::{carried_and_reuse, repeated};
use crate::core::draft::{BlockKind, Draft, date_parts, slot_names, slot_spans};
use crate::core::library::Library;
use crate::core::marker;
use crate::core::text::fullwidth_punct;

pub const DEFAULT_FORMULATIONS: &str = include_str!("../../assets/lexicon/formulations.ron");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    UnfilledSlot,
    CarriedOver,
    DatedFormulation,
    RepeatedPhrase,
    Length,
    Numbering,
    Punctuation,
    Reuse,
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::UnfilledSlot => "未填空位",
            Self::CarriedOver => "沿用原稿",
            Self::DatedFormulation => "过时提法",
            Self::RepeatedPhrase => "重复",
            Self::Length => "篇幅",
            Self::Numbering => "编号",
            Self::Punctuation => "标点",
            Self::Reuse => "照搬比例",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Where a finding is: block index, field (0 heading, 1 body), character range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub block: usize,
    pub field: u8,
}

/// A safe automatic fix: replace the text at the finding's range with this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// Section path ("二/（一）", "开头"); "·标题" marks a heading.
    pub path: String,
    pub place: Option<Place>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub message: String,
    pub fix: Option<String>,
    /// Present when the app may apply `fix` by itself.
    pub auto_fix: Option<Fix>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Formulation {
    pub pattern: String,
    pub replacement: Option<String>,
    pub advice: String,
    pub outdated_from: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Formulations {
    pub version: u32,
    pub formulations: Vec<Formulation>,
}

impl Formulations {
    pub fn builtin() -> Self {
        ron::from_str(DEFAULT_FORMULATIONS).expect("the shipped formulations file is valid")
    }

    pub fn parse(text: &str, origin: &str) -> Result<Self, String> {
        ron::from_str(text).map_err(|e| {
            format!(
                "{origin}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
    }
}

/// Check settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The speech's date, YYYY-MM-DD.
    pub date: String,
    /// Most characters the speech may have (default: one hour at 200 字/分钟).
    pub max_chars: usize,
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
        }
    }
}

pub(crate) fn chars_range(text: &str, byte_start: usize, byte_len: usize) -> (usize, usize) {
    let s = text[..byte_start].chars().count();
    (
        s,
        s + text[byte_start..byte_start + byte_len].chars().count(),
    )
}

/// Text around a match, within its sentence, says it is history ("十九大以来", "回顾…").
fn quoted_as_history(text: &str, byte_start: usize, byte_end: usize) -> bool {
    let after = &text[byte_end..];
    if after.starts_with("以来") || after.starts_with("召开以来") {
        return true;
    }
    let sentence_start = text[..byte_start]
        .rfind(['。', '！', '？', '；'])
        .map_or(0, |i| i + '。'.len_utf8());
    let before = &text[sentence_start..byte_start];
    [
        "回顾",
        "曾经",
        "当年",
        "那时",
        "历史上",
        "此前",
        "过去",
        "先后",
        "曾",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// Years of anniversaries: 建党 1921, 新中国成立 1949 …
const ANNIVERSARIES: &[(&str, i64)] = &[
    ("建党", 1921),
    ("中国共产党成立", 1921),
    ("党成立", 1921),
    ("新中国成立", 1949),
    ("建国", 1949),
    ("改革开放", 1978),
    ("建军", 1927),
];

/// Runs every check over a draft.
pub fn check_draft(
    d: &Draft,
    lib: Option<&Library>,
    forms: &Formulations,
    s: &Settings,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let paths = d.paths();
    let (year, ..) = date_parts(&s.date)
        .map(|(y, m, dd)| (i64::from(y), m, dd))
        .unwrap_or((0, 1, 1));
    let date_key = date_parts(&s.date)
        .map(|(y, m, dd)| format!("{y:04}-{m:02}-{dd:02}"))
        .unwrap_or_default();
    for (i, b) in d.blocks.iter().enumerate() {
        for (field, text) in [(0u8, &b.heading), (1u8, &b.body)] {
            let path = if field == 0 {
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
            // Unfilled slots and leftover blanks.
            for (s0, e0) in slot_spans(text) {
                let t: String = text.chars().skip(s0).take(e0 - s0).collect();
                let name = t.trim_matches(['{', '}']).to_string();
                let value = slot_names(&t).first().and_then(|n| d.slot_value(n));
                if value.is_some() {
                    continue;
                }
                let (msg, fix) = if t.starts_with('{') {
                    (
                        format!("空位 {t} 尚未填写"),
                        Some(format!("在会议信息中填写，或直接改写为{name}的实际内容")),
                    )
                } else {
                    (
                        format!("“{t}” 是原稿留下的空白"),
                        Some("改为实际内容".to_string()),
                    )
                };
                push(
                    &mut out,
                    FindingKind::UnfilledSlot,
                    Severity::Error,
                    s0,
                    e0,
                    t,
                    msg,
                    fix,
                    None,
                );
            }
            // Dated formulations.
            for f in &forms.formulations {
                let outdated = f
                    .outdated_from
                    .as_ref()
                    .is_none_or(|from| !date_key.is_empty() && date_key.as_str() >= from.as_str());
                if !outdated {
                    continue;
                }
                for (b0, m) in text.match_indices(f.pattern.as_str()) {
                    if quoted_as_history(text, b0, b0 + m.len()) {
                        continue;
                    }
                    let (s0, e0) = chars_range(text, b0, m.len());
                    // Two entries matching the same words ("学习贯彻党的十九大" and
                    // "党的十九大精神") are one problem.
                    let overlaps = out.iter().any(|x: &Finding| {
                        x.kind == FindingKind::DatedFormulation
                            && x.place == place
                            && x.start < e0
                            && s0 < x.end
                    });
                    if overlaps {
                        continue;
                    }
                    let fix = f.replacement.clone().map(|r| format!("改为“{r}”"));
                    push(
                        &mut out,
                        FindingKind::DatedFormulation,
                        Severity::Warning,
                        s0,
                        e0,
                        m.to_string(),
                        f.advice.clone(),
                        fix.or(Some(f.advice.clone())),
                        f.replacement.clone(),
                    );
                }
            }
            // Anniversaries against the date.
            for (lead, base) in ANNIVERSARIES {
                for (b0, _) in text.match_indices(lead) {
                    let rest = &text[b0 + lead.len()..];
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    if digits.is_empty() || !rest[digits.len()..].starts_with("周年") || year == 0
                    {
                        continue;
                    }
                    let n: i64 = digits.parse().unwrap_or(0);
                    let expected = year - base;
                    // Before the anniversary day a speech may name the coming or the last one.
                    if n == expected || n == expected - 1 {
                        continue;
                    }
                    let len = lead.len() + digits.len() + "周年".len();
                    let (s0, e0) = chars_range(text, b0, len);
                    let want = format!("{lead}{expected}周年");
                    push(
                        &mut out,
                        FindingKind::DatedFormulation,
                        Severity::Warning,
                        s0,
                        e0,
                        text[b0..b0 + len].to_string(),
                        format!("按讲话日期（{year}年）应为“{want}”"),
                        Some(format!("改为“{want}”")),
                        Some(want.clone()),
                    );
                }
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
            // Paragraphs that open with a marker the outline does not account for.
            if field == 1 {
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
        if let Some(lib) = lib {
            carried_and_reuse(d, lib, i, &paths[i], year, &mut out);
        }
    }
    repeated(d, lib, &paths, &mut out);
    let total: usize = crate::core::export::render_txt(d)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
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
                "全文 {total} 字，超过 {} 字（约 {} 分钟）",
                s.max_chars,
                s.max_chars / 200
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
        place: Some(Place { block, field: 0 }),
        start: 0,
        end: 0,
        text: String::new(),
        message: msg.to_string(),
        fix: fix.map(str::to_string),
        auto_fix: None,
    }
}

pub(crate) fn preview(s: &str) -> String {
    let mut p: String = s.chars().take(20).collect();
    if s.chars().count() > 20 {
        p.push('…');
    }
    p
}

/// Applies a finding's automatic fix; returns whether the draft changed. Only the text at
/// the finding's range changes, and only if it is still what the finding saw.
pub fn apply_fix(d: &mut Draft, f: &Finding) -> bool {
    let (Some(place), Some(fix)) = (f.place, &f.auto_fix) else {
        return false;
    };
    let Some(b) = d.blocks.get_mut(place.block) else {
        return false;
    };
    let text = if place.field == 0 {
        &mut b.heading
    } else {
        &mut b.body
    };
    let chars: Vec<char> = text.chars().collect();
    if f.end > chars.len() || chars[f.start..f.end].iter().collect::<String>() != f.text {
        return false;
    }
    let mut out: String = chars[..f.start].iter().collect();
    out.push_str(&fix.replacement);
    out.extend(chars[f.end..].iter());
    *text = out;
    true
}

/// Fills every `{slot}` the meeting details can fill, in the text itself.
pub fn fill_slots_in_place(d: &mut Draft) -> bool {
    let filled: Vec<(String, String)> = d
        .blocks
        .iter()
        .map(|b| (d.fill(&b.heading), d.fill(&b.body)))
        .collect();
    let mut changed = false;
    for (b, (h, body)) in d.blocks.iter_mut().zip(filled) {
        changed |= b.heading != h || b.body != body;
        b.heading = h;
        b.body = body;
    }
    changed
}
