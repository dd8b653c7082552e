//! Every text the policy can show, by stable message key, in English and Simplified Chinese.
//! The UI adds further languages keyed the same way; a key without a text is a test failure.

use serde::{Deserialize, Serialize};

/// Languages the policy's texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    En,
    ZhCn,
}

/// The guidance shown beside a new-password field, in order. The standards (NIST SP 800-63B-4,
/// OWASP ASVS 6.2) forbid composition rules; these tips teach what actually helps.
pub const GUIDANCE: &[&str] = &[
    "password.tip.length",
    "password.tip.personal",
    "password.tip.reuse",
    "password.tip.manager",
    "password.tip.two_step",
];

/// The text of `key` in `language`, or `None` for an unknown key.
pub fn text(key: &str, language: Language) -> Option<&'static str> {
    let (en, zh) = match key {
        "password.tip.length" => ("Use at least 15 characters, or four or more random words.", "至少使用 15 个字符，或 4 个以上随机单词。"),
        "password.tip.personal" => ("Avoid your name, birthday, phone number and email.", "不要使用您的姓名、生日、手机号或邮箱。"),
        "password.tip.reuse" => ("Never reuse a password from another account.", "切勿重复使用其他账号的密码。"),
        "password.tip.manager" => ("Let a password manager create and remember it for you.", "让密码管理器为您生成并记住密码。"),
        "password.tip.two_step" => ("Turn on two-step verification for extra protection.", "开启两步验证，获得额外保护。"),

        "password.reason.too_short" => ("Use more characters.", "请使用更多字符。"),
        "password.reason.too_long" => ("Use at most 256 characters.", "最多使用 256 个字符。"),
        "password.reason.common" => ("This password is one of the most common. Choose another.", "这是最常见的密码之一，请换一个。"),
        "password.reason.breached" => ("This password appeared in a data breach. Choose another.", "此密码曾在数据泄露中出现，请换一个。"),
        "password.reason.personal" => ("Leave out your name, birthday, phone number, email and account ID.", "请勿包含您的姓名、生日、手机号、邮箱或账号 ID。"),
        "password.reason.too_guessable" => ("This password is easy to guess. Add more words or characters.", "此密码容易被猜到，请添加更多单词或字符。"),
        "password.reason.reused" => ("You used this password recently. Choose a new one.", "您最近使用过此密码，请换一个新密码。"),

        "password.warning.straight_rows" => ("Straight rows of keys are easy to guess.", "键盘上连续的一排按键很容易被猜到。"),
        "password.warning.short_keyboard_patterns" => ("Short keyboard patterns are easy to guess.", "简短的键盘图案很容易被猜到。"),
        "password.warning.repeats" => ("Repeats like \"aaa\" are easy to guess.", "像 \"aaa\" 这样的重复很容易被猜到。"),
        "password.warning.repeated_patterns" => ("Repeats like \"abcabcabc\" are only slightly harder to guess than \"abc\".", "像 \"abcabcabc\" 这样的重复只比 \"abc\" 难猜一点点。"),
        "password.warning.top10" => ("This is one of the ten most common passwords.", "这是最常见的十个密码之一。"),
        "password.warning.top100" => ("This is one of the hundred most common passwords.", "这是最常见的一百个密码之一。"),
        "password.warning.common" => ("This is a very common password.", "这是一个非常常见的密码。"),
        "password.warning.similar_to_common" => ("This is similar to a commonly used password.", "这与常用密码很相似。"),
        "password.warning.sequences" => ("Sequences like abc or 6543 are easy to guess.", "像 abc 或 6543 这样的序列很容易被猜到。"),
        "password.warning.recent_years" => ("Recent years are easy to guess.", "最近的年份很容易被猜到。"),
        "password.warning.single_word" => ("A word by itself is easy to guess.", "单个单词很容易被猜到。"),
        "password.warning.dates" => ("Dates are often easy to guess.", "日期通常很容易被猜到。"),
        "password.warning.names" => ("Names and surnames by themselves are easy to guess.", "单独的名字和姓氏很容易被猜到。"),
        "password.warning.common_names" => ("Common names and surnames are easy to guess.", "常见的名字和姓氏很容易被猜到。"),

        "password.suggestion.few_words" => ("Use a few words and avoid common phrases.", "使用几个单词，避免常见短语。"),
        "password.suggestion.no_symbols_needed" => ("No need for symbols, digits or uppercase letters.", "无需符号、数字或大写字母。"),
        "password.suggestion.add_word" => ("Add another word or two. Uncommon words are better.", "再加一两个单词，不常见的单词更好。"),
        "password.suggestion.capitalization" => ("Capitalization doesn't help very much.", "大写字母帮助不大。"),
        "password.suggestion.all_uppercase" => ("All-uppercase is almost as easy to guess as all-lowercase.", "全部大写几乎和全部小写一样容易被猜到。"),
        "password.suggestion.reversed_words" => ("Reversed words aren't much harder to guess.", "倒序的单词并不会更难猜。"),
        "password.suggestion.substitutions" => ("Predictable substitutions like \"@\" for \"a\" don't help very much.", "用 \"@\" 代替 \"a\" 这类可预测的替换帮助不大。"),
        "password.suggestion.longer_keyboard_pattern" => ("Use a longer keyboard pattern with more turns.", "使用更长、转折更多的键盘图案。"),
        "password.suggestion.avoid_repeats" => ("Avoid repeated words and characters.", "避免重复的单词和字符。"),
        "password.suggestion.avoid_sequences" => ("Avoid sequences.", "避免使用序列。"),
        "password.suggestion.avoid_recent_years" => ("Avoid recent years.", "避免使用最近的年份。"),
        "password.suggestion.avoid_your_years" => ("Avoid years that are associated with you.", "避免使用与您有关的年份。"),
        "password.suggestion.avoid_your_dates" => ("Avoid dates and years that are associated with you.", "避免使用与您有关的日期和年份。"),

        "password.breach_check.unavailable" => ("We could not check this password against known breaches just now; it was checked against the offline list of common passwords.", "暂时无法在已知泄露数据中检查此密码，已使用离线常见密码列表进行检查。"),
        _ => return None,
    };
    Some(match language {
        Language::En => en,
        Language::ZhCn => zh,
    })
}
