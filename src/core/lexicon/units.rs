//! The kind of unit a text speaks of: 机关, an enterprise, a university, a hospital, a
//! village, a community, a research institute, a primary or middle school. A phrase
//! naming one kind of unit (抓机关党建是本职…; 服务中心、服务机关、服务党员) is no help to
//! a paragraph written for another (a hospital's, a village's), however many words they
//! share; to a paragraph that names no unit it may still be. A standard formulation says
//! which units it is for in its `units` field (the schools' 把方向、管大局、作决策、抓班子、
//! 带队伍、保落实), and is offered only to those units' paragraphs (`suggest::scoring`).

/// Each kind of unit, named by its first word, and the words that name it. None that
/// generic Party-building text uses in passing (学院 of 行政学院, 大学 of 大学习, 集团 of
/// 利益集团, 医疗 in a list of 教育、医疗、养老, 城乡居民, 高职 of 提高职工, 院系 of
/// 医院系统). Universities and schools are two kinds: their Party bodies lead under
/// different rules (党委领导下的校长负责制 is a university's, 党组织领导的校长负责制 a
/// primary or middle school's).
const KINDS: &[&[&str]] = &[
    &["机关"],
    &["企业", "国企", "公司", "生产经营"],
    &[
        "高校",
        "高等学校",
        "高职院校",
        "职业院校",
        "职业技术学院",
        "大学生",
        "研究生",
        "辅导员",
        "二级学院",
    ],
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
    // Not 中学 alone: 在实践中学习, 干中学.
    &[
        "中小学",
        "小学",
        "初中",
        "高中",
        "中学校",
        "中学生",
        "幼儿园",
        "班主任",
        "少先队",
        "义务教育",
    ],
];

const _: () = assert!(KINDS.len() <= 8, "unit kinds are bits of a u8");

/// Words of any school, a university's or a primary or middle school's, and the name
/// that means both kinds.
const SCHOOL: &[&str] = &["学校", "师生", "教师", "学生", "校长"];
const SCHOOL_KINDS: [usize; 2] = [2, 7];
const SCHOOL_BITS: u8 = 1 << SCHOOL_KINDS[0] | 1 << SCHOOL_KINDS[1];

/// The kinds each word list names: one kind, or for `SCHOOL` both kinds of school.
fn word_lists() -> impl Iterator<Item = (&'static [usize], &'static [&'static str])> {
    const ONE: [[usize; 1]; 8] = [[0], [1], [2], [3], [4], [5], [6], [7]];
    KINDS
        .iter()
        .enumerate()
        .map(|(k, words)| (&ONE[k][..], *words))
        .chain(std::iter::once((&SCHOOL_KINDS[..], SCHOOL)))
}

/// The bits of the unit kind called `name` (its first word: 机关, 企业, 高校, 医院, 农村,
/// 社区, 科研, 中小学; 学校 is both kinds of school).
pub fn unit_bit(name: &str) -> Option<u8> {
    if name == SCHOOL[0] {
        return Some(SCHOOL_BITS);
    }
    KINDS.iter().position(|k| k[0] == name).map(|k| 1 << k)
}

/// The names of the unit kinds, for a message.
pub fn unit_names() -> Vec<&'static str> {
    KINDS.iter().map(|k| k[0]).chain([SCHOOL[0]]).collect()
}

/// How often a text names each kind; `school` counts the words of any school (学校,
/// 师生), which name whichever kind of school the rest of the text names.
#[derive(Default)]
struct Counts {
    kinds: [usize; KINDS.len()],
    school: usize,
}

impl Counts {
    /// Not counting a word made an abstraction (去机关化); a unit's Party body (学校党组织,
    /// 医院党委) names it as the one spoken to, and counts twice.
    fn of(text: &str) -> Self {
        let mut n = Counts::default();
        for (kinds, words) in word_lists() {
            for w in words {
                for (at, _) in text.match_indices(w) {
                    let rest = &text[at + w.len()..];
                    let add = if rest.starts_with('化') || names_another(rest, kinds) {
                        0
                    } else if w.contains('党') || rest.starts_with('党') {
                        2
                    } else {
                        1
                    };
                    match kinds {
                        [k] => n.kinds[*k] += add,
                        _ => n.school += add,
                    }
                }
            }
        }
        n
    }

    /// The kinds named at least `least` times, a school's words counting for the kinds
    /// of school in `schools`.
    fn bits(&self, least: usize, schools: u8) -> u8 {
        let mut b = 0;
        for (k, &c) in self.kinds.iter().enumerate() {
            let school = if schools & 1 << k != 0 {
                self.school
            } else {
                0
            };
            if c + school >= least {
                b |= 1 << k;
            }
        }
        b
    }

    /// The kinds of school named by name (高校, 中小学), or both when none is.
    fn schools(&self, also: &Counts) -> u8 {
        let named = SCHOOL_KINDS
            .iter()
            .filter(|&&k| self.kinds[k] + also.kinds[k] > 0)
            .fold(0, |b, &k| b | 1 << k);
        if named == 0 { SCHOOL_BITS } else { named }
    }
}

/// Whether `rest` opens with a word naming a kind other than `kinds`: the word before it
/// only says where that unit is (农村学校, 企业医院, 社区医院), the unit is the one after.
fn names_another(rest: &str, kinds: &[usize]) -> bool {
    word_lists().any(|(other, words)| {
        other.iter().all(|k| !kinds.contains(k)) && words.iter().any(|w| rest.starts_with(w))
    })
}

/// The kinds of unit a phrase names: short, so once is enough.
pub fn phrase_units(text: &str) -> u8 {
    let n = Counts::of(text);
    n.bits(1, n.schools(&Counts::default()))
}

/// The kinds of unit a paragraph is written for: named in its heading, or twice in its
/// body (one mention in passing, 各乡镇（街道）or 乡村振兴 in a list, is not its unit). A
/// school's words are a university's, a primary or middle school's, or both, as the
/// heading and body name them.
pub fn paragraph_units(heading: &str, body: &str) -> u8 {
    let (h, b) = (Counts::of(heading), Counts::of(body));
    let schools = h.schools(&b);
    h.bits(1, schools) | b.bits(2, schools)
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

    #[test]
    fn universities_and_schools_are_two_kinds_and_school_words_name_both() {
        let (uni, school) = (unit_bit("高校").unwrap(), unit_bit("中小学").unwrap());
        assert_eq!(unit_bit("学校"), Some(uni | school));
        assert_eq!(paragraph_units("（二）加强高校思想政治工作", ""), uni);
        assert_eq!(
            paragraph_units("（二）落实中小学校党组织领导的校长负责制", ""),
            school
        );
        assert_eq!(
            paragraph_units("（二）学校党组织要把方向", ""),
            uni | school
        );
        // Not a school: 中学 of 在实践中学习, 高职 of 提高职工.
        for body in [
            "要在实践中学习、在干中学习，把理论学习成果转化为推动工作的本领。在实践中学习最管用。",
            "提高职工素质，提高职业道德水平，提高职工队伍的凝聚力。",
        ] {
            assert_eq!(paragraph_units("", body), 0, "{body}");
        }
        // A university's unit, not the school word inside it.
        assert!(!other_unit(
            uni,
            paragraph_units("", "大学生是学生，高校要关心大学生")
        ));
        assert!(other_unit(
            uni,
            paragraph_units("", "中小学生、小学生的课后服务")
        ));
    }
}
