//! Word/Markdown export and the pre-delivery checks.

use std::io::Read;
use std::path::Path;

use jianggao::core::check::finding::FindingKind;
use jianggao::core::check::{self, Settings};
use jianggao::core::draft::edit::apply_fix;
use jianggao::core::draft::{BlockKind, Draft};
use jianggao::core::lexicon::dated::Formulations;
use jianggao::core::library::Library;

use crate::fixtures::bin;

pub fn zip_part(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

pub fn sample_draft() -> Draft {
    let (lib, _) = Library::embedded();
    let mut d = Draft::default();
    d.meta.title = "在全市机关党建工作会议上的讲话".into();
    d.meta.speaker = "张三".into();
    d.meta.date = "2026-07-01".into();
    d.meta.unit = "市直机关工委".into();
    let sec = lib
        .templates
        .iter()
        .find(|t| t.id == "002_5500963f62c2faca/section/一")
        .unwrap();
    d.insert_template(sec, None);
    let closing = lib
        .templates
        .iter()
        .find(|t| t.kind == jianggao::core::library::TemplateKind::Closing)
        .unwrap();
    d.insert_template(closing, None);
    d
}

#[test]
fn cli_exports_any_speech_file_in_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let src = crate::fixtures::corpus_file("003_");
    for (fmt, name) in [("txt", "a.txt"), ("md", "a.md"), ("docx", "a.docx")] {
        let out = dir.path().join(name);
        let r = bin()
            .args(["export"])
            .arg(&src)
            .args(["--format", fmt, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert!(out.exists());
    }
    let md = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(md.starts_with("# 市委动员会议讲话（区）\n"));
    assert!(md.contains("\n## 一、统一思想") && md.contains("\n### 第一，中央领导"));
    let txt = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert!(txt.contains("\u{3000}\u{3000}1、加强领导，精心组织"));
    // The speech's own markers survive in Word too.
    let doc = zip_part(&dir.path().join("a.docx"), "word/document.xml");
    assert!(doc.contains("第一，中央领导对组织部门及组工干部寄予厚望"));
    // GB18030 text for old tools.
    let out = dir.path().join("gb.txt");
    bin()
        .arg("export")
        .arg(&src)
        .args(["--format", "txt", "--gb18030", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    assert_eq!(encoding_rs::GB18030.decode(&bytes).0, txt);
}

fn check(d: &Draft, date: &str) -> Vec<check::finding::Finding> {
    let (lib, _) = Library::embedded();
    check::check_draft(
        d,
        Some(&lib),
        &Formulations::builtin(),
        &Settings {
            date: date.into(),
            max_chars: 12_000,
            rate: 200,
        },
    )
}

fn blank(kind: BlockKind, heading: &str, body: &str) -> Draft {
    let mut d = Draft::default();
    d.meta.date = "2026-11-22".into();
    let id = d.insert_blank(kind, None);
    let i = d.index_of(id).unwrap();
    d.blocks[i].heading = heading.into();
    d.blocks[i].body = body.into();
    d
}

fn kinds(f: &[check::finding::Finding]) -> Vec<FindingKind> {
    f.iter().map(|x| x.kind).collect()
}

#[test]
fn a_clean_draft_has_no_findings() {
    let d = blank(
        BlockKind::Opening,
        "",
        "今天，我们召开全市机关党建工作会议，研究部署下一阶段工作。下面，我讲三点意见。",
    );
    assert_eq!(check(&d, "2026-11-22"), vec![]);
}

#[test]
// Over 80 lines: one draft per kind of finding, each checked for exactly that finding.
fn each_kind_of_problem_is_found_exactly() {
    // Unfilled slots and blanks.
    let d = blank(BlockKind::Opening, "", "{单位}要认真落实XX党委的部署。");
    let f = check(&d, "2026-11-22");
    assert_eq!(
        kinds(&f),
        vec![FindingKind::UnfilledSlot, FindingKind::UnfilledSlot]
    );
    assert_eq!((f[0].start, f[0].end, f[0].text.as_str()), (0, 4, "{单位}"));
    assert_eq!(f[1].text, "XX");
    // Dated formulations by date; history is not flagged.
    let d = blank(
        BlockKind::Opening,
        "",
        "深入学习贯彻党的十九大精神，坚决做到“两个坚决维护”。党的十九大精神以来不变。",
    );
    assert_eq!(
        kinds(&check(&d, "2021-05-01")),
        vec![FindingKind::DatedFormulation],
        "before Oct 2022 only 两个坚决维护"
    );
    let f = check(&d, "2026-11-22");
    assert_eq!(
        f.iter()
            .filter(|x| x.kind == FindingKind::DatedFormulation)
            .count(),
        2,
        "{f:?}"
    );
    let d = blank(
        BlockKind::Opening,
        "",
        "回顾过去，我们曾学习党的十九大精神。",
    );
    assert!(check(&d, "2026-11-22").is_empty());
    // Anniversaries against the date.
    let d = blank(BlockKind::Opening, "", "今年是建党99周年。");
    let f = check(&d, "2026-07-01");
    assert_eq!(kinds(&f), vec![FindingKind::DatedFormulation]);
    assert!(f[0].message.contains("建党105周年"));
    assert!(check(&d, "2020-07-01").is_empty());
    // Half-width punctuation.
    let d = blank(BlockKind::Opening, "", "同志们,要加强学习!");
    assert_eq!(
        kinds(&check(&d, "2026-11-22")),
        vec![FindingKind::Punctuation, FindingKind::Punctuation]
    );
    // A long sentence used twice.
    let s = "要坚持以习近平新时代中国特色社会主义思想为指导，全面加强机关党的建设。";
    let d = blank(BlockKind::Opening, "", &format!("{s}{s}"));
    assert_eq!(
        kinds(&check(&d, "2026-11-22")),
        vec![FindingKind::RepeatedPhrase]
    );
    // Numbering: a point with no section, a paragraph opening with a stray marker.
    let d = blank(
        BlockKind::Point,
        "加强学习",
        "三、这是一段以编号开头的正文。",
    );
    assert_eq!(
        kinds(&check(&d, "2026-11-22")),
        vec![FindingKind::Numbering, FindingKind::Numbering]
    );
    // The count of points follows the outline.
    let mut d = blank(BlockKind::Opening, "", "下面，我讲三点意见。");
    d.insert_blank(BlockKind::Section, None);
    d.insert_blank(BlockKind::Section, None);
    let f: Vec<_> = check(&d, "2026-11-22")
        .into_iter()
        .filter(|x| x.text == "三")
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(apply_fix(&mut d, &f[0].text_fix().unwrap()));
    assert_eq!(d.blocks[0].body, "下面，我讲两点意见。");
    // Length over the target.
    let d = blank(BlockKind::Opening, "", &"党建工作要抓实抓细。".repeat(1300));
    let f = check(&d, "2026-11-22");
    assert!(f.iter().any(|x| x.kind == FindingKind::Length));
    // Minutes follow the speaking rate, not a fixed 200 字/分.
    let slow = check::check_draft(
        &d,
        None,
        &Formulations::builtin(),
        &Settings {
            date: "2026-11-22".into(),
            max_chars: 6_000,
            rate: 150,
        },
    );
    let len = slow.iter().find(|x| x.kind == FindingKind::Length).unwrap();
    // 13,000 characters at 150 a minute: 87 minutes.
    assert!(
        len.message.contains("约需 87 分钟（按每分钟 150 字）"),
        "{}",
        len.message
    );
}

#[test]
fn carried_over_specifics_and_reuse_share() {
    let (lib, _) = Library::embedded();
    let mut d = Draft::default();
    d.meta.date = "2026-11-22".into();
    d.meta.unit = "市委组织部".into();
    let t = lib
        .templates
        .iter()
        .find(|t| t.id == "000_a6e6bccaa37c41e7/point/第三/三要")
        .unwrap();
    d.insert_template(t, None);
    let f = check(&d, "2026-11-22");
    let carried: Vec<&str> = f
        .iter()
        .filter(|x| x.kind == FindingKind::CarriedOver)
        .map(|x| x.text.as_str())
        .collect();
    assert_eq!(carried, vec!["巴中", "川陕革命老区振兴发展示范区"]);
    let reuse = f.iter().find(|x| x.kind == FindingKind::Reuse).unwrap();
    assert!(reuse.message.contains("100%"), "{}", reuse.message);
    // After rewriting, the share drops and the place name is gone.
    d.blocks[0].body = d.blocks[0]
        .body
        .replace("巴中", "我市")
        .replace("川陕革命老区振兴发展示范区", "全面推进高质量发展")
        .chars()
        .take(80)
        .collect::<String>()
        + "结合本单位实际，我们将重新谋划人才工作，推动组织工作上新台阶。";
    let f = check(&d, "2026-11-22");
    assert!(!f.iter().any(|x| x.kind == FindingKind::CarriedOver));
    let reuse = f.iter().find(|x| x.kind == FindingKind::Reuse).unwrap();
    assert!(!reuse.message.contains("100%"));
}

/// A numbered slogan of the source unit (“八项制度”) in a reused paragraph is reported
/// as carried over; the national numbered terms beside it (“三会一课”) are not.
#[test]
fn a_source_unit_s_numbered_slogan_is_carried_over_but_national_terms_are_not() {
    let (lib, _) = Library::embedded();
    let t = lib
        .templates
        .iter()
        .find(|t| {
            t.kind == BlockKind::Point && t.paragraphs.iter().any(|p| p.contains("“八项制度”"))
        })
        .expect("a shipped template quotes “八项制度”");
    let mut d = Draft::default();
    d.meta.date = "2026-11-22".into();
    d.insert_template(t, None);
    let f = check(&d, "2026-11-22");
    let carried: Vec<&str> = f
        .iter()
        .filter(|x| x.kind == FindingKind::CarriedOver)
        .map(|x| x.text.as_str())
        .collect();
    assert!(carried.contains(&"“八项制度”"), "{carried:?}");
    assert!(
        !carried
            .iter()
            .any(|c| c.contains("三会一课") || c.contains("主题党日")),
        "{carried:?}"
    );
}

#[test]
fn one_click_fixes_change_only_what_they_should() {
    let mut d = blank(
        BlockKind::Opening,
        "",
        "学习党的十九大精神,落实“两个坚决维护”。",
    );
    let before_other = d.blocks[0].body.clone();
    let f = check(&d, "2026-11-22");
    let dated = f
        .iter()
        .find(|x| x.text == "党的十九大精神")
        .unwrap()
        .clone();
    assert!(apply_fix(&mut d, &dated.text_fix().unwrap()));
    assert_eq!(
        d.blocks[0].body,
        before_other.replace("党的十九大精神", "党的二十大精神")
    );
    // A stale finding (text changed since) is not applied.
    assert!(!apply_fix(&mut d, &dated.text_fix().unwrap()));
    for x in check(&d, "2026-11-22") {
        if let Some(fix) = x.text_fix() {
            apply_fix(&mut d, &fix);
        }
    }
    assert_eq!(d.blocks[0].body, "学习党的二十大精神，落实“两个维护”。");
    // Filling slots from the meeting details rewrites only the slots.
    let mut d = blank(
        BlockKind::Opening,
        "",
        "{本单位}召开{会议名称}，{他人姓名}同志讲话。",
    );
    d.meta.unit = "市委组织部".into();
    d.meta.speaker = "张明".into();
    assert!(jianggao::core::draft::edit::fill_slots_in_place(&mut d));
    assert_eq!(
        d.blocks[0].body,
        "市委组织部召开{会议名称}，{他人姓名}同志讲话。"
    );
}

#[test]
fn cli_check_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("稿.ron");
    let d = blank(BlockKind::Opening, "", "{本单位}要学习贯彻党的十九大精神。");
    d.save(&path).unwrap();
    let out = bin()
        .arg("check")
        .arg(&path)
        .args(["--date", "2026-11-22", "--json"])
        .output()
        .unwrap();
    // An unfilled slot is an error: exit code 1.
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 2);
    let mut keys: Vec<&str> = f[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "end", "fix", "kind", "message", "path", "severity", "start", "text"
        ]
    );
    assert_eq!(f[0]["kind"], "unfilled_slot");
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(f[1]["kind"], "dated_formulation");
    assert_eq!(f[1]["path"], "开头");
    // Any speech file can be checked too.
    let out = bin()
        .arg("check")
        .arg(crate::fixtures::corpus_file("000_"))
        .args(["--date", "2026-11-22", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["text"] == "建党99周年")
    );
}

#[test]
fn an_empty_body_and_a_paragraph_cut_short_are_found() {
    let mut d = blank(
        BlockKind::Section,
        "加强作风建设",
        "作风建设永远在路上。\n要持之以恒正风肃纪，推动作风建设常态化长效化",
    );
    d.insert_blank(BlockKind::Point, None);
    let f = check(&d, "2026-11-22");
    let empty: Vec<_> = f
        .iter()
        .filter(|x| x.kind == FindingKind::EmptyBody)
        .collect();
    assert_eq!(empty.len(), 1, "{f:?}");
    assert_eq!(empty[0].place.unwrap().block, 1);
    let cut: Vec<_> = f.iter().filter(|x| x.message == "段末没有句号").collect();
    assert_eq!(cut.len(), 1, "only the second paragraph: {f:?}");
    assert!(apply_fix(&mut d, &cut[0].text_fix().unwrap()));
    assert_eq!(
        d.blocks[0].body,
        "作风建设永远在路上。\n要持之以恒正风肃纪，推动作风建设常态化长效化。"
    );
    assert!(
        !check(&d, "2026-11-22")
            .iter()
            .any(|x| x.message == "段末没有句号")
    );
}

#[test]
fn an_opening_or_closing_dragged_out_of_place_is_found() {
    let mut d = blank(BlockKind::Section, "加强作风建设", "作风建设永远在路上。");
    let point = d.insert_blank(BlockKind::Point, None);
    let i = d.index_of(point).unwrap();
    d.blocks[i].heading = "持续纠治四风".into();
    d.blocks[i].body = "要持之以恒正风肃纪。".into();
    // A closing, then an opening placed between the section and its point, as a drag
    // can leave them.
    let closing = d.insert_blank(BlockKind::Closing, None);
    let c = d.index_of(closing).unwrap();
    d.blocks[c].body = "让我们奋发有为。".into();
    let opening = d.insert_blank(BlockKind::Opening, None);
    let o = d.index_of(opening).unwrap();
    d.blocks[o].body = "今天召开会议。".into();
    let block = d.blocks.remove(o);
    d.blocks.insert(1, block);
    let f = check(&d, "2026-11-22");
    let out_of_place: Vec<_> = f
        .iter()
        .filter(|x| x.kind == FindingKind::Numbering)
        .map(|x| (x.place.unwrap().block, x.message.as_str()))
        .collect();
    assert_eq!(
        out_of_place,
        vec![(1, "开头不在讲稿开头，排在了主体部分之后")],
        "{f:?}"
    );
    // Moved back to the start, nothing is out of place; a block after the closing is.
    let block = d.blocks.remove(1);
    d.blocks.insert(0, block);
    assert!(
        !check(&d, "2026-11-22")
            .iter()
            .any(|x| x.kind == FindingKind::Numbering)
    );
    let block = d.blocks.remove(1);
    d.blocks.push(block);
    let f = check(&d, "2026-11-22");
    assert!(f.iter().any(|x| x.message == "结尾后面还有内容"), "{f:?}");
}

#[test]
fn a_standard_formulation_with_an_item_dropped_is_found_and_the_corpus_has_few() {
    let d = blank(
        BlockKind::Opening,
        "",
        "要不断增强自我革新、自我完善、自我提高能力。坚持不敢腐、不能腐、不想腐一体推进。",
    );
    let f = check(&d, "2026-11-22");
    assert_eq!(
        kinds(&f),
        vec![FindingKind::NonstandardFormulation],
        "{f:?}"
    );
    assert_eq!(f[0].text, "自我革新、自我完善、自我提高");
    assert!(
        f[0].message
            .contains("自我净化、自我完善、自我革新、自我提高")
    );
    // Before the standard was set, there was nothing to miss.
    assert!(check(&d, "2010-01-01").is_empty());
    // The writer's whole list: the standard wording replaces it in one click.
    let mut fixed = d.clone();
    assert!(apply_fix(&mut fixed, &f[0].text_fix().unwrap()));
    assert!(
        fixed.blocks[0]
            .body
            .starts_with("要不断增强自我净化、自我完善、自我革新、自我提高能力。"),
        "{}",
        fixed.blocks[0].body
    );
    assert!(check(&fixed, "2026-11-22").is_empty());
    // Real speeches quote standard runs in passing without being flagged, except where
    // one really drops an item.
    let runs = jianggao::core::lexicon::standard_runs::StandardRuns::new(
        &jianggao::core::lexicon::standard::StandardLexicon::builtin(),
    );
    let mut flagged = Vec::new();
    for e in std::fs::read_dir(crate::fixtures::corpus_dir()).unwrap() {
        let path = e.unwrap().path();
        let text = jianggao::core::parse::read::read_file(&path).unwrap().text;
        let c: Vec<char> = text.chars().collect();
        for m in runs.near_misses_in(&text) {
            flagged.push(c[m.start..m.end].iter().collect::<String>());
        }
    }
    assert_eq!(flagged, ["自我革新、自我完善、自我提高"], "{flagged:?}");
    // Nor are the paragraphs writers wrote for the gold files.
    let gold = format!("{}/tests/it/gold", env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(gold).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| l.trim_start().starts_with("text:")) {
            assert!(runs.near_misses_in(line).is_empty(), "{line}");
        }
    }
}
