//! The persistence the domain needs, as traits. Each method is one atomic unit: where a
//! change causes a message, the message is queued in the same transaction ("outbox"), so a
//! crash can never leave one without the other.
//!
//! Implemented by the server (SQLite now; PostgreSQL runs the same conformance suite later).

use async_trait::async_trait;
use regain_courier::ChannelKind;
use regain_protocol::{ContactChannel, RecoveryMethod};

use crate::accounts::{Account, Session};
use crate::decoy::{DecoyProfile, DonorPool};
use crate::events::{SecurityEvent, StoredEvent};
use crate::flow::{Flow, State};
use crate::{Email, Phone, TokenHash};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The email or phone belongs to another account already.
    #[error("the contact is already in use")]
    ContactInUse,
    /// The freshly drawn account ID exists; draw another.
    #[error("the account ID is taken")]
    AccountIdTaken,
    /// The database failed; the detail is for the log only.
    #[error("storage failure: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// An account as it is first written.
#[derive(Debug, Clone)]
pub struct NewAccountRecord {
    pub id: u64,
    pub display_name: String,
    pub birthday: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    /// Contacts taken as confirmed (an operator, the local demo) rather than claimed.
    pub confirmed: bool,
    /// When an unconfirmed contact lapses unless it is confirmed first.
    pub claim_expires_at: i64,
    pub password_hash: String,
    pub locale: String,
    pub created_at: i64,
}

/// A confirmation code for a contact, stored as its MAC only.
#[derive(Debug, Clone)]
pub struct NewConfirmation {
    pub account_id: u64,
    pub channel: ContactChannel,
    pub code_mac: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A message to queue in the outbox, already sealed.
#[derive(Debug, Clone)]
pub struct QueuedMessage {
    pub id: String,
    pub channel: ChannelKind,
    pub sealed: Vec<u8>,
    pub created_at: i64,
    /// A decoy flow's message: the worker takes it like any other and never delivers it.
    pub decoy: bool,
}

/// The security notices of a change (SECURITY.md S18): one message to every confirmed contact,
/// each carrying the same "this wasn't me" link, whose token the store keeps as a MAC.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    pub messages: Vec<QueuedMessage>,
    pub report_mac: String,
    pub report_expires_at: i64,
}

/// The live confirmation of a contact after an attempt was counted against it.
#[derive(Debug, Clone)]
pub struct PendingConfirmation {
    pub id: i64,
    pub code_mac: String,
    /// Attempts including the one just counted.
    pub attempts: u32,
    pub expires_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: String,
    pub account_id: u64,
    pub access_hash: TokenHash,
    pub access_expires_at: i64,
    pub refresh_hash: TokenHash,
    pub refresh_expires_at: i64,
    pub created_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The tokens that replace a refresh token.
#[derive(Debug, Clone)]
pub struct RotatedTokens {
    pub access_hash: TokenHash,
    pub access_expires_at: i64,
    pub refresh_hash: TokenHash,
}

/// What presenting a refresh token did.
#[derive(Debug, Clone)]
pub enum Rotation {
    Rotated(Session),
    /// The token was already rotated: it was replayed or stolen. The session is now revoked.
    Reused {
        session_id: String,
    },
    Unknown,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Writes the account, its pending confirmations and their messages in one transaction.
    async fn insert_account(
        &self,
        account: &NewAccountRecord,
        confirmations: &[NewConfirmation],
        messages: &[QueuedMessage],
    ) -> Result<(), StoreError>;
    /// The account as it is at `now`: an unconfirmed contact that lapsed is no longer its own.
    async fn account(&self, id: u64, now: i64) -> Result<Option<Account>, StoreError>;
    /// The account whose confirmed email this is; failing that, the account that claimed it
    /// first and has not let the claim lapse.
    async fn account_by_email(
        &self,
        email: &Email,
        now: i64,
    ) -> Result<Option<Account>, StoreError>;
    /// The same for a phone number.
    async fn account_by_phone(
        &self,
        phone: &Phone,
        now: i64,
    ) -> Result<Option<Account>, StoreError>;
    /// Accounts by ascending ID, after `after`.
    async fn accounts(&self, after: u64, limit: u32, now: i64) -> Result<Vec<Account>, StoreError>;
    /// The account's most recent password hashes, newest first, the current one included.
    async fn password_history(
        &self,
        account_id: u64,
        limit: u32,
    ) -> Result<Vec<String>, StoreError>;
    /// In one transaction: the new hash becomes the password and joins the history (which
    /// keeps `keep` entries), every session but `keep_session` is revoked, every open recovery
    /// flow of the account ends with its codes, links and reset tokens, and the event and the
    /// notices are written.
    async fn change_password(&self, change: &PasswordChange) -> Result<(), StoreError>;
}

/// A new password for an account, applied atomically.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub account_id: u64,
    pub password_hash: String,
    pub keep: u32,
    /// The session that made the change and stays signed in, if any.
    pub keep_session: Option<String>,
    pub now: i64,
    pub event: SecurityEvent,
    pub notices: Notices,
}

