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

/// A filter of leading character pairs: a word whose first two characters were never
/// added is surely not one of the words added; one whose pair was may be (pairs share
/// 65,536 bits, so a few hundred words leave nearly all others out).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PairFilter {
    bits: Vec<u64>,
}

impl PairFilter {
    fn bit(a: char, b: char) -> usize {
        let h = ((a as u32).wrapping_mul(0x9E37_79B9) ^ b as u32).wrapping_mul(0x85EB_CA6B);
        (h >> 16) as usize
    }

    pub fn insert(&mut self, a: char, b: char) {
        if self.bits.is_empty() {
            self.bits = vec![0; 0x10000 / 64];
        }
        let n = Self::bit(a, b);
        self.bits[n / 64] |= 1 << (n % 64);
    }

    pub fn may_contain(&self, a: char, b: char) -> bool {
        let n = Self::bit(a, b);
        self.bits
            .get(n / 64)
            .is_some_and(|w| w & (1 << (n % 64)) != 0)
    }
}

impl std::fmt::Debug for PairFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.bits.iter().map(|w| w.count_ones()).sum::<u32>();
        write!(f, "PairFilter({n} bits)")
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

    #[test]
    fn pair_filter_keeps_every_pair_added_and_few_others() {
        let words = ["党建", "从严", "治党", "作风", "纪律", "学习", "𠀀党"];
        let mut f = PairFilter::default();
        for w in words {
            let mut c = w.chars();
            f.insert(c.next().unwrap(), c.next().unwrap());
        }
        for w in words {
            let mut c = w.chars();
            assert!(f.may_contain(c.next().unwrap(), c.next().unwrap()), "{w}");
        }
        // Of all pairs of common characters, nearly none pass.
        let common: Vec<char> = ('一'..='龥').step_by(7).collect();
        let passed = common
            .iter()
            .flat_map(|&a| common.iter().map(move |&b| (a, b)))
            .filter(|&(a, b)| f.may_contain(a, b))
            .count();
        assert!(passed < common.len() * common.len() / 1000, "{passed}");
        assert!(!PairFilter::default().may_contain('党', '建'));
    }
}
