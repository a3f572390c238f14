//! A word list indexed by first character: the specifics scans ask "which word of this
//! list starts here?" at most characters of every paragraph, and scanning a whole list
//! (decoding each word's characters) for every such question was a third of mining.

use std::ops::Deref;

use rustc_hash::FxHashMap;
use serde::Deserialize;

/// A word's characters and its index in the list.
type Entry = (Box<[char]>, usize);

/// Words as the lexicon file lists them, and the same words by first character.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct WordList {
    words: Vec<String>,
    /// Per first character: each word's characters and its index in `words`, longest
    /// first, so the first match is the longest.
    by_first: FxHashMap<char, Vec<Entry>>,
}

impl From<Vec<String>> for WordList {
    fn from(words: Vec<String>) -> Self {
        let mut by_first: FxHashMap<char, Vec<Entry>> = FxHashMap::default();
        for (i, w) in words.iter().enumerate() {
            let chars: Box<[char]> = w.chars().collect();
            if let Some(&first) = chars.first() {
                by_first.entry(first).or_default().push((chars, i));
            }
        }
        for v in by_first.values_mut() {
            // Stable: of two words of one length the first listed is found first.
            v.sort_by_key(|(c, _)| std::cmp::Reverse(c.len()));
        }
        WordList { words, by_first }
    }
}

impl<S: Into<String>, const N: usize> From<[S; N]> for WordList {
    fn from(words: [S; N]) -> Self {
        words.into_iter().map(Into::into).collect::<Vec<_>>().into()
    }
}

impl Deref for WordList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.words
    }
}

impl WordList {
    /// The longest word of the list that starts at char `at` of `c`.
    pub fn at(&self, c: &[char], at: usize) -> Option<&str> {
        self.entry_at(c, at).map(|(_, i)| self.words[*i].as_str())
    }

    /// The length in characters of the longest word that starts at char `at`.
    pub fn len_at(&self, c: &[char], at: usize) -> Option<usize> {
        self.entry_at(c, at).map(|(w, _)| w.len())
    }

    fn entry_at(&self, c: &[char], at: usize) -> Option<&Entry> {
        let rest = c.get(at..)?;
        self.by_first
            .get(rest.first()?)?
            .iter()
            .find(|(w, _)| rest.starts_with(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_word_at_a_place_is_found() {
        let l = WordList::from(["组织", "组织部", "部", "机关"]);
        let c: Vec<char> = "市委组织部机关".chars().collect();
        assert_eq!(l.at(&c, 2), Some("组织部"));
        assert_eq!(l.len_at(&c, 2), Some(3));
        assert_eq!(l.at(&c, 5), Some("机关"));
        assert_eq!(l.at(&c, 0), None);
        assert_eq!(l.at(&c, 7), None);
        assert_eq!(l.at(&c, 99), None);
        let c: Vec<char> = "组织".chars().collect();
        assert_eq!(
            l.at(&c, 0),
            Some("组织"),
            "a word cut short by the text's end"
        );
        assert_eq!(l.len(), 4);
    }
}
