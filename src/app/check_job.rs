//! The pre-delivery check as a background job, never on the UI thread. It starts once the
//! draft has stayed the same for a typing pause; each answer carries the key it was
//! computed for (draft revision, library generation, speaking rate) and an answer for an
//! older key is dropped. The dated lexicon is read once, by the first job, and shared;
//! the library's shingle index is made once per library generation, by the first job
//! that needs it, and shared by the jobs after it.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::worker::{Job, Msg, Workers};
use crate::core::check::finding::{Finding, FindingKind, Severity};
use crate::core::check::source::ShingleIndex;
use crate::core::check::{self, Settings};
use crate::core::draft::{BlockId, Draft};
use crate::core::lexicon::dated::Formulations;
use crate::core::library::Library;

/// What a set of findings answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckKey {
    pub rev: u64,
    pub library: u64,
    pub rate: u32,
}

/// The check itself (`run_check`); a test puts in one that fails.
pub type Checker = fn(&Draft, &Library, &ShingleIndex, &Formulations, &Settings) -> Vec<Finding>;

pub fn run_check(
    d: &Draft,
    lib: &Library,
    index: &ShingleIndex,
    forms: &Formulations,
    s: &Settings,
) -> Vec<Finding> {
    check::check_draft_indexed(d, Some((lib, index)), forms, s)
}

/// What a job needs, taken from the app when it starts (the draft as committed text).
pub struct CheckInput {
    pub draft: Draft,
    pub library: Arc<Library>,
    pub settings: Settings,
    pub data_dir: PathBuf,
}

/// A job's answer.
pub struct CheckResult {
    pub key: CheckKey,
    pub findings: Vec<Finding>,
    /// Block ids by index in the draft checked (a finding's place is a block index).
    pub ids: Vec<BlockId>,
    /// The user's dated lexicon did not load (said once, by the job that read it).
    pub lexicon_error: Option<String>,
}

/// The findings on show: those of the last answer accepted.
#[derive(Default)]
pub struct Shown {
    pub findings: Vec<Finding>,
    pub ids: Vec<BlockId>,
    /// Errors, warnings and notes, counted once per answer.
    pub counts: [usize; 3],
    /// The rows of the panel: a finding's index, and how many findings the row stands
    /// for (the same carried-over name found nine times is one row).
    pub rows: Vec<(usize, usize)>,
    pub key: Option<CheckKey>,
}

type Lexicon = Arc<OnceLock<(Formulations, Option<String>)>>;

/// The shingle index of one library, made by the first job that runs on it.
type Index = Arc<OnceLock<ShingleIndex>>;

/// Scheduling of check jobs: the debounce clock, the job in flight, the last failure.
pub struct CheckJobs {
    checker: Checker,
    lexicon: Lexicon,
    /// The index for the library of this generation.
    index: Option<(u64, Index)>,
    /// The key of the latest frame and since when it has held.
    since: Option<(CheckKey, f64)>,
    /// The key of the job running or last run; a failed key is not retried until the
    /// draft changes.
    requested: Option<CheckKey>,
    running: bool,
    pub failure: Option<String>,
}

impl Default for CheckJobs {
    fn default() -> Self {
        CheckJobs {
            checker: run_check,
            lexicon: Arc::default(),
            index: None,
            since: None,
            requested: None,
            running: false,
            failure: None,
        }
    }
}

impl CheckJobs {
    pub fn set_checker(&mut self, c: Checker) {
        self.checker = c;
    }

