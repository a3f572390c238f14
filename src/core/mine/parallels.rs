//! 排比 and 对偶 by structure: runs of items of parallel shape — in one clause separated
//! by 、 (知敬畏、存戒惧、守底线), or clauses separated by ，/； (在难题面前敢闯敢试，在困难面前
//! 敢抓敢管…) — and paired four-character clauses that make a sentence (基础不牢，地动山摇).
//! A run is always complete: the words before its first item (要善于, 即, a subject) are
//! cut at a word boundary chosen to match the items that follow, never into the item.

use crate::core::mine::run_shape::{MAX_ITEM, parallel_shape};
use crate::core::nlp::Tagged;
use crate::core::text::is_han;

/// Ends a clause; the first three also end a sentence.
const SENTENCE_END: [char; 3] = ['。', '！', '？'];
const CLAUSE_END: [char; 6] = ['。', '！', '？', '；', '，', '：'];

/// A span of the paragraph's characters.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn len(self) -> usize {
        self.end - self.start
    }
}

/// A clause: its span, the sentence it belongs to, and whether it is all Han.
struct Clause {
    span: Span,
    sentence: usize,
    han: bool,
    enumerations: Vec<Span>,
}

/// Parallel runs and pairs in a paragraph, given its words.
pub fn parallels(text: &str, words: &Tagged) -> Vec<String> {
    // Most paragraphs hold no run: a run needs two separators of some kind.
    let seps = text.matches(['、', '，', '；']).count();
    if seps < 1 {
        return Vec::new();
    }
    let c: Vec<char> = text.chars().collect();
    let mut bounds = vec![false; c.len() + 1];
    for w in &words.words {
        if w.end <= c.len() {
            bounds[w.start] = true;
            bounds[w.end] = true;
        }
    }
    bounds[0] = true;
    bounds[c.len()] = true;
    // jieba joins 要 to the verb after it (要带头, 都要抓): the item starts at the verb.
    for w in &words.words {
        let word = words.word(w);
        for lead in ["都要", "还要", "更要", "也要", "就要", "要"] {
            let n = lead.chars().count();
            if word.starts_with(lead) && w.end - w.start > n + 1 && w.end <= c.len() {
                bounds[w.start + n] = true;
                break;
            }
        }
    }
    let cls = clauses(&c);
    let mut out = Vec::new();
    for cl in &cls {
        if cl.enumerations.len() >= 2 {
            enumeration(&c, &bounds, words, &cl.enumerations, &mut out);
        }
    }
    clause_runs(&c, &bounds, &cls, &mut out);
    pairs_of_four(&c, &cls, &mut out);
    out
}

/// Clauses outside quotation marks and brackets, each with its 、-separated items.
fn clauses(c: &[char]) -> Vec<Clause> {
    let mut out = Vec::new();
    let (mut start, mut depth, mut sentence) = (0, 0i32, 0);
    let mut items_from = 0;
    let mut items = Vec::new();
    let mut han = true;
    for (i, &ch) in c.iter().enumerate() {
        match ch {
            '“' | '‘' | '《' | '（' | '(' => {
                depth += 1;
                han = false;
            }
            '”' | '’' | '》' | '）' | ')' => {
                depth = (depth - 1).max(0);
                han = false;
            }
            '、' if depth == 0 => {
                items.push(Span {
                    start: items_from,
                    end: i,
                });
                items_from = i + 1;
                han = false;
            }
            x if depth == 0 && CLAUSE_END.contains(&x) => {
                if i > start {
                    if !items.is_empty() {
                        items.push(Span {
                            start: items_from,
                            end: i,
                        });
                    }
                    out.push(Clause {
                        span: Span { start, end: i },
                        sentence,
                        han,
                        enumerations: std::mem::take(&mut items),
                    });
                }
                items.clear();
                if SENTENCE_END.contains(&x) || x == '：' {
                    sentence += 1;
                }
                start = i + 1;
                items_from = i + 1;
                han = true;
            }
            x if !is_han(x) => han = false,
            _ => {}
        }
    }
    if start < c.len() {
        if !items.is_empty() {
            items.push(Span {
                start: items_from,
                end: c.len(),
            });
        }
        out.push(Clause {
            span: Span {
                start,
                end: c.len(),
            },
            sentence,
            han,
            enumerations: items,
        });
    }
    out
}

