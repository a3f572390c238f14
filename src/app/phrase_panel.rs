//! Right panel — 推荐提法: phrases for the paragraph at the caret, refreshed as the writer
//! types (debounced, computed off the UI thread), each with why it is there; 段落范文, the
//! closest paragraphs of past speeches to insert or to replace the paragraph with; and
//! for a heading, 并列标题 from the draft's own siblings and from mined heading frames.
//! `jianggao suggest` prints the same for the same text.

use std::sync::Arc;

use super::worker::{Query, Workers};
use super::{Action, Focus};
use crate::core::draft::{BlockKind, Draft, Field};
use crate::core::library::PhraseKind;
use crate::core::mine::frames;
use crate::core::suggest::{PhraseIndex, Role, Suggestions};

#[derive(Default)]
pub struct PhrasePanel {
    pub index: Option<Arc<PhraseIndex>>,
    /// Kinds shown; empty shows all.
    pub kinds: Vec<PhraseKind>,
    pub hits: Suggestions,
    /// The context or filter may have changed: look again.
    pub dirty: bool,
    context: Option<(String, String, String, Vec<PhraseKind>, Role)>,
    changed_at: f64,
    waiting: bool,
    seq: u64,
    /// The context the shown hits answer, for the panel's header.
    pub shown_for: String,
}

/// The focused paragraph (the line of the body holding the caret) and its headings; with
/// the heading focused, that heading alone (its siblings are looked for).
/// Where the focused block stands: an opening's or closing's body, or any other text.
fn role_of(d: &Draft, f: Focus) -> Role {
    match d.index_of(f.block).map(|i| d.blocks[i].kind) {
        Some(BlockKind::Opening) => Role::Opening,
        Some(BlockKind::Closing) => Role::Closing,
        _ => Role::Body,
    }
}

pub fn context(d: &Draft, f: Focus) -> Option<(String, String)> {
    let i = d.index_of(f.block)?;
    let b = &d.blocks[i];
    let mut heading = b.heading.clone();
    if f.field != Field::Heading
        && b.kind == BlockKind::Point
        && let Some(s) = (0..i)
            .rev()
            .find(|&j| d.blocks[j].kind == BlockKind::Section)
    {
        heading = format!("{} {}", d.blocks[s].heading, heading);
    }
    let body = if f.field == Field::Heading {
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
            // Nothing to go by (a blank block, or the caret's block gone after an undo):
            // what was suggested stays until the caret is in text again. An empty draft
            // (a new one) clears it.
            if ctx.0.trim().is_empty() && ctx.1.trim().is_empty() && !d.blocks.is_empty() {
                return;
            }
            let today = crate::core::suggest::today();
            let date = crate::core::check::Settings::for_draft(d, &today).date;
            let role = focus.map_or(Role::Body, |f| role_of(d, f));
            let key = (ctx.0, ctx.1, date, self.kinds.clone(), role);
            if self.context.as_ref() != Some(&key) {
                self.context = Some(key);
                self.changed_at = now;
                self.waiting = true;
            }
        }
        if self.waiting && now - self.changed_at >= debounce {
            self.waiting = false;
            let Some((heading, body, date, kinds, role)) = self.context.clone() else {
                return;
            };
            self.seq += 1;
            self.shown_for = if body.is_empty() {
                heading.clone()
            } else {
                body.clone()
            };
            // Asked once per pause in typing: the copy of the draft costs nothing then.
            let elsewhere: String = d
                .blocks
                .iter()
                .map(|b| format!("{}\n{}\n", b.heading, b.body))
                .collect();
            workers.query(Query {
                seq: self.seq,
                heading,
                body,
                date,
                kinds,
                elsewhere,
                role,
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

impl PhrasePanel {
    /// The panel as it is to be drawn for the caret in `focus`.
    pub fn view<'a>(&'a mut self, draft: &'a Draft, focus: Option<Focus>) -> PhraseView<'a> {
        PhraseView {
            panel: self,
            draft,
            focus,
        }
    }
}

/// What the panel draws: the answer on show for the paragraph at the caret. It changes
/// only its own filter; everything else it asks for comes back as actions.
pub struct PhraseView<'a> {
    panel: &'a mut PhrasePanel,
    draft: &'a Draft,
    focus: Option<Focus>,
}

impl PhraseView<'_> {
    pub fn ui(self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut out = Vec::new();
        ui.heading("推荐提法");
        if self.panel.index.is_none() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("正在载入…");
            });
            return out;
        }
        kind_filter(self.panel, ui);
        let Some(focus) = self.focus else {
            ui.label("在讲稿中点击一段正文，这里会推荐与之相关的提法、金句和排比句。");
            return out;
        };
        let hits = &self.panel.hits;
        egui::ScrollArea::vertical()
            .id_salt("phrase_list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                headings_ui(ui, sibling_frame(self.draft, focus), hits, &mut out);
                phrases_ui(ui, hits, &mut out);
                paragraphs_ui(ui, hits, focus.field == Field::Body, &mut out);
            });
        out
    }
}

fn kind_filter(panel: &mut PhrasePanel, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let all = panel.kinds.is_empty();
        if ui.selectable_label(all, "全部").clicked() {
            panel.kinds.clear();
            panel.dirty = true;
        }
        for k in PhraseKind::ALL {
            let on = panel.kinds.contains(&k);
            if ui.selectable_label(on, k.label()).clicked() {
                if on {
                    panel.kinds.retain(|x| *x != k);
                } else {
                    panel.kinds.push(k);
                }
                panel.dirty = true;
            }
        }
    });
}

/// 并列标题: the frame of the draft's own sibling headings, and mined frames the focused
/// heading fits with the library's headings built on them.
fn headings_ui(ui: &mut egui::Ui, own: Option<String>, hits: &Suggestions, out: &mut Vec<Action>) {
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
                out.push(Action::InsertPhrase(frame.clone()));
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
                    out.push(Action::Info("已复制".into()));
                }
            }
        }
    });
}

fn phrases_ui(ui: &mut egui::Ui, hits: &Suggestions, out: &mut Vec<Action>) {
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
            out.push(Action::InsertPhrase(p.text.clone()));
        }
        if !h.reason.is_empty() {
            ui.small(&h.reason);
        }
        ui.separator();
    }
}

/// 段落范文: the closest paragraphs of past speeches, to insert or to replace with.
fn paragraphs_ui(ui: &mut egui::Ui, hits: &Suggestions, body: bool, out: &mut Vec<Action>) {
    if hits.paragraphs.is_empty() {
        // Said, so that a writer on a subject the library lacks knows the panel looked.
        if body {
            ui.add_space(6.0);
            ui.small("段落范文：模板库里没有同一主题的段落。");
        }
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
                if ui
                    .button("插入")
                    .on_hover_text("作为新的一段，插在光标所在段落之后")
                    .clicked()
                {
                    out.push(Action::InsertParagraph(t.text.clone()));
                }
                if ui
                    .button("替换本段")
                    .on_hover_text("用这段替换光标所在的段落（可撤销）")
                    .clicked()
                {
                    out.push(Action::ReplaceParagraph(t.text.clone()));
                }
            });
        });
    }
}
