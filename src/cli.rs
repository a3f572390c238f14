//! The command line: the same core as the app, without a window.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::outline;
use crate::core::speech::{Section, Speech};
use crate::core::text;

#[derive(Debug, Parser)]
#[command(
    name = "jianggao",
    version,
    about = "讲稿工坊：从过往讲话稿中提取结构与提法，辅助起草讲话稿",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 不带子命令时打开窗口；可给出要打开的讲稿文件（.ron）
    pub open: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 解析讲话稿文件（.txt 任意中文编码 / .docx），输出提纲
    Parse {
        /// 一个或多个文件或文件夹
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 以 JSON 输出（多个文件时为数组）
        #[arg(long)]
        json: bool,
    },
    /// 从讲话稿文件夹提炼模板与提法，写入模板库文件夹
    Mine {
        /// 语料文件夹或文件（递归读取 .txt 和 .docx）
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 输出的模板库文件夹
        #[arg(long)]
        out: PathBuf,
    },
    /// 查看模板库
    Library {
        /// 模板库文件夹
        dir: PathBuf,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 为正在写的段落推荐提法
    Suggest {
        /// 模板库文件夹
        #[arg(long)]
        library: PathBuf,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 推荐条数（与编辑器侧栏相同）
        #[arg(short = 'k', default_value_t = crate::core::suggest::SHOWN)]
        k: usize,
        /// 段落所在的小标题
        #[arg(long, default_value = "")]
        heading: String,
        /// 讲话日期（YYYY-MM-DD，默认今天），过时提法按此判断
        #[arg(long)]
        date: Option<String>,
        /// 只推荐这些类型（term、quote、parallel、idiom、heading_frame、collocation、standard）
        #[arg(long = "kind")]
        kinds: Vec<String>,
        /// 正在写的段落；为空时按小标题推荐并列标题
        #[arg(default_value = "")]
        context: String,
    },
    /// 导出讲稿（.ron）或任意讲话稿文件为文本、Markdown 或 Word（公文版式）
    Export {
        /// 讲稿文件（.ron）或讲话稿（.txt/.docx）
        file: PathBuf,
        /// 格式
        #[arg(long, value_enum)]
        format: crate::core::export::Format,
        /// Word 大字版（讲台用）
        #[arg(long)]
        large: bool,
        /// 文本用 GB18030 编码（旧版 Windows 软件）
        #[arg(long)]
        gb18030: bool,
        /// 输出文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 交稿前检查：未填空位、沿用原稿、过时提法、重复、篇幅、编号、标点、照搬比例
    Check {
        /// 讲稿文件（.ron）或讲话稿（.txt/.docx）
        file: PathBuf,
        /// 讲话日期 YYYY-MM-DD（默认取讲稿的会议日期，否则今天）
        #[arg(long)]
        date: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

/// Runs a subcommand; the caller prints nothing else.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Parse { files, json } => parse_cmd(&files, json),
        Command::Mine { inputs, out } => crate::cli_library::mine_cmd(&inputs, &out),
        Command::Library { dir, json } => crate::cli_library::library_cmd(&dir, json),
        Command::Suggest {
            library,
            json,
            k,
            heading,
            date,
            kinds,
            context,
        } => crate::cli_library::suggest_cmd(
            &library,
            json,
            &crate::cli_library::SuggestArgs {
                k,
                heading,
                date,
                kinds,
                context,
            },
        ),
        Command::Export {
            file,
            format,
            large,
            gb18030,
            out,
        } => crate::cli_deliver::export_cmd(&file, format, large, &out, gb18030),
        Command::Check { file, date, json } => crate::cli_deliver::check_cmd(&file, date, json),
    }
}

fn parse_cmd(paths: &[PathBuf], json: bool) -> ExitCode {
    let files = text::collect_inputs(paths);
    if files.is_empty() {
        eprintln!("错误：没有找到 .txt 或 .docx 文件");
        return ExitCode::FAILURE;
    }
    let mut speeches = Vec::new();
    let mut failed = 0;
    for f in &files {
        match outline::parse_file(f) {
            Ok(s) => speeches.push(s),
            Err(e) => {
                failed += 1;
                eprintln!("错误：{e}");
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let written = if json {
        let value = if files.len() == 1 && speeches.len() == 1 {
            serde_json::to_string_pretty(&speeches[0])
        } else {
            serde_json::to_string_pretty(&speeches)
        };
        match value {
            Ok(v) => writeln!(out, "{v}"),
            Err(e) => {
                eprintln!("错误：无法生成 JSON：{e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        speeches
            .iter()
            .try_for_each(|s| write!(out, "{}", render_outline(s)))
    };
    if written.is_err() {
        // Closed pipe (e.g. `| head`): nothing more to say.
        return ExitCode::SUCCESS;
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// An indented, readable outline of a speech.
pub fn render_outline(s: &Speech) -> String {
    let mut o = String::new();
    o.push_str(&format!("文件：{}（编码 {}）\n", s.source, s.encoding));
    o.push_str(&format!(
        "标题：{}\n",
        s.title.as_deref().unwrap_or("（无）")
    ));
    if let Some(sub) = &s.subtitle {
        o.push_str(&format!("副标题：{sub}\n"));
    }
    for m in &s.meta {
        o.push_str(&format!("署名/日期：{m}\n"));
    }
    o.push_str(&format!(
        "称谓：{}\n",
        s.salutation.as_deref().unwrap_or("（无）")
    ));
    o.push_str(&format!("开头：{} 段", s.opening.len()));
    if let Some(last) = s.opening.last() {
        o.push_str(&format!("，结尾句：{}", last_sentence(last)));
    }
    o.push('\n');
    fn walk(o: &mut String, secs: &[Section]) {
        for sec in secs {
            let indent = "  ".repeat(sec.level as usize);
            o.push_str(&format!(
                "{indent}{}{}（{} 段）\n",
                sec.marker,
                sec.heading,
                sec.paragraphs.len()
            ));
            walk(o, &sec.children);
        }
    }
    walk(&mut o, &s.sections);
    match s.closing.first() {
        Some(c) => o.push_str(&format!(
            "结尾：{} 段，{}\n",
            s.closing.len(),
            preview(c, 30)
        )),
        None => o.push_str("结尾：（无）\n"),
    }
    if !s.dropped.is_empty() {
        o.push_str(&format!("已删除 {} 行非正文内容：\n", s.dropped.len()));
        for d in &s.dropped {
            o.push_str(&format!(
                "  第 {} 行 [{}] {}\n",
                d.line,
                d.reason,
                preview(&d.text, 30)
            ));
        }
    }
    o.push('\n');
    o
}

fn preview(s: &str, n: usize) -> String {
    let mut p: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        p.push('…');
    }
    p
}

/// The last sentence of a paragraph, e.g. the "下面，我讲几点意见。" that ends an opening.
pub fn last_sentence(p: &str) -> &str {
    let trimmed = p.trim_end_matches(['。', '！', '？', '：']);
    let start = trimmed
        .rfind(['。', '！', '？'])
        .map_or(0, |i| i + '。'.len_utf8());
    &p[start..]
}
