//! Input-method composition, one handler for every text field of the app (section bodies
//! and headings, the meeting details, the library search, find and replace, the path
//! fields).
//!
//! egui writes the uncommitted preedit (e.g. "dang jian") into the buffer it edits, and
//! needs it there to draw and replace it. [`text_field`] therefore lets egui edit a copy
//! (the committed text with the preedit spliced in) and hands the caller only committed
//! text: the document, the counts, the autosave, undo, search and find never see pinyin.
//! The rules, the same for every field:
//! - a commit puts the committed text where the preedit was, as one change;
//! - an empty preedit, or a commit of nothing, cancels: the field is as before;
//! - focus leaving the field, a click while composing, or the input method being
//!   disabled drops the preedit, and the input method is told to forget it too;
//! - while any field composes, the app's shortcuts wait ([`composing`]).

use egui::text::{CCursor, CCursorRange};

/// The preedit of a composition in progress in one field: where it sits in the field's
/// committed text (characters) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Preedit {
    start: usize,
    text: String,
}

impl Preedit {
    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// A position in the field's buffer (preedit included) as one in the committed text;
    /// inside the preedit is where it began.
    fn to_committed(&self, i: usize) -> usize {
        if i <= self.start {
            i
        } else {
            i.saturating_sub(self.len()).max(self.start)
        }
    }
}

/// What [`text_field`] reports.
pub struct ImeField {
    /// egui's own output (response, cursor, state).
    pub output: egui::text_edit::TextEditOutput,
    /// The committed text changed this frame.
    pub changed: bool,
    /// A composition is in progress in this field.
    pub composing: bool,
    /// The caret or selection in the committed text (characters, low..high); while
    /// composing, the place where the preedit will land.
    pub range: Option<(usize, usize)>,
    /// The caret (the selection's moving end) in the committed text.
    pub caret: Option<usize>,
}

fn preedit_key(id: egui::Id) -> egui::Id {
    id.with("jianggao_ime_preedit")
}

fn composing_key() -> egui::Id {
    egui::Id::unique("jianggao_ime_composing_pass")
}

/// Whether a field is composing after this pass (ask once every field is drawn; the
/// app keeps the answer for the next frame's shortcuts, which run before the fields).
pub fn composing(ctx: &egui::Context) -> bool {
    let now = ctx.cumulative_pass_nr();
    ctx.data(|d| d.get_temp::<u64>(composing_key())) == Some(now)
}

/// What this frame's input-method events say about composition in the focused field:
/// `Some(true)` composing, `Some(false)` ended (commit or cancel), `None` no event that
/// changes it. (The input method being disabled is [`disabled_last`].)
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

/// The input method disabled after its last preedit or commit this frame: a composition
/// still open is abandoned, not committed.
fn disabled_last(events: &[egui::Event]) -> bool {
    let mut disabled = false;
    for e in events {
        match e {
            #[allow(deprecated)]
            egui::Event::Ime(egui::ImeEvent::Disabled) => disabled = true,
            egui::Event::Ime(egui::ImeEvent::Preedit { .. } | egui::ImeEvent::Commit(_)) => {
                disabled = false
            }
            _ => {}
        }
    }
    disabled
}

