//! The writer's walk: a pasted old speech is caught by the check, and drafts assembled
//! from every shipped template never get a false statement from the meeting form.

use std::collections::HashSet;

use jianggao::core::check::finding::{FindingKind, Severity};
use jianggao::core::check::{self, Settings};
use jianggao::core::draft::Draft;
use jianggao::core::draft::slots::parse_slots;
use jianggao::core::lexicon::dated::Formulations;
use jianggao::core::library::Library;

use crate::fixtures::{bin, corpus_file, parse_corpus};

const DATE: &str = "2026-12-15";

fn run(d: &Draft) -> Vec<check::finding::Finding> {
    let (lib, _) = Library::embedded();
    check::check_draft(
        d,
        Some(&lib),
        &Formulations::builtin(),
        &Settings {
            date: DATE.into(),
            max_chars: 12_000,
            rate: 200,
        },
    )
}

#[test]
fn a_pasted_old_speech_is_caught_once_per_place() {
    let d = Draft::from_speech(&parse_corpus("000_"));
    let f = run(&d);
    let texts = |k: FindingKind| -> Vec<&str> {
        f.iter()
            .filter(|x| x.kind == k)
            .map(|x| x.text.as_str())
            .collect()
    };
    let carried = texts(FindingKind::CarriedOver);
    for want in [
        "市委组织部",
        "巴中",
        "川陕革命老区振兴发展示范区",
        "部机关",
        "1/3以上",
    ] {
        assert!(
            carried.iter().any(|t| t.contains(want)),
            "{want}: {carried:?}"
        );
    }
    let dated = texts(FindingKind::DatedFormulation);
    for want in [
        "“不忘初心，牢记使命”主题教育",
        "建党99周年",
        "党的十九大精神",
    ] {
        assert!(dated.contains(&want), "{want}: {dated:?}");
    }
    // Copied word for word: a 注意, saying what to change.
    let reuse: Vec<_> = f.iter().filter(|x| x.kind == FindingKind::Reuse).collect();
    assert!(!reuse.is_empty());
    assert!(
        reuse
            .iter()
            .all(|x| x.severity == Severity::Warning && x.fix.is_some())
    );
    // Each finding once per place; advice is not repeated as its own fix.
    let mut seen = HashSet::new();
    for x in &f {
        assert!(seen.insert((x.kind, x.place, x.start, x.end)), "{x:?}");
        assert_ne!(x.fix.as_deref(), Some(x.message.as_str()), "{x:?}");
    }
}

#[test]
fn current_wording_raises_no_dated_alarm() {
    let d = Draft::from_speech(&parse_corpus("002_"));
    let f = run(&d);
    let dated: Vec<&str> = f
        .iter()
        .filter(|x| x.kind == FindingKind::DatedFormulation)
        .map(|x| x.text.as_str())
        .collect();
    assert!(dated.is_empty(), "{dated:?}");
}

#[test]
fn the_meeting_form_never_makes_a_false_statement() {
    let (lib, _) = Library::embedded();
    let mut filled_any = 0;
    for t in &lib.templates {
        let mut d = Draft::default();
        d.meta.unit = "某市直机关工委".into();
        d.meta.speaker = "张明".into();
        d.meta.date = DATE.into();
        d.meta.meeting = "2026年度机关党建工作会议".into();
        d.insert_template(t, None);
        for (_, text) in t.texts() {
            let out = d.fill(text);
            if out != text {
                filled_any += 1;
            }
            // The speaker only where the text names the speaker; the unit never in a
            // list; no doubled 年.
            let speaker_slots = text.matches("{讲话人}").count();
            assert_eq!(
                out.matches("张明").count(),
                speaker_slots,
                "{}: {out}",
                t.id
            );
            assert!(
                !out.contains("某市直机关工委、") && !out.contains("、某市直机关工委"),
                "{out}"
            );
            assert_eq!(
                out.matches("年年").count(),
                text.matches("年年").count(),
                "{out}"
            );
            // Roles the form cannot vouch for stay visible.
            for s in parse_slots(text) {
                if let Some(r) = s.role.as_deref()
                    && ["他人姓名", "下属单位", "上级机关", "时间", "本地", "数字"].contains(&r)
                {
                    assert!(out.contains(&s.text), "{}: {r} filled in {out}", t.id);
                }
            }
        }
    }
    assert!(filled_any > 0);
    // The sentence of the report stays a blank for the writer.
    let t = lib
        .templates
        .iter()
        .find(|t| {
            t.texts()
                .iter()
                .any(|(_, s)| s.contains("中央组织部召开全国电视电话会议"))
        })
        .unwrap();
    let mut d = Draft::default();
    d.meta.speaker = "张明".into();
    d.meta.date = DATE.into();
    d.insert_template(t, None);
    let body: String = d.blocks.iter().map(|b| d.fill(&b.body)).collect();
    assert!(
        body.contains("{时间}，中央组织部召开全国电视电话会议，{他人姓名}同志亲自到会讲话"),
        "{body}"
    );
    // And it counts as unfilled, an error in the check.
    assert!(d.unfilled_slots().iter().any(|(_, s)| s == "{他人姓名}"));
    assert!(run(&d).iter().any(|x| x.kind == FindingKind::UnfilledSlot
        && x.text == "{他人姓名}"
        && x.severity == Severity::Error));
}

#[test]
fn cli_check_exits_1_on_errors_and_0_without() {
    // 003 still has the source's blanks (**): errors.
    let out = bin()
        .arg("check")
        .arg(corpus_file("003_"))
        .args(["--date", DATE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = bin()
        .arg("check")
        .arg(corpus_file("002_"))
        .args(["--date", DATE])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = bin()
        .arg("check")
        .arg(corpus_file("002_"))
        .args(["--date", "2026-13-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
