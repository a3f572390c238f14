//! Writing many files of a folder durably at once. Each file goes to a temporary name
//! beside its target; when all are written they are synced together (one `syncfs` on
//! Linux, where syncing each file would cost a disk flush per file), then renamed over
//! their targets, and the folder is synced. Until the renames nothing the folder held has
//! changed; after an interruption each file is whole, old or new.

use crate::core::error::io_reason;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Temporary name of `name` in a batch written by this process.
fn tmp_name(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

/// Flushes everything written under `dir` to disk.
fn sync_written(dir: &Path, files: &[PathBuf]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let d = std::fs::File::open(dir)?;
        // SAFETY: syncfs takes an open descriptor, which `d` holds for the whole call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    let _ = dir;
    for f in files {
        std::fs::File::open(f)?.sync_all()?;
    }
    Ok(())
}

/// A batch of files being written into a folder. Files are put (to temporary names,
/// from any thread); `commit` makes them durable and renames them over their targets.
/// A batch dropped without a commit removes its temporary files.
pub struct Batch {
    dir: PathBuf,
    names: std::sync::Mutex<Vec<String>>,
    committed: bool,
}

impl Batch {
    pub fn new(dir: &Path) -> Result<Batch, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: 无法创建文件夹：{e}", dir.display()))?;
        Ok(Batch {
            dir: dir.to_path_buf(),
            names: Default::default(),
            committed: false,
        })
    }

    /// Writes `bytes` as the next content of `name` (not yet visible under that name).
    pub fn put(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let target = self.dir.join(name);
        let tmp = tmp_name(&self.dir, name);
        let _ = std::fs::remove_file(&tmp);
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(name.to_string());
        let mut f = crate::core::fsutil::create_tmp(&tmp, &target)
            .map_err(|e| format!("{}: 无法写入：{}", target.display(), io_reason(&e)))?;
        f.write_all(bytes)
            .map_err(|e| format!("{}: 无法写入：{}", target.display(), io_reason(&e)))
    }

    /// Syncs every file put, renames each over its target, removes the files named in
    /// `remove`, and syncs the folder. Returns the files written.
    pub fn commit(mut self, remove: &[String]) -> Result<Vec<PathBuf>, String> {
        let mut names = std::mem::take(&mut *self.names.lock().unwrap_or_else(|e| e.into_inner()));
        names.sort();
        let tmps: Vec<PathBuf> = names.iter().map(|n| tmp_name(&self.dir, n)).collect();
        *self.names.lock().unwrap_or_else(|e| e.into_inner()) = names.clone();
        sync_written(&self.dir, &tmps)
            .map_err(|e| format!("{}: 无法写入磁盘：{e}", self.dir.display()))?;
        self.committed = true;
        let mut out = Vec::with_capacity(names.len());
        for (name, tmp) in names.iter().zip(&tmps) {
            let target = self.dir.join(name);
            std::fs::rename(tmp, &target)
                .map_err(|e| format!("{}: 无法写入：{}", target.display(), io_reason(&e)))?;
            out.push(target);
        }
        for name in remove {
            let p = self.dir.join(name);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{}: 无法删除：{e}", p.display())),
            }
        }
        // Make the renames and removals durable.
        if let Ok(d) = std::fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(out)
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        if !self.committed {
            for n in self.names.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                let _ = std::fs::remove_file(tmp_name(&self.dir, n));
            }
        }
    }
}

/// Writes `files` ((name, bytes)) into `dir` (created if needed) and removes the files
/// named in `remove`, as one durable batch. Errors name the file; on an error before the
/// renames, `dir` is as it was.
pub fn write_batch(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    remove: &[String],
) -> Result<Vec<PathBuf>, String> {
    let batch = Batch::new(dir)?;
    for (name, bytes) in files {
        batch.put(name, bytes)?;
    }
    batch.commit(remove)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_replaces_and_removes_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), "old").unwrap();
        std::fs::write(dir.path().join("b.ron"), "gone").unwrap();
        let files = vec![
            ("a.ron".to_string(), b"new".to_vec()),
            ("c.ron".to_string(), b"c".to_vec()),
        ];
        write_batch(dir.path(), &files, &["b.ron".to_string()]).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.ron", "c.ron"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.ron")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_batch_given_up_before_its_commit_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), "old").unwrap();
        {
            let batch = Batch::new(dir.path()).unwrap();
            batch.put("a.ron", b"new").unwrap();
            batch.put("b.ron", b"b").unwrap();
            // Dropped here, as when an error stops the import before the commit.
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.ron"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.ron")).unwrap(),
            "old"
        );
    }
}
