//! Accounts, their contacts and their sessions, as the domain sees them.

use regain_protocol::Platform;

use crate::{AuthMethod, Email, Phone, Secret};

/// How recent a sign-in must be for changes to contacts, questions and second factors.
pub const RECENT_SIGN_IN_SECS: i64 = 10 * 60;

/// Account IDs are 10 digits, like the numeric account IDs people already know.
pub const ACCOUNT_ID_MIN: u64 = 1_000_000_000;
pub const ACCOUNT_ID_MAX: u64 = 9_999_999_999;

pub type AccountId = u64;
pub type SessionId = String;

/// A contact of an account and whether it was confirmed by a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact<T> {
    pub value: T,
    pub confirmed: bool,
}

/// An account as the domain sees it.
#[derive(Clone)]
pub struct Account {
    pub id: AccountId,
    pub display_name: String,
    pub birthday: Option<String>,
    /// The confirmed email, else the live claim on one.
    pub email: Option<Contact<Email>>,
    pub phone: Option<Contact<Phone>>,
    /// A new email waiting for its code to replace the confirmed one.
    pub email_change: Option<Email>,
    /// A new phone number waiting for its code to replace the confirmed one.
    pub phone_change: Option<Phone>,
    pub password_hash: String,
    /// Consecutive failed sign-ins, across every window and identifier; a success or a new
    /// password clears them.
    pub failed_sign_ins: u32,
    pub has_security_questions: bool,
    /// How many security questions are set (0 to 5).
    pub question_count: u8,
    /// A confirmed authenticator app: a second factor, which sign-in and recovery then ask for.
    pub second_factor: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u8,
    /// Recovery contacts who accepted, and how many the owner chose must vouch (with whether
    /// they confirmed that one alone may), as [`vouches_needed`] reads them.
    pub circle_accepted: u32,
    pub circle_chosen: Option<(u32, bool)>,
    pub locale: String,
    pub created_at: i64,
}

impl Account {
    /// How many recovery contacts must vouch, when recovery by contacts is possible at all.
    pub fn vouches_needed(&self) -> Option<u32> {
        vouches_needed(self.circle_accepted, self.circle_chosen)
    }

    /// Every confirmed contact, as a full address or number (for notices).
    pub fn confirmed_contacts(&self) -> Vec<String> {
        let email = self.email.as_ref().filter(|c| c.confirmed).map(|c| c.value.expose());
        let phone = self.phone.as_ref().filter(|c| c.confirmed).map(|c| c.value.expose());
        email.into_iter().chain(phone).map(ToOwned::to_owned).collect()
    }

    /// How many contacts are confirmed (the ways left to reach the owner).
    pub fn confirmed_count(&self) -> usize {
        usize::from(self.email.as_ref().is_some_and(|c| c.confirmed))
            + usize::from(self.phone.as_ref().is_some_and(|c| c.confirmed))
    }

    /// Every contact, confirmed or not.
    pub fn all_contacts(&self) -> Vec<String> {
        let email = self.email.as_ref().map(|c| c.value.expose());
        let phone = self.phone.as_ref().map(|c| c.value.expose());
        email.into_iter().chain(phone).map(ToOwned::to_owned).collect()
    }
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("phone", &self.phone)
            .finish_non_exhaustive()
    }
}

/// What is kept of a password's strength when it is set: never the password, only the class
/// the policy gave it, for the security checkup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordStrength {
    /// zxcvbn's score, 0 to 4.
    pub score: u8,
    /// Long enough to protect an account with no second factor (S14: 15 characters).
    pub long_enough_alone: bool,
}

/// Dates and classes the security checkup reads that the account itself does not carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityFacts {
    pub email_confirmed_at: Option<i64>,
    pub phone_confirmed_at: Option<i64>,
    /// When the current password was set.
    pub password_set_at: Option<i64>,
    /// `None` for a password set before strength classes were kept.
    pub password_strength: Option<PasswordStrength>,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub account_id: AccountId,
    pub created_at: i64,
    /// When this session last proved the password (its sign-in).
    pub authenticated_at: i64,
    pub last_used_at: i64,
    pub access_expires_at: i64,
    pub refresh_expires_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// What proved the owner at sign-in.
    pub factors: Vec<AuthMethod>,
    /// The app this session is.
    pub device: Device,
    /// When the owner marked the device lost: locked until the current password unlocks it.
    pub locked_at: Option<i64>,
}

