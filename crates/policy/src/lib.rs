//! Regain's password policy: one [`evaluate`] that the server enforces (the authority) and the
//! app runs on every keystroke (guidance).
//!
//! It owns the rules and their stable reason codes (SECURITY.md S14-S15). The core does no I/O:
//! no network, no files, no clock, so the app can run it offline and the server on any thread.
//! It must not depend on the server, the store or the protocol crate.
//!
//! Normalisation: a password is NFKC-normalised before it is counted or hashed ([`normalize`]),
//! so the same password typed on two keyboards (full-width digits, composed or decomposed
//! accents) is the same password. Nothing is ever truncated and no character class is required.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The policy's numbers; each is a setting of the server's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Minimum length in code points for an account with a password only (NIST 800-63B-4: 15).
    pub min_length_single_factor: usize,
    /// Minimum length in code points for an account with a second factor (NIST 800-63B-4: 8).
    pub min_length_with_second_factor: usize,
    /// Maximum length in code points; longer ones are refused, never truncated.
    pub max_length: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self { min_length_single_factor: 15, min_length_with_second_factor: 8, max_length: 256 }
    }
}

impl Settings {
    /// Problems with these numbers, all at once (for `config check`).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.min_length_single_factor < 15 {
            problems.push(
                "password.min_length_single_factor must be at least 15 (NIST SP 800-63B-4)"
                    .to_owned(),
            );
        }
        if self.min_length_with_second_factor < 8 {
            problems.push(
                "password.min_length_with_second_factor must be at least 8 (NIST SP 800-63B-4)"
                    .to_owned(),
            );
        }
        if self.max_length < 64 {
            problems.push("password.max_length must be at least 64 so passphrases fit".to_owned());
        }
        if self.max_length < self.min_length_single_factor {
            problems.push("password.max_length must not be below the minimum length".to_owned());
        }
        problems
    }
}

/// What the policy knows about the account whose password is being chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Whether the account has a second factor (TOTP, recovery codes): it lowers the minimum.
    pub has_second_factor: bool,
}

/// Why a password is refused. Each is a stable code on the wire and a message key in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Fewer code points than the minimum for this account.
    TooShort,
    /// More code points than the maximum.
    TooLong,
}

impl Reason {
    /// The stable code, as it appears in `ErrorBody.fields`.
    pub fn code(self) -> &'static str {
        match self {
            Self::TooShort => "too_short",
            Self::TooLong => "too_long",
        }
    }
}

/// The policy's answer about one password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Verdict {
    pub acceptable: bool,
    /// Everything that refuses the password; empty when it is acceptable.
    pub reasons: Vec<Reason>,
    /// Length in code points after normalisation.
    pub length: usize,
    /// The minimum that applied.
    pub min_length: usize,
}

/// The form of a password that is counted, checked and hashed (NFKC).
pub fn normalize(password: &str) -> String {
    password.nfkc().collect()
}

/// Evaluate `password` for an account described by `context`.
pub fn evaluate(password: &str, context: &Context, settings: &Settings) -> Verdict {
    let normalized = normalize(password);
    let length = normalized.chars().count();
    let min_length = if context.has_second_factor {
        settings.min_length_with_second_factor
    } else {
        settings.min_length_single_factor
    };
    let mut reasons = Vec::new();
    if length < min_length {
        reasons.push(Reason::TooShort);
    }
    if length > settings.max_length {
        reasons.push(Reason::TooLong);
    }
    Verdict { acceptable: reasons.is_empty(), reasons, length, min_length }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(password: &str, has_second_factor: bool) -> Verdict {
        evaluate(password, &Context { has_second_factor }, &Settings::default())
    }

    /// SECURITY.md S14: lengths counted in code points, both minimums, the maximum.
    #[test]
    fn length_table() {
        let cases: &[(usize, bool, &[Reason])] = &[
            (7, true, &[Reason::TooShort]),
            (8, true, &[]),
            (14, false, &[Reason::TooShort]),
            (15, false, &[]),
            (256, false, &[]),
            (257, false, &[Reason::TooLong]),
        ];
        for &(len, second_factor, reasons) in cases {
            let password: String = "qz".chars().cycle().take(len).collect();
            let v = verdict(&password, second_factor);
            assert_eq!(v.reasons, reasons, "{len} code points, second factor {second_factor}");
            assert_eq!(v.length, len);
        }
    }

    #[test]
    fn emoji_count_as_one_code_point_each() {
        let password = "🔑".repeat(15); // 60 bytes, 15 code points
        assert!(verdict(&password, false).acceptable);
        assert!(!verdict(&"🔑".repeat(14), false).acceptable);
    }

    #[test]
    fn nfkc_makes_compatibility_forms_equal() {
        // Full-width digits and a decomposed é are the same password as their plain forms.
        assert_eq!(normalize("ｐａｓｓ１２３"), "pass123");
        assert_eq!(normalize("cafe\u{301}"), "café");
        // Combining marks that compose count once.
        assert_eq!(verdict("cafe\u{301}cafe\u{301}cafe\u{301}xyz", false).length, 15);
    }

    #[test]
    fn passwords_are_never_truncated() {
        // Differ only at byte 73, past bcrypt's 72-byte limit: both kept whole.
        let a = format!("{}a", "x".repeat(72));
        let b = format!("{}b", "x".repeat(72));
        assert_ne!(normalize(&a), normalize(&b));
        assert_eq!(verdict(&a, false).length, 73);
    }

    #[test]
    fn settings_problems_are_listed_together() {
        let bad = Settings {
            min_length_single_factor: 6,
            min_length_with_second_factor: 4,
            max_length: 10,
        };
        assert_eq!(bad.problems().len(), 3);
        assert!(Settings::default().problems().is_empty());
    }
}
