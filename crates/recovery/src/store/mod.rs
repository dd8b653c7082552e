//! The persistence the domain needs: one contract for every database, split by concern
//! (accounts and their contacts, confirmations, sessions, second factors, flows, the state of
//! each recovery method, throttles, events, the outbox). Each method is one atomic unit: where a change causes
//! a message, the message is queued in the same transaction ("outbox"), so a crash can never
//! leave one without the other; where a proof is consumed, a conditional write makes sure two
//! racing requests cannot both consume it.
//!
//! Implemented by the server's databases and proven by one conformance suite
//! ([`conformance`], behind the `conformance` feature), which every implementation runs
//! unchanged. Components hold only the concern they use (`Arc<dyn ThrottleStore>`, ...).

#[cfg(feature = "conformance")]
pub mod conformance;

use async_trait::async_trait;
use regain_courier::ChannelKind;
use regain_protocol::ContactChannel;

use crate::events::{SecurityEvent, StoredEvent};
use crate::model::decoy::{DecoyProfile, DonorPool};
use crate::model::flow::{Flow, MethodKind, State};
use crate::{
    Account, AuthMethod, Device, Email, PasswordStrength, Phone, SecurityFacts, Session, TokenHash,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The email or phone belongs to another account already.
    #[error("the contact is already in use")]
    ContactInUse,
    /// The freshly drawn account ID exists; draw another.
    #[error("the account ID is taken")]
    AccountIdTaken,
    /// The database is busy with other writers (SQLite's lock; on PostgreSQL a deadlock, a
    /// serialization failure or a statement past its timeout; a pool with no connection free in
    /// time): nothing was changed, and the same call may succeed in a moment.
    #[error("the database is busy")]
    Busy,
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
    pub password_strength: PasswordStrength,
    pub locale: String,
    pub created_at: i64,
}

/// A contact an account claims: unconfirmed until its code comes back, lapsing at `expires_at`.
#[derive(Debug, Clone)]
pub struct ContactClaim {
    pub account_id: u64,
    pub channel: ContactChannel,
    /// The canonical form: a lower-cased email, an E.164 phone number.
    pub value: String,
    /// An email's domain, a phone's country code (what decoys are drawn by).
    pub domain: Option<String>,
    pub country_code: Option<u16>,
    pub created_at: i64,
    pub expires_at: i64,
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
/// each carrying the same "this wasn't me" link, whose token the store keeps as a MAC with what
/// using it puts back.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    pub messages: Vec<QueuedMessage>,
    pub report_mac: String,
    pub report_expires_at: i64,
    pub undo: Undo,
}

impl Notices {
    /// These notices, whose "this wasn't me" also puts back what the change did.
    pub fn undoing(mut self, undo: Undo) -> Self {
        self.undo = undo;
        self
    }
}

/// What "this wasn't me" puts back of the change it reports, beyond signing every device out
/// and ending every recovery: without it, a second factor or a contact that a stranger set up
/// would stay, and the owner's own recovery would need what the stranger holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "undo", rename_all = "snake_case")]
pub enum Undo {
    #[default]
    Nothing,
    /// The authenticator someone set up goes, with its recovery codes.
    RemoveSecondFactor,
    /// The account's contact of `channel` goes back to `previous` (none: it is removed), unless
    /// another account has confirmed that value since.
    RestoreContact { channel: ContactChannel, previous: Option<KeptContact> },
    /// The recovery contact (or invitation) the reported change added is ended.
    EndCircleMember { id: String },
}

/// A contact as the store keeps it, for putting it back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeptContact {
    pub value: String,
    pub domain: Option<String>,
    pub country_code: Option<u16>,
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
    /// What proved the owner at sign-in: the password, and the second factor when one was asked.
    pub factors: Vec<AuthMethod>,
    pub device: Device,
}

/// A sign-in whose password was right and whose second factor is still to come: a short flow
/// of its own, with its own tries, good once.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    pub token_hash: TokenHash,
    pub account_id: u64,
    pub created_at: i64,
    pub expires_at: i64,
    /// Tries so far, the one just counted included.
    pub attempts: u32,
    /// The device the session will be for.
    pub device: Device,
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
    /// The session's device was marked lost: nothing rotates until it is unlocked.
    Locked,
    Unknown,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Sets the language the account's messages are in (a normalised BCP 47 tag).
    async fn set_locale(&self, account_id: u64, locale: &str, now: i64) -> Result<(), StoreError>;
    /// Counts one failed sign-in against the account, whatever identifier named it, and
    /// returns the consecutive failures so far (this one included).
    async fn count_failed_sign_in(&self, account_id: u64) -> Result<u32, StoreError>;
    /// A successful sign-in clears the count (a new password clears it too).
    async fn clear_failed_sign_ins(&self, account_id: u64) -> Result<(), StoreError>;
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
    /// keeps `keep` entries), every session but `keep_session` is revoked (but for the devices
    /// marked lost, which stay locked for the new password to unlock), every open recovery
    /// flow of the account ends with its methods' state, and the event and the notices are
    /// written.
    async fn change_password(&self, change: &PasswordChange) -> Result<(), StoreError>;
    /// Claims a new contact for an account (in place of its earlier claim on that channel, if
    /// any) with its confirmation and message, in one transaction. It counts for nothing until
    /// confirmed, and then replaces the confirmed contact of its channel.
    async fn claim_contact(
        &self,
        claim: &ContactClaim,
        confirmation: &NewConfirmation,
        message: &QueuedMessage,
    ) -> Result<(), StoreError>;
    /// Removes the account's contact of `channel`, confirmed or claimed, with its live
    /// confirmation and every open recovery flow; `change` is written with it. A confirmed
    /// contact goes only while the account keeps another confirmed contact or a confirmed
    /// authenticator: `false` (and nothing written) otherwise, however racing removals land.
    async fn remove_contact(
        &self,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
        change: Option<&AccountChange>,
    ) -> Result<bool, StoreError>;
    /// Drops the account's claim on a new contact of `channel` (a change it no longer wants),
    /// with its live confirmation; the confirmed contact stays.
    async fn drop_claim(
        &self,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
    ) -> Result<(), StoreError>;
    /// What the security checkup reads beyond the account: when its contacts were confirmed,
    /// when its password was set and the strength class it was given.
    async fn security_facts(&self, account_id: u64) -> Result<SecurityFacts, StoreError>;
    /// The account's security questions and their answer hashes, in order.
    async fn questions(&self, account_id: u64) -> Result<Vec<(String, String)>, StoreError>;
    /// Replaces them, with the event and the notices, in one transaction.
    async fn set_questions(
        &self,
        account_id: u64,
        questions: &[(String, String)],
        event: &SecurityEvent,
        notices: &Notices,
    ) -> Result<(), StoreError>;
}

