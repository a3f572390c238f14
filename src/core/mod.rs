//! Everything that is not UI. Never imports the UI toolkit, the app or the command line.
//!
//! Folders follow the data: files are read and outlined (`parse`), mined into a library
//! (`mine`, `library`) with the help of word lists (`lexicon`), drafted (`draft`),
//! suggested into (`suggest`), checked (`check`) and delivered (`export`). The loose
//! modules here are shared by all of them and depend on none. `installed` assembles the
//! library a user has (shipped + imported + their lexicons) and so sits above the rest.
//! `tests/it/module_graph.rs` keeps the graph of files, and of folders, free of cycles.

pub mod charset;
pub mod check;
pub mod dates;
pub mod draft;
pub mod error;
pub mod export;
pub mod fs_batch;
pub mod fsutil;
pub mod import;
pub mod installed;
pub mod lexicon;
pub mod library;
pub mod mine;
pub mod needles;
pub mod nlp;
pub mod numbering;
pub mod numerals;
pub mod parallel;
pub mod parse;
pub mod ron_error;
pub mod suggest;
pub mod text;
