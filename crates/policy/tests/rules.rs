//! Each rule of the policy, triggered alone; the length and Unicode table; and zxcvbn's scores
//! pinned for a set of passwords people really choose.
#![allow(clippy::unwrap_used)]

use regain_policy::{
    evaluate, text, BreachStatus, Context, Language, PersonalKind, Reason, Settings, GUIDANCE,
};

fn li_wei() -> Context {
    Context::new()
        .name("Li Wei")
        .email("li.wei@example.com")
        .phone("+8613800138000", 86)
        .account_id(1_234_567_890)
        .birthday("1990-04-12")
}

fn verdict(password: &str) -> regain_policy::Verdict {
    evaluate(password, &li_wei(), &Settings::default())
}

/// A strong passphrase with nothing wrong: the baseline each case below departs from.
#[test]
fn a_random_passphrase_passes() {
    let v = verdict("quiet tangerine orbit saddle");
    assert!(v.acceptable, "{v:?}");
    assert_eq!(v.score, 4);
    assert!(v.reasons.is_empty() && v.personal.is_empty());
}

#[test]
fn too_short_alone() {
    // 14 code points, strong otherwise.
    assert_eq!(verdict("Xq7#vR2!mZp9&k").reasons, [Reason::TooShort]);
}

#[test]
fn too_long_alone() {
    let long: String = "quiet tangerine orbit saddle ".repeat(9);
    assert_eq!(long.chars().count(), 261);
    assert_eq!(verdict(&long).reasons, [Reason::TooLong]);
}

#[test]
fn common_alone() {
    // On the breach-derived list, yet random-looking enough that zxcvbn alone would pass it.
    let v = verdict("277rte87hryloitru");
    assert_eq!(v.reasons, [Reason::Common], "{v:?}");
    assert!(v.score >= 3);
    // Checked case-insensitively.
    assert_eq!(verdict("277RTE87HRYLOITRU").reasons, [Reason::Common]);
}

#[test]
fn breached_alone() {
    let context = li_wei().breach(BreachStatus::Found(42));
    let v = evaluate("quiet tangerine orbit saddle", &context, &Settings::default());
    assert_eq!(v.reasons, [Reason::Breached]);
    assert_eq!(v.breach, BreachStatus::Found(42));
}

#[test]
fn personal_alone_in_every_form() {
    let cases = [
        ("liwei tangerine orbit saddle", PersonalKind::Name),
        ("tangerine orbit saddle iewil", PersonalKind::Name), // reversed
        ("L1W3I tangerine orbit saddle", PersonalKind::Name), // leetspeak
        ("tangerine 13800138000 saddle", PersonalKind::Phone),
        ("tangerine 1234567890 saddle!", PersonalKind::AccountId),
        ("tangerine orbit 12041990 xq", PersonalKind::Birthday),
        ("tangerine orbit saddle 900412", PersonalKind::Birthday),
        ("regain tangerine orbit saddle", PersonalKind::ServiceName),
    ];
    for (password, kind) in cases {
        let v = verdict(password);
        assert!(v.reasons.contains(&Reason::Personal), "{password}: {v:?}");
        assert!(v.personal.contains(&kind), "{password}: {:?}", v.personal);
        assert!(
            !v.reasons.contains(&Reason::Common) && !v.reasons.contains(&Reason::TooShort),
            "{password}"
        );
    }
    let alone = verdict("tangerine orbit liwei saddle");
    assert_eq!(alone.reasons, [Reason::Personal]);
    // Email: the address, and its local part as a word.
    let email = verdict("tangerine li.wei@example.com");
    assert!(email.personal.contains(&PersonalKind::Email), "{email:?}");
    // Short parts of names are not words of their own: "wei" is in "weird".
    assert!(verdict("weird tangerine orbit saddle").personal.is_empty());
}

#[test]
fn too_guessable_alone() {
    // Long, not on the list, nothing personal, but a keyboard walk and a repeat.
    let v = verdict("qazwsxedcrfvtgbyhn");
    assert!(v.reasons.contains(&Reason::TooGuessable), "{v:?}");
    let v = verdict("abcabcabcabcabcabc");
    assert_eq!(v.reasons, [Reason::TooGuessable], "{v:?}");
    assert!(v.warning.is_some());
}

#[test]
fn reused_is_added_by_the_caller() {
    let mut v = verdict("quiet tangerine orbit saddle");
    v.refuse(Reason::Reused);
    assert!(!v.acceptable);
    assert_eq!(v.reasons, [Reason::Reused]);
}

/// SECURITY.md S14: 7, 8, 14, 15, 256, 257 code points; emoji; combining characters.
#[test]
fn length_table_in_code_points() {
    let unit = "tangerine🍊orbit saddle quiet meadow "; // varied, so only length can refuse
    let of_length = |n: usize| unit.chars().cycle().take(n).collect::<String>();
    let settings = Settings::default();
    let two_factor = li_wei().with_second_factor(true);
    let too_short =
        |p: &str, c: &Context| evaluate(p, c, &settings).reasons.contains(&Reason::TooShort);
    let too_long = |p: &str| evaluate(p, &li_wei(), &settings).reasons.contains(&Reason::TooLong);
    assert!(too_short(&of_length(7), &two_factor));
    assert!(!too_short(&of_length(8), &two_factor));
    assert!(too_short(&of_length(14), &li_wei()));
    assert!(!too_short(&of_length(15), &li_wei()));
    assert!(!too_long(&of_length(256)));
    assert!(too_long(&of_length(257)));
    assert_eq!(evaluate("🍊🍊🍊", &li_wei(), &settings).length, 3);
    // "é" typed as e + U+0301 is one code point after NFKC.
    assert_eq!(evaluate("cafe\u{301}", &li_wei(), &settings).length, 4);
}

