//! Speeches laid out unlike the corpus: a title block with subtitle, date and speaker and
//! three levels; 首先/其次/最后 with no salutation; lines hard-wrapped mid-sentence.

use std::path::Path;

use jianggao::core::parse::pipeline::parse_file;

use crate::fixtures::heads;

fn layout(name: &str) -> jianggao::core::parse::speech::Speech {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/layouts")
        .join(name);
    parse_file(&p).unwrap()
}

#[test]
fn title_block_subtitle_speaker_and_three_levels() {
    let s = layout("title_block_and_three_levels.txt");
    assert_eq!(
        s.title.as_deref(),
        Some("坚定信心 真抓实干 奋力开创机关党建工作新局面")
    );
    assert_eq!(
        s.subtitle.as_deref(),
        Some("在2023年全市机关党建工作会议上的讲话")
    );
    assert_eq!(
        s.byline,
        vec!["（2023年3月15日）", "市委常委、秘书长 王某某"]
    );
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(s.sections.len(), 3);
    assert_eq!(s.sections[1].children[0].heading, "突出政治建设");
    let third: Vec<(String, String)> = heads(&s.sections[1].children[0].children);
    assert_eq!(
        third,
        vec![
            ("1.".to_string(), "加强理论武装".to_string()),
            ("2.".to_string(), "严肃党内政治生活".to_string())
        ]
    );
    assert_eq!(s.sections[1].children[0].children[0].level, 3);
    assert!(s.closing[0].starts_with("同志们，新时代机关党建工作"));
    let reasons: Vec<usize> = s.dropped.iter().map(|d| d.line).collect();
    assert_eq!(reasons, vec![1, 34, 35]);
}

#[test]
fn sequence_words_without_salutation() {
    let s = layout("sequence_words_no_salutation.txt");
    assert_eq!(s.title.as_deref(), Some("在全县组织工作会议上的讲话"));
    assert_eq!(s.salutation, None);
    let h: Vec<String> = s
        .sections
        .iter()
        .map(|x| format!("{}{}", x.marker, x.heading))
        .collect();
    assert_eq!(
        h,
        vec![
            "首先，要提高思想认识",
            "其次，要突出工作重点",
            "最后，要加强组织领导"
        ]
    );
    // "一是…二是…" inside one paragraph stays text.
    assert!(s.sections[1].children.is_empty());
    assert_eq!(
        s.sections[1].paragraphs,
        vec!["一是抓好班子建设，二是抓好队伍建设，三是抓好基层组织建设。"]
    );
    assert_eq!(s.closing, vec!["谢谢大家！"]);
}

#[test]
fn hard_wrapped_lines_are_rejoined() {
    let s = layout("hard_wrapped_lines.txt");
    assert_eq!(
        s.opening,
        vec![
            "刚才，10个乡镇党委书记作了述职，县委常委、组织部长对述职情况进行了点评，讲得很到位，我完全同意。下面，我再讲两点意见。"
        ]
    );
    assert_eq!(s.sections[0].paragraphs.len(), 2);
    assert!(s.sections[0].paragraphs[0].contains("取得了明显成效。一是责任意识"));
    assert!(s.sections[0].paragraphs[1].ends_with("有的基层组织软弱涣散。"));
    assert_eq!(s.sections[1].children.len(), 3);
    assert!(s.closing[0].starts_with("同志们，抓好基层党建"));
}

#[test]
fn a_speech_run_together_on_a_web_page_is_split_back() {
    let s = layout("run_in_from_a_web_page.txt");
    assert_eq!(s.title.as_deref(), Some("在全县机关党建工作推进会上的讲话"));
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert!(s.opening[0].starts_with("今天召开全县机关党建工作推进会"));
    assert!(s.opening[0].ends_with("下面，我讲三点意见。"));
    let tops: Vec<&str> = s.sections.iter().map(|x| x.marker.as_str()).collect();
    assert_eq!(tops, ["一、", "二、", "三、"]);
    assert_eq!(
        heads(&s.sections[1].children),
        vec![
            ("（一）".to_string(), "要夯实支部基础".to_string()),
            ("（二）".to_string(), "要锤炼过硬作风".to_string())
        ]
    );
    assert!(s.sections[2].children.is_empty());
    assert!(s.closing[0].starts_with("同志们，做好今年机关党建工作意义重大"));
    // Dropped lines keep their numbers in the file, though the run-in line was split.
    let dropped: Vec<usize> = s.dropped.iter().map(|d| d.line).collect();
    assert_eq!(dropped, vec![1, 2, 4]);
}

#[test]
fn short_lines_with_no_number_over_their_paragraphs_are_headings() {
    let s = layout("unnumbered_heading_lines.txt");
    let h: Vec<String> = s.sections.iter().map(|x| x.heading.clone()).collect();
    assert_eq!(
        h,
        vec![
            "在学思践悟中坚定理想信念",
            "在急难险重中锤炼担当本领",
            "在严守纪律中涵养清风正气"
        ]
    );
    assert!(s.opening[0].starts_with("今天，我们召开"));
    // The points a part numbers in its paragraphs (一是, 二是) sit under it.
    let points: Vec<(String, String)> = heads(&s.sections[0].children);
    assert_eq!(points.len(), 2, "{points:?}");
    assert_eq!(points[0].0, "一是");
    assert_eq!(s.sections[0].children[0].level, 2);
    assert!(s.sections[2].paragraphs[0].starts_with("物必先腐"));
    assert!(s.closing[0].starts_with("同志们，青年干部"));
}
