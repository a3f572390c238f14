//! What a check reports: a finding's kind, severity, place in the draft and its fix.

use serde::{Deserialize, Serialize};

use crate::core::draft::Field;
use crate::core::draft::edit::TextFix;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    UnfilledSlot,
    CarriedOver,
    DatedFormulation,
    /// A standard formulation quoted with an item dropped or changed.
    NonstandardFormulation,
    RepeatedPhrase,
    Length,
    Numbering,
    Punctuation,
    Reuse,
    /// A block whose body is still empty.
    EmptyBody,
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::UnfilledSlot => "未填空位",
            Self::CarriedOver => "沿用原稿",
            Self::DatedFormulation => "过时提法",
            Self::NonstandardFormulation => "提法不规范",
            Self::RepeatedPhrase => "重复",
            Self::Length => "篇幅",
            Self::Numbering => "编号",
            Self::Punctuation => "标点",
            Self::Reuse => "照搬比例",
            Self::EmptyBody => "空白正文",
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

/// Where a finding is: the block's index in the draft checked, and its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    pub block: usize,
    pub field: Field,
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

impl Finding {
    /// The edit that puts `replacement` in place of the flagged words, if the finding
    /// has a place.
    pub fn replaced_by(&self, replacement: &str) -> Option<TextFix> {
        let place = self.place?;
        (self.end > self.start).then(|| TextFix {
            block: place.block,
            field: place.field,
            start: self.start,
            end: self.end,
            expect: self.text.clone(),
            replacement: replacement.to_string(),
        })
    }

    /// The edit that applies this finding's automatic fix, if it has one.
    pub fn text_fix(&self) -> Option<TextFix> {
        let (place, fix) = (self.place?, self.auto_fix.as_ref()?);
        Some(TextFix {
            block: place.block,
            field: place.field,
            start: self.start,
            end: self.end,
            expect: self.text.clone(),
            replacement: fix.replacement.clone(),
        })
    }
}

/// Byte range → character range in `text`.
pub(crate) fn chars_range(text: &str, byte_start: usize, byte_len: usize) -> (usize, usize) {
    let s = text[..byte_start].chars().count();
    (
        s,
        s + text[byte_start..byte_start + byte_len].chars().count(),
    )
}

pub(crate) fn preview(s: &str) -> String {
    let mut p: String = s.chars().take(20).collect();
    if s.chars().count() > 20 {
        p.push('…');
    }
    p
}
