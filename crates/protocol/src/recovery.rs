use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, Secret};

/// Answer of `GET /v1/captcha/challenge`: an ALTCHA v2 proof-of-work challenge, passed as is
/// to an ALTCHA solver (the app solves it in Rust; the ALTCHA widget works too).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object)]
pub struct CaptchaChallenge(pub serde_json::Value);

/// `POST /v1/recovery/flows`: start recovering the account an identifier names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartRecoveryRequest {
    /// An email, a phone number or an account ID.
    pub identifier: String,
    /// ISO 3166 region used to read a national phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The solved captcha: base64 of the JSON `{"challenge": …, "solution": …}` (the ALTCHA
    /// payload format).
    pub captcha: String,
}

/// Ways to prove ownership of an account.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryMethod {
    /// A code (and a link) by email to the confirmed email address.
    Email,
    /// A code by SMS to the confirmed phone number.
    Sms,
    /// The account's security questions.
    SecurityQuestions,
    /// A code from the account's authenticator app: a second gate only.
    Totp,
    /// One of the account's recovery codes: a second gate only.
    RecoveryCode,
    /// The account's recovery contacts vouch, k of n, each in their own app after the person
    /// reads them the flow's code: a first gate only, which starts a waiting period.
    RecoveryContacts,
}

impl RecoveryMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::SecurityQuestions => "security_questions",
            Self::Totp => "totp",
            Self::RecoveryCode => "recovery_code",
            Self::RecoveryContacts => "recovery_contacts",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            "security_questions" => Some(Self::SecurityQuestions),
            "totp" => Some(Self::Totp),
            "recovery_code" => Some(Self::RecoveryCode),
            "recovery_contacts" => Some(Self::RecoveryContacts),
            _ => None,
        }
    }
}

/// Where a flow stands. See `crates/recovery/src/flow.mermaid`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlowState {
    /// Pick one of `methods`.
    ChooseMethod,
    /// A code was sent; enter it (or open the emailed link).
    EnterCode,
    /// Answer the questions in `challenge.questions`.
    AnswerQuestions,
    /// Every gate is passed and recovery contacts vouched: the waiting period runs (`waiting`
    /// says until when, and what would shorten it); any old contact may cancel it.
    Waiting,
    /// Every gate is passed: set a new password with the reset token.
    ChoosePassword,
    /// The password was reset.
    Complete,
    /// Too many wrong codes or answers; start again later.
    Locked,
    /// The flow is older than 30 minutes; start again.
    Expired,
}

/// One way offered to prove ownership, with its masked destination.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MethodOffer {
    pub method: RecoveryMethod,
    /// `+86 ••• •••• 12`, `j•••@example.com` or `security questions`.
    pub destination: String,
}

/// Whether the current code has left.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Queued; the courier has not handed it over yet.
    Sending,
    /// Handed to the email server or SMS gateway.
    Sent,
    /// The courier has not managed yet and keeps trying; suggest another method.
    NotDeliveredYet,
    /// Nothing is delivered for this method (security questions).
    NotApplicable,
}

/// The challenge in progress: a code sent somewhere, or questions to answer.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChallengeView {
    pub method: RecoveryMethod,
    pub destination: String,
    pub delivery: DeliveryState,
    /// Unix seconds when the code stops working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub code_expires_at: Option<i64>,
    /// Unix seconds from when a new code may be asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub resend_at: Option<i64>,
    pub sends_left: u32,
    pub attempts_left: u32,
    /// The questions to answer, in order (security questions only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Recovery contacts only: the code to read them and how many vouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vouching: Option<VouchingProgress>,
}

/// Recovery contacts asked to vouch: the code the person reads to each of them (it passes
/// nothing by itself; a contact's vouch is bound to it and to this flow), and the count.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VouchingProgress {
    /// Six digits, to read out by phone or in person.
    pub code: String,
    pub vouched: u32,
    /// How many must vouch.
    pub needed: u32,
    /// How many were asked.
    pub asked: u32,
}

/// What can shorten the waiting period after recovery contacts vouched, each by the same
/// setting's worth.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Every recovery contact vouched, not just enough of them.
    EveryContact,
    /// The request comes from a device the account was signed in on (and not marked lost).
    KnownDevice,
    /// A member of staff at a staffed station saw the person's identity document in person
    /// and compared it with the account's name.
    StaffedStation,
}

