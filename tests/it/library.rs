//! The shipped library, library files, the CLI around them, and suggestion.

use std::path::Path;

use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::library::{Library, PhraseKind};
use jianggao::core::suggest::PhraseIndex;

use crate::fixtures::bin;

/// `jianggao suggest` on the shipped library.
fn suggest_cli() -> std::process::Command {
    let mut c = bin();
    c.args(["suggest", "--library"]).arg(shipped());
    c
}

/// The `field` of each 段落范文 in a `suggest --json` answer.
fn model_paragraphs(v: &serde_json::Value, field: &str) -> Vec<String> {
    v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[field].as_str().unwrap().to_string())
        .collect()
}

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

fn dir_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    // The index beside the RON files is a cache of them, not part of the library's text.
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != jianggao::core::library::store::INDEX_FILE)
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn shipped_templates_are_exactly_what_mine_writes() {
    let out = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let st = bin()
        .arg("mine")
        .arg(&corpus)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let summary = String::from_utf8_lossy(&st.stdout);
    assert!(summary.contains("已读取讲话稿：5 篇"), "{summary}");
    assert!(summary.contains("开头：5"));
    let got = dir_files(out.path());
    let want = dir_files(&shipped());
    assert_eq!(
        got.iter().map(|f| &f.0).collect::<Vec<_>>(),
        want.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (a, b) in got.iter().zip(&want) {
        assert!(
            a.1 == b.1,
            "{} differs from templates/ — run `jianggao mine assets/corpus --out templates`",
            a.0
        );
    }
    // Deterministic: a second run is byte-identical.
    let out2 = tempfile::tempdir().unwrap();
    bin()
        .arg("mine")
        .arg(&corpus)
        .arg("--out")
        .arg(out2.path())
        .output()
        .unwrap();
    assert_eq!(dir_files(out2.path()), got);
}

#[test]
fn mine_skips_bad_files_and_fails_only_when_nothing_is_mined() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("坏.txt"), [0u8, 159, 146, 150, 0, 0]).unwrap();
    std::fs::copy(
        crate::fixtures::corpus_file("004_"),
        dir.path().join("好.txt"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let r = bin()
        .arg("mine")
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    // The good file is mined and written; the bad one is an error on stderr (exit 2).
    assert_eq!(r.status.code(), Some(2));
    let s = String::from_utf8_lossy(&r.stdout);
    let e = String::from_utf8_lossy(&r.stderr);
    assert!(
        e.contains("坏.txt") && e.contains("二进制") && s.contains("已读取讲话稿：1 篇"),
        "{s}{e}"
    );
    assert!(out.path().join("phrases.ron").exists());
    std::fs::remove_file(dir.path().join("好.txt")).unwrap();
    let r = bin()
        .arg("mine")
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(!r.status.success());
}

#[test]
fn broken_ron_is_reported_with_position_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in dir_files(&shipped()) {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let victim = dir.path().join("001_96c5ec91623fbb82.ron");
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(&victim, text.replacen("kind: section", "kind: sektion", 1)).unwrap();
    let (lib, errors) = Library::load_dir(dir.path());
    assert_eq!(errors.len(), 1);
    let msg = errors[0].to_string();
    assert!(msg.contains("001_96c5ec91623fbb82.ron 第 "), "{msg}");
    assert!(
        msg.contains("「sektion」不是可用的取值，可用的有 「opening」"),
        "{msg}"
    );
    let (line, col) = errors[0].position.unwrap();
    let bad_line = text
        .lines()
        .position(|l| l.contains("kind: section"))
        .unwrap()
        + 1;
    assert_eq!(line, bad_line);
    assert!(col > 1);
    assert_eq!(
        lib.templates
            .iter()
            .filter(|t| t.source.file.starts_with("001_"))
            .count(),
        0
    );
    assert!(lib.templates.len() > 50 && !lib.phrases.is_empty());
}

#[test]
fn library_json_has_the_contract_keys() {
    let out = bin()
        .arg("library")
        .arg(shipped())
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["templates"][0];
    for k in [
        "id",
        "kind",
        "heading",
        "paragraphs",
        "children",
        "topics",
        "slots",
        "specifics",
        "source",
    ] {
        assert!(t.get(k).is_some(), "template key {k}");
    }
    for k in ["file", "title", "path"] {
        assert!(t["source"].get(k).is_some());
    }
    let p = &v["phrases"][0];
    for k in ["text", "kind", "topics", "keywords", "count", "sources"] {
        assert!(p.get(k).is_some(), "phrase key {k}");
    }
}

fn top_topics(context: &str) -> Vec<Vec<String>> {
    let (lib, errors) = Library::load_dir(&shipped());
    assert!(errors.is_empty());
    let idx = PhraseIndex::new(&lib.phrases, TopicLexicon::builtin());
    idx.query("", context, 5, None)
        .into_iter()
        .map(|s| s.phrase.topics.clone())
        .collect()
}

#[test]
fn suggest_ranks_discipline_phrases_for_a_discipline_context() {
    let tops = top_topics("严明纪律，持续纠治四风，加强作风建设，把纪律和规矩挺在前面");
    assert_eq!(tops.len(), 5);
    for t in &tops[..3] {
        assert!(
            t.iter().any(|x| x == "纪律建设" || x == "作风建设"),
            "{tops:?}"
        );
    }
}

#[test]
fn suggest_ranks_study_phrases_for_a_theory_study_context() {
    let tops = top_topics("深入学习贯彻党的创新理论，推动理论学习常态化，用理论武装头脑");
    for t in &tops[..3] {
        assert!(
            t.iter().any(|x| x == "学习教育" || x == "思想建设"),
            "{tops:?}"
        );
    }
}

#[test]
fn suggest_cli_gives_reasons_and_honours_k_and_kind() {
    let context = "持续纠治形式主义、官僚主义，驰而不息抓作风";
    let out = suggest_cli()
        .args(["--json", "--date", "2026-06-01", "-k", "3", context])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = v["suggestions"].as_array().unwrap();
    assert_eq!(s.len(), 3);
    for x in s {
        // Each says why it is there, and none is what the paragraph already says.
        assert!(!x["reason"].as_str().unwrap().is_empty(), "{x}");
        assert!(!context.contains(x["text"].as_str().unwrap()), "{x}");
    }
    assert!(v["paragraphs"].is_array() && v["headings"].is_array());
    let (lib, _) = Library::load_dir(&shipped());
    let idx = PhraseIndex::new(&lib.phrases, TopicLexicon::builtin());
    let only = idx.query("", "作风建设", 10, Some(&[PhraseKind::Idiom]));
    assert!(!only.is_empty() && only.iter().all(|s| s.phrase.kind == PhraseKind::Idiom));
    // The CLI's kind filter is the panel's.
    let out = suggest_cli()
        .args(["--json", "--kind", "idiom", "作风建设"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = v["suggestions"].as_array().unwrap();
    assert!(
        !s.is_empty() && s.iter().all(|x| x["kind"] == "idiom"),
        "{v}"
    );
}

#[test]
fn suggest_cli_offers_sibling_headings_for_a_heading() {
    let out = suggest_cli()
        .args(["--json", "--heading", "要突出政治引领，彰显政治优势"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let h = v["headings"].as_array().unwrap();
    assert!(
        h.iter().any(|x| x["frame"] == "要{X}，彰显{Y}优势"
            && x["siblings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "要深化理论武装，彰显理论优势")),
        "{v}"
    );
}

#[test]
fn suggest_cli_offers_model_paragraphs() {
    let out = suggest_cli()
        .args([
            "--json",
            "党务干部队伍建设要选优配强，加强培训，提升党务干部专业化能力，关心党务干部成长。",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = v["paragraphs"].as_array().unwrap();
    assert!(!p.is_empty(), "{v}");
    assert!(p[0]["text"].as_str().unwrap().contains("党务干部"), "{v}");
}

#[test]
fn model_paragraphs_come_from_the_same_place_of_past_speeches() {
    // An opening's words (今天, 召开, 会议, 部署) are in past openings and in sections;
    // an opening is modelled on openings only, a section's paragraph on sections only.
    let text = "同志们：今天召开全局党建工作会议，主要任务是总结今年党建工作，部署明年任务。";
    let headings = |role: Option<&str>| -> Vec<String> {
        let mut c = suggest_cli();
        c.arg("--json");
        if let Some(r) = role {
            c.args(["--role", r]);
        }
        let out = c.arg(text).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        model_paragraphs(&v, "heading")
    };
    let opening = headings(Some("开头"));
    assert!(
        !opening.is_empty() && opening.iter().all(|h| h == "开头"),
        "{opening:?}"
    );
    let body = headings(None);
    assert!(body.iter().all(|h| h != "开头" && h != "结尾"), "{body:?}");
}

#[test]
fn a_speech_without_headings_models_body_paragraphs_too() {
    // The outline of a speech with no headings is one opening; past its first paragraph
    // it is a body, and a body paragraph being written is modelled on it.
    let dir = tempfile::tempdir().unwrap();
    let speech = "在全局党风廉政建设工作会议上的讲话\n\n同志们：今天召开全局党风廉政建设工作会议，主要任务是总结去年工作，部署今年任务。\n\n\
        要严格落实全面从严治党主体责任，各级党组织书记要履行第一责任人职责，班子成员要落实一岗双责，对分管领域的党风廉政建设负领导责任，做到守土有责、守土负责、守土尽责。\n\n\
        要持续深化纠治四风，驰而不息落实中央八项规定精神，坚决整治形式主义、官僚主义，以优良作风凝聚干事创业的强大合力。\n";
    std::fs::write(dir.path().join("讲话.txt"), speech).unwrap();
    let lib = tempfile::tempdir().unwrap();
    let r = bin()
        .arg("mine")
        .arg(dir.path())
        .arg("--out")
        .arg(lib.path())
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let body = "落实主体责任，党组织书记要履行第一责任人职责，班子成员要落实一岗双责，抓好分管领域党风廉政建设。";
    let out = bin()
        .args(["suggest", "--json", "--library"])
        .arg(lib.path())
        .arg(body)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts = model_paragraphs(&v, "text");
    assert!(texts.iter().any(|t| t.contains("第一责任人")), "{v}");
    assert!(!texts.iter().any(|t| t.contains("今天召开")), "{v}");
}

#[test]
fn model_paragraphs_are_each_shown_once() {
    // A point's paragraph is also its section's: it must not fill two places of the list.
    let out = suggest_cli()
        .args([
            "--json",
            "--heading",
            "持续深化作风建设，驰而不息纠治“四风”",
            "作风建设永远在路上。要坚决反对形式主义、官僚主义，持续深化纠治“四风”，严格执行中央八项规定精神，以优良作风凝聚党心民心，切实为基层减负。",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts = model_paragraphs(&v, "text");
    assert!(texts.len() >= 3, "{v}");
    for (i, t) in texts.iter().enumerate() {
        assert!(!texts[..i].contains(t), "shown twice: {t}");
    }
}

#[test]
fn a_model_paragraph_the_speech_already_holds_is_not_offered_again() {
    let (lib, _) = Library::load_dir(&shipped());
    let idx = PhraseIndex::for_library(&lib, TopicLexicon::builtin());
    let ask = |elsewhere: &str| {
        idx.suggest(&jianggao::core::suggest::Request {
            heading: "加强党员队伍建设",
            body: "党务干部队伍建设要选优配强，加强培训，提升党务干部专业化能力，关心党务干部成长。",
            date: "2026-12-01",
            kinds: None,
            k: 8,
            elsewhere,
            role: Default::default(),
        })
        .paragraphs
    };
    let before = ask("");
    assert!(before.len() >= 2, "{before:?}");
    // The best one is already in another block of the speech (with its own punctuation).
    let held = format!("一、某标题\n{}\n", before[0].text.replace('，', ", "));
    let after = ask(&held);
    assert!(after.iter().all(|p| p.text != before[0].text), "{after:?}");
    assert_eq!(after[0].text, before[1].text);
}

/// `--role 结尾`: a closing is offered what past closings said, and says so; an unknown
/// place is an error naming it.
#[test]
fn a_closing_prefers_what_past_closings_said() {
    let text = "同志们，今天的会议就开到这里。希望大家回去以后认真传达会议精神，把各项任务抓实抓细，以实实在在的成效向党和人民交出合格答卷。";
    let ask = |role: &str| {
        let out = suggest_cli()
            .args(["--json", "--date", "2026-12-01", "--role", role, text])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["reason"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let closing = ask("结尾");
    let from_closings = closing
        .iter()
        .filter(|r| r.contains("往年讲话结尾用过"))
        .count();
    assert!(from_closings >= 2, "{closing:?}");
    let body = ask("正文");
    assert!(
        body.iter().all(|r| !r.contains("往年讲话结尾用过")),
        "{body:?}"
    );
    let bad = suggest_cli()
        .args(["--role", "中间", text])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("中间"));
}

/// A plenum's spirit is offered until the next plenum closes, never after: the panel must
/// not suggest what the check flags as outdated.
#[test]
fn a_plenums_spirit_is_offered_only_until_the_next_one() {
    let ask = |date: &str| {
        let out = suggest_cli()
            .args(["--date", date, "-k", "20", "--kind", "standard"])
            .arg("要深入学习贯彻全会精神，把全会部署落到实处。")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(ask("2025-06-01").contains("二十届三中全会精神"));
    let later = ask("2026-12-01");
    assert!(!later.contains("二十届三中全会精神"), "{later}");
    // The current one, by name or as 二十届历次全会精神 (which holds it, so the panel shows
    // one of the two).
    assert!(
        later.contains("二十届四中全会精神") || later.contains("二十届历次全会精神"),
        "{later}"
    );
}

#[test]
fn a_phrase_written_for_another_kind_of_unit_is_not_offered() {
    let texts = |unit: &str| -> Vec<String> {
        let body = format!(
            "{unit}党委要落实全面从严治党主体责任，书记要当好第一责任人，把党建责任制落到实处，班子带头、以上率下，形成强大合力。"
        );
        let out = suggest_cli()
            .args(["--date", "2026-12-01", "-k", "12", "--json", &body])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap().to_string())
            .collect()
    };
    // The same paragraph of a 机关 is offered the corpus's 机关党建 wording; a hospital's
    // is not (抓机关党建是本职…), and still gets as many suggestions.
    let organ = texts("机关");
    assert!(organ.iter().any(|t| t.contains("机关")), "{organ:?}");
    let hospital = texts("医院");
    assert!(!hospital.iter().any(|t| t.contains("机关")), "{hospital:?}");
    assert_eq!(hospital.len(), 12, "{hospital:?}");
}

/// The first 20 standard formulations `jianggao suggest` offers a paragraph, as printed.
fn standard_offered(heading: &str, body: &str) -> String {
    let out = suggest_cli()
        .args([
            "--date",
            "2026-12-01",
            "-k",
            "20",
            "--kind",
            "standard",
            "--heading",
            heading,
            body,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_formulation_for_some_kinds_of_unit_is_offered_to_those_only() {
    // 把方向、管大局、作决策、抓班子、带队伍、保落实 is the schools' version (`units: ["学校"]`
    // in standard.ron), 重大经营管理事项必须经党委（党组）研究讨论后… an enterprise's. The
    // first 20 standard formulations: with over 300 in the lexicon, those sharing a word with
    // the paragraph (党组织领导的校长负责制, 集体领导、民主集中…) rank above it.
    let offered = |unit: &str| {
        let text = standard_offered(
            "",
            &format!(
                "{unit}要更好发挥领导作用，把主要精力放在谋全局、议大事、用好干部上，重大事项集体研究决定，确保各项部署落到实处。"
            ),
        );
        (
            text.contains("把方向、管大局、作决策、抓班子、带队伍、保落实"),
            text.contains("重大经营管理事项"),
        )
    };
    assert_eq!(offered("学校党组织"), (true, false));
    assert_eq!(offered("高校党委"), (true, false));
    assert_eq!(offered("企业党委"), (false, true));
    assert_eq!(offered("村党组织"), (false, false));
    // A paragraph naming no unit is offered neither: blind writers rejected such a
    // formulation beside a paragraph that names no unit nearly every time.
    assert_eq!(offered("党组织"), (false, false));
}

#[test]
fn a_university_and_a_primary_school_are_told_apart() {
    // 党委领导下的校长负责制 is a university's (the 高校 条例), 党组织领导的校长负责制 a
    // primary or middle school's (the 2022 意见).
    let offered = |heading: &str| {
        let text = standard_offered(
            heading,
            "学校党组织要抓好领导体制的落实，健全议事规则，书记和校长经常沟通、相互支持，重大事项集体研究决定。",
        );
        (
            text.contains("党委领导下的校长负责制"),
            text.contains("党组织领导的校长负责制"),
        )
    };
    assert_eq!(offered("（一）坚持和完善高校领导体制"), (true, false));
    assert_eq!(offered("（一）落实中小学校领导体制"), (false, true));
}