    /// Notes this frame's key and, when `run` and the key has held for `debounce`
    /// seconds, starts a job with `input()`. True while a job is due later (the caller
    /// asks for a repaint then).
    pub fn tick(
        &mut self,
        key: CheckKey,
        run: bool,
        now: f64,
        debounce: f64,
        workers: &Workers,
        input: impl FnOnce() -> CheckInput,
    ) -> bool {
        let since = match self.since {
            Some((k, t)) if k == key => t,
            _ => {
                self.since = Some((key, now));
                now
            }
        };
        if !run || self.running || self.requested == Some(key) {
            return false;
        }
        if now - since < debounce {
            return true;
        }
        self.requested = Some(key);
        self.running = true;
        self.failure = None;
        let input = input();
        // A new library generation gets a new index; the old one goes with the last job
        // holding it.
        if self.index.as_ref().is_none_or(|(g, _)| *g != key.library) {
            self.index = Some((key.library, Index::default()));
        }
        let index = self
            .index
            .as_ref()
            .map(|(_, i)| i.clone())
            .unwrap_or_default();
        let (checker, lexicon) = (self.checker, self.lexicon.clone());
        workers.run_reply(Job::Check, move || {
            Msg::Checked(Box::new(check_job(key, input, checker, &lexicon, &index)))
        });
        false
    }

    /// Takes an answer: it is kept only if it answers for `current`.
    pub fn receive(&mut self, r: CheckResult, current: CheckKey, shown: &mut Shown) {
        if self.requested == Some(r.key) {
            self.running = false;
        }
        if r.key != current {
            return;
        }
        let n = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
        shown.counts = [n(Severity::Error), n(Severity::Warning), n(Severity::Info)];
        shown.rows = rows(&r.findings);
        shown.findings = r.findings;
        shown.ids = r.ids;
        shown.key = Some(r.key);
    }

    /// The job stopped with a panic: the panel says so and waits for the next change.
    pub fn failed(&mut self, message: String) {
        self.running = false;
        self.failure = Some(message);
    }

    pub fn busy(&self) -> bool {
        self.running
    }
}

fn check_job(
    key: CheckKey,
    i: CheckInput,
    checker: Checker,
    lexicon: &Lexicon,
    index: &Index,
) -> CheckResult {
    let mut fresh = None;
    let (forms, _) = lexicon.get_or_init(|| {
        let (f, e) = Formulations::user_or_builtin(&i.data_dir);
        fresh = e.clone();
        (f, e)
    });
    let index = index.get_or_init(|| ShingleIndex::new(&i.library));
    let findings = checker(&i.draft, &i.library, index, forms, &i.settings);
    CheckResult {
        key,
        findings,
        ids: i.draft.blocks.iter().map(|b| b.id).collect(),
        lexicon_error: fresh,
    }
}

/// The check's settings for a draft: its date (or today's), an hour at the writer's rate.
pub fn settings(d: &Draft, rate: u32) -> Settings {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    Settings {
        max_chars: 60 * rate as usize,
        rate: rate as usize,
        ..Settings::for_draft(d, &today)
    }
}

