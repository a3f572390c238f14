//! Atomic file writes: a failed save never damages the file already on disk, and a save
//! keeps what the user set on the file (its permissions, the symbolic link to it).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The file a path finally names: symbolic links are followed (relative ones from the
/// link's folder), so that saving through a link updates its target and keeps the link.
/// A loop or a chain longer than 40 links is an error, as the OS would say.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("符号链接过多或形成循环"))
}

/// Whether two paths name the same existing file (through links and `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// A new file for the temporary copy, created with the permissions the target has (or
/// the default for a new file), so its content is never readable more widely than that.
pub(crate) fn create_tmp(tmp: &Path, target: &Path) -> std::io::Result<std::fs::File> {
    let old = std::fs::metadata(target).ok().filter(|m| m.is_file());
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if let Some(m) = &old {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(m.permissions().mode() & 0o7777);
    }
    let f = opts.open(tmp)?;
    if let Some(m) = old {
        // The umask narrowed the mode at creation: set it exactly.
        f.set_permissions(m.permissions())?;
    }
    Ok(f)
}

/// Writes `bytes` to a temporary file in the same folder, syncs it, then renames it over
/// `path` (over the target when `path` is a symbolic link). On any error the old file is
/// untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = &resolve_links(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "路径没有文件名"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    // A temporary file left by a crash of this same process id would block create_new.
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut f = create_tmp(&tmp, path)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows opening a directory.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_save_keeps_the_mode_and_the_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_link_loop_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(write_atomic(&a, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