#[test]
fn settings_may_raise_the_minimums() {
    let settings = Settings { min_length_single_factor: 30, ..Settings::default() };
    let v = evaluate("quiet tangerine orbit", &li_wei(), &settings);
    assert_eq!((v.reasons.as_slice(), v.min_length), ([Reason::TooShort].as_slice(), 30));
}

#[test]
fn every_key_has_a_text_in_every_language() {
    let reasons = [
        Reason::TooShort,
        Reason::TooLong,
        Reason::Common,
        Reason::Breached,
        Reason::Personal,
        Reason::TooGuessable,
        Reason::Reused,
    ];
    let mut keys: Vec<String> = reasons.iter().map(|r| r.message_key().to_owned()).collect();
    keys.extend(GUIDANCE.iter().map(|k| (*k).to_owned()));
    keys.push("password.breach_check.unavailable".to_owned());
    // Every warning and suggestion a verdict produced for a spread of weak passwords.
    for password in [
        "password",
        "qwertyuiop",
        "aaaaaaa",
        "abcabcabc",
        "1990",
        "2019-01-01",
        "John",
        "smith",
        "P@ssw0rd",
        "PASSWORD1",
        "drowssap",
        "asdfgh",
        "zxcvbnm,./",
    ] {
        let v = verdict(password);
        keys.extend(v.warning.clone());
        keys.extend(v.suggestions.clone());
    }
    for key in &keys {
        for language in Language::all() {
            assert!(
                text(key, language, 15).is_some_and(|t| !t.is_empty() && !t.contains('{')),
                "{key} has no {language:?} text"
            );
        }
    }
    assert_eq!(
        text("password.tip.length", Language::english(), 15).as_deref(),
        Some("Use at least 15 characters, or four or more random words.")
    );
    assert_eq!(
        text("password.reason.too_short", Language::english(), 8).as_deref(),
        Some("It is shorter than 8 characters.")
    );
    assert_eq!(text("password.tip.no_such_tip", Language::english(), 15), None);
    assert_eq!(text("error.busy", Language::english(), 15), None, "only the policy's own keys");
    assert_eq!(text("password.reset", Language::english(), 15), None, "a notice is not policy");
}

/// zxcvbn's scores, pinned: if an upgrade of the estimator moves them, this says which.
#[test]
fn zxcvbn_scores_are_pinned() {
    let no_context = Context::new();
    let cases: &[(&str, u8)] = &[
        // passphrases
        ("correct horse battery staple", 4),
        ("quiet tangerine orbit saddle", 4),
        ("maple otter lantern 47", 4),
        ("violet harbour compass 1987", 4),
        ("the quick brown fox", 4),
        ("i love you so much", 4),
        ("letmeinplease", 1),
        ("walnut meadow pilot", 4),
        // keyboard walks
        ("qwertyuiop", 0),
        ("asdfghjkl", 0),
        ("zxcvbnm", 0),
        ("1qaz2wsx3edc", 0),
        ("qazwsxedc", 0),
        ("poiuytrewq", 0),
        ("!@#$%^&*()", 1),
        // dates and years
        ("19900412", 1),
        ("12/04/1990", 1),
        ("2024", 0),
        ("april121990", 2),
        ("june2019summer", 3),
        // l33t
        ("p@ssw0rd", 0),
        ("P@$$w0rd!", 1),
        ("l3tm31n", 0),
        ("tr0ub4dor&3", 4),
        ("h4ck3r", 1),
        // names
        ("jennifer", 0),
        ("michael1", 0),
        ("johnsmith", 1),
        ("mariagarcia", 1),
        ("wangfang88", 3),
        // common and sequences
        ("password", 0),
        ("123456", 0),
        ("12345678", 0),
        ("iloveyou", 0),
        ("monkey", 0),
        ("dragon", 0),
        ("sunshine", 0),
        ("abcdefg", 0),
        ("aaaaaa", 0),
        ("abcabcabc", 0),
        ("987654321", 0),
        // random strings
        ("Xq7#vR2!mZp9&k", 4),
        ("k8Jd2Lq0", 2),
        ("hT5$zP", 1),
        ("ub4Wd8Zn2Rx", 4),
        ("7f3c9a1e", 2),
        // mixed
        ("Summer2024!", 2),
        ("Password123", 1),
        ("football99", 1),
        ("coffee&cream", 3),
        ("mississippi", 1),
        ("purple-monkey-dishwasher", 4),
        ("correcthorse", 2),
    ];
    let mut wrong = Vec::new();
    for &(password, expected) in cases {
        let score = evaluate(password, &no_context, &Settings::default()).score;
        if score != expected {
            wrong.push(format!("(\"{password}\", {score}), // pinned {expected}"));
        }
    }
    assert!(wrong.is_empty(), "scores moved:\n{}", wrong.join("\n"));
}
