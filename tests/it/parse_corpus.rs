//! Acceptance tests: the whole outline of each corpus file. The parser knows nothing of
//! these files; these tests state what a careful reader finds in them.

use jianggao::cli::last_sentence;
use jianggao::core::parse::speech::Speech;

use crate::fixtures::{heads, parse_corpus};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(m, h)| (m.to_string(), h.to_string()))
        .collect()
}

/// No clutter anywhere in the kept text: neither the dropped lines nor web vocabulary.
fn assert_clean(s: &Speech, clutter: &[&str]) {
    let all = s.all_text().join("\n");
    for c in clutter {
        assert!(
            !all.contains(c),
            "{}: clutter {c:?} left in the speech",
            s.source
        );
    }
    for d in &s.dropped {
        if d.text.chars().count() >= 4 && Some(d.text.as_str()) != s.title.as_deref() {
            assert!(
                !all.contains(&d.text),
                "dropped line {:?} still present",
                d.text
            );
        }
    }
}

fn closing_starts(s: &Speech, start: &str, paragraphs: usize) {
    assert_eq!(
        s.closing.len(),
        paragraphs,
        "{}: closing {:?}",
        s.source,
        s.closing
    );
    assert!(s.closing[0].starts_with(start), "{:?}", s.closing[0]);
}

#[test]
// Over 80 lines: the whole expected outline of one corpus speech, heading by heading.
fn corpus_000_ordinal_sections_with_yi_yao_points() {
    let s = parse_corpus("000_");
    assert_eq!(s.encoding, "utf-8");
    assert_eq!(s.title.as_deref(), Some("在市委组织部机关党员大会上的讲话"));
    assert_eq!(s.subtitle, None);
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(
        last_sentence(s.opening.last().unwrap()),
        "下面，我就如何发挥机关党委作用，奋力做好部机关党建工作讲几点意见。"
    );
    assert_eq!(
        heads(&s.sections),
        pairs(&[
            (
                "第一，",
                "要立根铸魂，突出政治建设，在砥砺党员干部政治品格上走在前、作表率"
            ),
            (
                "第二，",
                "要固本强基，规范支部建设，把机关支部建成有战斗力、有凝聚力的坚强堡垒"
            ),
            (
                "第三，",
                "要强筋壮骨，抓好素质提升，努力锻造理论强、业务精、本领高的过硬队伍"
            ),
            (
                "第四，",
                "要以人为本，强化教育监督，着力涵养正气充盈的组工文化"
            ),
        ])
    );
    assert_eq!(
        heads(&s.sections[0].children),
        pairs(&[
            ("一要", "强化政治引领，带头做到“两个维护”"),
            ("二要", "强化政治担当，扛牢党建工作主体责任"),
            ("三要", "强化党性锤炼，注重培育机关党员的政治价值观"),
        ])
    );
    assert_eq!(
        heads(&s.sections[1].children),
        pairs(&[
            ("一要", "夯实基础，在支部标准化建设上下功夫"),
            ("二要", "抓紧抓实，在逗硬落实组织生活上下功夫"),
            ("三要", "激发活力，在增强党建工作吸引力上下功夫"),
        ])
    );
    assert_eq!(
        heads(&s.sections[2].children),
        pairs(&[
            ("一要", "抓好理论武装，提升政策水平"),
            ("二要", "强化业务钻研，提升专业素养"),
            ("三要", "注重实践历练，提升实干能力"),
        ])
    );
    assert_eq!(
        heads(&s.sections[3].children),
        pairs(&[
            ("一要", "深化信念教育"),
            ("二要", "强化正向激励"),
            ("三要", "加强作风建设"),
            ("四要", "加强纪律建设"),
        ])
    );
    assert!(
        s.all_sections()
            .iter()
            .all(|x| x.level == 1 || x.level == 2)
    );
    // The line broken after "重中之重，" is one paragraph again.
    assert_eq!(s.sections[2].paragraphs.len(), 1);
    assert!(s.sections[2].paragraphs[0].contains("重中之重，推进学习型机关建设"));
    // Inline heading: the rest of the paragraph is the point's body.
    assert!(s.sections[0].children[0].paragraphs[0].starts_with("新成立的机关党委"));
    closing_starts(&s, "同志们，机关党建工作任重道远。", 1);
    assert_clean(
        &s,
        &[
            "仅供学习",
            "会员",
            "QQ",
            "订阅",
            "酷乐文行",
            "倒卖",
            "自建平台",
        ],
    );
    assert_eq!(s.dropped.len(), 8);
}

