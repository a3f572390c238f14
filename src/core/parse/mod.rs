//! From a file to speeches, through `pipeline`: `read` (bounded read, decoding, .docx text),
//! `clean` (web clutter, title block, byline, closing), `outline` (headings and points by
//! their markers).

pub mod clean;
pub mod closing;
pub mod clutter;
pub mod docx_read;
pub mod encoding_guess;
pub mod heading;
pub mod heading_lines;
pub mod marker;
pub mod markup;
pub mod outline;
pub mod pipeline;
pub mod read;
mod rejoin;
pub mod run_in;
pub mod speech;
pub mod speeches;
pub mod title_block;
