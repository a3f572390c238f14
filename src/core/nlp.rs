//! Word segmentation: one jieba instance per process, and the token filters shared by
//! mining, topics and suggestion.

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

use crate::core::text::is_han;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The process-wide jieba instance; the dictionary loads on first use (≈0.3 s).
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

/// How often jieba's dictionary (word counts of a large general corpus) has `word`; 0 for a
/// word it lacks. A verb thousands of times as common as 筑牢 is one any subject takes.
pub fn dict_freq(word: &str) -> usize {
    let j = jieba();
    if j.has_word(word) {
        // For a dictionary word this is its count plus one.
        j.suggest_freq(word).saturating_sub(1)
    } else {
        0
    }
}

/// A segmented word: its character range and byte range in its text. Its part of speech
/// is looked up only when asked for (`Tagged::tag`): few words need one, and tagging
/// every word costs as much again as segmenting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    byte_start: u32,
    byte_end: u32,
}

/// A text and its words, whose tags are looked up on demand. Words borrow nothing, so
/// mining can cache these cheaply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Shared, so a cache can key on the text without a second copy.
    pub text: Arc<str>,
    pub words: Vec<Word>,
}

impl Tagged {
    pub fn word(&self, w: &Word) -> &str {
        &self.text[w.byte_start as usize..w.byte_end as usize]
    }

    /// (word text, word) pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Word)> {
        self.words.iter().map(|w| (self.word(w), w))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The text after a word.
    pub fn after(&self, w: &Word) -> &str {
        &self.text[w.byte_end as usize..]
    }

    /// The part of speech of a word of this text.
    pub fn tag(&self, w: &Word) -> &'static str {
        word_tag(self.word(w))
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// jieba's part-of-speech tags as static strings, so a word needs no allocation.
fn intern_tag(tag: &str) -> &'static str {
    const TAGS: &[&str] = &[
        "n", "v", "a", "d", "m", "r", "p", "c", "u", "x", "f", "t", "s", "q", "nr", "ns", "nt",
        "nz", "vn", "vd", "ad", "an", "i", "l", "j", "eng", "uj", "ul", "uz", "ug", "uv", "ud",
        "y", "z", "b", "e", "o", "g", "h", "k", "ng", "vg", "ag", "dg", "tg", "mq", "nrt", "nrfg",
        "rr", "rz", "zg",
    ];
    TAGS.iter().find(|t| **t == tag).copied().unwrap_or("x")
}

/// Segments a text; tags come on demand from `Tagged::tag`.
pub fn segment(text: &str) -> Tagged {
    let words = jieba()
        .cut(text, true)
        .into_iter()
        .map(|t| Word {
            start: t.start,
            end: t.end,
            byte_start: t.byte_start as u32,
            byte_end: t.byte_end as u32,
        })
        .collect();
    Tagged {
        text: Arc::from(text),
        words,
    }
}

/// Characters jieba never joins to a neighbour: outside its word-character class
/// (CJK, ASCII letters and digits, `+#&._%-`), each is a word of its own, so the words on
/// either side of one do not depend on each other.
fn is_hard_break(c: char) -> bool {
    crate::core::text::is_cjk_punct(c) || matches!(c, '{' | '}')
}

/// `segment(edited)` for a text that differs from `before`'s text in a few places (blanks
/// made slots): only the stretch between the hard breaks around the changes is segmented
/// again; the words outside it are `before`'s, moved.
pub fn resegment(before: &Tagged, edited: &str) -> Tagged {
    let old: &str = &before.text;
    let (ob, eb) = (old.as_bytes(), edited.as_bytes());
    // The common prefix and suffix, on char boundaries, not overlapping.
    let mut prefix = ob.iter().zip(eb).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = old.len().min(edited.len()) - prefix;
    let mut suffix = ob
        .iter()
        .rev()
        .zip(eb.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) {
        suffix -= 1;
    }
    // Widen to the hard breaks around the change.
    let start = old[..prefix]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_hard_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let old_end = old.len() - suffix;
    let old_end = old[old_end..]
        .char_indices()
        .find(|&(_, c)| is_hard_break(c))
        .map_or(old.len(), |(i, _)| old_end + i);
    let new_end = old_end + edited.len() - old.len();
    let start_char = old[..start].chars().count();
    let char_shift = edited[start..new_end].chars().count() as isize
        - old[start..old_end].chars().count() as isize;
    let byte_shift = edited.len() as isize - old.len() as isize;
    let mut words: Vec<Word> = before
        .words
        .iter()
        .take_while(|w| w.byte_end as usize <= start)
        .copied()
        .collect();
    words.extend(
        jieba()
            .cut(&edited[start..new_end], true)
            .into_iter()
            .map(|t| Word {
                start: start_char + t.start,
                end: start_char + t.end,
                byte_start: (start + t.byte_start) as u32,
                byte_end: (start + t.byte_end) as u32,
            }),
    );
    let moved = |at: usize, by: isize| (at as isize + by) as usize;
    words.extend(
        before
            .words
            .iter()
            .skip_while(|w| (w.byte_start as usize) < old_end)
            .map(|w| Word {
                start: moved(w.start, char_shift),
                end: moved(w.end, char_shift),
                byte_start: moved(w.byte_start as usize, byte_shift) as u32,
                byte_end: moved(w.byte_end as usize, byte_shift) as u32,
            }),
    );
    Tagged {
        text: Arc::from(edited),
        words,
    }
}

