//! Stock phrases found in running text: quoted formulations (term), leader quotations
//! (quote), 排比 runs and paired clauses (parallel), and set phrases (idiom).

use std::sync::LazyLock;

use crate::core::library::PhraseKind;
use crate::core::mine::{Occurrence, Segmented};
use crate::core::needles::Needles;
use crate::core::text::is_han;

/// Characters that end a sentence; no phrase but a quotation may contain one.
const SENTENCE_END: &[char] = &['。', '！', '？'];
const CLAUSE_END: &[char] = &['。', '！', '？', '；', '，', '：'];

/// Whether a phrase still contains an unfilled blank from the source (XX, **).
fn has_blank(s: &str) -> bool {
    s.contains(['*', '＊', '×']) || s.contains("XX") || s.contains('{')
}

/// All phrase occurrences in one paragraph of text at `path` in `file`.
pub fn scan(text: &str, file: &str, path: &str, seg: &mut Segmented, out: &mut Vec<Occurrence>) {
    let mut push = |kind, t: String| {
        if !has_blank(&t) {
            out.push(Occurrence {
                kind,
                text: t,
                file: file.to_string(),
                path: path.to_string(),
            });
        }
    };
    // Quotations need a speaker and a verb of saying; most paragraphs lack one, and are
    // not copied into characters.
    for t in terms(text) {
        push(PhraseKind::Term, t);
    }
    if VERB_FINDER.any_in(text) && SPEAKER_FINDER.any_in(text) {
        let chars: Vec<char> = text.chars().collect();
        for q in quotes(&chars) {
            push(PhraseKind::Quote, q);
        }
    }
    let cls = clauses(text);
    for p in parallels_in(&cls) {
        push(PhraseKind::Parallel, p);
    }
    for i in idioms_in(text, &cls, seg) {
        push(PhraseKind::Idiom, i);
    }
}

/// “…” with 2–16 characters, at least two of them Han, no sentence end inside.
fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('“') {
        let inner_start = from + open + '“'.len_utf8();
        let inner = &text[inner_start..];
        // The closing mark within the next 17 characters.
        let Some((len, (close, _))) = inner
            .char_indices()
            .take(17)
            .enumerate()
            .find(|(_, (_, c))| *c == '”')
        else {
            from = inner_start;
            continue;
        };
        let inner = &inner[..close];
        if (2..=16).contains(&len)
            && inner.chars().filter(|&x| is_han(x)).count() >= 2
            && !inner.contains(|x| SENTENCE_END.contains(&x) || x == '“')
        {
            out.push(format!("“{inner}”"));
        }
        from = inner_start + close + '”'.len_utf8();
    }
    out
}

const SPEECH_VERBS: &[&str] = &[
    "指出", "强调", "要求", "提出", "认为", "说过", "讲过", "所说",
];
const SPEAKERS: &[&str] = &[
    "总书记",
    "习近平",
    "主席",
    "列宁",
    "毛泽东",
    "邓小平",
    "马克思",
    "恩格斯",
    "同志",
    "古人",
    "先贤",
];

static VERB_FINDER: LazyLock<Needles> = LazyLock::new(|| Needles::new(SPEECH_VERBS));
static SPEAKER_FINDER: LazyLock<Needles> = LazyLock::new(|| Needles::new(SPEAKERS));

/// "习近平总书记多次强调：“…”" — the speaker, the verb and the whole quotation.
/// Unquoted reported speech of the General Secretary runs to the end of its sentence.
fn quotes(c: &[char]) -> Vec<String> {
    // One pass finds every verb; each verb then keeps its own resume point, and the
    // quotations come out verb by verb, as if each verb had been searched for in turn.
    let verbs: Vec<Vec<char>> = SPEECH_VERBS.iter().map(|v| v.chars().collect()).collect();
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut resume = vec![0usize; verbs.len()];
    for at in 0..c.len() {
        if !matches!(c[at], '指' | '强' | '要' | '提' | '认' | '说' | '讲' | '所') {
            continue;
        }
        for (v, vchars) in verbs.iter().enumerate() {
            if at < resume[v] || !c[at..].starts_with(vchars) {
                continue;
            }
            let (quote, next) = quote_at(c, at, vchars.len());
            resume[v] = next;
            if let Some(q) = quote {
                found.push((v, q));
            }
        }
    }
    found.sort_by_key(|(v, _)| *v);
    found.into_iter().map(|(_, q)| q).collect()
}