/// A new password for an account, applied atomically.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub account_id: u64,
    pub password_hash: String,
    pub password_strength: PasswordStrength,
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
    /// The confirmed contact it replaces, if any, goes, with every open recovery flow (whose
    /// code may have gone to it); other accounts' claims on the same value end; `change` (when
    /// it is one) is written with it. `false` as well when another
    /// account confirmed the value first.
    async fn consume_confirmation(
        &self,
        id: i64,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
        change: Option<&AccountChange>,
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
    /// Revokes one of the account's sessions (a device its owner signs out), with the event;
    /// `false` when the account has no such live session.
    async fn revoke_device(
        &self,
        account_id: u64,
        session_id: &str,
        event: &SecurityEvent,
    ) -> Result<bool, StoreError>;
    /// Locks one of the account's live sessions (a device marked lost), with the change's
    /// event and notices; `false` when the account has no such live session.
    async fn lock_device(
        &self,
        session_id: &str,
        change: &AccountChange,
    ) -> Result<bool, StoreError>;
    /// The live session (not revoked, refresh token not expired) with this refresh token,
    /// locked or not.
    async fn session_by_refresh(
        &self,
        refresh: &TokenHash,
        now: i64,
    ) -> Result<Option<Session>, StoreError>;
    /// Unlocks a locked session with new tokens, as a fresh sign-in at `now`, with the event;
    /// `false` when it was not locked (any more).
    async fn unlock_device(
        &self,
        session_id: &str,
        next: &RotatedTokens,
        now: i64,
        event: &SecurityEvent,
    ) -> Result<bool, StoreError>;
    /// The account's live sessions, newest first.
    async fn sessions_of(&self, account_id: u64, now: i64) -> Result<Vec<Session>, StoreError>;
    /// Records that the session proved the password again at `now` (a recent sign-in, S19).
    async fn mark_authenticated(&self, session_id: &str, now: i64) -> Result<(), StoreError>;
    /// Writes a sign-in that waits for its second factor.
    async fn insert_pending_sign_in(&self, pending: &PendingSignIn) -> Result<(), StoreError>;
    /// Counts one try against the live pending sign-in with this token, before anything is
    /// compared, and returns it as counted; `None` when it is unknown, finished or expired.
    async fn count_sign_in_attempt(
        &self,
        token: &TokenHash,
        now: i64,
    ) -> Result<Option<PendingSignIn>, StoreError>;
    /// Finishes the pending sign-in and starts its session, in one transaction, once: `false`
    /// (and no session) when it was finished already.
    async fn finish_sign_in(
        &self,
        token: &TokenHash,
        session: &NewSession,
    ) -> Result<bool, StoreError>;
    /// Uses a "this wasn't me" token: marks it reported, puts back what its change did (its
    /// [`Undo`]), revokes every session of its account (the locked ones stay locked), ends every
    /// sign-in waiting for a second factor and every open recovery flow of it; returns the
    /// account, or `None` for an unknown, used or expired token.
    async fn report_incident(
        &self,
        report_mac: &str,
        event_at: i64,
    ) -> Result<Option<u64>, StoreError>;
}

/// An account's authenticator app (TOTP), its secret sealed (see `SealKey`).
#[derive(Clone)]
pub struct Authenticator {
    pub sealed_secret: Vec<u8>,
    pub created_at: i64,
    /// When its first code confirmed it; until then it is not a factor of the account.
    pub confirmed_at: Option<i64>,
    /// The last step whose code was accepted: that step and every earlier one are refused.
    pub last_step: Option<i64>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("created_at", &self.created_at)
            .field("confirmed_at", &self.confirmed_at)
            .field("last_step", &self.last_step)
            .finish_non_exhaustive()
    }
}

/// A recovery code as it is stored: its lookup tag and its argon2id hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecoveryCode {
    pub tag: String,
    pub hash: String,
}

/// An unused recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecoveryCode {
    pub id: i64,
    pub hash: String,
}

