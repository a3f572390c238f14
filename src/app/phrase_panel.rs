//! Right panel — 推荐提法: phrases for the paragraph at the caret, refreshed as the writer
//! types (debounced, computed off the UI thread), each with why it is there; 段落范文, the
//! closest paragraphs of past speeches to insert or to replace the paragraph with; and
//! for a heading, 并列标题 from the draft's own siblings and from mined heading frames.
//! `jianggao suggest` prints the same for the same text.

use std::sync::Arc;

use super::worker::{Query, Workers};
use super::{Action, Focus, JiangGaoApp};
use crate::core::draft::{BlockKind, Draft};
use crate::core::library::PhraseKind;
use crate::core::mine::frames;
use crate::core::suggest::{PhraseIndex, Suggestions};

#[derive(Default)]
pub struct PhrasePanel {
    pub index: Option<Arc<PhraseIndex>>,
    /// Kinds shown; empty shows all.
    pub kinds: Vec<PhraseKind>,
    pub hits: Suggestions,
    /// The context or filter may have changed: look again.
    pub dirty: bool,
    context: Option<(String, String, String, Vec<PhraseKind>)>,
    changed_at: f64,
    waiting: bool,
    seq: u64,
    /// The context the shown hits answer, for the panel's header.
    pub shown_for: String,
}

/// The focused paragraph (the line of the body holding the caret) and its headings; with
/// the heading focused, that heading alone (its siblings are looked for).
pub fn context(d: &Draft, f: Focus) -> Option<(String, String)> {
    let i = d.index_of(f.block)?;
    let b = &d.blocks[i];
    let mut heading = b.heading.clone();
    if f.field != 0
        && b.kind == BlockKind::Point
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
    pub fn receive(&mut self, seq: u64, hits: Suggestions) {
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
            let today = crate::core::suggest::today();
            let date = crate::core::check::Settings::for_draft(d, &today).date;
            let key = (ctx.0, ctx.1, date, self.kinds.clone());
            if self.context.as_ref() != Some(&key) {
                self.context = Some(key);
                self.changed_at = now;
                self.waiting = true;
            }
        }
        if self.waiting && now - self.changed_at >= debounce {
            self.waiting = false;
            let Some((heading, body, date, kinds)) = self.context.clone() else {
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
                date,
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
    let _ = now;
    ui.heading("推荐提法");
    if app.phrases.index.is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("正在载入…");
        });
        return;
    }
    kind_filter(app, ui);
    let Some(focus) = app.focus else {
        ui.label("在讲稿中点击一段正文，这里会推荐与之相关的提法、金句和排比句。");
        return;
    };
    let hits = app.phrases.hits.clone();
    egui::ScrollArea::vertical()
        .id_salt("phrase_list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            headings_ui(app, ui, focus, &hits);
            phrases_ui(app, ui, &hits);
            paragraphs_ui(app, ui, &hits);
        });
}

fn kind_filter(app: &mut JiangGaoApp, ui: &mut egui::Ui) {
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
}

/// 并列标题: the frame of the draft's own sibling headings, and mined frames the focused
/// heading fits with the library's headings built on them.
fn headings_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, focus: Focus, hits: &Suggestions) {
    let own = sibling_frame(&app.draft, focus);
    if own.is_none() && hits.headings.is_empty() {
        return;
    }
    ui.group(|ui| {
        ui.strong("并列标题");
        if let Some(frame) = own {
            ui.label(format!("同级标题的句式：{frame}"));
            if ui
                .button("按此句式插入")
                .on_hover_text("插入到光标处，再把 {X} {Y} 换成本段内容")
                .clicked()
            {
                app.push(Action::InsertPhrase(frame.clone()));
            }
        }
        for h in &hits.headings {
            ui.label(format!("往年讲话的句式：{}", h.frame));
            for s in &h.siblings {
                let r = ui
                    .add(egui::Button::new(s.as_str()).wrap().frame(false))
                    .on_hover_text("点击复制，作为下一个同级标题的参照");
                if r.clicked() {
                    ui.ctx().copy_text(s.clone());
                    app.set_info("已复制".into());
                }
            }
        }
    });
}

fn phrases_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, hits: &Suggestions) {
    ui.separator();
    if hits.phrases.is_empty() {
        ui.label("暂无匹配的提法。多写几句，或换个筛选。");
        return;
    }
    for h in &hits.phrases {
        let p = &h.phrase;
        ui.label(
            egui::RichText::new(p.kind.label())
                .small()
                .background_color(ui.visuals().faint_bg_color),
        );
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
        if !h.reason.is_empty() {
            ui.small(&h.reason);
        }
        ui.separator();
    }
}

/// 段落范文: the closest paragraphs of past speeches, to insert or to replace with.
fn paragraphs_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, hits: &Suggestions) {
    if hits.paragraphs.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong("段落范文");
    for t in &hits.paragraphs {
        ui.group(|ui| {
            ui.small(format!("〔{}〕{}", t.heading, t.reason));
            let preview: String = t.text.chars().take(90).collect();
            let more = if t.text.chars().count() > 90 {
                "…"
            } else {
                ""
            };
            ui.label(format!("{preview}{more}")).on_hover_text(&t.text);
            ui.horizontal(|ui| {
                if ui.button("插入").on_hover_text("插入到光标处").clicked() {
                    app.push(Action::InsertPhrase(t.text.clone()));
                }
                if ui
                    .button("替换本段")
                    .on_hover_text("用这段替换光标所在的段落（可撤销）")
                    .clicked()
                {
                    app.push(Action::ReplaceParagraph(t.text.clone()));
                }
            });
        });
    }
}
