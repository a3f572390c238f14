//! Property tests: the parser never panics and never invents text.

use std::collections::HashSet;

use jianggao::core::parse::pipeline::parse_text;
use proptest::prelude::*;

/// Characters the parser may legitimately produce that were not in the input: the
/// full-width form of half-width punctuation next to Chinese, and a plain space for
/// any white space.
fn allowed(input: &str) -> HashSet<char> {
    let mut set: HashSet<char> = input.chars().collect();
    for (half, full) in [
        (',', '，'),
        (':', '：'),
        (';', '；'),
        ('(', '（'),
        (')', '）'),
        ('!', '！'),
        ('?', '？'),
    ] {
        if set.contains(&half) {
            set.insert(full);
        }
    }
    if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        set.insert(' ');
    }
    set
}

fn check(input: &str) {
    let s = parse_text("prop.txt", "utf-8", input);
    let ok = allowed(input);
    for piece in s.all_text() {
        for c in piece.chars() {
            assert!(
                ok.contains(&c),
                "invented {c:?} in {piece:?} from {input:?}"
            );
        }
    }
    for sec in s.all_sections() {
        assert!((1..=4).contains(&sec.level));
    }
}

fn speechy_line() -> impl Strategy<Value = String> {
    let marker = prop_oneof![
        Just(""),
        Just("一、"),
        Just("二、"),
        Just("三、"),
        Just("（一）"),
        Just("（二）"),
        Just("(三)"),
        Just("1."),
        Just("2、"),
        Just("3．"),
        Just("（1）"),
        Just("第一，"),
        Just("第二，"),
        Just("一要"),
        Just("二要"),
        Just("一是"),
        Just("首先，"),
        Just("其次，"),
        Just("最后，"),
        Just("同志们："),
        Just("同志们，"),
        Just("谢谢大家！"),
        Just("——在"),
        Just("首页 > "),
        Just("2022.10.23")
    ];
    (marker, "[加强党建工作，。！？“”、：:,()a-z0-9 \t]{0,30}").prop_map(|(m, t)| format!("{m}{t}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_never_panics_or_invents(input in "\\PC{0,200}") {
        check(&input);
    }

    #[test]
    fn speech_like_text_never_panics_or_invents(lines in prop::collection::vec(speechy_line(), 0..40)) {
        check(&lines.join("\n"));
    }
}