/// A change to an account's security (a second factor, a contact) with what it causes, written
/// with it in one transaction: its event, and its notices to every confirmed contact (S18).
#[derive(Debug, Clone)]
pub struct AccountChange {
    pub account_id: u64,
    pub now: i64,
    pub event: SecurityEvent,
    pub notices: Notices,
}

/// The second factors of accounts: an authenticator app and a set of recovery codes.
#[async_trait]
pub trait FactorStore: Send + Sync {
    /// The account's authenticator, confirmed or still being set up.
    async fn authenticator(&self, account_id: u64) -> Result<Option<Authenticator>, StoreError>;
    /// Writes an authenticator still to be confirmed, in place of one that never was; `false`
    /// (and nothing written) when the account's authenticator is confirmed already.
    async fn begin_authenticator(
        &self,
        account_id: u64,
        sealed_secret: &[u8],
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Confirms the authenticator set up with `sealed_secret` with its first accepted `step`,
    /// and writes a new set of recovery codes, the event and the notices with it; every open
    /// recovery flow ends (it was started for an account without the factor). `false` (and
    /// nothing written) when that set-up was replaced or confirmed meanwhile.
    async fn confirm_authenticator(
        &self,
        sealed_secret: &[u8],
        step: i64,
        codes: &[NewRecoveryCode],
        change: &AccountChange,
    ) -> Result<bool, StoreError>;
    /// Takes `step` as used if it is later than the last accepted step of the confirmed
    /// authenticator: of two racing uses of one code, one wins. `false` for a replay.
    async fn use_totp_step(&self, account_id: u64, step: i64) -> Result<bool, StoreError>;
    /// Removes the authenticator and every recovery code, with the event and the notices.
    async fn remove_second_factor(&self, change: &AccountChange) -> Result<(), StoreError>;
    /// Replaces the recovery codes (every code of the old set stops working), with the event
    /// and the notices.
    async fn replace_recovery_codes(
        &self,
        codes: &[NewRecoveryCode],
        change: &AccountChange,
    ) -> Result<(), StoreError>;
    /// The account's unused recovery codes with this lookup tag (one, or rarely more).
    async fn recovery_codes_tagged(
        &self,
        account_id: u64,
        tag: &str,
    ) -> Result<Vec<StoredRecoveryCode>, StoreError>;
    /// Uses a recovery code, once: `false` when it was used already.
    async fn use_recovery_code(&self, id: i64, now: i64) -> Result<bool, StoreError>;
}

/// A support request as it is first written: everything about the person sealed under the
/// service's support key, the files under a key of the request's own (itself sealed).
#[derive(Clone)]
pub struct NewSupportRequest {
    pub id: String,
    pub reference: String,
    /// The account the identifier names; `None` when it names none (the request answers and
    /// looks the same, and is closed without effect when reviewed).
    pub account_id: Option<u64>,
    /// MAC of the normalised identifier, for the throttle and for staff's search.
    pub subject: String,
    pub contact_channel: ContactChannel,
    pub contact_sealed: Vec<u8>,
    /// The language the person filed in (a BCP 47 tag): their messages' language.
    pub locale: String,
    pub code_mac: String,
    pub code_expires_at: i64,
    pub description_sealed: Vec<u8>,
    pub device_sealed: Option<Vec<u8>>,
    /// The request's own key, sealed under the service's support key.
    pub key_sealed: Vec<u8>,
    pub status_hash: TokenHash,
    pub created_at: i64,
}

impl std::fmt::Debug for NewSupportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSupportRequest").field("id", &self.id).finish_non_exhaustive()
    }
}

/// A proof as it is kept: its kind, its type, the file sealed under the request's key.
#[derive(Clone)]
pub struct NewProof {
    pub kind: String,
    pub content_type: String,
    pub sealed: Vec<u8>,
}

impl std::fmt::Debug for NewProof {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewProof")
            .field("kind", &self.kind)
            .field("content_type", &self.content_type)
            .finish_non_exhaustive()
    }
}

/// A support request as stored.
#[derive(Clone)]
pub struct SupportRequest {
    pub id: String,
    pub reference: String,
    pub account_id: Option<u64>,
    pub subject: String,
    pub contact_channel: ContactChannel,
    pub contact_sealed: Vec<u8>,
    pub locale: String,
    pub code_mac: String,
    pub code_expires_at: i64,
    /// Tries at the contact's code, the one just counted included.
    pub code_attempts: u32,
    pub contact_confirmed_at: Option<i64>,
    pub description_sealed: Vec<u8>,
    pub device_sealed: Option<Vec<u8>>,
    pub key_sealed: Vec<u8>,
    pub status_hash: TokenHash,
    pub state: regain_protocol::SupportState,
    pub created_at: i64,
    pub updated_at: i64,
    /// The member of staff reviewing it.
    pub claimed_by: Option<u64>,
    /// The first approver, while four eyes wait for a supervisor's.
    pub first_approval_by: Option<u64>,
    pub decided_at: Option<i64>,
}

impl std::fmt::Debug for SupportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SupportRequest")
            .field("id", &self.id)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// A proof as stored.
#[derive(Clone)]
pub struct StoredProof {
    pub id: i64,
    pub kind: String,
    pub content_type: String,
    /// `None` once erased by the retention period.
    pub sealed: Option<Vec<u8>>,
}

