//! The dated-formulation lexicon: every rule has a current use it flags, a use quoted as
//! history it leaves alone, and a variant spelling it still flags (dated_cases.ron); the
//! computed rules (latest plenum, anniversaries) are judged by the date.

use std::collections::HashMap;

use jianggao::core::lexicon::dated::{Formulations, outdated};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    pattern: String,
    positive: String,
    history: String,
    variant: String,
}

const DATE: &str = "2026-06-30";

fn cases() -> HashMap<String, Case> {
    let text = include_str!("dated_cases.ron");
    let list: Vec<Case> = ron::from_str(text).expect("dated_cases.ron parses");
    list.into_iter().map(|c| (c.pattern.clone(), c)).collect()
}

#[test]
fn every_rule_has_a_positive_a_history_negative_and_a_variant() {
    let f = Formulations::builtin();
    assert!(f.formulations.len() >= 60, "{}", f.formulations.len());
    let cases = cases();
    let mut failures = Vec::new();
    for rule in &f.formulations {
        let Some(c) = cases.get(&rule.pattern) else {
            failures.push(format!("{}: no test cases", rule.pattern));
            continue;
        };
        assert!(outdated(rule.outdated_from.as_deref(), DATE));
        let flagged = |t: &str| f.find(t, DATE).iter().any(|h| h.advice == rule.advice);
        if !flagged(&c.positive) {
            failures.push(format!(
                "{}: positive not flagged: {}",
                rule.pattern, c.positive
            ));
        }
        if !f.find(&c.history, DATE).is_empty() {
            failures.push(format!("{}: history flagged: {}", rule.pattern, c.history));
        }
        if c.variant == c.positive || !flagged(&c.variant) {
            failures.push(format!(
                "{}: variant not flagged: {}",
                rule.pattern, c.variant
            ));
        }
        // The day before a rule's date its wording was current.
        if let Some(from) = &rule.outdated_from {
            let day_before = format!("{}-{}", &from[..8], "00");
            if flagged(&c.positive)
                && f.find(&c.positive, &day_before)
                    .iter()
                    .any(|h| h.advice == rule.advice)
            {
                failures.push(format!("{}: flagged before {from}", rule.pattern));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_hit_covers_the_words_and_quotes_it_replaces() {
    let f = Formulations::builtin();
    let t = "要扎实开展“不忘初心，牢记使命”主题教育，做到“两个坚决维护”。";
    let h = f.find(t, DATE);
    let texts: Vec<&str> = h.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts, vec!["“不忘初心，牢记使命”主题教育", "两个坚决维护"]);
    let got: String = t
        .chars()
        .skip(h[1].start)
        .take(h[1].end - h[1].start)
        .collect();
    assert_eq!(got, "两个坚决维护");
    assert_eq!(h[1].replacement.as_deref(), Some("两个维护"));
    // Each place once, however many rules match it.
    let h = f.find("深入学习贯彻党的十九大精神。", DATE);
    assert_eq!(h.len(), 1, "{h:?}");
}

#[test]
fn study_names_the_latest_plenum_before_the_date() {
    let f = Formulations::builtin();
    let t = "深入学习贯彻党的二十大和二十届二中、三中全会精神。";
    // After the fourth plenum (2025-10) the list is missing it.
    let h = f.find(t, "2026-03-01");
    assert_eq!(h.len(), 1, "{h:?}");
    assert!(h[0].advice.contains("二十届四中全会"), "{}", h[0].advice);
    assert_eq!(h[0].text, "党的二十大和二十届二中、三中全会精神");
    // Before it, the same list is current.
    assert!(f.find(t, "2025-03-01").is_empty());
    // Naming the latest is right; the congress alone is right.
    assert!(
        f.find("学习贯彻党的二十大和二十届三中、四中全会精神", "2026-03-01")
            .is_empty()
    );
    assert!(
        f.find("深入学习贯彻党的二十大精神", "2026-03-01")
            .is_empty()
    );
    // An older congress's plenum, in Arabic numerals too.
    assert_eq!(f.find("学习贯彻19届6中全会精神", "2026-03-01").len(), 1);
    // History is exempt.
    assert!(
        f.find("回顾过去，我们学习贯彻二十届三中全会精神。", "2026-03-01")
            .is_empty()
    );
}

#[test]
fn anniversaries_follow_from_the_date() {
    let f = Formulations::builtin();
    for t in [
        "庆祝建党一百周年",
        "庆祝建党100周年",
        "庆祝中国共产党成立99周年",
    ] {
        let h = f.find(t, "2026-07-01");
        assert_eq!(h.len(), 1, "{t}: {h:?}");
        assert!(
            h[0].replacement.as_deref().unwrap().ends_with("105周年"),
            "{h:?}"
        );
    }
    assert!(f.find("庆祝建党105周年", "2026-07-01").is_empty());
    assert!(f.find("庆祝新中国成立七十七周年", "2026-10-01").is_empty());
    // A speech given at a past anniversary is cited, not dated.
    assert!(
        f.find(
            "习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话",
            "2026-07-01"
        )
        .is_empty()
    );
}

#[test]
fn standard_national_wording_is_never_flagged() {
    let f = Formulations::builtin();
    for t in [
        "党的十八大以来，以习近平同志为核心的党中央高度重视机关党的建设。",
        "深入学习贯彻党的二十大精神，坚定拥护“两个确立”、坚决做到“两个维护”。",
        "“十四五”时期，我们圆满完成了各项任务；2026年是“十五五”开局之年。",
        "巩固拓展脱贫攻坚成果，全面推进乡村振兴，推动高质量发展。",
        "坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观。",
        "全面建设社会主义现代化国家，全面建成小康社会目标如期实现以来。",
    ] {
        assert!(f.find(t, DATE).is_empty(), "{t}: {:?}", f.find(t, DATE));
    }
}
