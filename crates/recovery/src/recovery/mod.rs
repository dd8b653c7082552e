//! The recovery protocol (SECURITY.md S01-S13, S16-S18, S20, S23): identify the account, pass
//! the captcha, prove ownership through one gate or two ([`methods`]: a code by email or SMS,
//! the emailed link, security questions), set a new password.
//!
//! An identifier that names no account gets a decoy flow ([`decoy`]) that answers exactly like
//! a real one and never sends anything: it does the same work (a message rendered, sealed and
//! queued, which the courier takes and never delivers) so that neither its answers nor their
//! times nor its delivery state tell it apart. Every step writes a security event. Throttles
//! live in the store, so every server instance sees the same budgets.
//!
//! Failed proofs pause recovery per identifier (the flows started with it), alike for a decoy,
//! so that a pause never tells two identifiers apart or together. Across an account's
//! identifiers the failures are counted too, invisibly: past [`Budgets::failed_proofs`] the
//! account's six-digit codes and answers stop being accepted (refused as wrong ones are, after
//! the same work) and new codes have [`LONG_CODE_DIGITS`] digits, which no guesser can reach.
//! The owner, who receives those codes, always has a way through; a stranger holds no lever.

pub mod decoy;
pub mod methods;
mod vouching;

use std::sync::Arc;

use regain_courier::Template;
use regain_protocol::FlowState;

pub use methods::{
    normalize_answer, Challenge, Gate, Method, Offer, Proof, Registry, Subject, CODE_DIGITS,
    LONG_CODE_DIGITS,
};

use self::decoy::DecoyProfile;
use self::methods::{Checked, Cx, Tools};
use crate::captcha::Captcha;
use crate::events::{EventKind, EventOutcome, SecurityEvent};
use crate::model::flow::{self, Flow, Input, MethodKind, State};
use crate::notify::Notifier;
use crate::rules::PasswordRules;
use crate::secrets::{public_id, token, CodeKey};
use crate::store::{FlowMove, PasswordChange, ResetCompletion, Store};
use crate::throttle::{Budget, Throttle};
use crate::{Account, Clock, Deps, Error, Identifier, RequestMeta, Secret};

/// How security questions may be used (SECURITY.md S13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuestionsPolicy {
    /// Only as a second gate, after a code: an account with questions needs both.
    #[default]
    Second,
    /// Also alone, as the only gate; a reset by questions alone then notifies every contact.
    Sole,
}

/// The throttles of recovery (SECURITY.md S04); the budgets of messages are the throttle's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budgets {
    pub starts_per_identifier: Budget,
    pub starts_per_ip: Budget,
    /// The deployment's circuit breaker: starts across every instance, in fixed windows
    /// ([`Throttle::trip`]).
    pub starts_global: Budget,
    /// Failed proofs per identifier before its recovery pauses, and per account before the
    /// account's codes grow long (see the module's doc).
    pub failed_proofs: Budget,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            starts_per_identifier: Budget { limit: 10, window_secs: 3600 },
            starts_per_ip: Budget { limit: 30, window_secs: 3600 },
            // A circuit breaker against a flood, not a cap a busy day reaches: 500 starts a
            // second across every instance, counted in one row a minute.
            starts_global: Budget { limit: 30_000, window_secs: 60 },
            failed_proofs: Budget { limit: 10, window_secs: 24 * 3600 },
        }
    }
}

/// The numbers of the protocol (SECURITY.md S07-S08); each is a setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoverySettings {
    pub flow_ttl_secs: i64,
    pub code_ttl_secs: i64,
    pub link_ttl_secs: i64,
    pub reset_ttl_secs: i64,
    pub resend_after_secs: i64,
    pub max_sends: u32,
    pub max_code_attempts: u32,
    pub max_question_attempts: u32,
    pub questions: QuestionsPolicy,
    pub budgets: Budgets,
    pub vouching: VouchingSettings,
}

