//! From normalised lines to the speech's own text: finds the title block and the end of
//! the speech, drops everything around them and every clutter-shaped line in between
//! (each with a reason), and rejoins lines broken mid-sentence.

use crate::core::parse::clutter::clutter_reason;
pub use crate::core::parse::rejoin::Para;
use crate::core::parse::rejoin::{rejoin, wrap_width};
use crate::core::parse::speech::Dropped;
use crate::core::parse::title_block::{
    ends_sentence, is_body_text, is_meta_line, is_prose, is_subtitle, is_title_like,
    names_a_speech, strip_dashes,
};
use crate::core::parse::{marker, markup, run_in};
use crate::core::text::fullwidth_punct;

use crate::core::parse::title_block::salutation_len;

/// The cleaned speech, before its outline is recovered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Vec<String>,
    pub salutation: Option<String>,
    pub body: Vec<Para>,
    pub dropped: Vec<Dropped>,
}

/// Lines ready for cleaning: markup removed, titles run into salutations split off,
/// each with its line number in the file and its clutter verdict.
#[derive(Debug, Default)]
pub struct Prepared {
    pub lines: Vec<String>,
    pub line_no: Vec<usize>,
    pub verdict: Vec<Option<&'static str>>,
    /// Markup lines removed, for the speech whose lines they sit among.
    pub dropped: Vec<Dropped>,
}

/// Removes markup and splits titles run into salutations.
pub fn prepare(lines: Vec<String>) -> Prepared {
    let u = markup::unmark(lines);
    let mut out = Prepared {
        dropped: u.dropped,
        ..Default::default()
    };
    for (l, no) in u.lines.iter().zip(u.line_no) {
        let l = fullwidth_punct(strip_markdown(l));
        match run_in::split_title_salutation(&l) {
            Some((title, rest)) => {
                out.lines.extend([title, rest]);
                out.line_no.extend([no, no]);
            }
            None => {
                out.lines.push(l);
                out.line_no.push(no);
            }
        }
    }
    out.verdict = out.lines.iter().map(|l| clutter_reason(l)).collect();
    out
}

/// Cleans one speech: the whole of `lines`.
pub fn clean(lines: &[String]) -> Cleaned {
    let p = prepare(lines.to_vec());
    clean_range(&p, 0..p.lines.len(), true)
}

