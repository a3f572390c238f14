//! Left panel — 模板库: filter by kind and topic, search, preview, insert or drag.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel};

use rustc_hash::FxHashMap;

use super::highlight::{self, Mark};
use super::{Action, Shelf};
use crate::core::library::{Library, Loc, Template, TemplateKind};
use crate::core::nlp;

/// Payload of a template dragged into the draft.
#[derive(Debug, Clone)]
pub struct TemplateDrag(pub String);

/// What the cached results were computed for: search, kind, topic, and the library's
/// generation (a reload or an import replaces the library and counts up).
type FilterKey = (String, Option<TemplateKind>, Option<String>, u64);

/// Libraries at least this large are searched off the UI thread: filtering 100,000
/// templates' text takes longer than a frame.
const BACKGROUND_FROM: usize = 20_000;

/// The counts above the list, made in one pass over a library: templates by kind, and
/// the topics of all kinds and of each kind with their counts. Made once per library, so
/// switching the kind filter costs no pass over 100,000 templates.
#[derive(Default)]
pub struct LibraryCounts {
    pub per_kind: Vec<(TemplateKind, usize)>,
    /// All kinds first, then by `TemplateKind::ALL`.
    topics: [Vec<(String, usize)>; 5],
}

impl LibraryCounts {
    pub fn of(lib: &Library) -> Self {
        let mut kinds = [0usize; 4];
        let mut by_topic: FxHashMap<&str, [usize; 4]> = FxHashMap::default();
        for t in &lib.templates {
            let k = kind_slot(t.kind);
            kinds[k] += 1;
            for tp in &t.topics {
                by_topic.entry(tp.as_str()).or_default()[k] += 1;
            }
        }
        let ranked = |count: &dyn Fn(&[usize; 4]) -> usize| {
            let mut v: Vec<(String, usize)> = by_topic
                .iter()
                .map(|(t, n)| (t.to_string(), count(n)))
                .filter(|(_, n)| *n > 0)
                .collect();
            // The most common first, then in the lexicon's wording order.
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let topics = [
            ranked(&|n| n.iter().sum()),
            ranked(&|n| n[0]),
            ranked(&|n| n[1]),
            ranked(&|n| n[2]),
            ranked(&|n| n[3]),
        ];
        LibraryCounts {
            per_kind: TemplateKind::ALL
                .iter()
                .map(|&k| (k, kinds[kind_slot(k)]))
                .collect(),
            topics,
        }
    }

    /// The topics of the templates of a kind (all kinds for `None`) with their counts.
    pub fn topics(&self, kind: Option<TemplateKind>) -> &[(String, usize)] {
        &self.topics[kind.map_or(0, |k| kind_slot(k) + 1)]
    }
}

/// The templates a filter found, and how many of each kind match its search and topic
/// (whatever kind is selected): the kind buttons count what the search finds.
#[derive(Default)]
pub struct Found {
    pub list: Vec<usize>,
    pub per_kind: [usize; 4],
}

impl Found {
    /// Matches of all kinds.
    pub fn total(&self) -> usize {
        self.per_kind.iter().sum()
    }
}

fn kind_slot(k: TemplateKind) -> usize {
    TemplateKind::ALL.iter().position(|&x| x == k).unwrap_or(0)
}

#[derive(Default)]
pub struct LibraryPanel {
    pub search: String,
    pub kind: Option<TemplateKind>,
    pub topic: Option<String>,
    pub selected: Option<String>,
    /// What the library load is doing, while it runs.
    pub loading: Option<String>,
    /// The last results and what they were computed for.
    cache: Option<(FilterKey, Arc<Found>)>,
    /// A search running in the background for a big library.
    pending: Option<(FilterKey, Receiver<Found>)>,
    /// The number of the latest background search: an older one stops when it sees
    /// a newer number, so fast typing does not pile searches up on the other core.
    serial: Arc<AtomicU64>,
    /// The counts for the library of this generation.
    counts: Option<(u64, Arc<LibraryCounts>)>,
    /// Where the selected template is in the library of this generation.
    selected_at: Option<(u64, String, usize)>,
}

/// The topics of the templates of a kind (all kinds for `None`) with their counts, the
/// most common first (then in the lexicon's wording order), as a writer looks for them.
pub fn topic_counts(lib: &Library, kind: Option<TemplateKind>) -> Vec<(String, usize)> {
    LibraryCounts::of(lib).topics(kind).to_vec()
}

/// Whether a template matches a search: the text as typed, or every jieba keyword of it.
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

/// Indices of the templates matching a filter, sections' headings matching first, and the
/// matches of each kind; `None` when `stale` turns true on the way (a newer search
/// replaced this one).
fn filter(lib: &Library, key: &FilterKey, stale: impl Fn() -> bool) -> Option<Found> {
    let (search, kind, topic, _) = key;
    let keywords = if search.trim().is_empty() {
        Vec::new()
    } else {
        nlp::keywords(search)
    };
    let mut v = Vec::new();
    let mut per_kind = [0; 4];
    for (i, t) in lib.templates.iter().enumerate() {
        if i % 4096 == 0 && stale() {
            return None;
        }
        if topic.as_ref().is_none_or(|tp| t.topics.contains(tp)) && matches(t, search, &keywords) {
            per_kind[kind_slot(t.kind)] += 1;
            if kind.is_none_or(|k| t.kind == k) {
                v.push(i);
            }
        }
    }
    let q = search.trim();
    v.sort_by_cached_key(|&i| {
        let t = &lib.templates[i];
        (t.kind, !t.heading.contains(q), &t.id)
    });
    Some(Found { list: v, per_kind })
}

impl LibraryPanel {
    /// Indices of matching templates, cached until the filter or library changes. A big
    /// library is searched in the background: the last results show until the new ones
    /// arrive, and typing never waits.
    pub fn results(&mut self, shelf: &Shelf, ctx: &egui::Context) -> Arc<Found> {
        let lib = &shelf.library;
        let key = (
            self.search.clone(),
            self.kind,
            self.topic.clone(),
            shelf.generation,
        );
        if let Some((k, rx)) = &self.pending
            && let Ok(v) = rx.try_recv()
        {
            self.cache = Some((k.clone(), Arc::new(v)));
            self.pending = None;
        }
        if let Some((k, v)) = &self.cache
            && *k == key
        {
            self.pending = None;
            return v.clone();
        }
        if lib.templates.len() < BACKGROUND_FROM {
            let v = Arc::new(filter(lib, &key, || false).unwrap_or_default());
            self.cache = Some((key, v.clone()));
            return v;
        }
        if self.pending.as_ref().is_none_or(|(k, _)| *k != key) {
            let (tx, rx) = channel();
            let (lib, k, ctx) = (lib.clone(), key.clone(), ctx.clone());
            let serial = self.serial.clone();
            let mine = serial.fetch_add(1, Ordering::Relaxed) + 1;
            std::thread::spawn(move || {
                let stale = || serial.load(Ordering::Relaxed) != mine;
                // A newer search may have replaced this one: then nobody listens.
                if let Some(v) = filter(&lib, &k, stale)
                    && tx.send(v).is_ok()
                {
                    ctx.request_repaint();
                }
            });
            self.pending = Some((key, rx));
        }
        self.cache
            .as_ref()
            .filter(|(k, _)| k.3 == shelf.generation)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// A search is running in the background.
    pub fn searching(&self) -> bool {
        self.pending.is_some()
    }

    /// Counts by kind and by topic, made once per library generation.
    fn counts(&mut self, shelf: &Shelf) -> Arc<LibraryCounts> {
        match &self.counts {
            Some((g, c)) if *g == shelf.generation => c.clone(),
            _ => {
                let c = Arc::new(LibraryCounts::of(&shelf.library));
                self.counts = Some((shelf.generation, c.clone()));
                c
            }
        }
    }

    /// The selected template's place in the library, found once per selection and
    /// library rather than by a scan of every template each frame.
    fn selected_index(&mut self, shelf: &Shelf) -> Option<usize> {
        let sel = self.selected.as_deref()?;
        if let Some((g, id, i)) = &self.selected_at
            && *g == shelf.generation
            && id == sel
        {
            return Some(*i);
        }
        let i = shelf.library.templates.iter().position(|t| t.id == sel)?;
        self.selected_at = Some((shelf.generation, sel.to_string(), i));
        Some(i)
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

/// The search field, the kinds with their counts and the topic filter.
fn filters_ui(ui: &mut egui::Ui, panel: &mut LibraryPanel, shelf: &Shelf, found: &Found) {
    ui.horizontal(|ui| {
        let l = ui.label("搜索");
        let id = egui::Id::unique("library_search");
        super::ime::text_field(ui, id, &mut panel.search, |ui, buf| {
            egui::TextEdit::singleline(buf)
                .id(id)
                .hint_text("标题或正文，如：作风")
                .desired_width(f32::INFINITY)
                .show(ui)
        })
        .output
        .response
        .response
        .labelled_by(l.id);
    });
    // Kinds with the number of each the search and topic find.
    let counts = panel.counts(shelf);
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(panel.kind.is_none(), format!("全部 {}", found.total()))
            .clicked()
        {
            panel.kind = None;
        }
        for k in TemplateKind::ALL {
            let n = found.per_kind[kind_slot(k)];
            if ui
                .selectable_label(panel.kind == Some(k), format!("{} {n}", k.label()))
                .clicked()
            {
                panel.kind = if panel.kind == Some(k) { None } else { Some(k) };
            }
        }
    });
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
                for (tp, n) in counts.topics(panel.kind) {
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
}

/// The matching templates, one row each; only the rows in view are drawn.
fn list_ui(ui: &mut egui::Ui, panel: &mut LibraryPanel, lib: &Library, results: &[usize]) {
    let preview_height = if panel.selected.is_some() {
        ui.available_height() * 0.45
    } else {
        0.0
    };
    let body_h = ui.text_style_height(&egui::TextStyle::Body);
    let row_h =
        body_h + ui.text_style_height(&egui::TextStyle::Small) + ui.spacing().item_spacing.y * 2.0;
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
                    "{} · {} 字 · {}{}",
                    t.topics.first().map_or("", String::as_str),
                    t.chars,
                    src,
                    occurs(t)
                );
                ui.add(egui::Label::new(egui::RichText::new(meta).small()).truncate());
            }
        });
}

