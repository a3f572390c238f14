//! Paragraph text of a `.docx` file, in document order.
//!
//! Only `word/document.xml` matters for a speech: we stream it with quick-xml and
//! collect the text runs of each `w:p`, turning `w:tab` into a space and `w:br` into
//! a line break inside the paragraph.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

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
    paragraphs_from_xml(&xml)
}

fn paragraphs_from_xml(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "p" => current = Some(String::new()),
                "t" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "tab" => push(&mut current, " "),
                "br" | "cr" => push(&mut current, "\n"),
                "p" => paragraphs.push(String::new()),
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
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "p" => {
                    if let Some(p) = current.take() {
                        paragraphs.push(p);
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
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
