//! The outline of one speech, as recovered from a file.

use serde::{Deserialize, Serialize};

/// A line the cleaner removed, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// One numbered section at any level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The marker as written, e.g. "一、", "（二）", "第三，", "一要".
    pub marker: String,
    /// 1 for top-level sections, up to 4.
    pub level: u8,
    /// Heading text without its marker.
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub children: Vec<Section>,
}

/// A parsed speech. Serialised as the `jianggao parse --json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Speech {
    pub source: String,
    pub encoding: String,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// Speaker, date and place lines around the title or under the closing, in order.
    #[serde(default)]
    pub byline: Vec<String>,
    pub salutation: Option<String>,
    pub opening: Vec<String>,
    pub sections: Vec<Section>,
    pub closing: Vec<String>,
    pub dropped: Vec<Dropped>,
}

impl Section {
    /// Depth-first walk over this section and its descendants.
    pub fn walk<'a>(&'a self, out: &mut Vec<&'a Section>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }

    /// This section's marker as one step of a section path: "二、" → "二".
    pub fn path_part(&self) -> &str {
        self.marker
            .trim_end_matches(['、', '，', '.', '．', '：', ',', ' '])
    }

    /// The section's text with its descendants flattened: sub-items keep their markers.
    pub fn flattened(&self) -> Vec<String> {
        let mut out = self.paragraphs.clone();
        for c in &self.children {
            out.push(format!("{}{}", c.marker, c.heading));
            out.extend(c.flattened());
        }
        out
    }
}

/// A section with its path ("二/（一）") and its siblings (itself included).
pub struct Placed<'a> {
    pub path: String,
    pub section: &'a Section,
    pub siblings: &'a [Section],
}

impl Speech {
    /// All sections, depth first.
    pub fn all_sections(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        for s in &self.sections {
            s.walk(&mut out);
        }
        out
    }

    /// All sections, depth first, each with its path and its siblings: the one walk of the
    /// section tree that mining, rendering and the command line share.
    pub fn placed_sections(&self) -> Vec<Placed<'_>> {
        fn walk<'a>(secs: &'a [Section], prefix: &str, out: &mut Vec<Placed<'a>>) {
            for sec in secs {
                let path = if prefix.is_empty() {
                    sec.path_part().to_string()
                } else {
                    format!("{prefix}/{}", sec.path_part())
                };
                out.push(Placed {
                    path: path.clone(),
                    section: sec,
                    siblings: secs,
                });
                walk(&sec.children, &path, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, "", &mut out);
        out
    }

    /// Every piece of kept text, in reading order (for checks that nothing was lost).
    pub fn all_text(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        out.extend(self.title.as_deref());
        out.extend(self.subtitle.as_deref());
        out.extend(self.byline.iter().map(String::as_str));
        out.extend(self.salutation.as_deref());
        out.extend(self.opening.iter().map(String::as_str));
        for s in self.all_sections() {
            out.push(&s.heading);
            out.extend(s.paragraphs.iter().map(String::as_str));
        }
        out.extend(self.closing.iter().map(String::as_str));
        out
    }
}
