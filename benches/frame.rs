//! One full app frame (egui_kittest, no GPU) with a 20,000-character draft and a
//! 1,000-template library: a draft of 10 plain sections (idle, and one character typed),
//! and a draft built from templates as the writer builds one (every block with its
//! provenance, carrying its source's specifics) — idle, with the check panel open, with
//! the preview on, typing, and with an input-method composition in progress.
//!
//! And the template list at the size of a writer's archive (#15): 100,000 templates,
//! a frame while scrolling the list, while typing into its search, and switching the kind
//! filter.
//!
//! Background work runs on its own threads as in the app (`sync: false`): a frame's cost
//! is the UI thread's. Target: at most 4 ms a frame.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianggao::app::action::Command;
use jianggao::app::prefs::Prefs;
use jianggao::app::{Action, Caret, JiangGaoApp, Options};
use jianggao::core::draft::Field;
use jianggao::core::draft::edit::Edit;
use jianggao::core::draft::{BlockKind, Draft, Meta};
use jianggao::core::library::{Library, TemplateKind};

fn big_library() -> Library {
    let (base, _) = Library::embedded();
    let mut lib = Library {
        templates: Vec::new(),
        phrases: base.phrases.clone(),
    };
    for i in 0..1000 {
        let mut t = base.templates[i % base.templates.len()].clone();
        t.id = format!("{}#{i}", t.id);
        // Each copy its own source, so the lookup of a block's template is a real search.
        t.source.file = format!("{}#{i}", t.source.file);
        lib.templates.push(t);
    }
    lib
}

fn big_draft(lib: &Library) -> Draft {
    let mut d = Draft::default();
    let sections: Vec<_> = lib
        .templates
        .iter()
        .filter(|t| t.kind == TemplateKind::Point)
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

/// An opening, sections with their points and a closing, inserted from the library by
/// the same edits as the app's, until the speech has 20,000 characters.
fn draft_from_templates(lib: &Library) -> Draft {
    let mut d = Draft::default();
    d.apply(Edit::SetMeta(Box::new(Meta {
        title: "在全市组织工作会议上的讲话".into(),
        meeting: "全市组织工作会议".into(),
        unit: "市委组织部".into(),
        speaker: "张明".into(),
        date: "2026-11-20".into(),
        ..Meta::default()
    })));
    let of = |k: TemplateKind| lib.templates.iter().filter(move |t| t.kind == k);
    let insert = |d: &mut Draft, t: &jianggao::core::library::Template| {
        d.apply(Edit::InsertTemplate {
            template: Box::new(t.clone()),
            at: None,
        });
    };
    insert(&mut d, of(TemplateKind::Opening).next().unwrap());
    // Sections with the most specifics first: the draft carries what a writer must rewrite.
    let mut sections: Vec<_> = of(TemplateKind::Section).collect();
    sections.sort_by_key(|t| std::cmp::Reverse(t.specifics.len()));
    for t in sections.iter().cycle() {
        if d.plain_text().chars().count() >= 20_000 {
            break;
        }
        insert(&mut d, t);
    }
    insert(&mut d, of(TemplateKind::Closing).next().unwrap());
    assert!(d.plain_text().chars().count() >= 20_000);
    assert!(d.blocks.iter().all(|b| b.source.is_some()), "provenance");
    d
}

type App = Harness<'static, JiangGaoApp>;

/// The window with the library loaded (its own loading finished first, so it does not
/// replace the bench's library mid-run) and `draft` in it.
fn window(lib: &Arc<Library>, draft: Draft) -> App {
    let dir = tempfile::tempdir().unwrap().keep();
    // As in the real app: suggestions and the check wait for a typing pause and run on
    // their own threads; no autosave during the run.
    let opts = Options {
        sync: false,
        autosave_seconds: 1e9,
        suggest_debounce: jianggao::app::SUGGEST_DEBOUNCE,
        ..Options::for_tests(dir)
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| JiangGaoApp::with_prefs(&cc.egui_ctx, opts, Prefs::default()));
    wait(&mut h, |a| a.library_ready());
    h.state_mut().set_library(lib.clone());
    h.state_mut().draft = draft;
    h.state_mut().doc.rev += 1;
    h.run_steps(3);
    h
}

/// Steps (letting background jobs answer) until `done` holds, for at most 60 s.
fn wait(h: &mut App, done: impl Fn(&JiangGaoApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert!(done(h.state()), "timed out");
}

fn caret_in(h: &mut App, block: usize) {
    let id = h.state().draft.blocks[block].id;
    h.state_mut().view.focus_request = Some(Caret::new(id, Field::Body, Some(10)));
    h.run_steps(2);
}

fn command(h: &mut App, c: Command) {
    h.state_mut().push(Action::Command(c));
    h.run_steps(2);
}

fn plain_draft(c: &mut Criterion, lib: &Arc<Library>) {
    let mut h = window(lib, big_draft(lib));
    let mut g = c.benchmark_group("frame");
    g.bench_function("full_frame_20k_chars_1000_templates", |b| {
        b.iter(|| h.step())
    });
    // Typing into one section: the others keep their cached layout.
    caret_in(&mut h, 4);
    g.bench_function("typing_one_char", |b| {
        b.iter(|| {
            h.event(egui::Event::Text("党".into()));
            h.step();
        })
    });
    g.finish();
}

fn template_draft(c: &mut Criterion, lib: &Arc<Library>) {
    let draft = draft_from_templates(lib);
    let mut h = window(lib, draft.clone());
    let mut g = c.benchmark_group("frame_templates_20k");
    g.bench_function("idle", |b| b.iter(|| h.step()));
    command(&mut h, Command::Check);
    wait(&mut h, |a| !a.checks.findings().is_empty());
    g.bench_function("check_panel_open", |b| b.iter(|| h.step()));
    command(&mut h, Command::Preview);
    g.bench_function("preview_on", |b| b.iter(|| h.step()));
    command(&mut h, Command::Preview);
    // Typing with the check panel open: each character is a new revision.
    caret_in(&mut h, 3);
    g.bench_function("typing_check_open", |b| {
        b.iter(|| {
            h.event(egui::Event::Text("党".into()));
            h.step();
        })
    });
    // An input method composing pinyin in a body: the preedit changes every frame.
    let preedits = [
        "d",
        "da",
        "dan",
        "dang",
        "dang j",
        "dang ji",
        "dang jia",
        "dang jian",
    ];
    let mut k = 0;
    g.bench_function("composing", |b| {
        b.iter(|| {
            let text = preedits[k % preedits.len()].to_string();
            k += 1;
            h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
                text,
                active_range_chars: None,
            }));
            h.step();
        })
    });
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("党建".into())));
    h.step();
    g.finish();
}