/// Cleans the speech in `range` of the prepared lines; `last` when no speech follows it
/// in the file (markup dropped after the range belongs to it).
pub fn clean_range(p: &Prepared, range: std::ops::Range<usize>, last: bool) -> Cleaned {
    let lines = &p.lines[range.clone()];
    let line_no = &p.line_no[range.clone()];
    let verdict = &p.verdict[range.clone()];
    let mut out = Cleaned {
        dropped: markup_dropped(p, &range, last),
        ..Default::default()
    };
    if lines.iter().all(|l| l.is_empty()) {
        return out;
    }
    let drop = |out: &mut Cleaned, i: usize, reason: &str| {
        out.dropped.push(Dropped {
            line: line_no[i],
            text: lines[i].clone(),
            reason: reason.to_string(),
        });
    };

    let wrap = wrap_width(lines.iter().map(String::as_str));
    let anchor = find_anchor(lines, verdict, wrap);
    let head = title_block(lines, verdict, anchor, &mut out);
    let (end, tail) = speech_end(lines, verdict, anchor);
    out.byline.extend(tail.iter().map(|&i| lines[i].clone()));
    let kept = |i: usize| head.lines.contains(&i) || tail.contains(&i);

    // Drop the header and footer, and clutter in between.
    for i in 0..lines.len() {
        if lines[i].is_empty() || kept(i) {
            continue;
        }
        let reason = if i < head.start {
            if out.title.as_deref() == Some(lines[i].as_str()) {
                "重复的页面标题"
            } else {
                verdict[i].unwrap_or("标题之前的非正文内容")
            }
        } else if i > end {
            verdict[i].unwrap_or("正文结束之后的非正文内容")
        } else if let Some(r) = verdict[i] {
            r
        } else {
            continue;
        };
        drop(&mut out, i, reason);
    }

    // The body: lines after the title block, rejoined into paragraphs; the salutation is
    // the first paragraph, or opens it ("同志们：今天…").
    let mut body = body_paras(
        (head.start..=end)
            .filter(|&i| i < lines.len() && !kept(i) && verdict[i].is_none())
            .map(|i| (line_no[i], lines[i].clone()))
            .collect(),
    );
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

/// The markup lines removed from among the lines of the speech in `range`.
fn markup_dropped(p: &Prepared, range: &std::ops::Range<usize>, last: bool) -> Vec<Dropped> {
    let first_no = match range.start {
        0 => 0,
        s => p.line_no.get(s).copied().unwrap_or(0),
    };
    let end_no = match last {
        true => usize::MAX,
        false => p.line_no.get(range.end).copied().unwrap_or(usize::MAX),
    };
    p.dropped
        .iter()
        .filter(|d| d.line >= first_no && d.line < end_no)
        .cloned()
        .collect()
}

/// Body lines rejoined into paragraphs; a body run together into one paragraph is split
/// back at its headings.
fn body_paras(body_lines: Vec<(usize, String)>) -> Vec<Para> {
    rejoin(&body_lines)
        .into_iter()
        .flat_map(|p| {
            run_in::split_run_in(&p.text)
                .into_iter()
                .map(move |text| Para { line: p.line, text })
        })
        .collect()
}

/// The salutation, or failing that the first paragraph of prose, anchors the start.
fn find_anchor(lines: &[String], verdict: &[Option<&str>], wrap: Option<usize>) -> usize {
    let salutation =
        (0..lines.len()).find(|&i| verdict[i].is_none() && salutation_len(&lines[i]).is_some());
    let first_prose = (0..lines.len()).find(|&i| {
        let next = lines[i + 1..].iter().find(|l| !l.is_empty());
        verdict[i].is_none() && is_body_text(&lines[i], next.map(String::as_str), wrap)
    });
    let prose = match (salutation, first_prose) {
        // Prose well above the "salutation" means it is an address inside the speech.
        (Some(s), Some(p)) if prose_lines_before(lines, s) >= 3 => p,
        (Some(s), _) => return s,
        (None, Some(p)) => p,
        (None, None) => return 0,
    };
    // With no salutation, a short first paragraph or two may sit above the first long one.
    let mut anchor = prose;
    let mut j = prose;
    let mut taken = 0;
    while j > 0 && taken < 3 {
        j -= 1;
        let l = &lines[j];
        if l.is_empty() || verdict[j].is_some() {
            continue;
        }
        if !l.ends_with(['。', '！', '？']) || marker::parse(l).is_some() {
            break;
        }
        anchor = j;
        taken += 1;
    }
    anchor
}

/// The lines of the title block and where it starts.
struct Head {
    start: usize,
    lines: Vec<usize>,
}

/// Walks back from the anchor: byline lines, subtitle, then the title (over one or two
/// lines).
fn title_block(
    lines: &[String],
    verdict: &[Option<&str>],
    anchor: usize,
    out: &mut Cleaned,
) -> Head {
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
            out.byline.insert(0, l.clone());
            block.push(i);
            continue;
        }
        if is_title_like(l) {
            title_idx = Some(i);
            out.title = Some(l.clone());
        } else if block.is_empty() {
            // A short first paragraph above the anchor: the title naming the speech may
            // sit a few lines higher.
            title_idx = title_above(lines, verdict, i);
            out.title = title_idx.map(|t| lines[t].clone());
        }
        break;
    }
    // A short title ("党课讲稿") reads like a speaker line; with nothing above it, it is the title.
    if title_idx.is_none()
        && let Some(pos) = out.byline.iter().position(|m| !m.contains('年'))
    {
        let t = out.byline.remove(pos);
        title_idx = block.iter().copied().find(|&b| lines[b] == t);
        out.title = Some(t);
    }
    if let Some(t) = title_idx
        && let Some(upper) = title_first_line(lines, verdict, t, out.subtitle.is_some())
    {
        if out.subtitle.is_none() && lines[t].starts_with('在') && names_a_speech(&lines[t]) {
            // "坚定信心 真抓实干" over "在全市会议上的讲话": a title and its subtitle.
            out.subtitle = out.title.take();
            block.push(t);
            out.title = Some(lines[upper].clone());
        } else {
            let sep = if lines[upper].contains(' ') { " " } else { "" };
            out.title = Some(format!("{}{sep}{}", lines[upper], lines[t]));
            block.push(t);
        }
        title_idx = Some(upper);
    }
    block.extend(title_idx);
    let start = title_idx.or(block.iter().min().copied()).unwrap_or(anchor);
    Head {
        start,
        lines: block,
    }
}

/// A line naming a speech ("在…上的发言") among the few lines of text above `below`.
fn title_above(lines: &[String], verdict: &[Option<&str>], below: usize) -> Option<usize> {
    (0..below)
        .rev()
        .filter(|&j| !lines[j].is_empty() && verdict[j].is_none())
        .take(3)
        .find(|&j| is_title_like(&lines[j]) && names_a_speech(&lines[j]))
}

/// The line above a title that is its first half: right above it, after a break (so not
/// the last line of a block of page chrome), itself title-like and no date.
fn title_first_line(
    lines: &[String],
    verdict: &[Option<&str>],
    t: usize,
    subtitled: bool,
) -> Option<usize> {
    let mut u = t.checked_sub(1)?;
    let mut after_break = u == 0 || lines[u - 1].is_empty() || verdict[u - 1].is_some();
    // A title of two lines with a blank line between (坚定不移推进全面从严治党 / 为集团…提供
    // 坚强保障 / ——在…上的讲话), as a Word file spaces them: only under a dashed subtitle,
    // and only as the first text of the file.
    if lines[u].is_empty() && subtitled {
        u = u.checked_sub(1)?;
        after_break = (0..u).all(|j| lines[j].is_empty() || verdict[j].is_some());
    }
    let l = &lines[u];
    let fits = l.chars().count() + lines[t].chars().count() <= 60;
    (after_break
        && fits
        && verdict[u].is_none()
        && is_title_like(l)
        && !names_a_speech(l)
        && !l.contains('年')
        && l != &lines[t])
        .then_some(u)
}

