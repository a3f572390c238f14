//! Gives the input method's new XIM input context the X input focus after egui-winit has
//! recreated it (X11 only).
//!
//! Why: egui asks to interrupt composition whenever a text field takes the focus or is
//! clicked (`Memory::request_focus` → `interrupt_ime`), and egui-winit 0.37 answers with
//! `set_ime_allowed(false)` then `(true)` (or one toggle when `PlatformOutput::ime` turns
//! `None`/`Some`). winit 0.30 destroys and recreates the XIC on each toggle
//! (`x11/ime/mod.rs`, `Ime::set_ime_allowed`) but calls `XSetICFocus` only on the window's
//! XI focus-in (`event_processor.rs`, `xinput2_focused`). The new context therefore never
//! has the XIM focus; ibus-x11 passes a context's spot to the daemon when the spot is set
//! (`xim_set_ic_values`) and when the context gets the focus (`xim_set_ic_focus` →
//! `_xim_set_cursor_location`), and the daemon gives the panel only the focused
//! context's location; an unfocused one is focused by its first key (the "set focus if
//! context does not have focus" workaround in `ProcessKeyEvent`). Measured (ibus 1.5.27,
//! libpinyin, Xvfb): that first composition's window opened at the previous field 8 of 8
//! times, and spots re-sent while it was open did not move it. Keeping
//! `PlatformOutput::ime` set between two fields would not help: the click alone recreates
//! the context.
//!
//! So, in the frame in which egui-winit recreates the context, the app moves the X input
//! focus from its window to a 1×1 input-only child of it and straight back (through its
//! own connection to the X server). winit reads the resulting focus-out after the
//! frame's `set_ime_allowed` requests were queued, applies them (its IME requests are
//! handled after each X event), and on the focus-in calls `XSetICFocus` on the new
//! context. The focus never leaves the window's own tree, so the window manager sees
//! nothing; the app touches the focus only while its own window holds it; egui sees its
//! window unfocused and focused again (it only forgets the keys held down).

use std::cell::{Cell, RefCell};
use std::os::raw::{c_int, c_ulong};

use raw_window_handle::{HasWindowHandle, RawWindowHandle};
use x11_dl::xlib;

/// The app's own connection to the X server, opened on first use, and the child window
/// that takes the focus for a moment (created for `parent`).
struct Conn {
    xlib: xlib::Xlib,
    display: *mut xlib::Display,
    parent: c_ulong,
    child: c_ulong,
}

thread_local! {
    /// `Some(None)`: libX11 or the display could not be opened; nothing is done.
    static CONN: RefCell<Option<Option<Conn>>> = const { RefCell::new(None) };
    /// The app window's X id (0: not an X11 window).
    static WINDOW: Cell<c_ulong> = const { Cell::new(0) };
}

/// Remembers the app window's X id (call every frame; cheap).
pub fn remember_window(frame: &eframe::Frame) {
    let id = match frame.window_handle().map(|h| h.as_raw()) {
        Ok(RawWindowHandle::Xlib(h)) => h.window,
        Ok(RawWindowHandle::Xcb(h)) => c_ulong::from(h.window.get()),
        _ => 0,
    };
    WINDOW.with(|w| w.set(id));
}

fn open() -> Option<Conn> {
    let xlib = xlib::Xlib::open().ok()?;
    // SAFETY: a null name opens $DISPLAY; the result is checked.
    let display = unsafe { (xlib.XOpenDisplay)(std::ptr::null()) };
    (!display.is_null()).then_some(Conn {
        xlib,
        display,
        parent: 0,
        child: 0,
    })
}

impl Conn {
    /// The 1×1 input-only child of `parent` (mapped: only a viewable window can take
    /// the focus; it selects no events, so clicks on it reach the parent).
    fn child_of(&mut self, parent: c_ulong) -> c_ulong {
        if self.parent != parent || self.child == 0 {
            let (x, d) = (&self.xlib, self.display);
            // SAFETY: `d` is open; a zeroed attribute struct with mask 0 sets nothing.
            self.child = unsafe {
                let mut attrs: xlib::XSetWindowAttributes = std::mem::zeroed();
                let child = (x.XCreateWindow)(
                    d,
                    parent,
                    0,
                    0,
                    1,
                    1,
                    0,
                    0,
                    xlib::InputOnly as _,
                    std::ptr::null_mut(),
                    0,
                    &mut attrs,
                );
                (x.XMapWindow)(d, child);
                child
            };
            self.parent = parent;
        }
        self.child
    }
}

/// Moves the X input focus from the app window to its child and back, so that the window
/// receives a focus-out and a focus-in. Does nothing unless the app window has the focus.
pub fn refocus_window() {
    let window = WINDOW.with(Cell::get);
    if window == 0 {
        return;
    }
    CONN.with(|c| {
        let mut c = c.borrow_mut();
        let Some(conn) = c.get_or_insert_with(open) else {
            return;
        };
        let mut focus: c_ulong = 0;
        let mut revert: c_int = 0;
        // SAFETY: the display is open and owned by this thread; out-pointers are valid.
        unsafe { (conn.xlib.XGetInputFocus)(conn.display, &mut focus, &mut revert) };
        if focus != window {
            return;
        }
        let child = conn.child_of(window);
        let (x, d) = (&conn.xlib, conn.display);
        // SAFETY: as above; both windows exist (the child is ours, the parent focused).
        unsafe {
            (x.XSetInputFocus)(d, child, xlib::RevertToParent, xlib::CurrentTime);
            (x.XSetInputFocus)(d, window, revert, xlib::CurrentTime);
            (x.XFlush)(d);
        }
    });
}
