//! Dated rules computed from tables rather than listed: "study the spirit of" must name
//! the current congress and the latest plenum before the speech date (a dated table of
//! sessions), and an anniversary's number follows from the event's year and the date.

use crate::core::lexicon::dated::{DatedHit, Formulations, outdated};
use crate::core::lexicon::dated_norm::{Normalised, normalise};

/// A congress or plenum named in a text: (congress, plenum; 0 for the congress).
type Named = (u32, u32);

/// Lists such as "党的二十大和二十届二中、三中全会精神" that miss the latest session.
pub(crate) fn sessions(f: &Formulations, norm: &Normalised, date: &str) -> Vec<DatedHit> {
    let latest = f
        .sessions
        .iter()
        .filter(|s| outdated(Some(&s.date), date))
        .max_by_key(|s| (s.congress, s.plenum));
    let Some(latest) = latest else {
        return Vec::new();
    };
    if !norm.text.contains("精神") {
        // The common case when mining: no spirit to study, nothing to index.
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = norm.text.char_indices().collect();
    let mut out = Vec::new();
    for (b, _) in norm.text.match_indices("精神") {
        let k = chars.partition_point(|&(x, _)| x < b);
        let Some((start, named)) = named_before(&chars, k) else {
            continue;
        };
        let max_congress = named.iter().map(|n| n.0).max().unwrap_or(0);
        let max_plenum = named
            .iter()
            .filter(|n| n.0 == latest.congress)
            .map(|n| n.1)
            .max();
        let stale = max_congress < latest.congress
            || max_plenum.is_some_and(|p| p > 0 && p < latest.plenum);
        if !stale {
            continue;
        }
        let (s, e) = norm.original(chars[start].0, b + "精神".len());
        let name = session_name(latest.congress, latest.plenum);
        // Dates are checked as YYYY-MM-DD when the lexicon is read; `get` keeps a bad
        // one from ever panicking here.
        let year = latest.date.get(..4).unwrap_or("");
        let month = latest.date.get(5..7).unwrap_or("").trim_start_matches('0');
        let congress = session_name(latest.congress, 0);
        let advice = if max_congress < latest.congress && latest.plenum > 0 {
            format!(
                "按讲话日期，{congress}已召开，最近一次全会是{name}（{year}年{month}月）：应学习贯彻{congress}和{name}精神。"
            )
        } else if max_congress < latest.congress {
            format!("按讲话日期，{congress}已召开（{year}年{month}月）：应学习贯彻{congress}精神。")
        } else {
            format!("按讲话日期，最近一次全会是{name}（{year}年{month}月）：请写明{name}精神。")
        };
        out.push(DatedHit {
            start: s,
            end: e,
            text: norm.original_text(s, e),
            replacement: None,
            advice,
        });
    }
    out
}

/// "二十届四中全会", "党的二十大".
fn session_name(congress: u32, plenum: u32) -> String {
    let c = han(congress);
    if plenum == 0 {
        format!("党的{c}大")
    } else {
        format!("{c}届{}中全会", han(plenum))
    }
}

fn han(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// The sessions named just before char `k` (where 精神 starts) and the char where the
/// list starts: groups "N届P中、Q中全会" and "N大", joined by 、 和 及 与.
fn named_before(c: &[(usize, char)], k: usize) -> Option<(usize, Vec<Named>)> {
    let mut i = k;
    let mut named = Vec::new();
    let mut start = None;
    loop {
        let ends = |i: usize, s: &str| {
            let n = s.chars().count();
            i >= n && c[i - n..i].iter().map(|x| x.1).eq(s.chars())
        };
        if ends(i, "全会") {
            i -= 2;
            let mut plenums = Vec::new();
            while i > 0 && c[i - 1].1 == '中' {
                let (n, j) = number_before(c, i - 1)?;
                plenums.push(n);
                i = j;
                if i > 0 && c[i - 1].1 == '、' && i > 1 && c[i - 2].1 == '中' {
                    i -= 1;
                } else {
                    break;
                }
            }
            if plenums.is_empty() || i == 0 || c[i - 1].1 != '届' {
                return None;
            }
            let (congress, j) = number_before(c, i - 1)?;
            named.extend(plenums.into_iter().map(|p| (congress, p)));
            i = j;
        } else if ends(i, "大") {
            let (congress, j) = number_before(c, i - 1)?;
            if congress < 8 {
                return None;
            }
            named.push((congress, 0));
            i = j;
            if ends(i, "党的") {
                i -= 2;
            }
        } else {
            break;
        }
        start = Some(i);
        // A connector, then maybe another group.
        let mut joined = false;
        for w in ["以及", "和", "及", "与", "、"] {
            if ends(i, w) {
                let n = w.chars().count();
                if ends(i - n, "全会") || ends(i - n, "大") {
                    i -= n;
                    joined = true;
                }
                break;
            }
        }
        if !joined {
            break;
        }
    }
    Some((start?, named))
}

/// The Arabic number ending just before char `end`, and where it starts.
fn number_before(c: &[(usize, char)], end: usize) -> Option<(u32, usize)> {
    let mut j = end;
    while j > 0 && c[j - 1].1.is_ascii_digit() {
        j -= 1;
    }
    if j == end || end - j > 3 {
        return None;
    }
    let s: String = c[j..end].iter().map(|x| x.1).collect();
    Some((s.parse().ok()?, j))
}

/// "建党99周年" in a 2026 speech: the number follows from the event's year.
pub(crate) fn anniversaries(
    f: &Formulations,
    text: &str,
    norm: &Normalised,
    date: &str,
) -> Vec<DatedHit> {
    let Some(year) = date.get(..4).and_then(|y| y.parse::<i64>().ok()) else {
        return Vec::new();
    };
    if !norm.text.contains("周年") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for a in &f.anniversaries {
        // Longer leads first: "中国共产党成立" before "党成立".
        let mut leads: Vec<&String> = a.leads.iter().collect();
        leads.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        for lead in leads {
            let lead_n = normalise(lead);
            for (b, _) in norm.text.match_indices(lead_n.as_str()) {
                let rest = &norm.text[b + lead_n.len()..];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || !rest[digits..].starts_with("周年") {
                    continue;
                }
                let n: i64 = rest[..digits].parse().unwrap_or(0);
                let expected = year - a.year;
                // Before the anniversary day a speech may name the coming or the last one.
                if n == expected
                    || n == expected - 1
                    || out.iter().any(|h: &DatedHit| {
                        let (s, _) = norm.original(b, b + lead_n.len());
                        h.start <= s && s < h.end
                    })
                {
                    continue;
                }
                let end_b = b + lead_n.len() + digits + "周年".len();
                let (s, e) = norm.original(b, end_b);
                if f.exempt_range(text, s, e) {
                    continue;
                }
                let want = format!("{lead}{expected}周年");
                out.push(DatedHit {
                    start: s,
                    end: e,
                    text: norm.original_text(s, e),
                    replacement: Some(want.clone()),
                    advice: format!("按讲话日期（{year}年）应为“{want}”。"),
                });
            }
        }
    }
    out
}
