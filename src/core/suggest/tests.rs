//! Unit tests of the phrase index: what it never offers and how the top is spread.

use super::*;
use crate::core::library::PhraseSource;

fn phrase(text: &str, kind: PhraseKind) -> Phrase {
    Phrase {
        text: text.to_string(),
        kind,
        topics: Vec::new(),
        keywords: nlp::keywords(text),
        count: 1,
        sources: vec![PhraseSource {
            file: "a.txt".into(),
            path: String::new(),
        }],
    }
}

fn texts(idx: &PhraseIndex, body: &str, date: &str) -> Vec<String> {
    idx.query_dated("", body, date, 10, None)
        .into_iter()
        .map(|s| s.phrase.text.clone())
        .collect()
}

#[test]
fn whole_words_not_substrings_or_numerals() {
    let lib = [
        phrase("不敢创新", PhraseKind::Idiom),
        phrase("“八项制度”", PhraseKind::Term),
        phrase("一体推进不敢腐不能腐不想腐", PhraseKind::Collocation),
    ];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let got = texts(&idx, "坚持不敢腐，落实中央八项规定", "2026-01-01");
    assert!(
        !got.iter().any(|t| t == "不敢创新" || t == "“八项制度”"),
        "{got:?}"
    );
}

#[test]
fn dated_said_and_not_yet_current_phrases_are_never_offered() {
    let lib = [
        phrase("“基层减负年”", PhraseKind::Term),
        phrase("驰而不息纠治“四风”", PhraseKind::Collocation),
        phrase("严明纪律规矩", PhraseKind::Collocation),
    ];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let got = texts(
        &idx,
        "为基层减负，纠治四风，驰而不息纠治“四风”",
        "2026-05-01",
    );
    assert!(!got.iter().any(|t| t.contains("基层减负年")), "{got:?}");
    assert!(!got.iter().any(|t| t.starts_with("驰而不息")), "{got:?}");
    // The standard formulations of 2021 are offered in 2026 (“两个确立”, or the sentence
    // that holds it), not in a speech of 2020.
    let body = "深刻领会确立核心地位的决定性意义";
    let got = texts(&idx, body, "2026-05-01");
    assert!(got.iter().any(|t| t.contains("“两个确立”")), "{got:?}");
    let got = texts(&idx, body, "2020-05-01");
    assert!(!got.iter().any(|t| t.contains("“两个确立”")), "{got:?}");
}

#[test]
fn a_kind_takes_its_free_places_on_scores_then_yields() {
    // Ten formulations scoring 10, 9.5, 9 … and a 排比 at 6: with five places free, five
    // formulations come first, however close the 排比; the sixth (7.5 × 0.7) yields to it.
    let kind = |i: u32| {
        if i == 99 {
            PhraseKind::Parallel
        } else {
            PhraseKind::Standard
        }
    };
    let mut ranked: Vec<(u32, f32, u64)> = (0..10).map(|i| (i, 10.0 - i as f32 * 0.5, 0)).collect();
    ranked.push((99, 6.0, 0));
    let picked = rank::diversify(&mut ranked, 8, 5, kind, |_| true);
    let ids: Vec<u32> = picked.iter().map(|p| p.0).collect();
    assert_eq!(ids[..6], [0, 1, 2, 3, 4, 99], "{ids:?}");
    // With one place free (the decay from the first pick), the 排比 comes third: after
    // 10 and 9.5, 9 × 0.7² falls under 6.
    let picked = rank::diversify(&mut ranked, 8, 1, kind, |_| true);
    assert_eq!(picked[2].0, 99, "{picked:?}");
}

#[test]
fn the_top_holds_several_kinds() {
    // Six verb phrases and the built-in standard formulations on discipline would
    // fill the top 4 on their own; the 排比 that shares the words must still get in.
    let mut lib: Vec<Phrase> = (0..6)
        .map(|i| phrase(&format!("严明纪律规矩{i}"), PhraseKind::Collocation))
        .collect();
    lib.push(phrase("严明纪律、严守规矩、严格作风", PhraseKind::Parallel));
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let hits = idx.query_dated("", "严明纪律规矩", "2026-01-01", 4, None);
    let kinds: Vec<PhraseKind> = hits.iter().map(|h| h.phrase.kind).collect();
    assert!(kinds.contains(&PhraseKind::Parallel), "{kinds:?}");
    assert!(kinds.iter().any(|k| *k != kinds[0]), "{kinds:?}");
    assert!(hits.iter().all(|h| !h.reason.is_empty()));
}

