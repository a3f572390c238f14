//! 讲稿工坊 — drafting Party meeting speeches from the speeches that came before.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod cli_deliver;
pub mod cli_draft;
pub mod cli_library;
pub mod cli_zh;
pub mod core;
