//! The shape that makes items a 排比: shared openings or endings, a shared core or
//! position, or words of one shape each led by a verb; never a list of names.

use crate::core::nlp;

/// Longest item of a run, in characters.
pub(super) const MAX_ITEM: usize = 16;

fn common_prefix(items: &[Vec<char>]) -> usize {
    let first = &items[0];
    (0..first.len())
        .take_while(|&k| items.iter().all(|it| it.get(k) == first.get(k)))
        .count()
}

fn common_suffix(items: &[Vec<char>]) -> usize {
    let first = &items[0];
    (0..first.len())
        .take_while(|&k| {
            items
                .iter()
                .all(|it| it.len() > k && it[it.len() - 1 - k] == first[first.len() - 1 - k])
        })
        .count()
}

/// Whether every item holds one stretch of two or more characters (机关党建是).
fn shared_core(items: &[Vec<char>]) -> bool {
    let first = &items[0];
    (0..first.len().saturating_sub(1)).any(|a| {
        let core = &first[a..a + 2];
        items[1..].iter().all(|it| it.windows(2).any(|w| w == core))
    })
}

/// Whether the items share an interior position (观大势、谋大事、讲大局; 思想上…、政治上…).
fn shared_position(items: &[Vec<char>]) -> bool {
    let n = items[0].len();
    items.iter().all(|i| i.len() == n)
        && (1..n.saturating_sub(1)).any(|k| items.iter().all(|i| i[k] == items[0][k]))
}

/// Whether the items are phrases of the same shape: words of the same lengths, each item
/// opening with a verb (知敬畏、存戒惧、守底线; 坚定信心、振奋精神、鼓足干劲) or each ending
/// with what is said of its subject (理论强、业务精、本领高).
fn same_verb_shape(items: &[Vec<char>]) -> bool {
    let words = |i: &Vec<char>| -> Vec<(String, &'static str)> {
        let s: String = i.iter().collect();
        let t = nlp::segment(&s);
        t.iter().map(|(w, x)| (w.to_string(), t.tag(x))).collect()
    };
    let segmented: Vec<Vec<(String, &'static str)>> = items.iter().map(words).collect();
    // The word lengths of an item jieba splits; one it keeps whole (改造思想/i beside
    // 改变/习惯) is cut the same way, each part tagged alone.
    // Four-character items all kept whole (坚定信心、振奋精神、鼓足干劲、开拓进取) are two
    // and two.
    let Some(pattern) = segmented
        .iter()
        .find(|ws| ws.len() >= 2)
        .map(|ws| {
            ws.iter()
                .map(|(w, _)| w.chars().count())
                .collect::<Vec<_>>()
        })
        .or_else(|| items.iter().all(|i| i.len() == 4).then(|| vec![2, 2]))
    else {
        return false;
    };
    let shape = |i: &Vec<char>, ws: &Vec<(String, &'static str)>| -> Option<(bool, bool)> {
        let parts: Vec<(String, &'static str)> =
            if ws.len() == 1 && i.len() == pattern.iter().sum::<usize>() {
                let mut at = 0;
                pattern
                    .iter()
                    .map(|&n| {
                        let w: String = i[at..at + n].iter().collect();
                        at += n;
                        let tag = nlp::word_tag(&w);
                        (w, tag)
                    })
                    .collect()
            } else {
                ws.clone()
            };
        let lens: Vec<usize> = parts.iter().map(|(w, _)| w.chars().count()).collect();
        let verb =
            |p: Option<&(String, &str)>| p.is_some_and(|p| matches!(p.1, "v" | "vd" | "a" | "ad"));
        (lens == pattern).then(|| (verb(parts.first()), verb(parts.last())))
    };
    let shapes: Option<Vec<(bool, bool)>> = items
        .iter()
        .zip(&segmented)
        .map(|(i, ws)| shape(i, ws))
        .collect();
    let Some(shapes) = shapes else {
        return false;
    };
    items.iter().all(|i| i.len() == items[0].len())
        && (shapes.iter().all(|s| s.0) || shapes.iter().all(|s| s.1))
}

/// Whether every item is only nouns (机关党委、机关纪委; 政治素质、政治能力): a list of
/// names, not a pair of phrases.
fn all_nominal(items: &[Vec<char>]) -> bool {
    items.iter().all(|i| {
        let s: String = i.iter().collect();
        let t = nlp::segment(&s);
        t.words
            .iter()
            .all(|w| matches!(t.tag(w), "n" | "nz" | "nt" | "vn" | "ng" | "j"))
    })
}

/// Whether items (all Han, of like length) have parallel shape.
/// `enumerated`: the items are separated by 、 (a pair of them may share just an opening).
pub(super) fn parallel_shape(items: &[Vec<char>], enumerated: bool) -> bool {
    let lens = items.iter().map(Vec::len);
    let (min, max) = (lens.clone().min().unwrap_or(0), lens.max().unwrap_or(0));
    let (p, s) = (common_prefix(items), common_suffix(items));
    // Three items or more opening with one word (带头讲党课、带头参加双重组织生活会、带头
    // 开展批评和自我批评) are a run though their lengths differ.
    let anaphora = items.len() >= 3 && p >= 2 && max <= 3 * min;
    if min < 2 || max > MAX_ITEM || (max - min > 2 && !anaphora) {
        return false;
    }
    let affix = p + s > 0 && p + s < min;
    if items.len() == 2 {
        // A pair needs more than one shared character, at both ends or aligned.
        let front = items[0]
            .iter()
            .zip(&items[1])
            .filter(|(x, y)| x == y)
            .count();
        let aligned =
            min == max && min <= 10 && p >= 1 && (2..min).contains(&front) && front * 3 >= min;
        let shaped = (affix && p >= 1 && s >= 1 && p + s >= 2)
            || (affix && p + s >= 3)
            || (enumerated && affix && p >= 2 && min >= 5)
            || aligned;
        return shaped && !all_nominal(items);
    }
    // Two-character items sharing their first character are names (全国、全省、全市).
    if min == 2 && s == 0 && !same_verb_shape(items) {
        return false;
    }
    (affix && (p + s) * 3 >= min)
        // A shared ending on items of one length (全面系统学、深入思考学、联系实际学).
        || (affix && s >= 1 && min == max)
        || (min >= 5 && shared_core(items) && p + s < min)
        || shared_position(items)
        || same_verb_shape(items)
}
