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
        for a in 0..run.len() {
            for b in a + 2..=(a + 4).min(run.len()) {
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
