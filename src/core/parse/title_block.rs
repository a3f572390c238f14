//! The lines around a speech's title: the title itself, a subtitle, date and speaker
//! lines (the byline), and the salutation that opens the speech.

use crate::core::parse::marker;
use crate::core::text::is_han;

/// Sentence-final punctuation: a line ending in one of these is not broken mid-sentence.
pub const SENTENCE_END: &[char] = &[
    '。', '！', '？', '；', '：', '…', '”', '’', '」', '』', '）', '!', '?', ';',
];

/// Words naming an audience in a salutation.
const ADDRESSEES: &[&str] = &[
    "同志",
    "同学",
    "朋友",
    "领导",
    "来宾",
    "嘉宾",
    "代表",
    "女士",
    "先生",
    "老师",
    "干部",
    "党员",
    "委员",
    "职工",
    "家长",
    "战友",
    "青年",
    "各位",
    "大家",
    "尊敬的",
    "亲爱的",
    "同仁",
    "同事",
    "专家",
    "企业家",
    "乡亲",
];

/// Posts that open a speaker line under a title, or name a person in a salutation.
const POSTS: &[&str] = &[
    "书记",
    "部长",
    "主任",
    "秘书长",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "局长",
    "厅长",
    "省长",
    "常委",
    "主席",
    "校长",
    "院长",
    "处长",
    "委员",
    "同志",
    "董事长",
    "总经理",
    "司令",
    "政委",
    "会长",
    "理事长",
    "所长",
    "队长",
    "检察长",
    "州长",
    "旗长",
];

/// Words a speech's title ends with (so such a line is never a speaker line).
pub const TITLE_ENDS: &[&str] = &[
    "讲话",
    "发言",
    "致辞",
    "讲稿",
    "党课",
    "报告",
    "贺词",
    "演讲",
    "演讲稿",
    "主持词",
    "讲话稿",
    "发言稿",
    "辅导",
    "总结",
    "动员",
    "讲评",
    "点评",
    "上的讲话提纲",
];

