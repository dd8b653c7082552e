//! The persistence the domain needs, as traits. Each method is one atomic unit: where a
//! change causes a message, the message is queued in the same transaction ("outbox"), so a
//! crash can never leave one without the other.
//!
//! Implemented by the server (SQLite now; PostgreSQL runs the same conformance suite later).

use async_trait::async_trait;
use regain_courier::ChannelKind;
use regain_protocol::ContactChannel;

use crate::accounts::{Account, Session};
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
    pub email: Option<(Email, bool)>,
    pub phone: Option<(Phone, bool)>,
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
    async fn account(&self, id: u64) -> Result<Option<Account>, StoreError>;
    async fn account_by_email(&self, email: &Email) -> Result<Option<Account>, StoreError>;
    async fn account_by_phone(&self, phone: &Phone) -> Result<Option<Account>, StoreError>;
    /// Accounts by ascending ID, after `after`.
    async fn accounts(&self, after: u64, limit: u32) -> Result<Vec<Account>, StoreError>;
    /// The account's most recent password hashes, newest first, the current one included.
    async fn password_history(
        &self,
        account_id: u64,
        limit: u32,
    ) -> Result<Vec<String>, StoreError>;
    /// In one transaction: the new hash becomes the password and joins the history (which
    /// keeps `keep` entries), and every session but `keep_session` is revoked.
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

/// Everything the domain persists. One implementation per database.
pub trait Store: AccountStore + ConfirmationStore + SessionStore + std::fmt::Debug {}

impl<T: AccountStore + ConfirmationStore + SessionStore + std::fmt::Debug> Store for T {}
