//! The kind of unit a text speaks of: 机关, an enterprise, a school, a hospital, a
//! village, a community, a research institute. A phrase naming one kind of unit (抓机关
//! 党建是本职…; 服务中心、服务机关、服务党员) is no help to a paragraph written for
//! another (a hospital's, a village's), however many words they share; to a paragraph
//! that names no unit it may still be. A standard formulation says which units it is for
//! in its `units` field (the schools' 把方向、管大局、作决策、抓班子、带队伍、保落实).

/// Each kind of unit, named by its first word, and the words that name it. None that
/// generic Party-building text uses in passing (学院 of 行政学院, 大学 of 大学习, 集团 of
/// 利益集团, 医疗 in a list of 教育、医疗、养老, 城乡居民).
const KINDS: &[&[&str]] = &[
    &["机关"],
    &["企业", "国企", "公司", "生产经营"],
    &["学校", "高校", "中小学", "师生", "教师", "学生", "校长"],
    &["医院", "医务", "医德", "患者"],
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
    &["社区", "街道", "网格", "小区"],
    &["科研", "院所", "科技工作者", "科学家"],
];

const _: () = assert!(KINDS.len() <= 8, "unit kinds are bits of a u8");

/// The bit of the unit kind called `name` (its first word: 机关, 企业, 学校, 医院, 农村,
/// 社区, 科研).
pub fn unit_bit(name: &str) -> Option<u8> {
    KINDS.iter().position(|k| k[0] == name).map(|k| 1 << k)
}

/// The names of the unit kinds, for a message.
pub fn unit_names() -> Vec<&'static str> {
    KINDS.iter().map(|k| k[0]).collect()
}

/// How often `text` names each kind, not counting a word made an abstraction (去机关化);
/// a unit's Party body (学校党组织, 医院党委) names it as the one spoken to, and counts twice.
fn counts(text: &str) -> [usize; KINDS.len()] {
    let mut n = [0; KINDS.len()];
    for (k, words) in KINDS.iter().enumerate() {
        for w in *words {
            for (at, _) in text.match_indices(w) {
                let rest = &text[at + w.len()..];
                n[k] += if rest.starts_with('化') || names_another(rest, k) {
                    0
                } else if w.contains('党') || rest.starts_with('党') {
                    2
                } else {
                    1
                };
            }
        }
    }
    n
}

/// Whether `rest` opens with a word naming a kind other than `k`: the word before it
/// only says where that unit is (农村学校, 企业医院, 社区医院), the unit is the one after.
fn names_another(rest: &str, k: usize) -> bool {
    KINDS
        .iter()
        .enumerate()
        .any(|(j, words)| j != k && words.iter().any(|w| rest.starts_with(w)))
}

fn bits(n: &[usize], least: usize) -> u8 {
    n.iter()
        .enumerate()
        .filter(|&(_, &c)| c >= least)
        .fold(0, |b, (k, _)| b | 1 << k)
}

/// The kinds of unit a phrase names: short, so once is enough.
pub fn phrase_units(text: &str) -> u8 {
    bits(&counts(text), 1)
}

/// The kinds of unit a paragraph is written for: named in its heading, or twice in its
/// body (one mention in passing, 各乡镇（街道）or 乡村振兴 in a list, is not its unit).
pub fn paragraph_units(heading: &str, body: &str) -> u8 {
    bits(&counts(heading), 1) | bits(&counts(body), 2)
}

/// Whether a phrase for units `phrase` is written for another kind of unit than a
/// paragraph for units `paragraph`: both name one, and none is the same.
pub fn other_unit(phrase: u8, paragraph: u8) -> bool {
    phrase != 0 && paragraph != 0 && phrase & paragraph == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_for_another_kind_of_unit_is_told_apart() {
        let organ = phrase_units("抓机关党建是本职、不抓机关党建是失职");
        let hospital = paragraph_units("", "医院党委要把方向、管大局，医院的形象靠医德医风");
        let villages = paragraph_units("（三）选派驻村第一书记", "村党组织要发挥作用");
        assert!(other_unit(organ, hospital));
        assert!(other_unit(organ, villages));
        // A paragraph of a 机关 branch, or one naming no unit, may use it.
        assert!(!other_unit(
            organ,
            paragraph_units("（二）机关党支部组织生活", "")
        ));
        assert!(!other_unit(
            organ,
            paragraph_units("", "要严格执行“三会一课”制度")
        ));
        // A phrase naming no unit fits any.
        assert!(!other_unit(
            phrase_units("知敬畏、存戒惧、守底线"),
            hospital
        ));
    }

    #[test]
    fn a_unit_named_in_passing_does_not_make_a_paragraph_that_units() {
        for body in [
            "各乡镇（街道）党（工）委书记述职，压紧压实管党治党政治责任。",
            "要防止机关化、行政化倾向，团结带领广大青年建功新时代。",
            "推进乡村振兴和城乡融合，增强干部推动高质量发展本领。",
            "赴国家行政学院参加培训，深入开展大学习大讨论。",
        ] {
            assert_eq!(paragraph_units("", body), 0, "{body}");
        }
        // A village school is a school: 农村 says where it is.
        assert_eq!(
            paragraph_units(
                "",
                "对农村学校推行联合支部，农村学校教师少，学校党组织要加强领导"
            ),
            unit_bit("学校").unwrap()
        );
        // A unit's Party body is the one spoken to.
        assert_ne!(paragraph_units("", "学校党组织要把方向、管大局"), 0);
        assert_eq!(unit_bit("医院"), Some(1 << 3));
        assert_eq!(unit_bit("医疗"), None);
    }
}
