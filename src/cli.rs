//! The command line: the same core as the app, without a window.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::export::docx_write::PageNumbers;
use crate::core::export::{ExportOptions, TextEncoding};
use crate::core::parse::pipeline;
use crate::core::parse::read;
use crate::core::parse::speech::Speech;

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
    /// 不带命令时打开窗口；可给出要打开的讲稿文件（.ron）
    #[arg(value_name = "讲稿文件")]
    pub open: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// 新建讲稿文件（.ron），写入会议信息
    New {
        /// 讲稿标题
        #[arg(long, default_value = "")]
        title: String,
        /// 会议名称
        #[arg(long, default_value = "")]
        meeting: String,
        /// 单位
        #[arg(long, default_value = "")]
        unit: String,
        /// 讲话人
        #[arg(long, default_value = "")]
        speaker: String,
        /// 日期（YYYY-MM-DD）
        #[arg(long, default_value = "")]
        date: String,
        /// 输出的讲稿文件（已存在时不覆盖）
        #[arg(long)]
        out: PathBuf,
    },
    /// 把模板插入讲稿，与窗口中「插入到讲稿」相同
    Add {
        /// 讲稿文件（.ron）
        file: PathBuf,
        /// 模板编号（jianggao library --json 中的 id），可给多个
        #[arg(required = true)]
        templates: Vec<String>,
        /// 插在讲稿的哪一段之后，如 二 或 二/（一）或 开头；省略时按段落种类放在默认位置
        #[arg(long)]
        at: Option<String>,
        /// 模板库文件夹；省略时用已安装的模板库（随附的加上导入的）
        #[arg(long)]
        library: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 不开窗口起草讲稿：新建、插入模板
    #[command(subcommand)]
    Draft(DraftCommand),
    /// 解析讲话稿文件（.txt 任意中文编码 / .docx），输出提纲
    Parse {
        /// 一个或多个文件或文件夹
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
        /// 以 JSON 输出（多个文件时为数组）
        #[arg(long)]
        json: bool,
    },
    /// 从讲话稿文件夹提炼模板与提法，写入模板库文件夹
    Mine {
        /// 语料文件夹或文件（递归读取 .txt 和 .docx）
        #[arg(required = true, value_name = "语料")]
        inputs: Vec<PathBuf>,
        /// 输出的模板库文件夹（已有模板库时按来源文件合并）
        #[arg(long, value_name = "文件夹")]
        out: PathBuf,
        /// 用新提炼的内容整体替换已有的模板库（删除其他来源的模板文件）
        #[arg(long)]
        replace: bool,
    },
    /// 查看模板库
    Library {
        /// 模板库文件夹；省略时为已安装的模板库（随附的加上导入的）
        #[arg(value_name = "模板库")]
        dir: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 为正在写的段落推荐提法
    Suggest {
        /// 模板库文件夹；省略时为已安装的模板库（随附的加上导入的）
        #[arg(long, value_name = "模板库")]
        library: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 推荐条数（与编辑器侧栏相同）
        #[arg(short = 'k', default_value_t = crate::core::suggest::SHOWN, value_name = "条数")]
        k: usize,
        /// 段落所在的小标题
        #[arg(
            long,
            default_value = "",
            hide_default_value = true,
            value_name = "小标题"
        )]
        heading: String,
        /// 讲话日期（YYYY-MM-DD，默认今天），过时提法按此判断
        #[arg(long, value_name = "日期")]
        date: Option<String>,
        /// 只推荐这些类型（term、quote、parallel、idiom、heading_frame、collocation、standard）
        #[arg(long = "kind", value_name = "类型")]
        kinds: Vec<String>,
        /// 段落所在位置：开头、结尾或正文（开头、结尾优先推荐往年讲话开头、结尾用过的提法）
        #[arg(long, value_name = "位置", default_value = "正文", value_parser = parse_role)]
        role: crate::core::suggest::Role,
        /// 正在写的段落；为空时按小标题推荐并列标题
        #[arg(default_value = "", hide_default_value = true, value_name = "段落")]
        context: String,
    },
    /// 导出讲稿（.ron）或任意讲话稿文件为文本、Markdown 或 Word（公文版式）
    Export {
        /// 讲稿文件（.ron）或讲话稿（.txt/.docx）
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 格式：txt、md 或 docx
        #[arg(long, value_name = "格式", value_parser = format_parser())]
        format: crate::core::export::Format,
        /// Word 大字版（讲台用）
        #[arg(long)]
        large: bool,
        /// Word 页码位置：outside 单页居右、双页居左（GB/T 9704），centred 居中
        #[arg(long, value_enum, value_name = "位置", default_value = "outside")]
        page_numbers: PageNumbersArg,
        /// 文本用 GB18030 编码（旧版 Windows 软件）
        #[arg(long)]
        gb18030: bool,
        /// 输出文件
        #[arg(long, value_name = "文件")]
        out: PathBuf,
    },
    /// 交稿前检查：未填空位、沿用原稿、过时提法、提法不规范、重复、篇幅、编号、标点、照搬比例。发现“错误”时退出码为 1
    Check {
        /// 讲稿文件（.ron）或讲话稿（.txt/.docx）
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 讲话日期 YYYY-MM-DD（默认取讲稿的会议日期，否则今天）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 另加一个模板库目录（与内置库一起比对沿用原稿）
        #[arg(long)]
        library: Option<PathBuf>,
    },
    /// 显示帮助，或某个命令的帮助
    Help {
        /// 命令名，如 export
        #[arg(value_name = "命令")]
        command: Option<String>,
    },
}

