//! Who stands beside an n-gram: the counts behind its boundary entropy (an expression
//! that is a unit has varied neighbours on both sides), and the cheap first-pass count
//! of distinct neighbours that lets most n-grams skip the costly count.

use rustc_hash::FxHashMap;

/// Up to two distinct neighbours of an n-gram, and whether there are more. An n-gram with
/// at most two distinct neighbours on a side has a boundary entropy of at most ln 2 there,
/// so when the threshold is above that it is dropped before the costly second pass.
#[derive(Default, Clone, Copy)]
pub(super) struct FewDistinct {
    seen: [u32; 2],
    /// How many of `seen` hold a neighbour; 3 means more than two were seen.
    n: u8,
}

impl FewDistinct {
    pub(super) fn add(&mut self, w: u32) {
        match self.n {
            0 => {
                self.seen[0] = w;
                self.n = 1;
            }
            1 if self.seen[0] != w => {
                self.seen[1] = w;
                self.n = 2;
            }
            2 if self.seen[0] != w && self.seen[1] != w => self.n = 3,
            _ => {}
        }
    }

    pub(super) fn join(&mut self, other: &FewDistinct) {
        for &w in &other.seen[..other.n.min(2) as usize] {
            self.add(w);
        }
        if other.n > 2 {
            self.n = 3;
        }
    }

    pub(super) fn more_than_two(&self) -> bool {
        self.n > 2
    }
}

/// How often each word was seen beside an n-gram: a short list while there are few
/// (most n-grams), a hash map once there are many.
#[derive(Default)]
pub(super) struct Neighbours {
    few: Vec<(u32, usize)>,
    many: FxHashMap<u32, usize>,
}

impl Neighbours {
    const FEW: usize = 16;

    pub(super) fn add(&mut self, w: u32, n: usize) {
        if self.many.is_empty() {
            if let Some(e) = self.few.iter_mut().find(|e| e.0 == w) {
                e.1 += n;
                return;
            }
            if self.few.len() < Self::FEW {
                self.few.push((w, n));
                return;
            }
            self.many.extend(self.few.drain(..));
        }
        *self.many.entry(w).or_default() += n;
    }

    pub(super) fn join(&mut self, other: Neighbours) {
        for (w, n) in other.few.into_iter().chain(other.many) {
            self.add(w, n);
        }
    }

    fn counts(&self) -> Vec<usize> {
        self.few
            .iter()
            .map(|e| e.1)
            .chain(self.many.values().copied())
            .collect()
    }
}

/// Entropy of a neighbour distribution. The counts are summed in sorted order, so the
/// result does not depend on the map's history (how the work was split).
pub(super) fn entropy(m: &Neighbours, total: usize) -> f64 {
    let mut counts = m.counts();
    counts.sort_unstable();
    counts
        .into_iter()
        .map(|c| {
            let p = c as f64 / total as f64;
            -p * p.ln()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_distinct_counts_up_to_two_and_then_more() {
        let mut d = FewDistinct::default();
        for w in [7, 7, 9, 7, 9] {
            d.add(w);
        }
        assert_eq!((d.n, d.seen), (2, [7, 9]));
        assert!(!d.more_than_two());
        let mut other = FewDistinct::default();
        other.add(9);
        other.add(4);
        d.join(&other);
        assert!(d.more_than_two());
    }

    #[test]
    fn entropy_of_neighbours_however_they_were_counted() {
        // Four neighbours in the short list; twenty, past it, in the map.
        let (mut few, mut many) = (Neighbours::default(), Neighbours::default());
        for w in 0..4 {
            few.add(w, 2);
        }
        for w in 0..20 {
            many.add(w, 1);
        }
        let mut joined = Neighbours::default();
        joined.add(0, 1);
        let mut rest = Neighbours::default();
        for w in 1..20 {
            rest.add(w, 1);
        }
        joined.join(rest);
        assert!((entropy(&few, 8) - 4f64.ln()).abs() < 1e-12);
        assert!((entropy(&many, 20) - 20f64.ln()).abs() < 1e-12);
        assert_eq!(entropy(&joined, 20), entropy(&many, 20));
    }
}
