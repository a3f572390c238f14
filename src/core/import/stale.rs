//! Temporary files left by an interrupted import. A batch of library files and the index
//! are written to `.<name>.tmp-<pid>` beside their targets and renamed at the end; an
//! import killed before that leaves them. Loading ignores them; the next import removes
//! those whose process is gone (never those of a live process: another import may be
//! writing them now).

use std::path::Path;

/// The process id of a temporary file's name, `.<name>.tmp-<pid>`.
fn tmp_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, pid) = name.rsplit_once(".tmp-")?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id runs now (on platforms where this cannot be asked,
/// every process counts as running, so nothing is removed).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 sends nothing; it only checks the process exists.
        if unsafe { libc::kill(pid, 0) } == 0 {
            return true;
        }
        // EPERM: it exists but belongs to another user.
        std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes the temporary files in `dir` of processes that are gone; returns how many.
pub fn remove_stale_tmp(dir: &Path) -> usize {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    let own = std::process::id();
    rd.flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            tmp_pid(&e.file_name().to_string_lossy()).is_some_and(|p| p != own && !alive(p))
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_temporary_files_give_a_pid() {
        assert_eq!(tmp_pid(".甲.ron.tmp-4242"), Some(4242));
        assert_eq!(tmp_pid(".jianggao-index.tmp-17"), Some(17));
        assert_eq!(tmp_pid("甲.ron.tmp-4242"), None);
        assert_eq!(tmp_pid(".甲.ron.tmp-"), None);
        assert_eq!(tmp_pid(".甲.ron.tmp-12a"), None);
        assert_eq!(tmp_pid(".甲.ron"), None);
    }
}
