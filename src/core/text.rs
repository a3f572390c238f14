//! Decoding speech files into text, and normalising that text into lines.
//!
//! Files come from Word, old Windows tools (GBK/GB18030), web copies (UTF-8 with
//! NBSP and zero-width junk) and occasionally UTF-16 exports. Everything is turned
//! into clean `\n`-separated UTF-8 here so later stages never see encodings.

use std::path::{Path, PathBuf};

use crate::core::error::ReadError;

/// Text decoded from a file, with the encoding we settled on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Lower-case WHATWG encoding label, e.g. `utf-8`, `gb18030`, `utf-16le`, or `docx`.
    pub encoding: String,
}

/// Largest speech file read: a long speech is a few hundred KB of text, a .docx with
/// pictures a few MB. Beyond this a file is not a speech (or a mistaken pick).
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// The bytes of a regular file no larger than [`MAX_INPUT_BYTES`]. Devices, pipes and
/// folders are refused before any read, so `/dev/zero` or a FIFO cannot block or fill memory.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let invalid = |why: String| ReadError::Invalid {
        path: path.to_path_buf(),
        why,
    };
    let io = |e| ReadError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(invalid(if meta.is_dir() {
            "是文件夹，不是文件".into()
        } else {
            "不是普通文件（设备、管道或套接字），未读取".into()
        }));
    }
    let too_big = |n: u64| {
        invalid(format!(
            "文件过大（{:.1} MB），超过讲话稿文件的上限 {} MB，未读取",
            n as f64 / 1048576.0,
            MAX_INPUT_BYTES / 1048576
        ))
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a `.txt` or `.docx` file into text.
pub fn read_file(path: &Path) -> Result<Decoded, ReadError> {
    decode_file(path, read_bounded(path)?)
}

/// Decodes the bytes read from `path` (a `.docx` or a text file) into text.
pub fn decode_file(path: &Path, bytes: Vec<u8>) -> Result<Decoded, ReadError> {
    let is_docx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx || bytes.starts_with(b"PK\x03\x04") {
        let text = crate::core::docx_read::paragraphs_from_bytes(&bytes)
            .map_err(|why| ReadError::Invalid {
                path: path.to_path_buf(),
                why,
            })?
            .join("\n");
        if text.trim().is_empty() {
            return Err(ReadError::Invalid {
                path: path.to_path_buf(),
                why: "Word 文档中没有文字".into(),
            });
        }
        return Ok(Decoded {
            text,
            encoding: "docx".into(),
        });
    }
    decode_bytes(&bytes).map_err(|why| ReadError::Invalid {
        path: path.to_path_buf(),
        why,
    })
}

/// Decodes the bytes of a text file. The error is a reason in Chinese, for the user.
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("文件为空".into());
    }
    // A BOM is the only reliable marker of UTF-16; honour any BOM first.
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("按 {} 解码时遇到无效字节", enc.name()));
        }
        return finish(text.into_owned(), enc.name());
    }
    if let Some(enc) = crate::core::encoding_guess::utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return finish(text.into_owned(), enc.name());
        }
    }
    if looks_binary(bytes) {
        return Err("不是文本文件（含有二进制内容）".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), "UTF-8");
    }
    let enc = match crate::core::encoding_guess::legacy(bytes) {
        crate::core::encoding_guess::Verdict::Use(enc) => enc,
        crate::core::encoding_guess::Verdict::Refuse(why) => return Err(why),
    };
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(format!("无法识别的文字编码（尝试 {} 失败）", enc.name()));
    }
    finish(text.into_owned(), enc.name())
}

fn finish(text: String, encoding: &str) -> Result<Decoded, String> {
    if text.chars().any(|c| c == '\0') {
        return Err("不是文本文件（含有空字符）".into());
    }
    if text.trim().is_empty() {
        return Err("文件为空".into());
    }
    Ok(Decoded {
        text,
        encoding: encoding.to_ascii_lowercase(),
    })
}

/// Binary files have NUL bytes or many control bytes; text in any of our encodings has neither.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > sample.len()
}

