//! Input-method composition. egui writes the uncommitted preedit (e.g. "dang jian") into
//! the text buffer while the writer composes; this module keeps it out of the document:
//! counts, autosave, suggestions and undo see committed text only, and a preedit left
//! behind by a focus change or a click is removed.

use crate::core::draft::{BlockId, Draft};
use crate::core::draft_edit::{Edit, Field};

/// A composition in progress: where its preedit sits (characters, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Composition {
    pub block: BlockId,
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

/// What this frame's input-method events say about composition in the focused field:
/// `Some(true)` composing, `Some(false)` ended (commit or cancel), `None` no IME event.
pub fn composing_after(events: &[egui::Event]) -> Option<bool> {
    let mut state = None;
    for e in events {
        if let egui::Event::Ime(ime) = e {
            match ime {
                egui::ImeEvent::Preedit { text, .. } => state = Some(!text.is_empty()),
                egui::ImeEvent::Commit(_) => state = Some(false),
                _ => {}
            }
        }
    }
    state
}

/// Removes the preedit, characters `start..end` of a block field (through the one
/// writer of drafts; the typing it belongs to is committed for undo by the caller).
pub fn remove_range(d: &mut Draft, c: &Composition) {
    d.apply(Edit::RemoveText {
        block: c.block,
        field: c.field,
        range: c.start..c.end,
    });
}

/// The draft without the preedit of a composition in progress.
pub fn committed(d: &Draft, c: Option<Composition>) -> std::borrow::Cow<'_, Draft> {
    match c {
        None => std::borrow::Cow::Borrowed(d),
        Some(c) => {
            let mut d = d.clone();
            remove_range(&mut d, &c);
            std::borrow::Cow::Owned(d)
        }
    }
}

/// On X11 winit sends only the top of the caret to the input method, so its candidate
/// window covers the line being typed; moving the point down by the caret's height puts
/// it under the line. Wayland and other systems use the whole rectangle.
pub fn lower_candidate_window_on_x11(ctx: &egui::Context) {
    let x11 = cfg!(target_os = "linux")
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && std::env::var_os("DISPLAY").is_some();
    if !x11 {
        return;
    }
    ctx.output_mut(|o| {
        if let Some(ime) = &mut o.ime {
            let h = ime.cursor_rect.height();
            ime.cursor_rect = ime.cursor_rect.translate(egui::vec2(0.0, h));
        }
    });
}
