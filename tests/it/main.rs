//! All integration tests in one binary, to keep link time down on small machines.

mod app;
mod deliver;
mod fixtures;
mod gold;
mod layouts;
mod library;
mod mine;
mod parse_corpus;
mod parse_props;
mod read_files;
