//! The bundled Chinese font and the system-font fallback behind it.
//!
//! egui ships Latin glyphs only; Noto Sans CJK SC, subset to the 8,105 characters of
//! 通用规范汉字表 plus GB2312 and the punctuation, full-width forms and enclosed numbers
//! speeches use (scripts/make-font.sh), goes after them, so a speech never shows boxes
//! whatever fonts the machine has. Rarer characters come from the system's fonts.
//!
//! The system fonts are enumerated on a background thread by egui_system_font_provider,
//! which panics there when fontconfig finds no font at all (fontique unwraps the result of
//! a font sort), and then panics again on the main thread at the first character the
//! bundled font lacks. [`SafeSystemFonts`] keeps both panics away: it asks the provider
//! once on a thread of its own, and if that fails it logs one line and answers "no font",
//! so egui draws a box.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::thread::JoinHandle;

use egui::epaint::text::{
    FallbackRequest, FontData, FontInsert, FontPriority, FontProvider, InsertFontFamily,
};

pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Speech.otf");

/// The threads whose panics mean only "no system fonts": reported in one line, not a backtrace.
const QUIET_THREADS: [&str; 2] = ["egui_system_font_provider", LOADER_THREAD];
const LOADER_THREAD: &str = "jianggao_system_fonts";

/// Installs the bundled font into a context (the app and every test harness).
pub fn install(ctx: &egui::Context) {
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert {
        name: "noto_sans_sc".to_string(),
        data: FontData::from_static(CJK_FONT),
        families,
    });
}

/// Adds the system fonts as a fallback for characters the bundled font lacks. The window
/// turns eframe's own provider off (`system_font_fallback: false`) and calls this instead.
pub fn install_system_fallback(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(SafeSystemFonts::spawn(|| {
        Box::new(egui_system_font_provider::SystemFontProvider::new())
    })));
}

type Provider = Box<dyn FontProvider>;

enum State {
    Loading(JoinHandle<Option<Provider>>),
    Ready(Option<Provider>),
}

/// A font provider made on a background thread that may panic; a failed one finds no fonts.
pub struct SafeSystemFonts {
    state: Mutex<State>,
}

impl SafeSystemFonts {
    /// Makes the provider with `make` on a background thread and asks it once for a Chinese
    /// character there, which waits for its fonts; a panic in either means no system fonts.
    pub fn spawn(make: impl FnOnce() -> Provider + Send + 'static) -> Self {
        quiet_font_thread_panics();
        let handle = std::thread::Builder::new()
            .name(LOADER_THREAD.into())
            .spawn(move || {
                let provider = make();
                let probe = FallbackRequest {
                    cluster: "中",
                    family: &egui::FontFamily::Proportional,
                };
                provider.font_for(&probe);
                Some(provider)
            });
        let state = match handle {
            Ok(h) => State::Loading(h),
            Err(e) => {
                eprintln!("讲稿工坊：无法启动系统字体线程（{e}），缺字显示为方框");
                State::Ready(None)
            }
        };
        SafeSystemFonts {
            state: Mutex::new(state),
        }
    }
}

impl FontProvider for SafeSystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let State::Loading(_) = &*state {
            let State::Loading(handle) = std::mem::replace(&mut *state, State::Ready(None)) else {
                unreachable!("matched just above")
            };
            // A panic on the loader thread is an Err here, never a panic on this thread.
            let provider = handle.join().ok().flatten();
            if provider.is_none() {
                let why = FONT_PANIC.get().map_or("未知原因", String::as_str);
                eprintln!("讲稿工坊：系统字体不可用（{why}），只用内置字体，缺字显示为方框");
            }
            *state = State::Ready(provider);
        }
        let State::Ready(Some(provider)) = &*state else {
            return None;
        };
        // The provider already answered once; should it still fail, draw a box.
        panic::catch_unwind(AssertUnwindSafe(|| provider.font_for(request)))
            .ok()
            .flatten()
    }
}

/// The first panic message from a font thread, for the one-line report.
static FONT_PANIC: OnceLock<String> = OnceLock::new();

/// Keeps a font thread's panic from printing a message and backtrace at every start; the
/// message is kept for the one line [`SafeSystemFonts`] prints. Other panics print as before.
fn quiet_font_thread_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            if thread.name().is_some_and(|n| QUIET_THREADS.contains(&n)) {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                // The crate's file and line, without the registry path before it.
                let at = info
                    .location()
                    .map(|l| {
                        let parts: Vec<&str> = l.file().rsplit(['/', '\\']).take(4).collect();
                        let short: Vec<&str> = parts.into_iter().rev().collect();
                        format!("，{}:{}", short.join("/"), l.line())
                    })
                    .unwrap_or_default();
                let _ = FONT_PANIC.set(format!("{msg}{at}"));
            } else {
                previous(info);
            }
        }));
    });
}
