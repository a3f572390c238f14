//! Right panel — 推荐提法: phrases for the paragraph at the caret, refreshed as the writer
//! types (debounced, computed off the UI thread), and 并列标题 for sibling headings.

use std::sync::Arc;

use super::worker::{Query, Workers};
use super::{Action, Focus, JiangGaoApp};
use crate::core::draft::{BlockKind, Draft};
use crate::core::library::PhraseKind;
use crate::core::mine::frames;
use crate::core::suggest::{PhraseIndex, Suggestion};

#[derive(Default)]
pub struct PhrasePanel {
    pub index: Option<Arc<PhraseIndex>>,
    /// Kinds shown; empty shows all.
    pub kinds: Vec<PhraseKind>,
    pub hits: Vec<Suggestion>,
    /// The context or filter may have changed: look again.
    pub dirty: bool,
    context: Option<(String, String, Vec<PhraseKind>)>,
    changed_at: f64,
    waiting: bool,
    seq: u64,
    /// The context the shown hits answer, for the panel's header.
    pub shown_for: String,
}

/// The focused paragraph (the line of the body holding the caret) and its headings.
pub fn context(d: &Draft, f: Focus) -> Option<(String, String)> {
    let i = d.index_of(f.block)?;
    let b = &d.blocks[i];
    let mut heading = b.heading.clone();
    if b.kind == BlockKind::Point
        && let Some(s) = (0..i)
            .rev()
            .find(|&j| d.blocks[j].kind == BlockKind::Section)
    {
        heading = format!("{} {}", d.blocks[s].heading, heading);
    }
    let body = if f.field == 0 {
        String::new()
    } else {
        let mut start = 0;
        let mut para = b.body.as_str();
        for line in b.body.split('\n') {
            let n = line.chars().count();
            para = line;
            if f.cursor <= start + n {
                break;
            }
            start += n + 1;
        }
        para.to_string()
    };
    Some((d.fill(&heading), d.fill(&body)))
}

impl PhrasePanel {
    pub fn receive(&mut self, seq: u64, hits: Vec<Suggestion>) {
        // An answer to an older question is stale.
        if seq == self.seq {
            self.hits = hits;
        }
    }

    /// Sends a query once the context has stayed the same for the debounce time.
    pub fn maybe_query(
        &mut self,
        d: &Draft,
        focus: Option<Focus>,
        workers: &Workers,
        now: f64,
        debounce: f64,
    ) {
        if self.index.is_none() {
            return;
        }
        if self.dirty {
            self.dirty = false;
            let ctx = focus.and_then(|f| context(d, f)).unwrap_or_default();
            let key = (ctx.0, ctx.1, self.kinds.clone());
            if self.context.as_ref() != Some(&key) {
                self.context = Some(key);
                self.changed_at = now;
                self.waiting = true;
            }
        }
        if self.waiting && now - self.changed_at >= debounce {
            self.waiting = false;
            let Some((heading, body, kinds)) = self.context.clone() else {
                return;
            };
            self.seq += 1;
            self.shown_for = if body.is_empty() {
                heading.clone()
            } else {
                body.clone()
            };
            workers.query(Query {
                seq: self.seq,
                heading,
                body,
                kinds,
            });
        }
    }

    pub fn waiting(&self) -> bool {
        self.waiting
    }
}

/// Frames shared by the headings of the focused block's siblings.
fn sibling_frame(d: &Draft, f: Focus) -> Option<String> {
    let i = d.index_of(f.block)?;
    let kind = d.blocks[i].kind;
    if !matches!(kind, BlockKind::Section | BlockKind::Point) {
        return None;
    }
    let heads: Vec<&str> = if kind == BlockKind::Section {
        d.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Section)
            .map(|b| b.heading.as_str())
            .collect()
    } else {
        let sec = (0..i)
            .rev()
            .find(|&j| d.blocks[j].kind == BlockKind::Section)
            .map_or(0, |s| s + 1);
        d.blocks[sec..]
            .iter()
            .take_while(|b| b.kind == BlockKind::Point)
            .map(|b| b.heading.as_str())
            .collect()
    };
    let heads: Vec<&str> = heads.into_iter().filter(|h| !h.trim().is_empty()).collect();
    frames::frame(&heads)
}

pub fn phrase_panel_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, now: f64) {
    ui.heading("推荐提法");
    if app.phrases.index.is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("正在载入…");
        });
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let all = app.phrases.kinds.is_empty();
        if ui.selectable_label(all, "全部").clicked() {
            app.phrases.kinds.clear();
            app.phrases.dirty = true;
        }
        for k in PhraseKind::ALL {
            let on = app.phrases.kinds.contains(&k);
            if ui.selectable_label(on, k.label()).clicked() {
                if on {
                    app.phrases.kinds.retain(|x| *x != k);
                } else {
                    app.phrases.kinds.push(k);
                }
                app.phrases.dirty = true;
            }
        }
    });
    let Some(focus) = app.focus else {
        ui.label("在讲稿中点击一段正文，这里会推荐与之相关的提法、金句和排比句。");
        return;
    };
    let _ = now;
    if let Some(frame) = sibling_frame(&app.draft, focus) {
        ui.group(|ui| {
            ui.strong("并列标题");
            ui.label(format!("同级标题的句式：{frame}"));
            if ui
                .button("按此句式插入")
                .on_hover_text("插入到光标处，再把 {X} {Y} 换成本段内容")
                .clicked()
            {
                app.push(Action::InsertPhrase(frame.clone()));
            }
        });
    }
    super::status_bar::Counts::refresh(app);
    let lib = app.library.clone();
    // Which hits the draft already uses, decided before drawing (no copy of the text).
    let used: Vec<bool> = app
        .phrases
        .hits
        .iter()
        .map(|h| {
            lib.phrases
                .get(h.index)
                .is_some_and(|p| app.counts.plain.contains(p.text.trim_matches(['“', '”'])))
        })
        .collect();
    ui.separator();
    if app.phrases.hits.is_empty() {
        ui.label("暂无匹配的提法。多写几句，或换个筛选。");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("phrase_list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (h, is_used) in app.phrases.hits.clone().into_iter().zip(used) {
                let Some(p) = lib.phrases.get(h.index) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(p.kind.label())
                            .small()
                            .background_color(ui.visuals().faint_bg_color),
                    );
                    if is_used {
                        ui.label(
                            egui::RichText::new("已用")
                                .small()
                                .color(ui.visuals().weak_text_color()),
                        );
                    }
                });
                let r = ui
                    .add(
                        egui::Button::new(egui::RichText::new(&p.text))
                            .wrap()
                            .frame(false),
                    )
                    .on_hover_text("点击插入到光标处");
                if r.clicked() {
                    app.push(Action::InsertPhrase(p.text.clone()));
                }
                let mut why = Vec::new();
                if !h.matched.is_empty() {
                    why.push(format!("匹配：{}", h.matched.join("、")));
                }
                if !h.topics.is_empty() {
                    why.push(format!("主题：{}", h.topics.join("、")));
                }
                if !why.is_empty() {
                    ui.small(why.join("  "));
                }
                ui.separator();
            }
        });
}