/// Byte length of a salutation at the start of a line ("同志们：", "各位领导、同志们：",
/// "尊敬的王书记、李市长，各位来宾，同志们："), including its colon.
pub fn salutation_len(line: &str) -> Option<usize> {
    let colon = line.find('：')?;
    let head = &line[..colon];
    let n = head.chars().count();
    if n == 0 || n > 60 || head.contains(['。', '！', '？']) {
        return None;
    }
    // An address list: every part short and naming an audience or a person by post —
    // never a sentence such as "同志们，下面我讲三点意见".
    let parts: Vec<&str> = head
        .split(['、', '，', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let names_audience = |p: &&str| ADDRESSEES.iter().any(|a| p.contains(a));
    let names_person = |p: &&str| POSTS.iter().any(|a| p.ends_with(a));
    let ok = parts.iter().any(names_audience)
        && parts
            .iter()
            .all(|p| p.chars().count() <= 16 && (names_audience(p) || names_person(p)));
    ok.then_some(colon + '：'.len_utf8())
}

/// A line of running text: long and with sentence punctuation.
pub fn is_prose(line: &str) -> bool {
    line.chars().count() >= 40 && line.contains(['。', '，', '；'])
}

/// A line of the speech's text rather than of its title block: running text, a sentence,
/// or the first line of a hard-wrapped paragraph (`next` is the next line with text,
/// `wrap` the width the text is wrapped at).
pub fn is_body_text(line: &str, next: Option<&str>, wrap: Option<usize>) -> bool {
    if is_prose(line) {
        return true;
    }
    let n = line.chars().count();
    let runs_on =
        next.is_some_and(|x| !is_meta_line(x) && !is_subtitle(x) && salutation_len(x).is_none());
    let full = wrap.is_some_and(|w| n + 1 >= w) || n >= 20 && line.contains(['，', '、']);
    let wrapped_on = runs_on && full && marker::parse(line).is_none();
    (n >= 15 && line.contains('。')) || wrapped_on
}

pub fn ends_sentence(line: &str) -> bool {
    // A lone "。" is the end of a wrapped sentence; other lone marks are not.
    (line.chars().count() >= 2 || matches!(line, "。" | "！" | "？"))
        && line.ends_with(SENTENCE_END)
}

/// "——在全市组织工作会议上的讲话".
/// "（在全县工作会议上的讲话）" too.
pub fn is_subtitle(line: &str) -> bool {
    let bracketed = line.starts_with(['（', '('])
        && line.ends_with(['）', ')'])
        && names_a_speech(line)
        && line[line.char_indices().nth(1).map_or(0, |(i, _)| i)..].starts_with('在');
    bracketed || line.starts_with(['—', '－', '-', '―', '─']) && line.chars().any(is_han)
}

pub fn strip_dashes(line: &str) -> String {
    let l = line.trim_start_matches(['—', '－', '-', '―', '─', ' ']);
    match l.strip_prefix(['（', '(']) {
        Some(inner) => inner.trim_end_matches(['）', ')']).to_string(),
        None => l.to_string(),
    }
}

/// Whether a line names a speech ("在…会议上的讲话", "…上的致辞").
pub fn names_a_speech(line: &str) -> bool {
    let l = line.trim_end_matches(['）', ')', '”', '》']);
    TITLE_ENDS.iter().any(|w| l.ends_with(w)) || (line.starts_with('在') && line.contains("上的"))
}

/// Date and speaker lines under a title: "（2023年6月30日）", "2023年6月30日", "张三",
/// "市委书记 张三".
pub fn is_meta_line(line: &str) -> bool {
    // A speaker with the date in brackets after (工委书记 郑明远（2026年3月12日）).
    if let Some(open) = line.rfind(['（', '('])
        && open > 0
        && line.ends_with(['）', ')'])
        && line.chars().count() <= 40
    {
        let (who, when) = line.split_at(open);
        if is_meta_line(when) && is_meta_line(who.trim()) {
            return true;
        }
    }
    let n = line.chars().count();
    if n > 30
        || line.ends_with(SENTENCE_END) && !line.ends_with('）')
        || names_a_speech(line)
        || marker::parse(line).is_some()
    {
        return false;
    }
    let inner = line
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    // A date, perhaps with a place: few characters besides its digits and 年月日.
    let other = inner
        .chars()
        .filter(|&c| {
            !c.is_ascii_digit()
                && !"年月日号-./ 〇零一二三四五六七八九十０１２３４５６７８９".contains(c)
        })
        .count();
    let is_date = other <= 6
        && !line.contains(['，', '。'])
        && (inner.contains('年') && inner.contains('日')
            || inner.chars().filter(|c| c.is_ascii_digit()).count() >= 4
                && inner.contains(['月', '-', '.', '/']));
    let plain =
        !line.contains(['，', '。', '：', '“']) && !line.contains("讲话") && !line.contains("会议");
    // "王某某", "张三同志", "市委常委、秘书长　王某某": a name, or a post then a name.
    let short_name = plain && n <= 8 && !line.contains(' ');
    // A long unit's name before the post (临江城市建设投资集团有限公司党委书记、董事长 陈国华)
    // is fine when a name of two to four letters stands apart after it.
    let name_apart = line
        .rsplit(' ')
        .next()
        .is_some_and(|w| line.contains(' ') && (2..=4).contains(&w.chars().count()));
    let post_and_name = plain
        && (n <= 24 || (n <= 36 && name_apart))
        && POSTS.iter().any(|p| line.contains(p))
        && (line.contains(' ') || line.ends_with("同志") || n <= 12)
        && line.chars().last().is_some_and(is_han);
    is_date || short_name || post_and_name
}

/// A title: not too long, no sentence inside, not a section marker.
pub fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    (2..=80).contains(&n)
        && !line.contains('。')
        && !line.ends_with(['，', '；', '：', '、'])
        && marker::parse(line).is_none()
        && salutation_len(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salutations_with_commas_but_not_sentences() {
        assert!(salutation_len("尊敬的各位领导，同志们：").is_some());
        assert!(salutation_len("各位领导、各位来宾、朋友们：").is_some());
        assert!(salutation_len("尊敬的王书记、李市长，各位来宾，同志们、朋友们：").is_some());
        assert_eq!(salutation_len("同志们，下面我讲三点意见："), None);
        assert_eq!(salutation_len("主要有三个方面："), None);
        assert_eq!(salutation_len("张书记强调："), None);
    }

    #[test]
    fn subtitles_with_dashes_or_brackets() {
        for (l, sub) in [
            ("——在全县工作会议上的讲话", "在全县工作会议上的讲话"),
            ("（在全县工作会议上的讲话）", "在全县工作会议上的讲话"),
        ] {
            assert!(is_subtitle(l), "{l}");
            assert_eq!(strip_dashes(l), sub);
        }
        assert!(!is_subtitle("（2024年1月5日）"));
    }

    #[test]
    fn titles_naming_a_speech_are_not_bylines() {
        for t in ["在县委常委会民主生活会上的发言", "在新春团拜会上的致辞"]
        {
            assert!(!is_meta_line(t), "{t}");
            assert!(is_title_like(t), "{t}");
        }
        for m in [
            "（2024年1月5日）",
            "县委书记 李某某",
            "张三同志",
            "中共某某市委市直机关工委书记 郑某某（2026年3月12日）",
            "临江城市建设投资集团有限公司党委书记、董事长 陈某某",
        ] {
            assert!(is_meta_line(m), "{m}");
        }
        // A title with a bracketed note is no byline.
        assert!(!is_meta_line("关于加强机关党建的意见（2026年3月12日）"));
    }
}
