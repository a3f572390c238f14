//! Whether a 排比 run reads as the source unit's own list where it stands: the items of a
//! numbered label the text names it by (……形象好的“五好”标准) when the label is no
//! standard formulation, or the activities a unit runs (开展……、……、……等活动). A writer
//! takes neither into another unit's speech; two blind judges and the panel's judge
//! rejected every one seen. A label the speech defines before its run (做到“五先”，即
//! ……) is not taken as the run's mark: what follows is often a maxim of conduct that
//! judges kept (要求别人做到的自己先做到……).

use crate::core::lexicon::standard::StandardLexicon;

/// Words after 等 that make the run a list of the source's activities.
const ACTIVITIES: &[&str] = &["活动", "行动", "创建"];

/// Characters a numbered label starts with (“五好”, “三个一”, “两个责任”).
const NUMERALS: &str = "一二三四五六七八九十两百千";

/// Whether `run`, found in `text`, is the source's own list there.
pub fn own_list(text: &str, run: &str) -> bool {
    let Some(at) = text.find(run) else {
        return false;
    };
    let after = &text[at + run.len()..];
    activities_after(after) || label_after(after).is_some_and(own_label)
}

/// 等活动, 等创建活动, 等系列活动: an activity word starting at most two characters after 等.
fn activities_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('等') else {
        return false;
    };
    let near: String = rest.chars().take(6).collect();
    ACTIVITIES
        .iter()
        .any(|a| near.find(a).is_some_and(|i| near[..i].chars().count() <= 2))
}

/// The quoted label right after the run: ……的“五好”, ……等“四个意识”, ……“三个一”.
fn label_after(after: &str) -> Option<&str> {
    let after = after
        .strip_prefix('的')
        .or_else(|| after.strip_prefix('等'))
        .unwrap_or(after);
    let inner = after.strip_prefix('“')?;
    let close = inner.find('”')?;
    Some(&inner[..close])
}

/// A numbered label of a few characters that the standard lexicon does not list: the
/// source's own scheme (“五好”), not a national one (“四个意识”).
fn own_label(inner: &str) -> bool {
    let n = inner.chars().count();
    (2..=8).contains(&n)
        && inner.chars().next().is_some_and(|c| NUMERALS.contains(c))
        && !StandardLexicon::shared().lists(&format!("“{inner}”"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_named_by_a_numbered_label_of_its_own_is_the_source_s() {
        let t = "围绕班子作用发挥好、基本制度落实好、服务中心工作好的“三好”标准，开展创建。";
        assert!(own_list(
            t,
            "班子作用发挥好、基本制度落实好、服务中心工作好"
        ));
        let t = "落实每月一次学习、每季一次讲课、每年一次评议等“三个一”要求。";
        assert!(own_list(t, "每月一次学习、每季一次讲课、每年一次评议"));
    }

    #[test]
    fn a_run_named_by_a_standard_label_is_not() {
        // “四个意识” is in the shipped standard lexicon.
        let t = "增强政治意识、大局意识、核心意识、看齐意识等“四个意识”。";
        assert!(!own_list(t, "政治意识、大局意识、核心意识、看齐意识"));
    }

    #[test]
    fn activities_a_unit_runs_are_its_own() {
        let t = "要深入开展支部共建、结对帮扶、志愿服务等活动，凝聚力量。";
        assert!(own_list(t, "支部共建、结对帮扶、志愿服务"));
        let t = "要做到知敬畏、存戒惧、守底线，自觉接受监督。";
        assert!(!own_list(t, "知敬畏、存戒惧、守底线"));
        // 等 followed by other words: a list like any other.
        let t = "坚持学习、思考、实践等方法相结合。";
        assert!(!own_list(t, "学习、思考、实践"));
    }
}
