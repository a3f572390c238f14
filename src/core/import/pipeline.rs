//! Reading, parsing and mining in a pipeline. Each worker takes the next run of files,
//! reads and parses them, names their speeches in its turn (file order), mines them, and
//! at once writes each source's RON file and encodes its templates for the index; the
//! receiving thread appends those to the index in run order. Parsed speeches and template
//! bodies are dropped as soon as they are written, so memory holds the phrases and a
//! compact record per template (its signature for de-duplication), not the library.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::core::fs_batch::Batch;
use crate::core::import::read::{FileDone, Input, Namer, Outcome, read_one};
use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::dedupe::{Sig, signature};
use crate::core::library::index_file::{Entry, IndexWriter};
use crate::core::library::store::SourceRecord;
use crate::core::library::{Phrase, Template, TemplateKind};
use crate::core::mine::stream::{Joined, mine_piece};

/// Files a worker takes at a time.
const RUN: usize = 8;

/// A template as it leaves a worker: written to its RON file, encoded for the index.
struct Mined {
    file: String,
    kind: TemplateKind,
    bytes: Vec<u8>,
    sig: Sig,
}

/// What the pipeline gives: the new templates in the index (entries and signatures, in
/// source order), the phrases merged over all pieces, and each file's outcome.
pub struct Output {
    pub entries: Vec<Entry>,
    pub sigs: Vec<Sig>,
    pub phrases: Vec<Phrase>,
    pub files: Vec<FileDone>,
}

/// Shared state of the workers: the next run to take, and the naming turn.
struct Shared<'a> {
    inputs: &'a [Input],
    old: HashMap<(&'a str, &'a str), &'a SourceRecord>,
    next: AtomicUsize,
    turn: Mutex<(usize, Namer)>,
    turn_cv: Condvar,
    cancel: &'a AtomicBool,
    /// Set when a worker failed to write: the others stop.
    failed: AtomicBool,
    lex: &'a TopicLexicon,
    batch: &'a Batch,
}

type Sent = (
    usize,
    crate::core::mine::stream::Piece,
    Result<Vec<Mined>, String>,
    Vec<FileDone>,
);

/// Writes the RON file of each source of `templates` (a source's templates are
/// contiguous) and encodes each template for the index.
fn write_out(templates: Vec<Template>, batch: &Batch) -> Result<Vec<Mined>, String> {
    let mut from = 0;
    while from < templates.len() {
        let file = &templates[from].source.file;
        let to = from
            + templates[from..]
                .iter()
                .take_while(|t| &t.source.file == file)
                .count();
        let refs: Vec<&Template> = templates[from..to].iter().collect();
        let (name, text) = crate::core::library::files::source_file(file, &refs)?;
        batch.put(&name, text.as_bytes())?;
        from = to;
    }
    templates
        .into_iter()
        .map(|t| {
            let bytes = postcard::to_stdvec(&t).map_err(|e| e.to_string())?;
            Ok(Mined {
                sig: signature(&t),
                kind: t.kind,
                bytes,
                file: t.source.file,
            })
        })
        .collect()
}

/// One worker: takes runs of files until none is left.
fn worker(s: &Shared, tx: &mpsc::Sender<Sent>) {
    let runs = s.inputs.len().div_ceil(RUN);
    loop {
        let r = s.next.fetch_add(1, Ordering::Relaxed);
        if r >= runs || s.failed.load(Ordering::Relaxed) {
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
        let mut piece = mine_piece(&sources, s.lex);
        drop(sources);
        let mined = write_out(piece.take_templates(), s.batch);
        if mined.is_err() {
            s.failed.store(true, Ordering::Relaxed);
        }
        if tx.send((r, piece, mined, done)).is_err() {
            return;
        }
    }
}

/// Reads and mines `inputs`, writing RON files into `batch` and templates into `index`;
/// `progress(done, total)` after each run.
pub fn mine_inputs(
    inputs: &[Input],
    records: &[SourceRecord],
    lex: &TopicLexicon,
    cancel: &AtomicBool,
    (batch, index): (&Batch, &mut IndexWriter),
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Output, String> {
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
        failed: AtomicBool::new(false),
        lex,
        batch,
    };
    let threads = crate::core::parallel::workers(inputs.len().div_ceil(RUN));
    let mut joined = Joined::default();
    let mut out = Output {
        entries: Vec::new(),
        sigs: Vec::new(),
        phrases: Vec::new(),
        files: Vec::with_capacity(inputs.len()),
    };
    let mut error: Option<String> = None;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..threads {
            let tx = tx.clone();
            let shared = &shared;
            scope.spawn(move || worker(shared, &tx));
        }
        drop(tx);
        // Pieces arrive as they finish and join in run order.
        let mut waiting: BTreeMap<usize, (_, _, _)> = BTreeMap::new();
        let mut next = 0;
        for (r, piece, mined, done) in rx {
            waiting.insert(r, (piece, mined, done));
            while let Some((piece, mined, done)) = waiting.remove(&next) {
                joined.push(piece);
                out.files.extend(done);
                next += 1;
                progress((next * RUN).min(inputs.len()), inputs.len());
                if error.is_some() {
                    continue;
                }
                let appended = mined.and_then(|ms| {
                    ms.into_iter().try_for_each(|m| {
                        out.entries
                            .push(index.put_bytes(&m.file, m.kind, &m.bytes)?);
                        out.sigs.push(m.sig);
                        Ok(())
                    })
                });
                if let Err(e) = appended {
                    shared.failed.store(true, Ordering::Relaxed);
                    error = Some(e);
                }
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    if !cancel.load(Ordering::Relaxed) {
        out.phrases = joined.finish(lex).phrases;
    }
    Ok(out)
}
