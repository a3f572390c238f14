//! The bundled font: it draws every character a speech is written in, and the app never
//! panics over a character no font has.

use std::sync::Arc;

use egui::epaint::text::{FallbackRequest, FontProvider};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianggao::app::fonts::{self, SafeSystemFonts};
use jianggao::app::prefs::Prefs;
use jianggao::app::{JiangGaoApp, Options};
use jianggao::core::draft::{BlockKind, Draft};

const ASSETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts");

/// The characters of 通用规范汉字表, as the list shipped beside the font has them.
fn tongyong_guifan() -> Vec<char> {
    let text = std::fs::read_to_string(format!("{ASSETS}/tongyong-guifan-hanzi.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cs = l.trim().chars();
            let c = cs.next().unwrap();
            assert_eq!(cs.next(), None, "one character a line: {l}");
            c
        })
        .collect()
}

/// The code points of extra-ranges.txt (punctuation, full-width forms, enclosed numbers …).
fn extra_points() -> Vec<char> {
    let text = std::fs::read_to_string(format!("{ASSETS}/extra-ranges.txt")).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let spec = line.split('#').next().unwrap().trim();
        if spec.is_empty() {
            continue;
        }
        let (lo, hi) = spec.split_once("..").unwrap_or((spec, spec));
        let lo = u32::from_str_radix(lo, 16).unwrap();
        let hi = u32::from_str_radix(hi, 16).unwrap();
        out.extend((lo..=hi).filter_map(char::from_u32));
    }
    out
}

#[test]
fn the_bundled_font_draws_every_character_of_the_standard_list() {
    let face = ttf_parser::Face::parse(fonts::CJK_FONT, 0).unwrap();
    let hanzi = tongyong_guifan();
    assert_eq!(hanzi.len(), 8105);
    let distinct: std::collections::HashSet<_> = hanzi.iter().collect();
    assert_eq!(distinct.len(), 8105, "no character twice");
    let missing: String = hanzi
        .iter()
        .filter(|&&c| face.glyph_index(c).is_none())
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing}");
    let extra = extra_points();
    for c in "①⑳⑪⑴⒇⒈⒛㈠㊀〇—…“”‘’《》【】〔〕（）：；！？、。·×℃№Ⅻ㎡％．，".chars()
    {
        assert!(extra.contains(&c), "{c} belongs in extra-ranges.txt");
    }
    let missing: Vec<String> = extra
        .iter()
        .filter(|&&c| face.glyph_index(c).is_none())
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
    // The subset is a subset: rarer characters (Extension B) come from the system's fonts.
    assert!(face.glyph_index('𠀀').is_none());
}

/// A saved draft whose text has characters outside GB2312, opened as a user would.
fn open_draft(h: &mut Harness<'_, JiangGaoApp>, dir: &std::path::Path, text: &str) {
    let mut d = Draft::default();
    d.meta.title = format!("在{text}座谈会上的讲话");
    d.meta.speaker = "王喆".into();
    let id = d.insert_blank(BlockKind::Section, None);
    let b = d.blocks.iter_mut().find(|b| b.id == id).unwrap();
    b.heading = "蹚出新路子".into();
    b.body = format!("{text}：要敢于蹚出一条新路子。");
    let path = dir.join("生僻字.ron");
    std::fs::write(&path, d.to_ron()).unwrap();
    h.state_mut().open_path(&path);
    h.run_steps(3);
}

#[test]
fn a_draft_with_rare_characters_renders_with_the_bundled_font() {
    let dir = tempfile::tempdir().unwrap();
    // The harness panics at any glyph that no font has (MissingGlyphPolicy::Panic), and
    // installs no system fonts: only the bundled font can draw these.
    let mut h = crate::app::harness(dir.path());
    open_draft(&mut h, dir.path(), "蹚喆堃玥珺昇⑪");
    assert!(h.state().draft.blocks[0].body.starts_with("蹚喆堃玥珺昇⑪"));
    assert!(h.query_all_by_value("蹚出新路子").next().is_some());
}

#[test]
fn a_failed_system_font_thread_leaves_boxes_not_a_panic() {
    // The system fonts' loader panics, as egui's does on a machine with no fonts at all.
    let broken = SafeSystemFonts::spawn(|| panic!("no fonts configured"));
    let request = FallbackRequest {
        cluster: "𠀀",
        family: &egui::FontFamily::Proportional,
    };
    assert!(broken.font_for(&request).is_none());
    assert!(
        broken.font_for(&request).is_none(),
        "asked again, still no panic"
    );

    // The whole app with that provider and a character no font has: drawn as a box.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| {
            cc.egui_ctx
                .add_font_provider(Arc::new(SafeSystemFonts::spawn(|| {
                    panic!("no fonts configured")
                })));
            JiangGaoApp::with_prefs(&cc.egui_ctx, Options::for_tests(data), Prefs::default())
        });
    h.run_steps(3);
    open_draft(&mut h, dir.path(), "𠀀𪚥");
    assert!(h.query_all_by_value("蹚出新路子").next().is_some());
}

/// A provider that answers, to check the safe wrapper passes its answers on.
struct Answers;

impl FontProvider for Answers {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<egui::epaint::text::FontInsert> {
        (request.cluster == "中").then(|| {
            egui::epaint::text::FontInsert::new(
                "answer",
                egui::FontData::from_static(fonts::CJK_FONT),
                vec![],
            )
        })
    }
}

#[test]
fn a_working_system_font_provider_is_asked_through() {
    let ok = SafeSystemFonts::spawn(|| Box::new(Answers));
    let ask = |cluster| {
        ok.font_for(&FallbackRequest {
            cluster,
            family: &egui::FontFamily::Proportional,
        })
    };
    assert_eq!(ask("中").map(|f| f.name), Some("answer".to_string()));
    assert!(ask("𠀀").is_none());
}
