//! Mining speeches the code was never tuned on: ten speeches written blind by writer helpers
//! (tests/it/unseen/speeches), in layouts the corpus lacks. Precision of each kind against
//! the blind judge's verdicts (tests/it/gold/unseen.ron), recall of what each writer says
//! they put in (tests/it/unseen/planted), and no specific of theirs shipped as reusable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::library::{Library, PhraseKind};
use jianggao::core::mine::mine_paths;
use serde::Deserialize;

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/unseen")
        .join(sub)
}

#[derive(Deserialize)]
struct Judged {
    must_find: BTreeMap<String, Vec<String>>,
    must_not_find: BTreeMap<String, Vec<String>>,
}

/// One writer's lists of what they planted in their speech.
#[derive(Deserialize)]
struct Planted {
    parallels: Vec<String>,
    quotes: Vec<String>,
    terms: Vec<String>,
    idioms: Vec<String>,
    collocations: Vec<String>,
    specifics: Vec<String>,
}

static JUDGED: LazyLock<Judged> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/gold/unseen.ron");
    ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
});

static PLANTED: LazyLock<Vec<(String, Planted)>> = LazyLock::new(|| {
    let mut out: Vec<(String, Planted)> = std::fs::read_dir(dir("planted"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (
                name,
                serde_json::from_str(&text).expect("planted list is JSON"),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
});

static MINED: LazyLock<Library> = LazyLock::new(|| {
    let r = mine_paths(
        &[dir("speeches")],
        &TopicLexicon::builtin(),
        &AtomicBool::new(false),
        |_, _| {},
    );
    assert_eq!(r.read, 10, "skipped: {:?}", r.skipped);
    r.library
});

/// Text without punctuation or quotation marks.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '{' | '}'))
        .collect()
}

#[test]
fn mined_phrases_of_unseen_speeches_are_reusable() {
    // (kind, floor on reusable / judged, least judged share of what is mined). Session 25,
    // on a1–c2: parallel 0.83 (89/107), idiom 0.93, term 0.82 (36/44), quote and frame
    // 1.00; collocation 0.39 (15/38) until a generic verb took only a Party quality for its
    // object (加强党性修养, not 加强典型宣传) and a run's items were no phrases alone: 0.65.
    // Then d1 and d2, written blind after those changes, held out from them: over all eight
    // parallel 0.86 (113/132), idiom 0.90 (114/126), term 0.73 (40/55), quote 1.00 (23),
    // frame 1.00 (8), collocation 0.57 (21/37). Session 26: a verb as common as the
    // generic ones by the dictionary's counts, an adverb for a head verb, scare quotes
    // round one everyday word and reported words ending in a particle: term 0.83 (39/47),
    // collocation 0.71 (20/28); then a term only when two speeches use it (or the
    // standard lexicon lists it). With e1 and e2, written blind after those changes and
    // judged blind (held out): over all ten parallel 0.86 (140/162), idiom 0.87 (133/153),
    // term 0.87 (27/31), quote 1.00 (24), frame 0.89 (8/9), collocation 0.74 (26/35).
    // Then a 四字格 the dictionary lacks only when said twice: idiom 0.94 (128/136); and
    // 全院, 我校 a unit's own level: collocation 0.76 (26/34); and no frame with more than
    // eight fixed letters in a run: frame 1.00 (8/8).
    let floors = [
        (PhraseKind::Parallel, 0.83),
        (PhraseKind::Idiom, 0.92),
        (PhraseKind::Term, 0.85),
        (PhraseKind::Quote, 0.95),
        (PhraseKind::HeadingFrame, 0.95),
        (PhraseKind::Collocation, 0.72),
    ];
    let mut report = String::new();
    let mut failed = false;
    for (kind, floor) in floors {
        let good: Vec<String> = JUDGED.must_find[kind.key()]
            .iter()
            .map(|s| norm(s))
            .collect();
        let bad: Vec<String> = JUDGED
            .must_not_find
            .get(kind.key())
            .into_iter()
            .flatten()
            .map(|s| norm(s))
            .collect();
        let (mut g, mut b, mut new) = (0, Vec::new(), Vec::new());
        for p in MINED.phrases.iter().filter(|p| p.kind == kind) {
            let n = norm(&p.text);
            if good.contains(&n) {
                g += 1;
            } else if bad.contains(&n) {
                b.push(p.text.as_str());
            } else {
                new.push(p.text.as_str());
            }
        }
        let judged = g + b.len();
        let precision = g as f64 / judged.max(1) as f64;
        // What mining gives that nobody judged must be judged before the floor means much.
        let share = judged as f64 / (judged + new.len()).max(1) as f64;
        report.push_str(&format!(
            "{}: {precision:.2} ({g} of {judged}); unjudged {new:?}; rejected {b:?}\n",
            kind.key()
        ));
        failed |= precision < floor || share < 0.85 || g == 0;
    }
    eprintln!("{report}");
    assert!(!failed, "{report}");
}

/// Whether a mined text holds a planted phrase: the phrase itself, or inside a slightly
/// longer run or collocation.
fn found(mined: &[String], planted: &str) -> bool {
    let n = norm(planted);
    let len = n.chars().count();
    mined
        .iter()
        .any(|m| m == &n || (m.contains(n.as_str()) && m.chars().count() * 2 <= len * 3))
}

/// One of a writer's lists.
type ListOf = fn(&Planted) -> &Vec<String>;

#[test]
fn what_the_writers_planted_is_mined() {
    // (kind, floor on recall). Session 25, over all eight: parallels 138/432, quotes 34/78,
    // terms 97/277, idioms 135/292, collocations 28/316. The writers' lists are generous
    // (every list of three they wrote, each ordinary four-character word); the library
    // keeps what recurs or reads as stock. Session 26, all ten (e1, e2 added; a term said
    // in one speech no longer kept): parallels 165/586, quotes 37/105, terms 117/433,
    // idioms 180/373, collocations 35/418.
    let mined: Vec<String> = MINED.phrases.iter().map(|p| norm(&p.text)).collect();
    let kinds: [(&str, ListOf, f64); 5] = [
        ("parallels", |p| &p.parallels, 0.26),
        ("quotes", |p| &p.quotes, 0.33),
        ("terms", |p| &p.terms, 0.25),
        ("idioms", |p| &p.idioms, 0.45),
        ("collocations", |p| &p.collocations, 0.07),
    ];
    let mut report = String::new();
    let mut failed = false;
    for (name, list, floor) in kinds {
        let all: Vec<&String> = PLANTED.iter().flat_map(|(_, p)| list(p)).collect();
        let hit = all.iter().filter(|s| found(&mined, s)).count();
        let recall = hit as f64 / all.len() as f64;
        report.push_str(&format!("{name}: {recall:.2} ({hit} of {})\n", all.len()));
        failed |= recall < floor;
    }
    eprintln!("{report}");
    assert!(!failed, "{report}");
}

#[test]
fn no_specific_a_writer_planted_is_shipped_as_reusable() {
    // Session 25: four still ship, each a local list or slogan of the speech's own with
    // nothing that names it as such (运河文化、古渡文化、窑瓷文化; “户户有产业、人人有事做”;
    // “强村带弱村、联村共发展”; “窗口就是阵地”). One more is a regression.
    let mut leaks = Vec::new();
    for (file, planted) in PLANTED.iter() {
        for s in &planted.specifics {
            let n = norm(s);
            let shipped = MINED
                .phrases
                .iter()
                .filter(|p| p.kind != PhraseKind::HeadingFrame)
                .find(|p| n.chars().count() >= 2 && norm(&p.text).contains(n.as_str()));
            if let Some(p) = shipped {
                leaks.push(format!("{file}: {s} in {}", p.text));
            }
        }
    }
    eprintln!("{leaks:#?}");
    assert!(leaks.len() <= 4, "{leaks:#?}");
}