impl std::fmt::Debug for StoredProof {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredProof").field("id", &self.id).field("kind", &self.kind).finish()
    }
}

/// Support requests, the last resort, and their proofs.
#[async_trait]
pub trait SupportStore: Send + Sync {
    /// Writes a request, its proofs and the contact's code message in one transaction.
    async fn insert_support_request(
        &self,
        request: &NewSupportRequest,
        proofs: &[NewProof],
        message: &QueuedMessage,
    ) -> Result<(), StoreError>;
    async fn support_request(&self, id: &str) -> Result<Option<SupportRequest>, StoreError>;
    /// The request whose status token this is.
    async fn support_request_by_status(
        &self,
        status: &TokenHash,
    ) -> Result<Option<SupportRequest>, StoreError>;
    /// Counts one try at the contact's code before anything is compared, and returns the
    /// request as counted; `None` when it is unknown or its contact is confirmed already.
    async fn count_support_code_attempt(
        &self,
        id: &str,
    ) -> Result<Option<SupportRequest>, StoreError>;
    /// Confirms the contact and opens the request (to the queue), with the status message,
    /// once: `false` when it was confirmed already.
    async fn confirm_support_contact(
        &self,
        id: &str,
        now: i64,
        message: &QueuedMessage,
    ) -> Result<bool, StoreError>;
    /// The request's proofs, in the order they came.
    async fn support_proofs(&self, request_id: &str) -> Result<Vec<StoredProof>, StoreError>;
}

/// A member of staff as stored. Staff are not accounts: they sign in with their own password
/// and authenticator, for a shift, and only to the staff API.
#[derive(Clone)]
pub struct StaffMember {
    pub id: u64,
    pub username: String,
    pub role: regain_protocol::StaffRole,
    pub password_hash: String,
    /// The authenticator's secret, sealed under the service's staff key.
    pub totp_sealed: Vec<u8>,
    /// The last authenticator step used, so that a code works once.
    pub totp_last_step: i64,
    pub disabled: bool,
}

impl std::fmt::Debug for StaffMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffMember")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// Where a recovery contact stands, as stored. Only `Invited` (until it lapses) and `Active`
/// are live; the others are kept for the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CircleState {
    Invited,
    Active,
    Declined,
    SteppedDown,
    Removed,
}

impl CircleState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Active => "active",
            Self::Declined => "declined",
            Self::SteppedDown => "stepped_down",
            Self::Removed => "removed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Invited, Self::Active, Self::Declined, Self::SteppedDown, Self::Removed]
            .into_iter()
            .find(|state| state.as_str() == value)
    }
}

/// A recovery contact as stored: whose, whom (none when the identifier the owner typed named
/// no account: such an invitation is shown like any other and only lapses), as what the owner
/// typed it (masked), and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircleMember {
    pub id: String,
    pub owner_id: u64,
    pub contact_id: Option<u64>,
    /// A keyed hash of the identifier as typed: one live invitation per identifier, whether it
    /// names an account or not.
    pub invited_key: String,
    pub invited_as: String,
    pub state: CircleState,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    /// An invitation not answered by then lapses.
    pub expires_at: i64,
}

impl CircleMember {
    /// Whether it counts now for the invited account: accepted, or invited and not lapsed.
    pub fn live(&self, now: i64) -> bool {
        match self.state {
            CircleState::Active => true,
            CircleState::Invited => self.expires_at > now,
            _ => false,
        }
    }

    /// Whether the owner's list shows it: live, or declined and not lapsed (shown as waiting,
    /// as an invitation to nobody is, so that a decline tells the owner nothing).
    pub fn listed(&self, now: i64) -> bool {
        self.live(now) || (self.state == CircleState::Declined && self.expires_at > now)
    }
}

/// What an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    Invited,
    /// The account is one of the owner's live contacts already: nothing written.
    AlreadyInvited,
    /// The owner has the most live contacts already: nothing written.
    Full,
}

/// A change to recovery contacts, with what it writes beside it: the events, the messages it
/// queues, and the owner's notices with their "this wasn't me" (kept with what it undoes).
#[derive(Debug, Clone)]
pub struct CircleChange<'a> {
    pub events: &'a [SecurityEvent],
    pub messages: &'a [QueuedMessage],
    pub notices: Option<&'a Notices>,
}

/// A shift's session: its token's hash, its end, and the staffed station it began at, if any.
#[derive(Debug, Clone)]
pub struct StaffSessionRecord {
    pub token_hash: TokenHash,
    pub staff_id: u64,
    pub created_at: i64,
    pub expires_at: i64,
    pub station_id: Option<u64>,
}

/// A staffed support station the operator registered: a shop's or service centre's kiosk whose
/// staff meet customers in person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffStation {
    pub id: u64,
    pub name: String,
}

/// A live shift: the member of staff, and the name of the station it began at (none for a
/// shift signed in elsewhere, such as a reviewer's own desk).
#[derive(Debug, Clone)]
pub struct Shift {
    pub member: StaffMember,
    pub station: Option<String>,
}

/// One line of the staff audit: who, when, what, from where. Never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub staff_id: u64,
    pub action: String,
    pub request_id: Option<String>,
    pub account_id: Option<u64>,
    pub detail: String,
    pub ip: Option<String>,
    pub at: i64,
}

/// An audit line as read back, with the member of staff's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAudit {
    pub username: String,
    pub record: AuditRecord,
}

