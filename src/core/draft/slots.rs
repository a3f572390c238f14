//! Slots in draft text — the one parser every part of the program uses (filling, the
//! status bar's count, the check, highlighting): `{role}` placeholders and blanks left
//! from a source (XX, **, ×××, 某某), and what the meeting details may fill them with.

use crate::core::dates::date_parts;
use crate::core::numerals::han_count;

use crate::core::draft::{BlockKind, Draft};
use crate::core::mine::slots::blank_spans;

/// A slot in a text: its character range, its text, and its role (`None` for a blank
/// left as written, such as "XX").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub role: Option<String>,
}

/// Longest role name between braces.
const MAX_ROLE: usize = 12;

/// Every slot in a text, in order.
pub fn parse_slots(text: &str) -> Vec<SlotSpan> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '{'
            && let Some(len) = chars[i + 1..]
                .iter()
                .take(MAX_ROLE + 1)
                .position(|&c| c == '}')
            && len > 0
            && chars[i + 1..i + 1 + len]
                .iter()
                .all(|&c| c != '{' && !c.is_whitespace())
        {
            let role: String = chars[i + 1..i + 1 + len].iter().collect();
            out.push(SlotSpan {
                start: i,
                end: i + len + 2,
                text: format!("{{{role}}}"),
                role: Some(role),
            });
            i += len + 2;
            continue;
        }
        i += 1;
    }
    // Blanks outside the placeholders.
    let placeholders = out.clone();
    for (s, e) in blank_spans(text) {
        if !placeholders.iter().any(|p| p.start < e && s < p.end) {
            out.push(SlotSpan {
                start: s,
                end: e,
                text: chars[s..e].iter().collect(),
                role: None,
            });
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Filling slots from the meeting details.
impl Draft {
    /// The value the meeting details give a role, wherever it stands, if any. Roles the
    /// details cannot vouch for (a third person, a subordinate unit, an earlier date)
    /// have none: they stay visible until the writer fills them.
    pub fn slot_value(&self, name: &str) -> Option<String> {
        let m = &self.meta;
        let v = match name {
            "本单位" => m.unit.clone(),
            "会议名称" => m.meeting.clone(),
            "讲话人" => m.speaker.clone(),
            "日期" => date_parts(&m.date)
                .map(|(_, mo, d)| format!("{mo}月{d}日"))
                .unwrap_or_default(),
            "年份" => date_parts(&m.date)
                .map(|(y, _, _)| format!("{y}年"))
                .unwrap_or_default(),
            "月份" => date_parts(&m.date)
                .map(|(_, mo, _)| format!("{mo}月"))
                .unwrap_or_default(),
            "标题" => m.title.clone(),
            "条数" => {
                let n = self
                    .blocks
                    .iter()
                    .filter(|b| b.kind == BlockKind::Section)
                    .count();
                han_count(n).unwrap_or_default()
            }
            _ => String::new(),
        };
        (!v.trim().is_empty()).then_some(v)
    }

    /// What fills a slot at its place in `text`, if anything: the role's value, unless
    /// the place forbids it (the writer's own unit in a list of units), without the
    /// characters the text goes on with ("2026年" before "年").
    pub fn fill_at(&self, text: &str, slot: &SlotSpan) -> Option<String> {
        let role = slot.role.as_deref()?;
        let v = self.slot_value(role)?;
        let before: String = text.chars().take(slot.start).collect();
        let after: String = text.chars().skip(slot.end).take(8).collect();
        if role == "本单位" && !own_unit_fits(role, &before, &after) {
            return None;
        }
        Some(without_overlap(&v, &after).to_string())
    }

    /// Text with every slot the meeting details can fill, filled.
    pub fn fill(&self, text: &str) -> String {
        let slots = parse_slots(text);
        if slots.is_empty() {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for s in &slots {
            out.extend(&chars[at..s.start]);
            match self.fill_at(text, s) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&s.text),
            }
            at = s.end;
        }
        out.extend(&chars[at..]);
        out
    }

    /// Slots of a text the meeting details leave unfilled.
    pub fn unfilled_in(&self, text: &str) -> Vec<SlotSpan> {
        parse_slots(text)
            .into_iter()
            .filter(|s| self.fill_at(text, s).is_none())
            .collect()
    }

    /// Slots still unfilled after the meeting details are applied: (block index, slot
    /// as written).
    pub fn unfilled_slots(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            for text in [&b.heading, &b.body] {
                out.extend(self.unfilled_in(text).into_iter().map(|s| (i, s.text)));
            }
        }
        out
    }
}

