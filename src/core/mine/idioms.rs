//! 成语 and 四字格: four characters on word boundaries that an idiom dictionary lists
//! (assets/lexicon/idioms.txt), or that follow a 四字格 pattern the corpus repeats
//! (敢闯敢试/敢抓敢管, 驰而不息, 久久为功). Ordinary compounds (贯彻落实,
//! 组成部分, 表示感谢) are in no dictionary and follow no pattern.

use std::sync::{LazyLock, OnceLock};

use rustc_hash::FxHashSet;

use crate::core::mine::collocations::intensified;
use crate::core::nlp::{self, Tagged};
use crate::core::text::is_han;

/// The shipped idiom list, one per line; `#` starts a comment.
pub const DEFAULT_IDIOMS: &str = include_str!("../../../assets/lexicon/idioms.txt");

/// The idiom dictionary: four-character idioms (nearly all) as packed characters, so the
/// test mining runs on every four characters on word boundaries hashes one integer.
struct Dictionary {
    four: FxHashSet<u64>,
    other: FxHashSet<&'static str>,
}

impl Dictionary {
    fn insert(&mut self, idiom: &'static str) {
        match four_key(idiom) {
            Some(k) => self.four.insert(k),
            None => self.other.insert(idiom),
        };
    }

    fn remove(&mut self, idiom: &str) {
        match four_key(idiom) {
            Some(k) => self.four.remove(&k),
            None => self.other.remove(idiom),
        };
    }

    fn contains(&self, s: &str) -> bool {
        match four_key(s) {
            Some(k) => self.four.contains(&k),
            None => self.other.contains(s),
        }
    }
}

/// The entries of an idiom list: one per line, `#` starts a comment.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

static BUILTIN: LazyLock<Dictionary> = LazyLock::new(|| {
    let mut d = Dictionary {
        four: FxHashSet::default(),
        other: FxHashSet::default(),
    };
    for (_, l) in entries(DEFAULT_IDIOMS) {
        d.insert(l);
    }
    d
});

/// The shipped list with the user's changes (`idioms.txt` in the data folder), once
/// installed for this process.
static USER: OnceLock<Dictionary> = OnceLock::new();

fn dictionary() -> &'static Dictionary {
    USER.get().unwrap_or(&BUILTIN)
}

/// The user's idiom list applied to the shipped one: each line an idiom to add, or
/// `-` and an idiom to take out (贯彻落实 is no idiom); `#` starts a comment. An entry
/// that is not two to twelve Han characters is an error naming the file, line and column.
pub fn use_user_list(text: &str, origin: &str) -> Result<(), String> {
    let d = with_user_list(text, origin)?;
    let _ = USER.set(d);
    Ok(())
}

fn with_user_list(text: &str, origin: &str) -> Result<Dictionary, String> {
    let mut d = Dictionary {
        four: BUILTIN.four.clone(),
        other: BUILTIN.other.clone(),
    };
    for (line, l) in entries(text) {
        let (remove, idiom) = match l.strip_prefix(['-', '－']) {
            Some(rest) => (true, rest.trim()),
            None => (false, l),
        };
        let col = text.lines().nth(line - 1).map_or(1, |raw| {
            raw.find(idiom).map_or(1, |b| raw[..b].chars().count() + 1)
        });
        if let Some((k, c)) = idiom.chars().enumerate().find(|&(_, c)| !is_han(c)) {
            return Err(format!(
                "{}：成语词表中“{idiom}”含有非汉字字符「{c}」",
                crate::core::ron_error::place(origin, Some((line, col + k)))
            ));
        }
        if !(2..=12).contains(&idiom.chars().count()) {
            return Err(format!(
                "{}：成语词表中“{idiom}”应为 2 到 12 个汉字",
                crate::core::ron_error::place(origin, Some((line, col)))
            ));
        }
        if remove {
            d.remove(idiom);
        } else {
            // Lives as long as the process: the list is installed once.
            d.insert(Box::leak(idiom.to_string().into_boxed_str()));
        }
    }
    Ok(d)
}

/// Four characters of the Basic Multilingual Plane packed in one integer; `None` for any
/// other text.
fn four_key(s: &str) -> Option<u64> {
    let mut it = s.chars();
    let mut k = 0u64;
    for _ in 0..4 {
        let c = it.next()? as u64;
        if c > 0xFFFF {
            return None;
        }
        k = (k << 16) | c;
    }
    it.next().is_none().then_some(k)
}