impl LibraryPanel {
    /// Draws the panel over the library; what the writer asks of the draft comes back as
    /// actions.
    pub fn ui(&mut self, shelf: &Shelf, ui: &mut egui::Ui) -> Vec<Action> {
        let mut out = Vec::new();
        self.panel_ui(shelf, ui, &mut out);
        out
    }

    fn panel_ui(&mut self, shelf: &Shelf, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        ui.heading("模板库");
        if !shelf.ready {
            ui.horizontal(|ui| {
                ui.spinner();
                let line = self.loading.as_deref();
                ui.label(line.unwrap_or("正在载入模板库和分词词典…"));
            });
            return;
        }
        let lib = shelf.library.clone();
        // Counted before the filters are drawn: what this frame's search found (a
        // change typed now is searched in the next frame).
        let before = self.results(shelf, ui.ctx());
        filters_ui(ui, self, shelf, &before);
        let results = self.results(shelf, ui.ctx());
        let results = &results.list;
        let found = format!("找到 {} 个模板", results.len());
        if self.searching() {
            ui.horizontal(|ui| {
                ui.label(found);
                ui.spinner();
                ui.small("正在搜索…");
            });
        } else {
            ui.label(found);
        }
        ui.separator();
        list_ui(ui, self, &lib, results);
        let Some(t) = self.selected_index(shelf).map(|i| &lib.templates[i]) else {
            return;
        };
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
                self.selected = None;
            }
        });
        egui::ScrollArea::vertical()
            // One scroll state per template: a new preview starts at its top.
            .id_salt(("template_preview", t.id.as_str()))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                preview_ui(ui, t);
            });
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
    if !t.also.is_empty() {
        let files: Vec<&str> = t.also.iter().map(|p| p.file.as_str()).collect();
        ui.small(format!(
            "{}：另见 {}",
            occurs(t).trim_start_matches(" · "),
            files.join("、")
        ))
        .on_hover_text("相同或几乎相同的段落在这些讲话稿中也出现过，合并为一个模板");
    }
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

/// " · 出现于 N 篇" for a template found in more than one speech, else nothing.
fn occurs(t: &Template) -> String {
    match crate::core::library::dedupe::occurrences(t) {
        n if n > 1 => format!(" · 出现于 {n} 篇"),
        _ => String::new(),
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts made in one pass for every kind agree with counting each kind alone.
    #[test]
    fn counts_in_one_pass_agree_with_a_count_per_kind() {
        let lib = Library::embedded().0;
        let counts = LibraryCounts::of(&lib);
        for kind in std::iter::once(None).chain(TemplateKind::ALL.map(Some)) {
            let mut each: std::collections::BTreeMap<&str, usize> = Default::default();
            for t in lib
                .templates
                .iter()
                .filter(|t| kind.is_none_or(|k| t.kind == k))
            {
                for tp in &t.topics {
                    *each.entry(tp.as_str()).or_default() += 1;
                }
            }
            let mut each: Vec<(String, usize)> =
                each.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
            each.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            assert!(kind.is_some() || each.len() > 5);
            assert_eq!(counts.topics(kind), each.as_slice(), "{kind:?}");
        }
        for &(k, n) in &counts.per_kind {
            assert_eq!(n, lib.count(k));
        }
    }
}
