//! Mining the corpus: templates, slots, specifics, phrases.

use std::sync::atomic::AtomicBool;

use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::library::{Library, PhraseKind, SpecificKind, TemplateKind};
use jianggao::core::mine::mine_paths;
use jianggao::core::parse::pipeline::parse_file;

use crate::fixtures::corpus_dir;

pub fn mined() -> Library {
    let r = mine_paths(
        &[corpus_dir()],
        &TopicLexicon::builtin(),
        &AtomicBool::new(false),
        |_, _| {},
    );
    assert_eq!(r.read, 5);
    assert!(r.skipped.is_empty());
    r.library
}

#[test]
fn template_counts_follow_the_outlines() {
    let lib = mined();
    let mut sections = 0;
    let mut points = 0;
    for e in std::fs::read_dir(corpus_dir()).unwrap() {
        let s = parse_file(&e.unwrap().path()).unwrap();
        sections += s.sections.len();
        points += s.sections.iter().map(|x| x.children.len()).sum::<usize>();
    }
    assert_eq!(lib.count(TemplateKind::Opening), 5);
    assert_eq!(lib.count(TemplateKind::Section), sections);
    assert_eq!(lib.count(TemplateKind::Point), points);
    assert_eq!(lib.count(TemplateKind::Closing), 3);
    assert_eq!((sections, points), (19, 44));
}

#[test]
fn provenance_points_at_real_files_and_sections() {
    let lib = mined();
    for t in &lib.templates {
        let path = corpus_dir().join(&t.source.file);
        let speech = parse_file(&path).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert_eq!(speech.title, t.source.title);
        match t.kind {
            TemplateKind::Opening => assert_eq!(t.source.path, "开头"),
            TemplateKind::Closing => assert_eq!(t.source.path, "结尾"),
            _ => {
                // Follow the path through the outline; the heading there is the template's.
                let parts: Vec<&str> = t.source.path.split('/').collect();
                let mut secs = &speech.sections;
                let mut found = None;
                for p in &parts {
                    let s = secs
                        .iter()
                        .find(|s| s.marker.trim_end_matches(['、', '，', '.', '．']) == *p)
                        .unwrap_or_else(|| panic!("{}: no section {p}", t.id));
                    found = Some(s);
                    secs = &s.children;
                }
                let s = found.unwrap();
                if t.slots.iter().all(|sl| sl.loc.para.is_some()) {
                    assert_eq!(s.heading, t.heading, "{}", t.id);
                }
            }
        }
        assert_eq!(
            t.chars,
            t.texts()
                .iter()
                .map(|(_, s)| s.chars().count())
                .sum::<usize>()
        );
    }
}

#[test]
fn slots_are_named_and_placed() {
    let lib = mined();
    let find = |needle: &str| {
        lib.templates
            .iter()
            .find(|t| t.texts().iter().any(|(_, s)| s.contains(needle)))
            .unwrap_or_else(|| panic!("no template contains {needle}"))
    };
    let t = find("管理党委班子成员若干措施");
    assert!(
        t.texts()
            .iter()
            .any(|(_, p)| p.contains("《{上级机关}管理党委班子成员若干措施》"))
    );
    // A past event's date and a third person are roles the meeting form cannot fill.
    let t = find("{时间}，中央组织部");
    assert!(
        t.slots
            .iter()
            .any(|s| s.name == "时间" && s.original == "*月*日")
    );
    assert!(
        t.slots
            .iter()
            .any(|s| s.name == "他人姓名" && s.original == "**")
    );
    // Praised units at the head of a clause are subordinates, never the writer's unit.
    let t = find("比如{下属单位}抓住机遇");
    assert!(t.slots.iter().filter(|s| s.name == "下属单位").count() >= 4);
    assert!(!t.slots.iter().any(|s| s.name == "本单位"));
    // A year blank takes its 年; the count of points follows the draft's outline.
    find("使我区{年份}组织工作");
    find("下面，我讲{条数}点意见");
    find("为推动{本地}经济社会");
    let t = find("{年份}为“集中活动年”");
    assert!(
        t.slots
            .iter()
            .any(|s| s.name == "年份" && s.original == "20**年")
    );
    for t in &lib.templates {
        for s in &t.slots {
            let text = t.text_at(s.loc).unwrap();
            let got: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(got, format!("{{{}}}", s.name), "{}", t.id);
        }
        // No blank is left unnamed.
        for (_, text) in t.texts() {
            assert!(
                !text.contains("XX") && !text.contains("**") && !text.contains("*月"),
                "{}: {text}",
                t.id
            );
        }
    }
}