/// What a claim found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimOutcome {
    Claimed,
    /// Another member of staff has it.
    ClaimedByOther,
    /// Unknown, or not in the queue (waiting for its contact, or decided).
    NotClaimable,
}

/// Which review a decision is, so that the store applies it only from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionStep {
    /// The first decision, by the member of staff who has it claimed.
    First { reviewer: u64 },
    /// A supervisor's second approval, by anyone but the first approver.
    Second { approver: u64 },
}

/// An assisted recovery as it begins its waiting period.
#[derive(Clone)]
pub struct NewAssistedRecovery {
    pub id: String,
    pub account_id: u64,
    /// Whether two members of staff approved it (a supervisor the second): only then may its
    /// pass reset an account with a second factor.
    pub four_eyes: bool,
    pub cancel_hash: TokenHash,
    pub wait_ends_at: i64,
}

impl std::fmt::Debug for NewAssistedRecovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAssistedRecovery").field("id", &self.id).finish_non_exhaustive()
    }
}

/// A decision on a support request, applied in one transaction with everything it causes.
#[derive(Debug, Clone)]
pub struct SupportDecision {
    pub request_id: String,
    pub step: DecisionStep,
    /// The request's state after it.
    pub state: regain_protocol::SupportState,
    /// Set when four eyes now wait for a supervisor.
    pub first_approval_by: Option<u64>,
    /// Whether this decides the request (starts its retention period).
    pub decided: bool,
    /// The verdict, reason and checklist as text, for the record.
    pub verdict: String,
    pub recovery: Option<NewAssistedRecovery>,
    /// The notices of the recovery, to every confirmed contact of the account.
    pub messages: Vec<QueuedMessage>,
    pub audit: AuditRecord,
    pub events: Vec<SecurityEvent>,
    pub now: i64,
}

/// Where an assisted recovery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssistedState {
    Waiting,
    PassSent,
    Used,
    Cancelled,
}

impl AssistedState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::PassSent => "pass_sent",
            Self::Used => "used",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Waiting, Self::PassSent, Self::Used, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

/// An assisted recovery as stored.
#[derive(Debug, Clone)]
pub struct AssistedRecovery {
    pub id: String,
    pub request_id: String,
    pub account_id: u64,
    pub state: AssistedState,
    pub four_eyes: bool,
    pub wait_ends_at: i64,
    pub pass_expires_at: Option<i64>,
}

