//! How a query and a candidate are compared: text without punctuation, and which of the
//! query's terms a hit matched.

/// Text without punctuation and quotation marks.
pub fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The query terms whose bits are set in `m` (a hit's mask of matched terms; terms past
/// the 64th are never in a mask).
pub fn matched_terms(terms: &[String], m: u64) -> Vec<String> {
    terms
        .iter()
        .enumerate()
        .filter(|(t, _)| *t < 64 && m & (1 << t) != 0)
        .map(|(_, w)| w.clone())
        .collect()
}
