//! The wire protocol of Regain's recovery service, version 1 (`/v1/...`).
//!
//! This crate owns every type that crosses the HTTP boundary: requests, views, the closed set
//! of [`ErrorCode`]s and the one [`ErrorBody`] every failure is answered with. It is shared by
//! the server, the client and the app so that no type is ever written twice.
//!
//! With the `specta` feature (the app's), the types its UI sees also describe themselves to
//! TypeScript; Unix seconds and account IDs are exported as `number` (they stay far below 2^53).
//!
//! It must stay free of I/O: serde and utoipa's schema derives only. No tokio, no HTTP client,
//! no database, no domain logic.

mod account;
mod checkup;
mod circle;
mod dev;
pub mod digits;
mod error;
mod events;
mod factors;
mod recovery;
mod session;
mod staff;
mod support;

pub use account::{
    AccountView, AddContactRequest, ChangePasswordRequest, ConfirmContactRequest, ContactChannel,
    ContactView, LocaleRequest, ResendConfirmationRequest, SignUpRequest, SignUpResponse,
};
pub use checkup::{CheckItem, CheckKind, CheckState, Checkup};
pub use circle::{
    DeclineVouchRequest, InviteRecoveryContactRequest, RecoveryContactState, RecoveryContactView,
    RecoveryContactsView, VouchRequest, VouchRequestView, VouchThresholdRequest, VouchingForView,
    MAX_RECOVERY_CONTACTS, VOUCH_CODE_ATTEMPTS,
};
pub use dev::{DevMessage, DevOutbox};
pub use error::{ErrorBody, ErrorCode};
pub use events::{AuthMethod, EventKind, EventOutcome, PasswordReason};
pub use factors::{
    ConfirmTotpRequest, ReauthenticateRequest, RecoveryCodes, RemoveSecondFactorRequest,
    SecondFactorChallenge, SecondFactorMethod, SecondFactorRequest, SecondFactorView, TotpSetup,
};
pub use recovery::{
    CaptchaChallenge, ChallengeRequest, ChallengeView, DeliveryState, EvidenceKind, EvidenceView,
    FinishWaitRequest, FlowState, FlowView, KnownDeviceRequest, MethodOffer, QuestionAnswer,
    RecoveryMethod, SecurityEventList, SecurityEventView, SecurityQuestionsRequest,
    SetPasswordRequest, StartRecoveryRequest, VerifyRequest, VerifyResponse, VouchingProgress,
    WaitingView,
};
pub use regain_secret::{exposed, exposed_option, Secret};
pub use session::{
    DeviceInfo, Platform, RefreshRequest, SessionGrant, SessionList, SessionView, SignInRequest,
    UnlockRequest,
};
pub use staff::{
    CancelAssistedRequest, Checklist, DecisionOutcome, DecisionRequest, DecisionView, ProofSummary,
    Queue, QueueItem, ReasonCode, RedeemPassRequest, SecondReviewRequest, StaffAccountView,
    StaffAuditEntry, StaffNoteRequest, StaffNoteView, StaffRequestView, StaffRole, StaffSession,
    StaffSignInRequest, StaffWaitingView, Verdict,
};
pub use support::{
    ConfirmSupportContactRequest, SupportRequestForm, SupportRequestOpened, SupportState,
    SupportStatusView,
};

/// The path prefix of this version of the protocol.
pub const V1: &str = "/v1";

/// Answer of `GET /healthz`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `"ok"` when the service answers and its database is reachable.
    pub status: String,
    /// The server's version (its crate version).
    pub version: String,
}
