//! Blanks left in source speeches (XX, XXX, **, ***, *月*日, 20**年, ×××, 某某) become
//! slots that know their role — `{他人姓名}`, `{下属单位}`, `{上级机关}`, `{本地}`,
//! `{会议名称}`, `{时间}`, `{年份}`, `{数字}`, `{文件名称}` … — chosen from the words
//! around them, and a count of points ("讲三点意见") becomes `{条数}`. A role the
//! meeting details cannot vouch for is never filled by them (see draft_slots).

/// A blank replaced by a slot: the slot name, the blank as written, and the character
/// range of `{name}` in the rewritten text.
use std::sync::LazyLock;

use crate::core::mine::local_words::SpecificsLexicon;
use crate::core::needles::Needles;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub name: &'static str,
    pub original: String,
    pub start: usize,
    pub end: usize,
}

const BLANK_CHARS: [char; 9] = ['*', '＊', 'X', 'x', 'Ｘ', '×', '○', '〇', '□'];
/// The ASCII ones, found by one vectorised search for three bytes.
const ASCII_BLANK_CHARS: [char; 3] = ['*', 'X', 'x'];

fn is_blank_char(c: char) -> bool {
    BLANK_CHARS.contains(&c)
}

/// Whether `text` has a character every blank contains (see `blank_at`: each blank holds
/// a blank character, or is 某某); most paragraphs have none, and are left alone without
/// being copied.
pub fn may_have_blanks(text: &str) -> bool {
    static WIDE: LazyLock<Needles> = LazyLock::new(|| {
        let wide = BLANK_CHARS
            .iter()
            .filter(|c| !c.is_ascii())
            .map(char::to_string);
        Needles::new(wide.chain(["某某".to_string()]))
    });
    let [a, b, c] = ASCII_BLANK_CHARS.map(|c| c as u8);
    memchr::memchr3(a, b, c, text.as_bytes()).is_some() || WIDE.any_in(text)
}

/// Whether `text` may count its points ("讲三点意见"): most paragraphs have neither.
pub fn may_have_count(text: &str) -> bool {
    static UNITS: LazyLock<Needles> =
        LazyLock::new(|| Needles::new(SpecificsLexicon::builtin().point_units.iter()));
    UNITS.any_in(text)
}

/// Rewrites every blank in `text` as `{name}`, and the number in a count of points as
/// `{条数}`.
pub fn fill_blanks(text: &str) -> (String, Vec<Filled>) {
    if !may_have_blanks(text) && !may_have_count(text) {
        return (text.to_string(), Vec::new());
    }
    scan_blanks(text)
}

/// Counts of the speech's points in a text ("讲三点意见"): char ranges of the numbers.
pub fn point_counts(text: &str) -> Vec<(usize, usize)> {
    if !may_have_count(text) {
        return Vec::new();
    }
    let c: Vec<char> = text.chars().collect();
    (0..c.len()).filter_map(|i| count_at(&c, i)).collect()
}

/// A count of points at `i` ("讲三点意见"): where its number starts and ends.
fn count_at(c: &[char], i: usize) -> Option<(usize, usize)> {
    let lex = SpecificsLexicon::builtin();
    let mut at = i + lex.slot_leads.len_at(c, i)?;
    if c.get(at) == Some(&'了') {
        at += 1;
    }
    let n = c[at..]
        .iter()
        .take_while(|&&x| "一二两三四五六七八九十".contains(x))
        .count();
    (n > 0 && lex.point_units.len_at(c, at + n).is_some()).then_some((at, at + n))
}