#[test]
fn a_word_inside_a_known_compound_matches_counting_less() {
    assert!(sub_words("责任人").contains(&"责任".to_string()));
    assert!(sub_words("工作作风").contains(&"作风".to_string()));
    // Two characters have no smaller word; a word jieba does not know has its spans
    // from `keywords_of` already.
    assert!(sub_words("责任").is_empty());
    assert!(sub_words("纠治四风").is_empty());
    // A library of some size, as any mined one is (two phrases give words too little
    // weight to be shown), and a phrase on the paragraph's subject: one word in passing
    // with nothing else in common is not shown at all.
    let mut lib: Vec<Phrase> = (0..60)
        .map(|i| phrase(&format!("弘扬传统美德{i}"), PhraseKind::Idiom))
        .collect();
    lib.push(Phrase {
        topics: vec!["责任落实".into()],
        ..phrase("层层压实责任", PhraseKind::Collocation)
    });
    lib.push(phrase("强化服务理念", PhraseKind::Collocation));
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let hits = idx.query_dated(
        "",
        "明确具体责任人和完成时限，确保整改到位",
        "2026-01-01",
        4,
        None,
    );
    let hit = hits.iter().find(|h| h.phrase.text == "层层压实责任");
    assert!(hit.is_some_and(|h| h.matched == ["责任"]), "{hits:?}");
    // The same phrase scores more when the paragraph says the word itself.
    let direct = idx.query_dated(
        "",
        "明确具体责任和完成时限，确保整改到位",
        "2026-01-01",
        4,
        None,
    );
    let score = |hs: &[Suggestion]| {
        hs.iter()
            .find(|h| h.phrase.text == "层层压实责任")
            .map(|h| h.score)
    };
    assert!(score(&direct) > score(&hits), "{direct:?} {hits:?}");
}

#[test]
fn a_word_only_inside_a_compound_is_not_said() {
    // 责任 stands only inside 责任人: 压实责任 is not what the paragraph says.
    let lib = [phrase("压实责任", PhraseKind::Collocation)];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let got = texts(&idx, "要压实各级责任人的担子", "2026-01-01");
    assert!(got.iter().any(|t| t == "压实责任"), "{got:?}");
}

#[test]
fn a_phrase_whose_words_lie_inside_the_paragraphs_own_is_said() {
    let lib = [
        phrase("层层压实责任", PhraseKind::Collocation),
        phrase("政治自觉、思想自觉、行动自觉", PhraseKind::Parallel),
        phrase("锤炼党性", PhraseKind::Collocation),
    ];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    // 压实 lies in 压紧压实, 责任 in 主体责任: jieba's words are not the phrase's.
    let body = "要压紧压实主体责任，把政治建设摆在首位，在思想上行动上自觉对标，锤炼党性";
    let got = texts(&idx, body, "2026-01-01");
    assert!(!got.iter().any(|t| t == "层层压实责任"), "{got:?}");
    // A run's words standing apart in the paragraph are not the run said.
    let body = "坚持政治建设统领，思想上对标看齐，行动上自觉跟进，推动党性修养和作风养成";
    let got = texts(&idx, body, "2026-01-01");
    assert!(
        got.iter().any(|t| t == "政治自觉、思想自觉、行动自觉"),
        "{got:?}"
    );
}

#[test]
fn a_phrase_for_people_the_paragraph_never_names_ranks_lower() {
    let lib = [
        phrase("完善干部考核评价体系", PhraseKind::Collocation),
        phrase("健全考核评价机制", PhraseKind::Collocation),
    ];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let score = |body: &str, text: &str| {
        idx.query_dated("", body, "2026-01-01", 10, None)
            .into_iter()
            .find(|s| s.phrase.text == text)
            .map(|s| s.score)
    };
    // Beside a paragraph on supervisors, the cadres' phrase counts half.
    let tutors = "要加强对导师的日常考核和综合评价，把师德师风放在首位";
    let cadres = "要加强对干部的日常考核和综合评价，把政治标准放在首位";
    let (a, b) = (
        score(tutors, "完善干部考核评价体系"),
        score(cadres, "完善干部考核评价体系"),
    );
    assert!(a.zip(b).is_some_and(|(a, b)| a < b * 0.6), "{a:?} {b:?}");
    // A phrase naming no group is not touched.
    let (c, d) = (
        score(tutors, "健全考核评价机制"),
        score(cadres, "健全考核评价机制"),
    );
    assert!(
        c.zip(d).is_some_and(|(c, d)| (c - d).abs() < 0.2 * d),
        "{c:?} {d:?}"
    );
}

