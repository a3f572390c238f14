//! From normalised lines to the speech's own text: finds the title block and the end of
//! the speech, drops everything around them and every clutter-shaped line in between
//! (each with a reason), and rejoins lines broken mid-sentence.

use crate::core::clutter::clutter_reason;
use crate::core::speech::Dropped;
use crate::core::text::{fullwidth_punct, is_han};
use crate::core::{marker, run_in};

/// A paragraph of the body with the file line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub line: usize,
    pub text: String,
}

/// The cleaned speech, before its outline is recovered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub meta: Vec<String>,
    pub salutation: Option<String>,
    pub body: Vec<Para>,
    pub dropped: Vec<Dropped>,
}

/// Sentence-final punctuation: a line ending in one of these is not broken mid-sentence.
const SENTENCE_END: &[char] = &[
    '。', '！', '？', '；', '：', '…', '”', '’', '」', '』', '）', '!', '?', ';',
];

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
];

pub fn clean(lines: &[String]) -> Cleaned {
    // A title run into the salutation becomes two lines; `line_no` keeps each line's
    // number in the file.
    let mut split: Vec<String> = Vec::with_capacity(lines.len());
    let mut line_no: Vec<usize> = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let l = fullwidth_punct(strip_markdown(l));
        match run_in::split_title_salutation(&l) {
            Some((title, rest)) => {
                split.extend([title, rest]);
                line_no.extend([i + 1, i + 1]);
            }
            None => {
                split.push(l);
                line_no.push(i + 1);
            }
        }
    }
    let lines = split;
    let mut out = Cleaned::default();
    if lines.iter().all(|l| l.is_empty()) {
        return out;
    }
    // Shape verdicts once per line.
    let verdict: Vec<Option<&'static str>> = lines.iter().map(|l| clutter_reason(l)).collect();
    let drop = |out: &mut Cleaned, i: usize, reason: &str| {
        out.dropped.push(Dropped {
            line: line_no[i],
            text: lines[i].clone(),
            reason: reason.to_string(),
        });
    };

    // 1. The salutation, or failing that the first paragraph of prose, anchors the start.
    let salutation =
        (0..lines.len()).find(|&i| verdict[i].is_none() && salutation_len(&lines[i]).is_some());
    let first_prose = (0..lines.len()).find(|&i| verdict[i].is_none() && is_prose(&lines[i]));
    let anchor = match (salutation, first_prose) {
        // Prose well above the "salutation" means it is an address inside the speech.
        (Some(s), Some(p)) if prose_lines_before(&lines, s) >= 3 => p,
        (Some(s), _) => s,
        (None, Some(p)) => p,
        (None, None) => 0,
    };

    // 2. Walk back from the anchor: meta lines, subtitle, then the title.
    let mut title_idx = None;
    let mut block: Vec<usize> = Vec::new();
    let mut i = anchor;
    while i > 0 {
        i -= 1;
        let l = &lines[i];
        if l.is_empty() || verdict[i].is_some() {
            continue;
        }
        if is_subtitle(l) && out.subtitle.is_none() && title_idx.is_none() {
            out.subtitle = Some(strip_dashes(l));
            block.push(i);
            continue;
        }
        if is_meta_line(l) && title_idx.is_none() && out.subtitle.is_none() {
            out.meta.insert(0, l.clone());
            block.push(i);
            continue;
        }
        if is_title_like(l) {
            title_idx = Some(i);
            out.title = Some(l.clone());
        }
        break;
    }
    // A short title ("党课讲稿") reads like a speaker line; with nothing above it, it is the title.
    if title_idx.is_none()
        && let Some(pos) = out.meta.iter().position(|m| !m.contains('年'))
    {
        let t = out.meta.remove(pos);
        title_idx = block.iter().copied().find(|&b| lines[b] == t);
        out.title = Some(t);
    }
    let head_start = title_idx.or(block.iter().min().copied()).unwrap_or(anchor);

    // 3. The end of the speech: the last line that ends a sentence.
    let end = (0..lines.len())
        .rev()
        .find(|&i| i >= anchor && verdict[i].is_none() && ends_sentence(&lines[i]))
        .unwrap_or(lines.len().saturating_sub(1));

    // 4. Drop the header and footer, keep the body.
    for i in 0..head_start {
        if lines[i].is_empty() {
            continue;
        }
        let reason = if out.title.as_deref() == Some(lines[i].as_str()) {
            "重复的页面标题"
        } else {
            verdict[i].unwrap_or("标题之前的非正文内容")
        };
        drop(&mut out, i, reason);
    }
    for i in head_start..=end.min(lines.len().saturating_sub(1)) {
        if lines[i].is_empty() || Some(i) == title_idx || block.contains(&i) {
            continue;
        }
        if let Some(reason) = verdict[i] {
            drop(&mut out, i, reason);
        }
    }
    for i in end + 1..lines.len() {
        if !lines[i].is_empty() {
            drop(
                &mut out,
                i,
                verdict[i].unwrap_or("正文结束之后的非正文内容"),
            );
        }
    }

    // 5. The body: lines after the title block, rejoined into paragraphs.
    let mut body_lines: Vec<(usize, String)> = Vec::new();
    for i in head_start..=end.min(lines.len().saturating_sub(1)) {
        if Some(i) == title_idx || block.contains(&i) || verdict[i].is_some() {
            continue;
        }
        body_lines.push((line_no[i], lines[i].clone()));
    }
    // A body run together into one paragraph is split back at its headings.
    let mut body: Vec<Para> = rejoin(&body_lines)
        .into_iter()
        .flat_map(|p| {
            run_in::split_run_in(&p.text)
                .into_iter()
                .map(move |text| Para { line: p.line, text })
        })
        .collect();

    // 6. The salutation is the first paragraph, or opens it ("同志们：今天…").
    if let Some(first) = body.first_mut()
        && let Some(n) = salutation_len(&first.text)
    {
        out.salutation = Some(first.text[..n].to_string());
        let rest = first.text[n..].trim().to_string();
        if rest.is_empty() {
            body.remove(0);
        } else {
            first.text = rest;
        }
    }
    out.body = body;
    out.dropped.sort_by_key(|d| d.line);
    out
}

