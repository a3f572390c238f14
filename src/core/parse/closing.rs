//! Where a speech's closing starts, in the paragraphs after its last heading (or in the
//! opening of a speech without headings).
//!
//! A closing is short and comes last: an address to the audience or a summing-up in the
//! middle of the last section is the speaker turning to the room, not the end.

/// Most paragraphs a closing runs to, sign-off included.
const MAX_CLOSING: usize = 4;

/// Index of the first paragraph (from `from`, and within the last `MAX_CLOSING`) that
/// opens a closing; failing that, a final sign-off ("谢谢大家！") alone.
pub fn closing_start(paras: &[String], from: usize) -> Option<usize> {
    let window = from.max(paras.len().saturating_sub(MAX_CLOSING));
    let start = (window..paras.len()).find(|&j| opens_closing(&paras[j], paras.len() - j));
    start.or_else(|| {
        let last = paras.len().checked_sub(1)?;
        (last >= from && is_sign_off(&paras[last])).then_some(last)
    })
}

/// Whether paragraph `p`, with `left` paragraphs from it to the end, opens a closing.
fn opens_closing(p: &str, left: usize) -> bool {
    if ["让我们", "预祝", "衷心祝愿", "祝愿"]
        .iter()
        .any(|w| p.starts_with(w))
    {
        return true;
    }
    // A summing-up is the closing only near the very end; earlier it sums up a point.
    if ["总之", "总而言之"].iter().any(|w| p.starts_with(w)) {
        return left <= 2;
    }
    // A short summing-up of what was said: "以上意见，仅供参考。", "以上几点，请认真落实。"
    if p.starts_with("以上") && p.chars().count() <= 40 {
        return true;
    }
    // "最后，希望大家…", "最后，预祝…": the last word of the speech, not its last point.
    if let Some(rest) = p.strip_prefix("最后") {
        let first: String = rest.chars().take(30).collect();
        return [
            "希望",
            "祝",
            "让我们",
            "同志们",
            "大家",
            "共同",
            "谢谢",
            "强调",
            "提醒",
        ]
        .iter()
        .any(|w| first.contains(w));
    }
    let cut = p.find(['，', '！']).unwrap_or(p.len());
    let head = &p[..cut];
    head.chars().count() <= 10
        && ["同志们", "同学们", "朋友们", "各位", "战友们", "青年们"]
            .iter()
            .any(|a| head.contains(a))
}

/// "谢谢大家！", "我就讲这些。"
fn is_sign_off(p: &str) -> bool {
    let short = p.chars().count() <= 20;
    short
        && (p.starts_with("谢谢")
            || ["讲这些", "讲这么多", "讲到这里", "说这些"]
                .iter()
                .any(|w| p.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_closing_is_short_and_last() {
        let body = "要把各项工作抓紧抓实，确保取得实效。";
        let p = v(&[body, "同志们，这项工作很重要。", body, body, body, body]);
        assert_eq!(closing_start(&p, 1), None);
        let p = v(&[body, body, "同志们，任务光荣而艰巨。", "谢谢大家！"]);
        assert_eq!(closing_start(&p, 1), Some(2));
        let p = v(&[body, "最后，预祝本次会议圆满成功！"]);
        assert_eq!(closing_start(&p, 1), Some(1));
        let p = v(&[body, "最后，要建立长效机制，定期开展督查。"]);
        assert_eq!(closing_start(&p, 1), None);
        let p = v(&[body, "总之，要把握好节奏。", body, body]);
        assert_eq!(closing_start(&p, 1), None);
        let p = v(&[body, body, "谢谢大家！"]);
        assert_eq!(closing_start(&p, 1), Some(2));
    }
}