/// The quotation whose verb starts at `i` (`vlen` characters), if its speaker is one, and
/// where the search for this verb resumes.
fn quote_at(c: &[char], i: usize, vlen: usize) -> (Option<String>, usize) {
    // The speaker: back to the previous clause boundary.
    let mut s = i;
    while s > 0 && !CLAUSE_END.contains(&c[s - 1]) && !matches!(c[s - 1], '”' | '“') && i - s < 20
    {
        s -= 1;
    }
    let speaker: String = c[s..i].iter().collect();
    let mut j = i + vlen;
    if !SPEAKERS.iter().any(|sp| speaker.contains(sp)) {
        return (None, j);
    }
    if matches!(c.get(j), Some('：' | '，')) {
        j += 1;
    }
    let end = if c.get(j) == Some(&'“') {
        // The matching closing quote, allowing nested ‘’.
        c[j + 1..]
            .iter()
            .position(|&x| x == '”')
            .map(|p| j + 1 + p + 1)
    } else if speaker.contains("总书记") || speaker.contains("习近平") {
        c[j..]
            .iter()
            .position(|&x| SENTENCE_END.contains(&x))
            .map(|p| j + p + 1)
    } else {
        None
    };
    match end {
        Some(e) if e - s <= 240 && e > j + 4 => (Some(c[s..e].iter().collect()), e),
        _ => (None, j),
    }
}

/// A clause, and what the phrase scans ask of it, found while splitting.
struct Clause<'a> {
    text: &'a str,
    chars: usize,
    /// How many 、 it holds.
    enumerations: usize,
    /// Only Han characters and 、.
    han_only: bool,
}

impl Clause<'_> {
    fn empty() -> Self {
        Clause {
            text: "",
            chars: 0,
            enumerations: 0,
            han_only: true,
        }
    }
}

/// Splits text into clauses at clause punctuation, outside quotation marks.
fn clauses(text: &str) -> Vec<Clause<'_>> {
    let mut out = Vec::new();
    let mut cl = Clause::empty();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, ch) in text.char_indices() {
        match ch {
            '“' | '‘' | '《' => depth += 1,
            '”' | '’' | '》' => depth = (depth - 1).max(0),
            c if depth == 0 && CLAUSE_END.contains(&c) => {
                if i > start {
                    cl.text = &text[start..i];
                    out.push(cl);
                }
                cl = Clause::empty();
                start = i + ch.len_utf8();
                continue;
            }
            _ => {}
        }
        cl.chars += 1;
        if ch == '、' {
            cl.enumerations += 1;
        } else if cl.han_only && !is_han(ch) {
            cl.han_only = false;
        }
    }
    if start < text.len() {
        cl.text = &text[start..];
        out.push(cl);
    }
    out
}

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
            items.iter().all(|it| {
                it.len() > k
                    && first.len() > k
                    && it[it.len() - 1 - k] == first[first.len() - 1 - k]
            })
        })
        .count()
}

/// 排比: runs of three or more 、-separated items of like length sharing a first or last
/// character (同安排、同部署、同落实; 比学习、比工作、比服务、比奉献), and runs of two or more
/// clauses of equal length that open alike (在难题面前敢闯敢试，在困难面前敢抓敢管).
#[cfg(test)]
fn parallels(text: &str) -> Vec<String> {
    parallels_in(&clauses(text))
}

