//! Reading speech files: bounded reads, decoding any Chinese encoding or a .docx into
//! UTF-8 text, and finding the speech files under the folders a user names.
//!
//! Files come from Word, old Windows tools (GBK/GB18030), web copies (UTF-8 with
//! NBSP and zero-width junk) and occasionally UTF-16 exports. Everything is turned
//! into UTF-8 here so later stages never see encodings.

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
        let text = crate::core::parse::docx_read::paragraphs_from_bytes(&bytes)
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
    if let Some(enc) = crate::core::parse::encoding_guess::utf16_without_bom(bytes) {
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
    let enc = match crate::core::parse::encoding_guess::legacy(bytes) {
        crate::core::parse::encoding_guess::Verdict::Use(enc) => enc,
        crate::core::parse::encoding_guess::Verdict::Refuse(why) => return Err(why),
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
}