#[test]
fn corpus_001_paren_numbers_at_the_top_and_no_closing() {
    let s = parse_corpus("001_");
    assert_eq!(s.title.as_deref(), Some("在机关党建半年工作会上的讲话"));
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(s.opening.len(), 4);
    assert!(
        s.opening
            .last()
            .unwrap()
            .ends_with("要着重把握好以下五点：")
    );
    assert_eq!(
        heads(&s.sections),
        pairs(&[
            ("（一）", "政治建设要强化"),
            ("（二）", "作风建设常态化"),
            ("（三）", "纪律建设要深化"),
            ("（四）", "组织建设规范化"),
            ("（五）", "群团建设创新化"),
        ])
    );
    assert!(
        s.sections
            .iter()
            .all(|x| x.children.is_empty() && x.level == 1)
    );
    // "一是…二是…" inside the opening stays paragraph text.
    assert!(s.opening[1].contains("一是认识到位、责任明确"));
    assert!(s.closing.is_empty());
    assert!(s.dropped.is_empty());
}

#[test]
fn corpus_002_breadcrumb_byline_footer_and_two_levels() {
    let s = parse_corpus("002_");
    assert_eq!(
        s.title.as_deref(),
        Some("在2024年机关党建工作质量提升推进会上的讲话稿")
    );
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(
        last_sentence(s.opening.last().unwrap()),
        "下面，我讲几点要求。"
    );
    assert_eq!(
        heads(&s.sections),
        pairs(&[
            ("一、", "要突出政治引领，彰显政治优势"),
            ("二、", "要深化理论武装，彰显理论优势"),
            ("三、", "要强化组织建设，彰显组织优势"),
            ("四、", "要狠抓队伍建设，彰显人才优势"),
        ])
    );
    let second: Vec<Vec<(String, String)>> =
        s.sections.iter().map(|x| heads(&x.children)).collect();
    assert_eq!(
        second,
        vec![
            pairs(&[
                ("（一）", "要提高政治站位，强化责任担当"),
                ("（二）", "要把准政治方向，坚定政治立场"),
                ("（三）", "要坚定政治立场，严守政治纪律"),
            ]),
            pairs(&[
                ("（一）", "要坚持学懂弄通理论"),
                ("（二）", "要坚持理论联系实际"),
                ("（三）", "要坚持学习常态化制度化"),
            ]),
            pairs(&[
                ("（一）", "要建强机关党委机关党支部"),
                ("（二）", "要不断推动党建与业务深度融合"),
                ("（三）", "要持续深化党组织标准化、规范化建设"),
            ]),
            pairs(&[
                ("（一）", "要配齐配强机关党务干部"),
                ("（二）", "要培养关爱机关党务干部"),
                ("（三）", "要着力提升机关党务干部专业化水平"),
            ]),
        ]
    );
    assert!(s.closing.is_empty());
    // Half-width punctuation in Chinese text is full width now.
    let all = s.all_text().join("");
    assert!(!all.contains(',') && !all.contains(':'));
    assert_clean(
        &s,
        &[
            "首页",
            "发表时间",
            "相关推荐",
            "热门文档",
            "2590692",
            "\u{a0}",
        ],
    );
    let lines: Vec<usize> = s.dropped.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![1, 5, 51, 53, 55]);
}

