//! The command line as a user meets it: Chinese help and errors, quiet closed pipes, and
//! broken RON files named with their place and fault.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Output, Stdio};

use jianggao::core::draft::{BlockKind, Draft};

use crate::fixtures::bin;

const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Reads one line of a command's output, closes the pipe, and waits for it to end.
fn first_line_then_close(args: &[&str]) -> (String, Output) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line).unwrap();
    } // the read end closes here, as `head -1` exits
    (line, child.wait_with_output().unwrap())
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [
        &["library", TEMPLATES][..],
        &["library", TEMPLATES, "--json"][..],
    ] {
        let (line, out) = first_line_then_close(args);
        assert!(!line.is_empty());
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // The output is long enough that the pipe really closes before the command is done.
    let whole = run(&["library", TEMPLATES, "--json"]);
    assert!(whole.stdout.len() > 1 << 17, "{}", whole.stdout.len());
}

/// English words clap would print.
const ENGLISH: [&str; 12] = [
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "[OPTIONS]",
    "[COMMAND]",
    "possible values",
    "default:",
    "error:",
    "For more information",
];

fn assert_chinese(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "「{word}」 in:\n{text}");
    }
}

#[test]
fn help_is_in_chinese_throughout() {
    let top = run(&["--help"]);
    assert!(top.status.success());
    let help = stdout(&top);
    assert_chinese(&help);
    for want in [
        "用法：jianggao [讲稿文件]\n       jianggao <命令>",
        "命令：",
        "参数：",
        "选项：",
        "-h, --help",
        "显示帮助",
        "-V, --version",
        "显示版本",
        "export",
        "导出讲稿",
    ] {
        assert!(help.contains(want), "「{want}」 missing in:\n{help}");
    }
    assert_eq!(stdout(&run(&["-h"])), help);
    let version = run(&["-V"]);
    assert!(version.status.success());
    assert_eq!(
        stdout(&version).trim(),
        format!("jianggao {}", env!("CARGO_PKG_VERSION"))
    );

    let export = stdout(&run(&["export", "--help"]));
    assert_chinese(&export);
    for want in [
        "用法：jianggao export [选项] --format <格式> --out <文件> <文件>",
        "--format <格式>",
        "（可选：txt、md、docx）",
        "--page-numbers <位置>",
        "（可选：outside、centred）（默认：outside）",
        "显示帮助",
    ] {
        assert!(export.contains(want), "「{want}」 missing in:\n{export}");
    }
    assert_eq!(stdout(&run(&["help", "export"])), export);
    assert_eq!(stdout(&run(&["help"])), help);
    let suggest = stdout(&run(&["suggest", "-h"]));
    assert_chinese(&suggest);
    assert!(suggest.contains("（默认：12）"), "{suggest}");
    assert!(
        !suggest.contains("（默认：）"),
        "no empty defaults shown: {suggest}"
    );
    for sub in ["parse", "mine", "library", "check"] {
        assert_chinese(&stdout(&run(&[sub, "--help"])));
    }
}

#[test]
fn usage_errors_are_in_chinese() {
    let cases: [(&[&str], &str); 5] = [
        (&["export"], "错误：缺少必需的参数："),
        (&["--bogus"], "错误：不认识的参数「--bogus」"),
        (
            &["export", "a.ron", "--format", "pdf", "--out", "b"],
            "错误：「pdf」不是 --format <格式> 可用的值",
        ),
        (
            &["suggest", "--library", "t", "-k", "十", "段落"],
            "应为非负整数",
        ),
        (
            &["library", TEMPLATES, "--jsn"],
            "提示：是不是要用「--json」？",
        ),
    ];
    for (args, want) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(want),
            "{args:?}: 「{want}」 missing in:\n{err}"
        );
        assert!(err.contains("用法：jianggao"), "{err}");
        assert!(err.contains("--help」查看帮助"), "{err}");
        assert_chinese(&err);
    }
    let err = stderr(&run(&["export", "a.ron", "--format", "pdf", "--out", "b"]));
    assert!(err.contains("可用的值：txt、md、docx"), "{err}");
    assert!(err.contains("运行「jianggao export --help」"), "{err}");
}

/// A draft file with one fault typed in by hand at line 4.
fn broken_draft(dir: &Path) -> std::path::PathBuf {
    let mut d = Draft::default();
    d.meta.title = "在全市机关党建工作会议上的讲话".into();
    d.insert_blank(BlockKind::Section, None);
    let text = d.to_ron();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Drop the colon after the first field name of `meta`.
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("title:"))
        .unwrap();
    lines[at] = lines[at].replacen("title:", "title", 1);
    let path = dir.join("讲稿.ron");
    std::fs::write(&path, lines.join("\n")).unwrap();
    assert!(Draft::load(&path).is_err());
    path
}

#[test]
fn a_broken_draft_or_library_file_is_named_with_line_column_and_fault() {
    let dir = tempfile::tempdir().unwrap();
    let draft = broken_draft(dir.path());
    let line = std::fs::read_to_string(&draft)
        .unwrap()
        .lines()
        .position(|l| l.trim_start().starts_with("title \""))
        .unwrap()
        + 1;
    let out = run(&["check", draft.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("讲稿.ron 第 {line} 行第")), "{err}");
    assert!(err.contains("键和值之间缺少冒号"), "{err}");
    assert!(!err.contains("Expected"), "{err}");

    // A library folder with a template file whose list never closes.
    let lib = dir.path().join("库");
    std::fs::create_dir(&lib).unwrap();
    let good = std::fs::read_to_string(Path::new(TEMPLATES).join("phrases.ron")).unwrap();
    std::fs::write(lib.join("phrases.ron"), &good).unwrap();
    std::fs::write(
        lib.join("坏.ron"),
        "(\n  version: 1,\n  templates: [\n    (id: \"x\"\n",
    )
    .unwrap();
    let out = run(&["library", lib.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("坏.ron 第 "), "{err}");
    assert!(err.contains("不是有效的模板库文件："), "{err}");
    assert!(
        !err.contains("Expected") && !err.contains("Unexpected"),
        "{err}"
    );
}
