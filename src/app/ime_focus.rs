//! Gives the input method's new XIM input context the X input focus after egui-winit has
//! recreated it (X11 only).
//!
//! Why: egui asks to interrupt composition whenever a text field takes the focus or is
//! clicked (`Memory::request_focus` → `interrupt_ime`), and egui-winit 0.37 answers with
//! `set_ime_allowed(false)` then `(true)` (or one toggle when `PlatformOutput::ime` turns
//! `None`/`Some`). winit 0.30 destroys and recreates the XIC on each toggle
//! (`x11/ime/mod.rs`, `Ime::set_ime_allowed`) but calls `XSetICFocus` only on the window's
//! XI focus-in (`event_processor.rs`, `xinput2_focused`). The new context therefore never
//! has the XIM focus; ibus focuses it only when the first key reaches it (the daemon's
//! "set focus if context does not have focus" workaround in `ProcessKeyEvent`), and its
//! panel shows the candidate window before it learns the caret (the spot that winit sent
//! while the context was unfocused is never forwarded to the panel): the window opens
//! where the previous field was. ibus-x11 forwards the spot when the context gets the XIM
//! focus (`xim_set_ic_focus` → `_xim_set_cursor_location`).
//!
//! So, in the frame in which egui-winit recreates the context, the app moves the X input
//! focus off its window and straight back (through its own connection to the X server).
//! winit reads the resulting focus-out after the frame's `set_ime_allowed` requests were
//! queued, applies them (its IME requests are handled after each X event), and on the
//! focus-in calls `XSetICFocus` on the new context. Nothing else changes: the window that
//! had the focus gets it back; egui sees its window unfocused and focused again (it only
//! forgets the keys held down, none during a click).

use std::cell::RefCell;
use std::os::raw::{c_int, c_ulong};

use x11_dl::xlib;

/// The app's own connection to the X server, opened on first use; `None` when libX11 or
/// the display cannot be opened (then nothing is done).
struct Conn {
    xlib: xlib::Xlib,
    display: *mut xlib::Display,
}

thread_local! {
    static CONN: RefCell<Option<Option<Conn>>> = const { RefCell::new(None) };
}

fn open() -> Option<Conn> {
    let xlib = xlib::Xlib::open().ok()?;
    // SAFETY: a null name opens $DISPLAY; the result is checked.
    let display = unsafe { (xlib.XOpenDisplay)(std::ptr::null()) };
    (!display.is_null()).then_some(Conn { xlib, display })
}

/// Moves the X input focus to nothing and back to the window that had it, so that the
/// window receives a focus-out and a focus-in. Does nothing when no window of this
/// display has the focus.
pub fn refocus_window() {
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        let Some(conn) = c.get_or_insert_with(open) else {
            return;
        };
        let (x, d) = (&conn.xlib, conn.display);
        let mut window: c_ulong = 0;
        let mut revert: c_int = 0;
        // SAFETY: `d` is an open display owned by this thread; the out-pointers are valid.
        unsafe {
            (x.XGetInputFocus)(d, &mut window, &mut revert);
            // 0 is None; PointerRoot means focus follows the pointer: no window to restore.
            if window == 0 || window == xlib::PointerRoot as c_ulong {
                return;
            }
            (x.XSetInputFocus)(d, 0, xlib::RevertToParent, xlib::CurrentTime);
            (x.XSetInputFocus)(d, window, revert, xlib::CurrentTime);
            (x.XFlush)(d);
        }
    });
}