/// The numbers of vouching by recovery contacts (SECURITY.md S29); each is a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VouchingSettings {
    /// How long contacts have to answer once asked (the flow lasts as long).
    pub ask_ttl_secs: i64,
    /// The waiting period after enough contacts vouched, before any evidence.
    pub wait_secs: i64,
    /// What each piece of evidence takes off the waiting period.
    pub evidence_secs: i64,
    /// How long the new-password step stays open once the waiting period is over.
    pub reset_window_secs: i64,
    /// Asks a flow may send (the first and one more).
    pub asks_per_flow: u32,
    /// Asks per account, and per contact, across flows.
    pub per_account: Budget,
    pub per_contact: Budget,
    /// Refresh tokens a waiting flow may offer as a known device's.
    pub known_device_tries: Budget,
}

impl Default for VouchingSettings {
    fn default() -> Self {
        Self {
            ask_ttl_secs: 24 * 3600,
            wait_secs: 72 * 3600,
            // Three pieces at most: never less than a day.
            evidence_secs: 16 * 3600,
            reset_window_secs: 24 * 3600,
            asks_per_flow: 2,
            per_account: Budget { limit: 3, window_secs: 24 * 3600 },
            per_contact: Budget { limit: 5, window_secs: 24 * 3600 },
            known_device_tries: Budget { limit: 3, window_secs: 24 * 3600 },
        }
    }
}

impl Default for RecoverySettings {
    fn default() -> Self {
        Self {
            flow_ttl_secs: 1800,
            code_ttl_secs: 600,
            link_ttl_secs: 1800,
            reset_ttl_secs: 600,
            resend_after_secs: 60,
            max_sends: 5,
            max_code_attempts: 5,
            max_question_attempts: 3,
            questions: QuestionsPolicy::Second,
            budgets: Budgets::default(),
            vouching: VouchingSettings::default(),
        }
    }
}

/// A flow as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowView {
    pub flow_id: String,
    pub state: FlowState,
    pub expires_at: i64,
    pub gates_required: u8,
    pub gates_passed: u8,
    /// What the next gate can be passed by, with masked destinations (empty once it is over).
    pub methods: Vec<Offer>,
    pub challenge: Option<Challenge>,
    /// While the waiting period after recovery contacts vouched runs.
    pub waiting: Option<regain_protocol::WaitingView>,
}

/// The answer to a passed proof: the flow, and the reset token once every gate is passed.
#[derive(Debug, Clone)]
pub struct Verified {
    pub flow: FlowView,
    pub reset_token: Option<Secret<String>>,
    pub reset_expires_at: Option<i64>,
    /// When the flow began to wait: the secret that finishes the wait.
    pub wait_token: Option<Secret<String>>,
}

pub(crate) const RESET_PURPOSE: &str = "recovery-reset";

/// The recovery service. Its fields are what it depends on.
#[derive(Clone)]
pub struct Recovery {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    keys: CodeKey,
    rules: PasswordRules,
    notifier: Notifier,
    throttle: Throttle,
    captcha: Captcha,
    methods: Arc<Registry>,
    tools: Tools,
    settings: Arc<RecoverySettings>,
}

impl std::fmt::Debug for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovery")
            .field("settings", &self.settings)
            .field("methods", &self.methods)
            .finish_non_exhaustive()
    }
}

impl Recovery {
    pub fn new(deps: &Deps, methods: Registry, settings: RecoverySettings) -> Self {
        let settings = Arc::new(settings);
        let tools = Tools {
            store: deps.store.clone(),
            keys: deps.keys.clone(),
            random: deps.random.clone(),
            notifier: deps.notifier.clone(),
            throttle: deps.throttle.clone(),
            passwords: deps.passwords.clone(),
            factors: deps.factors.clone(),
            settings: settings.clone(),
        };
        Self {
            store: deps.store.clone(),
            clock: deps.clock.clone(),
            keys: deps.keys.clone(),
            rules: deps.rules.clone(),
            notifier: deps.notifier.clone(),
            throttle: deps.throttle.clone(),
            captcha: deps.captcha.clone(),
            methods: Arc::new(methods),
            tools,
            settings,
        }
    }

