//! Recovery contacts (`/v1/me/recovery-contacts`, `/v1/me/vouching`): other Regain accounts the
//! owner trusts to vouch for them when every other way of proving ownership is lost. The owner
//! invites up to five; each accepts in their own app; k of them must vouch (never one of
//! several by default), and their vouches count as one gate only (SECURITY.md S29).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most recovery contacts an account may have, invited or accepted.
pub const MAX_RECOVERY_CONTACTS: u32 = 5;

/// Codes a recovery contact may try on one request to vouch before it takes no more.
pub const VOUCH_CODE_ATTEMPTS: u32 = 3;

/// `POST /v1/me/recovery-contacts`: invite the account an email, phone number or account ID
/// names. Whether it names one is not said: an invitation to nobody waits like any other and
/// lapses.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct InviteRecoveryContactRequest {
    pub identifier: String,
    /// A region (`CN`) for a phone number typed without its country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Where a recovery contact stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RecoveryContactState {
    /// Invited; not answered yet.
    Invited,
    /// Accepted: they can vouch.
    Active,
}

/// One of the owner's recovery contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecoveryContactView {
    pub id: String,
    pub state: RecoveryContactState,
    /// Their display name, once they accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The identifier the owner invited, masked (`j•••@example.com`).
    pub invited_as: String,
    /// Unix seconds: invited, or accepted.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub since: i64,
}

/// Someone who made this account one of their recovery contacts, or asks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VouchingForView {
    pub id: String,
    /// Their display name.
    pub name: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub since: i64,
}

/// `GET /v1/me/recovery-contacts`: the owner's contacts and how many must vouch, and the
/// accounts this one vouches for or is asked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecoveryContactsView {
    pub contacts: Vec<RecoveryContactView>,
    /// How many accepted contacts must vouch; `None` while recovery by contacts is not
    /// possible (fewer than two accepted, or one without the owner's confirmation, or fewer
    /// than the owner's chosen number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// The number the owner chose, if they chose one (else the default applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen_threshold: Option<u32>,
    /// The owner confirmed that one contact alone may vouch (they have only one).
    pub weaker_confirmed: bool,
    /// Accounts this one vouches for.
    pub vouching_for: Vec<VouchingForView>,
    /// Invitations waiting for this account's answer.
    pub invitations: Vec<VouchingForView>,
    /// People this account vouches for who ask it to vouch now, from a recovery.
    pub vouch_requests: Vec<VouchRequestView>,
}

/// Someone this account vouches for asks it to, now: they say they lost every other way into
/// their account. The app warns before anything: call them or see them first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VouchRequestView {
    pub id: String,
    /// Their display name.
    pub name: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub asked_at: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub expires_at: i64,
    /// Codes this account may still try for it.
    pub attempts_left: u32,
}

/// `POST /v1/me/vouch-requests/{id}/vouch`: the code the person in recovery read out.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VouchRequest {
    #[serde(with = "crate::exposed")]
    #[schema(value_type = String, example = "482915")]
    pub code: crate::Secret<String>,
}

/// `POST /v1/me/vouch-requests/{id}/decline`: no vouch. `dont_know` says the contact knows
/// nothing of this recovery (the owner's other channels are told it may be an attack); either
/// way the request ends.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct DeclineVouchRequest {
    #[serde(default)]
    pub dont_know: bool,
}

/// `PUT /v1/me/recovery-contacts/threshold`: how many accepted contacts must vouch. From 2 to
/// the number accepted; 1 only when exactly one is accepted and `confirm_weaker` says the
/// owner understands that one person alone could then start a recovery.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct VouchThresholdRequest {
    pub threshold: u32,
    #[serde(default)]
    pub confirm_weaker: bool,
}