thread_local! {
    /// Tags of words already looked up; a corpus has a bounded vocabulary.
    static WORD_TAGS: std::cell::RefCell<rustc_hash::FxHashMap<String, &'static str>> =
        std::cell::RefCell::default();
}

/// The part of speech jieba gives a word it segmented: the dictionary's tag, or for a
/// word the HMM found, jieba's guess from the word's characters. Both depend on the word
/// alone, so tagging the word by itself gives what tagging its sentence would.
pub fn word_tag(word: &str) -> &'static str {
    if let Some(t) = WORD_TAGS.with(|m| m.borrow().get(word).copied()) {
        return t;
    }
    let tags = jieba().tag(word, true);
    let tag = match tags.as_slice() {
        [one] if one.word == word => intern_tag(one.tag),
        _ => "x",
    };
    WORD_TAGS.with(|m| m.borrow_mut().insert(word.to_string(), tag));
    tag
}

/// Segments a text into words (no tags).
pub fn cut(text: &str) -> Vec<&str> {
    jieba()
        .cut(text, true)
        .into_iter()
        .map(|t| t.word)
        .collect()
}

/// Function words and fillers that carry no topic.
const STOPWORDS: &[&str] = &[
    "我们",
    "你们",
    "他们",
    "自己",
    "这个",
    "那个",
    "这些",
    "那些",
    "一个",
    "一些",
    "进一步",
    "不断",
    "坚持",
    "加强",
    "推动",
    "推进",
    "切实",
    "认真",
    "积极",
    "工作",
    "同志",
    "要求",
    "方面",
    "问题",
    "作为",
    "已经",
    "还是",
    "就是",
    "没有",
    "可以",
    "通过",
    "以及",
    "更加",
    "始终",
    "全面",
    "深入",
    "做到",
    "真正",
    "建设",
    "发展",
    "提高",
    "提升",
    "强化",
    "各级",
    "为了",
    "因此",
    "但是",
    "同时",
    "其中",
    "以上",
    "以下",
    "有的",
    "什么",
    "怎么",
    "如何",
    "这样",
    "那样",
    "一样",
    "当前",
    "目前",
    "重要",
    "有效",
    "扎实",
    "努力",
    "着力",
];

/// Whether a word can serve as a keyword: at least two Han characters and not a filler.
pub fn is_keyword(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(is_han) && !STOPWORDS.contains(&word)
}

/// Distinct keywords of a text, in order of first appearance.
pub fn keywords(text: &str) -> Vec<String> {
    keywords_of(&cut(text))
}

/// Keywords of segmented words. Runs of single Han characters are words jieba does not
/// know (四风 split into 四/风): every two-to-four-character span of such a run is a
/// keyword too, on the phrase side and the query side alike; so are the spans of longer
/// words jieba guessed. Thus "纠治四风" finds “四风”.
pub fn keywords_of(words: &[&str]) -> Vec<String> {
    fn add(w: &str, out: &mut Vec<String>) {
        if is_keyword(w) && !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    fn flush(run: &mut Vec<char>, out: &mut Vec<String>) {
        // A span that begins or ends on a particle (党的, 中的, 做了) is no word.
        let particle = |c: &char| matches!(c, '的' | '了' | '着');
        for a in 0..run.len() {
            for b in a + 2..=(a + 4).min(run.len()) {
                if particle(&run[a]) || particle(&run[b - 1]) {
                    continue;
                }
                add(&run[a..b].iter().collect::<String>(), out);
            }
        }
        run.clear();
    }
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for w in words {
        let mut cs = w.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if is_han(c) => run.push(c),
            _ => {
                flush(&mut run, &mut out);
                add(w, &mut out);
                // A longer word jieba guessed (纠治四风) may hide a known term: its spans too.
                let n = w.chars().count();
                if (3..=8).contains(&n) && w.chars().all(is_han) && !jieba().has_word(w) {
                    let mut chars: Vec<char> = w.chars().collect();
                    flush(&mut chars, &mut out);
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn resegmenting_an_edited_text_gives_its_segmentation() {
        let before =
            "认真落实《XX管理党委班子成员若干措施》，*月*日召开会议。到20**年底，XX同志要抓好落实";
        let after = "认真落实《{单位}管理党委班子成员若干措施》，{日期}召开会议。到{年份}底，{姓名}同志要抓好落实";
        assert_eq!(resegment(&segment(before), after), segment(after));
        // No change, a change at either end, a text emptied.
        for edited in [before, "好", "", "认真落实", "同志要抓好落实"] {
            assert_eq!(resegment(&segment(before), edited), segment(edited));
        }
    }

    #[test]
    fn spans_on_a_particle_are_no_keywords() {
        let ks = keywords("把党的政治建设摆在首位，纠治四风");
        assert!(!ks.iter().any(|k| k == "党的"), "{ks:?}");
        assert!(ks.iter().any(|k| k == "四风"), "{ks:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any text, any span replaced by any other: jieba's words of the whole.
        #[test]
        fn resegment_agrees_with_segment(
            text in "[党的建设全面从严治党XX*某年月日，。、“”《》{}a1 \r\n—…·【】（）；：-]{0,40}",
            cut in (0usize..40, 0usize..10),
            insert in "[党建设{}XX单位，。a1\r\n]{0,6}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let a = cut.0.min(chars.len());
            let b = (a + cut.1).min(chars.len());
            let edited: String = chars[..a].iter().copied().chain(insert.chars()).chain(chars[b..].iter().copied()).collect();
            prop_assert_eq!(resegment(&segment(&text), &edited), segment(&edited));
        }
    }
}
