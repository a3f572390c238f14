//! Importing folders of speeches into a library folder, at the size of a writer's whole
//! archive. Files are read, parsed and mined in a pipeline (each worker takes the next run
//! of files; parsed speeches are dropped once mined), so memory holds the library, not the
//! corpus. A file whose content hash is the one recorded at the last import is not read
//! further: the library keeps what it gave. Files gone from a folder imported before leave
//! the library. The changed library files are written as one durable batch, then the
//! index (`library_store`).

pub mod read;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::core::import::read::{FileDone, Input, Namer, Outcome, read_one};
use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::dedupe::Prior;
use crate::core::library::store::{self, SourceRecord};
use crate::core::library::update::{UpdateMode, broken_library, replace_sources};
use crate::core::library::{Library, PHRASE_FILE};
use crate::core::mine::stream::{Joined, Piece, mine_piece};

/// Files a worker takes at a time.
const RUN: usize = 8;

/// With `JIANGGAO_TIMING` set, the time each stage took goes to stderr (for measuring).
fn timing(stage: &str, since: &mut std::time::Instant) {
    if std::env::var_os("JIANGGAO_TIMING").is_some() {
        eprintln!("{stage}: {:.2} s", since.elapsed().as_secs_f64());
    }
    *since = std::time::Instant::now();
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
    /// The library as written (duplicates not folded).
    pub library: Library,
    /// Templates folded into another as duplicates.
    pub duplicates: usize,
    /// Templates and phrases mined this time (before joining the library).
    pub mined_templates: usize,
    pub mined_phrases: usize,
    pub cancelled: bool,
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

/// Shared state of the workers: the next run to take, and the naming turn.
struct Shared<'a> {
    inputs: &'a [Input],
    old: HashMap<(&'a str, &'a str), &'a SourceRecord>,
    next: AtomicUsize,
    turn: Mutex<(usize, Namer)>,
    turn_cv: Condvar,
    cancel: &'a AtomicBool,
    lex: &'a TopicLexicon,
}

/// One worker: takes runs of files until none is left; reads and parses them, names
/// their speeches in its turn (file order), mines them and sends the piece on.
fn worker(s: &Shared, tx: &mpsc::Sender<(usize, Piece, Vec<FileDone>)>) {
    let runs = s.inputs.len().div_ceil(RUN);
    loop {
        let r = s.next.fetch_add(1, Ordering::Relaxed);
        if r >= runs {
            return;
        }
        let first = r * RUN;
        let run = &s.inputs[first..(first + RUN).min(s.inputs.len())];
        let results: Vec<(u128, Outcome)> = run
            .iter()
            .map(|i| {
                let old = s.old.get(&(i.root.as_str(), i.name.as_str())).copied();
                let read = || read_one(i, old, s.cancel.load(Ordering::Relaxed));
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
                    (0, Outcome::Failed("读取或解析时出现内部错误".to_string()))
                })
            })
            .collect();
        let mut done = Vec::new();
        let sources = {
            let mut turn = s.turn.lock().unwrap_or_else(|e| e.into_inner());
            while turn.0 != r {
                turn = s.turn_cv.wait(turn).unwrap_or_else(|e| e.into_inner());
            }
            let sources = turn.1.take(first, s.inputs, results, &mut done);
            turn.0 += 1;
            s.turn_cv.notify_all();
            sources
        };
        let piece = mine_piece(&sources, s.lex);
        drop(sources);
        if tx.send((r, piece, done)).is_err() {
            return;
        }
    }
}

