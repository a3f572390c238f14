//! Specifics on a hand-labelled gold file (specifics_gold.ron): what a writer must
//! change in 32 mined templates is flagged (recall), and what is flagged must change
//! (precision); standard national wording is never flagged.

use jianggao::core::library::{Library, Template};
use serde::Deserialize;

use crate::mine::mined;

#[derive(Deserialize)]
struct Gold {
    id: String,
    must_flag: Vec<String>,
    must_not_flag: Vec<String>,
}

/// Character ranges of every occurrence of `needle` in `text`.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(b, m)| {
            let s = text[..b].chars().count();
            (s, s + m.chars().count())
        })
        .collect()
}

/// (gold occurrences found, gold occurrences, flagged right, flagged, missed) of one template,
/// and problems with the labels or with must-not items.
fn score(t: &Template, g: &Gold, problems: &mut Vec<String>) -> [usize; 5] {
    let mut n = [0; 5];
    let all: String = t.texts().iter().map(|(_, s)| *s).collect();
    for w in g.must_flag.iter().chain(&g.must_not_flag) {
        if !all.contains(w.as_str()) {
            problems.push(format!("{}: label “{w}” is not in the template", g.id));
        }
    }
    for (loc, text) in t.texts() {
        let flagged: Vec<(usize, usize, &str)> = t
            .specifics
            .iter()
            .filter(|s| s.loc == loc)
            .map(|s| (s.start, s.end, s.text.as_str()))
            .collect();
        let gold: Vec<(usize, usize)> = g
            .must_flag
            .iter()
            .flat_map(|w| occurrences(text, w))
            .collect();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        n[1] += gold.len();
        n[0] += gold
            .iter()
            .filter(|&&gr| flagged.iter().any(|f| overlaps(gr, (f.0, f.1))))
            .count();
        n[3] += flagged.len();
        for f in &flagged {
            if gold.iter().any(|&gr| overlaps(gr, (f.0, f.1))) {
                n[2] += 1;
            } else {
                problems.push(format!("{}: flagged but not to change: “{}”", g.id, f.2));
            }
        }
        for w in &g.must_not_flag {
            for r in occurrences(text, w) {
                if let Some(f) = flagged.iter().find(|f| overlaps(r, (f.0, f.1))) {
                    problems.push(format!(
                        "{}: standard wording “{w}” flagged as “{}”",
                        g.id, f.2
                    ));
                }
            }
        }
        for &gr in &gold {
            if !flagged.iter().any(|f| overlaps(gr, (f.0, f.1))) {
                let missed: String = text.chars().skip(gr.0).take(gr.1 - gr.0).collect();
                eprintln!("{}: missed “{missed}”", g.id);
                n[4] += 1;
            }
        }
    }
    n
}

#[test]
fn specifics_recall_and_precision_on_the_gold_file() {
    let lib: Library = mined();
    let gold: Vec<Gold> =
        ron::from_str(include_str!("specifics_gold.ron")).expect("specifics_gold.ron parses");
    assert!(gold.len() >= 30);
    let mut total = [0usize; 4];
    let mut usable = 0;
    let mut problems = Vec::new();
    for g in &gold {
        let t = lib
            .templates
            .iter()
            .find(|t| t.id == g.id)
            .unwrap_or_else(|| panic!("no template {}", g.id));
        let n = score(t, g, &mut problems);
        for k in 0..4 {
            total[k] += n[k];
        }
        // Usable once filled: everything that must change is a blank or flagged.
        usable += usize::from(n[4] == 0);
    }
    let recall = total[0] as f64 / total[1] as f64;
    let precision = total[2] as f64 / total[3] as f64;
    eprintln!(
        "specifics: recall {}/{} = {recall:.3}, precision {}/{} = {precision:.3}",
        total[0], total[1], total[2], total[3]
    );
    eprintln!(
        "templates usable once filled and flagged items changed: {usable}/{}",
        gold.len()
    );
    for p in &problems {
        eprintln!("{p}");
    }
    assert!(
        !problems
            .iter()
            .any(|p| p.contains("label") || p.contains("standard wording")),
        "{problems:#?}"
    );
    assert!(recall >= 0.90, "recall {recall:.3}");
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(
        usable * 10 >= gold.len() * 8,
        "usable {usable}/{}",
        gold.len()
    );
}
