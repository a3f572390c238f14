//! Numbering schemes of a draft's sections and points.

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

/// 1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九.
pub fn han_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}
