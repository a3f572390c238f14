//! Everything that is not UI. Never imports the UI toolkit.

pub mod check;
pub mod clean;
pub mod clutter;
pub mod docx_read;
pub mod docx_write;
pub mod draft;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod history;
pub mod lexicon;
pub mod library;
pub mod marker;
pub mod mine;
pub mod nlp;
pub mod outline;
pub mod speech;
pub mod suggest;
pub mod text;
