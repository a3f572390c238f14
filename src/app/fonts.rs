//! The bundled Chinese font. egui ships Latin glyphs only; Noto Sans CJK SC (subset to
//! GB2312) goes after them as a fallback, so Chinese never shows as boxes, whatever fonts
//! the machine has. eframe's system-font provider still covers rarer characters.

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GB2312.otf");

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
