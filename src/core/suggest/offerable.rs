//! What the index never offers: a phrase specific to its source, dated by the speech's
//! date or not yet current, and one the paragraph already says.

use super::PhraseIndex;
use crate::core::library::PhraseKind;
use crate::core::suggest::terms::norm;

impl PhraseIndex {
    /// Whether a phrase may be offered in a speech of `date`: not specific to its source,
    /// not dated, and current.
    pub(super) fn current(&self, i: usize, date: &str) -> bool {
        let h = &self.hot[i];
        if h.never || !h.dated {
            return !h.never;
        }
        let f = &self.facts[i];
        if let Some(from) = &f.outdated_from
            && (from.is_empty() || (!date.is_empty() && date >= from.as_str()))
        {
            return false;
        }
        if let Some(from) = &f.current_from
            && !date.is_empty()
            && date < from.as_str()
        {
            return false;
        }
        true
    }

    /// Whether a paragraph saying `said` (its words `terms`) does not say the phrase yet.
    pub(super) fn unsaid(&self, i: usize, said: &str, terms: &[String]) -> bool {
        let f = &self.facts[i];
        if said.contains(f.norm.as_str()) {
            return false;
        }
        // A phrase all of whose words the paragraph has is already said in other words.
        let p = &self.phrases[i];
        let words_said = !p.keywords.is_empty() && p.keywords.iter().all(|k| terms.contains(k));
        // Half the items of a run said already: the run is too.
        let items_said = f.kind == PhraseKind::Parallel
            && p.text
                .split(['、', '，'])
                .filter(|it| it.chars().count() >= 3 && said.contains(norm(it).as_str()))
                .count()
                * 2
                >= p.text.split(['、', '，']).count();
        !words_said && !items_said
    }
}
