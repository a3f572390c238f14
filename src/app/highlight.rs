//! Highlighting of slots (`{单位}`, XX) and carried-over specifics in text, as layout jobs.
//! egui caches galleys by job, so a block that did not change is not laid out again.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Slot,
    Specific,
}

/// Character ranges of `{name}` slots and leftover blanks (XX, **, ×××) in a text.
pub use crate::core::draft::slots::slot_spans as slot_ranges;

/// Character ranges where any of `terms` occurs.
pub fn term_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for t in terms.iter().filter(|t| !t.is_empty()) {
        for (b, _) in text.match_indices(t.as_str()) {
            let start = text[..b].chars().count();
            out.push((start, start + t.chars().count()));
        }
    }
    out
}

/// The slots of `text` and the places where any of `specifics` occurs, as marks.
pub fn marks(text: &str, specifics: &[String]) -> Vec<(usize, usize, Mark)> {
    let mut marks: Vec<(usize, usize, Mark)> = slot_ranges(text)
        .into_iter()
        .map(|(s, e)| (s, e, Mark::Slot))
        .collect();
    marks.extend(
        term_ranges(text, specifics)
            .into_iter()
            .map(|(s, e)| (s, e, Mark::Specific)),
    );
    marks
}

/// A layout job painting `marks` over `text`.
pub fn job(
    text: &str,
    marks: &[(usize, usize, Mark)],
    font: FontId,
    color: Color32,
    dark: bool,
    wrap: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    let plain = TextFormat::simple(font.clone(), color);
    let (slot_bg, spec_bg) = if dark {
        (
            Color32::from_rgb(110, 80, 10),
            Color32::from_rgb(30, 70, 110),
        )
    } else {
        (
            Color32::from_rgb(255, 228, 150),
            Color32::from_rgb(200, 225, 255),
        )
    };
    let mut sorted: Vec<(usize, usize, Mark)> = marks.to_vec();
    sorted.sort_by_key(|m| (m.0, m.1));
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = byte_at.len() - 1;
    let mut pos = 0;
    for (s, e, m) in sorted {
        let (s, e) = (s.min(n), e.min(n));
        if s < pos || s >= e {
            continue;
        }
        job.append(&text[byte_at[pos]..byte_at[s]], 0.0, plain.clone());
        let mut f = plain.clone();
        f.background = if m == Mark::Slot { slot_bg } else { spec_bg };
        job.append(&text[byte_at[s]..byte_at[e]], 0.0, f);
        pos = e;
    }
    job.append(&text[byte_at[pos]..], 0.0, plain);
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_and_blanks_are_found() {
        assert_eq!(
            slot_ranges("在{单位}召开XX会议，Xbox 不是"),
            vec![(1, 5), (7, 9)]
        );
        assert_eq!(
            term_ranges("巴中和巴中", &["巴中".into()]),
            vec![(0, 2), (3, 5)]
        );
    }
}
