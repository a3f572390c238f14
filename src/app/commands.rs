//! Commands from menus and shortcuts, run at the end of a frame; and the window's style
//! (theme, font size) applied when the preferences change.

use super::action::Command;
use super::dialogs::Dialog;
use super::worker::PathPurpose;
use super::{Action, JiangGaoApp};
use crate::core::draft::edit::Edit;
use crate::core::draft::history::ChangeKind;
use crate::core::export::Format;

impl JiangGaoApp {
    pub(super) fn consume_shortcuts(&mut self, ctx: &egui::Context) {
        // While an input method composes, its keys belong to it.
        let preedit = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Ime(egui::ImeEvent::Preedit { .. })))
        });
        if self.composing || preedit {
            return;
        }
        // Longer combinations first, so Ctrl+Shift+S is not taken for Ctrl+S.
        let mut all: Vec<(Command, egui::KeyboardShortcut)> = Command::ALL
            .iter()
            .flat_map(|c| c.info().shortcuts.iter().map(move |s| (*c, *s)))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(s.modifiers.shift as u8));
        for (c, s) in all {
            if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                self.push(Action::Command(c));
            }
        }
    }

    pub fn run_command(&mut self, c: Command, ctx: &egui::Context, now: f64) {
        match c {
            Command::New => {
                let e = Edit::Clear(self.prefs.numbering);
                self.edit(e, ChangeKind::Structure, now);
                // No file now: an undo back to the old draft is unsaved work.
                self.doc.path = None;
                self.doc.saved = None;
                self.focus = None;
                self.view.scroll_to_top = true;
                self.set_info("已新建讲稿（可撤销）".into());
            }
            Command::Open => self.open_path_dialog(PathPurpose::Open),
            Command::Save => match self.doc.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                }
                None => self.open_path_dialog(PathPurpose::SaveAs),
            },
            Command::SaveAs => self.open_path_dialog(PathPurpose::SaveAs),
            Command::ExportText => self.open_path_dialog(PathPurpose::Export(Format::Txt, false)),
            Command::ExportMarkdown => {
                self.open_path_dialog(PathPurpose::Export(Format::Md, false))
            }
            Command::ExportWord => self.open_path_dialog(PathPurpose::Export(Format::Docx, false)),
            Command::ExportWordLarge => {
                self.open_path_dialog(PathPurpose::Export(Format::Docx, true))
            }
            Command::Check => self.checks.open = !self.checks.open,
            Command::CopyAll => {
                ctx.copy_text(crate::core::export::render_txt(&self.draft));
                self.set_info("全文已复制到剪贴板".into());
            }
            Command::ImportCorpus => self.open_path_dialog(PathPurpose::ImportCorpus),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            // The status line says what happened last, not what was just undone.
            Command::Undo => {
                if self.history.undo(&mut self.draft) {
                    self.doc.revised(&self.draft);
                    self.phrases.dirty = true;
                    self.set_info("已撤销（Ctrl+Shift+Z 重做）".into());
                }
            }
            Command::Redo => {
                if self.history.redo(&mut self.draft) {
                    self.doc.revised(&self.draft);
                    self.phrases.dirty = true;
                    self.set_info("已重做".into());
                }
            }
            Command::Find => self.find.open = !self.find.open,
            Command::ToggleLibrary => self.prefs.show_library = !self.prefs.show_library,
            Command::TogglePhrases => self.prefs.show_phrases = !self.prefs.show_phrases,
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::Preview => self.view.preview = !self.view.preview,
            Command::Outline => self.view.outline = !self.view.outline,
            Command::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Command::About => self.dialog = Some(Dialog::About),
        }
    }

    pub(super) fn apply_style(&mut self, ctx: &egui::Context) {
        if self.applied.dark != Some(self.prefs.dark) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied.dark = Some(self.prefs.dark);
        }
        if (self.applied.font_size - self.prefs.font_size).abs() > f32::EPSILON {
            let size = self.prefs.font_size.clamp(12.0, 28.0);
            ctx.all_styles_mut(|style| {
                use egui::{FontFamily, FontId, TextStyle};
                style.text_styles = [
                    (
                        TextStyle::Small,
                        FontId::new(size * 0.78, FontFamily::Proportional),
                    ),
                    (TextStyle::Body, FontId::new(size, FontFamily::Proportional)),
                    (
                        TextStyle::Button,
                        FontId::new(size * 0.92, FontFamily::Proportional),
                    ),
                    (
                        TextStyle::Heading,
                        FontId::new(size * 1.3, FontFamily::Proportional),
                    ),
                    (
                        TextStyle::Monospace,
                        FontId::new(size * 0.9, FontFamily::Monospace),
                    ),
                ]
                .into();
            });
            self.applied.font_size = self.prefs.font_size;
        }
    }
}
