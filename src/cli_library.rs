//! The library subcommands: `mine`, `library`, `suggest`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use serde_json::{Value, json};

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::update::UpdateMode;
use crate::core::library::{Library, PhraseKind, Template, TemplateKind};
use crate::core::suggest::{self, PhraseIndex, Request};

// Over 80 lines: argument checks, the import, and the report, each with its own message and exit code.
pub fn mine_cmd(
    inputs: &[PathBuf],
    dest: &Path,
    replace: bool,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    let lex = TopicLexicon::builtin();
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} 读取语料 [{bar:30}] {pos}/{len} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let cancel = AtomicBool::new(false);
    let mode = if replace {
        UpdateMode::Replace
    } else {
        UpdateMode::Merge
    };
    let result = crate::core::import::import(inputs, dest, mode, &lex, &cancel, |done, total| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    writeln!(out, "已读取讲话稿：{} 篇", report.read)?;
    if report.unchanged_files > 0 {
        writeln!(
            out,
            "其中 {} 个文件与上次导入时相同，未重新提炼",
            report.unchanged_files
        )?;
    }
    // Skipped files are errors: stderr, and a non-zero exit once the rest is written.
    for (p, why) in &report.skipped {
        eprintln!("跳过：{}：{why}", p.display());
    }
    if report.read == 0 {
        eprintln!("错误：没有可以提炼的讲话稿");
        return Ok(ExitCode::FAILURE);
    }
    print_counts(&report.counts, out)?;
    if report.duplicates > 0 {
        writeln!(
            out,
            "重复或几乎相同的模板：{} 个，已合并显示",
            report.duplicates
        )?;
    }
    if report.written == 0 {
        writeln!(out, "模板库 {} 没有变化，未写入文件", dest.display())?;
    } else {
        writeln!(out, "已写入 {} 个文件到 {}", report.written, dest.display())?;
    }
    if report.replaced_sources > 0 {
        writeln!(out, "替换了 {} 个已有来源的内容", report.replaced_sources)?;
    }
    for p in &report.removed {
        writeln!(out, "删除了不再属于模板库的 {}", p.display())?;
    }
    if report.skipped.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("错误：{} 个文件未能读取，已跳过", report.skipped.len());
        Ok(ExitCode::from(2))
    }
}

/// Templates and phrases of a library, by kind.
fn print_counts(lib: &crate::core::import::Counts, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "模板：")?;
    for k in TemplateKind::ALL {
        writeln!(out, "  {}：{}", k.label(), lib.count(k))?;
    }
    writeln!(out, "提法：")?;
    // Standard formulations come from their lexicon, never from mining.
    for k in PhraseKind::ALL
        .into_iter()
        .filter(|k| *k != PhraseKind::Standard)
    {
        writeln!(out, "  {}：{}", k.label(), lib.phrase_count(k))?;
    }
    Ok(())
}

/// Loads a library folder, reporting broken files on stderr; `None` when nothing loaded.
fn load(dir: &Path) -> Option<Library> {
    let (lib, errors) = crate::core::library::store::load(dir);
    for e in &errors {
        eprintln!("错误：{e}");
    }
    if lib.templates.is_empty() && lib.phrases.is_empty() {
        eprintln!("错误：{} 中没有可用的模板库文件", dir.display());
        return None;
    }
    Some(lib)
}

pub fn template_json(t: &Template) -> Value {
    json!({
        "id": t.id,
        "kind": t.kind.key(),
        "heading": t.heading,
        "paragraphs": t.paragraphs,
        "children": t.children.iter().map(|c| json!({"heading": c.heading, "paragraphs": c.paragraphs})).collect::<Vec<_>>(),
        "topics": t.topics,
        "slots": t.slots.iter().map(|s| json!({"name": s.name, "original": s.original, "child": s.loc.child, "paragraph": s.loc.para, "start": s.start, "end": s.end})).collect::<Vec<_>>(),
        "specifics": t.specifics.iter().map(|s| json!({"text": s.text, "kind": serde_json::to_value(s.kind).unwrap_or(Value::Null), "child": s.loc.child, "paragraph": s.loc.para, "start": s.start, "end": s.end})).collect::<Vec<_>>(),
        "source": {"file": t.source.file, "title": t.source.title, "path": t.source.path},
    })
}

