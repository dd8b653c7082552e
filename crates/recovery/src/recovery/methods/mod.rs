//! The ways to prove ownership of an account during recovery, one file each (Ory Kratos's
//! recovery strategies): a code by email (with its link), a code by SMS, security questions,
//! and the account's second factor (an authenticator's code or a recovery code).
//!
//! A method says what it offers to a subject (a real account, or a decoy's profile), begins
//! its challenge (sending a code, showing the questions), checks a proof, and shows where its
//! challenge stands. It keeps its own state in the flow ([`MethodState`], under its own key):
//! the flow keeps only what every method shares. The recovery service does the rest alike for
//! every method: the state machine, gates, pauses, events, the reset.
//!
//! Adding a method is one new file that implements [`Method`] and one line in
//! [`Registry::standard`]; to reach clients, its kind also needs a name in the protocol's
//! `RecoveryMethod` (and so a label in the UI, whose table fails its type check without one).

mod code;
mod email;
mod factor;
mod questions;
mod sms;
mod vouch;

use std::sync::Arc;

use async_trait::async_trait;
use regain_protocol::{DeliveryState, EventKind};

pub use code::{CODE_DIGITS, LONG_CODE_DIGITS};
pub use email::EmailCode;
pub use factor::FactorCode;
pub use questions::{normalize_answer, SecurityQuestions};
pub use sms::SmsCode;
pub use vouch::{code_of, RecoveryContacts, ASK_ATTEMPTS};
pub(crate) use vouch::{flow_code, same_code};

use crate::factors::FactorCheck;
use crate::model::flow::{Flow, MethodKind, Prompt};
use crate::notify::Notifier;
use crate::recovery::decoy::DecoyProfile;
use crate::recovery::{QuestionsPolicy, RecoverySettings};
use crate::secrets::CodeKey;
use crate::store::{MethodState, QueuedMessage, StateWrite, Store, VouchAsk};
use crate::throttle::Throttle;
use crate::{Account, Error, Passwords, Random, Secret};

/// What a flow is about: a real account, or the profile a decoy shows in its place.
#[derive(Debug, Clone)]
pub enum Subject {
    Account(Account),
    Decoy(DecoyProfile),
}

impl Subject {
    /// Whether it has a second factor, which is then its second gate.
    pub fn second_factor(&self) -> bool {
        match self {
            Self::Account(account) => account.second_factor,
            Self::Decoy(profile) => profile.second_factor,
        }
    }
}

/// The gate a flow's next proof would pass, as a method needs to know it to say whether it fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gate {
    /// No gate is passed yet.
    pub first: bool,
    /// The subject has a second factor: the gate after the first is the factor's alone.
    pub second_factor: bool,
    /// The deployment's policy for security questions.
    pub questions: QuestionsPolicy,
}

/// A method's offer to a subject: the masked destination shown to the person and, for a real
/// account, the full one (which never leaves the service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub kind: MethodKind,
    pub destination: String,
    pub full: Option<String>,
}

/// A proof submitted to a flow.
#[derive(Debug, Clone)]
pub enum Proof {
    Code(Secret<String>),
    Link(Secret<String>),
    Answers(Vec<Secret<String>>),
}

/// A challenge begun: the method's new state and the message it sends, both written with the
/// flow's move, in one transaction.
#[derive(Debug, Clone)]
pub struct Begun {
    pub state: StateWrite,
    pub messages: Vec<QueuedMessage>,
    /// Recovery contacts asked to vouch.
    pub asks: Vec<VouchAsk>,
    /// A new end for the flow, when the challenge needs longer than the flow has.
    pub expires_at: Option<i64>,
}

impl Begun {
    /// A challenge begun with this state and, when it sends one, this message.
    pub fn new(state: StateWrite, message: Option<QueuedMessage>) -> Self {
        Self { state, messages: message.into_iter().collect(), asks: Vec::new(), expires_at: None }
    }
}

/// What checking a proof found. The attempt was counted before anything was compared.
#[derive(Debug)]
pub enum Checked {
    /// Right: the gate passes, and this write consumes the proof with it.
    Right(StateWrite),
    /// Wrong, with the error that says so (`invalid_code`, `invalid_link`, `invalid_answers`).
    Wrong(Error),
}

/// Where a method's challenge stands, as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub kind: MethodKind,
    pub destination: String,
    pub delivery: DeliveryState,
    pub code_expires_at: Option<i64>,
    pub resend_at: Option<i64>,
    pub sends_left: u32,
    pub attempts_left: u32,
    pub questions: Vec<String>,
    /// Its tries are spent (or a recovery contact ended it): the flow is locked.
    pub exhausted: bool,
    /// Recovery contacts only: the code to read them, and how many vouched.
    pub vouching: Option<regain_protocol::VouchingProgress>,
}