#[test]
fn specifics_mark_what_a_writer_must_change() {
    let lib = mined();
    let all: Vec<(SpecificKind, &str, &str)> = lib
        .templates
        .iter()
        .flat_map(|t| {
            t.specifics
                .iter()
                .map(move |s| (s.kind, s.text.as_str(), t.id.as_str()))
        })
        .collect();
    let has = |k: SpecificKind, text: &str| all.iter().any(|(kk, tt, _)| *kk == k && *tt == text);
    assert!(has(SpecificKind::Place, "巴中"));
    assert!(has(SpecificKind::Anniversary, "建党99周年"));
    assert!(has(SpecificKind::Dated, "党的十九大精神"));
    assert!(has(SpecificKind::Organisation, "市委组织部"));
    assert!(has(SpecificKind::Level, "全市"));
    assert!(has(SpecificKind::Figure, "50%以上"));
    assert!(has(SpecificKind::Time, "下半年"));
    assert!(has(SpecificKind::Jargon, "条令纲要"));
    assert!(has(SpecificKind::Place, "川陕革命老区振兴发展示范区"));
    assert!(has(SpecificKind::Person, "斯鑫良"));
    assert!(has(SpecificKind::Campaign, "“基层减负年”活动"));
    // Ranges point at the text.
    for t in &lib.templates {
        for s in &t.specifics {
            let text = t.text_at(s.loc).unwrap();
            let got: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(got, s.text);
        }
    }
    // National bodies and leaders are not "carried over".
    assert!(!all.iter().any(|(_, t, _)| {
        [
            "党中央",
            "习近平",
            "中国共产党",
            "党的二十大",
            "二十大",
            "十八大",
            "党的十八大以来",
            "中央组织部",
        ]
        .contains(t)
    }));
}

#[test]
fn phrases_of_every_kind_are_found() {
    let lib = mined();
    let has = |k: PhraseKind, text: &str| lib.phrases.iter().any(|p| p.kind == k && p.text == text);
    assert!(has(PhraseKind::Term, "“两个维护”"));
    assert!(has(PhraseKind::Term, "“三会一课”"));
    assert!(has(PhraseKind::Term, "“四个意识”"));
    assert!(
        lib.phrases.iter().any(|p| p.kind == PhraseKind::Quote
            && p.text.starts_with("习近平总书记多次强调：“理想信念"))
    );
    assert!(has(PhraseKind::Parallel, "同安排、同部署、同落实"));
    assert!(has(PhraseKind::Parallel, "比学习、比工作、比服务、比奉献"));
    assert!(has(PhraseKind::Idiom, "驰而不息"));
    assert!(has(PhraseKind::Idiom, "久久为功"));
    assert!(has(PhraseKind::HeadingFrame, "要{X}，彰显{Y}优势"));
    assert!(has(PhraseKind::HeadingFrame, "狠抓{X}建设，确保{Y}“{Z}”"));
    let colloc: Vec<&str> = lib
        .phrases
        .iter()
        .filter(|p| p.kind == PhraseKind::Collocation)
        .map(|p| p.text.as_str())
        .collect();
    assert!(colloc.contains(&"把纪律和规矩挺在前面"), "{colloc:?}");
    // A verb phrase is never a bare noun compound (党建工作, 基层党组织): it is a 把 frame,
    // its head is a resultative or intensified verb (jieba tags 压实 and 树牢 nouns), or
    // its first word is not tagged a noun.
    use jianggao::core::mine::collocations::{head_verb, intensified, resultative};
    for c in &colloc {
        let t = jianggao::core::nlp::segment(c);
        let head = head_verb(c);
        assert!(
            c.starts_with('把')
                || resultative(&head)
                || intensified(&head)
                || !matches!(t.tag(&t.words[0]), "n" | "nz" | "vn" | "nt" | "ng"),
            "{c}"
        );
    }
    for p in &lib.phrases {
        assert!(p.count >= 1 && !p.sources.is_empty());
        if p.kind != PhraseKind::Quote {
            assert!(!p.text.contains(['。', '！', '？']), "{p:?}");
        }
    }
    // Near-duplicates are merged: each (kind, text) appears once.
    let mut seen = std::collections::HashSet::new();
    for p in &lib.phrases {
        assert!(seen.insert((p.kind, p.text.clone())), "duplicate {p:?}");
    }
}

#[test]
fn no_clutter_anywhere_in_the_library() {
    let lib = mined();
    let mut all = String::new();
    for t in &lib.templates {
        for (_, s) in t.texts() {
            all.push_str(s);
        }
    }
    for p in &lib.phrases {
        all.push_str(&p.text);
    }
    for c in [
        "会员",
        "QQ",
        "仅供学习",
        "首页",
        "相关推荐",
        "热门文档",
        "发表时间",
        "2590692",
        "倒卖",
    ] {
        assert!(!all.contains(c), "clutter {c:?} in the library");
    }
}

#[test]
fn topics_come_from_the_lexicon() {
    let lib = mined();
    let lex = TopicLexicon::builtin();
    let names: Vec<&str> = lex.topics.iter().map(|t| t.name.as_str()).collect();
    for t in &lib.templates {
        assert!(!t.topics.is_empty(), "{} has no topic", t.id);
        assert!(t.topics.iter().all(|x| names.contains(&x.as_str())));
    }
    let disc = lib
        .templates
        .iter()
        .find(|t| t.heading == "加强纪律建设")
        .unwrap();
    assert_eq!(disc.topics[0], "纪律建设");
    let study = lib
        .templates
        .iter()
        .find(|t| t.heading == "要坚持学懂弄通理论")
        .unwrap();
    assert!(
        study.topics[..2]
            .iter()
            .any(|x| x == "思想建设" || x == "学习教育"),
        "{:?}",
        study.topics
    );
}
