//! Regain's domain: accounts and their contacts, sessions, one-time codes, and the recovery
//! flow. Everything here decides; nothing here talks HTTP or SQL.
//!
//! Owns: parsing of identifiers at the boundary ([`Email`], [`Phone`], [`Identifier`]), the
//! masks shown for contacts, the secrets (codes, tokens, their MACs and hashes), password
//! hashing with argon2id off the async executor, and the [`Accounts`] service that the HTTP
//! handlers call. Stores are traits ([`store`]) so SQLite and PostgreSQL plug in without
//! touching the handlers; the clock and the random source are injected ([`Clock`], [`Random`]).
//!
//! Must not depend on axum, sqlx or the server crate.

mod accounts;
pub mod captcha;
mod clock;
mod contact;
pub mod decoy;
mod error;
pub mod events;
pub mod flow;
mod flows;
mod passwords;
mod random;
mod secrets;
pub mod store;

pub use accounts::{
    Account, AccountId, Accounts, AccountsSettings, BreachCheck, Contact, Grant, NewAccountInput,
    RequestMeta, Session, SessionId,
};
pub use captcha::{Captcha, CaptchaSettings};
pub use clock::{Clock, FakeClock, SystemClock};
pub use contact::{mask_email, mask_phone, Email, Identifier, ParseError, Phone};
pub use decoy::{DecoyProfile, DonorPool};
pub use error::Error;
pub use flows::{
    Budget, Budgets, Proof, QuestionsPolicy, Recovery, RecoverySettings, Verified, CODE_DIGITS,
    LONG_CODE_DIGITS,
};
pub use passwords::{HashParams, Passwords};
pub use random::{OsRandom, Random};
pub use secrets::{CodeKey, TokenHash};
pub use store::{Store, StoreError};

/// Re-exported so callers name one `Secret`.
pub use regain_protocol::Secret;