#[test]
fn corpus_003_repeated_page_title_and_three_marker_styles() {
    let s = parse_corpus("003_");
    assert_eq!(s.title.as_deref(), Some("市委动员会议讲话（区）"));
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert!(s.opening.last().unwrap().ends_with("下面，我讲三点意见。"));
    assert_eq!(
        heads(&s.sections),
        pairs(&[
            (
                "一、",
                "统一思想，提高认识，切实增强开展“讲党性、重品行、作表率”活动的责任感和使命感"
            ),
            (
                "二、",
                "把握关键，求实创新，扎实有效地推进“讲党性、重品行、作表率”活动"
            ),
            (
                "三、",
                "强化领导，狠抓落实，确保“讲党性、重品行、作表率”活动顺利开展"
            ),
        ])
    );
    assert_eq!(
        heads(&s.sections[0].children),
        pairs(&[
            ("第一，", "中央领导对组织部门及组工干部寄予厚望"),
            ("第二，", "新形势新任务对组织工作提出了新要求"),
            ("第三，", "组工干部应当为全区干部作好表率"),
        ])
    );
    assert_eq!(
        heads(&s.sections[1].children),
        pairs(&[
            ("第一，", "要深刻领会“讲党性、重品行、作表率”活动的内涵"),
            ("第二，", "要准确把握这次学习实践活动的原则和要求"),
            ("第三，", "要注重突出四个方面的活动内容"),
            ("第四，", "要切实解决问题，注重实际效果"),
        ])
    );
    assert_eq!(
        heads(&s.sections[2].children),
        pairs(&[
            ("1、", "加强领导，精心组织"),
            ("2、", "统筹协调，扎实推进"),
            ("3、", "加强宣传，营造氛围"),
        ])
    );
    closing_starts(&s, "同志们，开展“讲党性、重品行、作表率”活动，", 1);
    assert_clean(&s, &["2022-04-22", "02:26"]);
    let reasons: Vec<(usize, &str)> = s
        .dropped
        .iter()
        .map(|d| (d.line, d.reason.as_str()))
        .collect();
    assert_eq!(reasons[0], (1, "重复的页面标题"));
    assert_eq!(reasons[1].0, 3);
}

#[test]
fn corpus_004_han_comma_sections_with_yi_yao_points_and_thanks() {
    let s = parse_corpus("004_");
    assert_eq!(s.title.as_deref(), Some("在半年党建工作推进会上的讲话"));
    assert_eq!(s.salutation.as_deref(), Some("同志们："));
    assert_eq!(s.opening.len(), 2);
    assert_eq!(
        s.opening[1],
        "下面，我就如何进一步抓好队伍党建工作，再强调三点意见："
    );
    assert_eq!(
        heads(&s.sections),
        pairs(&[
            ("一、", "狠抓各级领导班子建设，确保班子能力“过得硬”"),
            ("二、", "狠抓基层党组织建设，确保组织基础“筑得牢”"),
            ("三、", "狠抓党员队伍建设，确保攻坚克难“冲得上”"),
        ])
    );
    let second: Vec<Vec<String>> = s
        .sections
        .iter()
        .map(|x| x.children.iter().map(|c| c.heading.clone()).collect())
        .collect();
    assert_eq!(
        second,
        vec![
            vec![
                "加强学习，夯实思想根基",
                "率先垂范，规范政治生活",
                "勤思善谋，提高素质能力"
            ],
            vec!["落实各项组织制度", "建强党务干部队伍", "推动中心工作开展"],
            vec!["加强思想政治建设", "抓好纪律作风养成", "树牢责任担当意识"],
        ]
    );
    closing_starts(&s, "同志们，加强和改进党建工作，", 2);
    assert_eq!(s.closing[1], "谢谢大家！");
    // The last point keeps its body; only the closing moved out of it.
    assert_eq!(s.sections[2].children[2].paragraphs.len(), 1);
    assert_clean(&s, &["仅供学习", "会员", "QQ", "订阅", "倒卖"]);
}
