//! Left panel — 模板库: filter by kind and topic, search, preview, insert or drag.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::highlight::{self, Mark};
use super::{Action, Shelf};
use crate::core::library::{Library, Loc, Template, TemplateKind};
use crate::core::nlp;

/// Payload of a template dragged into the draft.
#[derive(Debug, Clone)]
pub struct TemplateDrag(pub String);

/// What the cached results were computed for: search, kind, topic, library size.
type FilterKey = (String, Option<TemplateKind>, Option<String>, usize);

/// What the topic entries were counted for: library generation and kind.
type TopicKey = (u64, Option<TemplateKind>);
/// Topics with their counts, the most common first.
type Topics = Arc<[(String, usize)]>;

#[derive(Default)]
pub struct LibraryPanel {
    pub search: String,
    pub kind: Option<TemplateKind>,
    pub topic: Option<String>,
    pub selected: Option<String>,
    /// (search, kind, topic, library size) → matching template indices.
    cache: Option<(FilterKey, Vec<usize>)>,
    /// (library generation, kind) → the topic filter's entries.
    topics: Option<(TopicKey, Topics)>,
}

/// Whether a template matches a search: the text as typed, or every jieba keyword of it.
/// The topics of the templates of a kind (all kinds for `None`) with their counts, the
/// most common first (then in the lexicon's wording order), as a writer looks for them.
pub fn topic_counts(lib: &Library, kind: Option<TemplateKind>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &lib.templates {
        if kind.is_none_or(|k| t.kind == k) {
            for tp in &t.topics {
                *counts.entry(tp.as_str()).or_default() += 1;
            }
        }
    }
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(t, n)| (t.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

pub fn matches(t: &Template, query: &str, keywords: &[String]) -> bool {
    if query.trim().is_empty() {
        return true;
    }
    let texts = t.texts();
    let q = query.trim();
    if texts.iter().any(|(_, s)| s.contains(q)) {
        return true;
    }
    !keywords.is_empty()
        && keywords
            .iter()
            .all(|k| texts.iter().any(|(_, s)| s.contains(k.as_str())))
}

impl LibraryPanel {
    /// The topic filter's entries for the kind chosen, counted once per library generation.
    fn topics(&mut self, lib: &Library, generation: u64) -> Topics {
        let key = (generation, self.kind);
        match &self.topics {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                let v: Topics = topic_counts(lib, self.kind).into();
                self.topics = Some((key, v.clone()));
                v
            }
        }
    }

    /// Indices of matching templates, cached until the filter or library changes.
    pub fn results(&mut self, lib: &Library) -> Vec<usize> {
        let key = (
            self.search.clone(),
            self.kind,
            self.topic.clone(),
            lib.templates.len(),
        );
        if let Some((k, v)) = &self.cache
            && *k == key
        {
            return v.clone();
        }
        let keywords = if self.search.trim().is_empty() {
            Vec::new()
        } else {
            nlp::keywords(&self.search)
        };
        let mut v: Vec<usize> = (0..lib.templates.len())
            .filter(|&i| {
                let t = &lib.templates[i];
                self.kind.is_none_or(|k| t.kind == k)
                    && self.topic.as_ref().is_none_or(|tp| t.topics.contains(tp))
                    && matches(t, &self.search, &keywords)
            })
            .collect();
        v.sort_by_key(|&i| {
            let t = &lib.templates[i];
            (
                t.kind,
                !t.heading.contains(self.search.trim()),
                t.id.clone(),
            )
        });
        self.cache = Some((key, v.clone()));
        v
    }
}

/// The first `n` characters of a template's heading (or opening line), for one list row.
fn title_of(t: &Template, n: usize) -> String {
    let s = if t.heading.is_empty() {
        t.paragraphs.first().map(String::as_str).unwrap_or("")
    } else {
        &t.heading
    };
    let mut p: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        p.push('…');
    }
    p
}

impl LibraryPanel {
    /// Draws the panel over the library; what the writer asks of the draft comes back as
    /// actions.
    pub fn ui(&mut self, shelf: &Shelf, ui: &mut egui::Ui) -> Vec<Action> {
        self.panel_ui(shelf, ui).unwrap_or_default()
    }