/// Reads and mines `inputs` in a pipeline; `progress(done, total)` after each run.
fn mine_inputs(
    inputs: &[Input],
    records: &[SourceRecord],
    lex: &TopicLexicon,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> (Library, Vec<FileDone>) {
    let shared = Shared {
        inputs,
        old: records
            .iter()
            .map(|r| ((r.root.as_str(), r.name.as_str()), r))
            .collect(),
        next: AtomicUsize::new(0),
        turn: Mutex::new((0, Namer::default())),
        turn_cv: Condvar::new(),
        cancel,
        lex,
    };
    let threads = crate::core::mine::workers(inputs.len().div_ceil(RUN));
    let mut joined = Joined::default();
    let mut files = Vec::with_capacity(inputs.len());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..threads {
            let tx = tx.clone();
            let shared = &shared;
            scope.spawn(move || worker(shared, &tx));
        }
        drop(tx);
        // Pieces arrive as they finish and join in run order.
        let mut waiting: BTreeMap<usize, (Piece, Vec<FileDone>)> = BTreeMap::new();
        let mut next = 0;
        for (r, piece, done) in rx {
            waiting.insert(r, (piece, done));
            while let Some((piece, done)) = waiting.remove(&next) {
                joined.push(piece);
                files.extend(done);
                next += 1;
                progress((next * RUN).min(inputs.len()), inputs.len());
            }
        }
    });
    (joined.finish(lex), files)
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
    let had_library = !crate::core::library::update::ron_files(dest).is_empty();
    let (stored, errors) = if had_library {
        store::load_stored(dest)
    } else {
        Default::default()
    };
    if !errors.is_empty() {
        return Err(broken_library(dest, &errors));
    }
    timing("读取已有模板库", &mut clock);
    let mut report = ImportReport::default();
    let inputs = inputs(roots, &mut report.skipped);
    report.files = inputs.len();
    let (new, files) = mine_inputs(&inputs, &stored.records, lex, cancel, &mut progress);
    timing("读取、解析、提炼", &mut clock);
    if cancel.load(Ordering::Relaxed) {
        report.cancelled = true;
        return Ok(report);
    }
    let records = new_records(&inputs, &files, &stored.records, mode);
    for f in &files {
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
    if report.read == 0 {
        return Ok(report);
    }
    let changed: HashSet<&str> = new
        .templates
        .iter()
        .map(|t| t.source.file.as_str())
        .collect();
    let changed: HashSet<String> = changed.into_iter().map(str::to_string).collect();
    let (drop, replaced) = dropped_sources(&stored, &inputs, &files, mode);
    report.replaced_sources = replaced;
    // Nothing read anew, nothing gone, and the index up to date: nothing to write.
    let unchanged = drop.is_empty() && stored.reps.is_some() && records == stored.records;
    if unchanged {
        report.library = stored.library;
        return Ok(report);
    }
    report.mined_templates = new.templates.len();
    report.mined_phrases = new.phrases.len();
    let prior = prior_decisions(&stored, &drop);
    let library = replace_sources(stored.library, new, &drop, mode == UpdateMode::Merge);
    timing("合并", &mut clock);
    let index = Index {
        records: &records,
        prior: &prior,
    };
    write(dest, &library, &changed, had_library, &index, &mut report)?;
    report.library = library;
    Ok(report)
}

/// What the index of the new library starts from: the records, and the de-duplication
/// decisions of the templates kept from the old library.
struct Index<'a> {
    records: &'a [SourceRecord],
    prior: &'a [Option<Prior>],
}

/// The old templates' de-duplication decisions, numbered as they will be once the
/// templates of `drop` are gone (the rest keep their order and come first). A template
/// whose representative goes is decided again.
fn prior_decisions(stored: &store::Stored, drop: &HashSet<String>) -> Vec<Option<Prior>> {
    let (Some(reps), Some(marks)) = (&stored.reps, &stored.marks) else {
        return Vec::new();
    };
    let templates = &stored.library.templates;
    let mut at: Vec<Option<u32>> = Vec::with_capacity(templates.len());
    let mut n = 0u32;
    for t in templates {
        if drop.contains(&t.source.file) {
            at.push(None);
        } else {
            at.push(Some(n));
            n += 1;
        }
    }
    templates
        .iter()
        .enumerate()
        .filter(|(i, _)| at[*i].is_some())
        .map(|(i, _)| {
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
    let mut old: HashSet<String> = stored
        .library
        .templates
        .iter()
        .map(|t| t.source.file.clone())
        .collect();
    for p in &stored.library.phrases {
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

/// Writes the library files of the changed sources and the phrases as one batch, removes
/// the files of sources no longer in the library, then writes the index.
fn write(
    dest: &Path,
    library: &Library,
    changed: &HashSet<String>,
    had_library: bool,
    index: &Index,
    report: &mut ImportReport,
) -> Result<(), String> {
    let mut clock = std::time::Instant::now();
    let by_source = library.by_source();
    let wanted: HashSet<String> = by_source
        .keys()
        .map(|f| format!("{}.ron", crate::core::library::files::stem(f)))
        .collect();
    let to_write: Vec<(&str, Vec<&crate::core::library::Template>)> = by_source
        .into_iter()
        .filter(|(f, _)| !had_library || changed.contains(*f))
        .collect();
    // Each worker serialises and writes its share at once: the RON text of a whole
    // archive is never held in memory.
    let batch = crate::core::fs_batch::Batch::new(dest)?;
    let results = crate::core::mine::par_chunks(&to_write, |run, _| {
        run.iter().try_for_each(|(f, ts)| {
            let (name, text) = crate::core::library::files::source_file(f, ts)?;
            batch.put(&name, text.as_bytes())
        })
    });
    results.into_iter().collect::<Result<(), String>>()?;
    let (name, text) = crate::core::library::files::phrase_file(&library.phrases)?;
    batch.put(&name, text.as_bytes())?;
    drop(text);
    let remove: Vec<String> = crate::core::library::update::ron_files(dest)
        .into_iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| n != PHRASE_FILE && !wanted.contains(n))
        .collect();
    timing("写入模板库文件", &mut clock);
    let written = batch.commit(&remove)?;
    timing("同步并替换文件", &mut clock);
    report.written = written.len();
    report.removed = remove.iter().map(|n| dest.join(n)).collect();
    let (reps, marks) = crate::core::library::dedupe::dedupe(&library.templates, index.prior);
    report.duplicates = reps
        .iter()
        .enumerate()
        .filter(|(i, r)| **r != *i as u32)
        .count();
    timing("查找重复模板", &mut clock);
    store::save_index(dest, index.records, library, &reps, &marks)?;
    timing("写入索引", &mut clock);
    Ok(())
}