/// Markdown around a heading, as text copied out of an editor or some web pages has it:
/// "## 一、…" loses its hashes, "**（一）加强学习**" its asterisks. Asterisks are kept
/// unless a section marker follows them, since ** is also a blank ("**同志").
fn strip_markdown(line: &str) -> &str {
    let mut l = line;
    let unhashed = l.trim_start_matches('#');
    if unhashed.len() < l.len() && unhashed.starts_with(' ') {
        l = unhashed.trim_start();
    }
    for mark in ["**", "__"] {
        if let Some(inner) = l.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && marker::parse(inner).is_some()
            && !inner.contains(mark)
        {
            l = inner;
        }
    }
    l
}

fn prose_lines_before(lines: &[String], salutation: usize) -> usize {
    lines[..salutation]
        .iter()
        .filter(|l| is_prose(l) && clutter_reason(l).is_none())
        .count()
}

/// Byte length of a salutation at the start of a line ("同志们：", "各位领导、同志们："),
/// including its colon.
pub fn salutation_len(line: &str) -> Option<usize> {
    let colon = line.find('：')?;
    let head = &line[..colon];
    let n = head.chars().count();
    if n == 0 || n > 30 || head.contains(['。', '！', '？']) {
        return None;
    }
    // An address list: every part short and naming an audience — "各位领导、同志们",
    // "尊敬的各位来宾，朋友们" — never a sentence such as "同志们，下面我讲三点意见".
    let parts: Vec<&str> = head
        .split(['、', '，', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let ok = !parts.is_empty()
        && parts
            .iter()
            .all(|p| p.chars().count() <= 12 && ADDRESSEES.iter().any(|a| p.contains(a)));
    ok.then_some(colon + '：'.len_utf8())
}

/// A line of running text: long and with sentence punctuation.
fn is_prose(line: &str) -> bool {
    line.chars().count() >= 40 && line.contains(['。', '，', '；'])
}

fn ends_sentence(line: &str) -> bool {
    line.chars().count() >= 2 && line.ends_with(SENTENCE_END)
}

/// "——在全市组织工作会议上的讲话".
fn is_subtitle(line: &str) -> bool {
    line.starts_with(['—', '－', '-', '―']) && line.chars().any(is_han)
}

fn strip_dashes(line: &str) -> String {
    line.trim_start_matches(['—', '－', '-', '―', ' '])
        .to_string()
}

/// Posts that open a speaker line under a title.
const SPEAKER_POSTS: &[&str] = &[
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
];

/// Date and speaker lines under a title: "（2023年6月30日）", "2023年6月30日", "张三",
/// "市委书记 张三".
fn is_meta_line(line: &str) -> bool {
    let n = line.chars().count();
    if n > 30 || line.ends_with(SENTENCE_END) && !line.ends_with('）') {
        return false;
    }
    let inner = line
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let is_date = inner.contains('年') && inner.contains('日')
        || inner.chars().filter(|c| c.is_ascii_digit()).count() >= 4
            && inner.contains(['月', '-', '.', '/']);
    let plain =
        !line.contains(['，', '。', '：', '“']) && !line.contains("讲话") && !line.contains("会议");
    // "王某某", "张三同志", "市委常委、秘书长　王某某": a name, or a post then a name.
    let short_name = plain && n <= 8;
    let post_and_name = plain
        && n <= 30
        && SPEAKER_POSTS.iter().any(|p| line.contains(p))
        && (line.contains(' ')
            || line.ends_with("同志")
            || line.chars().last().is_some_and(is_han));
    is_date || short_name || post_and_name
}

/// A title: not too long, no sentence inside, not a section marker.
fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    (2..=80).contains(&n)
        && !line.contains('。')
        && !line.ends_with(['，', '；', '：'])
        && marker::parse(line).is_none()
        && salutation_len(line).is_none()
}

/// Joins lines broken mid-sentence. A blank line always ends a paragraph; a line that
/// ends a sentence, is a heading (opens with a marker and stands alone) or is short and
/// unpunctuated ends one too.
fn rejoin(lines: &[(usize, String)]) -> Vec<Para> {
    let wrap = wrap_width(lines);
    let mut out: Vec<Para> = Vec::new();
    let mut open = false; // whether the last paragraph may continue on the next line
    for (no, text) in lines {
        if text.is_empty() {
            open = false;
            continue;
        }
        let starts_marker = marker::parse(text).is_some();
        let starts_salutation = salutation_len(text).is_some();
        if open
            && !starts_marker
            && !starts_salutation
            && let Some(last) = out.last_mut()
        {
            if last.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && text.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                last.text.push(' ');
            }
            last.text.push_str(text);
        } else {
            out.push(Para {
                line: *no,
                text: text.clone(),
            });
        }
        let last = &out.last().expect("just pushed or extended").text;
        open = may_continue(last, text.chars().count(), wrap);
    }
    out
}

