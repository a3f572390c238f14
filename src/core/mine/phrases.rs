//! Stock phrases found in running text: quoted formulations (term), leader quotations
//! (quote), 排比 runs and paired clauses (parallel, in `parallels`), idioms (in `idioms`)
//! and verb phrases (in `collocations`).

use std::sync::LazyLock;

use crate::core::library::PhraseKind;
use crate::core::mine::{Occurrence, Segmented, collocations, idioms, own_lists, parallels};
use crate::core::needles::Needles;
use crate::core::text::is_han;

/// Characters that end a sentence; no phrase but a quotation may contain one.
const SENTENCE_END: &[char] = &['。', '！', '？'];
const CLAUSE_END: &[char] = &['。', '！', '？', '；', '，', '：'];

/// Whether a phrase still contains an unfilled blank from the source (XX, **).
fn has_blank(s: &str) -> bool {
    s.contains(['*', '＊', '×']) || s.contains("XX") || s.contains('{')
}

/// A phrase found in a paragraph: its kind, its text, and whether it reads as the
/// source's own. Depends on the paragraph's text alone, so it is worked out once per
/// distinct text (`Segmented::phrases`).
pub type Found = (PhraseKind, String, bool);

/// All phrase occurrences in one paragraph of text at `path` in `file`.
pub fn scan(text: &str, file: &str, path: &str, seg: &mut Segmented, out: &mut Vec<Occurrence>) {
    for (kind, t, specific) in seg.phrases(text).iter() {
        out.push(Occurrence {
            kind: *kind,
            text: t.clone(),
            file: file.to_string(),
            path: path.to_string(),
            specific: *specific,
            context: Vec::new(),
        });
    }
}

/// The phrases of one paragraph, in the order `scan` reports them.
pub(crate) fn find(text: &str, words: &crate::core::nlp::Tagged) -> Vec<Found> {
    let mut out = Vec::new();
    let mut push = |kind, t: String, specific: bool| {
        if !has_blank(&t) {
            out.push((kind, t, specific));
        }
    };
    for (t, specific) in terms(text) {
        push(PhraseKind::Term, t, specific);
    }
    // Quotations need a speaker and a verb of saying; most paragraphs lack one, and are
    // not copied into characters.
    if VERB_FINDER.any_in(text) && SPEAKER_FINDER.any_in(text) {
        let chars: Vec<char> = text.chars().collect();
        for q in quotes(&chars) {
            push(PhraseKind::Quote, q, false);
        }
    }
    for p in parallels::parallels(text, words) {
        let own = own_lists::own_list(text, &p);
        push(PhraseKind::Parallel, p, own);
    }
    for i in idioms::idioms(words) {
        push(PhraseKind::Idiom, i, false);
    }
    for c in collocations::verb_objects(words) {
        // An intensified verb alone (抓紧抓实, 走深走实) has no object: it is a 四字格 of
        // the V1X V1Y pattern, like 敢抓敢管, not a verb–object phrase.
        let kind = if collocations::intensified(&c) {
            PhraseKind::Idiom
        } else {
            PhraseKind::Collocation
        };
        push(kind, c, false);
    }
    out
}

/// Words after a quoted term that make it an activity or campaign of the source unit
/// (“五个一”活动, “先锋论坛”), not a reusable formulation.
/// A unit's own brand or award (“桐溪好家风”评选) too; not a 模式, which may be one every
/// unit follows (“枫桥”模式).
const ACTIVITY_AFTER: &[&str] = &[
    "活动",
    "大讨论",
    "主题教育",
    "教育实践",
    "创建",
    "品牌",
    "评选",
    "评比",
];
/// Words right before a quoted term (or before its 的: 开展的“微党课进公寓”) that make it
/// the source's own event or product.
const ACTIVITY_BEFORE: &[&str] = &[
    "举办", "开展", "创建", "实行", "启动", "实施", "推出", "打造",
];
/// People whose words, quoted in passing (群众说这些年轻人“嘴甜、腿勤”), praise or describe
/// someone of the source: a saying of theirs, not a formulation.
const PEOPLE: &[&str] = &[
    "群众", "百姓", "村民", "居民", "市民", "乡亲", "大家", "职工", "师生", "同事", "网友",
];
const SAYING: &[&str] = &["说", "夸", "称赞", "评价", "称"];
/// Endings of a quoted term that name an activity, a plan or a year of a campaign.
const ACTIVITY_ENDINGS: &[&str] = &["活动", "计划", "论坛", "工程", "行动", "大讨论", "年"];

