//! 动宾搭配: the verb phrases that carry a speech — a verb with its object, found from
//! jieba's parts of speech within one clause:
//! - a clause that is just a verb and its object, after a lead-in (要、一要、切实…):
//!   提高政治站位, 严守政治纪律, 筑牢战斗堡垒;
//! - an intensified verb (two verb–complement pairs: 压紧压实, 抓紧抓实, 选好配强) with
//!   the object that follows it, or alone at the end of its clause (走深走实);
//! - a resultative verb (压实, 筑牢, 夯实) with its object, and a reduplicated adverb
//!   before it (层层压实责任);
//! - the 把 frame: 把 + object + verb + 在/于/到 + place (把纪律和规矩挺在前面).
//!
//! A bare noun compound (党建工作, 基层党组织) is never one. Recurrence is judged when the
//! corpus is merged (`keep`): a plain verb must head phrases in two speeches.

pub(crate) use crate::core::mine::collocation_words::GENERIC_VERBS;
use crate::core::mine::collocation_words::*;
use crate::core::nlp::{self, Tagged};
use crate::core::text::is_han;
use std::cell::Cell;

/// Whether a tag names a nominal word (an object's word).
fn nominal(tag: &str) -> bool {
    matches!(tag, "n" | "vn" | "nz" | "ng" | "an" | "j" | "nt" | "l")
}

/// Whether a word may be an object's word at `pos`: nominal, or after the first a verb
/// used as a noun (政治引领, 责任担当, 党性锻炼); never a pronoun-led or negated word
/// (我区实际, 不力).
fn object_word(w: &str, tag: &str, pos: usize) -> bool {
    chars(w) >= 2
        && !w.starts_with(['不', '我', '本', '该', '其', '此', '这', '那', '各', '每'])
        && (nominal(tag) || (pos > 0 && matches!(tag, "v" | "vn")))
}

/// Whether a word may head a verb phrase, by its tag (jieba tags causative verbs such as
/// 严守, 坚定, 深化 as adjectives or abbreviations).
fn verb_like(w: &str, tag: &str) -> bool {
    // An abbreviation is a verb only when it is an X化 verb (深化); else a noun (党建).
    let abbreviated_verb = tag == "j" && w.ends_with('化');
    (matches!(tag, "v" | "vd" | "a" | "ad") || abbreviated_verb) && !ATTRIBUTIVE_SET.contains(w)
}

fn chars(w: &str) -> usize {
    w.chars().count()
}

/// The characters of a text of exactly `N` characters (no allocation: these tests run
/// at every word of every clause).
fn exactly<const N: usize>(s: &str) -> Option<[char; N]> {
    let mut it = s.chars();
    let mut c = ['\0'; N];
    for x in &mut c {
        *x = it.next()?;
    }
    it.next().is_none().then_some(c)
}

fn is_result(c: char) -> bool {
    RESULTS.contains(&c)
}

/// Whether a two-character word is a verb with a resultative complement (压实, 筑牢), by
/// its form alone.
pub fn resultative(w: &str) -> bool {
    exactly::<2>(w).is_some_and(|[a, b]| a != b && is_result(b) && !is_result(a))
        && !LEXICALISED.contains(&w)
}

/// Verbs of the resultative form that the language has made plain verbs, the commonest
/// of these speeches: 加强宣传 says no more than 重视宣传, where 压实责任 says how. 作好
/// is how some writers spell 做好.
const LEXICALISED: [&str; 6] = ["加强", "做好", "作好", "搞好", "抓好", "办好"];

/// Whether four characters are two verb–complement pairs (抓紧抓实, 选好配强, 学深悟透).
pub fn intensified(s: &str) -> bool {
    exactly::<4>(s).is_some_and(intensified_chars)
}

fn intensified_chars(c: [char; 4]) -> bool {
    c.iter().all(|&x| is_han(x))
        && is_result(c[1])
        && is_result(c[3])
        && c[1] != c[3]
        && !is_result(c[0])
        && !is_result(c[2])
}

