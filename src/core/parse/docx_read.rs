//! Paragraph text of a `.docx` file, in document order.
//!
//! `word/document.xml` holds the text: we stream it with quick-xml and collect the text
//! runs of each `w:p`, turning `w:tab` into a space and `w:br` into a line break. Section
//! numbers made by Word's automatic lists (`w:numPr`) are not in the text; they are
//! rebuilt from `word/numbering.xml` ("一、", "（一）", "1.") so the outline sees them.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Word's list levels are 0–8; anything beyond is a malformed file and gets no number
/// (building a marker walks every level up to this one).
const MAX_LIST_LEVEL: u32 = 8;

/// Upper bound for the unpacked document part: a speech is a few hundred KB at most,
/// so anything larger is a malformed or hostile archive.
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// Reads the paragraphs of a .docx file held in memory. Errors are reasons for the user.
pub fn paragraphs_from_bytes(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 Word 文档（{e}）"))?;
    let part = archive
        .by_name("word/document.xml")
        .map_err(|_| "Word 文档缺少正文部分 word/document.xml".to_string())?;
    let mut xml = String::new();
    part.take(MAX_DOCUMENT_XML)
        .read_to_string(&mut xml)
        .map_err(|e| format!("无法解压 Word 文档正文（{e}）"))?;
    let mut numbering = String::new();
    if let Ok(part) = archive.by_name("word/numbering.xml") {
        // A broken numbering part only costs the automatic numbers, not the text.
        let _ = part.take(MAX_DOCUMENT_XML).read_to_string(&mut numbering);
    }
    paragraphs_from_xml(&xml, &Numbering::parse(&numbering))
}

/// Word's list definitions: numId → abstract list; abstract list → levels.
#[derive(Default)]
struct Numbering {
    nums: HashMap<String, String>,
    /// (abstractNumId, ilvl) → (start, numFmt, lvlText)
    levels: HashMap<(String, u32), (u64, String, String)>,
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let (mut abs, mut lvl, mut num): (Option<String>, Option<u32>, Option<String>) =
            (None, None, None);
        let mut cur = (1u64, String::from("decimal"), String::new());
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "abstractNum" => abs = attr(&e, "abstractNumId"),
                    "lvl" => {
                        lvl = attr(&e, "ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l| l <= MAX_LIST_LEVEL);
                        cur = (1, "decimal".into(), String::new());
                    }
                    "start" if lvl.is_some() => {
                        // u32 in the schema; parsed wide so that no start can overflow.
                        cur.0 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1)
                    }
                    "numFmt" if lvl.is_some() => cur.1 = attr(&e, "val").unwrap_or_default(),
                    "lvlText" if lvl.is_some() => cur.2 = attr(&e, "val").unwrap_or_default(),
                    "num" => num = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(id), Some(a)) = (num.clone(), attr(&e, "val")) {
                            n.nums.insert(id, a);
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => {
                    if e.local_name().as_ref() == "lvl"
                        && let (Some(a), Some(l)) = (abs.clone(), lvl.take())
                    {
                        n.levels.insert((a, l), cur.clone());
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        n
    }

    /// The marker of the next item of list `num_id` at `ilvl`, advancing the counters.
    fn next_marker(
        &self,
        counters: &mut HashMap<(String, u32), u64>,
        num_id: &str,
        ilvl: u32,
    ) -> Option<String> {
        if ilvl > MAX_LIST_LEVEL {
            return None;
        }
        let abs = self.nums.get(num_id)?;
        let (start, fmt, text) = self.levels.get(&(abs.clone(), ilvl))?;
        if fmt == "bullet" || fmt == "none" || text.is_empty() {
            return None;
        }
        // The counter holds the number of the next item.
        let n = counters.entry((abs.clone(), ilvl)).or_insert(*start);
        let value = *n;
        *n = n.saturating_add(1);
        // A new item restarts the deeper levels.
        counters.retain(|(a, l), _| a != abs || *l <= ilvl);
        let mut out = text.clone();
        for l in 0..=ilvl {
            let v = if l == ilvl {
                value
            } else {
                // The number of the last item at that level (the counter is one ahead).
                counters
                    .get(&(abs.clone(), l))
                    .map_or(1, |&c| c.saturating_sub(1))
            };
            let f = self
                .levels
                .get(&(abs.clone(), l))
                .map(|x| x.1.as_str())
                .unwrap_or("decimal");
            out = out.replace(&format!("%{}", l + 1), &format_number(v, f));
        }
        Some(out)
    }
}

fn format_number(n: u64, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "japaneseCounting" => crate::core::numerals::han_numeral(n as usize),
        "upperLetter" | "lowerLetter" if n > 0 => {
            let a = if fmt == "upperLetter" { b'A' } else { b'a' };
            char::from(a + ((n - 1) % 26) as u8).to_string()
        }
        "decimalEnclosedParen" => format!("({n})"),
        _ => n.to_string(),
    }
}

// Over 80 lines: one pass of the XML reader with the state of the paragraph it is in.
fn paragraphs_from_xml(xml: &str, numbering: &Numbering) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    // numPr of the paragraph being read: (numId, ilvl).
    let mut num_pr: (Option<String>, u32) = (None, 0);
    let mut counters: HashMap<(String, u32), u64> = HashMap::new();
    // Open elements: a document cut short ends with some still open.
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                match e.local_name().as_ref() {
                    "p" => {
                        current = Some(String::new());
                        num_pr = (None, 0);
                    }
                    "t" => in_text = true,
                    _ => {}
                }
            }
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "tab" => push(&mut current, " "),
                "br" | "cr" => push(&mut current, "\n"),
                "p" => paragraphs.push(String::new()),
                "ilvl" => num_pr.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                "numId" => num_pr.0 = attr(&e, "val"),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                push(&mut current, &t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                // Entities such as &amp; arrive as references in quick-xml 0.38+.
                let resolved = match &*r {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    _ => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default(),
                };
                push(&mut current, &resolved);
            }
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "p" => {
                        if let Some(mut p) = current.take() {
                            if let Some(id) = num_pr.0.take()
                                && id != "0"
                                && !p.trim().is_empty()
                                && let Some(m) = numbering.next_marker(&mut counters, &id, num_pr.1)
                            {
                                p.insert_str(0, &m);
                            }
                            paragraphs.push(p);
                        }
                    }
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Ok(Event::Eof) if depth > 0 => {
                return Err(
                    "Word 文档正文不完整：XML 在结尾处被截断，最后的段落可能缺失".to_string(),
                );
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "Word 文档正文 XML 有误（位置 {}：{e}）",
                    reader.error_position()
                ));
            }
            _ => {}
        }
    }
    Ok(paragraphs)
}

fn push(current: &mut Option<String>, s: &str) {
    if let Some(p) = current.as_mut() {
        p.push_str(s);
    }
}
