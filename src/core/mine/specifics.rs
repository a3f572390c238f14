//! Specifics: text tied to the source speech's unit, level, time and place, which a
//! writer must change when reusing a passage — names (jieba POS ns/nr/nt), the source's
//! level and units, its system's jargon, documents, figures, time references, the count
//! of points, years, anniversaries, campaigns, and formulations the dated lexicon marks.
//! Standard national wording (党的二十大, 党的十八大以来) is never a specific.

use std::sync::LazyLock;

use memchr::memmem::{self, Finder};

use crate::core::charset::CharSet;
use crate::core::lexicon::dated::Formulations;
use crate::core::library::SpecificKind;
use crate::core::mine::figures;
use crate::core::mine::found::Found;
use crate::core::mine::local_words::{self, SpecificsLexicon};
use crate::core::nlp::Tagged;
use crate::core::text::is_han;

/// Figures whose names do not date a passage; quoting them is never "carried over".
const TIMELESS_PEOPLE: &[&str] = &[
    "习近平",
    "毛泽东",
    "邓小平",
    "马克思",
    "恩格斯",
    "列宁",
    "江泽民",
    "胡锦涛",
];

/// Names of the country, the Party and its national bodies: never local to a source.
const NATIONAL: &[&str] = &[
    "中国",
    "中华",
    "全国",
    "中央",
    "中华人民共和国",
    "中国共产党",
    "党中央",
    "国务院",
    "党组织",
    "国家机关",
    "党和政府",
    "共青团",
    "团组织",
    "党工委",
    "中组部",
    "中央组织部",
    "全国人大",
    "政协",
];

// Over 80 lines: the scans run in order over one tagged text; national wording and overlaps are settled at the end.
pub fn find(tagged: &Tagged) -> Vec<Found> {
    let mut out = Vec::new();
    let lex = SpecificsLexicon::builtin();
    for (wt, w) in tagged.iter() {
        // Single characters and punctuation are never names; other words are tagged
        // (a cached lookup per distinct word).
        let rest = tagged.after(w);
        if wt.chars().nth(1).is_none() || !may_be_named(wt, rest.chars().next()) {
            continue;
        }
        let kind = match tagged.tag(w) {
            "ns" => SpecificKind::Place,
            "nr" => SpecificKind::Person,
            "nt" => SpecificKind::Organisation,
            _ => continue,
        };
        if !wt.chars().all(is_han) || TIMELESS_PEOPLE.contains(&wt) || NATIONAL.contains(&wt) {
            continue;
        }
        // jieba's dictionary tags many common words ns/nr/nt (深度/ns, 高素质/nr, 大力开展/nt):
        // a name must also look like one in its context or by its ending.
        // "城市", "社区", "地区": a common noun ending like a place.
        let common = {
            let mut ch = wt.chars();
            let (a, b) = (ch.next(), ch.next());
            ch.next().is_none()
                && a.is_some_and(|a| lex.not_level_after.contains(&a))
                && b.is_some_and(|b| lex.levels.contains(&b))
        };
        let plausible = !common
            && match kind {
                SpecificKind::Person => followed_by(rest, TITLES),
                SpecificKind::Place => wt.ends_with(PLACE_ENDINGS) || followed_by(rest, PLACE_NEXT),
                _ => ORG_ENDINGS.iter().any(|e| wt.ends_with(e)),
            };
        if !plausible {
            continue;
        }
        out.push(Found {
            kind,
            text: wt.to_string(),
            start: w.start,
            end: w.end,
        });
    }
    let text: &str = &tagged.text;
    years(text, &mut out);
    let chars: Vec<char> = text.chars().collect();
    let mut word_start = vec![false; chars.len() + 1];
    for (_, w) in tagged.iter() {
        if let Some(b) = word_start.get_mut(w.start) {
            *b = true;
        }
    }
    local_words::find(lex, &chars, &word_start, &mut out);
    figures::find(lex, &chars, &mut out);
    if memmem::find(text.as_bytes(), "周年".as_bytes()).is_some() {
        anniversaries(&chars, &mut out);
    }
    if may_hold_campaign(text) {
        campaigns(&chars, &mut out);
    }
    crate::core::mine::slogans::find(lex, &chars, &word_start, &mut out);
    dated(text, &mut out);
    // National bodies are never the source's own ("中央组织部" holds "组织部"). Only a
    // national word holding a found text can cover it: the others are not searched for.
    let national: Vec<(usize, usize)> = lex
        .national
        .iter()
        .filter(|w| out.iter().any(|f| w.contains(f.text.as_str())))
        .flat_map(|w| {
            text.match_indices(w.as_str()).map(|(b, m)| {
                let s = text[..b].chars().count();
                (s, s + m.chars().count())
            })
        })
        .collect();
    out.retain(|f| !national.iter().any(|&(s, e)| s <= f.start && f.end <= e));
    // Overlaps: keep the longer (建党99周年 over 99).
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in out {
        if kept.last().is_none_or(|k| f.start >= k.end) {
            kept.push(f);
        }
    }
    kept
}

