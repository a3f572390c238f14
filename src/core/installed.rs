//! The installed library: what the app and every command see by default. The shipped
//! (embedded) library, then the user's own imports in the data folder, phrases unique by
//! (kind, text), and the user's topic lexicon when there is one.

use crate::core::error::io_reason;
use std::path::{Path, PathBuf};

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::Library;

/// The user's library folder inside the data folder.
pub const USER_LIBRARY_DIR: &str = "templates";
/// The user's topic lexicon inside the data folder.
pub const USER_TOPICS: &str = "topics.ron";
/// The user's changes to the idiom list inside the data folder.
pub const USER_IDIOMS: &str = "idioms.txt";
/// The user's standard formulations inside the data folder.
pub const USER_STANDARD: &str = "standard.ron";

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
        let (u, errs) = crate::core::library::store::load(&user);
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
    errors.extend(use_user_lexicons(data_dir));
    Installed {
        library,
        lexicon,
        errors,
    }
}

/// The user's idiom list (added to and taken from the shipped one) and standard
/// formulations (replacing the shipped ones), when the data folder has them, become this
/// process's: suggestions and later imports use them. They are installed once per
/// process (a changed file counts after a restart). One error per file that does not
/// load, naming it with line and column; the shipped list stays for that one.
pub fn use_user_lexicons(data_dir: &Path) -> Vec<String> {
    let mut errors = Vec::new();
    let read = |name: &str| {
        let path = data_dir.join(name);
        path.exists().then(|| {
            let origin = path.display().to_string();
            std::fs::read_to_string(&path)
                .map(|t| (t, origin.clone()))
                .map_err(|e| format!("{origin}：无法读取：{}", io_reason(&e)))
        })
    };
    if let Some(r) = read(USER_IDIOMS) {
        let r = r.and_then(|(t, o)| crate::core::mine::idioms::use_user_list(&t, &o));
        errors.extend(r.err());
    }
    if let Some(r) = read(USER_STANDARD) {
        let r = r.and_then(|(t, o)| {
            crate::core::lexicon::standard::StandardLexicon::use_user_copy(&t, &o)
        });
        errors.extend(r.err());
    }
    errors
}
