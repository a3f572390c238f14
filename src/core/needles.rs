//! Whether a text holds any of a few fixed strings. Each string is looked for with
//! memchr's vectorised substring search, one pass per string: on Chinese text a handful
//! of such passes is several times faster than one Aho–Corasick automaton, whose step
//! per byte costs more than the passes together (8 MB of speeches: 2.3 ms against 9.8 ms
//! for eight verbs of saying).

use memchr::memmem::Finder;

pub struct Needles {
    finders: Vec<Finder<'static>>,
}

impl Needles {
    pub fn new<S: AsRef<str>>(needles: impl IntoIterator<Item = S>) -> Self {
        Needles {
            finders: needles
                .into_iter()
                .map(|n| Finder::new(n.as_ref().as_bytes()).into_owned())
                .collect(),
        }
    }

    pub fn any_in(&self, text: &str) -> bool {
        self.finders
            .iter()
            .any(|f| f.find(text.as_bytes()).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_any_needle_anywhere() {
        let n = Needles::new(["指出", "*", "某某"]);
        for t in ["指出", "总书记指出：", "XX*", "某某同志"] {
            assert!(n.any_in(t), "{t}");
        }
        for t in ["", "指", "某同志", "强调"] {
            assert!(!n.any_in(t), "{t}");
        }
        assert!(!Needles::new(Vec::<&str>::new()).any_in("指出"));
    }
}
