//! Regain's domain: accounts and their contacts, sessions, one-time codes, and the recovery
//! flow. Everything here decides; nothing here talks HTTP or SQL.
//!
//! Owns: the entities ([`model`]: accounts, contacts, identifiers parsed at the boundary, the
//! flow's state machine), the services the server's handlers call ([`Accounts`],
//! [`Recovery`] with its [`recovery::methods`]), what they share ([`Deps`]: the password rules,
//! the [`Throttle`], the [`Notifier`], the captcha, the keys derived from the server secret,
//! argon2id off the async executor), and the persistence they need as one contract split by
//! concern ([`store`]), with its conformance suite. The clock and the random source are
//! injected ([`Clock`], [`Random`]).
//!
//! Must not depend on axum, sqlx or the server crate.

mod accounts;
pub mod captcha;
mod clock;
mod deps;
mod error;
pub mod events;
pub mod factors;
pub mod model;
mod notify;
mod passwords;
mod random;
pub mod recovery;
mod rules;
mod secrets;
pub mod store;
pub mod support;
mod throttle;

pub use accounts::{Accounts, AccountsSettings, Checkup, NewContact, SecondFactorStep, SignIn};
pub use captcha::{Captcha, CaptchaSettings};
pub use clock::{Clock, FakeClock, SystemClock};
pub use deps::{Deps, DepsSettings};
pub use error::Error;
pub use factors::{Enrolment, FactorCheck, FactorOutcome, Factors};
pub use model::flow::{self as flow, MethodKind};
pub use model::{
    language_tag, mask_email, mask_phone, Account, AccountId, Contact, Device, Email, Grant,
    Identifier, NewAccountInput, ParseError, PasswordStrength, Phone, RequestMeta, SecurityFacts,
    Session, SessionId, ACCOUNT_ID_MAX, ACCOUNT_ID_MIN, RECENT_SIGN_IN_SECS,
};
pub use notify::Notifier;
pub use passwords::{HashParams, Passwords, PoolSize};
pub use random::{OsRandom, Random};
pub use recovery::decoy::{DecoyProfile, DonorPool};
pub use recovery::{
    Budgets, FlowView, Proof, QuestionsPolicy, Recovery, RecoverySettings, Registry, Verified,
    VouchingSettings, CODE_DIGITS, LONG_CODE_DIGITS,
};
pub use rules::{BreachCheck, PasswordRules};
pub use secrets::{CodeKey, SealKey, TokenHash};
pub use store::{Store, StoreError};
pub use support::{Support, SupportSettings};
pub use throttle::{Budget, SendBudgets, Throttle};

pub use regain_protocol::AuthMethod;
/// Re-exported so callers name one `Secret`.
pub use regain_protocol::Secret;