/// `parallels` of a text already split into clauses.
fn parallels_in(cls: &[Clause]) -> Vec<String> {
    let mut out = Vec::new();
    for cl in cls {
        // Most clauses hold no list at all.
        if cl.enumerations < 2 {
            continue;
        }
        let mut items: Vec<Vec<char>> = cl.text.split('、').map(|s| s.chars().collect()).collect();
        if items.len() < 3 {
            continue;
        }
        // The first item carries the words before the list, the last those after it: trim
        // them to the length of their neighbours.
        let n = items.len();
        let l1 = items[1].len();
        if items[0].len() > l1 {
            let f = items[0].clone();
            items[0] = f[f.len() - l1..].to_vec();
        }
        let lp = items[n - 2].len();
        if items[n - 1].len() > lp {
            items[n - 1].truncate(lp);
        }
        let lens: Vec<usize> = items.iter().map(Vec::len).collect();
        let (min, max) = (
            *lens.iter().min().unwrap_or(&0),
            *lens.iter().max().unwrap_or(&0),
        );
        if min < 2 || max > 6 || max - min > 1 || !items.iter().flatten().all(|&c| is_han(c)) {
            continue;
        }
        let shared = common_prefix(&items).max(common_suffix(&items));
        if shared >= 1 && shared < min {
            out.push(
                items
                    .iter()
                    .map(|i| i.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join("、"),
            );
        }
    }
    // Paired clauses, separated by ， or ；.
    let mut run: Vec<&Clause> = Vec::new();
    let flush = |run: &mut Vec<&Clause>, out: &mut Vec<String>| {
        if run.len() >= 2 {
            out.push(run.iter().map(|c| c.text).collect::<Vec<_>>().join("，"));
        }
        run.clear();
    };
    for cl in cls {
        let len = cl.chars;
        let fits = (6..=16).contains(&len) && cl.han_only;
        if let Some(prev) = run.last() {
            // Paired clauses open alike and agree in at least two places (在…面前敢…).
            let same = fits
                && prev.chars == len
                && prev.text.chars().next() == cl.text.chars().next()
                && {
                    let agree = prev
                        .text
                        .chars()
                        .zip(cl.text.chars())
                        .filter(|(a, b)| a == b)
                        .count();
                    (2..len).contains(&agree)
                };
            if same {
                run.push(cl);
                continue;
            }
            flush(&mut run, &mut out);
        }
        if fits {
            run.push(cl);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Four-character set phrases: words jieba's dictionary marks as idioms (i) or set
/// expressions (l) that are not just two nouns side by side (组织系统, 党的建设), and pairs of
/// four-character items that read as set phrases (驰而不息、久久为功).
#[cfg(test)]
fn idioms(text: &str, seg: &mut Segmented) -> Vec<String> {
    idioms_in(text, &clauses(text), seg)
}

/// `idioms` of a text already split into clauses.
fn idioms_in(text: &str, cls: &[Clause], seg: &mut Segmented) -> Vec<String> {
    let mut out = Vec::new();
    let words = seg.words(text);
    for (t, w) in words.iter() {
        if w.end - w.start == 4
            && t.chars().all(is_han)
            && !t.contains('的')
            && matches!(words.tag(w), "i" | "l")
            && !nominal_pair(t, seg)
        {
            out.push(t.to_string());
        }
    }
    for cl in cls {
        // Exactly one 、: a pair.
        if cl.enumerations != 1 {
            continue;
        }
        let items: Vec<&str> = cl.text.split('、').collect();
        if items.len() != 2
            || !items
                .iter()
                .all(|i| i.chars().count() == 4 && i.chars().all(is_han))
        {
            continue;
        }
        let mut set_like = |i: &str| {
            let words = seg.words(i);
            words.len() >= 3
                || words
                    .words
                    .iter()
                    .any(|w| matches!(words.tag(w), "i" | "l"))
        };
        let set_count = items.iter().filter(|&&i| set_like(i)).count();
        if set_count >= 1 && !items.iter().any(|&i| nominal_pair(i, seg)) {
            out.extend(items.iter().map(|i| i.to_string()));
        }
    }
    out
}

/// Whether a four-character word is two nominal words side by side (组织系统, 各级党委,
/// 今年以来): compositional, not a set phrase.
fn nominal_pair(w: &str, seg: &mut Segmented) -> bool {
    let mid = w.char_indices().nth(2).map_or(w.len(), |(i, _)| i);
    let nominal = |ws: &crate::core::nlp::Tagged| {
        ws.len() == 1
            && matches!(
                ws.tag(&ws.words[0]),
                "n" | "nr" | "ns" | "nt" | "nz" | "r" | "t" | "f" | "m" | "vn" | "s"
            )
    };
    let (a, b) = (seg.words(&w[..mid]), seg.words(&w[mid..]));
    nominal(&a) && nominal(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_quotes() {
        let t = "把“两个维护”体现在实效上，落实“三会一课”。习近平总书记多次强调：“理想信念就是共产党人精神上的‘钙’。”列宁指出：“一个阶级如果不从政治上正确地看问题，就不能维持它的统治。”";
        assert_eq!(terms(t), vec!["“两个维护”", "“三会一课”"]);
        // Too short, too long, unclosed, a sentence inside: not terms; the next one is.
        assert_eq!(
            terms("“党”“一二三四五六七八九十一二三四五六七”“未完。”“党建引领”“好"),
            vec!["“党建引领”"]
        );
        let c: Vec<char> = t.chars().collect();
        let q = quotes(&c);
        assert!(
            q.contains(&"习近平总书记多次强调：“理想信念就是共产党人精神上的‘钙’。”".to_string()),
            "{q:?}"
        );
        assert!(q.iter().any(|x| x.starts_with("列宁指出：“一个阶级")));
    }

    #[test]
    fn parallel_runs_and_pairs() {
        let p = parallels(
            "做到党建与业务工作同安排、同部署、同落实，防止“两张皮”。形成比学习、比工作、比服务、比奉献的生动局面。",
        );
        assert_eq!(
            p,
            vec!["同安排、同部署、同落实", "比学习、比工作、比服务、比奉献"]
        );
        let p = parallels(
            "在难题面前敢闯敢试，在困难面前敢抓敢管，在风险面前敢做敢为；要把勇于担当作为一种品质。",
        );
        assert_eq!(
            p,
            vec!["在难题面前敢闯敢试，在困难面前敢抓敢管，在风险面前敢做敢为"]
        );
        assert!(parallels("工会、共青团、妇联等群团组织").is_empty());
    }

    #[test]
    fn idiom_pairs() {
        let mut seg = Segmented::default();
        let i = idioms(
            "牢固树立“作风建设永远在路上”的意识，驰而不息、久久为功，打好攻坚战。",
            &mut seg,
        );
        assert!(
            i.contains(&"驰而不息".to_string()) && i.contains(&"久久为功".to_string()),
            "{i:?}"
        );
    }
}
