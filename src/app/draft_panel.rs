//! Centre — 讲稿: meeting details and the outline of blocks, each with its number,
//! heading, body and tools; drag to reorder, drop templates from the library.
//!
//! A view: it reads the draft, its facts and where the caret is to go, and returns what
//! the writer did as actions, which the app applies at the end of the frame. Only the
//! blocks in view are laid out; the others take the room they took when last drawn, so a
//! frame of a long speech costs about what a frame of a short one does.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::action::Command;
use super::block_view::{BlockView, field_id};
use super::draft_facts::{DraftFacts, Preview};
use super::highlight::{self, Mark};
use super::library_panel::TemplateDrag;
use super::{Action, Caret, Placed, meta_form};
use crate::core::draft::edit::Edit;
use crate::core::draft::{Block, BlockId, BlockKind, Draft, Field, Numbering};

/// Key of a block in the drag-and-drop list (stable across reorders).
#[derive(Hash, Debug, Clone, Copy)]
struct BlockKey(BlockId);

/// The editor's memory from frame to frame: how much room each block took, and whether
/// a block is being dragged (then every block is drawn, so the drop finds its place
/// among all of them).
#[derive(Default)]
pub struct DraftPanel {
    heights: HashMap<BlockId, Measured>,
    dragging: bool,
}

/// The room a block took when last drawn (its frame and the spacing after it), and what
/// it was drawn with: its contents (a hash), the width and the font size.
#[derive(Debug, Clone, Copy)]
struct Measured {
    contents: u64,
    width: f32,
    font: f32,
    advance: f32,
}

/// What a block's height depends on besides the width and the font size.
fn contents_hash(
    b: &Block,
    marker: &str,
    hidden: bool,
    facts: &super::draft_facts::BlockFacts,
) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    (b.kind, b.collapsed, hidden, marker, &b.heading, &b.body).hash(&mut h);
    (b.source.as_ref().map(|s| (&s.file, &s.path, &s.title))).hash(&mut h);
    (&facts.unfilled, &facts.carried).hash(&mut h);
    h.finish()
}

/// What the centre panel draws.
pub struct DraftView<'a> {
    pub draft: &'a Draft,
    pub facts: &'a DraftFacts,
    /// The speech as exported, when the preview is on.
    pub preview: Option<Arc<Preview>>,
    /// Where the caret is to go (after an insertion, a jump).
    pub focus_request: Option<Caret>,
    /// Show the draft from its top (it was just opened).
    pub scroll_to_top: bool,
    pub memory: &'a mut DraftPanel,
}

impl DraftView<'_> {
    pub fn ui(mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut out = Vec::new();
        egui::CollapsingHeader::new("会议信息")
            .default_open(true)
            .show(ui, |ui| {
                meta_form::meta_form_ui(&self.draft.meta, ui, &mut out)
            });
        self.tools_ui(ui, &mut out);
        ui.separator();
        if let Some(p) = &self.preview {
            preview_ui(p, ui);
        } else if self.draft.blocks.is_empty() {
            empty_ui(ui, &mut out);
        } else {
            self.outline_ui(ui, &mut out);
        }
        out
    }

    /// Numbering, the blank blocks to insert, the preview switch.
    fn tools_ui(&self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("编号");
            let mut n = self.draft.numbering;
            egui::ComboBox::from_id_salt("numbering")
                .selected_text(n.label())
                .show_ui(ui, |ui| {
                    for x in Numbering::ALL {
                        ui.selectable_value(&mut n, x, x.label());
                    }
                })
                .response
                .labelled_by(l.id);
            if n != self.draft.numbering {
                out.push(Action::Edit(Edit::SetNumbering(n)));
            }
            ui.separator();
            ui.label("插入空白：");
            for k in BlockKind::ALL {
                if ui
                    .small_button(k.label())
                    .on_hover_text("在光标所在位置插入一段空白")
                    .clicked()
                {
                    out.push(Action::InsertBlank(k));
                }
            }
            ui.separator();
            let mut pv = self.preview.is_some();
            if ui.toggle_value(&mut pv, "全文预览").changed() {
                out.push(Action::Command(Command::Preview));
            }
        });
    }

    /// The blocks, in view only; a dragged block, the one with the keyboard focus and the
    /// one the caret is to go to are drawn wherever they are.
    // Over 80 lines: blocks are skipped, drawn and measured inside one egui_dnd closure
    // that borrows the height cache; helpers would have to thread those borrows through.
    fn outline_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        let (d, facts, request) = (self.draft, self.facts, self.focus_request);
        let memory = &mut *self.memory;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("outline")
            .auto_shrink([false, false]);
        if self.scroll_to_top {
            // A draft just opened starts at its beginning, not where the last one was.
            area = area.vertical_scroll_offset(0.0);
            out.push(Action::Placed(Placed::Top));
        }
        let focused = ui.ctx().memory(|m| m.focused());
        let holds = |b: BlockId| {
            focused
                .is_some_and(|f| f == field_id(b, Field::Heading) || f == field_id(b, Field::Body))
                || request.is_some_and(|c| c.block == b)
        };
        let draw_all = memory.dragging;
        let response = area.show_viewport(ui, |ui, view| {
            let origin = ui.min_rect().top();
            let width = ui.available_width();
            let font = egui::TextStyle::Body.resolve(ui.style()).size;
            let r = egui_dnd::dnd(ui, egui::Id::unique("draft_blocks")).show_custom(|ui, iter| {
                for (i, b) in d.blocks.iter().enumerate() {
                    let (marker, bf) = (facts.marker(i), facts.block(b.id));
                    let contents = contents_hash(b, marker, facts.hidden(i), bf);
                    let y = ui.cursor().top() - origin;
                    // A block not measured as it is now (new text, another width or font
                    // size) is drawn once wherever it is, so the room above the view is
                    // always right and the scroll position means the same text.
                    let known = memory
                        .heights
                        .get(&b.id)
                        .filter(|m| m.contents == contents && m.width == width && m.font == font);
                    let draw = known.is_none_or(|m| {
                        draw_all || holds(b.id) || y <= view.max.y && y + m.advance >= view.min.y
                    });
                    if !draw {
                        ui.add_space(known.map_or(0.0, |m| m.advance));
                        continue;
                    }
                    let top = ui.cursor().top();
                    iter.next(ui, egui::Id::unique(BlockKey(b.id)), i, true, |ui, item| {
                        item.ui(ui, |ui, handle, _| {
                            // The points of a folded section fold with it.
                            if !facts.hidden(i) {
                                let v = BlockView {
                                    draft: d,
                                    i,
                                    marker,
                                    facts: bf,
                                    focus_request: request,
                                };
                                block_frame(ui, &v, handle, out);
                            }
                        })
                    });
                    let advance = ui.cursor().top() - top;
                    memory.heights.insert(
                        b.id,
                        Measured {
                            contents,
                            width,
                            font,
                            advance,
                        },
                    );
                }
            });
            // Below the last block, down to the bottom of the view: a template dropped
            // there goes at the end (where its kind may stand).
            let used = ui.cursor().top() - origin;
            let room = egui::vec2(width, (view.max.y - used).max(40.0));
            let (rect, below) = ui.allocate_exact_size(room, egui::Sense::hover());
            if let Some(p) = below.dnd_release_payload::<TemplateDrag>() {
                out.push(Action::InsertTemplate {
                    id: p.0.clone(),
                    after_block: d.blocks.last().map(|b| b.id),
                });
            }
            if below.dnd_hover_payload::<TemplateDrag>().is_some() {
                ui.painter().hline(
                    rect.x_range(),
                    rect.top() + 2.0,
                    ui.visuals().selection.stroke,
                );
            }
            r
        });
        let r = response.inner;
        memory.dragging = r.is_evaluating_drag() || r.is_dragging() || r.is_drag_finished();
        if memory.heights.len() > 2 * d.blocks.len() + 16 {
            // Deleted blocks' entries go once they outnumber the blocks.
            memory.heights.retain(|id, _| d.index_of(*id).is_some());
        }
        if let Some(u) = r.final_update() {
            out.push(Action::Edit(Edit::MoveTo {
                from: u.from,
                to: u.to,
            }));
        }
        if focused.is_none() {
            // Keep the last caret so a click in the side panel can still insert there.
            out.push(Action::Caret(None));
        }
    }
}