/// The characters that open the recognised ABAC 四字格 (敢闯敢试, 边学边干, 常学常新,
/// 不骄不躁, 一心一意, 有声有色, 自觉自愿, 多谋多思, 真抓真管, 大开大合, 全心全意, 互帮互助,
/// 相辅相成, 亦步亦趋, 可圈可点): with another first character (党章党规, 落地落实) the
/// four characters are two ordinary words.
const FRAME_HEADS: &str = "敢边常不一有无自多真大全互相亦可即随";

/// Of those, the adverbs that frame two verbs (敢闯敢试, 边学边干, 常学常新, 真抓真管,
/// 多谋多思, 随到随办, 即知即改): a way of working, coined afresh in every speech, where the
/// other frames are mostly set idioms the dictionary has, or a count or a mechanism of the
/// source (一年一次, 一题一策, 可信可学).
const VERB_FRAME_HEADS: &str = "敢边常真多随即";

/// Whether four characters are an adverb framing two verbs (敢闯敢试, 常学常新).
pub fn verb_frame(s: &str) -> bool {
    pattern(s).is_some_and(|p| {
        let mut c = p.chars();
        c.next().is_some_and(|h| VERB_FRAME_HEADS.contains(h))
    })
}

/// AABB (上上下下, 方方面面, 实实在在): a doubled word, no set phrase a writer looks for.
pub fn doubled_word(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    c.len() == 4 && c[0] == c[1] && c[2] == c[3]
}

/// Whether the idiom dictionary lists a text.
pub fn in_dictionary(s: &str) -> bool {
    dictionary().contains(s)
}

/// Idioms that link sentences rather than add force (久而久之, 归根到底): a writer never
/// looks for them in a library.
const CONNECTIVES: &[&str] = &[
    "久而久之",
    "归根到底",
    "归根结底",
    "总而言之",
    "由此可见",
    "与此同时",
    "一般来说",
    "众所周知",
    "毫无疑问",
    "不言而喻",
    "显而易见",
    "换句话说",
    "总的来说",
    "相比之下",
    "诸如此类",
    "如此等等",
    "以此类推",
    "综上所述",
    "由此看来",
    "反过来说",
    "从而使得",
    "长此以往",
    "在此基础",
];

/// Whether an idiom only links sentences.
pub fn connective(s: &str) -> bool {
    CONNECTIVES.contains(&s)
}

/// The 四字格 pattern of four characters, as a key that the corpus must repeat: the
/// repeated character of ABAC (敢_敢_), the fixed 而 of A而不B, or a doubled first
/// character (AABB 上上下下, AABC 久久为功, whose last two characters are no word).
/// AABB counts for the pattern but is no idiom itself (`doubled_word`). None for anything else, and for an intensified verb (抓紧抓实, a 动宾 head).
pub fn pattern(s: &str) -> Option<String> {
    let mut it = s.chars();
    let c = [it.next()?, it.next()?, it.next()?, it.next()?];
    // Most four characters follow no pattern: ruled out before the tests below.
    let shaped = c[0] == c[2] || c[0] == c[1] || c[1] == '而';
    if !shaped
        || it.next().is_some()
        || !c.iter().all(|&x| is_han(x))
        || intensified(s)
        || c.contains(&'的')
    {
        return None;
    }
    // A pattern made of ordinary words is not a set phrase: 党章党规 (党章, 党规), 越来越高
    // (越来越), 紧紧围绕 (围绕), 从而不断 (从而).
    let word = |a: usize, b: usize| {
        let w: String = c[a..b].iter().collect();
        nlp::jieba().has_word(&w)
    };
    if c[0] == c[2] && c[0] != c[1] && c[1] != c[3] {
        FRAME_HEADS
            .contains(c[0])
            .then(|| format!("{}_{}_", c[0], c[0]))
    } else if c[0] == c[1] && c[2] == c[3] && c[0] != c[2] {
        Some("AA".to_string())
    } else if c[0] == c[1] && c[1] != c[2] && c[2] != c[3] {
        (!word(2, 4)).then(|| "AA".to_string())
    } else if c[1] == '而' && c[0] != c[2] {
        (!word(0, 2)).then(|| format!("_而{}_", c[2]))
    } else {
        None
    }
}

/// Four-character spans on word boundaries of a paragraph that the dictionary lists or
/// that follow a 四字格 pattern.
pub fn idioms(t: &Tagged) -> Vec<String> {
    let mut out = Vec::new();
    let words = &t.words;
    for i in 0..words.len() {
        let start = words[i].start;
        for w in &words[i..] {
            let len = w.end - start;
            if len > 4 {
                break;
            }
            if len == 4 {
                let (from, to) = (byte_start(t, i), byte_end(t, w));
                let s = &t.text[from..to];
                if in_dictionary(s) || pattern(s).is_some_and(|p| !in_run(&t.text, from, to, &p)) {
                    out.push(s.to_string());
                }
                break;
            }
        }
    }
    out
}

