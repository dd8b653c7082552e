//! Security events: every recovery step and every change to an account's security, with who,
//! from where, how and what came of it (SECURITY.md S23). Never a code, a password, a token
//! or a full contact: the fields are kinds, outcomes, methods and addresses.

pub use regain_protocol::{EventKind, EventOutcome};

/// One event, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityEvent {
    /// `None` for a decoy flow (an identifier that names no account).
    pub account_id: Option<u64>,
    pub flow_id: Option<String>,
    pub kind: EventKind,
    /// How: `password`, or the recovery method's kind.
    pub method: Option<String>,
    pub outcome: EventOutcome,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub at: i64,
}

impl SecurityEvent {
    /// An event of `kind` with its `outcome` at `at`, from the request's address and user
    /// agent (as sessions keep it); no account, flow or method until the caller names them.
    pub fn from_request(
        kind: EventKind,
        outcome: EventOutcome,
        meta: &crate::RequestMeta,
        at: i64,
    ) -> Self {
        Self {
            account_id: None,
            flow_id: None,
            kind,
            method: None,
            outcome,
            ip: meta.ip.clone(),
            user_agent: meta.kept_user_agent(),
            at,
        }
    }

    /// [`Self::from_request`], of the account `account_id`.
    pub fn of_account(
        account_id: u64,
        kind: EventKind,
        outcome: EventOutcome,
        meta: &crate::RequestMeta,
        at: i64,
    ) -> Self {
        Self { account_id: Some(account_id), ..Self::from_request(kind, outcome, meta, at) }
    }
}

/// An event as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub account_id: Option<u64>,
    pub flow_id: Option<String>,
    pub kind: String,
    pub method: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub at: i64,
}
