//! The menu bar: every entry comes from the command table.

use super::action::Command;
use super::{Action, JiangGaoApp};
use crate::core::draft::edit::Edit;
use crate::core::draft::{BlockKind, Numbering};
use crate::core::export::TextEncoding;

/// A menu entry for a command, with its shortcut and tooltip from the table.
fn command_button(app: &mut JiangGaoApp, ui: &mut egui::Ui, c: Command, enabled: bool) {
    let info = c.info();
    let mut b = egui::Button::new(info.label);
    if let Some(s) = c.shortcut_text(ui.ctx()) {
        b = b.shortcut_text(s);
    }
    if ui
        .add_enabled(enabled, b)
        .on_hover_text(info.tooltip)
        .clicked()
    {
        app.push(Action::Command(c));
        ui.close();
    }
}

// Over 80 lines: one entry per menu item, in the order the menus show them.
pub fn menu_bar_ui(app: &mut JiangGaoApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("文件", |ui| {
            command_button(app, ui, Command::New, true);
            command_button(app, ui, Command::Open, true);
            ui.menu_button("最近打开", |ui| {
                if app.prefs.recent.is_empty() {
                    ui.label("（无）");
                }
                for p in app.prefs.recent.clone() {
                    if ui.button(p.display().to_string()).clicked() {
                        app.push(Action::OpenPath(p));
                        ui.close();
                    }
                }
            });
            command_button(app, ui, Command::Save, true);
            command_button(app, ui, Command::SaveAs, true);
            ui.separator();
            ui.menu_button("导出", |ui| {
                command_button(app, ui, Command::ExportText, true);
                command_button(app, ui, Command::ExportMarkdown, true);
                command_button(app, ui, Command::ExportWord, true);
                command_button(app, ui, Command::ExportWordLarge, true);
            });
            ui.menu_button("导出编码", |ui| {
                for e in [TextEncoding::Utf8, TextEncoding::Gb18030] {
                    ui.radio_value(&mut app.prefs.encoding, e, e.label());
                }
            });
            ui.menu_button("Word 页码位置", |ui| {
                for p in crate::core::export::docx_write::PageNumbers::ALL {
                    ui.radio_value(&mut app.prefs.page_numbers, p, p.label());
                }
            });
            command_button(app, ui, Command::CopyAll, true);
            ui.separator();
            command_button(
                app,
                ui,
                Command::ImportCorpus,
                app.import_progress.is_none(),
            );
            ui.separator();
            command_button(app, ui, Command::Quit, true);
        });
        ui.menu_button("编辑", |ui| {
            command_button(app, ui, Command::Undo, app.history.can_undo());
            command_button(app, ui, Command::Redo, app.history.can_redo());
            command_button(app, ui, Command::Find, true);
            command_button(app, ui, Command::Check, true);
            ui.separator();
            ui.menu_button("插入空白段落", |ui| {
                for k in BlockKind::ALL {
                    if ui.button(k.label()).clicked() {
                        app.push(Action::InsertBlank(k));
                        ui.close();
                    }
                }
            });
            ui.menu_button("编号样式", |ui| {
                for n in Numbering::ALL {
                    if ui.radio(app.draft.numbering == n, n.label()).clicked() {
                        app.push(Action::Edit(Edit::SetNumbering(n)));
                        ui.close();
                    }
                }
            });
        });
        ui.menu_button("视图", |ui| {
            let shown = [
                (Command::ToggleLibrary, app.prefs.show_library),
                (Command::TogglePhrases, app.prefs.show_phrases),
                (Command::Preview, app.view.preview),
                (Command::Outline, app.view.outline),
            ];
            for (c, mut on) in shown {
                if ui.checkbox(&mut on, c.info().label).changed() {
                    app.push(Action::Command(c));
                }
            }
            command_button(app, ui, Command::ToggleTheme, true);
            ui.horizontal(|ui| {
                let l = ui.label("字号");
                ui.add(egui::Slider::new(&mut app.prefs.font_size, 12.0..=28.0).step_by(1.0))
                    .labelled_by(l.id);
            });
        });
        ui.menu_button("帮助", |ui| {
            command_button(app, ui, Command::Shortcuts, true);
            command_button(app, ui, Command::About, true);
        });
    });
}