/// Whether a paragraph so far looks cut off: it does not end a sentence, is not a
/// stand-alone heading, and either ends in mid-sentence punctuation or is as long as a
/// wrapped line.
/// Whether a paragraph so far (whose last line had `line_len` characters) looks cut off.
/// In hard-wrapped text a line that stops short of the wrap width ends its paragraph.
fn may_continue(text: &str, line_len: usize, wrap: Option<usize>) -> bool {
    if text.ends_with(SENTENCE_END) || salutation_len(text).is_some() {
        return false;
    }
    if text.ends_with(['，', '、', '“', '‘', '（', '—', ',']) {
        return true;
    }
    let fills_line = wrap.map(|w| line_len + 1 >= w);
    if marker::parse(text).is_some() {
        // A heading runs on only when it fills a hard-wrapped line.
        return fills_line.unwrap_or(false);
    }
    fills_line.unwrap_or(text.chars().count() >= 20)
}

/// The width a text was hard-wrapped at, if it was: the most common length of long lines,
/// when at least a third of them have it (give or take one character).
fn wrap_width(lines: &[(usize, String)]) -> Option<usize> {
    let lens: Vec<usize> = lines
        .iter()
        .map(|(_, l)| l.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.len() < 6 {
        return None;
    }
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for &n in &lens {
        *counts.entry(n).or_default() += 1;
    }
    let (&w, _) = counts
        .iter()
        .max_by_key(|&(&n, &c)| (c + counts.get(&(n + 1)).copied().unwrap_or(0), n))?;
    let near = lens.iter().filter(|&&n| n + 1 >= w && n <= w + 1).count();
    (near * 3 >= lens.len()).then_some(w + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        crate::core::text::normalise_lines(s)
    }

    #[test]
    fn markdown_around_headings_is_removed_and_blanks_are_kept() {
        assert_eq!(strip_markdown("## 一、加强学习"), "一、加强学习");
        assert_eq!(strip_markdown("# 在会议上的讲话"), "在会议上的讲话");
        assert_eq!(strip_markdown("**（一）加强学习**"), "（一）加强学习");
        assert_eq!(strip_markdown("__第二，转变作风__"), "第二，转变作风");
        for kept in ["**同志亲自到会讲话", "**同志和**", "#话题#", "**加强学习**"]
        {
            assert_eq!(strip_markdown(kept), kept);
        }
    }

    #[test]
    fn broken_lines_are_rejoined_but_headings_are_not() {
        let c = clean(&lines(
            "关于某事的讲话\n同志们：\n第一，要立根铸魂，突出政治建设\n机关党建为机关工作提供坚强保障。因此，机关党委要把加强自身建设作为重中之重，\n推进学习型机关建设，把部机关打造成“大熔炉”。\n第二，要固本强基\n正文。",
        ));
        let texts: Vec<&str> = c.body.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[0], "第一，要立根铸魂，突出政治建设");
        assert_eq!(
            texts[1],
            "机关党建为机关工作提供坚强保障。因此，机关党委要把加强自身建设作为重中之重，推进学习型机关建设，把部机关打造成“大熔炉”。"
        );
        assert_eq!(texts[2], "第二，要固本强基");
    }

    #[test]
    fn a_heading_wrapped_like_the_text_is_rejoined() {
        let text = "在某会议上的讲话\n同志们：\n今天召开会议，主要任务是总结去年工作，部署今年的\n各项任务。下面，我讲两点意见。这次会议很重要，\n大家要认真领会，抓好贯彻落实，确保取得实效。\n一、统一思想，提高认识，切实增强开展活动的责任\n感和使命感\n思想是行动的先导。要深入开展好这项活动，必须\n充分认识开展这项活动的重要意义，弄清楚为什么\n要开展这项活动。\n二、狠抓落实\n要真抓实干。";
        let c = clean(&lines(text));
        let texts: Vec<&str> = c.body.iter().map(|p| p.text.as_str()).collect();
        assert!(
            texts.contains(&"一、统一思想，提高认识，切实增强开展活动的责任感和使命感"),
            "{texts:?}"
        );
        assert!(texts.contains(&"二、狠抓落实"));
    }

    #[test]
    fn title_block_with_subtitle_and_date_is_metadata() {
        let c = clean(&lines(
            "首页 > 讲话 >\n坚定信心 真抓实干\n——在全市组织工作会议上的讲话\n（2023年2月10日）\n张三\n同志们：\n今天我们召开会议。",
        ));
        assert_eq!(c.title.as_deref(), Some("坚定信心 真抓实干"));
        assert_eq!(c.subtitle.as_deref(), Some("在全市组织工作会议上的讲话"));
        assert_eq!(c.meta, vec!["（2023年2月10日）", "张三"]);
        assert_eq!(c.salutation.as_deref(), Some("同志们："));
        assert_eq!(c.dropped.len(), 1);
        let c = clean(&lines(
            "坚定信心 真抓实干\n——在全市会议上的讲话\n（2023年3月15日）\n市委常委、秘书长\u{3000}王某某\n同志们：\n今天我们召开会议。",
        ));
        assert_eq!(c.title.as_deref(), Some("坚定信心 真抓实干"));
        assert_eq!(c.meta, vec!["（2023年3月15日）", "市委常委、秘书长 王某某"]);
    }

    #[test]
    fn salutations_with_commas_but_not_sentences() {
        assert!(salutation_len("尊敬的各位领导，同志们：").is_some());
        assert!(salutation_len("各位领导、各位来宾、朋友们：").is_some());
        assert_eq!(salutation_len("同志们，下面我讲三点意见："), None);
        assert_eq!(salutation_len("主要有三个方面："), None);
    }

    #[test]
    fn inline_salutation_is_split_off() {
        let c = clean(&lines(
            "在某会上的讲话\n同志们：今天我们在这里召开会议，研究部署工作。",
        ));
        assert_eq!(c.salutation.as_deref(), Some("同志们："));
        assert_eq!(c.body[0].text, "今天我们在这里召开会议，研究部署工作。");
    }
}
