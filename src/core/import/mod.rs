//! Importing folders of speeches into a library folder, at the size of a writer's whole
//! archive. Files are read, parsed and mined in a pipeline (`import_pipeline`) that writes
//! each source's RON file and its templates into the new index as they come, so memory
//! holds the phrases and a compact record per template, never the library's templates.
//! A file whose content hash is the one recorded at the last import is not read further:
//! the library keeps what it gave, copied from the old index without decoding. Files gone
//! from a folder imported before leave the library. The RON files are made durable as
//! one batch, then the index is completed and renamed into place.

pub mod pipeline;
pub mod read;
pub mod stale;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::core::import::read::{FileDone, Input};
use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::dedupe::{Prior, Sig};
use crate::core::library::index_file::{Entry, Header, IndexWriter};
use crate::core::library::store::{self, SourceRecord};
use crate::core::library::update::{UpdateMode, broken_library, replace_sources};
use crate::core::library::{LIBRARY_VERSION, Library, PHRASE_FILE, PhraseKind, TemplateKind};

/// With `JIANGGAO_TIMING` set, the time each stage took goes to stderr (for measuring).
fn timing(stage: &str, since: &mut std::time::Instant) {
    if std::env::var_os("JIANGGAO_TIMING").is_some() {
        eprintln!("{stage}: {:.2} s", since.elapsed().as_secs_f64());
    }
    *since = std::time::Instant::now();
}

/// Templates and phrases of a library, by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub templates: std::collections::BTreeMap<TemplateKind, usize>,
    pub phrases: std::collections::BTreeMap<PhraseKind, usize>,
}

impl Counts {
    pub fn count(&self, kind: TemplateKind) -> usize {
        self.templates.get(&kind).copied().unwrap_or(0)
    }

    pub fn phrase_count(&self, kind: PhraseKind) -> usize {
        self.phrases.get(&kind).copied().unwrap_or(0)
    }