/// Whether the first `n` words of `ws` make an intensified verb (抓紧/抓实, 走/深/走实).
fn intensified_words(ws: &[(&str, Tag)], n: usize) -> bool {
    let Some(ws) = ws.get(..n) else {
        return false;
    };
    let mut c = ['\0'; 4];
    let mut k = 0;
    for ch in ws.iter().flat_map(|w| w.0.chars()) {
        if k == 4 {
            return false;
        }
        c[k] = ch;
        k += 1;
    }
    k == 4 && intensified_chars(c)
}

/// A word's part of speech, looked up when first asked for: most words of a clause are
/// never asked (a lookup for every word was a twentieth of mining).
struct Tag<'a> {
    word: &'a str,
    tag: Cell<Option<&'static str>>,
}

impl<'a> Tag<'a> {
    fn new(word: &'a str) -> Self {
        Tag {
            word,
            tag: Cell::new(None),
        }
    }

    fn get(&self) -> &'static str {
        if let Some(t) = self.tag.get() {
            return t;
        }
        // Punctuation needs no tag.
        let t = if self.word.chars().all(is_han) {
            nlp::word_tag(self.word)
        } else {
            "x"
        };
        self.tag.set(Some(t));
        t
    }
}

/// Verb phrases of one segmented paragraph.
pub fn verb_objects(t: &Tagged) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<(&str, Tag)> = t.iter().map(|(w, _)| (w, Tag::new(w))).collect();
    // Each clause's phrase, whether 、 comes before and after it, and its text.
    let mut found: Vec<Found> = Vec::new();
    let mut start = 0;
    let mut broken = false;
    let mut after_enum = false;
    for i in 0..=words.len() {
        let end = i == words.len() || !words[i].0.chars().any(is_han);
        if end {
            // Quotation marks belong to the clause; a bracket breaks it (坚持党组（党委）班子
            // 带头 is no 坚持党组); other punctuation ends it.
            if i < words.len() && matches!(words[i].0, "“" | "”" | "‘" | "’") {
                continue;
            }
            if i < words.len() && words[i].0.contains(['（', '）', '(', ')', '《', '》']) {
                broken = true;
                continue;
            }
            let enum_after = i < words.len() && words[i].0 == "、";
            if i > start {
                let p = (!broken)
                    .then(|| clause(&words[start..i], enum_after))
                    .flatten();
                found.push((p, after_enum, enum_after, (start, i)));
            }
            broken = false;
            after_enum = enum_after;
            start = i + 1;
        }
    }
    // A clause that is an item of a list (健全激励、关怀、帮扶机制; 深化标准化、规范化建设)
    // is a phrase only when the items beside it are phrases too (加强组织建设、筑牢战斗堡垒).
    for k in 0..found.len() {
        let (before, after) = (found[k].1, found[k].2);
        let ok_before = !before || (k > 0 && found[k - 1].0.is_some());
        let ok_after = !after || found.get(k + 1).is_some_and(|f| f.0.is_some());
        if ok_before
            && ok_after
            && !in_run(&words, &found, k)
            && let Some(p) = &found[k].0
        {
            out.push(p.clone());
        }
    }
    out
}

/// A clause's phrase, whether 、 comes before and after it, and its words' range.
type Found = (Option<String>, bool, bool, (usize, usize));

/// Whether clause `k` is an item of a list of three clauses or more whose verbs share a
/// letter in one place (守好阵地、管好队伍、担好责任): a 排比, whose pieces alone are
/// fragments of it.
fn in_run(words: &[(&str, Tag)], found: &[Found], k: usize) -> bool {
    if !(found[k].1 || found[k].2) {
        return false;
    }
    let mut from = k;
    while from > 0 && found[from].1 {
        from -= 1;
    }
    let mut to = k;
    while to + 1 < found.len() && found[to].2 {
        to += 1;
    }
    if to - from < 2 {
        return false;
    }
    let items: Vec<String> = found[from..=to]
        .iter()
        .map(|f| join(&words[f.3.0..f.3.1]))
        .collect();
    let at = |s: &str, i: usize| s.chars().nth(i);
    items.len() >= 3
        && (0..2).any(|i| {
            items
                .iter()
                .all(|x| at(x, i).is_some() && at(x, i) == at(&items[0], i))
        })
}

