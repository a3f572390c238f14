//! The installed library: what the app and every command see by default. The shipped
//! (embedded) library, then the user's own imports in the data folder, phrases unique by
//! (kind, text), and the user's topic lexicon when there is one.

use std::path::{Path, PathBuf};

use crate::core::lexicon::TopicLexicon;
use crate::core::library::Library;

/// The user's library folder inside the data folder.
pub const USER_LIBRARY_DIR: &str = "templates";
/// The user's topic lexicon inside the data folder.
pub const USER_TOPICS: &str = "topics.ron";

/// The OS data folder, e.g. `~/.local/share/jianggao`.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "jianggao")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("jianggao"))
}

/// The library as assembled, with every file that could not be read listed.
pub struct Installed {
    pub library: Library,
    pub lexicon: TopicLexicon,
    /// "file:line:col: reason" of each library or lexicon file that did not load.
    pub errors: Vec<String>,
}

/// The user's topic lexicon if they have one (and it loads), else the shipped one.
pub fn lexicon(data_dir: &Path) -> (TopicLexicon, Option<String>) {
    let user = data_dir.join(USER_TOPICS);
    if user.exists() {
        match TopicLexicon::load(&user) {
            Ok(l) => return (l, None),
            Err(e) => return (TopicLexicon::builtin(), Some(e)),
        }
    }
    (TopicLexicon::builtin(), None)
}

/// Embedded + the user library in `data_dir` (when `with_user`) + lexicons.
pub fn installed(data_dir: &Path, with_user: bool) -> Installed {
    installed_with(data_dir, with_user, |_| {})
}

/// As [`installed`], saying what it loads as it goes (for a progress line).
pub fn installed_with(
    data_dir: &Path,
    with_user: bool,
    mut progress: impl FnMut(&str),
) -> Installed {
    progress("正在读取随附的模板库…");
    let (mut library, errs) = Library::embedded();
    let mut errors: Vec<String> = errs.iter().map(ToString::to_string).collect();
    let user = data_dir.join(USER_LIBRARY_DIR);
    if with_user && user.is_dir() {
        progress(&format!("正在读取导入的模板库 {}…", user.display()));
        let (u, errs) = crate::core::library_store::load(&user);
        errors.extend(errs.iter().map(ToString::to_string));
        progress(&format!(
            "正在合并模板库（{} 个模板、{} 条提法）…",
            u.templates.len(),
            u.phrases.len()
        ));
        library.merge(u);
    }
    progress("正在读取主题词表…");
    let (lexicon, lex_err) = lexicon(data_dir);
    errors.extend(lex_err);
    Installed {
        library,
        lexicon,
        errors,
    }
}
