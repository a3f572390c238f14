//! The hand-labelled gold file (tests/it/gold/phrases.ron): precision of each phrase
//! kind, recall of the stock phrases a writer expects from the corpus, and precision@8 of
//! suggestions for paragraphs written for the purpose. Floors sit a little under what the
//! code reaches, so a regression fails.

use std::collections::BTreeMap;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::library::{Library, PhraseKind};
use jianggao::core::mine::mine_paths;
use jianggao::core::suggest::{PhraseIndex, Role};
use serde::Deserialize;

use crate::fixtures::corpus_dir;

#[derive(Deserialize)]
struct Gold {
    must_find: BTreeMap<String, Vec<String>>,
    must_not_find: BTreeMap<String, Vec<String>>,
    paragraphs: Vec<Paragraph>,
}

#[derive(Deserialize)]
struct Paragraph {
    subject: String,
    heading: String,
    text: String,
    want: Vec<String>,
    /// 开头 or 结尾 for an opening's or closing's paragraph (as the editor knows from its
    /// block); absent for a section's.
    #[serde(default)]
    role: Option<String>,
}

impl Paragraph {
    fn role(&self) -> Role {
        self.role
            .as_deref()
            .map(|r| Role::parse(r).expect("role is 开头 or 结尾"))
            .unwrap_or_default()
    }
}

static GOLD: LazyLock<Gold> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/gold/phrases.ron");
    ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
});

static MINED: LazyLock<Library> = LazyLock::new(|| {
    let r = mine_paths(
        &[corpus_dir()],
        &TopicLexicon::builtin(),
        &AtomicBool::new(false),
        |_, _| {},
    );
    r.library
});

/// The date the suggestions are judged at.
const DATE: &str = "2026-12-01";

/// Text without punctuation or quotation marks.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '{' | '}'))
        .collect()
}

fn labelled(map: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    map.values().flatten().map(|s| norm(s)).collect()
}

/// (good, bad) among the mined phrases of a kind that the gold file labels.
fn judged(lib: &Library, kind: PhraseKind) -> (Vec<String>, Vec<String>) {
    let (good, bad) = (labelled(&GOLD.must_find), labelled(&GOLD.must_not_find));
    let mut out = (Vec::new(), Vec::new());
    for p in lib.phrases.iter().filter(|p| p.kind == kind) {
        let n = norm(&p.text);
        if good.contains(&n) {
            out.0.push(p.text.clone());
        } else if bad.contains(&n) {
            out.1.push(p.text.clone());
        }
    }
    out
}

#[test]
fn precision_of_each_mined_kind_is_above_its_floor() {
    // (kind, floor on good / labelled, least number of good phrases). The 排比 floor fell
    // from 0.95 when a blind writer's nine rejections of shipped runs were labelled
    // (session 12): 29 of 37 labelled are good; 29 of 35 once a unit's own lists (……的
    // “五好”标准, ……等活动) were dropped (session 16).
    let floors = [
        (PhraseKind::Parallel, 0.80, 25),
        (PhraseKind::Collocation, 0.9, 12),
        (PhraseKind::Idiom, 0.95, 15),
        (PhraseKind::Term, 0.9, 10),
        (PhraseKind::HeadingFrame, 0.99, 3),
    ];
    let mut report = String::new();
    let mut failed = false;
    for (kind, floor, least) in floors {
        let (good, bad) = judged(&MINED, kind);
        let p = good.len() as f64 / (good.len() + bad.len()).max(1) as f64;
        report.push_str(&format!(
            "{}: {:.2} ({} good, bad {:?})\n",
            kind.key(),
            p,
            good.len(),
            bad
        ));
        failed |= p < floor || good.len() < least;
    }
    eprintln!("{report}");
    assert!(!failed, "{report}");
}

#[test]
fn most_stock_phrases_a_writer_expects_are_in_the_library() {
    let lib = &*MINED;
    let texts: Vec<String> = lib.phrases.iter().map(|p| norm(&p.text)).collect();
    let mut missing = Vec::new();
    let all: Vec<&String> = GOLD.must_find.values().flatten().collect();
    for s in &all {
        let n = norm(s);
        let len = n.chars().count();
        // The phrase itself, or inside a slightly longer run or collocation.
        let found = texts
            .iter()
            .any(|t| t == &n || (t.contains(n.as_str()) && t.chars().count() * 2 <= len * 3));
        if !found {
            missing.push(s.as_str());
        }
    }
    let recall = 1.0 - missing.len() as f64 / all.len() as f64;
    eprintln!("recall {recall:.2}; missing {missing:?}");
    // Measured 0.85 until session 26, when a quoted term came to need two speeches
    // (precision on ten unseen speeches 0.65 → 0.87); measured 0.81 since. The issue's
    // target is 0.60.
    assert!(recall >= 0.8, "recall {recall:.2}; missing {missing:?}");
}