fn text_of(c: &[char], s: Span) -> Vec<char> {
    c[s.start..s.end].to_vec()
}

/// Positions where two items agree, counted from the start and from the end.
fn agreement(a: &[char], b: &[char]) -> usize {
    let front = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let back = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .filter(|(x, y)| x == y)
        .count();
    front + back
}

/// The first item of a run without the words before it: the suffix of `first`, starting
/// at a word boundary, that best matches the items after it.
fn trim_first(
    c: &[char],
    bounds: &[bool],
    first: Span,
    others: &[Vec<char>],
    last_raw: Option<&[char]>,
) -> Option<Span> {
    let reference = others.first()?.len();
    let mut best: Option<(usize, usize, Span)> = None;
    for (start, &bound) in bounds.iter().enumerate().take(first.end).skip(first.start) {
        let s = Span {
            start,
            end: first.end,
        };
        if !bound || s.len() > reference + 2 || s.len() < 2 {
            continue;
        }
        let item = text_of(c, s);
        // A shorter item is the first only when it opens like the next (党组织书记要|带头
        // 讲党课、带头参加…): else the run would start inside its subject.
        if s.len() + 2 < reference && prefix(&item, &others[0]) < 2 {
            continue;
        }
        // Items agree in places and, most tellingly, open alike (争做…、争做…); the last
        // item still carries what follows the run, so only its opening counts.
        let score: usize = others
            .iter()
            .take(3)
            .map(|o| agreement(&item, o) + 2 * prefix(&item, o))
            .sum::<usize>()
            + last_raw.map_or(0, |l| 2 * prefix(&item, l));
        let off = s.len().abs_diff(reference);
        let better = best.is_none_or(|(bs, boff, _)| score > bs || (score == bs && off < boff));
        if better {
            best = Some((score, off, s));
        }
    }
    best.map(|b| b.2)
}

fn prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The last item of a run without the words after it (比奉献的生动局面 → 比奉献).
fn trim_last(c: &[char], bounds: &[bool], last: Span, others: &[Vec<char>]) -> Option<Span> {
    let reference = others.last()?.len();
    let mut best: Option<(usize, usize, Span)> = None;
    for end in (last.start + 2..=last.end).rev() {
        let s = Span {
            start: last.start,
            end,
        };
        if !bounds[end] || s.len() + 2 < reference || s.len() > reference + 2 {
            continue;
        }
        let item = text_of(c, s);
        let score: usize = others
            .iter()
            .rev()
            .take(3)
            .map(|o| agreement(&item, o))
            .sum();
        let off = s.len().abs_diff(reference);
        let better = best.is_none_or(|(bs, boff, _)| score > bs || (score == bs && off < boff));
        if better {
            best = Some((score, off, s));
        }
    }
    best.map(|b| b.2)
}

/// The last item with the noun that ends its clause, when the trim stopped one word short
/// of it (管好身边|工作人员, 带头批评错误观点和|错误倾向): a run's last item may be longer
/// than the others, and nothing follows it in the clause to trim away.
fn whole_last_noun(
    c: &[char],
    words: &Tagged,
    last: Span,
    raw: Span,
    others: &[Vec<char>],
) -> Span {
    let whole = Span {
        start: last.start,
        end: raw.end,
    };
    // An item never ends on a conjunction (错误观点和): what it joins is the item's too.
    let joined = last.end < raw.end
        && words
            .words
            .iter()
            .any(|w| w.end == last.end && matches!(words.tag(w), "c" | "p"));
    let next = words.words.iter().find(|w| w.start == last.end);
    let noun =
        next.is_some_and(|w| w.end == raw.end && matches!(words.tag(w), "n" | "nz" | "l" | "vn"));
    // One letter left in the clause ends the item when it ends the others too (扛在肩上、
    // 抓在手上、落在行动|上), not when it closes a frame around the run (在抓基础、抓规范、
    // 抓质量|上下功夫) or ties it to a noun (不作为、慢作为、乱作为|的).
    let one_left = raw.end == last.end + 1 && others.iter().all(|o| o.last() == c.get(last.end));
    if (joined && raw.len() <= MAX_ITEM) || noun || one_left {
        whole
    } else {
        last
    }
}

