//! The entities every service works on: accounts with their contacts and sessions, the
//! identifiers people type, and the recovery flow with its state machine. Data and the rules
//! that belong to the data only; no store, no clock, no service.

mod account;
mod contact;
pub mod decoy;
pub mod flow;

pub use account::{
    language_tag, vouches_needed, Account, AccountId, Contact, Device, Grant, NewAccountInput,
    PasswordStrength, RequestMeta, SecurityFacts, Session, SessionId, ACCOUNT_ID_MAX,
    ACCOUNT_ID_MIN, RECENT_SIGN_IN_SECS,
};
pub use contact::{mask_email, mask_phone, Email, Identifier, ParseError, Phone};
pub use flow::{Flow, State};