    fn now(&self) -> i64 {
        self.clock.now()
    }

    /// A new captcha challenge.
    pub fn captcha_challenge(&self) -> Result<serde_json::Value, Error> {
        self.captcha.challenge()
    }

    /// Starts a flow for the account `raw` names, or a decoy when it names none. Both answer
    /// alike (SECURITY.md S01-S03); nothing about the account changes (S11).
    pub async fn start(
        &self,
        raw: &str,
        region: Option<&str>,
        captcha: &str,
        meta: &RequestMeta,
    ) -> Result<FlowView, Error> {
        let now = self.now();
        self.captcha.redeem(captcha).await?;
        let identifier = Identifier::parse(raw, region)
            .map_err(|_| Error::InvalidField { field: "identifier", reason: "invalid" })?;
        let budgets = self.settings.budgets;
        self.throttle.trip("start:global", budgets.starts_global, now).await?;
        if let Some(ip) = &meta.ip {
            self.throttle.hold(&format!("start:ip:{ip}"), budgets.starts_per_ip, now).await?;
        }
        let (account, subject_text) = resolve(self.store.as_ref(), &identifier, now).await?;
        let subject = self.keys.mac("subject", "", &subject_text);
        let throttled = self
            .throttle
            .hold(&format!("start:subject:{subject}"), budgets.starts_per_identifier, now)
            .await;
        let account_id = account.as_ref().map(|a| a.id);
        if let Err(error) = throttled {
            self.event(
                account_id,
                None,
                EventKind::RecoveryStarted,
                None,
                EventOutcome::Throttled,
                meta,
            )
            .await;
            return Err(error);
        }
        // The decoy profile of this identifier: the one kept, or one drawn and kept now. A real
        // account's identifier gets one too, unused, so that real and unknown identifiers make
        // the same reads and writes on their first start and on every later one (S02).
        let (profile, new_profile) = match self.store.decoy_profile(&subject).await? {
            Some(kept) => (kept, None),
            None => {
                let drawn = self.draw_decoy(&identifier, &decoy::seed(&subject), now).await?;
                (drawn.clone(), Some(drawn))
            }
        };
        let (has_questions, second_factor) = match &account {
            Some(account) => (account.has_security_questions, account.second_factor),
            None => (profile.question_count > 0, profile.second_factor),
        };
        let flow = Flow {
            id: public_id(self.tools.random.as_ref(), "rf"),
            account_id,
            subject,
            state: State::ChooseMethod,
            method: None,
            // A second factor is the second gate (S12); failing that, questions where they
            // count only as a second gate (S13).
            gates_required: 1 + u8::from(
                second_factor
                    || (self.settings.questions == QuestionsPolicy::Second && has_questions),
            ),
            gates_passed: Vec::new(),
            reset_mac: None,
            reset_expires_at: None,
            created_at: now,
            expires_at: now + self.settings.flow_ttl_secs,
            completed_at: None,
            version: 0,
        };
        self.store.insert_flow(&flow, new_profile.as_ref()).await?;
        let result =
            if account.is_some() { EventOutcome::Ok } else { EventOutcome::UnknownIdentifier };
        self.event(account_id, Some(&flow.id), EventKind::RecoveryStarted, None, result, meta)
            .await;
        tracing::info!(flow_id = %flow.id, account_id = ?account_id, "recovery started");
        self.view(&flow, now).await
    }

    /// A decoy profile for `identifier`, from a donor drawn as [`decoy`] explains.
    async fn draw_decoy(
        &self,
        identifier: &Identifier,
        seed: &[u8],
        now: i64,
    ) -> Result<DecoyProfile, Error> {
        let (narrow, wide) = decoy::pools(identifier);
        let pool = match narrow {
            Some(pool) if self.store.pool_holds(&pool, decoy::MIN_POOL).await? => pool,
            _ => wide,
        };
        let donor = self.store.donor(&pool, decoy::donor_point(seed), now).await?;
        Ok(decoy::profile(identifier, donor.as_ref()))
    }
}