/// What methods work with: the store (their state, the outbox, an account's questions), keys,
/// randomness, the notifier, the throttle, the hasher, and the protocol's numbers.
#[derive(Clone)]
pub struct Tools {
    pub store: Arc<dyn Store>,
    pub keys: CodeKey,
    pub random: Arc<dyn Random>,
    pub notifier: Notifier,
    pub throttle: Throttle,
    pub passwords: Passwords,
    pub factors: FactorCheck,
    pub settings: Arc<RecoverySettings>,
}

impl std::fmt::Debug for Tools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tools").field("settings", &self.settings).finish_non_exhaustive()
    }
}

/// A request's view of a flow, for a method.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    pub flow: &'a Flow,
    pub subject: &'a Subject,
    pub now: i64,
    /// The account's failed proofs reached their budget: codes are long, and short codes and
    /// answers no longer count (see the recovery service's doc). Never shown.
    pub hardened: bool,
    pub tools: &'a Tools,
}

impl Cx<'_> {
    /// The method's state under `key`, if it has any in this flow.
    pub async fn state(&self, key: &str) -> Result<Option<MethodState>, Error> {
        Ok(self.tools.store.method_state(&self.flow.id, key).await?)
    }

    /// Counts one attempt in the state under `key` before anything is compared, as a
    /// conditional write that racing requests retry: returns the state as counted.
    pub async fn count_attempt<T>(
        &self,
        key: &str,
        attempts: impl Fn(&mut T) -> &mut u32,
    ) -> Result<(T, i64), Error>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        for _ in 0..16 {
            let stored = self.state(key).await?.ok_or(Error::FlowState)?;
            let mut state: T = decode(&stored)?;
            *attempts(&mut state) += 1;
            let write = StateWrite {
                key: key.to_owned(),
                expected_version: Some(stored.version),
                data: encode(&state)?,
            };
            if self.tools.store.save_method_state(&self.flow.id, &write).await? {
                return Ok((state, stored.version + 1));
            }
        }
        Err(Error::Internal("a method's state kept moving under the attempt count".into()))
    }
}

/// A method's state as it stores it.
pub fn decode<T: serde::de::DeserializeOwned>(state: &MethodState) -> Result<T, Error> {
    serde_json::from_value(state.data.clone())
        .map_err(|e| Error::Internal(format!("a method's stored state does not read: {e}")))
}

pub fn encode<T: serde::Serialize>(state: &T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(state).map_err(|e| Error::Internal(format!("a method's state: {e}")))
}

/// A way to prove ownership.
#[async_trait]
pub trait Method: Send + Sync + std::fmt::Debug {
    /// Its name, as stored and as the protocol knows it.
    fn kind(&self) -> MethodKind;
    /// What the person is asked for once its challenge is on.
    fn prompt(&self) -> Prompt;
    /// Whether it takes this kind of proof.
    fn accepts(&self, proof: &Proof) -> bool;
    /// Whether it can pass `gate`.
    fn fits(&self, gate: &Gate) -> bool;
    /// What it offers `subject`, or `None` when it has nothing for them.
    fn offer(&self, subject: &Subject) -> Option<Offer>;
    /// Begins (or begins again) its challenge for `offer`.
    async fn begin(&self, cx: &Cx<'_>, offer: &Offer) -> Result<Begun, Error>;
    /// Checks a proof: counts the attempt first, then compares in constant time (a decoy after
    /// the same work, always wrong).
    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error>;
    /// Where its challenge stands.
    async fn challenge(&self, cx: &Cx<'_>, offer: Option<&Offer>) -> Result<Challenge, Error>;
    /// Whether a flow it passed a gate of waits before its reset token (vouching does).
    fn waits(&self) -> bool {
        false
    }
    /// The owner's event when its challenge begins.
    fn begin_event(&self) -> EventKind {
        match self.prompt() {
            Prompt::Code => EventKind::CodeSent,
            Prompt::Answers => EventKind::QuestionsShown,
        }
    }
}

/// The methods a service offers, in the order it offers them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    methods: Vec<Arc<dyn Method>>,
}

impl Registry {
    /// Regain's methods. One line a method.
    pub fn standard() -> Self {
        Self::default()
            .with(EmailCode)
            .with(SmsCode)
            .with(SecurityQuestions)
            .with(FactorCode::AUTHENTICATOR)
            .with(FactorCode::RECOVERY_CODE)
            .with(RecoveryContacts)
    }

    /// This registry with `method` too (replacing one of the same kind).
    pub fn with(mut self, method: impl Method + 'static) -> Self {
        self.methods.retain(|m| m.kind() != method.kind());
        self.methods.push(Arc::new(method));
        self
    }

    pub fn get(&self, kind: &MethodKind) -> Option<&Arc<dyn Method>> {
        self.methods.iter().find(|m| &m.kind() == kind)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Method>> {
        self.methods.iter()
    }
}
