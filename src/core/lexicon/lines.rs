//! The line of work a phrase belongs to. Government speeches are written for one line
//! (巡视巡察, 金融, 安全生产, 统战, 税务, 三农, 民族, 政法, 生态环境, 科技, 教育,
//! 审计, 统计, 水利, 网信, 就业社保, 住房, 市场监管, 文旅, 养老, 退役军人, 自然资源, 工会,
//! 医疗卫生, 公安, 交通运输, 能源, 财政); a
//! phrase naming a line is written for paragraphs on it. Beside paragraphs that never name
//! its line, blind writers took 2 of 37 such phrases (a 督察整改 paragraph offered 巡视
//! items), against 34 of 59 beside paragraphs that do (session 18).

/// Words naming each line. A line is one bit: a phrase on 防汛 fits a paragraph on
/// 安全生产. Words are whole names of the line, not bare characters that occur in general
/// formulations (民族 alone is in 中华民族伟大复兴, so the line of 民族 is named by
/// 民族团结 and its like).
const LINES: [&[&str]; 28] = [
    &["巡视", "巡察"],
    &["金融"],
    &["安全生产", "应急管理", "防汛", "防灾", "消防"],
    &["统战", "统一战线", "民主党派", "宗教"],
    &["税务", "税收", "纳税", "税费", "治税", "管税"],
    &["乡村", "农村", "农业", "三农", "村"],
    &["民族团结", "民族工作", "各民族", "民族地区", "共同体意识"],
    &["司法", "政法", "审判", "检察"],
    &["生态文明", "生态环境", "美丽中国"],
    &["科技", "科学家"],
    &["教育强国", "育人", "思政课", "学校", "教师"],
    &["审计"],
    &["统计"],
    &["水利", "水资源", "治水", "节水", "河湖"],
    &["网信", "网络安全", "网络空间"],
    &["就业", "社会保障", "社保"],
    &["住房", "房地产", "房子"],
    &["市场监管", "食品安全", "药品安全"],
    &["文旅", "旅游"],
    &["养老", "老龄"],
    &["退役军人", "军人", "双拥"],
    &["自然资源", "国土空间", "山水林田湖草"],
    &["工会", "工人阶级", "产业工人"],
    &[
        "医疗",
        "卫生健康",
        "医院",
        "医保",
        "医药",
        "患者",
        "公共卫生",
    ],
    &["公安", "警务", "民警", "治安"],
    &["交通运输", "交通强国", "公路"],
    &["能源", "电力", "电网", "供电", "煤电"],
    &["财政", "预算", "债务"],
];

/// The line a word of `LINES` names, as its bit; `None` for any other word. A standard
/// formulation's `lines` field names its lines this way.
pub fn line_bit(word: &str) -> Option<u32> {
    LINES
        .iter()
        .position(|words| words.contains(&word))
        .map(|l| 1 << l)
}

/// One word for each line, to tell a user which words name lines.
pub fn line_names() -> Vec<&'static str> {
    LINES.iter().map(|words| words[0]).collect()
}

/// Names that hold a line's word and name no line: 新就业群体 (couriers, riders) is a
/// group for 党建, not the line of 就业.
const NOT_LINES: &[&str] = &["新就业群体"];

/// Bit l set when `text` names line l.
pub fn line_bits(text: &str) -> u32 {
    lines_named(text, 1)
}

/// The lines a paragraph is on: named in its heading, or at least twice in its body. A
/// word named once in passing may be another thing (a power line's 巡视 in a paragraph on
/// 迎峰度冬), as a unit named once is (`units::paragraph_units`).
pub(crate) fn paragraph_lines(heading: &str, body: &str) -> u32 {
    line_bits(heading) | lines_named(body, 2)
}

/// Bit l set when `text` names line l at least `times` times (overlapping names, 农村 and
/// its 村, counted once).
fn lines_named(text: &str, times: usize) -> u32 {
    let owned;
    let text = if NOT_LINES.iter().any(|n| text.contains(n)) {
        owned = NOT_LINES
            .iter()
            .fold(text.to_string(), |t, n| t.replace(n, "、"));
        owned.as_str()
    } else {
        text
    };
    LINES
        .iter()
        .enumerate()
        .filter(|(_, words)| mentions(text, words, times))
        .fold(0, |b, (l, _)| b | 1 << l)
}

/// Whether `text` names any of `words` at least `times` times in places that do not
/// overlap.
fn mentions(text: &str, words: &[&str], times: usize) -> bool {
    if times <= 1 {
        return words.iter().any(|w| text.contains(w));
    }
    let mut spans: Vec<(usize, usize)> = words
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(at, m)| (at, at + m.len())))
        .collect();
    if spans.len() < times {
        return false;
    }
    spans.sort_unstable_by_key(|&(a, b)| (a, std::cmp::Reverse(b)));
    let mut count = 0;
    let mut end = 0;
    for (a, b) in spans {
        if a >= end {
            count += 1;
            end = b;
        }
    }
    count >= times
}

/// Whether a phrase naming `phrase` lines is written for other lines than those a
/// paragraph naming `paragraph` lines speaks of. Unlike groups of people, one shared line
/// is enough: a phrase on 乡村振兴和生态文明 serves a paragraph on either.
pub(crate) fn for_other_lines(phrase: u32, paragraph: u32) -> bool {
    phrase != 0 && phrase & paragraph == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_the_paragraph_never_names_is_another_line() {
        let p = line_bits("发挥巡视利剑作用");
        assert!(for_other_lines(
            p,
            line_bits("抓好中央生态环境保护督察反馈问题整改")
        ));
        assert!(!for_other_lines(p, line_bits("扎实做好巡察整改工作")));
        // One line in common is enough.
        let both = line_bits("推进乡村生态文明建设");
        assert!(!for_other_lines(both, line_bits("建设美丽中国")));
        // A general formulation names no line, and fits any paragraph.
        assert_eq!(line_bits("实现中华民族伟大复兴"), 0);
        assert!(!for_other_lines(line_bits("以钉钉子精神抓落实"), 0));
        // A group named with a line's word is no line.
        assert_eq!(line_bits("加强新就业群体党的建设"), 0);
        assert_ne!(line_bits("就业是最基本的民生"), 0);
    }

    #[test]
    fn a_paragraph_is_on_a_line_it_names_twice_or_in_its_heading() {
        // A power line's 巡视 once in passing is no 巡视巡察.
        let once = "各单位要对主网设备和重要输电通道开展一轮全面巡视，提前落实融冰措施";
        assert_eq!(paragraph_lines("", once), 0);
        assert_ne!(paragraph_lines("抓好巡视整改", once), 0);
        let twice = "对巡视反馈的问题，要逐条整改；巡视整改要与日常监督贯通起来";
        assert_eq!(paragraph_lines("", twice), line_bits("巡视"));
        // 农村 holds 村: one name, not two.
        assert_eq!(paragraph_lines("", "推动农村发展"), 0);
        assert_ne!(paragraph_lines("", "推动农村发展，建强村党组织"), 0);
    }
}