/// A block in its frame; templates dropped on it go after it.
fn block_frame(ui: &mut egui::Ui, v: &BlockView, handle: egui_dnd::Handle, out: &mut Vec<Action>) {
    let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
    let resp = frame.show(ui, |ui| v.ui(ui, handle, out)).response;
    if let Some(p) = resp.dnd_release_payload::<TemplateDrag>() {
        out.push(Action::InsertTemplate {
            id: p.0.clone(),
            after_block: Some(v.draft.blocks[v.i].id),
        });
    }
    if resp.dnd_hover_payload::<TemplateDrag>().is_some() {
        ui.painter().hline(
            resp.rect.x_range(),
            resp.rect.bottom() + 2.0,
            ui.visuals().selection.stroke,
        );
    }
}

fn empty_ui(ui: &mut egui::Ui, out: &mut Vec<Action>) {
    let (_, payload) = ui.dnd_drop_zone::<TemplateDrag, _>(egui::Frame::group(ui.style()), |ui| {
        // The whole empty editor takes the drop.
        ui.set_min_size(egui::vec2(
            ui.available_width(),
            ui.available_height().max(160.0),
        ));
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("从左侧模板库挑选开头、主体部分和结尾");
            ui.label("点击模板预览后按「插入到讲稿」，或把模板拖到这里。");
            ui.label("也可以用上方「插入空白」从头写起。");
        });
    });
    if let Some(p) = payload {
        out.push(Action::InsertTemplate {
            id: p.0.clone(),
            after_block: None,
        });
    }
}

/// The whole speech as exported. Each paragraph is its own galley (egui keeps them from
/// frame to frame) and only those in view are painted, so a long speech costs little.
fn preview_ui(preview: &Preview, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical()
        .id_salt("preview")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, view| {
            ui.spacing_mut().item_spacing.y = 0.0;
            let font = egui::TextStyle::Body.resolve(ui.style());
            let (color, dark) = (ui.visuals().text_color(), ui.visuals().dark_mode);
            let width = ui.available_width();
            for (text, slots, centred) in preview.iter() {
                let marks: Vec<(usize, usize, Mark)> =
                    slots.iter().map(|&(s, e)| (s, e, Mark::Slot)).collect();
                let job = highlight::job(text, &marks, font.clone(), color, dark, width);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let y = ui.cursor().top() - ui.min_rect().top();
                if y + galley.size().y >= view.min.y && y <= view.max.y {
                    if *centred {
                        ui.vertical_centered(|ui| ui.label(galley));
                    } else {
                        ui.label(galley);
                    }
                } else {
                    ui.allocate_space(galley.size());
                }
            }
        });
}
