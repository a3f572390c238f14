//! All integration tests in one binary, to keep link time down on small machines.

#[cfg(feature = "gui")]
mod app;
#[cfg(feature = "gui")]
mod check_ui;
mod cli;
mod data_safety;
mod dated;
mod deliver;
mod deliver_docx;
#[cfg(feature = "gui")]
mod desk_ui;
mod docx_schema;
mod draft_cli;
mod fixtures;
#[cfg(feature = "gui")]
mod font_size;
#[cfg(feature = "gui")]
mod fonts;
mod gold;
#[cfg(feature = "gui")]
mod ime;
mod import;
mod layout_classes;
mod layout_gen;
mod layouts;
mod library;
#[cfg(feature = "gui")]
mod library_big;
mod mine;
mod module_graph;
mod parse_corpus;
mod parse_props;
mod read_files;
mod reuse;
mod save_open;
mod specifics;
mod unseen;
mod user_lexicons;
#[cfg(feature = "gui")]
mod window_safety;
