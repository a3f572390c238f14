//! Slots in draft text: `{name}` placeholders and leftover blanks, and dates.

/// `{name}` placeholders in a text, in order.
pub fn slot_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if close > 0 && close <= 24 && !after[..close].contains('{') => {
                out.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// `{slot}` placeholders and blanks (XX, **, ××) as character ranges.
pub fn slot_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '{'
            && let Some(len) = chars[i + 1..].iter().take(25).position(|&c| c == '}')
            && len > 0
        {
            out.push((i, i + len + 2));
            i += len + 2;
            continue;
        }
        if matches!(chars[i], 'X' | '*' | '×' | '＊') {
            let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
            let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic() && *c != 'X');
            if run >= 2
                && !latin(i.checked_sub(1).and_then(|j| chars.get(j)))
                && !latin(chars.get(i + run))
            {
                out.push((i, i + run));
            }
            i += run;
            continue;
        }
        i += 1;
    }
    out
}

/// "2026-11-22" → (2026, 11, 22).
pub fn date_parts(date: &str) -> Option<(u32, u32, u32)> {
    let mut it = date.trim().split(['-', '/', '.']);
    let y = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}