#[test]
fn a_phrase_for_a_line_of_work_the_paragraph_never_names_ranks_lower() {
    // One phrase per library, so that neither hides the other (one holds the other's words).
    let score = |body: &str, text: &str| {
        let lib = [phrase(text, PhraseKind::Collocation)];
        PhraseIndex::new(&lib, TopicLexicon::builtin())
            .query_dated("", body, "2026-01-01", 10, None)
            .into_iter()
            .find(|s| s.phrase.text == text)
            .map(|s| s.score)
    };
    // Beside a paragraph on an environmental inspection, the 巡视 phrase counts half (or
    // falls under the least fit, and is not shown).
    let inspection = "要抓好生态环境保护督察反馈问题的整改，明确整改责任，逐项销号";
    let tour = "要抓好巡视反馈问题的整改，明确整改责任，逐项销号";
    let (a, b) = (
        score(inspection, "压实巡视整改主体责任"),
        score(tour, "压实巡视整改主体责任"),
    );
    assert!(b.is_some_and(|b| a.unwrap_or(0.0) < b * 0.6), "{a:?} {b:?}");
    // A phrase naming no line is not touched.
    let (c, d) = (
        score(inspection, "压实整改主体责任"),
        score(tour, "压实整改主体责任"),
    );
    assert!(
        c.zip(d).is_some_and(|(c, d)| (c - d).abs() < 0.2 * d),
        "{c:?} {d:?}"
    );
}

#[test]
fn a_standard_formulation_comes_before_a_past_speech_s_run_of_the_same_fit() {
    // The same words, once as a standard formulation and once as one speech's 排比: blind
    // writers took the standard ones far more often, so it comes first. Asked for 排比
    // alone, the panel still offers the run that fits.
    let lib = [
        phrase("严明纪律、严守规矩、严格作风", PhraseKind::Parallel),
        phrase("严明纪律，严守规矩，严格作风", PhraseKind::Standard),
    ];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let hits = idx.query_dated("", "抓纪律、守规矩、转作风", "2026-01-01", 4, None);
    assert_eq!(
        hits.first().map(|h| h.phrase.kind),
        Some(PhraseKind::Standard),
        "{hits:?}"
    );
    let only = idx.query_dated(
        "",
        "抓纪律、守规矩、转作风",
        "2026-01-01",
        4,
        Some(&[PhraseKind::Parallel]),
    );
    assert_eq!(only.len(), 1, "{only:?}");
}

#[test]
fn an_opening_s_words_of_the_meeting_itself_match_no_phrase() {
    // Filed under the subjects past speeches used it on.
    let mut run = phrase("同安排、同部署、同落实", PhraseKind::Parallel);
    run.topics = vec!["会议部署".into(), "责任落实".into()];
    let lib = [run];
    let idx = PhraseIndex::new(&lib, TopicLexicon::builtin());
    let text = "今天召开这次会议，主要任务是总结今年工作，安排部署明年党建工作，推动党建和业务工作深度融合";
    let matched = |role: Role| {
        idx.query_as(
            "",
            text,
            "2026-01-01",
            4,
            Some(&[PhraseKind::Parallel]),
            role,
        )
        .into_iter()
        .find(|s| s.phrase.text == "同安排、同部署、同落实")
        .map(|s| s.matched)
    };
    // In a body, 安排部署 of work is the subject, and the run is found on it.
    let body = matched(Role::Body).unwrap_or_default();
    assert!(body.iter().any(|w| w == "部署"), "{body:?}");
    // In an opening or a closing it is the meeting's own business: no match on it.
    for role in [Role::Opening, Role::Closing] {
        let got = matched(role).unwrap_or_default();
        assert!(
            !got.iter().any(|w| w == "部署" || w == "安排"),
            "{role:?}: {got:?}"
        );
    }
}
