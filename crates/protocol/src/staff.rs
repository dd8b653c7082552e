//! The staff's side of support requests (`/v1/staff/...`): a member of staff signs in with a
//! password and an authenticator's code for a shift, claims a request from the queue, looks at
//! its proofs (blurred unless asked otherwise, each clear view audited), ticks a fixed
//! checklist and decides with a reason code. Approving starts an assisted recovery; nothing
//! here carries, shows or sets an account's password (SECURITY.md S22).
//!
//! These types are the server's and the kiosk's; the customer's app does not see them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, exposed_option, Secret, SupportState};

/// What a member of staff may do: an agent reviews and decides, a supervisor also gives the
/// second approval that four eyes need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum StaffRole {
    Agent,
    Supervisor,
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Supervisor => "supervisor",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "agent" => Some(Self::Agent),
            "supervisor" => Some(Self::Supervisor),
            _ => None,
        }
    }
}

/// `POST /v1/staff/sessions`: a member of staff's own username, password and the current code
/// of their authenticator app. Both factors, always.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffSignInRequest {
    pub username: String,
    /// The member of staff's own password (never an account's).
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub password: Secret<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String, example = "123456")]
    pub totp: Secret<String>,
    /// A staffed station's own key (`regain-server station add`), sent by the station's app:
    /// only a shift begun with one may record what was seen in person.
    #[serde(default, with = "exposed_option", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub station_key: Option<Secret<String>>,
}

/// `201` answer of `POST /v1/staff/sessions`: a shift's token. It ends at `expires_at`, or
/// after `idle_secs` without a request, whichever comes first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffSession {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub token: Secret<String>,
    pub username: String,
    pub role: StaffRole,
    /// Unix seconds: the end of the shift.
    pub expires_at: i64,
    pub idle_secs: i64,
    /// The staffed station the shift is at, if it was signed in with a station's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<String>,
}

/// One request in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QueueItem {
    pub request_id: String,
    pub reference: String,
    pub state: SupportState,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
    /// Who has it claimed, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
    /// Whether it waits for a supervisor's second approval.
    pub awaiting_second_approval: bool,
}

/// `GET /v1/staff/queue`: open requests, oldest first, and those in review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Queue {
    pub requests: Vec<QueueItem>,
}

/// The account a request names, as staff may see it: enough to compare with the proofs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StaffAccountView {
    pub display_name: String,
    /// Masked (`a•••@example.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Masked (`+86 •••• ••12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub second_factor: bool,
    /// The names of the account's signed-in devices.
    pub devices: Vec<String>,
}

/// One proof of a request, by its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProofSummary {
    pub position: u32,
    /// `id_document` or `receipt`.
    pub kind: String,
    pub content_type: String,
    /// Erased after the decision and the retention period.
    pub erased: bool,
}

/// An internal note of staff: never shown to the customer or the account's owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StaffNoteView {
    pub author: String,
    pub text: String,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
}

/// `GET /v1/staff/requests/{id}`: a claimed request as its reviewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StaffRequestView {
    pub request_id: String,
    pub reference: String,
    pub state: SupportState,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
    /// The account the identifier names; `None` when it names none (approving then closes the
    /// request without effect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<StaffAccountView>,
    /// The contact the person confirmed, masked.
    pub contact: String,
    pub description: String,
    /// The IMEI or serial number given, if any (`imei:…`, `serial:…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    pub proofs: Vec<ProofSummary>,
    pub notes: Vec<StaffNoteView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<String>,
    /// Who gave the first approval, when four eyes wait for a second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_approval_by: Option<String>,
}

/// `POST /v1/staff/requests/{id}/notes`: an internal note (up to 2,000 characters).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffNoteRequest {
    pub text: String,
}

/// The fixed checklist of a review. Every item the reviewer ticks is kept with the decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Checklist {
    /// The identity document shows the name on the account.
    #[serde(default)]
    pub document_matches_name: bool,
    /// The receipt is for a device the account uses.
    #[serde(default)]
    pub receipt_matches_device: bool,
    /// The serial number or IMEI matches the device on the receipt.
    #[serde(default)]
    pub device_id_matches: bool,
    /// The identity document was seen in person (a staffed station only).
    #[serde(default)]
    pub id_seen_in_person: bool,
}

