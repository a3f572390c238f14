//! The names of the places a speech is about (桐溪 of 桐溪镇, 云溪 of 云溪区), found among
//! the specifics of its templates: a phrase that holds one is that speech's own (“桐溪好
//! 家风”), though the name alone, cut from its 镇, is a word jieba does not know.

use crate::core::library::{SpecificKind, Template};
use crate::core::text::is_han;

/// Endings of a place's name that say its level.
const LEVELS: &[char] = &['省', '市', '县', '区', '镇', '乡', '村'];
/// First letters of a level with no name (全县, 各乡镇, 本市, 我区).
const NO_NAME: &[char] = &[
    '全', '各', '本', '该', '我', '市', '县', '省', '区', '乡', '镇',
];

/// The names (two letters or more, level cut off) of the places the templates name with
/// their level (桐溪镇, 溪口镇, 云溪区): a place named without one may be a word of the
/// text the place finder took for a name.
pub fn of_templates(templates: &[Template]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let places = templates
        .iter()
        .flat_map(|t| &t.specifics)
        .filter(|s| s.kind == SpecificKind::Place);
    for s in places {
        let Some(stem) = s.text.strip_suffix(LEVELS) else {
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
        assert_eq!(of_templates(&[t]), vec!["桐溪", "云溪", "桃源"]);
    }
}