/// Whether a word could pass one of the plausibility tests below, judged by its last
/// character and the one after it alone: most words fail here, before their tag is
/// looked up. Must admit everything the full tests admit.
fn may_be_named(word: &str, next: Option<char>) -> bool {
    static SETS: LazyLock<(CharSet, CharSet)> = LazyLock::new(|| {
        (
            NAME_NEXT.iter().copied().collect(),
            NAME_LAST.iter().copied().collect(),
        )
    });
    let (name_next, name_last) = &*SETS;
    next.is_some_and(|n| name_next.contains(n))
        || word
            .chars()
            .next_back()
            .is_some_and(|l| name_last.contains(l))
}

/// First characters of TITLES and PLACE_NEXT.
const NAME_NEXT: &[char] = &[
    '主', '乡', '书', '人', '位', '全', '区', '县', '同', '地', '局', '州', '市', '总', '是', '村',
    '正', '省', '经', '部', '镇',
];

/// Last characters of PLACE_ENDINGS and ORG_ENDINGS.
const NAME_LAST: &[char] = &[
    '乡', '办', '区', '厅', '县', '司', '团', '处', '委', '学', '室', '局', '州', '市', '府', '心',
    '所', '村', '校', '省', '科', '组', '行', '部', '镇', '队', '院',
];

const PLACE_ENDINGS: &[char] = &['省', '市', '县', '区', '州', '镇', '乡', '村'];

const ORG_ENDINGS: &[&str] = &[
    "委", "部", "局", "厅", "办", "院", "所", "处", "科", "室", "公司", "集团", "中心", "大学",
    "学校", "医院", "银行", "支部", "党委", "党组", "政府", "法院", "大队", "支队", "总队",
];

fn followed_by(rest: &str, words: &[&str]) -> bool {
    words.iter().any(|w| rest.starts_with(w))
}

/// Titles after a person's name.
const TITLES: &[&str] = &[
    "同志", "书记", "部长", "主任", "局长", "县长", "市长", "区长", "省长", "主席", "总理",
];

/// What follows a place name in a sentence.
const PLACE_NEXT: &[&str] = &[
    "市", "县", "区", "省", "州", "镇", "乡", "村", "地区", "人民", "全市", "全县", "全区", "正",
    "是", "位于", "经济",
];

fn slice(c: &[char], a: usize, b: usize) -> String {
    c[a..b].iter().collect()
}

/// "2024年" (four digits before 年, not part of a longer number).
fn years(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    for at in memmem::find_iter(b, "年".as_bytes()) {
        let digits = b[..at]
            .iter()
            .rev()
            .take_while(|d| d.is_ascii_digit())
            .count();
        if digits == 4 {
            let start = text[..at - 4].chars().count();
            out.push(Found {
                kind: SpecificKind::Year,
                text: text[at - 4..at + '年'.len_utf8()].to_string(),
                start,
                end: start + 5,
            });
        }
    }
}

fn is_han_numeral(ch: char) -> bool {
    matches!(
        ch,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇'
    )
}

/// "建党99周年", "中国共产党成立99周年", "一百周年".
fn anniversaries(c: &[char], out: &mut Vec<Found>) {
    for i in 0..c.len().saturating_sub(1) {
        if c[i] != '周' || c[i + 1] != '年' {
            continue;
        }
        let mut s = i;
        while s > 0 && (c[s - 1].is_ascii_digit() || is_han_numeral(c[s - 1])) {
            s -= 1;
        }
        if s == i {
            continue;
        }
        // The event the anniversary is of: 建党 / 成立 / 建国 / 诞辰 / 胜利 just before the number.
        for lead in ["建党", "成立", "建国", "诞辰", "胜利", "建军", "改革开放"] {
            let n = lead.chars().count();
            if s >= n && slice(c, s - n, s) == lead {
                s -= n;
                break;
            }
        }
        out.push(Found {
            kind: SpecificKind::Anniversary,
            text: slice(c, s, i + 2),
            start: s,
            end: i + 2,
        });
    }
}