/// Precision@8 of suggestions over paragraphs, and a line per paragraph (+ wanted, - not).
fn precision_at_8(paragraphs: &[Paragraph]) -> (f64, String) {
    // What the panel and `jianggao suggest` use: the library's phrases and templates.
    let idx = PhraseIndex::for_library(&MINED, TopicLexicon::builtin());
    let mut total = 0.0;
    let mut report = String::new();
    for p in paragraphs {
        let want: Vec<String> = p.want.iter().map(|w| norm(w)).collect();
        let hits = idx.query_as(&p.heading, &p.text, DATE, 8, None, p.role());
        let body = norm(&p.text);
        let mut good = 0;
        let mut shown = Vec::new();
        for h in &hits {
            let ph = &h.phrase;
            let n = norm(&ph.text);
            // Every suggestion says why it is there.
            assert!(
                !h.reason.is_empty(),
                "{}: {} has no reason",
                p.subject,
                ph.text
            );
            // Never what the paragraph already says.
            assert!(
                !body.contains(n.as_str()),
                "{} repeats {}",
                p.subject,
                ph.text
            );
            if want.contains(&n) {
                good += 1;
                shown.push(format!("+{}[{}]", ph.text, h.matched.join(",")));
            } else {
                // What pulled a wrong one in: the words it matched, or only its topics.
                shown.push(format!("-{}[{}]", ph.text, h.matched.join(",")));
            }
        }
        total += good as f64 / 8.0;
        report.push_str(&format!("{} {good}/8: {}\n", p.subject, shown.join(" ")));
    }
    (total / paragraphs.len() as f64, report)
}

#[test]
fn suggestions_for_written_paragraphs_are_what_a_writer_wants() {
    let (p8, report) = precision_at_8(&GOLD.paragraphs);
    eprintln!("precision@8 {p8:.2}\n{report}");
    // 0.58 at the start of session 14, 0.63 after its standard formulations came in (their
    // share of the want lists judged blind: see the file's header); 0.65 in session 15, when
    // formulations written for one kind of unit went only to that kind's paragraphs; 0.69 in
    // session 16 (a kind takes half the panel freely; new items judged blind joined `want`);
    // 0.69 in session 18, when set formulations came before the corpus's own 排比 (0.62
    // until the items new to its panel were judged blind: 7 of them joined `want`).
    assert!(p8 >= 0.66, "precision@8 {p8:.2}\n{report}");
}

#[derive(Deserialize)]
struct HeldOut {
    paragraphs: Vec<Paragraph>,
}

/// Paragraphs whose wanted phrases were labelled before the suggester ever saw them
/// (tests/it/gold/heldout.ron … heldout16.ron): the measure of suggestions
/// on text nobody tuned for.
fn held_out(file: &str) -> Vec<Paragraph> {
    let path = format!("{}/tests/it/gold/{file}", env!("CARGO_MANIFEST_DIR"));
    let held: HeldOut = ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    held.paragraphs
}

#[test]
fn suggestions_for_held_out_paragraphs_stay_above_their_floor() {
    for (file, n, floor) in [
        ("heldout.ron", 6, HELD_OUT_FLOOR),
        ("heldout2.ron", 8, HELD_OUT_2_FLOOR),
        ("heldout3.ron", 10, HELD_OUT_3_FLOOR),
        ("heldout4.ron", 10, HELD_OUT_4_FLOOR),
        ("heldout5.ron", 10, HELD_OUT_5_FLOOR),
        ("heldout6.ron", 10, HELD_OUT_6_FLOOR),
        ("heldout7.ron", 10, HELD_OUT_7_FLOOR),
        ("heldout8.ron", 12, HELD_OUT_8_FLOOR),
        ("heldout9.ron", 12, HELD_OUT_9_FLOOR),
        ("heldout10.ron", 12, HELD_OUT_10_FLOOR),
        ("heldout11.ron", 12, HELD_OUT_11_FLOOR),
        ("heldout12.ron", 12, HELD_OUT_12_FLOOR),
        ("heldout13.ron", 16, HELD_OUT_13_FLOOR),
        ("heldout14.ron", 16, HELD_OUT_14_FLOOR),
        ("heldout15.ron", 16, HELD_OUT_15_FLOOR),
        ("heldout16.ron", 16, HELD_OUT_16_FLOOR),
    ] {
        let paragraphs = held_out(file);
        assert_eq!(paragraphs.len(), n);
        let (p8, report) = precision_at_8(&paragraphs);
        eprintln!("{file} precision@8 {p8:.2}\n{report}");
        assert!(p8 >= floor, "{file} precision@8 {p8:.2}\n{report}");
    }
}