/// Joins words, dropping nothing.
fn join(ws: &[(&str, Tag)]) -> String {
    ws.iter().map(|w| w.0).collect()
}

/// The verb phrase of one clause (words between punctuation, quotation marks kept), if
/// any; `enum_after`: a 、 follows, so a 把 frame would be cut short.
fn clause(ws: &[(&str, Tag)], enum_after: bool) -> Option<String> {
    if !enum_after && let Some(p) = ba_frame(ws) {
        return Some(p);
    }
    // The lead-in before the verb.
    let lead = ws
        .iter()
        .take_while(|w| LEAD_IN_SET.contains(w.0) || (chars(w.0) == 1 && w.1.get() == "m"))
        .count();
    // Further in, only a verb with force opens a phrase that runs to the clause's end
    // (及时推动突出问题纠治走深走实).
    verb_object_at(ws, lead, false)
        .or_else(|| (lead + 1..ws.len()).find_map(|at| verb_object_at(ws, at, true)))
}

/// The verb phrase that opens at word `at` and runs to the end of the clause, if any;
/// `strong_only` asks for an intensified or resultative verb.
fn verb_object_at(ws: &[(&str, Tag)], at: usize, strong_only: bool) -> Option<String> {
    let rest = ws.get(at..).filter(|r| !r.is_empty())?;
    // An adverb doubled (层层, 时时) stays with its verb.
    let (adverb, rest) = match rest {
        [(a, _), tail @ ..] if exactly::<2>(a).is_some_and(|[x, y]| x == y) => (*a, tail),
        _ => ("", rest),
    };
    // Every strong verb (压实, 抓紧抓实, 走/深/走实) has a complement as its second
    // character: most words are ruled out by that alone.
    if strong_only
        && !rest
            .iter()
            .flat_map(|w| w.0.chars())
            .nth(1)
            .is_some_and(is_result)
    {
        return None;
    }
    let ((first, vtag), _) = rest.split_first()?;
    // An intensified verb split in two or three words (抓紧/抓实, 走/深/走实).
    let joined = (2..=3).find(|&n| intensified_words(rest, n));
    // Further into a clause only a strong verb opens a phrase: most words are ruled out
    // here, before anything is built.
    if strong_only && joined.is_none() && !resultative(first) && !intensified(first) {
        return None;
    }
    let (verb, object) = match joined {
        Some(n) => (join(&rest[..n]), &rest[n..]),
        None => (first.to_string(), &rest[1..]),
    };
    // jieba joins some lead-ins to their verb (切实加强/l): the phrase is the verb's.
    // A lead-in of two characters or more before a verb of two: only a word of four or
    // more may hold one (most are of two, and are not looked up).
    let stripped = verb.chars().nth(3).and_then(|_| {
        LONG_LEAD_INS
            .iter()
            .find_map(|l| verb.strip_prefix(l))
            .filter(|v| v.chars().nth(1).is_some())
    });
    let (verb, vtag) = match stripped {
        Some(v) => (v.to_string(), nlp::word_tag(v)),
        None => (verb, vtag.get()),
    };
    // jieba tags some resultative verbs as nouns (压实/n); adjectives of the same form
    // (良好, 坚强) are not verbs.
    let strong = intensified(&verb)
        || (resultative(&verb) && !vtag.starts_with('a') && !ATTRIBUTIVE_SET.contains(&verb));
    let is_verb = strong || (!strong_only && verb_like(&verb, vtag));
    if !is_verb || WEAK_VERB_SET.contains(&verb) || !verb.chars().all(is_han) {
        return None;
    }
    if object.is_empty() {
        // An intensified verb alone ends its clause: 推动…走深走实.
        return intensified(&verb).then(|| format!("{adverb}{verb}"));
    }
    let ochars: usize = object
        .iter()
        .map(|w| w.0.chars().filter(|&c| is_han(c)).count())
        .sum();
    let last = object.last().map_or("", |w| w.0);
    let fits = object.len() <= 3
        && (2..=8).contains(&ochars)
        && object
            .iter()
            .enumerate()
            .all(|(k, w)| object_word(w.0, w.1.get(), k))
        && !weak_object(last)
        // A head that is itself a verb of raising stacks two verbs of one meaning
        // (强化素质提升); 工作 as the only modifier adds nothing (激发工作动能).
        && !RAISING.contains(&last)
        && !(object.len() == 2 && object[0].0 == "工作")
        // A verb any subject takes with an object of two characters (加强宣传, 强化管理) is
        // vocabulary; 锤炼党性 or 压实责任 say how.
        && (ochars >= 3 || !(LEXICALISED.contains(&verb.as_str()) || GENERIC_VERBS.contains(&verb.as_str())))
        && chars(&verb) >= 2;
    fits.then(|| format!("{adverb}{verb}{}", join(object)))
}