/// Whether the span `from..to` of `text` is one item of a 、 list of three or more items
/// of the same pattern `key` (边学边思、边学边用、边学边干): an item of that 排比, not a set
/// phrase of its own. Two items (常讲常学、常学常新) are a pair of set phrases.
fn in_run(text: &str, from: usize, to: usize, key: &str) -> bool {
    let stop = |c: char| "，。；：！？\n".contains(c);
    let start = text[..from]
        .char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[to..].find(stop).map_or(text.len(), |i| to + i);
    // The first item may follow a lead-in (坚持边学边思), the last run on (边学边干起来).
    let edge = |item: &str, last: bool| -> String {
        let cs: Vec<char> = item.chars().collect();
        let at = if last { cs.len().saturating_sub(4) } else { 0 };
        cs[at..].iter().take(4).collect()
    };
    let same = text[start..end]
        .split('、')
        .filter(|item| {
            [edge(item, false), edge(item, true)]
                .iter()
                .any(|f| pattern(f).as_deref() == Some(key))
        })
        .count();
    same >= 3
}

fn byte_start(t: &Tagged, i: usize) -> usize {
    let w = &t.words[i];
    t.text.len() - t.after(w).len() - t.word(w).len()
}

fn byte_end(t: &Tagged, w: &crate::core::nlp::Word) -> usize {
    t.text.len() - t.after(w).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::nlp::segment;

    #[test]
    fn dictionary_idioms_and_patterns() {
        let t = segment(
            "要旗帜鲜明讲政治，坚定不移贯彻落实，在难题面前敢闯敢试，驰而不息抓作风，表示感谢。",
        );
        let found = idioms(&t);
        for want in ["旗帜鲜明", "坚定不移", "敢闯敢试", "驰而不息"] {
            assert!(found.contains(&want.to_string()), "{want}: {found:?}");
        }
        for not in ["贯彻落实", "表示感谢"] {
            assert!(!found.contains(&not.to_string()), "{not}: {found:?}");
        }
        assert_eq!(pattern("敢抓敢管").as_deref(), Some("敢_敢_"));
        assert_eq!(pattern("上上下下").as_deref(), Some("AA"));
        assert!(doubled_word("上上下下") && !doubled_word("久久为功"));
        let t = segment("做到边学边思、边学边用、边学边干，常讲常学、常学常新，敢闯敢试。");
        let found = idioms(&t);
        for want in ["敢闯敢试", "常讲常学", "常学常新"] {
            assert!(found.contains(&want.to_string()), "{want}: {found:?}");
        }
        for not in ["边学边思", "边学边用", "边学边干"] {
            assert!(!found.contains(&not.to_string()), "{not}: {found:?}");
        }
        assert_eq!(pattern("紧紧围绕"), None);
        assert_eq!(pattern("抓紧抓实"), None);
        assert_eq!(pattern("组成部分"), None);
    }

    #[test]
    fn an_adverb_framing_two_verbs_is_a_verb_frame() {
        for s in ["敢闯敢试", "常学常新", "边学边干", "真抓真管"] {
            assert!(verb_frame(s), "{s}");
        }
        for s in [
            "一年一次",
            "一题一策",
            "可信可学",
            "不遮不掩",
            "层层下派",
            "党章党规",
        ] {
            assert!(!verb_frame(s), "{s}");
        }
    }

    #[test]
    fn connectives_are_no_idioms_to_offer() {
        assert!(connective("久而久之") && connective("归根到底"));
        assert!(!connective("久久为功"));
    }

    #[test]
    fn a_user_list_adds_and_takes_out_idioms_and_names_a_bad_line() {
        let d = with_user_list("# 本单位补充\n风雨无阻\n-旗帜鲜明\n", "idioms.txt").unwrap();
        assert!(d.contains("风雨无阻") && d.contains("坚定不移"));
        assert!(!d.contains("旗帜鲜明"));
        let e = with_user_list("风雨无阻\n  坚定x移\n", "/data/idioms.txt")
            .err()
            .unwrap();
        assert!(e.contains("/data/idioms.txt 第 2 行第 5 列"), "{e}");
        assert!(e.contains("「x」"), "{e}");
        let e = with_user_list("好\n", "idioms.txt").err().unwrap();
        assert!(
            e.contains("第 1 行第 1 列") && e.contains("2 到 12 个汉字"),
            "{e}"
        );
    }
}
