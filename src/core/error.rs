//! Errors of the core. Every error names the file it is about.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: 无法读取文件：{}", path.display(), io_reason(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {why}", path.display())]
    Invalid { path: PathBuf, why: String },
}

/// What went wrong with a file, in the writer's words for the common cases (the system's
/// own message is English), the system's message for the rest.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘只读",
        K::InvalidFilename => "文件名无效",
        _ => return e.to_string(),
    };
    why.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_file_errors_read_in_chinese() {
        let missing = std::fs::read("/nonexistent/讲稿.ron").unwrap_err();
        assert_eq!(io_reason(&missing), "文件或文件夹不存在");
        let e = ReadError::Io {
            path: "/nonexistent/讲稿.ron".into(),
            source: missing,
        };
        assert_eq!(
            e.to_string(),
            "/nonexistent/讲稿.ron: 无法读取文件：文件或文件夹不存在"
        );
    }
}
