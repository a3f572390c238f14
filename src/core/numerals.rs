//! Han numerals, both ways: a number written as speeches write it (十二, 两点) and the
//! value of a run of Han numerals (二〇二四, 一百零五). The one place that knows them.

/// 1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九.
pub fn han_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// A small count in Han numerals as a count is said ("两点意见", "三点意见"), for {条数}.
pub fn han_count(n: usize) -> Option<String> {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        2 => Some("两".into()),
        1..=9 => Some(D[n].to_string()),
        10 => Some("十".into()),
        11..=19 => Some(format!("十{}", D[n - 10])),
        _ => None,
    }
}

/// 零/〇 0, 一 1 … 九 9.
pub fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 十 10, 百 100, 千 1000.
pub fn han_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A Han digit or unit (一…九, 零, 〇, 十, 百, 千).
pub fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || han_unit(c).is_some()
}

/// The value of a run of Han numerals: "一百零五" 105, "十九" 19, "二〇二四" 2024;
/// `None` for runs that are not one number ("十四五").
pub fn han_number(run: &[char]) -> Option<u32> {
    if run.is_empty() {
        return None;
    }
    if !run.iter().any(|&c| han_unit(c).is_some()) {
        // Digit by digit: 二〇二四.
        return run
            .iter()
            .try_fold(0u32, |n, &c| Some(n.checked_mul(10)? + han_digit(c)?));
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut last_unit = u32::MAX;
    let mut zero = false;
    for &c in run {
        if let Some(u) = han_unit(c) {
            if u >= last_unit {
                return None;
            }
            total += digit.unwrap_or(1) * u;
            digit = None;
            last_unit = u;
            zero = false;
        } else {
            let d = han_digit(c)?;
            if digit.is_some() || (d == 0 && zero) {
                return None;
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
        }
    }
    Some(total + digit.unwrap_or(0))
}
