//! Shape tests for lines that are not part of a speech: web navigation, ads, bylines,
//! counters, contact lines, footers. Each test looks at the form of a line (length,
//! punctuation, digits, generic web vocabulary), never at text copied from one corpus.

use crate::core::text::is_han;

/// Why a line is clutter, in Chinese for the user; `None` when it may be speech text.
pub fn clutter_reason(line: &str) -> Option<&'static str> {
    let len = line.chars().count();
    // A line that opens with a section marker is a heading, never clutter: headings are
    // short and unpunctuated like much clutter, and may name a platform or members
    // ("（二）用好公众号等新媒体平台").
    if len == 0 || crate::core::parse::marker::parse(line).is_some() {
        return None;
    }
    if is_url(line) {
        return Some("网址");
    }
    if is_counter(line) {
        return Some("计数或编号（无正文）");
    }
    if is_page_number(line) {
        return Some("页码");
    }
    if is_breadcrumb(line) {
        return Some("网页导航路径");
    }
    if is_editor_note(line) {
        return Some("编者按语（整理、删节说明）");
    }
    if is_end_mark(line) {
        return Some("结束标记");
    }
    // Real paragraphs are long and end in sentence punctuation; the rest of the tests only
    // apply to short or unpunctuated lines so that speech text using a word like 关注 survives.
    let prose = len >= 60 && line.contains('。');
    if prose {
        return None;
    }
    if is_contact(line) {
        return Some("联系方式或群号");
    }
    if is_byline(line) {
        return Some("发布信息（时间、作者、来源等）");
    }
    if has_any(line, AD_CUES) || count_any(line, WEAK_AD_CUES) >= 2 {
        return Some("广告、会员或版权声明");
    }
    if (len <= 16 && has_any(line, FOOTER_CUES)) || is_link_to_another(line) {
        return Some("网页推荐栏或页脚");
    }
    None
}

/// Bullets a web page puts before the titles it recommends.
const BULLETS: &[char] = &['·', '•', '●', '◆', '◇', '▪', '▶', '►', '■', '□', '○'];
/// Endings of the title of a document a web page links to.
const DOCUMENT_ENDS: &[&str] = &[
    "讲话",
    "讲话稿",
    "发言",
    "发言稿",
    "方案",
    "要点",
    "报告",
    "总结",
    "体会",
    "全文）",
    "范文",
];

/// A link to another document: 上一篇：…, 下一篇：…, or a bulleted title of one
/// (· 2026年市直机关党建工作要点（全文）), as a page lists them under 相关文章.
fn is_link_to_another(line: &str) -> bool {
    if line.starts_with("上一篇") || line.starts_with("下一篇") {
        return true;
    }
    let Some(rest) = line.strip_prefix(BULLETS) else {
        return false;
    };
    let rest = rest.trim();
    rest.chars().count() <= 40
        && !rest.contains('。')
        && DOCUMENT_ENDS.iter().any(|e| rest.ends_with(e))
}

/// Generic vocabulary of web pages selling or sharing documents.
/// One of these is enough.
const AD_CUES: &[&str] = &[
    "VIP",
    "vip",
    "订阅",
    "充值",
    "扫码",
    "二维码",
    "广告",
    "禁止外传",
    "仅供学习",
    "本站",
    "本网站",
    "版权所有",
    "转载",
    "侵权",
    "免责声明",
    "倒卖",
    "版权声明",
    "版权归",
    "Copyright",
    "copyright",
    "©",
    "All Rights Reserved",
];

/// Words that also occur in speeches (工会会员, 以上意见，仅供参考); two of them on a short
/// line make an ad.
const WEAK_AD_CUES: &[&str] = &[
    "下载",
    "优惠",
    "付费",
    "收费",
    "原创",
    "投稿",
    "点赞",
    "收藏",
    "分享",
    "立享",
    "权益",
    "客服",
    "购买",
    "注册",
    "登录",
    "免费",
    "平台",
    "会员",
    "公众号",
    "仅供参考",
    "本文",
    "网友",
    "上传",
];

const FOOTER_CUES: &[&str] = &[
    "相关推荐",
    "推荐阅读",
    "热门",
    "上一篇",
    "下一篇",
    "相关文章",
    "猜你喜欢",
    "延伸阅读",
    "返回顶部",
    "评论",
    "打印本页",
    "关闭窗口",
    "查看更多",
    "更多",
    "文档",
    "范文",
    "阅读全文",
    "展开全文",
];

const CONTACT_CUES: &[&str] = &[
    "QQ",
    "qq",
    "微信",
    "电话",
    "手机",
    "邮箱",
    "E-mail",
    "email",
    "Email",
    "群号",
    "联系方式",
];

const BYLINE_CUES: &[&str] = &[
    "时间", "日期", "发布", "发表", "来源", "作者", "编辑", "浏览", "阅读", "点击", "字数", "人气",
    "责编", "出处",
];

fn has_any(line: &str, cues: &[&str]) -> bool {
    cues.iter().any(|c| line.contains(c))
}

fn count_any(line: &str, cues: &[&str]) -> usize {
    cues.iter().filter(|c| line.contains(*c)).count()
}

/// "（根据录音整理，未经本人审阅）", "（有删节）": a bracketed note on how the text was
/// edited, not words of the speech.
fn is_editor_note(line: &str) -> bool {
    let inner = line
        .strip_prefix(['（', '('])
        .and_then(|l| l.strip_suffix(['）', ')']));
    inner.is_some_and(|i| {
        i.chars().count() <= 40
            && !i.contains(['（', '）', '(', ')'])
            && ["整理", "审阅", "删节", "摘编", "节选", "编者"]
                .iter()
                .any(|w| i.contains(w))
    })
}

