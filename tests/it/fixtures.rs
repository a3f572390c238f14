//! Shared fixtures: the corpus files and helpers to parse them.

use std::path::{Path, PathBuf};

use jianggao::core::parse::pipeline;
use jianggao::core::parse::speech::{Section, Speech};

/// The `jianggao` binary under test.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_jianggao"))
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus")
}

pub fn corpus_file(prefix: &str) -> PathBuf {
    let dir = corpus_dir();
    std::fs::read_dir(&dir)
        .expect("assets/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no corpus file {prefix}*"))
}

pub fn parse_corpus(prefix: &str) -> Speech {
    pipeline::parse_file(&corpus_file(prefix)).expect("corpus file parses")
}

/// (marker, heading) of sections at one level.
pub fn heads(s: &[Section]) -> Vec<(String, String)> {
    s.iter()
        .map(|x| (x.marker.clone(), x.heading.clone()))
        .collect()
}

/// How many `.ron` files a library folder holds (the readable library files).
pub fn ron_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron")
        })
        .count()
}