/// `{role}` names in a text, in order.
pub fn slot_names(text: &str) -> Vec<String> {
    parse_slots(text)
        .into_iter()
        .filter_map(|s| s.role)
        .collect()
}

/// Slots and blanks as character ranges.
pub fn slot_spans(text: &str) -> Vec<(usize, usize)> {
    parse_slots(text)
        .into_iter()
        .map(|s| (s.start, s.end))
        .collect()
}

/// Roles that name the writer's own unit: never pasted into a list of other units.
const OWN_UNIT_ROLES: [&str; 1] = ["本单位"];

/// Whether a slot stands in a list ("{X}、{Y}等单位"), where the writer's own unit
/// cannot be.
pub fn in_list(before: &str, after: &str) -> bool {
    before.ends_with(['、', '，']) && (after.starts_with('、') || after.starts_with('等'))
        || after.starts_with('、')
        || after.starts_with("等")
        || before.ends_with('、')
}

/// Whether a role may be filled at this place with the writer's own unit.
pub fn own_unit_fits(role: &str, before: &str, after: &str) -> bool {
    OWN_UNIT_ROLES.contains(&role) && !in_list(before, after)
}

/// `value` without the characters the text after the slot repeats ("2026年" before
/// "年组织工作" gives "2026"), so a fill never doubles a unit.
pub fn without_overlap<'a>(value: &'a str, after: &str) -> &'a str {
    let vc: Vec<(usize, char)> = value.char_indices().collect();
    for k in (1..=vc.len().min(4)).rev() {
        let (b, c) = vc[vc.len() - k];
        // One character repeats only if it is a unit ("年", "部"), not part of a name.
        let unit = k > 1 || "年月日号部委局厅办处室院所市县区省镇乡村队".contains(c);
        if unit && b > 0 && after.starts_with(&value[b..]) {
            return &value[..b];
        }
    }
    value
}

/// What the writer should put in a slot of a role.
pub fn role_advice(role: &str) -> &'static str {
    match role {
        "本单位" | "会议名称" | "讲话人" | "日期" | "年份" | "月份" | "标题" => {
            "在会议信息中填写，或直接改写"
        }
        "条数" => "按讲稿的主体部分数填写（插入主体部分后自动填写）",
        "他人姓名" | "姓名" => "填写原稿所指那位人员的姓名（不是本次讲话人），或删去这句",
        "下属单位" => "填写所举例、表扬的下属单位名称（不是本单位），或删去",
        "上级机关" => "填写上级机关的名称",
        "本地" | "本级" => "填写本地、本级的称谓（如全市、全县）",
        "时间" => "填写该事件的实际时间（不是本次会议的日期），或删去",
        "数字" | "目标" => "填写本单位的实际数字或目标",
        "文件名称" => "填写实际的文件名称，或删去",
        "本系统" => "填写本系统、本行业的称谓",
        _ => "改写为实际内容",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_parser_for_placeholders_and_blanks() {
        let s = parse_slots("在{本单位}召开XX会议，Xbox 不是，{ 不是 }，20**年");
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["{本单位}", "XX", "20**年"]);
        assert_eq!((s[0].start, s[0].end), (1, 6));
        assert_eq!(s[1].role, None);
        assert_eq!(
            slot_names("{日期}，{他人姓名}同志"),
            vec!["日期", "他人姓名"]
        );
    }

    #[test]
    fn fills_do_not_double_units_or_enter_lists() {
        assert_eq!(without_overlap("2026年", "年组织工作"), "2026");
        assert_eq!(without_overlap("2026年", "组织工作"), "2026年");
        assert_eq!(without_overlap("市委组织部", "部机关"), "市委组织");
        assert_eq!(without_overlap("张明", "明确指出"), "张明");
        assert!(!own_unit_fits("本单位", "比如", "、"));
        assert!(!own_unit_fits("本单位", "、", "举办"));
        assert!(own_unit_fits("本单位", "推动", "党建工作"));
        assert!(!own_unit_fits("下属单位", "推动", "党建工作"));
    }
}