/// Character ranges of the blanks in `text` as written (the draft's slot parser uses it).
pub fn blank_spans(text: &str) -> Vec<(usize, usize)> {
    if !may_have_blanks(text) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match blank_at(&chars, i) {
            Some((len, _)) => {
                out.push((i, i + len));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// `fill_blanks` without the quick test, character by character.
fn scan_blanks(text: &str) -> (String, Vec<Filled>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut out_len = 0usize; // in chars
    let mut filled = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let count = count_at(&chars, i);
        if let Some((from, _)) = count {
            // The lead ("讲") stays as written.
            out.extend(&chars[i..from]);
            out_len += from - i;
            i = from;
        }
        let blank = match count {
            Some((from, to)) => Some((to - from, "条数")),
            None => blank_at(&chars, i),
        };
        if let Some((len, name)) = blank {
            let original: String = chars[i..i + len].iter().collect();
            let slot = format!("{{{name}}}");
            let n = slot.chars().count();
            filled.push(Filled {
                name,
                original,
                start: out_len,
                end: out_len + n,
            });
            out.push_str(&slot);
            out_len += n;
            i += len;
        } else {
            out.push(chars[i]);
            out_len += 1;
            i += 1;
        }
    }
    (out, filled)
}

/// Length (in chars) and slot name of a blank starting at `i`.
fn blank_at(c: &[char], i: usize) -> Option<(usize, &'static str)> {
    let run = |from: usize| c[from..].iter().take_while(|&&x| is_blank_char(x)).count();
    let prev = i.checked_sub(1).map(|j| c[j]);
    // "20**年": digits then blanks then 年.
    if c[i].is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit()) {
        let digits = c[i..].iter().take_while(|x| x.is_ascii_digit()).count();
        let r = run(i + digits);
        if digits + r == 4 && r > 0 && c.get(i + 4) == Some(&'年') {
            return Some((5, "年份"));
        }
        return None;
    }
    if !is_blank_char(c[i]) {
        // 某某 as in "某某同志".
        if c[i] == '某' && c.get(i + 1) == Some(&'某') {
            return Some((2, name_from_context(c, i, i + 2)));
        }
        return None;
    }
    let r = run(i);
    let latin =
        |x: Option<&char>| x.is_some_and(|x| x.is_ascii_alphabetic() && !matches!(x, 'X' | 'x'));
    // "Xbox", "TXT": Latin words are not blanks.
    if latin(prev.as_ref()) || latin(c.get(i + r)) {
        return None;
    }
    // "*月*日" / "X月X日".
    if c.get(i + r) == Some(&'月') {
        let r2 = run(i + r + 1);
        if r2 > 0 && c.get(i + r + 1 + r2) == Some(&'日') {
            return Some((r + r2 + 2, date_role(c, i)));
        }
        return Some((r + 1, "月份"));
    }
    // "20**年", "**年": the 年 goes with the blank, so a fill never doubles it.
    if r >= 2 && c.get(i + r) == Some(&'年') {
        return Some((r + 1, "年份"));
    }
    // One X or × alone is too often real text ("X光"); one * may be a footnote.
    let single_ok =
        matches!(c[i], '*' | '＊') && c.get(i + 1).is_some_and(|&n| crate::core::text::is_han(n));
    if r < 2 && !single_ok {
        return None;
    }
    Some((r, name_from_context(c, i, i + r)))
}

fn starts(c: &[char], at: usize, words: &[&str]) -> bool {
    words.iter().any(|w| {
        w.chars()
            .enumerate()
            .all(|(k, wc)| c.get(at + k) == Some(&wc))
    })
}

/// Names a blank by its role, read from the words around it.
// Over 80 lines: an ordered list of context rules, the first that matches names the blank.
fn name_from_context(c: &[char], start: usize, end: usize) -> &'static str {
    let prev = start.checked_sub(1).map(|j| c[j]);
    let next = c.get(end).copied();
    // A blank that is the whole title or the whole quotation is that name; a blank inside
    // a title ("《XX管理党委…措施》") is the unit that issued it: above the speaker.
    if prev == Some('《') && next == Some('》') {
        return "文件名称";
    }
    if prev == Some('“') && next == Some('”') {
        return "名称";
    }
    // "XX县", "**经济社会": the place, also inside a title (《XX县…办法》).
    if starts(
        c,
        end,
        &[
            "省", "市", "县", "区", "乡", "镇", "村", "街道", "经济", "社会", "人民",
        ],
    ) {
        return "本地";
    }
    if inside_title(c, start) {
        return "上级机关";
    }
    // A name in a source is someone the source names: never the new speaker.
    if starts(c, end, TITLES) {
        return "他人姓名";
    }
    if starts(
        c,
        end,
        &[
            "会议",
            "大会",
            "会上",
            "座谈会",
            "推进会",
            "动员会",
            "工作会",
        ],
    ) {
        return "会议名称";
    }
    if starts(c, end, &["周年"]) {
        return "周年数";
    }
    if starts(c, end, &["等地", "地区"]) {
        return "地名";
    }
    if starts(c, end, &["年"]) {
        return "年份";
    }
    if starts(c, end, &["月"]) {
        return "月份";
    }
    if starts(
        c,
        end,
        &["人", "名", "个", "项", "%", "％", "次", "万", "亿", "元"],
    ) {
        return "数字";
    }
    if starts(c, end, &["事业", "系统", "行业", "战线"]) || ends(c, start, &["全体", "广大"])
    {
        return "本系统";
    }
    if ends(c, start, &["上级", "对照", "受", "按照", "根据", "落实"]) {
        return "上级机关";
    }
    // Units named at the head of a clause, in a list or as an example are others the
    // speech praises or tells off: "比如**抓住机遇", "**举办…", "XX、XX等单位".
    let head = prev.is_none_or(|p| "。；，：！？、\n".contains(p));
    if head
        || next == Some('、')
        || starts(c, end, &["等"])
        || ends(c, start, &["比如", "例如", "如", "各", "所属", "下属"])
    {
        return "下属单位";
    }
    "单位"
}

/// Titles after a person's name.
const TITLES: &[&str] = &[
    "同志", "书记", "部长", "主任", "局长", "县长", "市长", "区长", "省长", "先生", "女士", "老师",
];