fn char_to_byte(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

/// `text` with `insert` at character `at`.
fn splice(text: &str, at: usize, insert: &str) -> String {
    let b = char_to_byte(text, at);
    let mut s = String::with_capacity(text.len() + insert.len());
    s.push_str(&text[..b]);
    s.push_str(insert);
    s.push_str(&text[b..]);
    s
}

/// `text` without characters `start..end`.
fn cut(text: &str, start: usize, end: usize) -> String {
    let (a, b) = (char_to_byte(text, start), char_to_byte(text, end));
    let mut s = String::with_capacity(text.len());
    s.push_str(&text[..a]);
    s.push_str(&text[b..]);
    s
}

/// The composition after this frame's events, if one is open: `sorted` is egui's
/// selection, `ime_now` what the focused field's input-method events said, `before` the
/// composition at the frame's start.
fn composition_after(
    buf: &str,
    sorted: Option<(usize, usize)>,
    ime_now: Option<bool>,
    before: Option<Preedit>,
) -> Option<Preedit> {
    match (ime_now, before) {
        // egui selects the preedit it has just written.
        (Some(true), _) => sorted.map(|(s, e)| Preedit {
            start: s,
            text: buf.chars().skip(s).take(e - s).collect(),
        }),
        (Some(false), _) => None,
        // No input-method event: the preedit stays where it is, if it is still there.
        (None, Some(p)) if buf.chars().skip(p.start).take(p.len()).eq(p.text.chars()) => Some(p),
        (None, _) => None,
    }
}

/// Shows one text field under the shared rules. `value` is the field's committed text and
/// receives only committed text. `show` draws the field on the buffer it is given and must
/// give the `TextEdit` the id `id` (e.g. `TextEdit::singleline(buf).id(id).show(ui)`).
pub fn text_field(
    ui: &mut egui::Ui,
    id: egui::Id,
    value: &mut String,
    show: impl FnOnce(&mut egui::Ui, &mut String) -> egui::text_edit::TextEditOutput,
) -> ImeField {
    let ctx = ui.ctx().clone();
    let events = ctx.input(|i| i.events.clone());
    let ime_now = composing_after(&events);
    let clicked = events
        .iter()
        .any(|e| matches!(e, egui::Event::PointerButton { pressed: true, .. }));
    let focused = ctx.memory(|m| m.has_focus(id));
    let mut preedit: Option<Preedit> = ctx.data(|d| d.get_temp(preedit_key(id)));
    if let Some(p) = &preedit {
        // A composition the writer walked away from is not text: drop it.
        let walked_away = !focused || (clicked && ime_now.is_none()) || disabled_last(&events);
        if walked_away || p.start > value.chars().count() {
            drop_preedit(&ctx, id, p.start, focused);
            preedit = None;
        }
    }
    let mut buf = match &preedit {
        Some(p) => splice(value, p.start, &p.text),
        None => value.clone(),
    };
    let output = show(ui, &mut buf);
    debug_assert_eq!(
        output.response.response.id, id,
        "text_field: give the TextEdit its id"
    );
    let focused = ctx.memory(|m| m.has_focus(id));
    let sorted = output.cursor_range.map(|r| {
        let (a, b) = (r.primary.index.0, r.secondary.index.0);
        (a.min(b), a.max(b))
    });
    let mut next = composition_after(&buf, sorted, focused.then_some(ime_now).flatten(), preedit);
    let committed = match &next {
        Some(p) => cut(&buf, p.start, p.start + p.len()),
        None => buf,
    };
    let to_committed = |i: usize| next.as_ref().map_or(i, |p| p.to_committed(i));
    let range = sorted.map(|(a, b)| (to_committed(a), to_committed(b)));
    let caret = output.cursor_range.map(|r| to_committed(r.primary.index.0));
    // Abandoned in this frame: the input method was disabled after its preedit, or the
    // caret left the preedit (egui would write the next one at the caret, beside it).
    let abandoned = next.as_ref().is_some_and(|p| {
        disabled_last(&events) || ime_now.is_none() && sorted != Some((p.start, p.start + p.len()))
    });
    if abandoned && let Some(p) = next.take() {
        drop_preedit(&ctx, id, range.map_or(p.start, |r| r.0), focused);
    }
    let changed = committed != *value;
    *value = committed;
    let composing = next.is_some();
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| match next {
        Some(p) => {
            d.insert_temp(preedit_key(id), p);
            d.insert_temp(composing_key(), pass);
        }
        None => d.remove::<Preedit>(preedit_key(id)),
    });
    ImeField {
        output,
        changed,
        composing,
        range,
        caret,
    }
}

