//! The delivery subcommands: `export` and `check`.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use crate::core::check::{self, Formulations, Settings};
use crate::core::draft::Draft;
use crate::core::export::{self, Format, Line, TextEncoding};
use crate::core::library::Library;
use crate::core::outline;

/// A saved draft (.ron) or any speech file, as lines to lay out and as a draft to check.
fn load(file: &Path) -> Result<(Vec<Line>, Draft), String> {
    let is_draft = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_draft {
        let d = Draft::load(file).map_err(|e| e.to_string())?;
        Ok((export::lines(&d), d))
    } else {
        let s = outline::parse_file(file).map_err(|e| e.to_string())?;
        Ok((export::speech_lines(&s), Draft::from_speech(&s)))
    }
}

pub fn export_cmd(file: &Path, format: Format, large: bool, out: &Path, gb18030: bool) -> ExitCode {
    let (lines, _) = match load(file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::FAILURE;
        }
    };
    let enc = if gb18030 {
        TextEncoding::Gb18030
    } else {
        TextEncoding::Utf8
    };
    match export::write_lines(&lines, out, format, large, enc) {
        Ok(()) => {
            println!("已导出：{}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

/// Checks a draft or any speech file. Exit code: 0 without 错误, 1 with any (unfilled
/// blanks), 2 when the file or the options are wrong.
pub fn check_cmd(
    file: &Path,
    date: Option<String>,
    as_json: bool,
    library: Option<&Path>,
) -> ExitCode {
    let (_, d) = match load(file) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut settings = Settings::for_draft(&d, &today);
    if let Some(dt) = date {
        if crate::core::draft::date_parts(&dt).is_none() {
            eprintln!("错误：日期格式应为 YYYY-MM-DD：{dt}");
            return ExitCode::from(2);
        }
        settings.date = dt;
    }
    let (mut lib, _) = Library::embedded();
    if let Some(dir) = library {
        let (user, errors) = Library::load_dir(dir);
        if let Some(e) = errors.first() {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
        lib.merge(user);
    }
    // The user's dated lexicon (the app's data folder) when there is one.
    let forms = match directories::ProjectDirs::from("", "", "jianggao") {
        Some(dirs) => {
            let (forms, error) = Formulations::user_or_builtin(dirs.data_dir());
            if let Some(e) = error {
                eprintln!("错误：{e}");
                return ExitCode::from(2);
            }
            forms
        }
        None => Formulations::builtin(),
    };
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
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({ "findings": v })).unwrap_or_default()
        );
    } else if findings.is_empty() {
        println!("未发现问题（按 {} 检查）", settings.date);
    } else {
        println!("按 {} 检查，发现 {} 处：", settings.date, findings.len());
        for f in &findings {
            let sev = match f.severity {
                check::Severity::Error => "错误",
                check::Severity::Warning => "注意",
                check::Severity::Info => "提示",
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
            println!("[{sev}·{}]{at} {}{fix}", f.kind.label(), f.message);
        }
    }
    if findings
        .iter()
        .any(|f| f.severity == check::Severity::Error)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
