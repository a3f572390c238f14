//! RON parse errors in Chinese: which file, where, and what is wrong, for a writer who
//! opened a draft or library file in a text editor (ron's own messages are English).

use ron::Error;

/// "讲稿.ron 第 3 行第 7 列" — or only the file when the place is unknown.
pub fn place(path: &str, position: Option<(usize, usize)>) -> String {
    match position {
        Some((line, col)) => format!("{path} 第 {line} 行第 {col} 列"),
        None => path.to_string(),
    }
}

/// Where a parse error is: ron counts lines and columns from 1.
pub fn position(e: &ron::error::SpannedError) -> Option<(usize, usize)> {
    let p = e.span.start;
    (p.line > 0).then_some((p.line, p.col))
}

/// A lexicon file (topics, specifics, dated or standard formulations) that does not
/// parse: "topics.ron 第 3 行第 7 列：主题词表格式错误：缺少逗号".
pub fn lexicon(origin: &str, what: &str, e: &ron::error::SpannedError) -> String {
    format!(
        "{}：{what}格式错误：{}",
        place(origin, position(e)),
        describe(&e.code)
    )
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("「{n}」"))
        .collect::<Vec<_>>()
        .join("、")
}

/// What is wrong, in Chinese.
pub fn describe(e: &Error) -> String {
    match e {
        Error::Eof => "文件意外结束，可能缺少右括号、右方括号或引号".into(),
        Error::ExpectedArray => "这里应为列表 [ … ]".into(),
        Error::ExpectedArrayEnd => "列表没有以 ] 结束，或元素之间缺少逗号".into(),
        Error::ExpectedAttribute | Error::ExpectedAttributeEnd => {
            "文件开头的 #![…] 属性写法有误".into()
        }
        Error::ExpectedBoolean => "这里应为 true 或 false".into(),
        Error::ExpectedComma => "缺少逗号".into(),
        Error::ExpectedChar => "这里应为单个字符，如 'a'".into(),
        Error::ExpectedByteLiteral | Error::ExpectedByteString => "这里应为字节串".into(),
        Error::ExpectedFloat => "这里应为数字".into(),
        Error::FloatUnderscore | Error::UnderscoreAtBeginning => "数字中的下划线位置不对".into(),
        Error::ExpectedInteger => "这里应为整数".into(),
        Error::ExpectedOption => "这里应为 Some(…) 或 None".into(),
        Error::ExpectedOptionEnd => "Some(…) 缺少右括号".into(),
        Error::ExpectedMap => "这里应为 { 键: 值 } 形式的映射".into(),
        Error::ExpectedMapColon => "键和值之间缺少冒号「:」".into(),
        Error::ExpectedMapEnd => "映射没有以 } 结束，或条目之间缺少逗号".into(),
        Error::ExpectedDifferentStructName { expected, found } => {
            format!("这里应为 {expected}(…)，文件中写的是 {found}")
        }
        Error::ExpectedStructLike => "这里应为用圆括号括起的一组字段 ( … )".into(),
        Error::ExpectedNamedStructLike("") => "这里应为用圆括号括起的一组字段 ( … )".into(),
        Error::ExpectedNamedStructLike(name) => format!("这里应为 {name}( … )"),
        Error::ExpectedStructLikeEnd => "缺少右括号「)」，或字段之间缺少逗号".into(),
        Error::ExpectedUnit => "这里应为 ()".into(),
        Error::ExpectedString => "这里应为带双引号的文字".into(),
        Error::ExpectedStringEnd => "文字缺少结尾的双引号".into(),
        Error::ExpectedIdentifier => "这里应为字段名".into(),
        Error::InvalidEscape(what) => format!("无效的转义符（{what}）"),
        Error::IntegerOutOfBounds => "整数超出范围".into(),
        Error::InvalidIntegerDigit { digit, base } => {
            format!("整数中有无效的数字「{digit}」（{base} 进制）")
        }
        Error::NoSuchExtension(ext) => format!("未知的 RON 扩展「{ext}」"),
        Error::UnclosedBlockComment => "注释 /* 没有以 */ 结束".into(),
        Error::UnclosedLineComment => "最后一行注释没有换行结束".into(),
        Error::UnexpectedChar(c) => format!("这里不应出现字符「{c}」"),
        Error::Utf8Error(_) => "文件不是有效的 UTF-8 文本".into(),
        Error::TrailingCharacters => "内容结束后还有多余的字符".into(),
        Error::InvalidValueForType { expected, found } => {
            format!("值的类型不对：应为 {expected}，文件中是 {found}")
        }
        Error::ExpectedDifferentLength { expected, found } => {
            format!("元素个数不对：应为 {expected}，文件中有 {found} 个")
        }
        // `outer` names a Rust type, which says nothing to a writer: the place does.
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => format!("「{found}」不是可用的取值，可用的有 {}", list(expected)),
        Error::NoSuchStructField {
            expected, found, ..
        } => format!("未知的字段「{found}」，可用的有 {}", list(expected)),
        Error::MissingStructField { field, .. } => format!("缺少字段「{field}」"),
        Error::DuplicateStructField { field, .. } => format!("字段「{field}」重复"),
        Error::InvalidIdentifier(id) => format!("无效的名字「{id}」"),
        Error::SuggestRawIdentifier(id) => format!("名字「{id}」需写成 r#{id}"),
        Error::ExpectedRawValue => "这里应为一个 RON 值".into(),
        Error::ExceededRecursionLimit => "嵌套层数过多".into(),
        Error::ExpectedStructName(name) => format!("这里应写出结构名 {name}"),
        Error::ExpectedRangeSyntax => "范围的写法有误".into(),
        Error::Io(msg) => format!("读取失败：{msg}"),
        Error::Message(msg) => msg.clone(),
        // Fmt, and variants a later ron may add.
        other => format!("格式错误（{other}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_names_its_file_and_place_in_chinese() {
        let e = crate::core::lexicon::topics::TopicLexicon::parse(
            "(version: 1 topics: [])",
            "topics.ron",
        )
        .unwrap_err();
        assert!(e.starts_with("topics.ron 第 1 行第 "), "{e}");
        assert!(
            e.contains("主题词表格式错误：") && !e.contains("Expected"),
            "{e}"
        );
        let e =
            crate::core::lexicon::dated::Formulations::parse("(", "formulations.ron").unwrap_err();
        assert!(
            e.contains("过时提法词表格式错误：") && !e.contains("Expected"),
            "{e}"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        speaker: String,
    }

    fn parse_err(text: &str) -> ron::error::SpannedError {
        ron::from_str::<Meta>(text).unwrap_err()
    }

    #[test]
    fn a_missing_colon_is_named_with_its_place() {
        let e = parse_err("(\n  title: \"讲话\",\n  speaker \"张明\",\n)");
        assert_eq!(describe(&e.code), "键和值之间缺少冒号「:」");
        assert_eq!(position(&e), Some((3, 10)));
        assert_eq!(place("a.ron", position(&e)), "a.ron 第 3 行第 10 列");
    }

    #[test]
    fn unknown_and_missing_fields_say_which() {
        let e = parse_err("(title: \"讲话\", speeker: \"张明\")");
        let msg = describe(&e.code);
        assert!(
            msg.contains("未知的字段「speeker」") && msg.contains("「speaker」"),
            "{msg}"
        );
        let e = parse_err("(title: \"讲话\")");
        assert!(describe(&e.code).contains("缺少字段「speaker」"));
        let e = parse_err("(title: \"讲话");
        assert!(describe(&e.code).contains("引号"), "{}", describe(&e.code));
    }
}
