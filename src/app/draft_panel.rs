//! Centre — 讲稿: meeting details and the outline of blocks, each with its number,
//! heading, body and tools; drag to reorder, drop templates from the library.

use super::draft_facts::BlockFacts;
use super::highlight::{self, Mark};
use super::library_panel::TemplateDrag;
use super::{Action, Caret, Focus, JiangGaoApp, meta_form};
use crate::core::draft::edit::Edit;
use crate::core::draft::history::ChangeKind;
use crate::core::draft::{BlockId, BlockKind, Field, Numbering};

/// Key of a block in the drag-and-drop list (stable across reorders).
#[derive(Hash, Debug, Clone, Copy)]
struct BlockKey(BlockId);

pub fn draft_panel_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, now: f64) {
    egui::CollapsingHeader::new("会议信息")
        .default_open(true)
        .show(ui, |ui| meta_form::meta_form_ui(app, ui, now));
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("编号");
        let mut n = app.draft.numbering;
        egui::ComboBox::from_id_salt("numbering")
            .selected_text(n.label())
            .show_ui(ui, |ui| {
                for x in Numbering::ALL {
                    ui.selectable_value(&mut n, x, x.label());
                }
            })
            .response
            .labelled_by(l.id);
        if n != app.draft.numbering {
            app.push(Action::Edit(Edit::SetNumbering(n)));
        }
        ui.separator();
        ui.label("插入空白：");
        for k in BlockKind::ALL {
            if ui
                .small_button(k.label())
                .on_hover_text("在光标所在位置插入一段空白")
                .clicked()
            {
                app.push(Action::InsertBlank(k));
            }
        }
        ui.separator();
        let mut pv = app.view.preview;
        if ui.toggle_value(&mut pv, "全文预览").changed() {
            app.push(Action::Command(super::action::Command::Preview));
        }
    });
    ui.separator();
    if app.view.preview {
        preview_ui(app, ui);
        return;
    }
    if app.draft.blocks.is_empty() {
        empty_ui(app, ui);
        return;
    }
    outline_ui(app, ui, now);
}

fn empty_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui) {
    let (_, payload) = ui.dnd_drop_zone::<TemplateDrag, _>(egui::Frame::group(ui.style()), |ui| {
        ui.set_min_size(egui::vec2(ui.available_width(), 160.0));
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("从左侧模板库挑选开头、主体部分和结尾");
            ui.label("点击模板预览后按「插入到讲稿」，或把模板拖到这里。");
            ui.label("也可以用上方「插入空白」从头写起。");
        });
    });
    if let Some(p) = payload {
        app.push(Action::InsertTemplate {
            id: p.0.clone(),
            after_block: None,
        });
    }
}

/// The whole speech as exported. Each paragraph is its own galley (egui keeps them from
/// frame to frame) and only those in view are painted, so a long speech costs little.
fn preview_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui) {
    let preview = app.facts.preview(&app.draft);
    egui::ScrollArea::vertical()
        .id_salt("preview")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, view| {
            ui.spacing_mut().item_spacing.y = 0.0;
            let font = egui::TextStyle::Body.resolve(ui.style());
            let (color, dark) = (ui.visuals().text_color(), ui.visuals().dark_mode);
            let width = ui.available_width();
            for (text, slots) in preview.iter() {
                let marks: Vec<(usize, usize, Mark)> =
                    slots.iter().map(|&(s, e)| (s, e, Mark::Slot)).collect();
                let job = highlight::job(text, &marks, font.clone(), color, dark, width);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let y = ui.cursor().top() - ui.min_rect().top();
                if y + galley.size().y >= view.min.y && y <= view.max.y {
                    ui.label(galley);
                } else {
                    ui.allocate_space(galley.size());
                }
            }
        });
}

