//! The kind of unit a text speaks of: 机关, an enterprise, a school, a hospital, a
//! village, a community, a research institute. A phrase naming one kind of unit (抓机关
//! 党建是本职…; 服务中心、服务机关、服务党员) is no help to a paragraph written for
//! another (a hospital's, a county's villages), however many words they share; to a
//! paragraph that names no unit it may still be. A standard formulation's scope is also
//! what its note names (the schools' 把方向、管大局、作决策、抓班子、带队伍、保落实).

/// Each kind of unit and the words that name it: words, not characters (院 is in 法院
/// and 院所), and none that every unit says (干部职工).
const KINDS: &[&[&str]] = &[
    &["机关"],
    &["企业", "国企", "公司", "集团", "生产经营"],
    &[
        "学校",
        "高校",
        "中小学",
        "大学",
        "学院",
        "师生",
        "教师",
        "学生",
        "校长",
    ],
    &["医院", "医务", "医疗", "医德", "患者", "卫生健康"],
    &[
        "农村",
        "乡村",
        "驻村",
        "村党组织",
        "村干部",
        "村民",
        "乡镇",
        "村“两委”",
        "村两委",
    ],
    &["社区", "街道", "网格", "小区", "居民"],
    &["科研", "院所", "科技工作者", "科学家"],
];

/// Bit k set when `text` names the unit kind k.
pub(crate) fn scope_bits(text: &str) -> u8 {
    KINDS
        .iter()
        .enumerate()
        .filter(|(_, words)| words.iter().any(|w| text.contains(w)))
        .fold(0, |bits, (k, _)| bits | 1 << k)
}

/// Whether a phrase of scope `phrase` is written for another kind of unit than a
/// paragraph of scope `paragraph`: both name one, and none is the same.
pub(crate) fn other_unit(phrase: u8, paragraph: u8) -> bool {
    phrase != 0 && paragraph != 0 && phrase & paragraph == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_for_another_kind_of_unit_is_told_apart() {
        let organ = scope_bits("抓机关党建是本职、不抓机关党建是失职");
        let hospital = scope_bits("医院党委要把方向、管大局、作决策");
        let villages = scope_bits("各乡镇、各部门要深入践行绿水青山就是金山银山理念");
        assert!(other_unit(organ, hospital));
        assert!(other_unit(organ, villages));
        // A paragraph of a 机关 branch, or one naming no unit, may use it.
        assert!(!other_unit(organ, scope_bits("机关党支部组织生活质量")));
        assert!(!other_unit(organ, scope_bits("要严格执行“三会一课”制度")));
        // A phrase naming no unit fits any.
        assert!(!other_unit(scope_bits("知敬畏、存戒惧、守底线"), hospital));
    }
}
