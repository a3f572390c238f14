//! The user's idiom list and standard formulations in the data folder: `jianggao
//! suggest` (and the app) use them; a file that does not load is named with its line and
//! column, and the shipped list stays.

use crate::fixtures::bin;

/// `jianggao suggest --kind standard` with the data folder at `dir`: (stdout texts, stderr).
fn standard_suggestions(dir: &std::path::Path, context: &str) -> (Vec<String>, String) {
    let out = bin()
        .env("XDG_DATA_HOME", dir)
        .args([
            "suggest",
            "--json",
            "--date",
            "2026-06-01",
            "--kind",
            "standard",
        ])
        .arg(context)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap().to_string())
        .collect();
    (texts, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_users_standard_formulations_replace_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("jianggao");
    std::fs::create_dir_all(&data).unwrap();
    let context = "深入推进文明实践，用党的创新理论凝心铸魂";
    let (shipped, _) = standard_suggestions(dir.path(), context);
    assert!(
        !shipped.iter().any(|t| t == "新时代文明实践"),
        "{shipped:?}"
    );

    std::fs::write(
        data.join("standard.ron"),
        "(version: 1, formulations: [(text: \"新时代文明实践\", since: \"2018-07-06\")])",
    )
    .unwrap();
    let (mine, err) = standard_suggestions(dir.path(), context);
    assert_eq!(mine, vec!["新时代文明实践".to_string()], "{err}");

    // A broken copy is named with its place, and the shipped list stays.
    std::fs::write(
        data.join("standard.ron"),
        "(version: 1,\n formulations: [(text: \"新时代文明实践\" since: \"2018-07-06\")])",
    )
    .unwrap();
    let (texts, err) = standard_suggestions(dir.path(), context);
    assert!(err.contains("standard.ron 第 2 行第"), "{err}");
    assert_eq!(texts, shipped);
    std::fs::write(
        data.join("standard.ron"),
        "(version: 1, formulations: [(text: \"新时代文明实践\", since: \"2018年\")])",
    )
    .unwrap();
    let (_, err) = standard_suggestions(dir.path(), context);
    assert!(
        err.contains("standard.ron") && err.contains("新时代文明实践"),
        "{err}"
    );
}

#[test]
fn a_bad_idiom_list_is_named_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("jianggao");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("idioms.txt"),
        "# 补充\n风雨无阻\n-贯彻落实\n驰而不息2\n",
    )
    .unwrap();
    let (_, err) = standard_suggestions(dir.path(), "加强作风建设");
    assert!(err.contains("idioms.txt 第 4 行第 5 列"), "{err}");
    std::fs::write(data.join("idioms.txt"), "风雨无阻\n-贯彻落实\n").unwrap();
    let (_, err) = standard_suggestions(dir.path(), "加强作风建设");
    assert!(!err.contains("idioms.txt"), "{err}");
}
