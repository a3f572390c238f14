//! Where the paragraph being written stands in its speech. A closing reuses what past
//! closings said (坚定信心、振奋精神…, 时不我待 close speeches), so the phrases mined from
//! them count for a closing.

use crate::core::library::Phrase;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// A section's or point's body, or unknown.
    #[default]
    Body,
    Opening,
    Closing,
}

impl Role {
    /// The section path mining gives the paragraphs of an opening or a closing.
    fn path(self) -> Option<&'static str> {
        match self {
            Role::Body => None,
            Role::Opening => Some("开头"),
            Role::Closing => Some("结尾"),
        }
    }

    /// Whether this role prefers what past paragraphs of the same role said: a closing
    /// does; an opening does not, as what a past opening said is about its own meeting
    /// (不辱使命 of an election, 走在前、作表率 of one unit's campaign), while closings share
    /// their calls to action (labelled gold: closings gained 2 wanted phrases of 24 shown,
    /// openings lost 4).
    pub(crate) fn prefers_past(self) -> bool {
        self == Role::Closing
    }

    /// Whether `word`, in a paragraph of this role, speaks of the meeting rather than of
    /// the subject.
    pub(crate) fn meeting_word(self, word: &str) -> bool {
        self != Role::Body && MEETING_WORDS.contains(&word)
    }

    /// This role's bit in `role_bits`; 0 for a body.
    pub(crate) fn bit(self) -> u8 {
        match self {
            Role::Body => 0,
            Role::Opening => 1,
            Role::Closing => 2,
        }
    }

    /// A role named on the command line: 开头/opening, 结尾/closing, 正文/body.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "开头" | "opening" => Some(Role::Opening),
            "结尾" | "closing" => Some(Role::Closing),
            "正文" | "body" => Some(Role::Body),
            _ => None,
        }
    }
}

/// Words an opening or a closing uses of the meeting itself (今天召开这次会议，主要任务是
/// 安排部署…): there they say nothing of the speech's subject, so no phrase is matched on
/// them (同安排、同部署、同落实 beside every opening that 安排部署 work).
const MEETING_WORDS: &[&str] = &[
    "会议",
    "召开",
    "部署",
    "安排",
    "今天",
    "这次",
    "本次",
    "此次",
    "会上",
    "会后",
    "大会",
    "讲话",
    "意见",
    "动员",
    "传达",
    "议题",
    "议程",
    "座谈会",
    "推进会",
    "讨论",
    "决定",
    "刚才",
    "发言",
    "下面",
    "几点",
];

/// The roles of the places a phrase was found in, as bits.
pub(crate) fn role_bits(p: &Phrase) -> u8 {
    [Role::Opening, Role::Closing]
        .into_iter()
        .filter(|r| p.sources.iter().any(|s| Some(s.path.as_str()) == r.path()))
        .fold(0, |b, r| b | r.bit())
}