/// The account an identifier names through a confirmed contact or its account ID, and the
/// normalised identifier a flow's (or a support request's) subject is made of.
pub(crate) async fn resolve(
    store: &dyn Store,
    identifier: &Identifier,
    now: i64,
) -> Result<(Option<Account>, String), Error> {
    // Only a confirmed contact names an account for recovery.
    let named_by_email = |a: Account, email: &crate::Email| {
        a.email.as_ref().is_some_and(|c| c.confirmed && &c.value == email).then_some(a)
    };
    let named_by_phone = |a: Account, phone: &crate::Phone| {
        a.phone.as_ref().is_some_and(|c| c.confirmed && &c.value == phone).then_some(a)
    };
    Ok(match identifier {
        Identifier::Email(email) => (
            store.account_by_email(email, now).await?.and_then(|a| named_by_email(a, email)),
            format!("email:{}", email.expose()),
        ),
        Identifier::Phone(phone) => (
            store.account_by_phone(phone, now).await?.and_then(|a| named_by_phone(a, phone)),
            format!("phone:{}", phone.expose()),
        ),
        Identifier::AccountId(id) => (store.account(*id, now).await?, format!("id:{id}")),
        Identifier::PhoneOrAccountId(phone, id) => {
            let by_phone =
                store.account_by_phone(phone, now).await?.and_then(|a| named_by_phone(a, phone));
            match by_phone {
                Some(account) => (Some(account), format!("phone:{}", phone.expose())),
                None => match store.account(*id, now).await? {
                    Some(account) => (Some(account), format!("id:{id}")),
                    None => (None, format!("phone:{}", phone.expose())),
                },
            }
        }
    })
}

impl Recovery {
    pub async fn flow_view(&self, flow_id: &str) -> Result<FlowView, Error> {
        let flow = self.load(flow_id).await?;
        self.view(&flow, self.now()).await
    }

    async fn load(&self, flow_id: &str) -> Result<Flow, Error> {
        self.store.flow(flow_id).await?.ok_or(Error::FlowNotFound)
    }

    /// What a flow is about: its account, or the profile its decoy shows. Each is one read.
    async fn subject_of(&self, flow: &Flow) -> Result<Subject, Error> {
        match flow.account_id {
            Some(id) => Ok(Subject::Account(
                self.store.account(id, self.now()).await?.ok_or(Error::FlowNotFound)?,
            )),
            None => Ok(Subject::Decoy(
                self.store.decoy_profile(&flow.subject).await?.ok_or(Error::FlowNotFound)?,
            )),
        }
    }

    /// Whether the account's failed proofs (a decoy's own) reached their budget. Never shown.
    async fn hardened(&self, flow: &Flow, now: i64) -> Result<bool, Error> {
        let budget = self.settings.budgets.failed_proofs;
        Ok(self.throttle.spent(&account_proof_key(flow), budget, now).await?.is_some())
    }