fn push_run(items: &[Vec<char>], sep: &str, out: &mut Vec<String>) {
    out.push(
        items
            .iter()
            .map(|i| i.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(sep),
    );
}

/// A run of 、-separated items in one clause.
fn enumeration(c: &[char], bounds: &[bool], words: &Tagged, spans: &[Span], out: &mut Vec<String>) {
    let n = spans.len();
    let middle: Vec<Vec<char>> = spans[1..n - 1].iter().map(|&s| text_of(c, s)).collect();
    let last_raw = text_of(c, spans[n - 1]);
    let after_first: Vec<Vec<char>> = if middle.is_empty() {
        vec![last_raw.clone()]
    } else {
        middle.clone()
    };
    let Some(first) = trim_first(c, bounds, spans[0], &after_first, Some(&last_raw)) else {
        return;
    };
    let mut before_last = vec![text_of(c, first)];
    before_last.extend(middle.iter().cloned());
    let Some(last) = trim_last(c, bounds, spans[n - 1], &before_last) else {
        return;
    };
    let mut items = before_last;
    items.push(text_of(c, last));
    if items.iter().flatten().all(|&x| is_han(x)) && parallel_shape(&items, true) {
        // The shape is judged on the trimmed items; the run ships its whole last item.
        let whole = whole_last_noun(c, words, last, spans[n - 1], &items[..items.len() - 1]);
        if let Some(l) = items.last_mut() {
            *l = text_of(c, whole);
        }
        push_run(&items, "、", out);
    }
}

/// Runs of whole clauses of parallel shape in one sentence.
fn clause_runs(c: &[char], bounds: &[bool], cls: &[Clause], out: &mut Vec<String>) {
    let fits = |cl: &Clause| cl.han && cl.enumerations.is_empty() && cl.span.len() >= 4;
    let mut i = 0;
    while i + 1 < cls.len() {
        let (a, b) = (&cls[i], &cls[i + 1]);
        if !(fits(a) && fits(b) && a.sentence == b.sentence && b.span.len() <= MAX_ITEM) {
            i += 1;
            continue;
        }
        let second = text_of(c, b.span);
        // 特别是…, 尤其是…: the second clause singles out part of the first.
        if ["特别是", "尤其是", "包括", "其中"]
            .iter()
            .any(|w| second.starts_with(&w.chars().collect::<Vec<_>>()[..]))
        {
            i += 1;
            continue;
        }
        let third = cls
            .get(i + 2)
            .filter(|x| fits(x) && x.sentence == a.sentence)
            .map(|x| text_of(c, x.span));
        let Some(first) = trim_first(
            c,
            bounds,
            a.span,
            std::slice::from_ref(&second),
            third.as_deref(),
        ) else {
            i += 1;
            continue;
        };
        let mut items = vec![text_of(c, first), second];
        if !parallel_shape(&items, false) {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < cls.len() && fits(&cls[j]) && cls[j].sentence == a.sentence {
            let next = text_of(c, cls[j].span);
            let mut longer = items.clone();
            longer.push(next);
            let pair_ok = parallel_shape(&longer[longer.len() - 2..], false);
            if !(pair_ok && parallel_shape(&longer, false)) {
                break;
            }
            items = longer;
            j += 1;
        }
        push_run(&items, "，", out);
        i = j;
    }
}

/// A sentence of two four-character clauses: 基础不牢，地动山摇.
fn pairs_of_four(c: &[char], cls: &[Clause], out: &mut Vec<String>) {
    for w in cls.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let alone = |k: usize| cls.iter().filter(|x| x.sentence == k).count() == 2;
        if a.sentence == b.sentence
            && a.han
            && b.han
            && a.span.len() == 4
            && b.span.len() == 4
            && alone(a.sentence)
        {
            push_run(&[text_of(c, a.span), text_of(c, b.span)], "，", out);
        }
    }
}

/// The items of a mined run: its clauses between 、，；.
pub fn items(run: &str) -> usize {
    run.split(['、', '，', '；'])
        .filter(|c| !c.is_empty())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::nlp::segment;

    fn found(text: &str) -> Vec<String> {
        parallels(text, &segment(text))
    }

    #[test]
    fn a_last_item_keeps_its_noun_and_a_first_drops_its_subject() {
        let cases = [
            (
                "推动领导干部管好自己、管好亲属、管好身边工作人员，以清正廉洁的家风涵养政风。",
                "管好自己、管好亲属、管好身边工作人员",
            ),
            (
                "书记要带头抓意识形态工作、带头管阵地把导向强队伍、带头批评错误观点和错误倾向；",
                "带头抓意识形态工作、带头管阵地把导向强队伍、带头批评错误观点和错误倾向",
            ),
            (
                "要把管党治党的政治责任扛在肩上、抓在手上、落在行动上，做到守土有责。",
                "扛在肩上、抓在手上、落在行动上",
            ),
            (
                "各级党组织书记要带头讲党课、带头参加双重组织生活会、带头开展批评和自我批评，真正让组织生活“辣味”足起来。",
                "带头讲党课、带头参加双重组织生活会、带头开展批评和自我批评",
            ),
        ];
        for (text, run) in cases {
            assert_eq!(found(text), vec![run.to_string()], "{text}");
        }
    }

    #[test]
    fn runs_are_complete_with_their_first_item() {
        let cases = [
            (
                "要善于观大势、谋大事、讲大局，自觉站在高度。",
                "观大势、谋大事、讲大局",
            ),
            (
                "进一步强化纪律规矩意识，知敬畏、存戒惧、守底线，自觉接受监督。",
                "知敬畏、存戒惧、守底线",
            ),
            (
                "要切实担负起主体责任，强化抓机关党建是本职、不抓机关党建是失职、抓不好机关党建是渎职的理念。",
                "抓机关党建是本职、不抓机关党建是失职、抓不好机关党建是渎职",
            ),
            (
                "只要都能发挥作用，我们党就会很有力量，我们国家就会很有力量，我们人民就会很有力量，党的执政基础就能坚如磐石。",
                "我们党就会很有力量，我们国家就会很有力量，我们人民就会很有力量",
            ),
            (
                "党的基层组织在体系中居于基础地位。基础不牢，地动山摇。",
                "基础不牢，地动山摇",
            ),
            (
                "始终以党的旗帜为旗帜、以党的方向为方向、以党的意志为意志，主动看齐。",
                "以党的旗帜为旗帜、以党的方向为方向、以党的意志为意志",
            ),
            (
                "形成比学习、比工作、比服务、比奉献的生动局面。",
                "比学习、比工作、比服务、比奉献",
            ),
            // Items jieba keeps whole (改造思想/i, 开拓进取/i) are cut like their
            // neighbours.
            (
                "推动问题纠治走深走实，不断改造思想、改变习惯、改进作风，树立良好形象。",
                "改造思想、改变习惯、改进作风",
            ),
            (
                "进一步坚定信心、振奋精神、鼓足干劲、开拓进取，把各项工作任务落到实处。",
                "坚定信心、振奋精神、鼓足干劲、开拓进取",
            ),
        ];
        for (text, want) in cases {
            let f = found(text);
            assert!(f.contains(&want.to_string()), "{text}: {f:?}");
        }
    }

    #[test]
    fn lists_of_names_are_not_runs() {
        for text in [
            "工会、共青团、妇联等群团组织是桥梁和纽带。",
            "开展部门机关党委副书记、党支部书记、党小组组长示范培训。",
            "要从内容、形式、载体、方法、手段等方面进行改进。",
            "要切实履职，要加强指导。",
            "深入学习贯彻党的二十大和二十届历次全会精神，特别是二十届四中全会精神。",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
