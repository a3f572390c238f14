//! `jianggao draft`: drafting without a window, through the same `Draft::apply` edits the
//! app makes.

use crate::core::error::io_reason;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::draft::edit::Edit;
use crate::core::draft::{BlockKind, Draft, Meta};
use crate::core::library::Library;

/// Meeting details for a new draft.
pub struct NewDraft {
    pub title: String,
    pub meeting: String,
    pub unit: String,
    pub speaker: String,
    pub date: String,
}

fn fail(msg: String) -> ExitCode {
    eprintln!("错误：{msg}");
    ExitCode::FAILURE
}

/// Creates a draft file with its meeting details; an existing file is never replaced.
pub fn new_cmd(n: NewDraft, out: &Path) -> ExitCode {
    if out.exists() {
        return fail(format!(
            "{} 已存在，不会覆盖；请换一个文件名",
            out.display()
        ));
    }
    if !n.date.is_empty() && crate::core::dates::date_parts(&n.date).is_none() {
        return fail(format!("日期格式应为 YYYY-MM-DD：{}", n.date));
    }
    let mut d = Draft::default();
    d.apply(Edit::SetMeta(Box::new(Meta {
        title: n.title,
        meeting: n.meeting,
        unit: n.unit,
        speaker: n.speaker,
        date: n.date,
        ..Meta::default()
    })));
    match d.save(out) {
        Ok(()) => {
            println!("已新建讲稿：{}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{}: 无法写入：{}", out.display(), io_reason(&e))),
    }
}

/// The library a command works on: a folder given with --library, else the installed one.
pub fn library(dir: Option<&Path>) -> Result<Library, String> {
    match dir {
        Some(dir) => {
            let (lib, errors) = crate::core::library::store::load(dir);
            for e in &errors {
                eprintln!("警告：{e}");
            }
            if lib.templates.is_empty() {
                return Err(format!("{} 中没有可用的模板", dir.display()));
            }
            Ok(lib)
        }
        None => {
            let data = crate::core::installed::default_data_dir();
            let i = crate::core::installed::installed(&data, true);
            for e in &i.errors {
                eprintln!("警告：{e}");
            }
            Ok(i.library)
        }
    }
}

/// Inserts templates into a draft file, as the app's 「插入到讲稿」 does: each after the
/// block at `at` (an outline path such as 二 or 二/（一）) or the previous insertion.
pub fn add_cmd(file: &Path, ids: &[String], at: Option<&str>, lib: Option<&PathBuf>) -> ExitCode {
    let mut d = match Draft::load(file) {
        Ok(d) => d,
        Err(e) => return fail(e.to_string()),
    };
    let lib = match library(lib.map(PathBuf::as_path)) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let mut after = match at {
        None => None,
        Some(p) => match d.block_at_path(p) {
            Some(i) => Some(d.blocks[i].id),
            None => {
                return fail(format!(
                    "讲稿中没有 {p}；现有位置：{}",
                    d.paths().join("、")
                ));
            }
        },
    };
    for id in ids {
        let Some(t) = lib.templates.iter().find(|t| &t.id == id) else {
            return fail(format!(
                "模板库中没有模板 {id}（用 jianggao library --json 查看模板编号）"
            ));
        };
        let kind = BlockKind::from(t.kind);
        let pos = after
            .and_then(|b| d.index_of(b))
            .map(|i| d.insert_point(i, kind));
        let r = d.apply(Edit::InsertTemplate {
            template: Box::new(t.clone()),
            at: pos,
        });
        after = r.created.or(after);
        println!("已插入：{id}");
    }
    match d.save(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("{}: 无法写入：{}", file.display(), io_reason(&e))),
    }
}