#[async_trait]
pub trait ConfirmationStore: Send + Sync {
    /// Supersedes any live confirmation of that contact with `confirmation` and queues its
    /// message, in one transaction.
    async fn replace_confirmation(
        &self,
        confirmation: &NewConfirmation,
        message: &QueuedMessage,
    ) -> Result<(), StoreError>;
    /// When the live confirmation of the contact was created, if there is one.
    async fn live_confirmation_created_at(
        &self,
        account_id: u64,
        channel: ContactChannel,
    ) -> Result<Option<i64>, StoreError>;
    /// Counts one attempt against the live confirmation *before* the code is compared, and
    /// returns it; `None` when there is no live confirmation.
    async fn count_confirmation_attempt(
        &self,
        account_id: u64,
        channel: ContactChannel,
    ) -> Result<Option<PendingConfirmation>, StoreError>;
    /// Consumes the confirmation and marks the contact confirmed, in one transaction, only if
    /// it was not consumed yet: of two racing submits of the right code, exactly one wins.
    /// Other accounts' claims on the same value end; `false` as well when another account
    /// confirmed the value first.
    async fn consume_confirmation(
        &self,
        id: i64,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
    ) -> Result<bool, StoreError>;
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn insert_session(&self, session: &NewSession) -> Result<(), StoreError>;
    /// The live session (not revoked, access token not expired) with this access token.
    async fn session_by_access(
        &self,
        access: &TokenHash,
        now: i64,
    ) -> Result<Option<Session>, StoreError>;
    /// Replaces the refresh token `presented` by `next`, at most once.
    async fn rotate_refresh(
        &self,
        presented: &TokenHash,
        next: &RotatedTokens,
        now: i64,
    ) -> Result<Rotation, StoreError>;
    async fn revoke_session(&self, session_id: &str, now: i64) -> Result<(), StoreError>;
    /// The account's live sessions, newest first.
    async fn sessions_of(&self, account_id: u64, now: i64) -> Result<Vec<Session>, StoreError>;
}

/// A new challenge on a flow, applied only if the flow is still where it was read.
#[derive(Debug, Clone)]
pub struct ChallengeUpdate {
    pub flow_id: String,
    pub expected_state: State,
    pub expected_sends: u32,
    pub state: State,
    pub method: RecoveryMethod,
    pub code_mac: Option<String>,
    pub code_expires_at: Option<i64>,
    pub link_mac: Option<String>,
    pub link_expires_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub message_id: Option<String>,
}

/// The proof that passed, which must still be the current one when the gate is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassedProof {
    Code { mac: String },
    Link { mac: String },
    Answers { gates_before: String },
}

/// A gate passed: the flow moves on, and gets a reset token if it was the last gate.
#[derive(Debug, Clone)]
pub struct GatePass {
    pub flow_id: String,
    pub proof: PassedProof,
    pub state: State,
    pub gates_passed: Vec<RecoveryMethod>,
    pub reset_mac: Option<String>,
    pub reset_expires_at: Option<i64>,
}

/// Everything a completed reset changes, in one transaction: the flow completes and the
/// password changes as [`AccountStore::change_password`] changes it.
#[derive(Debug, Clone)]
pub struct ResetCompletion {
    pub flow_id: String,
    pub reset_mac: String,
    pub change: PasswordChange,
}

/// The delivery of a queued message, as the outbox knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Pending { attempts: u32 },
    Sent,
    Failed,
}

