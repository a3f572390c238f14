//! Numbering schemes of a draft's sections and points.

use crate::core::numerals::han_numeral;

use serde::{Deserialize, Serialize};

/// How sections and points are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// 一、 / （一）, as in GB/T 9704.
    #[default]
    Official,
    /// 一、 / 1.
    OfficialArabic,
    /// 第一， / 一是 — the spoken style.
    Speech,
}

impl Numbering {
    pub const ALL: [Numbering; 3] = [Self::Official, Self::OfficialArabic, Self::Speech];

    pub fn label(self) -> &'static str {
        match self {
            Self::Official => "一、（一）公文式",
            Self::OfficialArabic => "一、1. 公文式",
            Self::Speech => "第一，一是 讲话式",
        }
    }

    /// The marker of item `n` (1-based) at `level` (1 or 2).
    pub fn marker(self, level: u8, n: usize) -> String {
        let han = han_numeral(n);
        match (self, level) {
            (Self::Speech, 1) => format!("第{han}，"),
            (Self::Speech, _) => format!("{han}是"),
            (_, 1) => format!("{han}、"),
            (Self::OfficialArabic, _) => format!("{n}."),
            (_, _) => format!("（{han}）"),
        }
    }
}