/// Verbs of raising or strengthening: as an object's head they repeat the verb.
const RAISING: [&str; 6] = ["提升", "提高", "增强", "加强", "强化", "深化"];

/// Words that name no object of their own: a 把 frame on these alone (把各项工作任务落到
/// 实处) is a formula any sentence can end with.
const EMPTY_OBJECT_WORDS: [&str; 7] = ["各项", "各类", "各种", "有关", "相关", "全部", "一切"];

/// Heads that leave a compound object as plain as they are (整改措施, 党建工作方法);
/// 堡垒作用 or 建党精神 name something.
const WEAK_HEADS: [&str; 7] = ["措施", "方法", "效果", "工作", "活动", "情况", "方式"];

/// Whether an object's last word is a plain object, or a compound with a plain head.
fn weak_object(word: &str) -> bool {
    WEAK_OBJECT_SET.contains(word) || WEAK_HEADS.iter().any(|h| word.ends_with(h))
}

/// 把 + object + verb + 在/于/到 + place, to the end of the clause: 把纪律和规矩挺在前面,
/// 把政治建设置于首位; not 把各项工作任务落到实处, whose object names nothing.
fn ba_frame(ws: &[(&str, Tag)]) -> Option<String> {
    let at = ws.iter().position(|w| w.0 == "把")?;
    let text = join(&ws[at..]);
    let c: Vec<char> = text.chars().collect();
    if !(7..=14).contains(&c.len()) || text.contains(['“', '”', '的']) {
        return None;
    }
    // 把, an object of two or more characters, a verb, then 在/于/到 and a short place.
    let joint = (4..c.len()).find(|&k| matches!(c[k], '在' | '于' | '到'))?;
    let place = c.len() - joint - 1;
    if !(2..=4).contains(&place) {
        return None;
    }
    // The object: the words after 把 that end before the verb (the character before
    // 在/于/到).
    let mut end = 0;
    let object: Vec<&str> = ws[at..]
        .iter()
        .map(|w| {
            end += chars(w.0);
            (w.0, end)
        })
        .skip(1)
        .take_while(|&(_, e)| e < joint)
        .map(|(w, _)| w)
        .collect();
    (!object.iter().all(|w| names_nothing(w))).then_some(text)
}

/// Whether an object word names nothing of its own: a plain object, 各项/有关…, or one of
/// those before a plain object (jieba joins 各项任务).
fn names_nothing(w: &str) -> bool {
    let plain = |w: &str| WEAK_OBJECT_SET.contains(w) || EMPTY_OBJECT_WORDS.contains(&w);
    plain(w)
        || EMPTY_OBJECT_WORDS
            .iter()
            .any(|e| w.strip_prefix(e).is_some_and(plain))
}