    fn of(
        kinds: impl Iterator<Item = TemplateKind>,
        phrases: &[crate::core::library::Phrase],
    ) -> Counts {
        let mut c = Counts::default();
        for k in kinds {
            *c.templates.entry(k).or_default() += 1;
        }
        for p in phrases {
            *c.phrases.entry(p.kind).or_default() += 1;
        }
        c
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Speech files found.
    pub files: usize,
    /// Speeches the inputs give the library (mined now or kept from last time).
    pub read: usize,
    /// Speeches mined this time.
    pub mined: usize,
    /// Files whose content had not changed since the last import.
    pub unchanged_files: usize,
    pub skipped: Vec<(PathBuf, String)>,
    /// Sources the library held before whose material was replaced or removed.
    pub replaced_sources: usize,
    /// Library files written and removed.
    pub written: usize,
    pub removed: Vec<PathBuf>,
    /// The library as written (duplicates not folded), by kind.
    pub counts: Counts,
    /// Templates folded into another as duplicates.
    pub duplicates: usize,
    /// Templates and phrases mined this time (before joining the library).
    pub mined_templates: usize,
    pub mined_phrases: usize,
    pub cancelled: bool,
    /// Temporary files of interrupted imports removed before this one.
    pub stale_removed: usize,
}

/// Speech files under `roots`, with their roots and library names.
fn inputs(roots: &[PathBuf], skipped: &mut Vec<(PathBuf, String)>) -> Vec<Input> {
    let mut out = Vec::new();
    for root in roots {
        if !root.exists() {
            skipped.push((root.clone(), "文件或文件夹不存在".to_string()));
            continue;
        }
        let key = std::fs::canonicalize(root)
            .unwrap_or_else(|_| root.clone())
            .display()
            .to_string();
        for f in crate::core::parse::read::collect_inputs(std::slice::from_ref(root)) {
            out.push(Input {
                root: key.clone(),
                name: crate::core::mine::library_name(root, &f),
                path: f,
            });
        }
    }
    out
}

/// Imports the speech files under `roots` into the library folder `dest`. A folder
/// holding a file that does not load is refused before anything is read or written.
pub fn import(
    roots: &[PathBuf],
    dest: &Path,
    mode: UpdateMode,
    lex: &TopicLexicon,
    cancel: &AtomicBool,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport, String> {
    let mut clock = std::time::Instant::now();
    let mut report = ImportReport {
        stale_removed: stale::remove_stale_tmp(dest),
        ..Default::default()
    };
    let had_library = !crate::core::library::update::ron_files(dest).is_empty();
    let (mut stored, errors) = if had_library {
        store::load_stored(dest)
    } else {
        Default::default()
    };
    if !errors.is_empty() {
        return Err(broken_library(dest, &errors));
    }
    timing("读取已有模板库", &mut clock);
    let inputs = inputs(roots, &mut report.skipped);
    report.files = inputs.len();
    let batch = crate::core::fs_batch::Batch::new(dest)?;
    let mut index = IndexWriter::create(dest)?;
    let out = pipeline::mine_inputs(
        &inputs,
        &stored.records,
        lex,
        cancel,
        (&batch, &mut index),
        &mut progress,
    )?;
    timing("读取、解析、提炼", &mut clock);
    if cancel.load(Ordering::Relaxed) {
        report.cancelled = true;
        return Ok(report);
    }
    let records = new_records(&inputs, &out.files, &stored.records, mode);
    tally(&mut report, &inputs, &out.files);
    if report.read == 0 {
        return Ok(report);
    }
    let (drop, replaced) = dropped_sources(&stored, &inputs, &out.files, mode);
    report.replaced_sources = replaced;
    // Nothing read anew, nothing gone, and the index up to date: nothing to write.
    let unchanged = drop.is_empty() && stored.reps.is_some() && records == stored.records;
    if unchanged {
        let kinds = (0..stored.templates.len()).map(|i| stored.templates.kind(i));
        report.counts = Counts::of(kinds, &stored.phrases);
        return Ok(report);
    }
    report.mined_templates = out.entries.len();
    report.mined_phrases = out.phrases.len();
    let prior = prior_decisions(&stored, &drop);
    let old = Library {
        templates: Vec::new(),
        phrases: std::mem::take(&mut stored.phrases),
    };
    let new = Library {
        templates: Vec::new(),
        phrases: out.phrases,
    };
    let phrases = replace_sources(old, new, &drop, mode == UpdateMode::Merge).phrases;
    // The library's order: the templates kept, in their order, then the new ones.
    let kept: Vec<bool> = (0..stored.templates.len())
        .map(|i| !drop.contains(stored.templates.file(i)))
        .collect();
    let mut entries = stored.templates.copy_kept(|i| kept[i], &mut index)?;
    entries.reserve(out.entries.len());
    let kept = entries.len();
    entries.extend(out.entries);
    timing("合并", &mut clock);
    let next = Next {
        records,
        entries,
        phrases,
        kept,
    };
    write(dest, next, (batch, index), (&prior, out.sigs), &mut report)?;
    Ok(report)
}

/// Counts what the pipeline read, mined, left unchanged or could not read.
fn tally(report: &mut ImportReport, inputs: &[Input], files: &[FileDone]) {
    for f in files {
        if let Some(why) = &f.failed {
            report
                .skipped
                .push((inputs[f.index].path.clone(), why.clone()));
        }
        report.read += f.sources.len();
        if f.mined {
            report.mined += f.sources.len();
        } else if f.failed.is_none() {
            report.unchanged_files += 1;
        }
    }
}

/// The library after an import, its templates in the new index.
struct Next {
    records: Vec<SourceRecord>,
    entries: Vec<Entry>,
    phrases: Vec<crate::core::library::Phrase>,
    /// Templates kept from the old library (they come first).
    kept: usize,
}

/// The old templates' de-duplication decisions, numbered as they will be once the
/// templates of `drop` are gone (the rest keep their order and come first). A template
/// whose representative goes is decided again.
fn prior_decisions(stored: &store::Stored, drop: &HashSet<String>) -> Vec<Option<Prior>> {
    let (Some(reps), Some(marks)) = (&stored.reps, &stored.marks) else {
        return Vec::new();
    };
    let old = &stored.templates;
    let mut at: Vec<Option<u32>> = Vec::with_capacity(old.len());
    let mut n = 0u32;
    for i in 0..old.len() {
        if drop.contains(old.file(i)) {
            at.push(None);
        } else {
            at.push(Some(n));
            n += 1;
        }
    }
    (0..old.len())
        .filter(|i| at[*i].is_some())
        .map(|i| {
            let rep = at.get(*reps.get(i)? as usize).copied().flatten()?;
            Some(Prior {
                rep,
                mark: marks.get(i)?.clone(),
            })
        })
        .collect()
}

/// Sources whose old material goes — those of files mined again or gone from a folder
/// imported now (Merge), or all but those of unchanged files (Replace) — and how many of
/// them the library held.
fn dropped_sources(
    stored: &store::Stored,
    inputs: &[Input],
    files: &[FileDone],
    mode: UpdateMode,
) -> (HashSet<String>, usize) {
    let kept: HashSet<&str> = files
        .iter()
        .filter(|f| !f.mined && f.failed.is_none())
        .flat_map(|f| f.sources.iter().map(String::as_str))
        .collect();
    let mut old: HashSet<String> = (0..stored.templates.len())
        .map(|i| stored.templates.file(i).to_string())
        .collect();
    for p in &stored.phrases {
        old.extend(p.sources.iter().map(|s| s.file.clone()));
    }
    let mined: HashSet<(&str, &str)> = files
        .iter()
        .filter(|f| f.mined)
        .map(|f| (inputs[f.index].root.as_str(), inputs[f.index].name.as_str()))
        .collect();
    match mode {
        UpdateMode::Replace => old.retain(|s| !kept.contains(s.as_str())),
        UpdateMode::Merge => {
            let present: HashSet<(&str, &str)> = inputs
                .iter()
                .map(|i| (i.root.as_str(), i.name.as_str()))
                .collect();
            let roots: HashSet<&str> = inputs.iter().map(|i| i.root.as_str()).collect();
            let mut drop: HashSet<&str> = files
                .iter()
                .filter(|f| f.mined)
                .flat_map(|f| f.sources.iter().map(String::as_str))
                .collect();
            // Files mined again, and files read before from a folder read now that are
            // no longer there.
            for r in &stored.records {
                let key = (r.root.as_str(), r.name.as_str());
                if mined.contains(&key) || (roots.contains(key.0) && !present.contains(&key)) {
                    drop.extend(r.sources.iter().map(String::as_str));
                }
            }
            old.retain(|s| drop.contains(s.as_str()));
        }
    }
    let replaced = old.len();
    old.extend(
        files
            .iter()
            .filter(|f| f.mined)
            .flat_map(|f| f.sources.iter().cloned()),
    );
    (old, replaced)
}

/// The records after this import: one per file read now (failed files keep none), and
/// in Merge mode those of other folders.
fn new_records(
    inputs: &[Input],
    files: &[FileDone],
    old: &[SourceRecord],
    mode: UpdateMode,
) -> Vec<SourceRecord> {
    let roots: HashSet<&str> = inputs.iter().map(|i| i.root.as_str()).collect();
    let mut out: Vec<SourceRecord> = match mode {
        UpdateMode::Merge => old
            .iter()
            .filter(|r| !roots.contains(r.root.as_str()))
            .cloned()
            .collect(),
        UpdateMode::Replace => Vec::new(),
    };
    out.extend(files.iter().filter(|f| f.failed.is_none()).map(|f| {
        let i = &inputs[f.index];
        SourceRecord {
            root: i.root.clone(),
            name: i.name.clone(),
            hash: f.hash,
            sources: f.sources.clone(),
        }
    }));
    out
}

/// De-duplicates the templates, writes the phrase file and makes the batch of RON files
/// durable (removing the files of sources no longer in the library), then completes the
/// index.
fn write(
    dest: &Path,
    next: Next,
    (batch, mut index): (crate::core::fs_batch::Batch, IndexWriter),
    (prior, sigs): (&[Option<Prior>], Vec<Sig>),
    report: &mut ImportReport,
) -> Result<(), String> {
    let mut clock = std::time::Instant::now();
    let kinds: Vec<TemplateKind> = next.entries.iter().map(|e| e.kind).collect();
    let mut all_sigs: Vec<Option<Sig>> = (0..next.kept).map(|_| None).collect();
    all_sigs.extend(sigs.into_iter().map(Some));
    let mut reader = index.reader()?;
    let (reps, marks) =
        crate::core::library::dedupe::dedupe_with(&kinds, prior, all_sigs, &mut |i| {
            reader.template(&next.entries[i]).ok()
        });
    drop(reader);
    report.duplicates = reps
        .iter()
        .enumerate()
        .filter(|(i, r)| **r != *i as u32)
        .count();
    timing("查找重复模板", &mut clock);
    let (name, text) = crate::core::library::files::phrase_file(&next.phrases)?;
    batch.put(&name, text.as_bytes())?;
    drop(text);
    timing("写出提法文件", &mut clock);
    let wanted: HashSet<String> = next
        .entries
        .iter()
        .map(|e| {
            format!(
                "{}.ron",
                crate::core::library::files::stem(index.file_of(e))
            )
        })
        .collect();
    let remove: Vec<String> = crate::core::library::update::ron_files(dest)
        .into_iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| n != PHRASE_FILE && !wanted.contains(n))
        .collect();
    let written = batch.commit(&remove)?;
    timing("同步并替换文件", &mut clock);
    report.written = written.len();
    report.removed = remove.iter().map(|n| dest.join(n)).collect();
    report.counts = Counts::of(kinds.into_iter(), &next.phrases);
    index.finish(Header {
        library_version: LIBRARY_VERSION,
        stamps: store::stamps(dest),
        records: next.records,
        files: Vec::new(),
        entries: next.entries,
        phrases: next.phrases,
        reps,
        marks,
    })?;
    timing("写入索引", &mut clock);
    Ok(())
}
