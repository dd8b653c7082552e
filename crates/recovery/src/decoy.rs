//! Decoy flows: what recovery shows for an identifier that names no account. Everything is
//! derived from the identifier's MAC under the server secret, so asking twice shows the same
//! masks (SECURITY.md S03) and nobody without the secret can tell a decoy from a real flow.

use crate::{mask_email, Identifier};

/// What a decoy flow offers, as a real account would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecoyProfile {
    pub email: String,
    pub phone: Option<String>,
    /// Whether it asks for a second gate (as accounts with security questions do).
    pub has_questions: bool,
    pub questions: Vec<String>,
}

const DOMAINS: [&str; 10] = [
    "gmail.com",
    "outlook.com",
    "qq.com",
    "163.com",
    "yahoo.com",
    "icloud.com",
    "hotmail.com",
    "126.com",
    "proton.me",
    "foxmail.com",
];
const COUNTRY_CODES: [u16; 14] = [86, 1, 44, 91, 62, 55, 7, 34, 52, 49, 81, 33, 234, 63];

/// The questions people choose most; decoys pick from the same list the app suggests.
pub const COMMON_QUESTIONS: [&str; 8] = [
    "What was the name of your first pet?",
    "In which city were your parents married?",
    "What was the name of your first school?",
    "What is your oldest cousin's first name?",
    "What was the make of your first car?",
    "In which city was your mother born?",
    "What was your childhood nickname?",
    "What street did you live on in third grade?",
];

/// A stored decoy flow's profile: the masks it was started with, the rest from its seed.
pub fn restore(email: String, phone: Option<String>, seed: &[u8]) -> DecoyProfile {
    DecoyProfile { email, phone, ..questions(seed) }
}

/// The decoy profile for `identifier`, from `seed` (its MAC, as bytes).
pub fn profile(identifier: &Identifier, seed: &[u8]) -> DecoyProfile {
    let byte = |i: usize| seed.get(i % seed.len().max(1)).copied().unwrap_or(0);
    let derived_phone = || {
        let cc = COUNTRY_CODES[usize::from(byte(3)) % COUNTRY_CODES.len()];
        format!("+{cc} ••• •••• {:02}", byte(4) % 100)
    };
    let derived_email = || {
        let first = char::from(b'a' + byte(0) % 26);
        format!("{first}•••@{}", DOMAINS[usize::from(byte(1)) % DOMAINS.len()])
    };
    let (email, phone) = match identifier {
        Identifier::Email(email) => {
            (mask_email(email.expose()), (byte(2) < 200).then(derived_phone))
        }
        Identifier::Phone(phone) | Identifier::PhoneOrAccountId(phone, _) => {
            (derived_email(), Some(phone.masked()))
        }
        Identifier::AccountId(_) => (derived_email(), (byte(2) < 200).then(derived_phone)),
    };
    DecoyProfile { email, phone, ..questions(seed) }
}

/// Whether a decoy has security questions, and which: from the seed alone.
fn questions(seed: &[u8]) -> DecoyProfile {
    let byte = |i: usize| seed.get(i % seed.len().max(1)).copied().unwrap_or(0);
    let has_questions = byte(5) < 40;
    let first = usize::from(byte(6)) % COMMON_QUESTIONS.len();
    let second =
        (first + 1 + usize::from(byte(7)) % (COMMON_QUESTIONS.len() - 1)) % COMMON_QUESTIONS.len();
    let questions = vec![COMMON_QUESTIONS[first].to_owned(), COMMON_QUESTIONS[second].to_owned()];
    DecoyProfile { email: String::new(), phone: None, has_questions, questions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_profile_and_questions_differ() {
        let id = Identifier::parse("nobody@example.com", None).expect("valid");
        for seed in 0..=255u8 {
            let seed = [
                seed,
                seed.wrapping_mul(7),
                seed.wrapping_add(3),
                9,
                8,
                7,
                seed,
                seed.wrapping_mul(3),
            ];
            let a = profile(&id, &seed);
            assert_eq!(a, profile(&id, &seed));
            assert_eq!(a.email, "n•••@example.com");
            assert_ne!(a.questions[0], a.questions[1]);
        }
    }
}