/// "（完）", "（全文完）", "【完】", "-END-": the mark a text ends with.
fn is_end_mark(line: &str) -> bool {
    let core: String = line
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')' | '【' | '】' | '-' | '—' | ' '))
        .collect();
    matches!(core.as_str(), "完" | "全文完" | "END" | "end" | "全文结束")
}

fn is_url(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    (l.contains("http://") || l.contains("https://") || l.contains("www."))
        && line.chars().filter(|&c| is_han(c)).count() < 30
}

/// Only digits, Latin letters, spaces and symbols: hit counters, ids, "47 2590692".
fn is_counter(line: &str) -> bool {
    line.chars().any(|c| c.is_ascii_digit())
        && !line.chars().any(is_han)
        && line.chars().count() <= 40
}

/// "- 3 -", "— 3 —", "第3页", "第 3 页 共 10 页", "3/10".
fn is_page_number(line: &str) -> bool {
    let core: String = line
        .chars()
        .filter(|c| !matches!(c, '-' | '—' | '－' | ' ' | '/' | '／'))
        .collect();
    if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) && core.len() <= 4 {
        return true;
    }
    let stripped: String = core
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '第' | '页' | '共'))
        .collect();
    stripped.is_empty() && core.contains('页') && core.chars().any(|c| c.is_ascii_digit())
}

/// "首页 > 工作范文 > 讲话稿 >", "当前位置：首页 » 讲话".
fn is_breadcrumb(line: &str) -> bool {
    let seps = line
        .chars()
        .filter(|c| matches!(c, '>' | '＞' | '»' | '›' | '→'))
        .count();
    let len = line.chars().count();
    (seps >= 2 && len <= 80)
        || (seps >= 1 && len <= 80 && (line.starts_with("首页") || line.contains("位置")))
}

/// A contact cue with a number, or in label form ("QQ群：", "微信：") as on a web page.
fn is_contact(line: &str) -> bool {
    let labelled = line.contains("群：") || line.contains("群:");
    (has_any(line, CONTACT_CUES) && (longest_digit_run(line) >= 5 || line.contains('：')))
        || labelled
}

/// "时间：2022-04-22 02:26:00", "网友发表时间 2590692", "来源：某某网 作者：某某".
fn is_byline(line: &str) -> bool {
    let len = line.chars().count();
    if len > 50 {
        return false;
    }
    let has_digits = line.chars().any(|c| c.is_ascii_digit());
    let labelled_source = ["来源", "作者", "编辑", "责编", "出处"]
        .iter()
        .any(|k| line.contains(&format!("{k}：")) || line.contains(&format!("{k}:")));
    let no_sentence = !line.contains('。');
    (has_any(line, BYLINE_CUES) && has_digits && no_sentence)
        || labelled_source
        || (has_clock_time(line) && no_sentence)
}

/// hh:mm as in a web timestamp.
fn has_clock_time(line: &str) -> bool {
    let b: Vec<char> = line.chars().collect();
    b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && matches!(w[2], ':' | '：')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

fn longest_digit_run(line: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in line.chars() {
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_clutter_is_recognised_by_shape() {
        for l in [
            "首页 > 工作范文 > 讲话稿/演讲 >",
            "时间：2022-04-22 02:26:00",
            "网友发表时间 2590692",
            "47 2590692",
            "会员群： 免费QQ群：",
            "相关推荐",
            "- 3 -",
            "第 2 页 共 5 页",
            "本文来源：某某网 作者：王五",
            "更多范文请访问 www.example.com",
            "扫码关注公众号获取全文",
            "本文仅供参考，请勿转载",
            "本站文档均为网友上传",
            "开通会员免费下载全文",
            "（根据录音整理，未经本人审阅）",
            "（有删节）",
            "（完）",
            "【全文完】",
            "· 市直机关工委书记在机关党组织书记述职评议会上的讲话",
            "● 2026年市直机关党建工作要点（全文）",
            "上一篇：在全市纪检监察工作会议上的讲话    下一篇：在全市组织工作会议上的讲话",
            "Copyright © 2018-2026 某某范文网 All Rights Reserved",
            "版权声明：本站文章均来自网友投稿或网络整理，版权归原作者所有。",
        ] {
            assert!(clutter_reason(l).is_some(), "{l}");
        }
    }

    #[test]
    fn speech_lines_are_not_clutter() {
        for l in [
            "同志们：",
            "一、要突出政治引领，彰显政治优势",
            "在2024年机关党建工作质量提升推进会上的讲话稿",
            "谢谢大家！",
            "团青组织要紧紧抓住青年人的思想，了解关心他们关注的热点动态；工会、妇女组织要为干部多办实事，努力营造生动活泼的浓厚氛围。",
            "（2023年6月30日）",
            "以上意见，仅供参考。",
            "三、关心关爱工会会员",
            "（二）用好微信公众号等新媒体平台",
            "（2023年6月30日，根据会议安排）",
            "（一）认真整理档案资料",
            "（一）认真整理档案资料（试行）",
            "● 坚持党建引领，推动机关工作高质量发展",
        ] {
            assert_eq!(clutter_reason(l), None, "{l}");
        }
    }
}