fn outline_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui, now: f64) {
    // Worked out once per revision; taken out of the app while blocks draw, put back after.
    let facts = std::mem::take(&mut app.facts);
    let keys: Vec<BlockKey> = app.draft.blocks.iter().map(|b| BlockKey(b.id)).collect();
    let mut typed: Option<(BlockId, Field)> = None;
    let mut focus_seen = false;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("outline")
        .auto_shrink([false, false]);
    if std::mem::take(&mut app.view.scroll_to_top) {
        // A draft just opened starts at its beginning, not where the last one was.
        area = area.vertical_scroll_offset(0.0);
    }
    let response = area.show(ui, |ui| {
        let r = egui_dnd::dnd(ui, egui::Id::unique("draft_blocks")).show(
            keys.iter().copied(),
            |ui, key, handle, _state| {
                let Some(i) = app.draft.index_of(key.0) else {
                    return;
                };
                // The points of a folded section fold with it.
                if facts.hidden(i) {
                    return;
                }
                let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
                let resp = frame
                    .show(ui, |ui| {
                        block_ui(
                            app,
                            ui,
                            i,
                            facts.marker(i),
                            facts.block(key.0),
                            handle,
                            &mut typed,
                            &mut focus_seen,
                        );
                    })
                    .response;
                // Templates dropped on a block go after it.
                if let Some(p) = resp.dnd_release_payload::<TemplateDrag>() {
                    app.push(Action::InsertTemplate {
                        id: p.0.clone(),
                        after_block: Some(key.0),
                    });
                }
                if resp.dnd_hover_payload::<TemplateDrag>().is_some() {
                    ui.painter().hline(
                        resp.rect.x_range(),
                        resp.rect.bottom() + 2.0,
                        ui.visuals().selection.stroke,
                    );
                }
            },
        );
        ui.add_space(40.0);
        r
    });
    app.facts = facts;
    if let Some(u) = response.inner.final_update() {
        app.push(Action::Edit(Edit::MoveTo {
            from: u.from,
            to: u.to,
        }));
    }
    if let Some((block, field)) = typed {
        // The draft as the frame began (kept by the app; cloned only on a change). Fields
        // hand over committed text only (ime.rs), so a composition is one typing step.
        let before = app.snapshot.clone();
        if before != app.draft {
            app.changed(&before, ChangeKind::Typing(Some((block, field))), now);
        }
        app.phrases.dirty = true;
    }
    if !focus_seen && ui.ctx().memory(|m| m.focused().is_none()) {
        // Keep the last caret so a click in the side panel can still insert there.
        app.history.break_step();
    }
}

#[allow(clippy::too_many_arguments)]
// Over 80 lines: one block's frame laid out in order (grip, kind, buttons, heading, body, notes); the pieces share the drag and focus state.
fn block_ui(
    app: &mut JiangGaoApp,
    ui: &mut egui::Ui,
    i: usize,
    marker: &str,
    facts: &BlockFacts,
    handle: egui_dnd::Handle,
    typed: &mut Option<(BlockId, Field)>,
    focus_seen: &mut bool,
) {
    let id = app.draft.blocks[i].id;
    let kind = app.draft.blocks[i].kind;
    let collapsed = app.draft.blocks[i].collapsed;
    ui.horizontal(|ui| {
        handle.ui(ui, |ui| {
            super::drag_grip(ui);
        });
        let caret = if collapsed { "▶" } else { "▼" };
        if ui.small_button(caret).on_hover_text("折叠或展开").clicked() {
            app.push(Action::Edit(Edit::SetCollapsed {
                block: id,
                collapsed: !collapsed,
            }));
        }
        ui.strong(kind.label());
        if !marker.is_empty() {
            ui.label(marker);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("删除")
                .on_hover_text("删除本段（主体部分连同其分论点），可撤销")
                .clicked()
            {
                app.push(Action::Edit(Edit::Delete(id)));
            }
            if ui
                .small_button("复制")
                .on_hover_text("复制一份放在后面")
                .clicked()
            {
                app.push(Action::Edit(Edit::Duplicate(id)));
            }
            if matches!(kind, BlockKind::Section | BlockKind::Point) {
                let tip = if kind == BlockKind::Section {
                    "降为分论点"
                } else {
                    "升为主体部分"
                };
                if ui
                    .small_button(if kind == BlockKind::Section {
                        "降级"
                    } else {
                        "升级"
                    })
                    .on_hover_text(tip)
                    .clicked()
                {
                    app.push(Action::Edit(Edit::ToggleLevel(id)));
                }
            }
            if ui.small_button("下移").clicked() {
                app.push(Action::Edit(Edit::MoveBy { block: id, by: 1 }));
            }
            if ui.small_button("上移").clicked() {
                app.push(Action::Edit(Edit::MoveBy { block: id, by: -1 }));
            }
        });
    });
    if let Some(src) = &app.draft.blocks[i].source {
        ui.small(format!(
            "来自：{} · {}",
            src.title.as_deref().unwrap_or(&src.file),
            src.path
        ));
    }
    let label_base = format!("{}{}", kind.label(), marker);
    if matches!(kind, BlockKind::Section | BlockKind::Point) && !collapsed {
        ui.horizontal(|ui| {
            let l = ui.label("标题");
            let r = text_field(
                app,
                ui,
                i,
                Field::Heading,
                facts,
                false,
                &format!("{label_base}标题"),
                l.id,
            );
            track(app, &r, id, Field::Heading, typed, focus_seen);
        });
    }
    if collapsed {
        // One line: the heading, the start of the body, and what folded with it.
        let b = &app.draft.blocks[i];
        let p: String = b.body.chars().take(40).collect();
        let more = if b.body.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        let points = app.draft.group(i).len() - 1;
        let folded = if points > 0 {
            format!("（含 {points} 个分论点）")
        } else {
            String::new()
        };
        let head = if b.heading.is_empty() {
            String::new()
        } else {
            format!("{}　", b.heading)
        };
        ui.weak(format!("{head}{p}{more}{folded}"));
        return;
    }
    let l = ui.label("正文");
    let r = text_field(
        app,
        ui,
        i,
        Field::Body,
        facts,
        true,
        &format!("{label_base}正文"),
        l.id,
    );
    track(app, &r, id, Field::Body, typed, focus_seen);
    if !facts.unfilled.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("未填空位：{}", facts.unfilled.join(" ")),
        );
    }
    if !facts.carried.is_empty() {
        ui.colored_label(
            ui.visuals().hyperlink_color,
            format!("原稿专有信息，请改写：{}", facts.carried.join("、")),
        );
    }
}