/// Where the page numbers go, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PageNumbersArg {
    /// 单页居右、双页居左（GB/T 9704）
    Outside,
    /// 居中
    Centred,
}

impl From<PageNumbersArg> for PageNumbers {
    fn from(p: PageNumbersArg) -> Self {
        match p {
            PageNumbersArg::Outside => PageNumbers::Outside,
            PageNumbersArg::Centred => PageNumbers::Centred,
        }
    }
}

/// The export formats: clap lists and checks the names, the core parses them (the core
/// never depends on clap).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = crate::core::export::Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["txt", "md", "docx"])
        .try_map(|s| s.parse::<crate::core::export::Format>())
}

/// Runs a subcommand; the caller prints nothing else. Output to a closed pipe
/// (`jianggao library … | head`) ends the command quietly.
pub fn run(command: Command) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let done = dispatch(command, &mut out).and_then(|code| out.flush().map(|()| code));
    match done {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：无法输出：{e}");
            ExitCode::FAILURE
        }
    }
}

/// `--role`: 开头, 结尾 or 正文 (or opening, closing, body).
fn parse_role(s: &str) -> Result<crate::core::suggest::Role, String> {
    crate::core::suggest::Role::parse(s)
        .ok_or_else(|| format!("位置应为 开头、结尾 或 正文，而不是“{s}”"))
}

// Over 80 lines: one arm per subcommand, each a call.
fn dispatch(command: Command, out: &mut dyn Write) -> io::Result<ExitCode> {
    match command {
        Command::Parse { files, json } => parse_cmd(&files, json, out),
        Command::Mine {
            inputs,
            out: dest,
            replace,
        } => crate::cli_library::mine_cmd(&inputs, &dest, replace, out),
        Command::Library { dir, json } => {
            crate::cli_library::library_cmd(dir.as_deref(), json, out)
        }
        Command::Suggest {
            library,
            json,
            k,
            heading,
            date,
            kinds,
            role,
            context,
        } => crate::cli_library::suggest_cmd(
            library.as_deref(),
            json,
            &crate::cli_library::SuggestArgs {
                k,
                heading,
                date,
                kinds,
                context,
                role,
            },
            out,
        ),
        Command::Export {
            file,
            format,
            large,
            page_numbers,
            gb18030,
            out: dest,
        } => {
            let opts = ExportOptions {
                large,
                encoding: if gb18030 {
                    TextEncoding::Gb18030
                } else {
                    TextEncoding::Utf8
                },
                page_numbers: page_numbers.into(),
            };
            crate::cli_deliver::export_cmd(&file, &dest, &opts, format, out)
        }
        Command::Check {
            file,
            date,
            json,
            library,
        } => crate::cli_deliver::check_cmd(&file, date, json, library.as_deref(), out),
        Command::Draft(DraftCommand::New {
            title,
            meeting,
            unit,
            speaker,
            date,
            out: dest,
        }) => Ok(crate::cli_draft::new_cmd(
            crate::cli_draft::NewDraft {
                title,
                meeting,
                unit,
                speaker,
                date,
            },
            &dest,
        )),
        Command::Draft(DraftCommand::Add {
            file,
            templates,
            at,
            library,
        }) => Ok(crate::cli_draft::add_cmd(
            &file,
            &templates,
            at.as_deref(),
            library.as_ref(),
        )),
        Command::Help { command } => match crate::cli_zh::help_text(command.as_deref()) {
            Ok(text) => {
                write!(out, "{text}")?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("错误：{e}");
                Ok(ExitCode::FAILURE)
            }
        },
    }
}

fn parse_cmd(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> io::Result<ExitCode> {
    let files = read::collect_inputs(paths);
    if files.is_empty() {
        eprintln!("错误：没有找到 .txt 或 .docx 文件");
        return Ok(ExitCode::FAILURE);
    }
    let mut speeches = Vec::new();
    let mut failed = 0;
    for f in &files {
        match pipeline::parse_file_all(f) {
            Ok(s) => speeches.extend(s),
            Err(e) => {
                failed += 1;
                eprintln!("错误：{e}");
            }
        }
    }
    if json {
        let value = if files.len() == 1 && speeches.len() == 1 {
            serde_json::to_string_pretty(&speeches[0])
        } else {
            serde_json::to_string_pretty(&speeches)
        };
        match value {
            Ok(v) => writeln!(out, "{v}")?,
            Err(e) => {
                eprintln!("错误：无法生成 JSON：{e}");
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        for s in &speeches {
            write!(out, "{}", render_outline(s))?;
        }
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
    for m in &s.byline {
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
    for sec in s.all_sections() {
        let indent = "  ".repeat(sec.level as usize);
        o.push_str(&format!(
            "{indent}{}{}（{} 段）\n",
            sec.marker,
            sec.heading,
            sec.paragraphs.len()
        ));
    }
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
