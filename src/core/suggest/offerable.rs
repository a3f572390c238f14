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
        !words_said
            && !items_said
            && !self.words_inside(i, said, terms)
            && !mostly_said(&f.norm, said)
    }

    /// Whether every word of the phrase (two or more, a doubled adverb such as 层层
    /// aside) is a word of the paragraph or the head a word of the paragraph ends with,
    /// where jieba joined it to others: 压实 in 压紧压实, 责任 in 主体责任. Chinese
    /// compounds put their head last, so 主体责任 is a 责任, and 责任人 is no 责任. Not for a
    /// 排比, whose items' words often stand apart in a paragraph (政治, 思想, 行动 and 自觉
    /// in one on 政治建设) without it saying the run.
    pub(super) fn words_inside(&self, i: usize, said: &str, terms: &[String]) -> bool {
        if self.facts[i].kind == PhraseKind::Parallel {
            return false;
        }
        let doubled = |k: &str| {
            let mut c = k.chars();
            matches!((c.next(), c.next(), c.next()), (Some(a), Some(b), None) if a == b)
        };
        let mut n = 0;
        for k in self.phrases[i].keywords.iter().filter(|k| !doubled(k)) {
            // Most words are not in the paragraph at all: one search of its text tells.
            if !said.contains(k.as_str()) || !terms.iter().any(|t| t.ends_with(k.as_str())) {
                return false;
            }
            n += 1;
        }
        n >= 2
    }
}

/// The least length of a stretch shared with the paragraph that counts as said.
const SAID_STRETCH: usize = 3;

/// Whether the paragraph says most of a long phrase word for word, with a word changed or
/// left out (在思想上政治上行动上同党中央保持高度一致 says the formulation that names
/// 以习近平同志为核心的党中央): two thirds of its letters lie in stretches of three or
/// more that the paragraph has.
fn mostly_said(phrase: &str, said: &str) -> bool {
    let p: Vec<char> = phrase.chars().collect();
    if p.len() < 8 {
        return false;
    }
    let s: Vec<char> = said.chars().collect();
    let mut covered = vec![false; p.len()];
    for i in 0..p.len() {
        let longest = (0..s.len())
            .filter(|&j| s[j] == p[i])
            .map(|j| {
                p[i..]
                    .iter()
                    .zip(&s[j..])
                    .take_while(|(a, b)| a == b)
                    .count()
            })
            .max()
            .unwrap_or(0);
        if longest >= SAID_STRETCH {
            covered[i..i + longest].iter_mut().for_each(|c| *c = true);
        }
    }
    covered.iter().filter(|&&c| c).count() * 3 >= p.len() * 2
}

#[cfg(test)]
mod tests {
    use super::mostly_said;

    #[test]
    fn a_long_phrase_said_with_a_word_changed_is_said() {
        let said = "党员干部必须把讲政治作为第一要求自觉在思想上政治上行动上同党中央保持高度一致";
        assert!(mostly_said(
            "在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致",
            said
        ));
        assert!(mostly_said(
            "把党的政治建设摆在首位",
            "要把政治建设摆在首位"
        ));
        // Shared words are not the phrase said.
        assert!(!mostly_said(
            "党建工作和业务工作一起谋划一起部署一起落实一起检查",
            "推动党建工作和业务工作深度融合防止两张皮"
        ));
        assert!(!mostly_said("把纪律和规矩挺在前面", "严明纪律和规矩"));
    }
}
