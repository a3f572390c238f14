//! Crash recovery: each window autosaves its draft to a file of its own in the data
//! folder's `recovery/`, guarded by an advisory lock held for the window's lifetime.
//!
//! A recovery file whose lock nobody holds belongs to a window that is gone (closed with
//! unsaved work, or killed): it is offered at the next start. A live window's file is
//! never offered, touched or removed by another window. A file is removed only by its
//! owner after a save, or by the user discarding it explicitly; one that cannot be read is
//! renamed aside, never overwritten.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::core::draft::Draft;

/// The folder of recovery files inside the data folder.
pub const RECOVERY_DIR: &str = "recovery";
/// Where versions before per-window recovery kept their one autosave.
pub const LEGACY_AUTOSAVE: &str = "autosave.ron";

/// What a recovery file holds: the draft and the file it was last saved to or opened from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovered {
    pub file: Option<PathBuf>,
    pub draft: Draft,
}

/// This window's recovery slot: its id and the lock that tells others it is alive.
#[derive(Debug)]
pub struct Session {
    dir: PathBuf,
    id: String,
    /// Held (locked) for as long as the session lives; dropping it releases the lock.
    lock: Option<File>,
}

/// A recovery file left by a window that is gone. Its lock is held by us while it is
/// offered, so that two new windows never offer the same work.
#[derive(Debug)]
pub struct Orphan {
    pub id: String,
    pub path: PathBuf,
    pub recovered: Recovered,
    pub modified: Option<SystemTime>,
    lock: File,
}

/// What a scan of the recovery folder found besides orphans: files set aside, errors.
#[derive(Debug, Default)]
pub struct ScanNotes {
    pub notes: Vec<String>,
}

fn lock_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.lock"))
}

fn ron_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.ron"))
}

/// Opens (creating) the lock file of `id` and takes its lock without waiting.
/// `Ok(None)`: another process holds it.
fn try_lock(dir: &Path, id: &str) -> std::io::Result<Option<File>> {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(dir, id))?;
    match f.try_lock() {
        Ok(()) => Ok(Some(f)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

impl Session {
    /// Starts this window's session in `data_dir/recovery`, with a fresh id.
    pub fn start(data_dir: &Path) -> std::io::Result<Session> {
        let dir = data_dir.join(RECOVERY_DIR);
        std::fs::create_dir_all(&dir)?;
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let id = format!("{}-{nanos}", std::process::id());
        let lock = try_lock(&dir, &id)?.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::WouldBlock, "恢复文件的锁已被占用")
        })?;
        Ok(Session {
            dir,
            id,
            lock: Some(lock),
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// This window's recovery file.
    pub fn path(&self) -> PathBuf {
        ron_path(&self.dir, &self.id)
    }

    /// Writes the draft (atomically) as this window's recovery.
    pub fn write(&self, draft: &Draft, file: Option<&Path>) -> std::io::Result<()> {
        let rec = Recovered {
            file: file.map(Path::to_path_buf),
            draft: draft.clone(),
        };
        let cfg = ron::ser::PrettyConfig::new().indentor("  ").new_line("\n");
        let text = ron::ser::to_string_pretty(&rec, cfg).map_err(std::io::Error::other)?;
        crate::core::fsutil::write_atomic(&self.path(), text.as_bytes())
    }

    /// Removes this window's recovery file: its work is saved, or there is none.
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.path());
    }

    /// Takes over an orphan after the user restored it: later autosaves go to its file,
    /// which stays until the user saves; this session's own (empty) slot goes away.
    pub fn adopt(&mut self, orphan: Orphan) {
        self.clear();
        let _ = std::fs::remove_file(lock_path(&self.dir, &self.id));
        self.id = orphan.id;
        self.lock = Some(orphan.lock);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Remove the lock file before releasing the lock: a window starting now either
        // sees it locked (and skips our file) or finds it gone after we let go.
        let _ = std::fs::remove_file(lock_path(&self.dir, &self.id));
        drop(self.lock.take());
    }
}

impl Orphan {
    /// The draft's title for the prompt, or a placeholder.
    pub fn title(&self) -> &str {
        let t = self.recovered.draft.meta.title.trim();
        if t.is_empty() { "（无标题）" } else { t }
    }

    /// Characters of text in the draft (headings and bodies).
    pub fn chars(&self) -> usize {
        self.recovered
            .draft
            .blocks
            .iter()
            .map(|b| b.heading.chars().count() + b.body.chars().count())
            .sum()
    }

    /// Deletes the recovery file for good: the user confirmed that the work is not wanted.
    pub fn discard(self) -> std::io::Result<()> {
        std::fs::remove_file(&self.path)?;
        let dir = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let _ = std::fs::remove_file(lock_path(&dir, &self.id));
        Ok(())
    }
}

fn is_empty(d: &Draft) -> bool {
    d.blocks.is_empty() && d.meta == Default::default()
}

