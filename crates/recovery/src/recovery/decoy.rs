//! Decoy flows: what recovery shows for an identifier that names no account (SECURITY.md
//! S01-S03).
//!
//! A decoy must not be told from a real flow by any property of one answer, nor by any
//! statistic over many. Its masks are therefore not invented: they are copied from a real
//! account, the *donor*, drawn from the accounts that an identifier of the same kind could
//! have named:
//!
//! - for an email, the accounts with a confirmed email at the same domain, so that a phone mask
//!   shows the countries people at that domain really have (a `qq.com` address with a `+86`
//!   phone); for a phone, the accounts with a confirmed phone in the same country; for an
//!   account ID, every account;
//! - when that narrower pool has fewer than [`MIN_POOL`] accounts, the whole pool of the kind
//!   instead, so that a decoy never tells that a rare domain or country has an account at all.
//!
//! The part of the mask that comes from the identifier itself (`j•••@example.com` for an
//! email) is masked exactly as a real account's is. Whether the decoy offers a second contact,
//! and how many security questions it asks, are the donor's too, so the proportions of decoys
//! with a phone, with questions, in each country, follow those of real accounts. The donor is
//! the first account at or after a point drawn from the identifier's MAC under the server
//! secret; account IDs are drawn at random when accounts are created, so the spacing before an
//! account has nothing to do with its contacts and every kind of account is drawn in its real
//! proportion. Nobody without the secret can predict or repeat the draw.
//!
//! The profile is kept the first time an identifier is asked for, so that asking again shows
//! the same masks (S03) however accounts come and go. A real account's identifier gets one
//! kept too (never shown), so that its first and later starts make the same reads and writes
//! as an unknown one's (S02). Not covered: an attacker who already knows the person's phone country can compare it with what
//! one flow shows; a real account shows the truth, a decoy a country drawn as above.

pub use crate::model::decoy::{DecoyProfile, DonorPool};
use crate::{mask_email, mask_phone, Account, Identifier};

/// The narrower pool is used only when it holds at least this many accounts.
pub const MIN_POOL: u32 = 20;

/// The pools for `identifier`: the narrow one to try first, and the wide one of its kind.
pub fn pools(identifier: &Identifier) -> (Option<DonorPool>, DonorPool) {
    match identifier {
        Identifier::Email(email) => {
            let domain = email.expose().rsplit_once('@').map(|(_, d)| d.to_owned());
            (Some(DonorPool::Emails { domain }), DonorPool::Emails { domain: None })
        }
        Identifier::Phone(phone) | Identifier::PhoneOrAccountId(phone, _) => (
            Some(DonorPool::Phones { country_code: Some(phone.country_code()) }),
            DonorPool::Phones { country_code: None },
        ),
        Identifier::AccountId(_) => (None, DonorPool::Accounts),
    }
}

/// The point in account-ID order the donor is found at, from the seed.
pub fn donor_point(seed: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = seed.get(8 + i).copied().unwrap_or_default();
    }
    let span = crate::ACCOUNT_ID_MAX - crate::ACCOUNT_ID_MIN + 1;
    crate::ACCOUNT_ID_MIN + u64::from_le_bytes(bytes) % span
}

/// The decoy for `identifier`, with the donor's other contacts, question count and second
/// factor. Without a donor (no account of that kind exists yet) it shows only what the
/// identifier itself gives.
pub fn profile(identifier: &Identifier, donor: Option<&Account>) -> DecoyProfile {
    let email_of = |account: &Account| {
        account.email.as_ref().filter(|c| c.confirmed).map(|c| c.value.masked())
    };
    let phone_of = |account: &Account| {
        account.phone.as_ref().filter(|c| c.confirmed).map(|c| c.value.masked())
    };
    let (email, phone) = match identifier {
        Identifier::Email(email) => (Some(mask_email(email.expose())), donor.and_then(phone_of)),
        Identifier::Phone(phone) | Identifier::PhoneOrAccountId(phone, _) => {
            (donor.and_then(email_of), Some(mask_phone(phone.expose(), phone.country_code())))
        }
        Identifier::AccountId(_) => (donor.and_then(email_of), donor.and_then(phone_of)),
    };
    DecoyProfile {
        email,
        phone,
        question_count: donor.map_or(0, |d| d.question_count),
        second_factor: donor.is_some_and(|d| d.second_factor),
        vouches: donor.and_then(|d| d.vouches_needed().map(|k| (k, d.circle_accepted))),
    }
}

