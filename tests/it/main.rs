//! All integration tests in one binary, to keep link time down on small machines.

#[cfg(feature = "gui")]
mod app;
mod data_safety;
mod deliver;
#[cfg(feature = "gui")]
mod desk_ui;
mod draft_cli;
mod fixtures;
mod layouts;
mod library;
mod mine;
mod parse_corpus;
mod parse_props;
mod read_files;
#[cfg(feature = "gui")]
mod window_safety;