/// Reads a recovery file: the current form, or a plain draft as older versions wrote.
pub fn read(path: &Path) -> Result<Recovered, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("无法读取：{e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Ok(r) = ron::from_str::<Recovered>(text) {
        return Ok(r);
    }
    Draft::from_ron(text, &path.display().to_string())
        .map(|draft| Recovered { file: None, draft })
        .map_err(|e| e.message)
}

/// A name beside `path` for a file set aside, e.g. `x.ron.corrupt-20261201-101500`.
fn aside_name(path: &Path, why: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{why}-{stamp}"));
    path.with_file_name(name)
}

/// Moves the legacy single autosave into the recovery folder, where it is an orphan
/// like any other (the rename is atomic: of two windows starting together, one moves it).
fn adopt_legacy(data_dir: &Path, dir: &Path) {
    let legacy = data_dir.join(LEGACY_AUTOSAVE);
    if legacy.is_file() {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let _ = std::fs::rename(&legacy, dir.join(format!("legacy-{nanos}.ron")));
    }
}

/// Recovery files in `data_dir/recovery` whose window is gone, newest first, each locked
/// by us while it is offered. Empty ones are removed (nothing is lost); unreadable ones
/// are renamed aside and reported.
pub fn orphans(data_dir: &Path, own: Option<&Session>) -> (Vec<Orphan>, ScanNotes) {
    let dir = data_dir.join(RECOVERY_DIR);
    let mut notes = ScanNotes::default();
    if std::fs::create_dir_all(&dir).is_err() {
        return (Vec::new(), notes);
    }
    adopt_legacy(data_dir, &dir);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return (Vec::new(), notes);
    };
    let mut found = Vec::new();
    for entry in rd.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let Some(id) = path.file_stem().and_then(|s| s.to_str()).map(String::from) else {
            continue;
        };
        if own.is_some_and(|s| s.id == id) {
            continue;
        }
        let lock = match try_lock(&dir, &id) {
            Ok(Some(l)) => l,
            // A live window owns it, or the lock cannot be taken: leave it alone.
            Ok(None) | Err(_) => continue,
        };
        match read(&path) {
            Ok(rec) if is_empty(&rec.draft) => {
                let _ = std::fs::remove_file(&path);
                let _ = std::fs::remove_file(lock_path(&dir, &id));
            }
            Ok(recovered) => found.push(Orphan {
                modified: entry.metadata().and_then(|m| m.modified()).ok(),
                id,
                path,
                recovered,
                lock,
            }),
            Err(why) => {
                let aside = aside_name(&path, "corrupt");
                match std::fs::rename(&path, &aside) {
                    Ok(()) => notes.notes.push(format!(
                        "自动保存的讲稿 {} 无法读取（{why}），已原样另存为 {}",
                        path.display(),
                        aside.display()
                    )),
                    Err(e) => notes.notes.push(format!(
                        "自动保存的讲稿 {} 无法读取（{why}），也无法移开（{e}）",
                        path.display()
                    )),
                }
            }
        }
    }
    found.sort_by_key(|o| std::cmp::Reverse(o.modified));
    (found, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::BlockKind;

    fn draft(title: &str) -> Draft {
        let mut d = Draft::default();
        d.meta.title = title.into();
        d.insert_blank(BlockKind::Section, None);
        d
    }

    #[test]
    fn a_live_sessions_file_is_never_offered() {
        let dir = tempfile::tempdir().unwrap();
        let a = Session::start(dir.path()).unwrap();
        a.write(&draft("甲"), None).unwrap();
        let (found, _) = orphans(dir.path(), None);
        assert!(found.is_empty(), "a live window's work is not an orphan");
        drop(a);
        let (found, _) = orphans(dir.path(), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title(), "甲");
        // While one window offers it, another does not.
        let (again, _) = orphans(dir.path(), None);
        assert!(again.is_empty());
    }

    #[test]
    fn adopting_keeps_the_file_until_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let a = Session::start(dir.path()).unwrap();
        a.write(&draft("甲"), Some(Path::new("/x/甲.ron"))).unwrap();
        let path = a.path();
        drop(a);
        let mut b = Session::start(dir.path()).unwrap();
        let (mut found, _) = orphans(dir.path(), Some(&b));
        let o = found.remove(0);
        assert_eq!(o.recovered.file.as_deref(), Some(Path::new("/x/甲.ron")));
        b.adopt(o);
        assert_eq!(b.path(), path);
        assert!(path.exists());
        b.clear();
        assert!(!path.exists());
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_a_legacy_autosave_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        let rec = dir.path().join(RECOVERY_DIR);
        std::fs::create_dir_all(&rec).unwrap();
        std::fs::write(rec.join("9-9.ron"), "(version: 1, blocks: [").unwrap();
        std::fs::write(dir.path().join(LEGACY_AUTOSAVE), draft("旧").to_ron()).unwrap();
        let (found, notes) = orphans(dir.path(), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title(), "旧");
        assert_eq!(notes.notes.len(), 1, "{:?}", notes.notes);
        let kept: Vec<_> = std::fs::read_dir(&rec)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("9-9.ron.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1, "the unreadable file is kept aside");
    }
}