/// The staff's side of support: members of staff, their shifts, the review of requests, the
/// assisted recoveries approvals start, and the audit of it all.
#[async_trait]
pub trait StaffStore: Send + Sync {
    /// `None` when the username is taken.
    async fn insert_staff(
        &self,
        username: &str,
        role: regain_protocol::StaffRole,
        password_hash: &str,
        totp_sealed: &[u8],
        now: i64,
    ) -> Result<Option<u64>, StoreError>;
    async fn staff_by_username(&self, username: &str) -> Result<Option<StaffMember>, StoreError>;
    async fn staff_member(&self, id: u64) -> Result<Option<StaffMember>, StoreError>;
    /// Uses an authenticator step once: `false` when it (or a later one) was used already.
    async fn use_staff_totp_step(&self, staff_id: u64, step: i64) -> Result<bool, StoreError>;
    /// Starts a shift's session, audited.
    async fn insert_staff_session(
        &self,
        session: &StaffSessionRecord,
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// The shift of a live session, marking it used now: `None` when the shift is over, the
    /// session was idle longer than `idle_secs`, it was ended, the member is disabled, or its
    /// station was retired.
    async fn touch_staff_session(
        &self,
        token_hash: &TokenHash,
        now: i64,
        idle_secs: i64,
    ) -> Result<Option<Shift>, StoreError>;
    /// Registers a staffed station by its key's hash: `None` when the name is taken.
    async fn insert_station(
        &self,
        name: &str,
        key_hash: &TokenHash,
        now: i64,
    ) -> Result<Option<u64>, StoreError>;
    /// The station a key belongs to, unless it was retired.
    async fn station_by_key(
        &self,
        key_hash: &TokenHash,
    ) -> Result<Option<StaffStation>, StoreError>;
    /// Retires a station: its key starts no more shifts, and the shifts begun there end.
    /// `false` when no station of that name is in service.
    async fn retire_station(&self, name: &str, now: i64) -> Result<bool, StoreError>;
    async fn end_staff_session(&self, token_hash: &TokenHash, now: i64) -> Result<(), StoreError>;
    /// Writes an audit line, and the account's event where the action concerns its owner.
    async fn audit(
        &self,
        record: &AuditRecord,
        event: Option<&SecurityEvent>,
    ) -> Result<(), StoreError>;
    /// The audit, newest first; one request's only when `request_id` is given.
    async fn staff_audit(
        &self,
        request_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredAudit>, StoreError>;
    /// Requests open or in review, oldest first.
    async fn support_queue(&self, limit: u32) -> Result<Vec<SupportRequest>, StoreError>;
    /// Claims a request for a member of staff, audited, once: one reviewer at a time.
    async fn claim_support_request(
        &self,
        request_id: &str,
        audit: &AuditRecord,
        event: Option<&SecurityEvent>,
    ) -> Result<ClaimOutcome, StoreError>;
    async fn add_support_note(
        &self,
        request_id: &str,
        staff_id: u64,
        note_sealed: &[u8],
        audit: &AuditRecord,
    ) -> Result<(), StoreError>;
    /// A request's notes, oldest first, as (author, sealed text, when).
    async fn support_notes(
        &self,
        request_id: &str,
    ) -> Result<Vec<(String, Vec<u8>, i64)>, StoreError>;
    /// Applies a decision if the request is still where `decision.step` expects it: `false`
    /// when it is not (decided meanwhile, claimed by another, or the same approver twice).
    async fn decide_support_request(&self, decision: &SupportDecision) -> Result<bool, StoreError>;
    /// Assisted recoveries whose waiting period is over and whose pass is not sent yet.
    async fn due_assisted_recoveries(&self, now: i64) -> Result<Vec<AssistedRecovery>, StoreError>;
    /// Records the pass of a recovery still waiting and queues its message, once.
    async fn send_assisted_pass(
        &self,
        recovery_id: &str,
        pass_hash: &TokenHash,
        pass_expires_at: i64,
        message: &QueuedMessage,
        event: &SecurityEvent,
    ) -> Result<bool, StoreError>;
    /// The recovery a pass belongs to, if the pass is still good.
    async fn assisted_by_pass(
        &self,
        pass_hash: &TokenHash,
        now: i64,
    ) -> Result<Option<AssistedRecovery>, StoreError>;
    /// Uses a pass once, opening `flow` (at its "choose a new password" step) with it, and
    /// closes the request: `false` when the pass was used, cancelled or expired meanwhile.
    async fn redeem_assisted_pass(
        &self,
        pass_hash: &TokenHash,
        flow: &Flow,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Cancels the recovery a cancel link belongs to and closes its request; once its pass is
    /// used, the flow that pass opened ends too, with every open recovery of the account. The
    /// account's ID; `None` for an unknown link or one cancelled already.
    async fn cancel_assisted_by_link(
        &self,
        cancel_hash: &TokenHash,
        now: i64,
    ) -> Result<Option<u64>, StoreError>;
    /// Cancels every recovery of the account not used yet (its owner signed in with the
    /// current password); how many.
    async fn cancel_assisted_for_account(
        &self,
        account_id: u64,
        now: i64,
    ) -> Result<u64, StoreError>;
    /// Erases the files of requests decided at or before `decided_before`, and of those whose
    /// contact was never confirmed, filed at or before `unconfirmed_before` (these close): their
    /// key and every sealed file; the request and its audit stay. How many requests.
    async fn erase_support_files(
        &self,
        decided_before: i64,
        unconfirmed_before: i64,
        now: i64,
    ) -> Result<u64, StoreError>;
}

/// A method's own state in a flow (Kratos's per-strategy persisters, made generic): what the
/// method needs to check a proof (a code's MAC, its tries so far), as the method serialises it.
/// `version` moves with every write, so that a write made on a stale read is refused.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodState {
    pub version: i64,
    pub data: serde_json::Value,
}

/// A write of a method's state, applied only if the state is still at `expected_version`
/// (`None`: the method has no state in the flow yet).
#[derive(Debug, Clone, PartialEq)]
pub struct StateWrite {
    /// Whose state: the key a method keeps it under (email and SMS share the code's).
    pub key: String,
    pub expected_version: Option<i64>,
    pub data: serde_json::Value,
}

/// A move of a flow, applied only if the flow is still at `expected_version`: together with
/// it, in one transaction, a write of the method's state and a message (or nothing).
#[derive(Debug, Clone)]
pub struct FlowMove {
    pub flow_id: String,
    pub expected_version: i64,
    pub state: State,
    pub method: Option<MethodKind>,
    pub gates_passed: Vec<MethodKind>,
    pub reset_mac: Option<String>,
    pub reset_expires_at: Option<i64>,
    pub method_state: Option<StateWrite>,
    pub messages: Vec<QueuedMessage>,
    /// Recovery contacts asked to vouch, with the move.
    pub asks: Vec<VouchAsk>,
    /// A new end for the flow (vouching takes longer than a code), if it changes.
    pub expires_at: Option<i64>,
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

/// Recovery flows, and what decoys are made of.
#[async_trait]
pub trait FlowStore: Send + Sync {
    /// Writes a new flow and, the first time its subject is asked for, its decoy profile.
    async fn insert_flow(
        &self,
        flow: &Flow,
        decoy: Option<&DecoyProfile>,
    ) -> Result<(), StoreError>;
    async fn flow(&self, id: &str) -> Result<Option<Flow>, StoreError>;
    /// Applies a move (see [`FlowMove`]); `false` if the flow or the method's state moved
    /// meanwhile, and then nothing is written.
    async fn advance(&self, step: &FlowMove) -> Result<bool, StoreError>;
    /// Completes a reset atomically; `false` if the reset token was already used or expired.
    async fn complete_reset(&self, reset: &ResetCompletion, now: i64) -> Result<bool, StoreError>;
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
}

/// The state each recovery method keeps in a flow.
#[async_trait]
pub trait MethodStateStore: Send + Sync {
    async fn method_state(
        &self,
        flow_id: &str,
        key: &str,
    ) -> Result<Option<MethodState>, StoreError>;
    /// Writes `write` if the state is still at its expected version; `false` otherwise.
    async fn save_method_state(
        &self,
        flow_id: &str,
        write: &StateWrite,
    ) -> Result<bool, StoreError>;
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
    /// Counts one event under `key` in the fixed window that began at `window_start`, if fewer
    /// than `limit` were counted there: one atomic upsert, whatever the limit (a circuit
    /// breaker's budget, high enough that a sliding count would cost). `false` when spent.
    async fn take_in_window(
        &self,
        key: &str,
        window_start: i64,
        limit: u32,
    ) -> Result<bool, StoreError>;
    /// Records a captcha solution as spent until `expires_at`; `false` if it already was.
    async fn spend_captcha(
        &self,
        signature: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Deletes events, spent captchas, unconfirmed contacts and pending sign-ins that lapsed
    /// before `before`.
    async fn prune(&self, before: i64) -> Result<(), StoreError>;
}

#[async_trait]
pub trait EventStore: Send + Sync {
    async fn record(&self, event: &SecurityEvent) -> Result<(), StoreError>;
    /// The account's events, newest first.
    async fn events(&self, account_id: u64, limit: u32) -> Result<Vec<StoredEvent>, StoreError>;
    /// A flow's events, oldest first (for operators).
    async fn flow_events(&self, flow_id: &str) -> Result<Vec<StoredEvent>, StoreError>;
    /// Writes `event`; failing to is logged, never the failure of what it records.
    async fn record_or_log(&self, event: &SecurityEvent) {
        if let Err(error) = self.record(event).await {
            tracing::error!(%error, kind = event.kind.as_str(), "security event could not be written");
        }
    }
}

/// Where a queued message stands, for "sending" and "not delivered yet".
#[async_trait]
pub trait OutboxStore: Send + Sync {
    async fn delivery(&self, message_id: &str) -> Result<Option<Delivery>, StoreError>;
}

/// Recovery contacts: who vouches for whom, and how many must. Every change is one
/// transaction with its events and messages, guarded by the state it expects, so that two
/// answers racing change it once.
#[async_trait]
pub trait CircleStore: Send + Sync {
    /// Writes an invitation, unless the owner has `max` live contacts already, or a live one
    /// for the same identifier. When the account it names is one of them already under another
    /// identifier, it is written naming no account (it lapses, as an invitation to nobody
    /// does), so that the answer never tells two identifiers apart.
    async fn invite_to_circle(
        &self,
        member: &CircleMember,
        max: u32,
        now: i64,
        change: CircleChange<'_>,
    ) -> Result<Invited, StoreError>;
    async fn circle_member(&self, id: &str) -> Result<Option<CircleMember>, StoreError>;
    /// The owner's listed contacts ([`CircleMember::listed`]), oldest first.
    async fn circle_of(&self, owner_id: u64, now: i64) -> Result<Vec<CircleMember>, StoreError>;
    /// The live memberships of `contact_id` in others' circles (accepted, and invitations
    /// waiting for its answer), oldest first.
    async fn circles_joined(
        &self,
        contact_id: u64,
        now: i64,
    ) -> Result<Vec<CircleMember>, StoreError>;
    /// Moves a member from `from` to `to` (an answer, a step-down, a removal): `false`, and
    /// nothing written, when it was not in `from` or its invitation had lapsed. When an
    /// accepted contact comes or goes, the owner's confirmation that one alone may vouch is
    /// void: it was given for that one person.
    async fn move_circle_member(
        &self,
        id: &str,
        from: CircleState,
        to: CircleState,
        now: i64,
        change: CircleChange<'_>,
    ) -> Result<bool, StoreError>;
    /// The number of vouches the owner chose, and whether they confirmed that one alone may
    /// vouch; `None` when they chose none.
    async fn vouch_threshold(&self, owner_id: u64) -> Result<Option<(u32, bool)>, StoreError>;
    async fn set_vouch_threshold(
        &self,
        owner_id: u64,
        threshold: u32,
        weaker_confirmed: bool,
        now: i64,
        change: CircleChange<'_>,
    ) -> Result<(), StoreError>;
}

/// One recovery contact asked to vouch for one flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VouchAsk {
    pub id: String,
    pub flow_id: String,
    pub owner_id: u64,
    /// The circle membership it is asked under: a vouch counts only while it is accepted.
    pub member_id: String,
    pub contact_id: u64,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Where an ask stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskState {
    Asked,
    Vouched,
    Declined,
    /// The contact said they know nothing of the recovery.
    Reported,
    /// Another contact's "no" ended the flow's request.
    Ended,
}

impl AskState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asked => "asked",
            Self::Vouched => "vouched",
            Self::Declined => "declined",
            Self::Reported => "reported",
            Self::Ended => "ended",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Asked, Self::Vouched, Self::Declined, Self::Reported, Self::Ended]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

/// An ask as stored, with the name of the owner asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAsk {
    pub ask: VouchAsk,
    pub state: AskState,
    pub attempts: u32,
    pub owner_name: String,
}

/// How a flow's asks stand: vouches counted only from contacts still accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VouchTally {
    pub asked: u32,
    pub vouched: u32,
    /// A contact declined or reported it.
    pub ended: bool,
}

/// The waiting period of a flow whose recovery contacts vouched, as it begins.
#[derive(Clone)]
pub struct NewVouchedWait {
    pub id: String,
    pub account_id: u64,
    pub flow_id: String,
    /// What the person shows staff at a staffed station (`RG-XXXX-XXXX`).
    pub reference: String,
    /// The hash of the secret the person's app keeps to finish the wait.
    pub wait_hash: TokenHash,
    pub cancel_hash: TokenHash,
    pub wait_ends_at: i64,
    pub evidence: Vec<String>,
}

impl std::fmt::Debug for NewVouchedWait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewVouchedWait").field("id", &self.id).finish_non_exhaustive()
    }
}

