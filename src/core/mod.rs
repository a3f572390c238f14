//! Everything that is not UI. Never imports the UI toolkit.

pub mod clean;
pub mod clutter;
pub mod docx_read;
pub mod error;
pub mod fsutil;
pub mod lexicon;
pub mod library;
pub mod marker;
pub mod mine;
pub mod nlp;
pub mod outline;
pub mod speech;
pub mod suggest;
pub mod text;
pub mod draft;
pub mod export;
pub mod history;