/// The seed a decoy's draws are made from: its subject, the identifier's MAC under the server
/// secret, as bytes.
pub fn seed(subject: &str) -> Vec<u8> {
    (0..subject.len() / 2)
        .filter_map(|i| u8::from_str_radix(subject.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// The questions people choose most; decoys ask from the same list the app suggests.
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

/// `count` different questions from [`COMMON_QUESTIONS`], chosen and ordered by the seed.
pub fn questions(seed: &[u8], count: u8) -> Vec<String> {
    let mut order: Vec<usize> = (0..COMMON_QUESTIONS.len()).collect();
    // Fisher-Yates, one seed byte a step.
    for i in (1..order.len()).rev() {
        let byte = seed.get(16 + i).copied().unwrap_or_default();
        order.swap(i, usize::from(byte) % (i + 1));
    }
    order.into_iter().take(usize::from(count)).map(|i| COMMON_QUESTIONS[i].to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Contact, Email, Phone};

    fn donor(email: Option<&str>, phone: Option<&str>, questions: u8) -> Account {
        Account {
            id: 1_000_000_001,
            display_name: "Donor".into(),
            birthday: None,
            email: email
                .map(|e| Contact { value: Email::parse(e).expect("email"), confirmed: true }),
            phone: phone
                .map(|p| Contact { value: Phone::parse(p, None).expect("phone"), confirmed: true }),
            email_change: None,
            phone_change: None,
            password_hash: String::new(),
            has_security_questions: questions > 0,
            question_count: questions,
            second_factor: false,
            recovery_codes_left: 0,
            circle_accepted: 0,
            circle_chosen: None,
            locale: "en".into(),
            failed_sign_ins: 0,
            created_at: 0,
        }
    }

    #[test]
    fn an_email_decoy_shows_its_own_mask_and_the_donors_phone() {
        let id = Identifier::parse("nobody@example.com", None).expect("valid");
        let profile = profile(&id, Some(&donor(Some("x@y.com"), Some("+447400123456"), 3)));
        assert_eq!(profile.email.as_deref(), Some("n•••@example.com"));
        assert_eq!(profile.phone.as_deref(), Some("+44 ••• •••• 56"));
        assert_eq!(profile.question_count, 3);
        let without_phone = super::profile(&id, Some(&donor(Some("x@y.com"), None, 0)));
        assert_eq!(without_phone.phone, None);
    }

    #[test]
    fn a_phone_decoy_shows_its_own_mask_and_the_donors_email() {
        let id = Identifier::parse("+8613800138099", None).expect("valid");
        let profile = profile(&id, Some(&donor(Some("wei@qq.com"), Some("+8613912345678"), 0)));
        assert_eq!(profile.phone.as_deref(), Some("+86 ••• •••• 99"));
        assert_eq!(profile.email.as_deref(), Some("w•••@qq.com"));
        assert_eq!(super::profile(&id, None).email, None, "no donor: only the identifier's mask");
    }

    #[test]
    fn pools_narrow_to_the_domain_or_country() {
        let email = Identifier::parse("a@corp.example", None).expect("valid");
        assert_eq!(
            pools(&email),
            (
                Some(DonorPool::Emails { domain: Some("corp.example".into()) }),
                DonorPool::Emails { domain: None }
            )
        );
        let phone = Identifier::parse("+447400123456", None).expect("valid");
        assert_eq!(pools(&phone).0, Some(DonorPool::Phones { country_code: Some(44) }));
        assert_eq!(pools(&Identifier::AccountId(1_234_567_890)), (None, DonorPool::Accounts));
    }

    #[test]
    fn questions_are_distinct_and_follow_the_seed() {
        for seed in 0..=255u8 {
            let seed: Vec<u8> = (0..32).map(|i| seed.wrapping_mul(31).wrapping_add(i)).collect();
            let five = questions(&seed, 5);
            assert_eq!(five, questions(&seed, 5));
            let mut unique = five.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), 5);
        }
    }

    #[test]
    fn donor_points_fall_in_the_account_id_range() {
        for seed in 0..=255u8 {
            let point = donor_point(&[seed; 32]);
            assert!((1_000_000_000..=9_999_999_999).contains(&point));
        }
    }
}