fn ends(c: &[char], at: usize, words: &[&str]) -> bool {
    words.iter().any(|w| {
        let n = w.chars().count();
        at >= n && c[at - n..at].iter().copied().eq(w.chars())
    })
}

/// Whether char `at` is inside 《…》.
fn inside_title(c: &[char], at: usize) -> bool {
    let open = c[..at].iter().rposition(|&x| x == '《');
    let close = c[..at].iter().rposition(|&x| x == '》');
    open.is_some_and(|o| close.is_none_or(|cl| cl < o)) && c[at..].contains(&'》')
}

/// Dates: a date of this meeting ("今天", "这次") is the meeting's date; any other is a
/// time the writer must supply ("*月*日，中央组织部召开…").
fn date_role(c: &[char], start: usize) -> &'static str {
    let from = c[..start]
        .iter()
        .rposition(|&x| "。！？\n".contains(x))
        .map_or(0, |p| p + 1);
    let to = c[start..]
        .iter()
        .position(|&x| "。！？\n".contains(x))
        .map_or(c.len(), |p| start + p);
    let sentence: String = c[from..to].iter().collect();
    if ["今天", "本次", "这次", "此次"]
        .iter()
        .any(|w| sentence.contains(w))
    {
        "日期"
    } else {
        "时间"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_sees_every_blank_character() {
        for c in BLANK_CHARS {
            assert!(may_have_blanks(&format!("同志们{c}好")), "{c}");
        }
        let ascii = BLANK_CHARS.iter().filter(|c| c.is_ascii());
        assert!(ascii.eq(&ASCII_BLANK_CHARS));
        assert!(may_have_blanks("某某同志"));
        assert!(!may_have_blanks(
            "某同志在2024年：“两个维护”，《条例》、——好。"
        ));
        // Every blank `fill_blanks` finds is seen, whatever it starts with.
        let marks = [
            '\u{0}', '!', 'A', '中', '某', '7', '·', '月', '年', '《', '“',
        ];
        for a in marks.iter().chain(&BLANK_CHARS) {
            for b in marks.iter().chain(&BLANK_CHARS) {
                for t in [
                    format!("{a}{b}{a}{b}年"),
                    format!("20{a}{b}年"),
                    format!("{a}月{b}日"),
                    format!("“{a}{b}”"),
                    format!("同志{a}{b}同志"),
                ] {
                    if !scan_blanks(&t).1.is_empty() {
                        assert!(may_have_blanks(&t), "{t}");
                    }
                }
            }
        }
    }

    fn names(t: &str) -> (String, Vec<(&'static str, String)>) {
        let (out, f) = fill_blanks(t);
        (out, f.into_iter().map(|f| (f.name, f.original)).collect())
    }

    #[test]
    fn blanks_become_named_slots() {
        assert_eq!(
            names("认真落实《XX管理党委班子成员若干措施》"),
            (
                "认真落实《{上级机关}管理党委班子成员若干措施》".into(),
                vec![("上级机关", "XX".into())]
            )
        );
        assert_eq!(
            names("*月*日，中央组织部召开会议").0,
            "{时间}，中央组织部召开会议"
        );
        assert_eq!(
            names("今天是*月*日，我们召开会议").0,
            "今天是{日期}，我们召开会议"
        );
        assert_eq!(names("20**年是关键之年").0, "{年份}是关键之年");
        assert_eq!(
            names("**同志亲自到会讲话").1,
            vec![("他人姓名", "**".into())]
        );
        assert_eq!(names("***等地加强建设").1, vec![("地名", "***".into())]);
        assert_eq!(names("凝聚全体XX的智慧").1, vec![("本系统", "XX".into())]);
        assert_eq!(names("使我区**年组织工作").0, "使我区{年份}组织工作");
        assert_eq!(names("为推动**经济社会发展").0, "为推动{本地}经济社会发展");
        assert_eq!(
            names("比如**抓住机遇；***等地加强建设。**举办论坛").0,
            "比如{下属单位}抓住机遇；{地名}等地加强建设。{下属单位}举办论坛"
        );
        assert_eq!(names("对照XX党委的目标").0, "对照{上级机关}党委的目标");
        assert_eq!(names("下面，我讲三点意见。").0, "下面，我讲{条数}点意见。");
        assert_eq!(
            names("要着重把握好以下五点：").0,
            "要着重把握好以下{条数}点："
        );
        assert_eq!(names("讲几点意见，“两个维护”").1, vec![]);
        assert_eq!(names("在×××会议上").1, vec![("会议名称", "×××".into())]);
        assert_eq!(names("学习《XXX》精神").1, vec![("文件名称", "XXX".into())]);
        assert_eq!(names("到20**年底").0, "到{年份}底");
        assert_eq!(names("Xbox 和 X光 不是空位").1, vec![]);
    }

    #[test]
    fn slot_ranges_point_at_the_slot() {
        let (out, f) = fill_blanks("比如**抓住机遇，XX单位");
        for s in f {
            let got: String = out.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(got, format!("{{{}}}", s.name));
        }
    }
}