impl Checklist {
    /// How many items are ticked.
    pub fn ticked(self) -> usize {
        [
            self.document_matches_name,
            self.receipt_matches_device,
            self.device_id_matches,
            self.id_seen_in_person,
        ]
        .into_iter()
        .filter(|t| *t)
        .count()
    }
}

/// The decision's reason, from a fixed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ReasonCode {
    /// Approve: the proofs match the account.
    ProofsMatch,
    /// Approve: the person was verified in person with their identity document.
    VerifiedInPerson,
    /// Deny: the proofs are not enough to tell.
    ProofsInsufficient,
    /// Deny: the proofs do not match the account.
    ProofsDoNotMatch,
    /// Deny: the request looks like an attempt to take the account.
    SuspectedFraud,
    /// Deny: another request for the same account is in hand.
    Duplicate,
}

impl ReasonCode {
    pub const ALL: [Self; 6] = [
        Self::ProofsMatch,
        Self::VerifiedInPerson,
        Self::ProofsInsufficient,
        Self::ProofsDoNotMatch,
        Self::SuspectedFraud,
        Self::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProofsMatch => "proofs_match",
            Self::VerifiedInPerson => "verified_in_person",
            Self::ProofsInsufficient => "proofs_insufficient",
            Self::ProofsDoNotMatch => "proofs_do_not_match",
            Self::SuspectedFraud => "suspected_fraud",
            Self::Duplicate => "duplicate",
        }
    }

    /// Whether the reason is one an approval gives.
    pub fn approves(self) -> bool {
        matches!(self, Self::ProofsMatch | Self::VerifiedInPerson)
    }
}

/// Approve or deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Verdict {
    Approve,
    Deny,
}

/// `POST /v1/staff/requests/{id}/decision`, by the member of staff who claimed the request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionRequest {
    pub verdict: Verdict,
    pub reason: ReasonCode,
    #[serde(default)]
    pub checklist: Checklist,
}

/// `POST /v1/staff/requests/{id}/second-review`: a supervisor's verdict on a request another
/// member of staff approved (four eyes), with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SecondReviewRequest {
    pub verdict: Verdict,
    pub reason: ReasonCode,
}

/// What a decision did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum DecisionOutcome {
    /// An assisted recovery started: the account's contacts were told; the pass goes out when
    /// the waiting period ends, unless it is cancelled.
    RecoveryStarted,
    /// Four eyes: a supervisor (not the first approver) must approve too.
    AwaitingSecondApproval,
    /// Denied.
    Denied,
    /// The identifier names no account: closed without effect.
    ClosedWithoutEffect,
}

/// The answer to a decision or a second approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionView {
    pub outcome: DecisionOutcome,
    pub state: SupportState,
    /// Unix seconds when the waiting period ends, for a recovery that started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub wait_ends_at: Option<i64>,
}

/// One line of the staff audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StaffAuditEntry {
    pub at: i64,
    pub staff: String,
    /// `sign_in`, `claim`, `view_proof`, `note`, `decision`, `second_approval`.
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// What was done, without secrets: a proof's position, a verdict and reason, the checklist.
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
}

/// `POST /v1/support/assisted/cancel`: the cancel link of an assisted recovery's notice.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelAssistedRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub token: Secret<String>,
}

/// `POST /v1/support/pass`: the single-use recovery pass that came when the waiting period
/// ended. It opens a recovery flow at its "choose a new password" step.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedeemPassRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub pass: Secret<String>,
}

/// A recovery waiting after recovery contacts vouched, as a member of staff at a staffed
/// station sees it by the reference the person shows: enough to compare with their identity
/// document, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StaffWaitingView {
    pub reference: String,
    pub display_name: String,
    /// Masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Unix seconds when the wait ends.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub ends_at: i64,
    /// Whether a station already checked it.
    pub checked: bool,
}
