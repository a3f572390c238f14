//! One block of the editor: its grip, kind, number and tools, its heading and body fields
//! with their highlighting, and the notes under them. It reads the block and its facts
//! and returns what the writer did as actions.

use super::draft_facts::BlockFacts;
use super::highlight;
use super::{Action, Caret, Focus, Placed};
use crate::core::draft::edit::Edit;
use crate::core::draft::{Block, BlockId, BlockKind, Draft, Field};

/// The id of a block's text field: the same wherever the field is drawn, so the editor
/// can tell which block holds the keyboard focus before drawing any.
pub fn field_id(block: BlockId, field: Field) -> egui::Id {
    egui::Id::unique(("jianggao_block_text", block, field))
}

/// What one block is drawn from.
pub struct BlockView<'a> {
    pub draft: &'a Draft,
    pub i: usize,
    pub marker: &'a str,
    pub facts: &'a BlockFacts,
    /// Where the caret is to go, if into one of this block's fields.
    pub focus_request: Option<Caret>,
}

impl BlockView<'_> {
    fn block(&self) -> &Block {
        &self.draft.blocks[self.i]
    }

    /// The whole block in the order the writer reads it.
    pub fn ui(&self, ui: &mut egui::Ui, handle: egui_dnd::Handle, out: &mut Vec<Action>) {
        let b = self.block();
        self.tools_ui(ui, handle, out);
        if let Some(src) = &b.source {
            ui.small(format!(
                "来自：{} · {}",
                src.title.as_deref().unwrap_or(&src.file),
                src.path
            ));
        }
        let label_base = format!("{}{}", b.kind.label(), self.marker);
        if matches!(b.kind, BlockKind::Section | BlockKind::Point) && !b.collapsed {
            ui.horizontal(|ui| {
                let l = ui.label("标题");
                let name = format!("{label_base}标题");
                self.text_field(ui, Field::Heading, &name, l.id, out);
            });
        }
        if b.collapsed {
            ui.weak(self.folded_line());
            return;
        }
        let l = ui.label("正文");
        self.text_field(ui, Field::Body, &format!("{label_base}正文"), l.id, out);
        if !self.facts.unfilled.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("未填空位：{}", self.facts.unfilled.join(" ")),
            );
        }
        if !self.facts.carried.is_empty() {
            ui.colored_label(
                ui.visuals().hyperlink_color,
                format!("原稿专有信息，请改写：{}", self.facts.carried.join("、")),
            );
        }
    }

    /// The first row: grip, fold, kind and number; the tools on the right.
    fn tools_ui(&self, ui: &mut egui::Ui, handle: egui_dnd::Handle, out: &mut Vec<Action>) {
        let b = self.block();
        let (id, kind, collapsed) = (b.id, b.kind, b.collapsed);
        let mut edit = |e| out.push(Action::Edit(e));
        ui.horizontal(|ui| {
            handle.ui(ui, |ui| {
                super::drag_grip(ui);
            });
            let caret = if collapsed { "▶" } else { "▼" };
            if ui.small_button(caret).on_hover_text("折叠或展开").clicked() {
                edit(Edit::SetCollapsed {
                    block: id,
                    collapsed: !collapsed,
                });
            }
            ui.strong(kind.label());
            if !self.marker.is_empty() {
                ui.label(self.marker);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("删除")
                    .on_hover_text("删除本段（主体部分连同其分论点），可撤销")
                    .clicked()
                {
                    edit(Edit::Delete(id));
                }
                if ui
                    .small_button("复制")
                    .on_hover_text("复制一份放在后面")
                    .clicked()
                {
                    edit(Edit::Duplicate(id));
                }
                if matches!(kind, BlockKind::Section | BlockKind::Point) {
                    let (label, tip) = if kind == BlockKind::Section {
                        ("降级", "降为分论点")
                    } else {
                        ("升级", "升为主体部分")
                    };
                    if ui.small_button(label).on_hover_text(tip).clicked() {
                        edit(Edit::ToggleLevel(id));
                    }
                }
                if ui.small_button("下移").clicked() {
                    edit(Edit::MoveBy { block: id, by: 1 });
                }
                if ui.small_button("上移").clicked() {
                    edit(Edit::MoveBy { block: id, by: -1 });
                }
            });
        });
    }

    /// A folded block in one line: the heading, the start of the body, and what folded
    /// with it.
    fn folded_line(&self) -> String {
        let b = self.block();
        let p: String = b.body.chars().take(40).collect();
        let more = if b.body.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        let points = self.draft.group(self.i).len() - 1;
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
        format!("{head}{p}{more}{folded}")
    }

    /// One text field of the block. egui edits a copy of the field; committed text comes
    /// back as `Action::Type` (the app applies it through `Draft::apply` as one typing
    /// step), the caret as `Action::Caret`.
    fn text_field(
        &self,
        ui: &mut egui::Ui,
        field: Field,
        accessible: &str,
        label: egui::Id,
        out: &mut Vec<Action>,
    ) {
        let b = self.block();
        let facts = self.facts;
        let (dark, color) = (ui.visuals().dark_mode, ui.visuals().text_color());
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
        let mut text = match field {
            Field::Heading => b.heading.clone(),
            Field::Body => b.body.clone(),
        };
        let hint = hint(field, b.kind);
        let id = field_id(b.id, field);
        // Put the caret where a find hit or an insertion asked for it, before the field is
        // drawn: then this frame already draws it focused and tells the input method where
        // its caret is.
        let requested = self
            .focus_request
            .filter(|c| c.block == b.id && c.field == field);
        if let Some(c) = requested {
            place_caret(ui, id, c);
        }
        let multiline = field == Field::Body;
        let ime = super::ime::text_field(ui, id, &mut text, |ui, buf| {
            let edit = if multiline {
                egui::TextEdit::multiline(buf).desired_rows(3)
            } else {
                egui::TextEdit::singleline(buf)
            };
            edit.id(id)
                .hint_text(hint)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui)
        });
        let resp = ime.output.response.response.clone().labelled_by(label);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, accessible));
        if let Some(c) = requested {
            scroll_to_caret(ui, &ime.output, &resp, c);
            out.push(Action::Placed(Placed::Caret(c)));
        }
        // Keyboard focus within the app, even while the OS window itself is not focused
        // (Response::has_focus also asks the latter; the caret must survive a click
        // elsewhere). The caret first: coming into this field ends the last typing step.
        if ui.ctx().memory(|m| m.has_focus(resp.id)) {
            out.push(Action::Caret(Some(Focus {
                block: b.id,
                field,
                cursor: ime.caret.unwrap_or(0),
            })));
        }
        if ime.changed {
            out.push(Action::Type {
                block: b.id,
                field,
                text,
            });
        }
    }
}

