//! The word lists that find 动宾搭配: complements, weak and generic verbs, weak objects,
//! lead-ins and attributive adjectives, each as a set for lookup at every word.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Complements that make a verb resultative (压实, 筑牢, 选好, 配强, 把准, 学深悟透).
pub(super) const RESULTS: [char; 15] = [
    '实', '牢', '紧', '深', '好', '强', '严', '细', '准', '齐', '优', '硬', '透', '亮', '稳',
];

/// Verbs too plain to make a phrase worth suggesting.
pub(super) const WEAK_VERBS: &[&str] = &[
    "是", "有", "进行", "开展", "召开", "做好", "作好", "做到", "实现", "存在", "认为", "包括",
    "成为", "作为", "进入", "需要", "加以", "通过", "提出", "完成", "举办", "制定", "出现", "发现",
    "提供", "给予", "来看", "看到", "取得", "得到", "受到", "具有", "属于", "没有", "要求", "希望",
    "参加", "组织", "选举", "产生", "成立", "召集", "讲", "说", "看", "想", "抓好",
];

/// Verbs any subject takes: with the name of a field of work they say nothing a writer
/// needs a library for.
pub(crate) const GENERIC_VERBS: &[&str] = &[
    "加强",
    "推进",
    "狠抓",
    "坚持",
    "增强",
    "强化",
    "推动",
    "深化",
    "抓好",
    "做好",
    "作好",
    "搞好",
    "注重",
    "重视",
    "加大",
    "全面加强",
    "大力推进",
];

/// Objects too plain to make a phrase (开展活动, 做好工作).
pub(super) const WEAK_OBJECTS: &[&str] = &[
    "工作", "活动", "会议", "问题", "情况", "方面", "意见", "要求", "任务", "事情", "时候", "方式",
    "内容", "措施", "作用", "东西", "同志", "大家", "精神", "方法", "效果",
];

/// Words that may open a clause before its verb without being part of the phrase.
pub(super) const LEAD_INS: &[&str] = &[
    "要",
    "一要",
    "二要",
    "三要",
    "四要",
    "五要",
    "六要",
    "必须",
    "切实",
    "着力",
    "不断",
    "进一步",
    "始终",
    "努力",
    "务必",
    "首先",
    "同时",
    "更要",
    "还要",
    "都要",
    "就要",
    "就是",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "真正",
    "坚决",
    "持续",
    "全面",
    "大力",
    "积极",
    "认真",
    "深入",
    "扎实",
    "自觉",
    "主动",
    "带头",
    "充分",
    "不",
    "并",
    "也",
    "还",
    "又",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "第一",
    "第二",
    "第三",
    "第四",
    "我们",
    "各级",
];

/// Adjectives that describe a noun rather than act on it (良好政治生态, 坚强战斗堡垒): they
/// never open a verb phrase, though jieba tags some of them like the verbs that do
/// (严守, 坚定, 严明 are tagged adjectives too).
pub(super) const ATTRIBUTIVE: &[&str] = &[
    "良好", "坚强", "优秀", "重要", "伟大", "先进", "广大", "全体", "主要", "基本", "强大", "过硬",
    "健康", "正确", "坚实", "浓厚", "有力", "有效", "鲜明", "明显", "良性", "突出", "一般", "特殊",
    "新型", "现代", "共同", "不同", "相关", "具体", "直接", "长期", "全新",
];

/// A word list as a set: these lists are asked about at every word of every clause, and
/// a scan of a list was a tenth of finding verb phrases.
pub(super) struct WordSet(LazyLock<FxHashSet<&'static str>>);

macro_rules! word_set {
    ($list:ident) => {
        WordSet(LazyLock::new(|| $list.iter().copied().collect()))
    };
}

impl WordSet {
    pub(super) fn contains(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

pub(super) static WEAK_VERB_SET: WordSet = word_set!(WEAK_VERBS);
pub(super) static WEAK_OBJECT_SET: WordSet = word_set!(WEAK_OBJECTS);
pub(super) static LEAD_IN_SET: WordSet = word_set!(LEAD_INS);
pub(super) static ATTRIBUTIVE_SET: WordSet = word_set!(ATTRIBUTIVE);
/// The lead-ins of two characters or more, in list order: the ones jieba may join to a verb.
pub(super) static LONG_LEAD_INS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    LEAD_INS
        .iter()
        .copied()
        .filter(|l| l.chars().count() >= 2)
        .collect()
});