/// Splits text into lines and normalises white space in each:
/// CRLF/CR, NBSP, ideographic space, tabs → plain spaces; zero-width characters removed;
/// runs of spaces collapsed; ends trimmed. Empty lines are kept (as `""`) so that
/// paragraph breaks survive.
pub fn normalise_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n').map(normalise_line).collect()
}

fn normalise_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if c.is_whitespace() || c.is_control() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// True for Han characters and CJK punctuation: the "Chinese context" for normalisation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
        | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026)
}

/// True for Han characters only.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A character words are made of: Han or alphanumeric. Answers the common Chinese
/// punctuation without Unicode's tables, as mining asks this of every character.
pub fn is_word_char(c: char) -> bool {
    if is_han(c) {
        return true;
    }
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk_punct(c) && c.is_alphanumeric()
}

/// The common Chinese punctuation marks.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '—'
            | '…'
            | '·'
            | '【'
            | '】'
    )
}

/// Half-width punctuation next to Chinese becomes full-width; digits and Latin are left alone
/// ("1,000", "12:30", "(a)" stay as they are).
pub fn fullwidth_punct(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let full = match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '?' => '？',
            _ => {
                out.push(c);
                continue;
            }
        };
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let chinese_context = match c {
            // Between two digits (times, thousands) a colon or comma is not Chinese punctuation.
            _ if prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                false
            }
            _ => prev.is_some_and(is_cjk) || next.is_some_and(is_cjk),
        };
        out.push(if chinese_context { full } else { c });
    }
    fix_bracket_pairs(out)
}

/// "(一)" with the closing bracket after a digit-free CJK numeral is handled above; this makes
/// a bracket pair consistent when only one side was converted, e.g. "(1)要" → "（1）要".
fn fix_bracket_pairs(s: String) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = chars.clone();
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '（' => open.push(i),
            ')' | '）' => {
                if let Some(o) = open.pop() {
                    let full = chars[o] == '（' || c == '）';
                    if full {
                        out[o] = '（';
                        out[i] = '）';
                    }
                }
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// Paths given on a command line, expanded: directories are walked recursively for
/// `.txt` and `.docx` files, sorted for determinism. Symbolic links are followed, each
/// folder at most once, so a link loop ends the walk instead of repeating it.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, &mut seen);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut std::collections::HashSet<PathBuf>) {
    // The real path names the folder once however many links lead to it.
    let Ok(real) = std::fs::canonicalize(dir) else {
        return;
    };
    if !seen.insert(real) {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        // Unreadable directories are reported by the caller when nothing is found.
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, seen);
        } else if is_speech_file(&p) {
            out.push(p);
        }
    }
}

/// Files we read: `.txt` and `.docx`, except Word's lock files (`~$name.docx`).
pub fn is_speech_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") {
        return false;
    }
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("docx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_han_or_alphanumeric() {
        for c in (0..0x30000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_han(c) || c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn punctuation_next_to_chinese_becomes_full_width() {
        assert_eq!(fullwidth_punct("同志们:"), "同志们：");
        assert_eq!(fullwidth_punct("(一)要提高"), "（一）要提高");
        assert_eq!(fullwidth_punct("要强化,彰显!"), "要强化，彰显！");
        assert_eq!(
            fullwidth_punct("时间:2022-04-22 02:26:00"),
            "时间：2022-04-22 02:26:00"
        );
        assert_eq!(fullwidth_punct("共1,000人"), "共1,000人");
        assert_eq!(fullwidth_punct("see (a) here"), "see (a) here");
        assert_eq!(fullwidth_punct("(1)加强"), "（1）加强");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised() {
        let text = "在会议上的讲话\n同志们：\n今天召开会议。\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, enc) in [(le, "utf-16le"), (be, "utf-16be")] {
            let d = decode_bytes(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, enc));
        }
        assert!(decode_bytes(b"\x00\x01\x02\x00binary").is_err());
    }

    #[test]
    fn whitespace_is_normalised() {
        let lines = normalise_lines("a\u{00A0}\u{00A0}b\r\n\u{3000}\u{3000}同志们：\u{200B}\rc\td");
        assert_eq!(lines, vec!["a b", "同志们：", "c d"]);
    }
}