/// A signed-in app, as it named itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Device {
    pub name: Option<String>,
    pub platform: Option<Platform>,
}

impl Device {
    /// A device as an app describes it: a name of at most 64 printable characters (trimmed;
    /// empty is none), and its platform.
    pub fn parse(name: Option<&str>, platform: Option<Platform>) -> Result<Self, crate::Error> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if let Some(name) = name {
            if name.chars().count() > 64 || name.chars().any(char::is_control) {
                return Err(crate::Error::InvalidField { field: "device.name", reason: "invalid" });
            }
        }
        Ok(Self { name: name.map(ToOwned::to_owned), platform })
    }
}

impl Session {
    /// Refuses a change from a session that has not proved the password within
    /// [`RECENT_SIGN_IN_SECS`] (SECURITY.md S19).
    pub fn ensure_recent(&self, now: i64) -> Result<(), crate::Error> {
        if now - self.authenticated_at > RECENT_SIGN_IN_SECS {
            return Err(crate::Error::ReauthenticationRequired);
        }
        Ok(())
    }
}

/// The credentials handed to a client when a session starts or is refreshed.
#[derive(Debug, Clone)]
pub struct Grant {
    pub session_id: SessionId,
    pub account_id: AccountId,
    pub access_token: Secret<String>,
    pub access_expires_at: i64,
    pub refresh_token: Secret<String>,
    pub refresh_expires_at: i64,
}

/// Who is asking, for sessions, security events and throttles.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl RequestMeta {
    /// The user agent as sessions and events keep it: its first 256 characters.
    pub fn kept_user_agent(&self) -> Option<String> {
        self.user_agent.as_ref().map(|ua| ua.chars().take(256).collect())
    }
}

/// What is needed to create an account, already parsed at the boundary.
#[derive(Debug, Clone)]
pub struct NewAccountInput {
    pub display_name: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub birthday: Option<String>,
    pub password: Secret<String>,
    pub locale: Option<String>,
}

/// The language a person chose, as a BCP 47 tag with its casing normalised (`pt-BR`,
/// `zh-Hans-CN`): kept whole, so that messages follow it as soon as a catalog speaks it.
/// English when none is given; `invalid_field` for a tag that is not one.
pub fn language_tag(raw: Option<&str>) -> Result<String, crate::Error> {
    let Some(raw) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok("en".to_owned());
    };
    if raw.len() > 64 {
        return Err(crate::Error::InvalidField { field: "locale", reason: "invalid" });
    }
    icu_locale_core::Locale::normalize(raw)
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| crate::Error::InvalidField { field: "locale", reason: "invalid" })
}

/// How many accepted contacts must vouch, if recovery by contacts is possible at all: the
/// owner's choice while they have that many (one only while they have exactly one, and said
/// they understand), else at least two and at least half of them. Never fewer than the owner
/// chose: a contact stepping down makes the gate unavailable rather than easier.
pub fn vouches_needed(accepted: u32, chosen: Option<(u32, bool)>) -> Option<u32> {
    let default = (accepted >= 2).then(|| accepted.div_ceil(2).max(2));
    match chosen {
        Some((1, weaker_confirmed)) if accepted == 1 => weaker_confirmed.then_some(1),
        // One was chosen when there was one; with more, the default holds again.
        Some((1, _)) => default,
        Some((k, _)) => (k <= accepted).then_some(k),
        None => default,
    }
}

#[cfg(test)]
mod language_tests {
    use super::language_tag;

    #[test]
    fn a_chosen_language_is_kept_whole_with_its_casing_normalised() {
        assert_eq!(language_tag(Some("hi")).expect("a language"), "hi");
        assert_eq!(language_tag(Some("pt-br")).expect("a language"), "pt-BR");
        assert_eq!(language_tag(Some("ZH-hans-cn")).expect("a language"), "zh-Hans-CN");
        assert_eq!(language_tag(Some("es-419")).expect("a language"), "es-419");
        assert_eq!(language_tag(Some("zh-hant-tw")).expect("a language"), "zh-Hant-TW");
        assert_eq!(
            language_tag(Some("de-DE-u-co-phonebk")).expect("a language"),
            "de-DE-u-co-phonebk"
        );
        assert_eq!(language_tag(Some("en-x-test")).expect("a language"), "en-x-test");
        assert_eq!(language_tag(None).expect("a language"), "en");
        assert!(language_tag(Some("not a tag")).is_err());
        assert!(language_tag(Some("x")).is_err());
    }
}
