//! The outline view: headings only, in a window of their own. A click jumps to the block;
//! dragging a row reorders the speech (a section moves with its points), as in the editor.

use super::{Action, Caret, JiangGaoApp};
use crate::core::draft::Field;
use crate::core::draft::edit::Edit;
use crate::core::draft::{BlockId, BlockKind};

/// A row's key for drag and drop: the block id, stable while rows move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Row(BlockId);

/// The text of a row: marker and heading, or the kind for openings and closings.
fn row_label(kind: BlockKind, marker: &str, heading: &str) -> String {
    match kind {
        BlockKind::Opening | BlockKind::Closing => format!("〔{}〕", kind.label()),
        _ if heading.trim().is_empty() => format!("{marker}（无标题）"),
        BlockKind::Point => format!("    {marker}{heading}"),
        BlockKind::Section => format!("{marker}{heading}"),
    }
}

pub fn outline_view_ui(app: &mut JiangGaoApp, ctx: &egui::Context) {
    if !app.view.outline {
        return;
    }
    let mut open = true;
    let rows: Vec<Row> = app.draft.blocks.iter().map(|b| Row(b.id)).collect();
    let mut jump = None;
    egui::Window::new("提纲")
        .open(&mut open)
        .default_width(300.0)
        .default_pos(egui::pos2(360.0, 120.0))
        .show(ctx, |ui| {
            if rows.is_empty() {
                ui.label("讲稿还是空的：从左侧模板库插入段落。");
                return;
            }
            ui.small("点击跳转，拖动 ≡ 调整顺序");
            let r = egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    egui_dnd::dnd(ui, egui::Id::unique("outline_rows")).show(
                        rows.iter().copied(),
                        |ui, row, handle, _| {
                            let Some(i) = app.draft.index_of(row.0) else {
                                return;
                            };
                            let b = &app.draft.blocks[i];
                            let label = row_label(b.kind, app.facts.marker(i), &b.heading);
                            ui.horizontal(|ui| {
                                handle.ui(ui, |ui| {
                                    super::drag_grip(ui);
                                });
                                let text = if b.kind == BlockKind::Section {
                                    egui::RichText::new(label).strong()
                                } else {
                                    egui::RichText::new(label)
                                };
                                if ui.selectable_label(false, text).clicked() {
                                    jump = Some((b.id, b.kind, b.collapsed));
                                }
                            });
                        },
                    )
                });
            if let Some(u) = r.inner.final_update() {
                app.push(Action::Edit(Edit::MoveTo {
                    from: u.from,
                    to: u.to,
                }));
            }
        });
    app.view.outline = open;
    if let Some((id, kind, collapsed)) = jump {
        if collapsed {
            app.push(Action::Edit(Edit::SetCollapsed {
                block: id,
                collapsed: false,
            }));
        }
        app.push(Action::Jump(Caret::new(id, Field::first_of(kind), None)));
    }
}
