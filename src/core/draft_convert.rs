//! A parsed speech as a draft, so any speech file can be exported and checked.

use crate::core::draft::{BlockKind, Draft};

impl Draft {
    /// A draft holding a parsed speech: opening, sections with their points (deeper items
    /// kept in the point's text with their markers), closing.
    pub fn from_speech(s: &crate::core::speech::Speech) -> Draft {
        use crate::core::speech::Section;
        fn flatten(sec: &Section, out: &mut Vec<String>) {
            out.extend(sec.paragraphs.iter().cloned());
            for c in &sec.children {
                out.push(format!("{}{}", c.marker, c.heading));
                flatten(c, out);
            }
        }
        let mut d = Draft::default();
        d.meta.title = s.title.clone().unwrap_or_default();
        d.meta.salutation = s.salutation.clone().unwrap_or_default();
        d.meta.date = s
            .meta
            .iter()
            .find_map(|m| {
                let digits: Vec<u32> = m
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|x| !x.is_empty())
                    .filter_map(|x| x.parse().ok())
                    .collect();
                (digits.len() >= 3)
                    .then(|| format!("{:04}-{:02}-{:02}", digits[0], digits[1], digits[2]))
            })
            .unwrap_or_default();
        let push = |d: &mut Draft, kind, heading: String, body: Vec<String>| {
            let b = d.new_block(kind, heading, body.join("\n"), None);
            d.blocks.push(b);
        };
        if !s.opening.is_empty() {
            push(&mut d, BlockKind::Opening, String::new(), s.opening.clone());
        }
        for sec in &s.sections {
            push(
                &mut d,
                BlockKind::Section,
                sec.heading.clone(),
                sec.paragraphs.clone(),
            );
            for c in &sec.children {
                let mut body = Vec::new();
                flatten(c, &mut body);
                push(&mut d, BlockKind::Point, c.heading.clone(), body);
            }
        }
        if !s.closing.is_empty() {
            push(&mut d, BlockKind::Closing, String::new(), s.closing.clone());
        }
        d
    }
}
