//! All integration tests in one binary, to keep link time down on small machines.

mod app;
mod cli;
mod deliver;
mod deliver_docx;
mod docx_schema;
mod fixtures;
mod fonts;
mod layouts;
mod library;
mod mine;
mod parse_corpus;
mod parse_props;
mod read_files;