pub fn library_cmd(dir: Option<&Path>, as_json: bool, out: &mut dyn Write) -> io::Result<ExitCode> {
    let (lib, name) = match dir {
        Some(d) => match load(d) {
            Some(l) => (l, d.display().to_string()),
            None => return Ok(ExitCode::FAILURE),
        },
        None => {
            let data = crate::core::installed::default_data_dir();
            let i = crate::core::installed::installed(&data, true);
            for e in &i.errors {
                eprintln!("警告：{e}");
            }
            (
                i.library,
                format!("已安装的模板库（随附 + {}）", data.display()),
            )
        }
    };
    if as_json {
        let v = json!({
            "templates": lib.templates.iter().map(template_json).collect::<Vec<_>>(),
            "phrases": lib.phrases.iter().map(|p| json!({
                "text": p.text, "kind": p.kind.key(), "topics": p.topics, "keywords": p.keywords,
                "count": p.count,
                "sources": p.sources.iter().map(|s| json!({"file": s.file, "path": s.path})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        )?;
    } else {
        writeln!(out, "模板库：{name}")?;
        for k in TemplateKind::ALL {
            writeln!(out, "{}（{}）", k.label(), lib.count(k))?;
            for t in lib.templates.iter().filter(|t| t.kind == k) {
                let head = if t.heading.is_empty() {
                    t.paragraphs.first().map(String::as_str).unwrap_or("")
                } else {
                    &t.heading
                };
                let head: String = head.chars().take(30).collect();
                writeln!(
                    out,
                    "  [{}] {}  〔{}〕 {}",
                    t.id,
                    head,
                    t.topics.join("、"),
                    t.chars
                )?;
            }
        }
        writeln!(out, "提法：")?;
        for k in PhraseKind::ALL {
            writeln!(out, "  {}：{}", k.label(), lib.phrase_count(k))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What `jianggao suggest` was asked.
pub struct SuggestArgs {
    pub k: usize,
    pub heading: String,
    pub date: Option<String>,
    pub kinds: Vec<String>,
    pub context: String,
    /// Where the paragraph stands: 开头, 结尾 or 正文.
    pub role: suggest::Role,
}

/// Prints what the editor's side panel shows for the same text: phrases, then model
/// paragraphs, then (for a heading alone) sibling headings.
// Over 80 lines: the request, then the three kinds of answer printed in order (text or JSON).
pub fn suggest_cmd(
    dir: Option<&Path>,
    as_json: bool,
    a: &SuggestArgs,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    let lib = match crate::cli_draft::library(dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("错误：{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut kinds = Vec::new();
    for k in &a.kinds {
        match PhraseKind::ALL.iter().find(|x| x.key() == k) {
            Some(x) => kinds.push(*x),
            None => {
                eprintln!("错误：未知的提法类型 {k}");
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    let date = match &a.date {
        Some(d) if suggest::date_key(d).is_empty() => {
            eprintln!("错误：日期 {d} 应为 YYYY-MM-DD");
            return Ok(ExitCode::FAILURE);
        }
        Some(d) => d.clone(),
        None => suggest::today(),
    };
    let index = PhraseIndex::for_library(&lib, TopicLexicon::builtin());
    let got = index.suggest(&Request {
        elsewhere: "",
        heading: &a.heading,
        body: &a.context,
        date: &date,
        kinds: (!kinds.is_empty()).then_some(kinds.as_slice()),
        k: a.k,
        role: a.role,
    });
    if as_json {
        let v: Vec<Value> = got
            .phrases
            .iter()
            .map(|h| {
                let p = &h.phrase;
                json!({"text": p.text, "kind": p.kind.key(), "score": h.score, "matched": h.matched, "topics": p.topics, "shared_topics": h.topics, "reason": h.reason})
            })
            .collect();
        let paras: Vec<Value> = got
            .paragraphs
            .iter()
            .map(|t| json!({"template": t.template_id, "heading": t.heading, "text": t.text, "score": t.score, "reason": t.reason}))
            .collect();
        let heads: Vec<Value> = got
            .headings
            .iter()
            .map(|h| json!({"frame": h.frame, "siblings": h.siblings}))
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(
                &json!({"suggestions": v, "paragraphs": paras, "headings": heads})
            )
            .unwrap_or_default()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if got.phrases.is_empty() && got.paragraphs.is_empty() && got.headings.is_empty() {
        writeln!(out, "没有匹配的提法")?;
    }
    for (n, h) in got.phrases.iter().enumerate() {
        let p = &h.phrase;
        writeln!(
            out,
            "{:>2}. [{}] {}  （{}）",
            n + 1,
            p.kind.label(),
            p.text,
            h.reason
        )?;
    }
    if !got.paragraphs.is_empty() {
        writeln!(out, "\n段落范文：")?;
        for (n, t) in got.paragraphs.iter().enumerate() {
            writeln!(
                out,
                "{:>2}. 〔{}〕{}  （{}）",
                n + 1,
                t.heading,
                t.text,
                t.reason
            )?;
        }
    }
    for h in &got.headings {
        writeln!(out, "\n并列标题（句式：{}）：", h.frame)?;
        for s in &h.siblings {
            writeln!(out, "    {s}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