/// A flow's waiting period as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VouchedWait {
    pub id: String,
    pub flow_id: String,
    pub account_id: u64,
    pub reference: String,
    pub state: AssistedState,
    pub started_at: i64,
    pub wait_ends_at: i64,
    pub evidence: Vec<String>,
}

/// A piece of evidence for a waiting period: what it is and what it takes off.
#[derive(Debug, Clone, Copy)]
pub struct WaitEvidence<'a> {
    pub flow_id: &'a str,
    pub evidence: &'a str,
    pub shorten_by_secs: i64,
}

/// A contact's answer to an ask, with what it writes beside it.
#[derive(Debug, Clone)]
pub struct AskAnswer<'a> {
    pub ask_id: &'a str,
    pub contact_id: u64,
    pub answer: AskState,
    pub now: i64,
    pub event: &'a SecurityEvent,
    /// A "no" tells the owner's channels, with "this wasn't me".
    pub notices: Option<&'a Notices>,
}

/// Vouching: asks to recovery contacts, their answers, and the waiting period enough vouches
/// start. Every answer is one conditional write, so that racing answers count once.
#[async_trait]
pub trait VouchStore: Send + Sync {
    /// The asks waiting for `contact_id`'s answer, still open, oldest first.
    async fn asks_for(&self, contact_id: u64, now: i64) -> Result<Vec<StoredAsk>, StoreError>;
    /// Counts one code tried on an ask of `contact_id`'s still waiting, before it is compared:
    /// the ask as counted, or `None` when there is no such ask open.
    async fn count_ask_attempt(
        &self,
        ask_id: &str,
        contact_id: u64,
        now: i64,
    ) -> Result<Option<StoredAsk>, StoreError>;
    /// Answers an ask still waiting, with its event and notices: `false` when it was answered
    /// or ended meanwhile. A "no" ends every other ask of the flow and cancels its waiting
    /// period, if one runs, ending the flow.
    async fn answer_ask(&self, answer: &AskAnswer<'_>) -> Result<bool, StoreError>;
    async fn vouch_tally(&self, flow_id: &str) -> Result<VouchTally, StoreError>;
    /// Moves a flow into its waiting period (`step`), writing the period, the notices that can
    /// cancel it and the owner's event: `false` when the flow moved meanwhile, or a contact
    /// declined or reported it.
    async fn start_vouched_wait(
        &self,
        step: &FlowMove,
        wait: &NewVouchedWait,
        messages: &[QueuedMessage],
        event: &SecurityEvent,
    ) -> Result<bool, StoreError>;
    async fn vouched_wait(&self, flow_id: &str) -> Result<Option<VouchedWait>, StoreError>;
    /// The waiting period a reference names, if it still runs.
    async fn waiting_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<VouchedWait>, StoreError>;
    /// Adds evidence to a waiting period still running, taking `shorten_by_secs` off its end
    /// in the same statement (so that two pieces arriving together both count): `false` when
    /// it is not waiting or has that evidence already.
    async fn add_wait_evidence(
        &self,
        flow_id: &str,
        evidence: &str,
        shorten_by_secs: i64,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// A staffed station's check of a waiting period, in one transaction: the evidence (once),
    /// the staff audit line (always), and the owner's event when the wait changed. `true` when
    /// it did.
    async fn check_wait_in_person(
        &self,
        check: &WaitEvidence<'_>,
        audit: &AuditRecord,
        event: &SecurityEvent,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Ends a waiting period that is over and was not cancelled, for the holder of its secret,
    /// moving its flow (`step`) to its new-password step, once: `false` when it was cancelled,
    /// used, is not over, or the secret is not its own.
    async fn finish_vouched_wait(
        &self,
        step: &FlowMove,
        wait_hash: &TokenHash,
        now: i64,
    ) -> Result<bool, StoreError>;
    /// Whether `refresh_hash` is a refresh token the account's app was given on a device not
    /// marked lost, of a session nobody revoked.
    async fn known_device(
        &self,
        account_id: u64,
        refresh_hash: &TokenHash,
    ) -> Result<bool, StoreError>;
}

/// The database as a whole.
#[async_trait]
pub trait HealthStore: Send + Sync {
    /// Whether the database answers.
    async fn ping(&self) -> bool;
}

/// Everything the domain persists. One implementation per database.
pub trait Store:
    AccountStore
    + CircleStore
    + VouchStore
    + ConfirmationStore
    + SessionStore
    + FactorStore
    + SupportStore
    + StaffStore
    + FlowStore
    + MethodStateStore
    + ThrottleStore
    + EventStore
    + OutboxStore
    + HealthStore
    + std::fmt::Debug
{
}

impl<T> Store for T where
    T: AccountStore
        + CircleStore
        + VouchStore
        + ConfirmationStore
        + SessionStore
        + FactorStore
        + SupportStore
        + StaffStore
        + FlowStore
        + MethodStateStore
        + ThrottleStore
        + EventStore
        + OutboxStore
        + HealthStore
        + std::fmt::Debug
{
}
