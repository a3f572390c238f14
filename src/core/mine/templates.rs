//! Section templates from a parsed speech: its opening, each top-level section with its
//! points, each point on its own, and its closing.

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::{
    Loc, Provenance, Slot, Specific, Template, TemplateChild, TemplateKind,
};
use crate::core::mine::Segmented;
use crate::core::parse::speech::Speech;

pub fn templates_of(
    speech: &Speech,
    file: &str,
    lex: &TopicLexicon,
    seg: &mut Segmented,
) -> Vec<Template> {
    let mut out = Vec::new();
    let prov = |path: String| Provenance {
        file: file.to_string(),
        title: speech.title.clone(),
        path,
    };
    let id = |kind: TemplateKind, path: &str| {
        format!(
            "{}/{}/{}",
            crate::core::library::files::stem(file),
            kind.key(),
            path
        )
    };
    if !speech.opening.is_empty() {
        out.push(build(
            TemplateKind::Opening,
            id(TemplateKind::Opening, "开头"),
            "",
            &speech.opening,
            &[],
            prov("开头".into()),
            lex,
            seg,
        ));
    }
    for sec in &speech.sections {
        let p1 = sec.path_part().to_string();
        let children: Vec<(String, Vec<String>)> = sec
            .children
            .iter()
            .map(|c| (c.heading.clone(), c.flattened()))
            .collect();
        out.push(build(
            TemplateKind::Section,
            id(TemplateKind::Section, &p1),
            &sec.heading,
            &sec.paragraphs,
            &children,
            prov(p1.clone()),
            lex,
            seg,
        ));
        for c in &sec.children {
            let path = format!("{p1}/{}", c.path_part());
            out.push(build(
                TemplateKind::Point,
                id(TemplateKind::Point, &path),
                &c.heading,
                &c.flattened(),
                &[],
                prov(path),
                lex,
                seg,
            ));
        }
    }
    if !speech.closing.is_empty() {
        out.push(build(
            TemplateKind::Closing,
            id(TemplateKind::Closing, "结尾"),
            "",
            &speech.closing,
            &[],
            prov("结尾".into()),
            lex,
            seg,
        ));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn build(
    kind: TemplateKind,
    id: String,
    heading: &str,
    paragraphs: &[String],
    children: &[(String, Vec<String>)],
    source: Provenance,
    lex: &TopicLexicon,
    seg: &mut Segmented,
) -> Template {
    let mut t = Template {
        id,
        kind,
        heading: heading.to_string(),
        paragraphs: paragraphs.to_vec(),
        children: children
            .iter()
            .map(|(h, p)| TemplateChild {
                heading: h.clone(),
                paragraphs: p.clone(),
            })
            .collect(),
        topics: Vec::new(),
        slots: Vec::new(),
        specifics: Vec::new(),
        source,
        also: Vec::new(),
        chars: 0,
    };
    // Slots first: specifics are located in the rewritten text.
    let locs: Vec<Loc> = t.texts().into_iter().map(|(l, _)| l).collect();
    for loc in &locs {
        let Some(b) = seg.blanks(t.text_at(*loc).unwrap_or_default()) else {
            continue;
        };
        set_text(&mut t, *loc, b.filled.clone());
        t.slots.extend(b.found.iter().map(|f| Slot {
            name: f.name.to_string(),
            original: f.original.clone(),
            loc: *loc,
            start: f.start,
            end: f.end,
        }));
    }
    let mut score = lex.new_score();
    for loc in &locs {
        // A point's text recurs in its section's template: its facts are found once.
        let facts = seg.facts(t.text_at(*loc).unwrap_or_default(), lex);
        t.specifics.extend(facts.specifics.iter().map(|f| Specific {
            text: f.text.clone(),
            kind: f.kind,
            loc: *loc,
            start: f.start,
            end: f.end,
        }));
        // A section's heading words weigh more than its body's.
        let weight = if loc.para.is_none() {
            crate::core::lexicon::topics::HEADING_WEIGHT
        } else {
            1.0
        };
        lex.add_hits(&mut score, &facts.topic_hits, weight);
    }
    t.topics = lex.rank(&score);
    t.chars = t.texts().iter().map(|(_, s)| s.chars().count()).sum();
    t
}

fn set_text(t: &mut Template, loc: Loc, text: String) {
    let (heading, paras) = match loc.child {
        None => (&mut t.heading, &mut t.paragraphs),
        Some(c) => {
            let ch = &mut t.children[c];
            (&mut ch.heading, &mut ch.paragraphs)
        }
    };
    match loc.para {
        None => *heading = text,
        Some(p) => paras[p] = text,
    }
}
