//! One full app frame (egui_kittest, no GPU) with a 20,000-character draft of 10 sections
//! and a 1,000-template library; and a frame in which one character is typed.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use jianggao::app::prefs::Prefs;
use jianggao::app::{JiangGaoApp, Options};
use jianggao::core::draft::{BlockKind, Draft};
use jianggao::core::library::Library;

fn big_library() -> Library {
    let (base, _) = Library::embedded();
    let mut lib = Library {
        templates: Vec::new(),
        phrases: base.phrases.clone(),
    };
    for i in 0..1000 {
        let mut t = base.templates[i % base.templates.len()].clone();
        t.id = format!("{}#{i}", t.id);
        lib.templates.push(t);
    }
    lib
}

fn big_draft(lib: &Library) -> Draft {
    let mut d = Draft::default();
    let sections: Vec<_> = lib
        .templates
        .iter()
        .filter(|t| t.kind == jianggao::core::library::TemplateKind::Point)
        .collect();
    for i in 0..10 {
        let id = d.insert_blank(BlockKind::Section, None);
        let at = d.index_of(id).unwrap();
        let mut body = String::new();
        let mut k = i;
        while body.chars().count() < 2000 {
            body.push_str(&sections[k % sections.len()].paragraphs.join("\n"));
            body.push('\n');
            k += 7;
        }
        let body: String = body.chars().take(2000).collect();
        d.blocks[at].heading = sections[i % sections.len()].heading.clone();
        d.blocks[at].body = body;
    }
    d
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Arc::new(big_library());
    let draft = big_draft(&lib);
    assert!(draft.plain_text().chars().count() >= 20_000);
    // As in the real app: suggestions wait for a typing pause; no autosave during the run.
    let opts = Options {
        autosave_seconds: 1e9,
        suggest_debounce: jianggao::app::SUGGEST_DEBOUNCE,
        ..Options::for_tests(dir.path().to_path_buf())
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| JiangGaoApp::with_prefs(&cc.egui_ctx, opts, Prefs::default()));
    h.run_steps(2);
    h.state_mut().set_library(lib.clone());
    h.state_mut().draft = draft;
    h.run_steps(3);

    let mut g = c.benchmark_group("frame");
    g.bench_function("full_frame_20k_chars_1000_templates", |b| {
        b.iter(|| h.step())
    });
    // Typing into one section: the others keep their cached layout.
    let id = h.state().draft.blocks[4].id;
    h.state_mut().view.focus_request = Some(jianggao::app::Caret::new(
        id,
        jianggao::core::draft_edit::Field::Body,
        Some(10),
    ));
    h.run_steps(2);
    g.bench_function("typing_one_char", |b| {
        b.iter(|| {
            h.event(egui::Event::Text("党".into()));
            h.step();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
