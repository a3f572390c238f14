//! Closing the window (its ✕, 文件 → 退出) with unsaved changes asks first, as a writer
//! used to a word processor expects: save, don't save, or go back to the draft.

use super::action::Command;
use super::dialogs::{Dialog, modal};
use super::{Action, FileRequest, JiangGaoApp};

/// The writer's answer to closing with unsaved changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Quit {
    /// Not asked, or went back to the draft.
    #[default]
    Ask,
    /// Saved, or nothing to save: close.
    Close,
    /// Saved from the question: close on the next frame.
    Closing,
    /// Close and drop the unsaved changes (no recovery file is left for them).
    Discard,
}

impl JiangGaoApp {
    /// Holds a close request while there are unsaved changes and asks instead.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if self.quit == Quit::Closing {
            self.quit = Quit::Close;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let asked = ctx.input(|i| i.viewport().close_requested());
        if asked && self.doc.dirty() && self.quit == Quit::Ask {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::ConfirmQuit);
        }
    }
}

pub(super) fn confirm_quit_ui(app: &mut JiangGaoApp, ctx: &egui::Context) -> Option<Dialog> {
    #[derive(Clone, Copy)]
    enum Choice {
        Save,
        DontSave,
        Back,
    }
    let name = app.doc_name();
    let (choice, dismissed) = modal(ctx, "confirm_quit", |ui| {
        ui.heading("讲稿尚未保存");
        ui.label(format!("“{name}”有未保存的修改。退出前要保存吗？"));
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button("保存").clicked() {
                choice = Some(Choice::Save);
            }
            if ui.button("不保存").clicked() {
                choice = Some(Choice::DontSave);
            }
            if ui.button("取消").clicked() {
                choice = Some(Choice::Back);
            }
        });
        choice
    });
    match choice.or(dismissed.then_some(Choice::Back)) {
        // Saved at the end of the frame, like every file request; a failed save says why
        // on the status line and the window stays.
        Some(Choice::Save) => {
            app.push(match app.doc.path.clone() {
                Some(p) => Action::File(FileRequest::SaveAndClose(p)),
                // A draft never saved needs a file name first; then 退出 again.
                None => Action::Command(Command::SaveAs),
            });
            None
        }
        Some(Choice::DontSave) => {
            app.quit = Quit::Discard;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            None
        }
        Some(Choice::Back) => None,
        None => Some(Dialog::ConfirmQuit),
    }
}