/// Under the held-out precision@8 the code reaches (first run 0.31; 0.50 in session 8;
/// 0.58 in session 9, with its want lists extended for 11 new standard formulations;
/// 0.63 in session 11 with 32 more, 0.52 after the topic lexicon grew from 24 topics of
/// ≈20 words to 32 of ≈55, which lifted every other set; 0.50 in session 12, when verb
/// phrases of a generic verb and a plain object, which a blind writer rejected, left the
/// library: this set's labeller wanted two of them).
/// 0.65 in session 16: a kind takes half the panel on its scores alone (standard
/// formulations, which writers take most, are no longer pushed out by 排比 and idioms), and
/// items new to the panel, judged blind, joined the want lists of every set (see
/// tests/judged/session16_panel.json).
const HELD_OUT_FLOOR: f64 = 0.60;
/// Under what the code reaches on the second held-out set (first run 0.31; 0.36 in
/// session 9, 0.39 in session 10, 0.41 in session 11, 0.47 in session 12; 0.44 in
/// session 13, when 61 standard formulations for other kinds of unit came in, two of which
/// fill its 年终总结 paragraph's list unwanted).
/// 0.45 in session 15 (formulations for one kind of unit kept to its paragraphs); 0.53
/// in session 16.
const HELD_OUT_2_FLOOR: f64 = 0.50;
/// Under what the code reaches on the third held-out set (its first, blind run in
/// session 8: 0.30; 0.33 in session 9, 0.35 in session 10, 0.40 in session 11).
/// 0.42 in session 14, 0.44 in session 15, 0.45 in session 16.
const HELD_OUT_3_FLOOR: f64 = 0.42;
/// Under what the code reaches on the fourth held-out set (its first, blind run in
/// session 10: 0.28; 0.31 once standard formulations chosen after reading its output, and
/// its want lists' share of them, were added: no longer blind. Subjects the corpus barely
/// covers, such as 党员发展 and 机关青年; 0.36 in session 11; 0.34 in session 16, when
/// new formulations took places its labellers, who never saw them, left unwanted).
const HELD_OUT_4_FLOOR: f64 = 0.31;
/// Under what the code reaches on the fifth held-out set: its first, blind run in session
/// 11 gave 0.06. Subjects none of the other sets has (警示教育, 廉政谈话, 述职评议, 党建品牌,
/// 民主集中制, 统战, 老干部, 考核, 关怀帮扶, a 党课's closing). Not blind since: its subjects
/// were named to the helper that grew the topic lexicon (which never saw its text or
/// labels), and the set then gave 0.14.
/// 0.23 in session 14, when formulations for its subjects came in (述职评议, 考核, 老干部);
/// 0.26 in session 16.
const HELD_OUT_5_FLOOR: f64 = 0.23;
/// Under what the code reaches on the sixth held-out set, ordinary subjects of a year of
/// 机关党建 speeches chosen by the helper that wrote it: its first, blind run at the end of
/// session 11 gave 0.31 (25 wanted of 80 shown); 0.33 in session 12; 0.30 in session 13
/// (the new formulations for other units take places in its lists).
/// 0.34 in session 14.
const HELD_OUT_6_FLOOR: f64 = 0.31;
/// Under what the code reaches on the seventh held-out set, units the corpus has none of
/// (国企, 高校, 医院, 乡镇, 街道, 税务, 中小学, 非公): its first, blind run at the start of
/// session 12 gave 0.20 (16 wanted of 80 shown). Its labeller wanted only 27 phrases in
/// all, so no ranking could pass 0.34 (27 of 80); 16 of the 27 were shown. In session 13,
/// 61 standard formulations for these units came in, and a helper judged blind from the
/// paragraphs and the new entries alone which ones they want (15 pairs): 0.23.
/// 0.40 in session 15, when a new blind judge's verdicts joined the want lists of held-out
/// 7-10 (see their headers). 0.49 in session 16 (half the panel free to any kind; new
/// items judged blind joined `want`).
const HELD_OUT_7_FLOOR: f64 = 0.45;
/// Under what the code reaches on the eighth and ninth held-out sets, labelled by blind
/// writers judging what the panel showed (see their headers): 0.19 and 0.21 at the start
/// of session 13, 0.24 and 0.23 at its end; 0.29 and 0.23 in session 14 (items new to
/// the panel judged the same way).
/// 0.34 and 0.28 in session 15, with the new judge's verdicts; 0.44 and 0.34 in session 16.
const HELD_OUT_8_FLOOR: f64 = 0.40;
const HELD_OUT_9_FLOOR: f64 = 0.31;
/// Under what the code reaches on the tenth held-out set, labelled like the eighth and
/// ninth (see its header): 0.16 before session 14's 161 standard formulations and keyword
/// matching across jieba's cuts, 0.17 after. Subjects across kinds of unit; the panel
/// fills most places with what fits every Party organisation's paragraph.
/// 0.22 in session 15, with the new judge's verdicts; 0.28 in session 16.
const HELD_OUT_10_FLOOR: f64 = 0.25;
/// Under what the code reaches on the eleventh held-out set, written blind by a writer who
/// never opened the project and labelled like the eighth to tenth (see its header): 0.35
/// before session 16's ranking change (a kind takes half the panel freely), 0.43 after.
const HELD_OUT_11_FLOOR: f64 = 0.40;
/// Under what the code reaches on the twelfth held-out set, written and labelled blind like
/// the eleventh, by a stricter judge (see its header): 0.15 at its first run in session 17.
/// Units and subjects the corpus barely touches (统战, 工会, 医院, 高校导师, 纪委): the
/// panel has little that fits them, and fills its places with what fits any paragraph.
const HELD_OUT_12_FLOOR: f64 = 0.13;
/// Under what the code reaches on the thirteenth held-out set, written blind like the twelfth
/// and labelled by pooling the top 8 of six rankings (see its header): 0.16 at a07f78d, 0.17
/// in session 18 with set formulations weighed above the corpus's own kinds.
const HELD_OUT_13_FLOOR: f64 = 0.15;
/// Under what the code reaches on the fourteenth held-out set, written blind for units the
/// corpus does not cover and labelled by pooling two rankings (see its header): 0.375 at its
/// first run in session 21, before and after nine standard formulations for those units'
/// lines of work came in (neither ranking put more of them in the top 8).
const HELD_OUT_14_FLOOR: f64 = 0.33;
/// Under what the code reaches on the fifteenth held-out set, written blind for units and
/// meetings no earlier set had and labelled blind from the top 12 (see its header): 0.21 at
/// its first run in session 22. Four of its paragraphs (儿童医院, 医保基金, 农村供水, 城投债务)
/// had nothing usable in the top 12: the library holds little for those lines.
const HELD_OUT_15_FLOOR: f64 = 0.18;
/// Under what the code reaches on the sixteenth held-out set, written blind as a mix of core
/// 党建 and a unit's own line of work and labelled blind from the top 12 (see its header):
/// 0.21 at its first run in session 23 (27 of 128); three paragraphs (根治欠薪, 医共体, 高三备考)
/// had nothing usable in the top 12.
const HELD_OUT_16_FLOOR: f64 = 0.18;