/// One row per finding, except that the occurrences of one carried-over text said the
/// same way share the row of the first (the writer changes a name once, everywhere, not
/// nine times; 市委 as the source's own and 市委 in 中央、省委、市委 stay apart).
pub fn rows(findings: &[Finding]) -> Vec<(usize, usize)> {
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut carried: rustc_hash::FxHashMap<(&str, &str), usize> = Default::default();
    for (i, f) in findings.iter().enumerate() {
        if f.kind == FindingKind::CarriedOver {
            let key = (f.text.as_str(), f.message.as_str());
            if let Some(&r) = carried.get(&key) {
                rows[r].1 += 1;
                continue;
            }
            carried.insert(key, rows.len());
        }
        rows.push((i, 1));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(rev: u64) -> CheckKey {
        CheckKey {
            rev,
            library: 1,
            rate: 200,
        }
    }

    fn input(dir: &std::path::Path, body: &str) -> CheckInput {
        let mut d = Draft::default();
        let id = d.insert_blank(crate::core::draft::BlockKind::Opening, None);
        d.apply(crate::core::draft::edit::Edit::SetText {
            block: id,
            field: crate::core::draft::Field::Body,
            text: body.into(),
        });
        CheckInput {
            settings: settings(&d, 200),
            draft: d,
            library: Arc::default(),
            data_dir: dir.to_path_buf(),
        }
    }

    fn answer(w: &Workers) -> CheckResult {
        match w.rx.try_recv() {
            Ok(Msg::Checked(r)) => *r,
            _ => panic!("no check answer"),
        }
    }

    /// A job waits for the pause, an answer for an older revision is dropped, and a
    /// user's broken lexicon is read (and reported) once, by the first job.
    #[test]
    fn debounced_keyed_by_revision_lexicon_read_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("formulations.ron"), "(formulations: [").unwrap();
        let w = Workers::new(egui::Context::default(), true);
        let mut jobs = CheckJobs::default();
        let mut shown = Shown::default();
        let body = "要学习党的十九大精神。";
        let i = || input(dir.path(), body);
        assert!(
            jobs.tick(key(1), true, 0.0, 0.3, &w, i),
            "due after the pause"
        );
        assert!(w.rx.try_recv().is_err(), "nothing runs while typing");
        assert!(!jobs.tick(key(1), true, 0.31, 0.3, &w, i));
        let first = answer(&w);
        assert!(first.lexicon_error.is_some());
        // The writer typed meanwhile: the answer is for an older revision.
        jobs.receive(first, key(2), &mut shown);
        assert!(shown.key.is_none() && !jobs.busy());
        assert!(jobs.tick(key(2), true, 0.31, 0.3, &w, i));
        assert!(!jobs.tick(key(2), true, 0.7, 0.3, &w, i));
        let second = answer(&w);
        assert!(
            second.lexicon_error.is_none(),
            "the lexicon is not read again"
        );
        jobs.receive(second, key(2), &mut shown);
        assert_eq!(shown.key, Some(key(2)));
        assert!(shown.findings.iter().any(|f| f.text == "党的十九大精神"));
        // Nothing changed: no new job.
        assert!(!jobs.tick(key(2), true, 5.0, 0.3, &w, i));
        assert!(w.rx.try_recv().is_err());
    }

    /// The index each run of `recording_check` was given: its address and size.
    static SEEN: std::sync::Mutex<Vec<(usize, usize)>> = std::sync::Mutex::new(Vec::new());

    fn recording_check(
        d: &Draft,
        lib: &Library,
        index: &ShingleIndex,
        forms: &Formulations,
        s: &Settings,
    ) -> Vec<Finding> {
        let at = std::ptr::from_ref(index) as usize;
        SEEN.lock().unwrap().push((at, index.len()));
        run_check(d, lib, index, forms, s)
    }

    /// A second check of the same library (the writer typed on) reuses the shingle index
    /// the first one made; a new library generation gets its own.
    #[test]
    fn the_library_index_is_made_once_per_library_generation() {
        let dir = tempfile::tempdir().unwrap();
        let w = Workers::new(egui::Context::default(), true);
        let mut jobs = CheckJobs::default();
        jobs.set_checker(recording_check);
        let mut shown = Shown::default();
        let shipped = Arc::new(Library::embedded().0);
        let run = |jobs: &mut CheckJobs, shown: &mut Shown, k: CheckKey, lib: &Arc<Library>| {
            let i = || CheckInput {
                library: lib.clone(),
                ..input(dir.path(), "要学习党的十九大精神。")
            };
            jobs.tick(k, true, k.rev as f64, 0.0, &w, i);
            jobs.receive(answer(&w), k, shown);
            assert_eq!(shown.key, Some(k));
        };
        let at = |rev, library| CheckKey {
            rev,
            library,
            rate: 200,
        };
        run(&mut jobs, &mut shown, at(1, 1), &shipped);
        run(&mut jobs, &mut shown, at(2, 1), &shipped);
        let imported = Arc::new(Library::default());
        run(&mut jobs, &mut shown, at(3, 2), &imported);
        let seen = SEEN.lock().unwrap().clone();
        assert_eq!(seen.len(), 3);
        assert!(seen[0].1 > 1000, "the shipped library indexed: {seen:?}");
        assert_eq!(
            seen[0], seen[1],
            "the second run reuses the first one's index"
        );
        assert_eq!(seen[2].1, 0, "the new library has its own index: {seen:?}");
    }
}
