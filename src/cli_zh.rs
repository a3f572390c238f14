//! The command line in Chinese: clap's help layout, headings, flags and error messages
//! are English, so the command tree is rewritten after derive builds it, and parse errors
//! are told from their kind and context rather than clap's own text.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::cli::Cli;

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
const OPTIONS: &str = "选项";
const ARGUMENTS: &str = "参数";
const COMMANDS: &str = "命令";

/// The parsed command line; help, version and errors are printed in Chinese and end the
/// process as clap would (0 for help and version, 2 for a usage error).
pub fn parse() -> Cli {
    parse_from(std::env::args_os()).unwrap_or_else(|(text, code, to_stdout)| {
        if to_stdout {
            print!("{text}");
        } else {
            eprint!("{text}");
        }
        std::process::exit(code)
    })
}

/// Parses `args`; on help, version or an error gives the text to print, the exit code, and
/// whether the text goes to stdout.
pub fn parse_from<I, T>(args: I) -> Result<Cli, (String, i32, bool)>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let told = |e: clap::Error, cmd: &mut Command| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => (full_width_colons(e), 0, true),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (full_width_colons(e), 2, false),
        _ => (message(&e, subcommand_of(cmd, &args)), 2, false),
    };
    let matches = cmd
        .try_get_matches_from_mut(args.clone())
        .map_err(|e| told(e, &mut cmd))?;
    Cli::from_arg_matches(&matches).map_err(|e| told(e, &mut cmd))
}

/// The subcommand the arguments name (the first one that is a subcommand's name), or the
/// whole program: whose usage an error shows.
fn subcommand_of<'a>(cmd: &'a mut Command, args: &[std::ffi::OsString]) -> &'a mut Command {
    let name = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| cmd.find_subcommand(a).is_some())
        .map(str::to_string);
    match name {
        Some(n) => cmd.find_subcommand_mut(n).expect("found just above"),
        None => cmd,
    }
}

/// The help text with 命令：/参数：/选项： (clap puts an ASCII colon after each heading).
fn full_width_colons(e: clap::Error) -> String {
    styled_text(&e.render())
}

fn styled_text(styled: &clap::builder::StyledStr) -> String {
    let mut text = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    for h in [COMMANDS, ARGUMENTS, OPTIONS] {
        text = text.replace(&format!("{h}:"), &format!("{h}："));
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// The help of the program or of one of its commands (`jianggao help export`).
pub fn help_text(name: Option<&str>) -> Result<String, String> {
    let mut cmd = command();
    let target = match name {
        None => &mut cmd,
        Some(n) => cmd
            .find_subcommand_mut(n)
            .ok_or_else(|| format!("没有「{n}」这个命令"))?,
    };
    Ok(styled_text(&target.render_help()))
}

/// The whole command tree with Chinese help.
pub fn command() -> Command {
    let mut cmd = localize(Cli::command(), true);
    cmd.build();
    chinese_usage(&mut cmd);
    cmd
}

/// Chinese headings, help and version flags, and the possible and default values told in
/// Chinese in each argument's own help, for a command and all its subcommands.
fn localize(cmd: Command, top: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(COMMANDS)
        .subcommand_value_name(COMMANDS)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading(OPTIONS),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading(OPTIONS),
        );
    }
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, localize_arg);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |c| localize(c, false));
    }
    cmd
}

fn localize_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let takes_value = a.get_action().takes_values();
    let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !values.is_empty() {
        help.push_str(&format!("（可选：{}）", values.join("、")));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
        .collect();
    // An empty default ("nothing given") says nothing worth printing.
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push_str(&format!("（默认：{}）", defaults.join("、")));
    }
    let a = a.help_heading(heading).help(help);
    if takes_value {
        a.hide_possible_values(true).hide_default_value(true)
    } else {
        a
    }
}

/// Usage lines with Chinese placeholders, for help and errors alike.
fn chinese_usage(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", &format!("[{OPTIONS}]"));
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        chinese_usage(sub);
    }
}

fn text(v: Option<&ContextValue>) -> Option<String> {
    match v? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(_) | ContextValue::None => None,
        _ => None,
    }
}

/// What went wrong, in Chinese.
fn what(e: &clap::Error) -> String {
    let get = |k| text(e.get(k)).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数「{arg}」"),
        ErrorKind::InvalidSubcommand => {
            format!("没有「{}」这个命令", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("「{value}」不是 {arg} 可用的值"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| {
                    if s.is::<std::num::ParseIntError>() {
                        "应为非负整数".to_string()
                    } else {
                        s.to_string()
                    }
                })
                .unwrap_or_default();
            format!("{arg} 的值「{value}」无效：{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() {
                format!("{arg} 不能与其他参数同时使用")
            } else {
                format!("{arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::TooManyValues => format!("多余的值「{value}」：{arg} 不接受更多的值"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值需用「=」写在后面"),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => format!("命令行有误（{}）", e.kind()),
    }
}

/// The whole error text: what went wrong, a hint when clap has one, the usage, and where
/// to find help.
fn message(e: &clap::Error, cmd: &mut Command) -> String {
    let mut s = format!("错误：{}\n", what(e));
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| text(e.get(k)));
    if let Some(hint) = suggested {
        s.push_str(&format!("  提示：是不是要用「{hint}」？\n"));
    }
    if let Some(valid) = text(e.get(ContextKind::ValidValue)) {
        s.push_str(&format!("  可用的值：{valid}\n"));
    }
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    // "jianggao export [选项] …" → "jianggao export": the command the help is for.
    let command: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    s.push_str(&format!(
        "\n用法：{usage}\n\n运行「{} --help」查看帮助。\n",
        command.join(" ")
    ));
    s
}
