//! The shape of `src/core`: no module imports one that (directly or not) imports it, and
//! nothing in core reaches for the UI, the command line or the app. Read from the source
//! text, so a new cycle fails here with the modules named instead of surfacing as a tangle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`parse::outline`) for every file under `src/core`.
fn modules(dir: &Path, prefix: &str, out: &mut BTreeMap<String, PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_stem().unwrap().to_str().unwrap().to_string();
        if p.is_dir() {
            modules(&p, &format!("{prefix}{name}::"), out);
        } else if name == "mod" {
            out.insert(prefix.trim_end_matches("::").to_string(), p);
        } else {
            out.insert(format!("{prefix}{name}"), p);
        }
    }
}

/// The source without its unit tests: tests may use anything.
fn non_test_source(path: &Path) -> String {
    let s = std::fs::read_to_string(path).unwrap();
    match s.find("#[cfg(test)]\nmod tests") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Paths written after `crate::core::`, with `{a, b}` groups expanded one level.
fn referenced_paths(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in src.match_indices("crate::core::") {
        let rest = &src[i + "crate::core::".len()..];
        let head: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let head = head.trim_end_matches(':').to_string();
        let after = &rest[head.len()..];
        if let Some(group) = after.strip_prefix("::{") {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                let item = item.trim().split(' ').next().unwrap_or("");
                if !item.is_empty() && item != "self" {
                    out.push(format!("{head}::{item}"));
                }
            }
        }
        out.push(head);
    }
    out
}

/// The longest known module a path starts with.
fn owner(path: &str, known: &BTreeMap<String, PathBuf>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| known.contains_key(m))
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut known = BTreeMap::new();
    modules(&root, "", &mut known);
    let mut g = BTreeMap::new();
    for (m, p) in &known {
        let src = non_test_source(p);
        // `super::x` in module `a::b` (file a/b.rs or a/b/mod.rs) names `a::x`.
        let parent = m.rsplit_once("::").map_or("", |(a, _)| a).to_string();
        let relative = src.replace("super::", &format!("crate::core::{parent}::"));
        let relative = relative.replace("crate::core::::", "crate::core::");
        let deps: BTreeSet<String> = referenced_paths(&relative)
            .iter()
            .filter_map(|r| owner(r, &known))
            .filter(|d| d != m)
            .collect();
        g.insert(m.clone(), deps);
    }
    g
}

fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|s| s == d).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(d.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(d, g, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, g, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn core_modules_import_each_other_without_cycles() {
    let g = graph();
    assert!(g.len() > 40, "the walk found the modules: {}", g.len());
    assert!(
        g["check"].contains("draft"),
        "references are read: {:?}",
        g["check"]
    );
    if let Some(cycle) = find_cycle(&g) {
        panic!("core import cycle: {}", cycle.join(" → "));
    }
}

/// The graph of core's folders and loose modules (`mine`, `library`, `text`): an edge
/// when any file of one names any file of the other.
fn folder_graph(g: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split("::").next().unwrap_or(m).to_string();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, deps) in g {
        let entry = out.entry(top(m)).or_default();
        entry.extend(deps.iter().map(|d| top(d)).filter(|d| *d != top(m)));
    }
    out
}

#[test]
fn core_folders_depend_on_each_other_without_cycles() {
    // Stricter than files: `library` using a helper of `mine` while `mine` builds a
    // `library` is a tangle even when no single file closes the loop.
    let g = folder_graph(&graph());
    assert!(g["check"].contains("draft"), "{:?}", g["check"]);
    if let Some(cycle) = find_cycle(&g) {
        panic!("core folder cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
}

#[test]
fn core_never_reaches_for_the_ui_or_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut known = BTreeMap::new();
    modules(&root, "", &mut known);
    for p in known.values() {
        let src = std::fs::read_to_string(p).unwrap();
        for banned in [
            "egui",
            "eframe",
            "clap::",
            "crate::app",
            "crate::cli",
            "rfd::",
        ] {
            assert!(!src.contains(banned), "{} mentions {banned}", p.display());
        }
    }
}
