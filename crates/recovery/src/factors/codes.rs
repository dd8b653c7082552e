//! Recovery codes (SECURITY.md S21): ten codes of twenty digits (66 bits each), shown once and
//! read aloud in five groups of four, each good once. Stored as argon2id hashes (S16) beside a
//! short lookup tag, a keyed MAC cut to 32 bits, so that a try costs one argon2 verification
//! rather than ten, and the table alone yields nothing.

use crate::secrets::{digit_code, CodeKey};
use crate::{AccountId, Random, Secret};

/// Codes in a set.
pub const COUNT: usize = 10;
/// Digits of a code.
pub const DIGITS: usize = 20;
const GROUP: usize = 4;
const TAG_PURPOSE: &str = "recovery-code";

/// A new set, each code as it is shown: `1234-5678-9012-3456-7890`.
pub fn generate(random: &dyn Random) -> Vec<Secret<String>> {
    (0..COUNT)
        .map(|_| {
            // Two draws of ten digits: one draw is at most 19 digits.
            let digits =
                format!("{}{}", digit_code(random, 10).expose(), digit_code(random, 10).expose());
            let groups: Vec<&str> =
                (0..DIGITS / GROUP).map(|i| &digits[i * GROUP..(i + 1) * GROUP]).collect();
            Secret::new(groups.join("-"))
        })
        .collect()
}

/// A code as typed (groups, spaces, dashes, digits of any script) in its one stored form,
/// twenty ASCII digits; `None` when it cannot be a recovery code.
pub fn normalize(typed: &str) -> Option<Secret<String>> {
    let digits = regain_protocol::digits::normalize_code(typed);
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Secret::new(digits))
}

/// The lookup tag of a normalised code of `account_id`.
pub fn tag(keys: &CodeKey, account_id: AccountId, normalized: &str) -> String {
    let mut mac = keys.mac(TAG_PURPOSE, &account_id.to_string(), normalized);
    mac.truncate(8);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OsRandom;

    #[test]
    fn ten_codes_of_twenty_digits_in_groups_of_four() {
        let codes = generate(&OsRandom);
        assert_eq!(codes.len(), COUNT);
        for code in &codes {
            let groups: Vec<&str> = code.expose().split('-').collect();
            assert_eq!(groups.len(), 5, "{:?}", groups.len());
            assert!(groups.iter().all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit())));
            assert_eq!(
                normalize(code.expose()).map(Secret::into_exposed).map(|d| d.len()),
                Some(20)
            );
        }
        let distinct: std::collections::BTreeSet<&str> =
            codes.iter().map(|c| c.expose().as_str()).collect();
        assert_eq!(distinct.len(), COUNT);
    }

    #[test]
    fn a_code_reads_however_it_is_typed() {
        let stored = "12345678901234567890";
        for typed in [
            "1234-5678-9012-3456-7890",
            "1234 5678 9012 3456 7890",
            " 12345678901234567890 ",
            "１２３４-５６７８-９０１２-３４５６-７８９０",
        ] {
            assert_eq!(
                normalize(typed).map(Secret::into_exposed).as_deref(),
                Some(stored),
                "{typed}"
            );
        }
        for wrong in ["1234-5678", "123456", "1234-5678-9012-3456-789a", ""] {
            assert!(normalize(wrong).is_none(), "{wrong}");
        }
    }

    #[test]
    fn tags_are_short_keyed_and_bound_to_the_account() {
        let keys = CodeKey::derive(&[7; 32]);
        let code = "12345678901234567890";
        let tag_a = tag(&keys, 1_000_000_001, code);
        assert_eq!(tag_a.len(), 8);
        assert_ne!(tag_a, tag(&keys, 1_000_000_002, code));
        assert_ne!(tag_a, tag(&CodeKey::derive(&[8; 32]), 1_000_000_001, code));
    }
}
