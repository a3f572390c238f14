//! Checks against the draft's sources: specifics carried over from a template's speech,
//! how much of a block is still the source's text, and 金句 used twice.

use crate::core::check::{Finding, FindingKind, Place, Severity, chars_range, preview};
use crate::core::draft::Draft;
use crate::core::library::{Library, PhraseKind, SpecificKind};

/// Specifics that came with a block's template and are still there, and how much of the
/// block is still the source's text.
pub(crate) fn carried_and_reuse(
    d: &Draft,
    lib: &Library,
    i: usize,
    path: &str,
    year: i64,
    out: &mut Vec<Finding>,
) {
    let b = &d.blocks[i];
    let Some(src) = &b.source else { return };
    let child: Option<usize> = src
        .path
        .split('/')
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| n - 1);
    let Some(t) = lib.source_template(src) else {
        return;
    };
    let m = &d.meta;
    for sp in &t.specifics {
        let matches_meta = match sp.kind {
            SpecificKind::Year => sp.text.starts_with(&year.to_string()),
            SpecificKind::Person => m.speaker.contains(&sp.text),
            SpecificKind::Place | SpecificKind::Organisation => {
                m.unit.contains(&sp.text) || m.meeting.contains(&sp.text)
            }
            _ => false,
        };
        if matches_meta {
            continue;
        }
        for (field, text) in [(0u8, &b.heading), (1u8, &b.body)] {
            for (b0, mm) in text.match_indices(sp.text.as_str()) {
                let (s0, e0) = chars_range(text, b0, mm.len());
                out.push(Finding {
                    kind: FindingKind::CarriedOver,
                    severity: Severity::Warning,
                    path: if field == 0 {
                        format!("{path}·标题")
                    } else {
                        path.to_string()
                    },
                    place: Some(Place { block: i, field }),
                    start: s0,
                    end: e0,
                    text: sp.text.clone(),
                    message: format!(
                        "“{}”（{}）来自原稿《{}》，与本次会议信息不符",
                        sp.text,
                        sp.kind.label(),
                        t.source.title.as_deref().unwrap_or(&t.source.file)
                    ),
                    fix: Some("改为本单位、本次会议的实际内容".into()),
                    auto_fix: None,
                });
            }
        }
    }
    // Reuse share: 8-character shingles of the body still found in the source text.
    let source_text: String = match child.and_then(|c| t.children.get(c)) {
        Some(ch) => ch.paragraphs.join("\n"),
        None => t.paragraphs.join("\n"),
    };
    let body: Vec<char> = b.body.chars().filter(|c| !c.is_whitespace()).collect();
    if body.len() >= 40 {
        let src_chars: Vec<char> = source_text.chars().filter(|c| !c.is_whitespace()).collect();
        let shingles: std::collections::HashSet<&[char]> = src_chars.windows(8).collect();
        let total = body.len() - 7;
        let same = body.windows(8).filter(|w| shingles.contains(w)).count();
        let pct = same * 100 / total.max(1);
        if pct > 0 {
            out.push(Finding {
                kind: FindingKind::Reuse,
                severity: Severity::Info,
                path: path.to_string(),
                place: Some(Place { block: i, field: 1 }),
                start: 0,
                end: 0,
                text: String::new(),
                message: format!(
                    "本段约 {pct}% 仍与原稿《{}》逐字相同",
                    t.source.title.as_deref().unwrap_or(&t.source.file)
                ),
                fix: (pct >= 50).then(|| "结合本单位实际改写".to_string()),
                auto_fix: None,
            });
        }
    }
}

/// A stock 金句 (quotation or 排比 from the library) or any long sentence used twice.
pub(crate) fn repeated(d: &Draft, lib: Option<&Library>, paths: &[String], out: &mut Vec<Finding>) {
    let mut seen: std::collections::HashSet<String> = Default::default();
    let report = |needle: &str, out: &mut Vec<Finding>, i: usize, s0: usize, e0: usize| {
        out.push(Finding {
            kind: FindingKind::RepeatedPhrase,
            severity: Severity::Warning,
            path: paths[i].clone(),
            place: Some(Place { block: i, field: 1 }),
            start: s0,
            end: e0,
            text: needle.to_string(),
            message: format!("“{}”在讲稿中重复使用", preview(needle)),
            fix: Some("保留一处，另一处换一种说法".into()),
            auto_fix: None,
        });
    };
    // Sentences of 15+ characters, verbatim.
    for (i, b) in d.blocks.iter().enumerate() {
        let mut pos = 0;
        for sentence in b.body.split_inclusive(['。', '！', '？']) {
            let n = sentence.chars().count();
            let key = sentence.trim().to_string();
            if key.chars().count() >= 15 && !seen.insert(key.clone()) {
                report(&key, out, i, pos, pos + n);
            }
            pos += n;
        }
    }
    let Some(lib) = lib else { return };
    let all = d.plain_text();
    for p in lib
        .phrases
        .iter()
        .filter(|p| matches!(p.kind, PhraseKind::Quote | PhraseKind::Parallel))
    {
        if all.matches(p.text.as_str()).count() < 2 {
            continue;
        }
        // Report each use after the first.
        let mut first = true;
        for (i, b) in d.blocks.iter().enumerate() {
            for (b0, m) in b.body.match_indices(p.text.as_str()) {
                if first {
                    first = false;
                    continue;
                }
                let (s0, e0) = chars_range(&b.body, b0, m.len());
                if !out.iter().any(|f| {
                    f.kind == FindingKind::RepeatedPhrase
                        && f.place == Some(Place { block: i, field: 1 })
                        && f.start <= s0
                        && e0 <= f.end
                }) {
                    report(&p.text, out, i, s0, e0);
                }
            }
        }
    }
}