    fn cx<'a>(&'a self, flow: &'a Flow, subject: &'a Subject, now: i64, hardened: bool) -> Cx<'a> {
        Cx { flow, subject, now, hardened, tools: &self.tools }
    }

    /// The methods that can pass the flow's next gate, with what each offers its subject.
    fn offers(&self, flow: &Flow, subject: &Subject) -> Vec<(Arc<dyn Method>, Offer)> {
        let gate = Gate {
            first: flow.first_gate(),
            second_factor: subject.second_factor(),
            questions: self.settings.questions,
        };
        self.methods
            .iter()
            .filter(|m| !flow.gates_passed.contains(&m.kind()))
            .filter(|m| m.fits(&gate))
            .filter_map(|m| m.offer(subject).map(|offer| (m.clone(), offer)))
            .collect()
    }

    /// The challenge on, if any, with its offer.
    async fn current_challenge(
        &self,
        flow: &Flow,
        subject: &Subject,
        now: i64,
    ) -> Result<Option<Challenge>, Error> {
        let Some(kind) = &flow.method else { return Ok(None) };
        let Some(method) = self.methods.get(kind) else { return Ok(None) };
        let offer = method.offer(subject);
        let cx = self.cx(flow, subject, now, false);
        Ok(Some(method.challenge(&cx, offer.as_ref()).await?))
    }

    /// Where the flow stands at `now`, with the derived states: expired when its time is up,
    /// locked when its current method's tries are spent.
    fn phase(flow: &Flow, now: i64, challenge: Option<&Challenge>) -> FlowState {
        let exhausted = challenge.is_some_and(|c| c.exhausted);
        match flow.state {
            State::Complete => FlowState::Complete,
            _ if now >= flow.expires_at => FlowState::Expired,
            State::EnterCode | State::AnswerQuestions if exhausted => FlowState::Locked,
            State::ChooseMethod => FlowState::ChooseMethod,
            State::EnterCode => FlowState::EnterCode,
            State::AnswerQuestions => FlowState::AnswerQuestions,
            State::Waiting => FlowState::Waiting,
            State::ChoosePassword => FlowState::ChoosePassword,
        }
    }

    async fn view(&self, flow: &Flow, now: i64) -> Result<FlowView, Error> {
        let over = matches!(flow.state, State::Complete | State::ChoosePassword | State::Waiting)
            || now >= flow.expires_at;
        let (mut state, methods, challenge) = if over {
            (Self::phase(flow, now, None), Vec::new(), None)
        } else {
            let subject = self.subject_of(flow).await?;
            let challenge = self.current_challenge(flow, &subject, now).await?;
            let state = Self::phase(flow, now, challenge.as_ref());
            let offers = if state == FlowState::Locked {
                Vec::new()
            } else {
                self.offers(flow, &subject).into_iter().map(|(_, offer)| offer).collect()
            };
            (state, offers, challenge)
        };
        let waiting = match state {
            FlowState::Waiting => {
                let waiting = self.waiting_view(flow).await?;
                if waiting.is_none() {
                    // Cancelled: the flow is over.
                    state = FlowState::Expired;
                }
                waiting
            }
            _ => None,
        };
        Ok(FlowView {
            flow_id: flow.id.clone(),
            state,
            expires_at: flow.expires_at,
            gates_required: flow.gates_required,
            gates_passed: u8::try_from(flow.gates_passed.len()).unwrap_or(u8::MAX),
            methods,
            challenge,
            waiting,
        })
    }

    /// Refuses a flow that is over or locked.
    async fn ensure_open(&self, flow: &Flow, subject: &Subject, now: i64) -> Result<(), Error> {
        if flow.state == State::Complete || now >= flow.expires_at {
            return Err(Error::FlowExpired);
        }
        let challenge = self.current_challenge(flow, subject, now).await?;
        match Self::phase(flow, now, challenge.as_ref()) {
            FlowState::Expired | FlowState::Complete => Err(Error::FlowExpired),
            FlowState::Locked => Err(Error::FlowLocked),
            FlowState::ChooseMethod
            | FlowState::EnterCode
            | FlowState::AnswerQuestions
            | FlowState::Waiting
            | FlowState::ChoosePassword => Ok(()),
        }
    }

    /// Begins a method's challenge: sends a code by email or SMS (again), or shows the
    /// questions. A decoy goes through every step a real flow does (S02, S20).
    pub async fn challenge(
        &self,
        flow_id: &str,
        kind: &MethodKind,
        meta: &RequestMeta,
    ) -> Result<FlowView, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        let subject = self.subject_of(&flow).await?;
        self.ensure_open(&flow, &subject, now).await?;
        let (method, offer) = self
            .offers(&flow, &subject)
            .into_iter()
            .find(|(m, _)| &m.kind() == kind)
            .ok_or(Error::MethodUnavailable)?;
        let next =
            flow::next(flow.state, Input::Challenge(method.prompt())).ok_or(Error::FlowState)?;
        self.ensure_not_paused(&flow, now).await?;
        let hardened = self.hardened(&flow, now).await?;
        let begun = match method.begin(&self.cx(&flow, &subject, now, hardened), &offer).await {
            Ok(begun) => begun,
            Err(error @ Error::RateLimited { .. }) => {
                let event_kind = method.begin_event();
                self.event(
                    flow.account_id,
                    Some(&flow.id),
                    event_kind,
                    Some(kind),
                    EventOutcome::Throttled,
                    meta,
                )
                .await;
                return Err(error);
            }
            Err(error) => return Err(error),
        };
        let sends = !begun.messages.is_empty();
        let step = FlowMove {
            flow_id: flow.id.clone(),
            expected_version: flow.version,
            state: next,
            method: Some(kind.clone()),
            gates_passed: flow.gates_passed.clone(),
            reset_mac: None,
            reset_expires_at: None,
            method_state: Some(begun.state),
            messages: begun.messages,
            asks: begun.asks,
            expires_at: begun.expires_at,
        };
        if !self.store.advance(&step).await? {
            return Err(Error::FlowState);
        }
        if sends {
            self.notifier.wake();
        }
        let event_kind = method.begin_event();
        self.event(flow.account_id, Some(&flow.id), event_kind, Some(kind), EventOutcome::Ok, meta)
            .await;
        self.view(&self.load(flow_id).await?, now).await
    }

    /// Checks a proof with the method whose challenge is on (the emailed link goes to the
    /// email method while its code is live). The attempt is counted before anything is
    /// compared; comparisons are constant-time; a right proof is consumed by a conditional
    /// write with the gate it passes, so it works once.
    pub async fn verify(
        &self,
        flow_id: &str,
        proof: Proof,
        meta: &RequestMeta,
    ) -> Result<Verified, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        let subject = self.subject_of(&flow).await?;
        self.ensure_open(&flow, &subject, now).await?;
        self.ensure_not_paused(&flow, now).await?;
        let current = flow.method.as_ref().and_then(|kind| self.methods.get(kind));
        let method = match current {
            Some(method) if method.accepts(&proof) => method.clone(),
            Some(method) => self
                .methods
                .iter()
                .find(|m| m.prompt() == method.prompt() && m.accepts(&proof))
                .cloned()
                .ok_or(Error::FlowState)?,
            None => return Err(Error::FlowState),
        };
        let waiting = match method.prompt() {
            flow::Prompt::Code => State::EnterCode,
            flow::Prompt::Answers => State::AnswerQuestions,
        };
        if flow.state != waiting {
            return Err(Error::FlowState);
        }
        let hardened = self.hardened(&flow, now).await?;
        let kind = method.kind();
        match method.verify(&self.cx(&flow, &subject, now, hardened), &proof).await? {
            Checked::Wrong(error) => {
                self.failed_proof(&flow, &kind, meta, now).await;
                Err(error)
            }
            Checked::Right(consumed) => {
                let mut gates = flow.gates_passed.clone();
                gates.push(kind.clone());
                let last = gates.len() >= usize::from(flow.gates_required);
                let waits = gates.iter().any(|g| self.methods.get(g).is_some_and(|m| m.waits()));
                let state = flow::next(flow.state, Input::Passed { last, waits })
                    .ok_or(Error::FlowState)?;
                if state == State::Waiting {
                    let account = match &subject {
                        Subject::Account(account) => account,
                        Subject::Decoy(_) => return Err(Error::FlowState),
                    };
                    let step = FlowMove {
                        flow_id: flow.id.clone(),
                        expected_version: flow.version,
                        state,
                        method: None,
                        gates_passed: gates,
                        reset_mac: None,
                        reset_expires_at: None,
                        method_state: Some(consumed),
                        messages: Vec::new(),
                        asks: Vec::new(),
                        expires_at: None,
                    };
                    return self.start_wait(step, account, &kind, meta, now).await;
                }
                let reset = last.then(|| token(self.tools.random.as_ref(), "rgx"));
                let reset_expires_at = last.then_some(now + self.settings.reset_ttl_secs);
                let step = FlowMove {
                    flow_id: flow.id.clone(),
                    expected_version: flow.version,
                    state,
                    method: None,
                    gates_passed: gates,
                    reset_mac: reset
                        .as_ref()
                        .map(|t| self.keys.mac(RESET_PURPOSE, &flow.id, t.expose())),
                    reset_expires_at,
                    method_state: Some(consumed),
                    messages: Vec::new(),
                    asks: Vec::new(),
                    expires_at: None,
                };
                if !self.store.advance(&step).await? {
                    // Another request consumed this proof first.
                    return Err(Error::InvalidCode);
                }
                self.event(
                    flow.account_id,
                    Some(&flow.id),
                    EventKind::Proof,
                    Some(&kind),
                    EventOutcome::Ok,
                    meta,
                )
                .await;
                let flow = self.load(&flow.id).await?;
                Ok(Verified {
                    flow: self.view(&flow, now).await?,
                    reset_token: reset,
                    reset_expires_at,
                    wait_token: None,
                })
            }
        }
    }

    /// Sets the new password once every gate is passed. In one transaction: the password and
    /// its history, every session revoked (S17), every other open flow ended, a notice to every
    /// confirmed contact (S18), the event (S23) and the flow completed. A refused password
    /// leaves the flow as it was.
    pub async fn set_password(
        &self,
        flow_id: &str,
        reset_token: &Secret<String>,
        new_password: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<FlowView, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        if flow.state == State::Complete || now >= flow.expires_at {
            return Err(Error::FlowExpired);
        }
        if flow.state != State::ChoosePassword {
            return Err(Error::FlowState);
        }
        let account_id = flow.account_id.ok_or(Error::FlowState)?;
        let reset_mac = flow.reset_mac.clone().ok_or(Error::InvalidResetToken)?;
        let valid = self.keys.verify(RESET_PURPOSE, flow_id, reset_token.expose(), &reset_mac)
            && flow.reset_expires_at.is_some_and(|at| at > now);
        if !valid {
            return Err(Error::InvalidResetToken);
        }
        let account = self.store.account(account_id, now).await?.ok_or(Error::FlowNotFound)?;
        // S12, whatever the flow was started with: an account with a second factor is reset
        // only through it (setting one up ends the flows started before, and so does this).
        // An assisted recovery's pass counts: its approval needed four eyes for such an account.
        let by_factor = flow.gates_passed.iter().any(|gate| {
            *gate == MethodKind::TOTP
                || *gate == MethodKind::RECOVERY_CODE
                || *gate == MethodKind::SUPPORT_PASS
        });
        if account.second_factor && !by_factor {
            return Err(Error::FlowExpired);
        }
        let (keep, password_strength) =
            self.rules.check_new(&account, "new_password", new_password).await?;
        let password_hash = self.tools.passwords.hash(new_password).await?;

        let by_questions_only = flow.gates_passed == [MethodKind::SECURITY_QUESTIONS];
        // Every confirmed contact; after a reset by questions alone, every contact (S13).
        let notices = self.notifier.notices(&account, by_questions_only, now, |not_me_link| {
            Template::PasswordReset { not_me_link, by_questions_only }
        });
        let completion = ResetCompletion {
            flow_id: flow.id.clone(),
            reset_mac,
            change: PasswordChange {
                account_id,
                password_hash,
                password_strength,
                keep,
                keep_session: None,
                now,
                event: SecurityEvent {
                    account_id: Some(account_id),
                    flow_id: Some(flow.id.clone()),
                    method: flow.gates_passed.first().map(|m| m.as_str().to_owned()),
                    ..SecurityEvent::from_request(
                        EventKind::PasswordReset,
                        EventOutcome::Ok,
                        meta,
                        now,
                    )
                },
                notices,
            },
        };
        if !self.store.complete_reset(&completion, now).await? {
            return Err(Error::InvalidResetToken);
        }
        self.notifier.wake();
        // Success resets the account's counters (S04).
        let mut keys = vec![format!("proof:account:{account_id}")];
        for subject_text in subjects_of(&account) {
            let subject = self.keys.mac("subject", "", &subject_text);
            keys.push(format!("start:subject:{subject}"));
            keys.push(format!("proof:subject:{subject}"));
        }
        self.throttle.forget(&keys).await?;
        tracing::info!(account_id, flow_id = %flow.id, "password reset; every session revoked, other recoveries ended");
        let flow = self.load(flow_id).await?;
        self.view(&flow, now).await
    }

    /// The shortest new password a flow's account may choose (S14), for a form that says so.
    pub async fn min_password_length(&self, flow_id: &str) -> Result<usize, Error> {
        let flow = self.load(flow_id).await?;
        let account_id = flow.account_id.ok_or(Error::FlowState)?;
        let account =
            self.store.account(account_id, self.now()).await?.ok_or(Error::FlowNotFound)?;
        Ok(self.rules.min_length(&account))
    }

    /// The "this wasn't me" link of a notice: signs out every device of the account and ends
    /// every open recovery of it.
    pub async fn report_not_me(
        &self,
        report_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.now();
        let mac = self.notifier.report_mac(report_token);
        let account_id = self.store.report_incident(&mac, now).await?.ok_or(Error::InvalidLink)?;
        self.event(Some(account_id), None, EventKind::ReportedNotMe, None, EventOutcome::Ok, meta)
            .await;
        tracing::warn!(account_id, "owner reported a change that was not theirs; sessions revoked");
        Ok(())
    }

    /// Refuses a flow whose identifier had too many failed proofs in the window: visible, and
    /// per identifier alike for real and decoy flows, so it links nothing.
    async fn ensure_not_paused(&self, flow: &Flow, now: i64) -> Result<(), Error> {
        let budget = self.settings.budgets.failed_proofs;
        match self.throttle.spent(&subject_proof_key(flow), budget, now).await? {
            Some(retry_after_secs) => Err(Error::RateLimited { retry_after_secs }),
            None => Ok(()),
        }
    }

    async fn failed_proof(&self, flow: &Flow, method: &MethodKind, meta: &RequestMeta, now: i64) {
        let window = self.settings.budgets.failed_proofs.window_secs;
        for key in [subject_proof_key(flow), account_proof_key(flow)] {
            self.throttle.record(&key, window, now).await;
        }
        self.event(
            flow.account_id,
            Some(&flow.id),
            EventKind::Proof,
            Some(method),
            EventOutcome::Refused,
            meta,
        )
        .await;
    }

    async fn event(
        &self,
        account_id: Option<u64>,
        flow_id: Option<&str>,
        kind: EventKind,
        method: Option<&MethodKind>,
        outcome: EventOutcome,
        meta: &RequestMeta,
    ) {
        let event = SecurityEvent {
            account_id,
            flow_id: flow_id.map(ToOwned::to_owned),
            method: method.map(|m| m.as_str().to_owned()),
            ..SecurityEvent::from_request(kind, outcome, meta, self.now())
        };
        self.store.record_or_log(&event).await;
    }
}

/// The key a flow's failed proofs pause its identifier under, for real and decoy flows alike.
fn subject_proof_key(flow: &Flow) -> String {
    format!("proof:subject:{}", flow.subject)
}

/// The key failed proofs are counted under across an account's identifiers (a decoy's own).
fn account_proof_key(flow: &Flow) -> String {
    match flow.account_id {
        Some(id) => format!("proof:account:{id}"),
        None => format!("proof:decoy:{}", flow.subject),
    }
}

/// Every normalised identifier of an account (what flow subjects are made of).
fn subjects_of(account: &Account) -> Vec<String> {
    let mut subjects = vec![format!("id:{}", account.id)];
    if let Some(email) = &account.email {
        subjects.push(format!("email:{}", email.value.expose()));
    }
    if let Some(phone) = &account.phone {
        subjects.push(format!("phone:{}", phone.value.expose()));
    }
    subjects
}
