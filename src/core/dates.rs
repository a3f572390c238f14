//! Meeting dates as the draft stores them ("2026-12-15") and as a speech prints them.

/// "2026-11-22" → (2026, 11, 22).
pub fn date_parts(date: &str) -> Option<(u32, u32, u32)> {
    let mut it = date.trim().split(['-', '/', '.']);
    let y = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// "2026-12-15" → 2026年12月15日; anything else is shown as it was typed.
pub fn chinese_date(date: &str) -> String {
    match date_parts(date) {
        Some((y, m, d)) => format!("{y}年{m}月{d}日"),
        None => date.trim().to_string(),
    }
}
