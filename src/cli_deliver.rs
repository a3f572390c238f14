//! The delivery subcommands: `export` and `check`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use crate::core::check::{self, Settings};
use crate::core::draft::Draft;
use crate::core::export::lines::Line;
use crate::core::export::{self, ExportOptions, Format};
use crate::core::lexicon::dated::Formulations;
use crate::core::parse::pipeline;

/// A saved draft (.ron) or any speech file, as lines to lay out and as a draft to check.
fn load(file: &Path) -> Result<(Vec<Line>, Draft), String> {
    let is_draft = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_draft {
        let d = Draft::load(file).map_err(|e| e.to_string())?;
        Ok((export::lines::lines(&d), d))
    } else {
        let s = pipeline::parse_file(file).map_err(|e| e.to_string())?;
        Ok((export::lines::speech_lines(&s), Draft::from_speech(&s)))
    }
}

pub fn export_cmd(
    file: &Path,
    dest: &Path,
    opts: &ExportOptions,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    if crate::core::fsutil::same_file(file, dest) {
        eprintln!(
            "错误：导出的目标 {} 就是要导出的文件本身，导出会覆盖它；请换一个输出路径",
            dest.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let (lines, _) = match load(file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("错误：{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    match export::write(&lines, dest, format, opts) {
        Ok(()) => {
            writeln!(out, "已导出：{}", dest.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("错误：{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Checks a draft or any speech file. Exit code: 0 without 错误, 1 with any (unfilled
/// blanks), 2 when the file or the options are wrong.
// Over 80 lines: reads the input (draft or text), the library and the lexicon, each with its own error message, then prints.
pub fn check_cmd(
    file: &Path,
    date: Option<String>,
    as_json: bool,
    library: Option<&Path>,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    let (_, d) = match load(file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("错误：{e}");
            return Ok(ExitCode::from(2));
        }
    };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut settings = Settings::for_draft(&d, &today);
    if let Some(dt) = date {
        if crate::core::dates::date_parts(&dt).is_none() {
            eprintln!("错误：日期格式应为 YYYY-MM-DD：{dt}");
            return Ok(ExitCode::from(2));
        }
        settings.date = dt;
    }
    // The installed library (shipped + the user's imports), as the app sees it, plus
    // a folder given with --library.
    let data_dir = crate::core::installed::default_data_dir();
    let installed = crate::core::installed::installed(&data_dir, true);
    for e in &installed.errors {
        eprintln!("警告：{e}");
    }
    let mut lib = installed.library;
    if let Some(dir) = library {
        let (user, errors) = crate::core::library::store::load(dir);
        if let Some(e) = errors.first() {
            eprintln!("错误：{e}");
            return Ok(ExitCode::from(2));
        }
        lib.merge(user);
    }
    // The user's dated lexicon (the app's data folder) when there is one.
    let (forms, error) = Formulations::user_or_builtin(&data_dir);
    if let Some(e) = error {
        eprintln!("错误：{e}");
        return Ok(ExitCode::from(2));
    }
    let findings = check::check_draft(&d, Some(&lib), &forms, &settings);
    if as_json {
        let v: Vec<_> = findings
            .iter()
            .map(|f| {
                json!({
                    "kind": serde_json::to_value(f.kind).unwrap_or_default(),
                    "severity": serde_json::to_value(f.severity).unwrap_or_default(),
                    "path": f.path, "start": f.start, "end": f.end, "text": f.text,
                    "message": f.message, "fix": f.fix,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({ "findings": v })).unwrap_or_default()
        )?;
    } else if findings.is_empty() {
        writeln!(out, "未发现问题（按 {} 检查）", settings.date)?;
    } else {
        writeln!(
            out,
            "按 {} 检查，发现 {} 处：",
            settings.date,
            findings.len()
        )?;
        for f in &findings {
            let sev = match f.severity {
                check::finding::Severity::Error => "错误",
                check::finding::Severity::Warning => "注意",
                check::finding::Severity::Info => "提示",
            };
            let at = if f.path.is_empty() {
                String::new()
            } else {
                format!("〔{}〕", f.path)
            };
            let fix = f
                .fix
                .as_deref()
                .map(|x| format!(" → {x}"))
                .unwrap_or_default();
            writeln!(out, "[{sev}·{}]{at} {}{fix}", f.kind.label(), f.message)?;
        }
    }
    if findings
        .iter()
        .any(|f| f.severity == check::finding::Severity::Error)
    {
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}
