//! Writing many files of a folder durably at once. Each file goes to a temporary name
//! beside its target; when all are written they are synced together (one `syncfs` on
//! Linux, where syncing each file would cost a disk flush per file), then renamed over
//! their targets, and the folder is synced. Until the renames nothing the folder held has
//! changed; after an interruption each file is whole, old or new.

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

/// Writes `files` ((name, bytes)) into `dir` (created if needed) and removes the files
/// named in `remove`, as one durable batch. Errors name the file; on an error before the
/// renames, `dir` is as it was.
pub fn write_batch(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    remove: &[String],
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: 无法创建文件夹：{e}", dir.display()))?;
    let mut tmps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let written = (|| {
        for (name, bytes) in files {
            let target = dir.join(name);
            let tmp = tmp_name(dir, name);
            let _ = std::fs::remove_file(&tmp);
            tmps.push(tmp.clone());
            let mut f = crate::core::fsutil::create_tmp(&tmp, &target)
                .map_err(|e| format!("{}: 无法写入：{e}", target.display()))?;
            f.write_all(bytes)
                .map_err(|e| format!("{}: 无法写入：{e}", target.display()))?;
        }
        sync_written(dir, &tmps).map_err(|e| format!("{}: 无法写入磁盘：{e}", dir.display()))
    })();
    if let Err(e) = written {
        for t in &tmps {
            let _ = std::fs::remove_file(t);
        }
        return Err(e);
    }
    let mut out = Vec::with_capacity(files.len());
    for ((name, _), tmp) in files.iter().zip(&tmps) {
        let target = dir.join(name);
        std::fs::rename(tmp, &target)
            .map_err(|e| format!("{}: 无法写入：{e}", target.display()))?;
        out.push(target);
    }
    for name in remove {
        let p = dir.join(name);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: 无法删除：{e}", p.display())),
        }
    }
    // Make the renames and removals durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(out)
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
}
