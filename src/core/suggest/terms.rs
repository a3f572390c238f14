//! How a query and a candidate are compared: text without punctuation, and which of the
//! query's terms a hit matched.

/// Text without punctuation and quotation marks.
pub fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The query terms whose bits are set in `m` (a hit's mask of matched terms; terms past
/// the 64th are never in a mask). A term inside another matched one (正风 of 正风肃纪, a
/// span of a word jieba did not know) is left out: the reason names each word once.
pub fn matched_terms(terms: &[String], m: u64) -> Vec<String> {
    let hit: Vec<&String> = terms
        .iter()
        .enumerate()
        .filter(|(t, _)| *t < 64 && m & (1 << t) != 0)
        .map(|(_, w)| w)
        .collect();
    hit.iter()
        .filter(|w| {
            !hit.iter()
                .any(|o| o.len() > w.len() && o.contains(w.as_str()))
        })
        .map(|w| (*w).clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_inside_a_matched_word_is_not_named_again() {
        let terms: Vec<String> = ["正风肃纪", "正风", "风肃", "监督", "肃纪"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(matched_terms(&terms, 0b11111), ["正风肃纪", "监督"]);
        assert_eq!(matched_terms(&terms, 0b00110), ["正风", "风肃"]);
    }
}