/// Result of drawing one text field.
struct FieldResponse {
    changed: bool,
    focused: bool,
    cursor: Option<usize>,
}

#[allow(clippy::too_many_arguments)]
// Over 80 lines: the typing, focus request, composition and undo rules of a block field must run in this order around one TextEdit.
fn text_field(
    app: &mut JiangGaoApp,
    ui: &mut egui::Ui,
    i: usize,
    field: Field,
    facts: &BlockFacts,
    multiline: bool,
    accessible: &str,
    label: egui::Id,
) -> FieldResponse {
    let id = app.draft.blocks[i].id;
    let dark = ui.visuals().dark_mode;
    let color = ui.visuals().text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
        let text = buf.as_str();
        // Worked out once per revision; a buffer typed into this frame is marked afresh.
        let marks = match facts.marks(field) {
            (t, m) if t == text => std::borrow::Cow::Borrowed(m.as_slice()),
            _ => std::borrow::Cow::Owned(highlight::marks(text, &facts.specifics)),
        };
        let job = highlight::job(text, &marks, font.clone(), color, dark, wrap);
        ui.fonts_mut(|f| f.layout_job(job))
    };
    // egui edits a buffer; the change reaches the draft as an Edit (through the one writer)
    // and is committed for undo by the caller as typing.
    let b = &app.draft.blocks[i];
    let mut text = if field == Field::Heading {
        b.heading.clone()
    } else {
        b.body.clone()
    };
    let value = &mut text;
    let hint = match (field, b.kind) {
        (Field::Heading, _) => "小标题",
        (_, BlockKind::Opening) => "开头：会议背景、目的，以“下面，我讲几点意见”过渡",
        (_, BlockKind::Closing) => "结尾：同志们，……",
        _ => "正文，每段一行",
    };
    let field_id = ui.make_persistent_id(("block_text", id, field));
    // Put the caret where a find hit or an insertion asked for it, before the field is
    // drawn: then this frame already draws it focused and tells the input method where
    // its caret is.
    let requested = app
        .view
        .focus_request
        .is_some_and(|c| c.block == id && c.field == field);
    if let Some(Caret { cursor, .. }) = app.view.focus_request.filter(|_| requested) {
        ui.memory_mut(|m| m.request_focus(field_id));
        if let Some(c) = cursor {
            let mut state =
                egui::text_edit::TextEditState::load(ui.ctx(), field_id).unwrap_or_default();
            let cc = egui::text::CCursor::new(c);
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(cc)));
            state.store(ui.ctx(), field_id);
        }
    }
    let ime = super::ime::text_field(ui, field_id, value, |ui, buf| {
        let edit = if multiline {
            egui::TextEdit::multiline(buf).desired_rows(3)
        } else {
            egui::TextEdit::singleline(buf)
        };
        edit.id(field_id)
            .hint_text(hint)
            .desired_width(f32::INFINITY)
            .layouter(&mut layouter)
            .show(ui)
    });
    let out = &ime.output;
    if ime.changed {
        app.draft.apply(Edit::SetText {
            block: id,
            field,
            text,
        });
    }
    let resp = out.response.response.clone().labelled_by(label);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, accessible));
    if requested {
        resp.scroll_to_me(Some(egui::Align::Center));
        app.view.focus_request = None;
    }
    FieldResponse {
        changed: ime.changed,
        // Keyboard focus within the app, even while the OS window itself is not focused
        // (Response::has_focus also asks the latter; the caret must survive a click elsewhere).
        focused: ui.ctx().memory(|m| m.has_focus(resp.id)),
        cursor: ime.caret,
    }
}

fn track(
    app: &mut JiangGaoApp,
    r: &FieldResponse,
    id: BlockId,
    field: Field,
    typed: &mut Option<(BlockId, Field)>,
    focus_seen: &mut bool,
) {
    if r.changed {
        *typed = Some((id, field));
    }
    if r.focused {
        *focus_seen = true;
        let cursor = r.cursor.unwrap_or(0);
        let f = Focus {
            block: id,
            field,
            cursor,
        };
        if app.focus != Some(f) {
            if app.focus.map(|x| (x.block, x.field)) != Some((id, field)) {
                app.history.break_step();
            }
            app.focus = Some(f);
            app.phrases.dirty = true;
        }
    }
}
