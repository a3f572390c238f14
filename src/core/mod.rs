//! Everything that is not UI. Never imports the UI toolkit.

pub mod clean;
pub mod clutter;
pub mod docx_read;
pub mod error;
pub mod marker;
pub mod outline;
pub mod speech;
pub mod text;
