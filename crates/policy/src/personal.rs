//! The account's own words, which a password must not contain: name, email and its local
//! part, phone digits, account ID, birthday in common formats, the service's name.

use serde::{Deserialize, Serialize};

/// What kind of personal word a password contained. Never the word itself.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    Name,
    Email,
    Phone,
    AccountId,
    Birthday,
    ServiceName,
}

/// One word to keep out of passwords, already normalised (lower case, separators removed).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) kind: PersonalKind,
    pub(crate) text: String,
}

/// Shorter words would refuse too many good passwords ("wei" is in "weird").
const MIN_WORD: usize = 4;

/// Lower case, letters and digits only.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Leetspeak folded to letters: `p@55w0rd` → `password`.
pub(crate) fn unleet(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '4' | '@' => 'a',
            '8' => 'b',
            '3' => 'e',
            '6' | '9' => 'g',
            '1' | '!' | '|' => 'i',
            '0' => 'o',
            '5' | '$' => 's',
            '7' | '+' => 't',
            '2' => 'z',
            other => other,
        })
        .collect()
}

pub(crate) fn push(words: &mut Vec<Word>, kind: PersonalKind, raw: &str) {
    let text = squash(raw);
    if text.chars().count() >= MIN_WORD && !words.iter().any(|w| w.text == text) {
        words.push(Word { kind, text });
    }
}

/// `YYYY-MM-DD` as people write it in passwords: 19900412, 12041990, 04121990, 900412, 120490,
/// 041290, 1204 and 0412.
pub(crate) fn birthday_forms(birthday: &str) -> Vec<String> {
    let parts: Vec<&str> = birthday.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Vec::new() };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Vec::new();
    }
    let yy = &y[2..];
    vec![
        format!("{y}{m}{d}"),
        format!("{d}{m}{y}"),
        format!("{m}{d}{y}"),
        format!("{yy}{m}{d}"),
        format!("{d}{m}{yy}"),
        format!("{m}{d}{yy}"),
        format!("{d}{m}"),
        format!("{m}{d}"),
    ]
}

/// The kinds of the words that `password` contains, forwards or reversed, as typed or with
/// leetspeak folded.
pub(crate) fn found_in(password: &str, words: &[Word]) -> Vec<PersonalKind> {
    let plain = squash(password);
    let folded = unleet(&password.to_lowercase());
    let folded = squash(&folded);
    let mut kinds: Vec<PersonalKind> = words
        .iter()
        .filter(|word| {
            let reversed: String = word.text.chars().rev().collect();
            let folded_word = unleet(&word.text);
            let folded_reversed: String = folded_word.chars().rev().collect();
            plain.contains(&word.text)
                || plain.contains(&reversed)
                || folded.contains(&folded_word)
                || folded.contains(&folded_reversed)
        })
        .map(|word| word.kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}