/// Whether a verb phrase found in the corpus is kept: an intensified or resultative verb,
/// a 把 frame, or a phrase seen twice stands on its own; a plain verb must head phrases
/// in at least two speeches (`verb_docs`).
pub fn keep(text: &str, count: usize, verb_docs: impl Fn(&str) -> usize) -> bool {
    if text.starts_with('把') || count >= 2 {
        return true;
    }
    let head = head_verb(text);
    intensified(&head) || resultative(&head) || verb_docs(&head) >= 2
}

/// The verb a phrase opens with: its first two characters after a doubled adverb, or
/// four when intensified.
pub fn head_verb(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let from = if c.len() >= 4 && c[0] == c[1] { 2 } else { 0 };
    let four: String = c.iter().skip(from).take(4).collect();
    if intensified(&four) {
        four
    } else {
        c.iter().skip(from).take(2).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::nlp::segment;

    fn found(text: &str) -> Vec<String> {
        verb_objects(&segment(text))
    }

    #[test]
    fn the_items_of_a_run_are_not_phrases_alone() {
        let f = found("要把意识形态工作牢牢抓在手上，守好阵地、管好队伍、担好责任。");
        assert!(
            f.iter()
                .all(|p| !p.ends_with("阵地") && !p.ends_with("队伍")),
            "{f:?}"
        );
        // Verbs alike in no letter: each is a phrase of its own.
        let f = found("要提高政治站位、筑牢战斗堡垒、严守政治纪律。");
        assert!(f.contains(&"筑牢战斗堡垒".to_string()), "{f:?}");
    }

    #[test]
    fn objects_that_name_nothing_are_no_phrase() {
        let f = found("要把各项工作任务落到实处，强化素质提升，激发工作动能，激发干事创业活力。");
        assert_eq!(f, vec!["激发干事创业活力".to_string()]);
        let f = found("要把学习教育摆在首要位置，把各项任务落到实处。");
        assert_eq!(f, vec!["把学习教育摆在首要位置".to_string()]);
    }

    #[test]
    fn verbs_with_their_objects() {
        let f = found(
            "要坚持严字当头，把纪律和规矩挺在前面，把纪律的螺丝钉拧得紧而又紧。要提高政治站位，强化责任担当。",
        );
        assert!(f.contains(&"把纪律和规矩挺在前面".to_string()), "{f:?}");
        assert!(f.contains(&"提高政治站位".to_string()), "{f:?}");
        assert!(f.contains(&"强化责任担当".to_string()), "{f:?}");
        let f = found(
            "要坚持“书记抓、抓书记”，层层压实责任。二要抓紧抓实，在逗硬落实组织生活上下功夫。",
        );
        assert!(f.contains(&"层层压实责任".to_string()), "{f:?}");
        assert!(f.contains(&"抓紧抓实".to_string()), "{f:?}");
        // jieba joins 切实 to its verb (切实加强/l): the phrase is the verb's.
        let f = found("要切实加强政治建设。");
        assert!(f.contains(&"加强政治建设".to_string()), "{f:?}");
        let f = found("及时推动突出问题纠治走深走实，选好配强支部班子。");
        assert!(f.contains(&"选好配强支部班子".to_string()), "{f:?}");
    }

    #[test]
    fn noun_compounds_and_plain_verbs_are_not_phrases() {
        for text in [
            "党建工作，基层党组织，机关党建。",
            "开展活动，做好工作，召开会议。",
            "他说，我们去看看。",
            // 作好 is 做好 as some writers spell it.
            "为全区干部作好表率。",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn intensified_verbs() {
        for s in [
            "抓紧抓实",
            "压紧压实",
            "走深走实",
            "选好配强",
            "学深悟透",
            "建好建强",
        ] {
            assert!(intensified(s), "{s}");
        }
        for s in ["常讲常学", "贯彻落实", "敢闯敢试", "实打实干"] {
            assert!(!intensified(s), "{s}");
        }
        assert_eq!(head_verb("层层压实责任"), "压实");
        assert_eq!(head_verb("选好配强支部班子"), "选好配强");
    }
}
