//! A set of characters answered by one bit test: the scans of mining ask "is this one
//! of these characters?" of nearly every word, where a hash lookup or a search of a list
//! would cost more than the rest of the test.

/// Characters of the Basic Multilingual Plane (nearly all Chinese text) as bits; the few
/// beyond it in a short list.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CharSet {
    /// 1,024 words of 64 bits once a BMP character is added; empty before.
    bmp: Vec<u64>,
    other: Vec<char>,
}

impl CharSet {
    pub fn insert(&mut self, c: char) {
        let n = c as usize;
        if n < 0x10000 {
            if self.bmp.is_empty() {
                self.bmp = vec![0; 0x10000 / 64];
            }
            self.bmp[n / 64] |= 1 << (n % 64);
        } else if !self.other.contains(&c) {
            self.other.push(c);
        }
    }

    pub fn contains(&self, c: char) -> bool {
        let n = c as usize;
        if n < 0x10000 {
            self.bmp
                .get(n / 64)
                .is_some_and(|w| w & (1 << (n % 64)) != 0)
        } else {
            self.other.contains(&c)
        }
    }
}

impl Extend<char> for CharSet {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        for c in chars {
            self.insert(c);
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> Self {
        let mut set = CharSet::default();
        set.extend(chars);
        set
    }
}

impl std::fmt::Debug for CharSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bmp = self
            .bmp
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum::<usize>();
        write!(f, "CharSet({} characters)", bmp + self.other.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_exactly_what_was_added() {
        let added = ['\0', 'a', '党', '\u{FFFF}', '𠀀', '\u{10FFFF}'];
        let set: CharSet = added.into_iter().collect();
        for c in added {
            assert!(set.contains(c), "{c:?}");
        }
        for c in ['b', '的', '\u{FFFE}', '𠀁', '\u{10000}'] {
            assert!(!set.contains(c), "{c:?}");
        }
        assert!(!CharSet::default().contains('党'));
        assert_eq!(format!("{set:?}"), "CharSet(6 characters)");
    }
}