/// What an empty field says it is for.
fn hint(field: Field, kind: BlockKind) -> &'static str {
    match (field, kind) {
        (Field::Heading, _) => "小标题",
        (_, BlockKind::Opening) => "开头：会议背景、目的，以“下面，我讲几点意见”过渡",
        (_, BlockKind::Closing) => "结尾：同志们，……",
        _ => "正文，每段一行",
    }
}

/// Focuses the field and, when asked, puts its caret at a character offset (selecting
/// back to the anchor, if there is one).
fn place_caret(ui: &egui::Ui, id: egui::Id, c: super::Caret) {
    ui.memory_mut(|m| m.request_focus(id));
    if let Some(at) = c.cursor {
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        let cc = egui::text::CCursor::new(at);
        let range = match c.anchor {
            Some(a) => egui::text::CCursorRange::two(egui::text::CCursor::new(a), cc),
            None => egui::text::CCursorRange::one(cc),
        };
        state.cursor.set_char_range(Some(range));
        state.store(ui.ctx(), id);
    }
}

/// Brings a requested caret into view. A find hit or a finding (a selection) is centred,
/// the way a find dialog shows it; after an insertion the view moves only as far as the
/// caret needs, so the text the writer was looking at stays where it was.
fn scroll_to_caret(
    ui: &egui::Ui,
    out: &egui::text_edit::TextEditOutput,
    resp: &egui::Response,
    c: Caret,
) {
    let Some(cursor) = c.cursor else {
        resp.scroll_to_me(Some(egui::Align::Center));
        return;
    };
    let rect = out
        .galley
        .pos_from_cursor(egui::text::CCursor::new(cursor))
        .translate(out.galley_pos.to_vec2())
        .expand(4.0);
    let align = c.anchor.map(|_| egui::Align::Center);
    ui.scroll_to_rect(rect, align);
}