#[test]
fn the_gold_file_is_consistent() {
    // A phrase is never both wanted and rejected, and every kind has labels both ways.
    let good = labelled(&GOLD.must_find);
    for b in labelled(&GOLD.must_not_find) {
        assert!(!good.contains(&b), "{b} is labelled both ways");
    }
    assert!(GOLD.paragraphs.len() >= 12);
    let bad = labelled(&GOLD.must_not_find);
    for p in &GOLD.paragraphs {
        assert!(p.want.len() >= 8, "{} wants too few", p.subject);
        // A phrase the library must not hold is no phrase a paragraph can want.
        for w in &p.want {
            assert!(!bad.contains(&norm(w)), "{}: wants rejected {w}", p.subject);
        }
    }
}

#[derive(Deserialize)]
struct FanwenGold {
    labels: Vec<FanwenLabel>,
}

#[derive(Deserialize)]
struct FanwenLabel {
    file: String,
    subject: String,
    fanwen: String,
    useful: bool,
}

/// A 范文's key in tests/it/gold/fanwen.ron: its first 24 letters, punctuation dropped.
fn fanwen_key(text: &str) -> String {
    norm(text).chars().take(24).collect()
}

/// The 段落范文 the panel shows for the 47 gold paragraphs, against the labels of
/// tests/it/gold/fanwen.ron: most of what is shown is useful, paragraphs on subjects the
/// corpus lacks get none, and the useful ones are still shown.
#[test]
fn model_paragraphs_shown_are_on_the_paragraphs_subject() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/gold/fanwen.ron");
    let gold: FanwenGold = ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let idx = PhraseIndex::for_library(&MINED, TopicLexicon::builtin());
    let files = [
        "phrases.ron",
        "heldout.ron",
        "heldout2.ron",
        "heldout3.ron",
        "heldout4.ron",
    ];
    let (mut useful, mut useless, mut unknown) = (0, 0, 0);
    let (mut quiet, mut none_useful) = (0, 0);
    let mut report = String::new();
    for file in files {
        let paragraphs = if file == "phrases.ron" {
            GOLD.paragraphs.iter().collect::<Vec<_>>()
        } else {
            held_out_static(file)
        };
        for p in paragraphs {
            let labels: Vec<&FanwenLabel> = gold
                .labels
                .iter()
                .filter(|l| l.file == file && l.subject == p.subject)
                .collect();
            assert!(!labels.is_empty(), "{file} {}: no labels", p.subject);
            let request = jianggao::core::suggest::Request {
                heading: &p.heading,
                body: &p.text,
                date: DATE,
                kinds: None,
                k: 8,
                elsewhere: "",
                role: p.role(),
            };
            let shown = idx.suggest(&request).paragraphs;
            let has_useful = labels.iter().any(|l| l.useful);
            none_useful += usize::from(!has_useful);
            quiet += usize::from(!has_useful && shown.is_empty());
            for t in &shown {
                let key = fanwen_key(&t.text);
                match labels.iter().find(|l| l.fanwen == key) {
                    Some(l) if l.useful => useful += 1,
                    Some(_) => {
                        useless += 1;
                        report.push_str(&format!("{file} {}: - {key}\n", p.subject));
                    }
                    None => {
                        unknown += 1;
                        report.push_str(&format!("{file} {}: ? {key}\n", p.subject));
                    }
                }
            }
        }
    }
    let precision = useful as f64 / (useful + useless).max(1) as f64;
    eprintln!(
        "范文: {useful} useful, {useless} not, {unknown} unlabelled; precision {precision:.2}; \
         {quiet} of {none_useful} paragraphs with no useful 范文 show none\n{report}"
    );
    // Before the cut-off by score: 55 of 235 useful (0.23), and every paragraph without a
    // useful 范文 still showed five. With it: 43 of 102 (0.42), 8 of 20 show none; with
    // the larger topic lexicon 45 of 103 (0.44), 10 of 20; from the same place of past
    // speeches only (an opening for an opening), 50 of 101 (0.50), 11 of 20.
    assert!(precision >= 0.47, "precision {precision:.2}\n{report}");
    assert!(useful >= 46, "only {useful} useful 范文 shown\n{report}");
    assert!(quiet >= 9, "{quiet} of {none_useful} quiet\n{report}");
    // The labels were pooled from what was shown: a ranking that shows mostly unlabelled
    // paragraphs needs them labelled again before its precision means anything.
    assert!(
        unknown * 10 <= useful + useless,
        "{unknown} unlabelled 范文 shown\n{report}"
    );
}

fn held_out_static(file: &str) -> Vec<&'static Paragraph> {
    static HELD: LazyLock<BTreeMap<&'static str, Vec<Paragraph>>> = LazyLock::new(|| {
        [
            "heldout.ron",
            "heldout2.ron",
            "heldout3.ron",
            "heldout4.ron",
        ]
        .into_iter()
        .map(|f| (f, held_out(f)))
        .collect()
    });
    HELD[file].iter().collect()
}
