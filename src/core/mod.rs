//! Everything that is not UI. Never imports the UI toolkit.

pub mod charset;
pub mod check;
pub mod check_source;
pub mod clean;
pub mod clutter;
pub mod docx_read;
pub mod docx_write;
pub mod draft;
pub mod draft_convert;
pub mod draft_slots;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod history;
pub mod lexicon;
pub mod library;
pub mod marker;
pub mod mine;
pub mod needles;
pub mod nlp;
pub mod numbering;
pub mod outline;
pub mod run_in;
pub mod speech;
pub mod suggest;
pub mod text;
