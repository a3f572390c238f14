//! Where a section's heading ends in its paragraph: a heading standing alone, or the first
//! sentence of the paragraph it opens.

/// A stand-alone heading is the whole paragraph; a heading that opens a paragraph is its
/// first sentence, and the rest is the section's first paragraph.
pub fn split_heading(text: &str) -> (String, Option<String>) {
    let text = text.trim_start_matches(['，', '、', '：', ' ']);
    // "加强学习 要认真学习，…。": a space ends a heading that a sentence follows on its line
    // (a web page's bold heading lost its style); "坚定信心 真抓实干" stays one heading.
    if let Some(end) = first_sentence_end(text)
        && let Some(space) = text[..end].rfind(' ')
    {
        let (head, rest) = (&text[..space], &text[space + 1..end]);
        let body_like = rest.chars().count() >= 12 && rest.contains('，');
        if body_like && (2..=40).contains(&head.chars().count()) {
            return (head.to_string(), Some(text[space + 1..].trim().to_string()));
        }
    }
    match first_sentence_end(text) {
        Some(end) if end < text.len() => {
            if let Some(split) = echoed_heading(text, end) {
                return split;
            }
            let (head, rest) = text.split_at(end);
            let rest = rest.trim();
            (
                head.trim_end_matches('。').to_string(),
                (!rest.is_empty()).then(|| rest.to_string()),
            )
        }
        // A stand-alone heading may end with a full stop or a colon introducing its body.
        _ => (text.trim_end_matches(['。', '：']).to_string(), None),
    }
}

/// "强化理论武装，各级党组织要…。…。切实做到强化理论武装。": the paragraph ends by
/// repeating its opening phrase (首尾呼应), so that phrase alone is the heading and the
/// rest of the first sentence is body text. `end` is where the first sentence ends.
fn echoed_heading(text: &str, end: usize) -> Option<(String, Option<String>)> {
    let comma = text[..end].find('，')?;
    let phrase = &text[..comma];
    if !(4..=16).contains(&phrase.chars().count()) {
        return None;
    }
    let body = text[comma + '，'.len_utf8()..].trim();
    // The last sentence, when there is more than one.
    let trimmed = body.trim_end_matches(['。', '！', '？']);
    let last = &trimmed[trimmed.rfind(['。', '！', '？'])? + '。'.len_utf8()..];
    last.contains(phrase)
        .then(|| (phrase.to_string(), Some(body.to_string())))
}

/// Byte offset just after the first 。！？ that is not inside quotation marks.
pub fn first_sentence_end(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '‘' | '「' | '《' => depth += 1,
            '”' | '’' | '」' | '》' => depth = (depth - 1).max(0),
            '。' | '！' | '？' if depth == 0 => return Some(i + c.len_utf8()),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_split_respects_quotes() {
        let (h, rest) = split_heading("强化政治引领，带头做到“两个维护。”。新成立的");
        assert_eq!(h, "强化政治引领，带头做到“两个维护。”");
        assert_eq!(rest.as_deref(), Some("新成立的"));
        assert_eq!(
            split_heading("要突出政治引领，彰显政治优势"),
            ("要突出政治引领，彰显政治优势".into(), None)
        );
        assert_eq!(
            split_heading("加强学习 要认真学习领会，结合实际抓好落实。再学。"),
            (
                "加强学习".into(),
                Some("要认真学习领会，结合实际抓好落实。再学。".into())
            )
        );
        assert_eq!(
            split_heading(
                "强化理论武装，各级党组织要坚持读原著学原文。要学深悟透。这就是强化理论武装。"
            ),
            (
                "强化理论武装".into(),
                Some("各级党组织要坚持读原著学原文。要学深悟透。这就是强化理论武装。".into())
            )
        );
        for whole in ["坚定信心 真抓实干", "坚定信心 真抓实干。要学。"] {
            assert!(
                split_heading(whole).0.starts_with("坚定信心 真抓实干"),
                "{whole}"
            );
        }
    }
}