/// The shipped templates repeated under new ids and sources: `n` templates.
fn archive_library(n: usize) -> Library {
    let (base, _) = Library::embedded();
    let templates = (0..n)
        .map(|i| {
            let mut t = base.templates[i % base.templates.len()].clone();
            t.id = format!("{}#{i}", t.id);
            t.source.file = format!("{}#{i}", t.source.file);
            t
        })
        .collect();
    Library {
        templates,
        phrases: base.phrases.clone(),
    }
}

fn library_list(c: &mut Criterion) {
    let lib = Arc::new(archive_library(100_000));
    let mut h = window(&lib, Draft::default());
    // The first list comes from the background.
    wait(&mut h, |a| !a.lib_panel.searching());
    let mut g = c.benchmark_group("frame_library_100k");
    // The pointer over the list, the wheel turning: each frame scrolls by a few rows.
    h.event(egui::Event::PointerMoved(egui::pos2(170.0, 500.0)));
    h.step();
    g.bench_function("scrolling_list", |b| {
        b.iter(|| {
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -60.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
            h.step();
        })
    });
    // Typing into the search: a character, then taking it back, over a query that matches.
    h.get_by_label("搜索").focus();
    h.step();
    h.get_by_label("搜索").type_text("作风");
    h.step();
    wait(&mut h, |a| !a.lib_panel.searching());
    let mut k = 0;
    g.bench_function("typing_search", |b| {
        b.iter(|| {
            k += 1;
            if k % 2 == 1 {
                h.event(egui::Event::Text("建".into()));
            } else {
                h.key_press(egui::Key::Backspace);
            }
            h.step();
        })
    });
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Backspace);
    h.step();
    wait(&mut h, |a| !a.lib_panel.searching());
    // Switching the kind filter (all, then each kind in turn): the frame after a click.
    let kinds = [
        None,
        Some(TemplateKind::Opening),
        Some(TemplateKind::Section),
        Some(TemplateKind::Point),
        Some(TemplateKind::Closing),
    ];
    let mut k = 0;
    g.bench_function("kind_switch", |b| {
        b.iter(|| {
            k += 1;
            h.state_mut().lib_panel.kind = kinds[k % kinds.len()];
            h.step();
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let lib = Arc::new(big_library());
    plain_draft(c, &lib);
    template_draft(c, &lib);
    library_list(c);
}

criterion_group!(benches, bench);
criterion_main!(benches);
