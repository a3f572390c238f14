//! A check's automatic fixes applied to the draft: each changes only the characters the
//! check saw, and only while they still read as it saw them.

use crate::core::draft::{Draft, Field};

/// A check's automatic fix: the characters `start..end` of one field of the block at
/// index `block` become `replacement`, while they still read `expect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFix {
    pub block: usize,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub expect: String,
    pub replacement: String,
}

/// Applies an automatic fix; returns whether the draft changed. Only the text at the
/// fix's range changes, and only if it is still what the check saw.
pub fn apply_fix(d: &mut Draft, f: &TextFix) -> bool {
    let Some(b) = d.blocks.get_mut(f.block) else {
        return false;
    };
    let text = if f.field == Field::Heading {
        &mut b.heading
    } else {
        &mut b.body
    };
    if !holds(text, f) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out: String = chars[..f.start].iter().collect();
    out.push_str(&f.replacement);
    out.extend(chars[f.end..].iter());
    *text = out;
    true
}

/// Whether a fix's range still holds the text the check saw.
pub fn fix_applies(d: &Draft, f: &TextFix) -> bool {
    d.blocks.get(f.block).is_some_and(|b| {
        holds(
            if f.field == Field::Heading {
                &b.heading
            } else {
                &b.body
            },
            f,
        )
    })
}

/// Whether characters `f.start..f.end` of `text` are `f.expect`.
fn holds(text: &str, f: &TextFix) -> bool {
    f.start <= f.end
        && text.chars().count() >= f.end
        && text
            .chars()
            .skip(f.start)
            .take(f.end - f.start)
            .eq(f.expect.chars())
}

/// Applies fixes from the last to the first in each field, so each one's character
/// range is still where the check saw it; overlapping ones are skipped. Returns whether
/// the draft changed.
pub fn apply_fixes(d: &mut Draft, mut fs: Vec<TextFix>) -> bool {
    fs.sort_by(|a, b| {
        (b.block, b.field == Field::Body, b.start).cmp(&(a.block, a.field == Field::Body, a.start))
    });
    let mut changed = false;
    let mut last: Option<&TextFix> = None;
    for f in &fs {
        let overlaps =
            last.is_some_and(|l| l.block == f.block && l.field == f.field && f.end > l.start);
        if !overlaps && apply_fix(d, f) {
            changed = true;
            last = Some(f);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::BlockKind;
    use crate::core::draft::edit::Edit;

    #[test]
    fn several_fixes_apply_from_the_end_and_skip_stale_ones() {
        let mut d = Draft::default();
        d.apply(Edit::InsertBlank {
            kind: BlockKind::Section,
            at: None,
        });
        d.blocks[0].body = "部机关要带头，部机关党委要负责。".into();
        let fix = |start: usize, expect: &str| TextFix {
            block: 0,
            field: Field::Body,
            start,
            end: start + expect.chars().count(),
            expect: expect.into(),
            replacement: "本机关".into(),
        };
        // In any order; the third no longer says what the check saw.
        let r = d.apply(Edit::ApplyFixes(vec![
            fix(0, "部机关"),
            fix(7, "部机关"),
            fix(9, "机关党"),
        ]));
        assert!(r.changed);
        assert_eq!(d.blocks[0].body, "本机关要带头，本机关党委要负责。");
        assert!(!d.apply(Edit::ApplyFixes(vec![fix(0, "部机关")])).changed);
    }
}
