//! Markup that Markdown and blog exports leave around a speech: YAML front matter,
//! HTML comments (`<!--more-->` marks where a blog cuts its excerpt, even inside a word),
//! horizontal rules. Removed before anything else looks at the lines, each with a reason.

use crate::core::parse::speech::Dropped;
use crate::core::parse::title_block::SENTENCE_END;

/// Lines with markup removed, each with its 1-based line number in the file.
#[derive(Debug, Default)]
pub struct Unmarked {
    pub lines: Vec<String>,
    pub line_no: Vec<usize>,
    pub dropped: Vec<Dropped>,
}

/// Removes front matter, comments and rules from normalised lines.
pub fn unmark(lines: Vec<String>) -> Unmarked {
    let mut out = Unmarked::default();
    let front = front_matter_end(&lines);
    let mut in_comment = false;
    // A line that was only a comment: the text around it may be one paragraph cut in two.
    let mut glue = false;
    // No blank line between the comment and the text on either side: one paragraph, as
    // Markdown reads lines that follow each other.
    let mut tight = false;
    let mut blank_since_text = false;
    for (i, line) in lines.into_iter().enumerate() {
        let no = i + 1;
        if front.is_some_and(|end| i <= end) {
            out.drop(no, line, "Markdown 文件头（front matter）");
            continue;
        }
        let had_comment = in_comment || line.contains("<!--");
        let text = if had_comment {
            strip_comments(&line, &mut in_comment)
        } else {
            line.clone()
        };
        if had_comment && text.trim().is_empty() {
            if !line.is_empty() {
                out.drop(no, line, "HTML 注释");
            }
            tight = !glue && !blank_since_text || glue && tight;
            glue = true;
            blank_since_text = false;
            continue;
        }
        if is_rule(&text) {
            out.drop(no, line, "Markdown 分隔线");
            continue;
        }
        if text.is_empty() {
            blank_since_text = true;
            out.lines.push(text);
            out.line_no.push(no);
            continue;
        }
        let within = std::mem::take(&mut tight) && !blank_since_text;
        blank_since_text = false;
        if std::mem::take(&mut glue) && out.rejoin(&text, within) {
            continue;
        }
        out.lines.push(text);
        out.line_no.push(no);
    }
    out
}

impl Unmarked {
    fn drop(&mut self, line: usize, text: String, reason: &str) {
        self.dropped.push(Dropped {
            line,
            text,
            reason: reason.to_string(),
        });
    }

    /// Appends `text` to the last line of text when a comment cut its paragraph there
    /// (`within`: no blank line around the comment), or cut a sentence; the blank lines
    /// around the comment go too.
    fn rejoin(&mut self, text: &str, within: bool) -> bool {
        let Some(last) = self.lines.iter().rposition(|l| !l.is_empty()) else {
            return false;
        };
        let ends = self.lines[last].ends_with(SENTENCE_END);
        if !within && ends || self.lines[last].chars().count() < 2 {
            return false;
        }
        self.lines.truncate(last + 1);
        self.line_no.truncate(last + 1);
        self.lines[last].push_str(text.trim_start());
        true
    }
}

/// Index of the closing `---` of YAML front matter opening the file.
fn front_matter_end(lines: &[String]) -> Option<usize> {
    let start = lines.iter().position(|l| !l.is_empty())?;
    if lines[start] != "---" {
        return None;
    }
    let end = (start + 1..lines.len().min(start + 60))
        .find(|&j| lines[j] == "---" || lines[j] == "...")?;
    // Front matter is `key: value` lines; a rule above a speech is followed by prose.
    let keyed = lines[start + 1..end]
        .iter()
        .filter(|l| !l.is_empty())
        .all(|l| l.contains(':') || l.contains('：') || l.starts_with('-') || l.starts_with(' '));
    keyed.then_some(end)
}

/// The line without its comments; `in_comment` carries an open comment to the next line.
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(e) => {
                    rest = &rest[e + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        }
        match rest.find("<!--") {
            Some(s) => {
                out.push_str(&rest[..s]);
                rest = &rest[s + 4..];
                *in_comment = true;
            }
            None => {
                out.push_str(rest);
                return out.trim().to_string();
            }
        }
    }
}

/// "---", "***", "* * *", "___": a Markdown horizontal rule.
fn is_rule(line: &str) -> bool {
    let Some(first) = line.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    line.chars().filter(|&c| c != ' ').count() >= 3 && line.chars().all(|c| c == first || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn front_matter_comments_and_rules_go() {
        let u = unmark(lines(
            "---\ntitle: 讲话\ndate: 2024-01-01\n---\n标题\n要坚<!--more-->持学习。\n<!-- 注 -->\n正文。\n***\n完。",
        ));
        // The lines around a comment with no blank line are one Markdown paragraph.
        assert_eq!(u.lines, vec!["标题", "要坚持学习。正文。", "完。"]);
        assert_eq!(u.line_no, vec![5, 6, 10]);
        let reasons: Vec<usize> = u.dropped.iter().map(|d| d.line).collect();
        assert_eq!(reasons, vec![1, 2, 3, 4, 7, 9]);
    }

    #[test]
    fn a_comment_between_halves_of_a_word_rejoins_them() {
        let u = unmark(lines(
            "我们要始终坚\n\n<!--more-->\n\n持以人民为中心。\n下一段。",
        ));
        assert_eq!(u.lines, vec!["我们要始终坚持以人民为中心。", "下一段。"]);
        // Between paragraphs the comment only goes; inside one, the lines join.
        let u = unmark(lines("第一段。\n\n<!--more-->\n\n第二段。"));
        assert_eq!(u.lines, vec!["第一段。", "", "", "第二段。"]);
        let u = unmark(lines("第一句。\n<!--more-->\n第二句。"));
        assert_eq!(u.lines, vec!["第一句。第二句。"]);
    }
}