/// Forgets a preedit the field no longer shows. egui still selects the characters it
/// occupied (now committed text the next preedit would replace), so the caret goes back
/// to where the composition began; and the input method is told to drop it too.
fn drop_preedit(ctx: &egui::Context, id: egui::Id, start: usize, focused: bool) {
    ctx.data_mut(|d| d.remove::<Preedit>(preedit_key(id)));
    if focused {
        let mut state = egui::text_edit::TextEditState::default();
        state
            .cursor
            .set_char_range(Some(CCursorRange::one(CCursor::new(start))));
        state.store(ctx, id);
        ctx.memory_mut(|m| m.interrupt_ime());
    }
}

/// The candidate window's height assumed when deciding whether it fits below the line:
/// ibus-ui-gtk3's horizontal window (pinyin row and candidate row) measured 64 px under
/// Xvfb, fcitx5's classic UI 31 px (on-the-spot) to about 52 px (over-the-spot); a few
/// pixels more so that the window stays clear of the line.
pub const CANDIDATE_WINDOW_HEIGHT: f32 = 68.0;

/// Whether winit talks to the input method through XIM (X11 without Wayland).
pub fn is_x11() -> bool {
    cfg!(target_os = "linux")
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
        && std::env::var_os("DISPLAY").is_some()
}

/// Where the input method's candidate window should be anchored, given egui's caret
/// (window coordinates) — for X11, where winit passes the input method one point (XIM's
/// spot location; the caret's height is dropped) and ibus and fcitx5 open their window
/// with its top at that point (or, when it would run off the bottom of the screen, its
/// bottom). When the window fits below the line the point is the bottom of the caret.
/// When it does not, the point is one window height above the line: the window then
/// opens there and ends at the line's top. (Sending the top of the caret is not enough:
/// a window that fits between the caret's top and the screen's bottom opens there, over
/// the line — measured with ibus.) A window taller than [`CANDIDATE_WINDOW_HEIGHT`]
/// would overlap the line by the difference; XIM tells the app nothing about it.
pub fn candidate_anchor(
    caret: egui::Rect,
    window_top: Option<f32>,
    screen_height: Option<f32>,
) -> egui::Rect {
    let room_below = match (window_top, screen_height) {
        (Some(top), Some(screen)) => screen - (top + caret.bottom()),
        _ => f32::INFINITY,
    };
    let dy = if room_below >= CANDIDATE_WINDOW_HEIGHT {
        caret.height()
    } else {
        -CANDIDATE_WINDOW_HEIGHT
    };
    caret.translate(egui::vec2(0.0, dy))
}

/// Moves this frame's IME caret rectangle to [`candidate_anchor`] (X11 only; Wayland and
/// other systems take the whole rectangle and place the window themselves), and gives a
/// recreated XIM input context the X input focus ([`recreates_context`], `ime_focus.rs`).
///
/// Without the latter, under ibus (1.5, libpinyin, measured under Xvfb; not fcitx5) the
/// first composition after moving to another field opened its window at the previous
/// field, 0 of 8 times at the new one: egui-winit recreates the XIM input context at
/// every focus change and every click into a field, winit 0.30 gives the new context no
/// XIM focus, and ibus's panel shows the candidate window before it learns that
/// context's spot. Re-sending the spot once composing had begun (moved by 1 px, by 40 px,
/// or alternating frame by frame) moved the window in none of the first compositions.
pub fn place_candidate_window(ctx: &egui::Context) {
    if !is_x11() {
        return;
    }
    let (top, screen) = ctx.input(|i| {
        let v = i.viewport();
        (v.inner_rect.map(|r| r.min.y), v.monitor_size.map(|m| m.y))
    });
    let ime_on = ctx.output_mut(|o| {
        if let Some(ime) = &mut o.ime {
            ime.cursor_rect = candidate_anchor(ime.cursor_rect, top, screen);
        }
        o.ime.is_some()
    });
    let focused = ctx.memory(|m| m.focused());
    let key = egui::Id::unique("jianggao_ime_last_frame");
    let last: Option<(bool, Option<egui::Id>)> = ctx.data(|d| d.get_temp(key));
    ctx.data_mut(|d| d.insert_temp(key, (ime_on, focused)));
    let pressed = ctx.input(|i| i.pointer.any_pressed());
    #[cfg(target_os = "linux")]
    if ctx.input(|i| i.focused) && recreates_context(ime_on, focused, pressed, last) {
        super::ime_focus::refocus_window();
    }
}

