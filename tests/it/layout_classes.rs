//! One fixture per layout class seen in real speech files (issue 13): titles over two
//! lines or naming the speech as a 发言/致辞, subtitles and bylines, salutations with
//! several addressees, sibling lists at one depth, gaps and restarts in numbering, two
//! speeches in a file, closings, items led by ——, 首先/最后 as plain words, blog exports,
//! GBK and UTF-16. Each outline is asserted whole.

use std::path::{Path, PathBuf};

use jianggao::core::parse::pipeline::{parse_file, parse_file_all};
use jianggao::core::parse::speech::{Section, Speech};

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/layouts")
        .join(name)
}

fn layout(name: &str) -> Speech {
    parse_file(&path(name)).unwrap()
}

/// Every heading as "level marker heading", depth first.
pub fn outline(s: &Speech) -> Vec<String> {
    fn walk(out: &mut Vec<String>, secs: &[Section]) {
        for x in secs {
            out.push(format!("{} {} {}", x.level, x.marker, x.heading));
            walk(out, &x.children);
        }
    }
    let mut out = Vec::new();
    walk(&mut out, &s.sections);
    out
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_title_over_two_lines_with_subtitle_byline_and_several_addressees() {
    let s = layout("two_line_title_several_addressees.txt");
    assert_eq!(
        s.title.as_deref(),
        Some("坚持守正创新 勇于担当作为 奋力推动全县宣传思想文化工作高质量发展")
    );
    assert_eq!(
        s.subtitle.as_deref(),
        Some("在全县宣传思想文化工作会议上的讲话")
    );
    assert_eq!(s.byline, strs(&["县委副书记 李某某", "（2025年3月6日）"]));
    assert_eq!(
        s.salutation.as_deref(),
        Some("尊敬的刘书记、陈县长，各位老领导，同志们：")
    );
    assert_eq!(s.opening.len(), 1);
    assert_eq!(
        outline(&s),
        strs(&[
            "1 一、 提高站位，准确把握宣传思想文化工作的新形势",
            "1 二、 突出重点，扎实做好今年各项工作",
            "2 （一） 抓好理论武装",
            "2 （二） 做强主流舆论",
            "1 三、 加强领导，凝聚齐抓共管的工作合力",
        ])
    );
    assert_eq!(s.closing.len(), 1);
    assert!(s.closing[0].starts_with("最后，希望全县宣传思想文化战线"));
    assert_eq!(s.dropped.iter().map(|d| d.line).collect::<Vec<_>>(), [1]);
}

#[test]
fn a_title_naming_a_fayan_is_the_title_and_the_speaker_under_the_closing_a_byline() {
    let s = layout("title_ending_in_fayan.txt");
    assert_eq!(
        s.title.as_deref(),
        Some("在县委理论学习中心组专题学习会上的发言")
    );
    assert_eq!(s.salutation, None);
    assert_eq!(
        s.opening,
        strs(&["按照这次学习会的安排，我结合分管工作，谈几点学习体会。"])
    );
    assert_eq!(
        outline(&s),
        strs(&[
            "1 第一， 要在学深悟透上下功夫",
            "1 第二， 要在联系实际上下功夫",
            "1 第三， 要在检视问题上下功夫",
        ])
    );
    assert_eq!(s.closing, strs(&["以上发言，不妥之处，请大家批评指正。"]));
    assert_eq!(s.byline, strs(&["县政府副县长 赵某某", "2025年4月10日"]));
    assert!(s.dropped.is_empty(), "{:?}", s.dropped);
}

#[test]
fn separate_runs_at_one_depth_stay_siblings() {
    let s = layout("sibling_runs_at_one_depth.txt");
    assert_eq!(
        outline(&s),
        strs(&[
            "1 一、 客观看待上半年基层党建工作",
            "2 第一， 责任体系更加健全",
            "2 第二， 基础保障更加有力",
            "2 第三， 组织活力不断增强",
            "2 一是 部分党组织书记抓党建的能力还有差距，工作思路不够清晰",
            "2 二是 一些基层党组织政治功能发挥不够充分，组织生活质量不高",
            "2 三是 个别地方党员队伍结构老化，后继乏人的问题比较突出",
            "2 一要 坚持问题导向，逐项建立整改清单",
            "2 二要 坚持标本兼治，注重从制度上堵塞漏洞",
            "1 二、 扎实推进下半年重点任务",
            "2 （一） 持续加强班子建设",
            "2 （二） 持续抓好党员管理",
            "3 1. 要健全工作台账，对流动党员情况做到底数清、情况明",
            "3 2. 要创新管理方式，依托网络平台开展学习教育和组织生活",
        ])
    );
    assert_eq!(
        s.sections[0].children[5].paragraphs,
        strs(&["对这些问题，必须高度重视，切实加以解决。"])
    );
    assert_eq!(s.closing.len(), 1);
    assert!(s.closing[0].starts_with("同志们，基层党建工作任务繁重"));
}

#[test]
fn a_gap_in_the_numbers_and_a_second_part_numbered_again() {
    let s = layout("numbering_gap_and_second_part.txt");
    assert_eq!(
        outline(&s),
        strs(&[
            "1 一、 经济运行稳中向好",
            "1 三、 项目建设提速增效",
            "1 四、 民生保障持续加强",
            "1 一、 坚定发展信心",
            "1 二、 狠抓工作落实",
            "2 （一） 抓好重点项目",
            "2 （二） 优化营商环境",
        ])
    );
    assert_eq!(s.opening.len(), 1);
    assert_eq!(s.sections[2].paragraphs.len(), 2);
    assert!(s.closing[0].starts_with("同志们，新的一年"));
}

/// An excerpt (or a file whose first part was lost): the numbering starts at 二、 and its
/// points at （二）; both are still lists. 其次 alone would still be a plain word.
#[test]
fn numbering_that_starts_at_two_is_still_the_outline() {
    let s = layout("excerpt_starting_at_two.txt");
    assert_eq!(
        outline(&s),
        strs(&[
            "1 二、 突出抓好村级组织建设",
            "2 （二） 选优配强村党组织书记",
            "2 （三） 加强村干部日常管理",
            "1 三、 持续推进党建引领乡村振兴",
        ])
    );
    assert_eq!(s.opening.len(), 1);
    assert!(s.closing[0].starts_with("同志们，让我们"));
}

#[test]
fn two_speeches_in_one_file_are_two_speeches() {
    let all = parse_file_all(&path("two_speeches_in_one_file.txt")).unwrap();
    assert_eq!(all.len(), 2);
    let (a, b) = (&all[0], &all[1]);
    assert_eq!(a.title.as_deref(), Some("在全镇安全生产工作会议上的讲话"));
    assert_eq!(b.title.as_deref(), Some("在全镇防汛工作部署会上的讲话"));
    assert_eq!(
        outline(a),
        strs(&[
            "1 一、 认清形势，增强做好安全生产工作的紧迫感",
            "1 二、 突出重点，扎实开展隐患排查整治",
            "1 三、 压实责任，确保各项措施落到实处",
        ])
    );
    assert!(a.closing[0].starts_with("同志们，安全生产责任重于泰山"));
    assert_eq!(b.salutation.as_deref(), Some("同志们："));
    assert_eq!(
        outline(b),
        strs(&[
            "1 一、 思想上要高度重视",
            "1 二、 准备上要扎实充分",
            "1 三、 值守上要严格规范",
            "1 四、 处置上要快速有效",
        ])
    );
    assert_eq!(b.closing, strs(&["谢谢大家！"]));
    assert!(a.dropped.is_empty() && b.dropped.is_empty());
    // The first of the two is what a caller asking for one speech gets.
    assert_eq!(layout("two_speeches_in_one_file.txt"), *a);
}

#[test]
fn a_closing_is_what_ends_the_speech_not_an_address_in_the_middle() {
    let s = layout("closings_and_mid_speech_addresses.txt");
    assert_eq!(
        outline(&s),
        strs(&[
            "1 一、 正视问题，切实增强转变作风的自觉性",
            "1 二、 标本兼治，推动作风建设常态长效",
        ])
    );
    assert_eq!(s.sections[1].paragraphs.len(), 5);
    assert!(s.sections[1].paragraphs[0].starts_with("同志们，作风问题不是小事"));
    assert_eq!(s.closing.len(), 2);
    assert!(s.closing[0].starts_with("最后，我再强调一点"));
    assert_eq!(s.closing[1], "谢谢大家！");

    let s = layout("closing_in_a_speech_without_headings.txt");
    assert_eq!(s.title.as_deref(), Some("在新春团拜会上的致辞"));
    assert_eq!(
        s.salutation.as_deref(),
        Some("各位老同志、同志们、朋友们：")
    );
    assert!(s.sections.is_empty());
    assert_eq!(s.opening.len(), 6);
    assert_eq!(s.closing.len(), 2);
    assert!(s.closing[0].starts_with("最后，我代表县委、县政府"));
}

#[test]
fn items_led_by_dashes_are_the_sections_when_nothing_else_is_numbered() {
    let s = layout("dash_items_only.txt");
    assert_eq!(
        outline(&s),
        strs(&[
            "1 —— 坚持立德树人",
            "1 —— 推进教育公平",
            "1 —— 建强教师队伍",
            "1 —— 守牢安全底线",
        ])
    );
    assert_eq!(s.sections[0].paragraphs.len(), 1);
    assert_eq!(s.opening.len(), 1);
    assert!(s.closing[0].starts_with("同志们，教育是国之大计"));
}

#[test]
fn shouxian_and_zuihou_as_plain_words_open_no_section() {
    let s = layout("discourse_words_not_sections.txt");
    assert_eq!(
        outline(&s),
        strs(&[
            "1 一、 聚焦兜底保障，织密民生安全网",
            "1 二、 聚焦养老服务，提升老年群体幸福感",
        ])
    );
    assert_eq!(s.sections[0].paragraphs.len(), 2);
    assert_eq!(s.sections[1].paragraphs.len(), 2);
    assert!(s.sections[1].paragraphs[1].starts_with("最后，还要关注"));
    assert!(s.closing[0].starts_with("同志们，民政工作连着千家万户"));
}

#[test]
fn a_blog_export_loses_its_markup_and_a_cut_word_is_whole_again() {
    let s = layout("blog_export_markdown.txt");
    assert_eq!(s.title.as_deref(), Some("在全市生态环境保护大会上的讲话"));
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(s.opening.len(), 1);
    assert!(s.opening[0].ends_with("下面，我讲三点意见。"));
    assert_eq!(
        outline(&s),
        strs(&[
            "1 一、 深化认识，增强生态环境保护的思想自觉",
            "1 二、 突出重点，打好污染防治攻坚战",
            "1 三、 强化保障，压实生态环境保护责任",
        ])
    );
    assert_eq!(s.sections[0].paragraphs.len(), 1);
    assert!(s.sections[0].paragraphs[0].contains("我们要始终坚持绿水青山就是金山银山的理念"));
    assert!(s.closing[0].starts_with("同志们，生态环境保护功在当代"));
    let all = s.all_text().join("\n");
    assert!(!all.contains("<!--") && !all.contains("tags"), "{all}");
    let dropped: Vec<usize> = s.dropped.iter().map(|d| d.line).collect();
    assert_eq!(dropped, [1, 2, 3, 4, 5, 16, 19, 33]);
}

#[test]
fn gbk_and_utf16_files_read_as_their_utf8_original() {
    let name = "two_line_title_several_addressees.txt";
    let text = std::fs::read_to_string(path(name)).unwrap();
    let original = layout(name);
    let dir = std::env::temp_dir().join(format!("jianggao_enc_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut le_bom = vec![0xFF, 0xFE];
    le_bom.extend(&le);
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let crlf = text.replace('\n', "\r\n");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&crlf);
    assert!(!bad);
    for (file, bytes, enc) in [
        ("gbk.txt", gbk.to_vec(), "gb18030"),
        ("le_bom.txt", le_bom, "utf-16le"),
        ("le.txt", le, "utf-16le"),
        ("be.txt", be, "utf-16be"),
    ] {
        let p = dir.join(file);
        std::fs::write(&p, bytes).unwrap();
        let s = parse_file(&p).unwrap();
        assert_eq!(s.encoding, enc, "{file}");
        assert_eq!(s.title, original.title, "{file}");
        assert_eq!(s.byline, original.byline, "{file}");
        assert_eq!(s.salutation, original.salutation, "{file}");
        assert_eq!(s.sections, original.sections, "{file}");
        assert_eq!(s.closing, original.closing, "{file}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parse_json_gives_each_speech_of_a_file_and_its_byline() {
    let out = crate::fixtures::bin()
        .args(["parse", "--json"])
        .arg(path("two_speeches_in_one_file.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = v
        .as_array()
        .expect("two speeches make an array")
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "在全镇安全生产工作会议上的讲话",
            "在全镇防汛工作部署会上的讲话"
        ]
    );
    let out = crate::fixtures::bin()
        .args(["parse", "--json"])
        .arg(path("title_ending_in_fayan.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "在县委理论学习中心组专题学习会上的发言");
    assert_eq!(
        v["byline"],
        serde_json::json!(["县政府副县长 赵某某", "2025年4月10日"])
    );
}

#[test]
fn a_heading_the_paragraph_echoes_at_its_end_is_that_phrase_alone() {
    let s = layout("echoed_headings_bracket_subtitle.txt");
    assert_eq!(s.title.as_deref(), Some("凝聚奋进力量 建设美丽乡村"));
    assert_eq!(
        s.subtitle.as_deref(),
        Some("在全镇乡村振兴工作推进会上的讲话")
    );
    assert_eq!(
        outline(&s),
        strs(&["1 一是 夯实产业基础", "1 二是 改善人居环境"])
    );
    assert!(s.sections[0].paragraphs[0].starts_with("各村要立足资源禀赋"));
    assert!(s.closing[0].starts_with("同志们，乡村振兴任务艰巨"));
    assert!(s.byline.is_empty());
    assert_eq!(s.dropped.len(), 1);
    assert_eq!(s.dropped[0].reason, "结束标记");
}
