//! `GET /v1/me/checkup`: the prevention advice of every recovery guide (keep your contacts
//! current, set security questions, turn on two-step verification, review your account) as a
//! checklist about this account, with a score. Never the password: only its age and whether
//! today's policy would still accept the strength class it was given.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::SecurityEventView;

/// What a check is about; each has its fix in the app.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A confirmed email address, confirmed within the last year.
    Email,
    /// A confirmed phone number, confirmed within the last year.
    Phone,
    SecurityQuestions,
    /// Two-step verification (an authenticator app).
    SecondFactor,
    /// Recovery codes left (with two-step verification on).
    RecoveryCodes,
    /// The password's age; today's policy would still accept its strength class.
    Password,
    /// Signed-in devices not seen for 90 days.
    StaleDevices,
    /// Refused, held-back or locked attempts in the last 30 days.
    UnusualActivity,
    /// Recovery contacts who accepted, and whether enough of them can vouch.
    RecoveryContacts,
}

/// How a check came out.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckState {
    /// Nothing to do.
    Good,
    /// Worth doing: the account would be safer or easier to recover.
    Improve,
    /// Look at this now.
    Attention,
}

/// One item of the checkup.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CheckItem {
    pub kind: CheckKind,
    pub state: CheckState,
    /// When it was last done (a contact confirmed, the password set), Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub since: Option<i64>,
    /// A count: recovery codes left, stale devices, unusual events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// Answer of `GET /v1/me/checkup`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Checkup {
    /// 0 to 100: each good item counts fully, each to improve half, each needing attention
    /// nothing.
    pub score: u8,
    pub items: Vec<CheckItem>,
    /// The last 30 days of security activity, newest first, the unusual ones marked by the
    /// client from their outcome.
    pub activity: Vec<SecurityEventView>,
}
