//! The names of the places a speech is about (桐溪 of 桐溪镇, 云溪 of 云溪区), found among
//! the specifics of its templates: a phrase that holds one is that speech's own (“桐溪好
//! 家风”), though the name alone, cut from its 镇, is a word jieba does not know.

use crate::core::library::{SpecificKind, Template};
use crate::core::mine::specifics;
use crate::core::nlp;
use crate::core::parse::speech::Speech;
use crate::core::text::is_han;

/// The names of the places of a speech: those its templates name, and those of its title
/// and byline (中共云溪县委书记), which no template holds.
pub fn of_speech(speech: &Speech, templates: &[Template]) -> Vec<String> {
    let heads = speech
        .title
        .iter()
        .chain(&speech.subtitle)
        .chain(&speech.byline);
    let mut found: Vec<String> = Vec::new();
    for line in heads {
        let places = specifics::find(&nlp::segment(line))
            .into_iter()
            .filter(|f| f.kind == SpecificKind::Place);
        found.extend(places.map(|f| f.text));
        found.extend(before_bodies(line));
    }
    let of_templates = templates
        .iter()
        .flat_map(|t| &t.specifics)
        .filter(|s| s.kind == SpecificKind::Place)
        .map(|s| s.text.clone());
    found.extend(of_templates);
    names(found)
}

/// Endings of a place's name that say its level.
const LEVELS: &[char] = &['省', '市', '县', '区', '镇', '乡', '村'];
/// First letters of a level with no name (全县, 各乡镇, 本市, 我区).
const NO_NAME: &[char] = &[
    '全', '各', '本', '该', '我', '市', '县', '省', '区', '乡', '镇',
];

/// Bodies of a place's Party and government whose names follow the place's (云溪县委,
/// 桐溪镇人民政府): in a byline the segmenter joins them into one word (县委书记) and leaves
/// the name unknown.
const BODIES: &[&str] = &["委", "人民政府", "政府", "人大", "政协"];
/// Words a byline puts before a place's name.
const LEADS: &[&str] = &["中国共产党", "中共"];

/// The places (with level) named before a body of theirs in one line: 中共梧岭县委书记 →
/// 梧岭县.
fn before_bodies(line: &str) -> Vec<String> {
    let c: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    for (i, ch) in c.iter().enumerate() {
        let rest: String = c[i + 1..].iter().take(4).collect();
        if !LEVELS.contains(ch) || !BODIES.iter().any(|b| rest.starts_with(b)) {
            continue;
        }
        let mut s = i;
        while s > 0 && i - s < 8 && is_han(c[s - 1]) && !"在的、于和与".contains(c[s - 1]) {
            s -= 1;
        }
        let mut run: String = c[s..=i].iter().collect();
        for lead in LEADS {
            if let Some(r) = run.strip_prefix(lead) {
                run = r.to_string();
            }
        }
        if (3..=6).contains(&run.chars().count()) {
            out.push(run);
        }
    }
    out
}

/// The names (two letters or more, level cut off) of the places the templates name with
/// their level (桐溪镇, 溪口镇, 云溪区): a place named without one may be a word of the
/// text the place finder took for a name.
fn names(places: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for place in places {
        let Some(stem) = place.strip_suffix(LEVELS) else {
            continue;
        };
        let named = stem.chars().count() >= 2
            && stem.chars().all(is_han)
            && !stem.starts_with(NO_NAME)
            && !stem.chars().all(|c| LEVELS.contains(&c));
        if named && !out.iter().any(|o| o == stem) {
            out.push(stem.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::{Loc, Provenance, Specific, TemplateKind};

    fn with_places(places: &[&str]) -> Template {
        let specifics = places
            .iter()
            .map(|p| Specific {
                text: p.to_string(),
                kind: SpecificKind::Place,
                loc: Loc {
                    child: None,
                    para: Some(0),
                },
                start: 0,
                end: 0,
            })
            .collect();
        Template {
            id: "a/section/一".into(),
            kind: TemplateKind::Section,
            heading: String::new(),
            paragraphs: Vec::new(),
            children: Vec::new(),
            topics: Vec::new(),
            slots: Vec::new(),
            specifics,
            source: Provenance {
                file: "a.txt".into(),
                title: None,
                path: "一".into(),
            },
            also: Vec::new(),
            chars: 0,
        }
    }

    #[test]
    fn places_named_with_their_level_give_their_names() {
        let t = with_places(&[
            "桐溪镇",
            "云溪区",
            "桃源村",
            "澜州",
            "扎根",
            "镇",
            "省市县",
            "全县乡",
            "各乡镇",
        ]);
        assert_eq!(
            of_speech(&Speech::default(), &[t]),
            vec!["桐溪", "云溪", "桃源"]
        );
    }

    #[test]
    fn the_byline_names_the_place_no_template_holds() {
        let speech = Speech {
            title: Some("在全县党风廉政建设工作会议上的讲话".into()),
            subtitle: Some("（2026年1月，澜州市人民政府）".into()),
            byline: vec!["中共梧岭县委书记　周振华".into()],
            ..Speech::default()
        };
        assert_eq!(of_speech(&speech, &[]), vec!["澜州", "梧岭"]);
    }
}
