//! The one way from a file (or decoded text) to speeches: read and decode (`read`), split a
//! file holding several speeches, clean each (`clean`) and recover its outline (`outline`).
//! The command line, mining and the app's import all come through here.

use std::path::Path;

use crate::core::error::ReadError;
use crate::core::parse::outline::outline;
use crate::core::parse::speech::Speech;
use crate::core::parse::{clean, read, speeches};
use crate::core::text;

/// Reads, cleans and outlines one file; of a file holding several speeches, the first.
pub fn parse_file(path: &Path) -> Result<Speech, ReadError> {
    let mut all = parse_file_all(path)?;
    Ok(all.swap_remove(0))
}

/// Reads, cleans and outlines every speech in one file (at least one).
pub fn parse_file_all(path: &Path) -> Result<Vec<Speech>, ReadError> {
    let decoded = read::read_file(path)?;
    Ok(parse_text_all(
        &path.display().to_string(),
        &decoded.encoding,
        &decoded.text,
    ))
}

/// Cleans and outlines already decoded text; of several speeches, the first.
pub fn parse_text(source: &str, encoding: &str, raw: &str) -> Speech {
    parse_text_all(source, encoding, raw).swap_remove(0)
}

/// Cleans and outlines every speech in already decoded text (at least one, maybe empty).
pub fn parse_text_all(source: &str, encoding: &str, raw: &str) -> Vec<Speech> {
    let prepared = clean::prepare(text::normalise_lines(raw));
    let mut bounds = vec![0];
    bounds.extend(speeches::later_starts(&prepared));
    bounds.push(prepared.lines.len());
    bounds
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            let last = k + 2 == bounds.len();
            outline(
                source,
                encoding,
                clean::clean_range(&prepared, w[0]..w[1], last),
            )
        })
        .collect()
}