#[async_trait]
pub trait RecoveryStore: Send + Sync {
    /// Records a captcha solution as spent until `expires_at`; `false` if it already was.
    async fn spend_captcha(
        &self,
        signature: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Writes a new flow and, for the first decoy of its subject, the decoy's profile.
    async fn insert_flow(
        &self,
        flow: &Flow,
        decoy: Option<&DecoyProfile>,
    ) -> Result<(), StoreError>;
    /// The profile of the decoy first shown for `subject`, if one was.
    async fn decoy_profile(&self, subject: &str) -> Result<Option<DecoyProfile>, StoreError>;
    /// Whether `pool` holds at least `count` accounts.
    async fn pool_holds(&self, pool: &DonorPool, count: u32) -> Result<bool, StoreError>;
    /// The first account of `pool` at or after `point` in account-ID order, wrapping around.
    async fn donor(
        &self,
        pool: &DonorPool,
        point: u64,
        now: i64,
    ) -> Result<Option<Account>, StoreError>;
    async fn flow(&self, id: &str) -> Result<Option<Flow>, StoreError>;
    /// Applies a challenge and queues its message in one transaction; `false` if the flow
    /// moved meanwhile (another request got there first).
    async fn set_challenge(
        &self,
        update: &ChallengeUpdate,
        message: Option<&QueuedMessage>,
    ) -> Result<bool, StoreError>;
    /// Counts one code check against the flow before the code is compared, and returns the
    /// flow as it is after counting; `None` unless it is waiting for a code.
    async fn count_code_attempt(&self, flow_id: &str) -> Result<Option<Flow>, StoreError>;
    /// The same for answers to security questions.
    async fn count_question_attempt(&self, flow_id: &str) -> Result<Option<Flow>, StoreError>;
    /// Records a passed gate, only if the proof is still current: of racing submits of the
    /// same right code, exactly one wins.
    async fn pass_gate(&self, pass: &GatePass) -> Result<bool, StoreError>;
    /// Completes a reset atomically; `false` if the reset token was already used.
    async fn complete_reset(&self, reset: &ResetCompletion, now: i64) -> Result<bool, StoreError>;
    async fn delivery(&self, message_id: &str) -> Result<Option<Delivery>, StoreError>;
    /// The account's security questions and their answer hashes, in order.
    async fn questions(&self, account_id: u64) -> Result<Vec<(String, String)>, StoreError>;
    async fn set_questions(
        &self,
        account_id: u64,
        questions: &[(String, String)],
        event: &SecurityEvent,
        notices: &Notices,
    ) -> Result<(), StoreError>;
    /// Uses a "this wasn't me" token: marks it reported, revokes every session of its account
    /// and ends every open recovery flow of it; returns the account, or `None` for an unknown,
    /// used or expired token.
    async fn report_incident(
        &self,
        report_mac: &str,
        event_at: i64,
    ) -> Result<Option<u64>, StoreError>;
}

#[async_trait]
pub trait ThrottleStore: Send + Sync {
    /// Counts one event under `key` if fewer than `limit` happened in the last `window` seconds;
    /// otherwise counts nothing and returns how many seconds until one more is allowed.
    async fn take(
        &self,
        key: &str,
        now: i64,
        window: i64,
        limit: u32,
    ) -> Result<Option<i64>, StoreError>;
    /// How many events `key` had in the last `window` seconds, and when the oldest was.
    async fn count(
        &self,
        key: &str,
        now: i64,
        window: i64,
    ) -> Result<(u32, Option<i64>), StoreError>;
    async fn forget(&self, keys: &[String]) -> Result<(), StoreError>;
    /// Deletes events, spent captchas and unconfirmed contacts that lapsed before `before`.
    async fn prune(&self, before: i64) -> Result<(), StoreError>;
}

#[async_trait]
pub trait EventStore: Send + Sync {
    async fn record(&self, event: &SecurityEvent) -> Result<(), StoreError>;
    /// The account's events, newest first.
    async fn events(&self, account_id: u64, limit: u32) -> Result<Vec<StoredEvent>, StoreError>;
    /// A flow's events, oldest first (for operators).
    async fn flow_events(&self, flow_id: &str) -> Result<Vec<StoredEvent>, StoreError>;
}

/// Everything the domain persists. One implementation per database.
pub trait Store:
    AccountStore
    + ConfirmationStore
    + SessionStore
    + RecoveryStore
    + ThrottleStore
    + EventStore
    + std::fmt::Debug
{
}

impl<T> Store for T where
    T: AccountStore
        + ConfirmationStore
        + SessionStore
        + RecoveryStore
        + ThrottleStore
        + EventStore
        + std::fmt::Debug
{
}