    fn panel_ui(&mut self, shelf: &Shelf, ui: &mut egui::Ui) -> Option<Vec<Action>> {
        let mut out = Vec::new();
        ui.heading("模板库");
        if !shelf.ready {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("正在载入模板库和分词词典…");
            });
            return None;
        }
        let lib = &shelf.library;
        let panel = self;
        ui.horizontal(|ui| {
            let l = ui.label("搜索");
            ui.add(
                egui::TextEdit::singleline(&mut panel.search)
                    .hint_text("标题或正文，如：作风")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        });
        // Kinds with counts.
        ui.horizontal_wrapped(|ui| {
            if ui
                .selectable_label(
                    panel.kind.is_none(),
                    format!("全部 {}", lib.templates.len()),
                )
                .clicked()
            {
                panel.kind = None;
            }
            for k in TemplateKind::ALL {
                let n = lib.count(k);
                if ui
                    .selectable_label(panel.kind == Some(k), format!("{} {n}", k.label()))
                    .clicked()
                {
                    panel.kind = if panel.kind == Some(k) { None } else { Some(k) };
                }
            }
        });
        let topics = panel.topics(lib, shelf.generation);
        ui.horizontal(|ui| {
            let l = ui.label("主题");
            let current = panel
                .topic
                .clone()
                .unwrap_or_else(|| "全部主题".to_string());
            egui::ComboBox::from_id_salt("topic_filter")
                .selected_text(current)
                // Tall enough that the common topics show without scrolling.
                .height(480.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut panel.topic, None, "全部主题");
                    for (tp, n) in topics.iter() {
                        ui.selectable_value(
                            &mut panel.topic,
                            Some(tp.to_string()),
                            format!("{tp}（{n}）"),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
        });
        let results = panel.results(lib);
        ui.label(format!("找到 {} 个模板", results.len()));
        ui.separator();

        let preview_height = if panel.selected.is_some() {
            ui.available_height() * 0.45
        } else {
            0.0
        };
        let body_h = ui.text_style_height(&egui::TextStyle::Body);
        let row_h = body_h
            + ui.text_style_height(&egui::TextStyle::Small)
            + ui.spacing().item_spacing.y * 2.0;
        // One line per row: as many Chinese characters as the panel is wide.
        let fit = (ui.available_width() / body_h) as usize + 4;
        egui::ScrollArea::vertical()
            .id_salt("template_list")
            .max_height(ui.available_height() - preview_height)
            .auto_shrink([false, false])
            .show_rows(ui, row_h, results.len(), |ui, range| {
                // Rows have a fixed height: long headings are cut, not wrapped.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for &i in &results[range] {
                    let t = &lib.templates[i];
                    let selected = panel.selected.as_deref() == Some(t.id.as_str());
                    let r = ui
                        .selectable_label(
                            selected,
                            format!("〔{}〕{}", t.kind.label(), title_of(t, fit)),
                        )
                        .interact(egui::Sense::click_and_drag())
                        .on_hover_text("点击预览，拖到讲稿中插入");
                    if r.clicked() {
                        panel.selected = Some(t.id.clone());
                    }
                    // Dragging a row carries the template to the draft.
                    r.dnd_set_drag_payload(TemplateDrag(t.id.clone()));
                    let src = t.source.title.as_deref().unwrap_or(&t.source.file);
                    let meta = format!(
                        "{} · {} 字 · {}",
                        t.topics.first().map_or("", String::as_str),
                        t.chars,
                        src
                    );
                    ui.add(egui::Label::new(egui::RichText::new(meta).small()).truncate());
                }
            });
        let sel = panel.selected.clone()?;
        let t = lib.templates.iter().find(|t| t.id == sel)?;
        ui.separator();
        ui.horizontal(|ui| {
            if ui
                .button("插入到讲稿")
                .on_hover_text("插入到光标所在位置之后")
                .clicked()
            {
                out.push(Action::InsertTemplate {
                    id: t.id.clone(),
                    after_block: None,
                });
            }
            if ui.button("关闭预览").clicked() {
                panel.selected = None;
            }
        });
        egui::ScrollArea::vertical()
            // One scroll state per template: a new preview starts at its top.
            .id_salt(("template_preview", t.id.as_str()))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                preview_ui(ui, t);
            });
        Some(out)
    }
}

/// The template with its slots and specifics highlighted, and where it came from.
pub fn preview_ui(ui: &mut egui::Ui, t: &Template) {
    ui.small(format!(
        "出处：{} · {} · {}",
        t.source.title.as_deref().unwrap_or("（无标题）"),
        t.source.file,
        t.source.path
    ));
    if !t.topics.is_empty() {
        ui.small(format!("主题：{}", t.topics.join("、")));
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let dark = ui.visuals().dark_mode;
    let width = ui.available_width();
    for (loc, text) in t.texts() {
        let mut marks: Vec<(usize, usize, Mark)> = t
            .slots
            .iter()
            .filter(|s| s.loc == loc)
            .map(|s| (s.start, s.end, Mark::Slot))
            .collect();
        marks.extend(
            t.specifics
                .iter()
                .filter(|s| s.loc == loc)
                .map(|s| (s.start, s.end, Mark::Specific)),
        );
        let job = highlight::job(text, &marks, font.clone(), color, dark, width);
        if loc.para.is_none() {
            ui.strong(text);
        } else {
            ui.label(job);
        }
        if loc
            == (Loc {
                child: None,
                para: None,
            })
        {
            ui.add_space(2.0);
        }
    }
    if !t.slots.is_empty() {
        let names: Vec<String> = t.slots.iter().map(|s| format!("{{{}}}", s.name)).collect();
        ui.small(format!("空位：{}", dedup(names).join(" ")));
    }
    if !t.specifics.is_empty() {
        let names: Vec<String> = t
            .specifics
            .iter()
            .map(|s| format!("{}（{}）", s.text, s.kind.label()))
            .collect();
        ui.small(format!("需改写：{}", dedup(names).join("、")));
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}