/// Wording the dated lexicon marks, whatever the new speech's date: it was current
/// only for a time, so a writer must check it (history, "十八大以来", stays unmarked).
fn dated(text: &str, out: &mut Vec<Found>) {
    static FORMS: LazyLock<Formulations> = LazyLock::new(Formulations::builtin);
    for h in FORMS.find(text, "9999-12-31") {
        out.push(Found {
            kind: SpecificKind::Dated,
            text: h.text,
            start: h.start,
            end: h.end,
        });
    }
}

/// Whether a text may hold a campaign: a closing quotation mark after 年 or before a
/// campaign's tail.
fn may_hold_campaign(text: &str) -> bool {
    static CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("”"));
    CLOSE.find_iter(text.as_bytes()).any(|at| {
        let after = &text[at + '”'.len_utf8()..];
        text[..at].ends_with(['年', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
            || CAMPAIGN_TAILS.iter().any(|t| after.starts_with(t))
    })
}

const CAMPAIGN_TAILS: [&str; 4] = ["主题教育", "专项行动", "活动", "行动"];

/// Campaigns tied to a time: a quoted name followed by 活动/主题教育/专项行动, or a quoted
/// "…年" ("基层减负年").
fn campaigns(c: &[char], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < c.len() {
        if c[i] != '“' {
            i += 1;
            continue;
        }
        let Some(close) = c[i + 1..].iter().position(|&x| x == '”').map(|p| i + 1 + p) else {
            break;
        };
        let inner = close - i - 1;
        if (2..=20).contains(&inner) {
            let after = slice(c, close + 1, (close + 5).min(c.len()));
            let tail = CAMPAIGN_TAILS.iter().find(|t| after.starts_with(**t));
            let year_named = c[close - 1] == '年';
            // A slogan of figures ("“12345”总体部署") is the source's own.
            let figures = c[i + 1..close].iter().any(char::is_ascii_digit);
            if tail.is_some() || year_named || figures {
                let end = close + 1 + tail.map_or(0, |t| t.chars().count());
                out.push(Found {
                    kind: SpecificKind::Campaign,
                    text: slice(c, i, end),
                    start: i,
                    end,
                });
            }
        }
        i = close + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_filter_admits_every_name_the_full_tests_admit() {
        for w in TITLES.iter().chain(PLACE_NEXT) {
            assert!(may_be_named("某某", w.chars().next()), "{w}");
        }
        for e in ORG_ENDINGS {
            assert!(may_be_named(&format!("某某{e}"), None), "{e}");
        }
        for e in PLACE_ENDINGS {
            assert!(may_be_named(&format!("某某{e}"), None), "{e}");
        }
        assert!(!may_be_named("建设", Some('的')));
    }
    use crate::core::nlp;

    fn found(t: &str) -> Vec<(SpecificKind, String)> {
        find(&nlp::segment(t))
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn dated_and_local_text_is_found() {
        let f = found(
            "当前，巴中正处于发展关键期，我们召开了庆祝建党99周年大会，学习贯彻党的十九大和十九届四中全会精神，扎实抓好“基层减负年”活动，2024年要再上台阶。",
        );
        assert!(f.contains(&(SpecificKind::Place, "巴中".into())), "{f:?}");
        assert!(f.contains(&(SpecificKind::Anniversary, "建党99周年".into())));
        assert!(
            f.contains(&(SpecificKind::Dated, "学习贯彻党的十九大".into())),
            "{f:?}"
        );
        assert!(f.contains(&(SpecificKind::Dated, "十九届四中全会精神".into())));
        assert!(f.contains(&(SpecificKind::Campaign, "“基层减负年”活动".into())));
        assert!(f.contains(&(SpecificKind::Year, "2024年".into())));
    }

    #[test]
    fn years_have_four_digits_and_campaigns_a_tail_or_a_year() {
        let f = found("12024年与024年不算，2025年算；开展“百日攻坚”行动和“清风”学习。");
        assert_eq!(
            f,
            vec![
                (SpecificKind::Year, "2025年".into()),
                (SpecificKind::Campaign, "“百日攻坚”行动".into())
            ]
        );
        let f = found("开展“基层减负年”，落实“清单”。");
        assert_eq!(f, vec![(SpecificKind::Campaign, "“基层减负年”".into())]);
        let f = find(&nlp::segment("到2025年，"));
        assert_eq!((f[0].start, f[0].end), (1, 6));
    }

    #[test]
    fn leaders_and_the_country_are_not_specifics() {
        for t in [
            "习近平总书记指出，全国各级党组织要坚决维护党中央权威。",
            "党的十八大以来，以习近平同志为核心的党中央高度重视机关党的建设。",
            "深入学习贯彻党的二十大精神，中央组织部召开全国电视电话会议。",
            "各级党委要讲几点意见，坚持“两个维护”“四个意识”，落实“三会一课”。",
            "在城市社区和开发区党建中，摆正本地区本部门的位置，各部门机关要落实。",
        ] {
            let f = found(t);
            assert!(f.is_empty(), "{t}: {f:?}");
        }
        // The chain of command above a unit is named the same at every lower level: a
        // note to check, not the source's own name; a committee alone is the source's.
        let f = found("更好推动中央、省委、市委重大决策部署落地见效。");
        let superiors = vec![
            (SpecificKind::Superiors, "省委".to_string()),
            (SpecificKind::Superiors, "市委".to_string()),
        ];
        assert_eq!(f, superiors, "{f:?}");
        let f = found("认真落实中央和省、市委党建工作要求。");
        assert_eq!(f, vec![(SpecificKind::Superiors, "市委".into())], "{f:?}");
        let f = found("认真落实市委的部署。");
        assert_eq!(
            f,
            vec![(SpecificKind::Organisation, "市委".into())],
            "{f:?}"
        );
    }

    #[test]
    fn units_levels_figures_times_and_counts_are_found() {
        use SpecificKind as K;
        let cases: &[(&str, &[(K, &str)])] = &[
            (
                "今天召开市委组织部全体党员大会。",
                &[(K::Organisation, "市委组织部")],
            ),
            (
                "把部机关党支部打造成走在全市前列的示范党支部。",
                &[(K::Organisation, "部机关"), (K::Level, "全市")],
            ),
            (
                "对我区组织系统开展活动，下面，我讲三点意见。",
                &[
                    (K::Level, "我区"),
                    (K::Jargon, "组织系统"),
                    (K::PointCount, "讲三点意见"),
                ],
            ),
            (
                "把全院职工紧紧团结在党委周围，我校上下同心。",
                &[(K::Level, "全院"), (K::Level, "我校")],
            ),
            // Inside other words: no level.
            (
                "健全校园安全制度，健全院务公开，及时自我校正。",
                &[(K::Jargon, "校园")],
            ),
            (
                "大队党委没有突出作用，要以条令纲要为切入点。",
                &[(K::Organisation, "大队党委"), (K::Jargon, "条令纲要")],
            ),
            (
                "今年发文数量要比去年减少1/3以上，督查检查要精简50%以上。",
                &[
                    (K::Time, "去年"),
                    (K::Figure, "1/3以上"),
                    (K::Figure, "50%以上"),
                ],
            ),
            (
                "活动从今年3月开始，研讨谋划下半年工作。",
                &[(K::Time, "今年3月"), (K::Time, "下半年")],
            ),
            (
                "巴中正处于建设川陕革命老区振兴发展示范区的关键时期。",
                &[(K::Place, "巴中"), (K::Place, "川陕革命老区振兴发展示范区")],
            ),
            (
                "我县奋力建设“生态强县、产业新城”，打造历史文化名城。",
                &[
                    (K::Level, "我县"),
                    (K::Place, "生态强县"),
                    (K::Place, "产业新城"),
                    (K::Place, "历史文化名城"),
                ],
            ),
            (
                "认真落实《省委组织部机关关于力戒形式主义为基层减负十条措施》。",
                &[(
                    K::Document,
                    "《省委组织部机关关于力戒形式主义为基层减负十条措施》",
                )],
            ),
            (
                "省委组织部斯鑫良部长作了动员讲话。",
                &[(K::Organisation, "省委组织部"), (K::Person, "斯鑫良")],
            ),
            ("推动经济社会又好又快发展。", &[(K::Dated, "又好又快发展")]),
            (
                "县教育局、县卫健局要抓好党建。",
                &[(K::Organisation, "县教育局"), (K::Organisation, "县卫健局")],
            ),
        ];
        for (t, want) in cases {
            let f = found(t);
            for w in *want {
                assert!(
                    f.contains(&(w.0, w.1.to_string())),
                    "{t}: want {w:?}, got {f:?}"
                );
            }
            assert_eq!(f.len(), want.len(), "{t}: {f:?}");
        }
    }
}