/// The last line of the speech (the last that ends a sentence), and the byline lines
/// after it (a speaker or a date under the closing).
fn speech_end(lines: &[String], verdict: &[Option<&str>], anchor: usize) -> (usize, Vec<usize>) {
    let text_end = |upto: usize| {
        (0..upto).rev().find(|&i| {
            // "谢谢大家" ends a speech with or without its exclamation mark.
            let thanks = lines[i].starts_with("谢谢") && lines[i].chars().count() <= 8;
            i >= anchor && verdict[i].is_none() && (ends_sentence(&lines[i]) || thanks)
        })
    };
    let mut end = text_end(lines.len()).unwrap_or(lines.len().saturating_sub(1));
    let mut tail = Vec::new();
    // "（2024年1月5日）" ends like a sentence but is a byline.
    while end > anchor && is_meta_line(&lines[end]) {
        tail.insert(0, end);
        match text_end(end) {
            Some(e) => end = e,
            None => break,
        }
    }
    let after: Vec<usize> = (end + 1..lines.len())
        .filter(|&i| !lines[i].is_empty() && verdict[i].is_none() && !tail.contains(&i))
        .take_while(|&i| is_meta_line(&lines[i]))
        .take(3)
        .collect();
    tail.extend(after);
    tail.sort_unstable();
    (end, tail)
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
    fn a_short_line_in_mid_sentence_runs_on_in_wrapped_blocks() {
        // Paragraphs wrapped at 30 letters with blank lines between; one line of the second
        // stops short in mid-sentence, as a PDF's copy does.
        let wrap = |p: &str| -> String {
            let c: Vec<char> = p.chars().collect();
            c.chunks(30)
                .map(|l| l.iter().collect::<String>() + "\n")
                .collect()
        };
        let first = "今天召开会议，主要任务是总结去年工作，部署今年的各项任务，动员全体党员干部坚定信心、真抓实干，推动工作再上新台阶，为全年目标任务的完成提供坚强保证。";
        let second_a = "要抓早抓小、防微杜渐，对苗头性问题及时咬耳扯袖、红脸出汗，真正使";
        let second_b = "铁规发力、禁令生威。各级党组织要把纪律挺在前面，坚持严字当头，把管党治党的政治责任扛在肩上、抓在手上、落实在行动上，推动全面从严治党向纵深发展。";
        let third = "要强化监督执纪问责，坚持有腐必反、有贪必肃，保持高压态势不放松，以零容忍态度惩治腐败，营造风清气正的良好政治生态，为事业发展提供坚强保障。";
        let body = format!(
            "{}\n{}{}\n{}",
            wrap(first),
            wrap(second_a),
            wrap(second_b),
            wrap(third)
        );
        let c = clean(&lines(&format!("在某会议上的讲话\n\n同志们：\n\n{body}")));
        let texts: Vec<&str> = c.body.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[1], format!("{second_a}{second_b}"));
    }

    #[test]
    fn title_block_with_subtitle_and_date_is_metadata() {
        let c = clean(&lines(
            "首页 > 讲话 >\n坚定信心 真抓实干\n——在全市组织工作会议上的讲话\n（2023年2月10日）\n张三\n同志们：\n今天我们召开会议。",
        ));
        assert_eq!(c.title.as_deref(), Some("坚定信心 真抓实干"));
        assert_eq!(c.subtitle.as_deref(), Some("在全市组织工作会议上的讲话"));
        assert_eq!(c.byline, vec!["（2023年2月10日）", "张三"]);
        assert_eq!(c.salutation.as_deref(), Some("同志们："));
        assert_eq!(c.dropped.len(), 1);
        let c = clean(&lines(
            "坚定信心 真抓实干\n——在全市会议上的讲话\n（2023年3月15日）\n市委常委、秘书长\u{3000}王某某\n同志们：\n今天我们召开会议。",
        ));
        assert_eq!(c.title.as_deref(), Some("坚定信心 真抓实干"));
        assert_eq!(
            c.byline,
            vec!["（2023年3月15日）", "市委常委、秘书长 王某某"]
        );
    }

    #[test]
    fn a_title_over_two_lines_spaced_apart_is_one_title() {
        let c = clean(&lines(
            "坚定不移推进全面从严治党\n\n为集团高质量发展提供坚强保障\n\n——在集团党风廉政建设工作会议上的讲话\n\n（2026年2月26日）\n\n同志们：\n\n今天我们召开会议。",
        ));
        assert_eq!(
            c.title.as_deref(),
            Some("坚定不移推进全面从严治党为集团高质量发展提供坚强保障")
        );
        assert!(c.dropped.is_empty(), "{:?}", c.dropped);
        // A line of text above it is not part of it.
        let c = clean(&lines(
            "本期导读\n这是一段介绍文字，没有句号\n\n为集团高质量发展提供坚强保障\n\n——在集团会议上的讲话\n\n同志们：\n\n今天我们召开会议。",
        ));
        assert_eq!(c.title.as_deref(), Some("为集团高质量发展提供坚强保障"));
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