/// “…” with 2–16 characters, at least two of them Han, no sentence end inside; each
/// with whether this occurrence reads as the source's own (a campaign, an activity, a
/// list the speech defines, scare quotes around a description).
fn terms(text: &str) -> Vec<(String, bool)> {
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
        let after_close = inner_start + close + '”'.len_utf8();
        if (2..=16).contains(&len)
            && inner.chars().filter(|&x| is_han(x)).count() >= 2
            && !inner.contains(|x| SENTENCE_END.contains(&x) || x == '“')
        {
            let before = &text[..from + open];
            let after = &text[after_close..];
            out.push((format!("“{inner}”"), source_own(inner, before, after)));
        }
        from = after_close;
    }
    out
}

/// Whether a quoted term reads as the source's own rather than a general formulation.
fn source_own(inner: &str, before: &str, after: &str) -> bool {
    // The rest of the clause after the term.
    let clause_rest: String = after
        .chars()
        .take_while(|c| !CLAUSE_END.contains(c))
        .take(10)
        .collect();
    let defined = after.starts_with("，即") || after.starts_with('：') || after.starts_with('即');
    let clause_before = before.rsplit(CLAUSE_END).next().unwrap_or(before);
    let people_say = PEOPLE.iter().any(|p| clause_before.contains(p))
        && SAYING.iter().any(|v| clause_before.contains(v));
    ACTIVITY_ENDINGS.iter().any(|e| inner.ends_with(e))
        || ACTIVITY_AFTER.iter().any(|a| clause_rest.contains(a))
        || ACTIVITY_BEFORE
            .iter()
            .any(|b| before.strip_suffix('的').unwrap_or(before).ends_with(b))
        || defined
        || people_say
        // Scare quotes around a description: a verb with its complement (筑得牢,
        // 学得不够深), a negation (不符合), words of a person (他懂就行了), a number
        // written in digits (“12345”).
        || inner.contains('得')
        || inner.starts_with('不')
        || inner.contains(['他', '她', '我', '你'])
        || inner.contains(|c: char| c.is_ascii_digit())
        // A unit's own model or mechanism (“支部+合作社+农户”, “台账+清单+督办”): blind
        // writers rejected every one as another unit's.
        || inner.contains(['+', '＋'])
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

/// Characters a quotation's clause may hold before its verb of saying: the speaker, the
/// occasion and the year.
const MAX_SPEAKER_CLAUSE: usize = 40;

/// The quotation whose verb starts at `i` (`vlen` characters), if its speaker is one, and
/// where the search for this verb resumes.
fn quote_at(c: &[char], i: usize, vlen: usize) -> (Option<String>, usize) {
    // The speaker: back to the previous clause boundary. A clause longer than that
    // (习近平总书记在2016年全国卫生与健康大会上指出) is no quotation to cut: cut, it
    // would open with half a name (平总书记…).
    let boundary =
        |s: usize| s == 0 || CLAUSE_END.contains(&c[s - 1]) || matches!(c[s - 1], '”' | '“');
    let mut s = i;
    while !boundary(s) && i - s < MAX_SPEAKER_CLAUSE {
        s -= 1;
    }
    let speaker: String = c[s..i].iter().collect();
    let mut j = i + vlen;
    if !boundary(s) || !SPEAKERS.iter().any(|sp| speaker.contains(sp)) {
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
    } else if i - s <= 20 && (speaker.contains("总书记") || speaker.contains("习近平")) {
        // Unquoted words only after a short clause: in “总书记关于…的重要思想对…提出了
        // 新的更高要求，” 要求 is a noun and nothing is in his words.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_quotes() {
        let t = "把“两个维护”体现在实效上，落实“三会一课”。习近平总书记多次强调：“理想信念就是共产党人精神上的‘钙’。”列宁指出：“一个阶级如果不从政治上正确地看问题，就不能维持它的统治。”";
        assert_eq!(
            terms(t).into_iter().map(|x| x.0).collect::<Vec<_>>(),
            vec!["“两个维护”", "“三会一课”"]
        );
        // Too short, too long, unclosed, a sentence inside: not terms; the next one is.
        assert_eq!(
            terms("“党”“一二三四五六七八九十一二三四五六七”“未完。”“党建引领”“好")
                .into_iter()
                .map(|x| x.0)
                .collect::<Vec<_>>(),
            vec!["“党建引领”"]
        );
        let c: Vec<char> = t.chars().collect();
        let q = quotes(&c);
        assert!(
            q.contains(&"习近平总书记多次强调：“理想信念就是共产党人精神上的‘钙’。”".to_string()),
            "{q:?}"
        );
        assert!(q.iter().any(|x| x.starts_with("列宁指出：“一个阶级")));
        // A long clause before the verb is taken whole, never from half a name; without
        // quotation marks it gives no quotation.
        let t = "习近平总书记在2016年全国卫生与健康大会上指出，广大卫生与健康工作者要弘扬“敬佑生命、救死扶伤、甘于奉献、大爱无疆”的崇高精神。";
        let c: Vec<char> = t.chars().collect();
        assert!(
            quotes(&c).iter().all(|q| q.starts_with("习近平")),
            "{:?}",
            quotes(&c)
        );
        let t =
            "习近平总书记在2016年全国卫生与健康大会上指出：“广大卫生与健康工作者要弘扬崇高精神。”";
        let c: Vec<char> = t.chars().collect();
        assert_eq!(quotes(&c), vec![t.to_string()]);
        let t = "习近平总书记关于党的建设的重要思想对新时代党的组织工作提出了新的更高要求，我们要深刻领会。";
        let c: Vec<char> = t.chars().collect();
        assert!(quotes(&c).is_empty(), "{:?}", quotes(&c));
    }

    #[test]
    fn an_intensified_verb_alone_is_a_four_character_pattern_not_a_verb_object() {
        let text = "推动问题整改走深走实，层层压实责任。";
        let found = find(text, &crate::core::nlp::segment(text));
        let kind_of = |t: &str| found.iter().find(|f| f.1 == t).map(|f| f.0);
        assert_eq!(kind_of("走深走实"), Some(PhraseKind::Idiom), "{found:?}");
        assert_eq!(
            kind_of("层层压实责任"),
            Some(PhraseKind::Collocation),
            "{found:?}"
        );
    }

    #[test]
    fn campaigns_activities_and_scare_quotes_are_the_sources_own() {
        let own = terms;
        let t = own(
            "扎实抓好“基层减负年”活动，开展“五个一”活动，举办“先锋论坛”，确保能力“过得硬”，存在“不符合”的问题。",
        );
        assert!(t.iter().all(|(_, o)| *o), "{t:?}");
        let t = own("落实“三会一课”制度，做到“两个维护”，纠治“四风”。");
        assert!(t.iter().all(|(_, o)| !*o), "{t:?}");
        let t = own("坚持“五性”，即政治立场的坚定性。");
        assert!(t[0].1);
        // An activity the unit ran, a brand it made, an award it gives.
        let t = own("二支部开展的“微党课进公寓”被推广，打造“清风书院”，深化“好家风”评选。");
        assert!(t.iter().all(|(_, o)| *o), "{t:?}");
        // What people say of someone of the unit.
        let t = own("群众说这些年轻人“嘴甜、腿勤、办事实在”，乡亲们夸他是“贴心人”。");
        assert!(t.iter().all(|(_, o)| *o), "{t:?}");
        // A unit's own model or mechanism.
        let t = own("深化“支部+合作社+农户”模式，推行“台账+清单+督办”机制。");
        assert!(t.iter().all(|(_, o)| *o), "{t:?}");
        // Rules every unit carries out, and a 模式 as such, are not.
        let t = own("推行“积分制”，推广“枫桥”模式，大家都要守住“底线”。");
        assert!(t.iter().all(|(_, o)| !*o), "{t:?}");
    }
}