/// One piece of evidence, and whether it counts yet.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EvidenceView {
    pub kind: EvidenceKind,
    pub counted: bool,
}

/// The waiting period of a recovery vouched for by recovery contacts.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WaitingView {
    /// What to tell staff at a staffed station (`RG-XXXX-XXXX`) for a check in person.
    pub reference: String,
    /// Unix seconds when the new password can be set, unless someone cancels.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub ends_at: i64,
    /// How much each piece of evidence not counted yet would take off.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub shortens_by_secs: i64,
    pub evidence: Vec<EvidenceView>,
}

/// `POST /v1/recovery/flows/{id}/known-device`: this app was signed in to the account before;
/// its refresh token (even an expired one) is evidence that shortens the waiting period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownDeviceRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub refresh_token: Secret<String>,
}

/// A recovery flow as the client sees it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FlowView {
    pub flow_id: String,
    pub state: FlowState,
    /// Unix seconds when the flow ends.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub expires_at: i64,
    /// How many proofs this account needs (two with a second factor).
    pub gates_required: u8,
    pub gates_passed: u8,
    /// The methods that may be chosen now.
    pub methods: Vec<MethodOffer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<ChallengeView>,
    /// While the waiting period after recovery contacts vouched runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<WaitingView>,
    /// Always offered: "I can't use any of these" leads to a support request.
    pub can_contact_support: bool,
}

/// `POST /v1/recovery/flows/{id}/challenge`: send a code by this method, or show the questions.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
    pub method: RecoveryMethod,
}

/// `POST /v1/recovery/flows/{id}/verify`: exactly one of `code`, `answers` and `link_token`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_secret")]
    #[schema(value_type = Option<String>, example = "123456")]
    pub code: Option<Secret<String>>,
    /// Answers to the questions, in their order.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_secrets")]
    #[schema(value_type = Option<Vec<String>>)]
    pub answers: Option<Vec<Secret<String>>>,
    /// The token from the emailed link (the app receives it through `regain://recover`).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_secret")]
    #[schema(value_type = Option<String>)]
    pub link_token: Option<Secret<String>>,
}

/// The flow after a proof; with the reset token once every gate is passed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VerifyResponse {
    pub flow: FlowView,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_secret")]
    #[schema(value_type = Option<String>)]
    pub reset_token: Option<Secret<String>>,
    /// Unix seconds when the reset token stops working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_expires_at: Option<i64>,
    /// When recovery contacts' vouches started a waiting period: the secret the app that waits
    /// keeps, without which `finish-wait` hands out nothing (the flow ID alone is not enough).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_secret")]
    #[schema(value_type = Option<String>)]
    pub wait_token: Option<Secret<String>>,
}

/// `POST /v1/recovery/flows/{id}/finish-wait`: the secret the waiting period began with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FinishWaitRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub wait_token: Secret<String>,
}

/// `POST /v1/recovery/flows/{id}/password`: the new password, with the reset token.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub reset_token: Secret<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub new_password: Secret<String>,
}

/// A question and its answer, when setting security questions.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionAnswer {
    pub question: String,
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub answer: Secret<String>,
}

/// `PUT /v1/me/security-questions`: replace the account's questions (two to five).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityQuestionsRequest {
    pub questions: Vec<QuestionAnswer>,
}

/// One security event of the caller's account.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SecurityEventView {
    pub kind: crate::EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<crate::AuthMethod>,
    pub outcome: crate::EventOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub at: i64,
}

/// `GET /v1/me/events`: newest first.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SecurityEventList {
    pub events: Vec<SecurityEventView>,
}

mod optional_secret {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::Secret;

    pub fn serialize<S: Serializer>(
        value: &Option<Secret<String>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        value.as_ref().map(Secret::expose).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Secret<String>>, D::Error> {
        Option::<String>::deserialize(d).map(|v| v.map(Secret::new))
    }
}

mod optional_secrets {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::Secret;

    pub fn serialize<S: Serializer>(
        value: &Option<Vec<Secret<String>>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        value.as_ref().map(|v| v.iter().map(Secret::expose).collect::<Vec<_>>()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<Secret<String>>>, D::Error> {
        Option::<Vec<String>>::deserialize(d)
            .map(|v| v.map(|v| v.into_iter().map(Secret::new).collect()))
    }
}