/// Whether egui-winit recreates the XIM input context at the end of this frame with the
/// input method allowed: `ime_on` is this frame's `PlatformOutput::ime.is_some()`,
/// `focused` egui's focused widget, `pressed` a pointer press this frame, `last` the
/// first two in the frame before. It does when the input method turns on, when another
/// widget has the focus (egui's `request_focus` asks to interrupt composition, answered
/// with `set_ime_allowed(false)` then `(true)`), and when a field is clicked (a press in a
/// `TextEdit` requests its focus again). A press that keeps no field focused turns the
/// input method off instead: nothing to focus.
pub fn recreates_context(
    ime_on: bool,
    focused: Option<egui::Id>,
    pressed: bool,
    last: Option<(bool, Option<egui::Id>)>,
) -> bool {
    ime_on
        && match last {
            Some((was_on, was_focused)) => !was_on || was_focused != focused || pressed,
            None => true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_candidate_window_goes_above_the_line_near_the_bottom() {
        let caret = egui::Rect::from_min_size(egui::pos2(300.0, 500.0), egui::vec2(1.0, 20.0));
        // Room below: anchored under the line.
        let a = candidate_anchor(caret, Some(0.0), Some(900.0));
        assert_eq!(a.min.y, 520.0);
        // The window at y 340 puts the line at 840..860 on a 900 px screen: 40 px left,
        // so the candidate window opens one window height above the line.
        let a = candidate_anchor(caret, Some(340.0), Some(900.0));
        assert_eq!(a.min.y, 500.0 - CANDIDATE_WINDOW_HEIGHT);
        // Exactly room for the window: below.
        let a = candidate_anchor(caret, Some(380.0 - CANDIDATE_WINDOW_HEIGHT), Some(900.0));
        assert_eq!(a.min.y, 520.0);
        // Unknown screen: below.
        assert_eq!(candidate_anchor(caret, None, None).min.y, 520.0);
    }

    #[test]
    fn the_context_is_refocused_only_when_egui_winit_recreates_it() {
        let (a, b) = (
            Some(egui::Id::unique("field a")),
            Some(egui::Id::unique("field b")),
        );
        // Another field takes the focus (a click or Tab), or the first frame with a field.
        assert!(recreates_context(true, b, true, Some((true, a))));
        assert!(recreates_context(true, b, false, Some((true, a))));
        assert!(recreates_context(true, a, false, None));
        // The input method turns on, or the focused field is clicked again.
        assert!(recreates_context(true, a, false, Some((false, None))));
        assert!(recreates_context(true, a, true, Some((true, a))));
        // Typing in the same field, or no field focused: nothing to do.
        assert!(!recreates_context(true, a, false, Some((true, a))));
        assert!(!recreates_context(false, None, true, Some((true, a))));
    }

    #[test]
    fn splice_and_cut_count_characters() {
        assert_eq!(splice("党的建设", 2, "dang"), "党的dang建设");
        assert_eq!(cut("党的dang建设", 2, 6), "党的建设");
        assert_eq!(splice("", 0, "d"), "d");
        assert_eq!(cut("ab", 1, 9), "a");
    }

    #[test]
    fn disabled_after_the_last_preedit_abandons_it() {
        use egui::{Event::Ime, ImeEvent};
        let pre = Ime(ImeEvent::Preedit {
            text: "dang".into(),
            active_range_chars: None,
        });
        #[allow(deprecated)]
        let off = Ime(ImeEvent::Disabled);
        assert!(disabled_last(&[pre.clone(), off.clone()]));
        assert!(!disabled_last(&[off.clone(), pre.clone()]));
        assert_eq!(composing_after(&[pre, off]), Some(true));
    }
}
