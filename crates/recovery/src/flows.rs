//! The recovery protocol (SECURITY.md S01-S13, S16-S18, S20, S23): identify the account, pass
//! the captcha, prove ownership through one gate or two (a code by email or SMS, the emailed
//! link, security questions), set a new password.
//!
//! An identifier that names no account gets a decoy flow that answers exactly like a real one
//! and never sends anything. Every step writes a security event. Throttles live in the store,
//! so every server instance sees the same budgets.

use std::sync::Arc;

use regain_courier::{Locale, Template};
use regain_protocol::{
    ChallengeView, DeliveryState, FlowState, FlowView, MethodOffer, RecoveryMethod,
};

use crate::accounts::normalize_code;
use crate::captcha::Captcha;
use crate::decoy::{self, DecoyProfile};
use crate::events::{kind, outcome, SecurityEvent};
use crate::flow::{self, Flow, Input, Limits, State};
use crate::secrets::{public_id, six_digit_code, token};
use crate::store::{
    ChallengeUpdate, Delivery, GatePass, PassedProof, PasswordChange, QueuedMessage,
    ResetCompletion,
};
use crate::{Account, Accounts, Error, Identifier, RequestMeta, Secret};

/// How security questions may be used (SECURITY.md S13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuestionsPolicy {
    /// Only as a second gate, after a code: an account with questions needs both.
    #[default]
    Second,
    /// Also alone, as the only gate; a reset by questions alone then notifies every contact.
    Sole,
}

/// A number of events allowed per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub limit: u32,
    pub window_secs: i64,
}

/// The throttles of SECURITY.md S04 and S20.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budgets {
    pub starts_per_identifier: Budget,
    pub starts_per_ip: Budget,
    pub starts_global: Budget,
    pub sends_per_destination: Budget,
    pub sms_per_country: Budget,
    /// Failed proofs per account (per identifier for decoys) before recovery pauses.
    pub failed_proofs: Budget,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            starts_per_identifier: Budget { limit: 10, window_secs: 3600 },
            starts_per_ip: Budget { limit: 30, window_secs: 3600 },
            starts_global: Budget { limit: 1000, window_secs: 60 },
            sends_per_destination: Budget { limit: 10, window_secs: 3600 },
            sms_per_country: Budget { limit: 500, window_secs: 3600 },
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
    /// Where emailed links point. Never taken from a request.
    pub public_origin: String,
    pub budgets: Budgets,
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
            public_origin: "http://127.0.0.1:8080".to_owned(),
            budgets: Budgets::default(),
        }
    }
}

/// A proof of ownership submitted to a flow.
#[derive(Debug, Clone)]
pub enum Proof {
    Code(Secret<String>),
    Link(Secret<String>),
    Answers(Vec<Secret<String>>),
}

/// The answer to a passed proof: the flow, and the reset token once every gate is passed.
#[derive(Debug, Clone)]
pub struct Verified {
    pub flow: FlowView,
    pub reset_token: Option<Secret<String>>,
    pub reset_expires_at: Option<i64>,
}

const CODE_PURPOSE: &str = "recovery-code";
const LINK_PURPOSE: &str = "recovery-link";
const RESET_PURPOSE: &str = "recovery-reset";
const REPORT_PURPOSE: &str = "incident-report";
/// How long the "this wasn't me" link of a notice works.
const REPORT_TTL_SECS: i64 = 30 * 24 * 3600;

/// The recovery service.
#[derive(Clone)]
pub struct Recovery {
    accounts: Accounts,
    captcha: Captcha,
    settings: Arc<RecoverySettings>,
}

impl std::fmt::Debug for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovery").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Recovery {
    pub fn new(accounts: Accounts, captcha: Captcha, settings: RecoverySettings) -> Self {
        Self { accounts, captcha, settings: Arc::new(settings) }
    }

    fn limits(&self) -> Limits {
        Limits {
            max_code_attempts: self.settings.max_code_attempts,
            max_question_attempts: self.settings.max_question_attempts,
        }
    }

    fn now(&self) -> i64 {
        self.accounts.clock.now()
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
        let store = &self.accounts.store;
        let ticket = self.captcha.check(captcha)?;
        if !store.spend_captcha(&ticket.signature, ticket.expires_at, now).await? {
            return Err(Error::CaptchaReplayed);
        }
        let identifier = Identifier::parse(raw, region)
            .map_err(|_| Error::InvalidField { field: "identifier", reason: "invalid" })?;
        let budgets = self.settings.budgets;
        self.take("start:global", budgets.starts_global, now).await?;
        if let Some(ip) = &meta.ip {
            self.take(&format!("start:ip:{ip}"), budgets.starts_per_ip, now).await?;
        }
        let (account, subject_text) = self.resolve(&identifier).await?;
        let subject = self.accounts.codes.mac("subject", "", &subject_text);
        let throttled = self
            .take(&format!("start:subject:{subject}"), budgets.starts_per_identifier, now)
            .await;
        let account_id = account.as_ref().map(|a| a.id);
        if let Err(error) = throttled {
            self.event(account_id, None, kind::RECOVERY_STARTED, None, outcome::THROTTLED, meta)
                .await;
            return Err(error);
        }
        let decoy = account.is_none().then(|| decoy::profile(&identifier, &hex_bytes(&subject)));
        let gates_required = match (&account, &decoy) {
            (Some(account), _) => self.gates_for(account),
            (None, Some(decoy)) => {
                1 + u8::from(
                    self.settings.questions == QuestionsPolicy::Second && decoy.has_questions,
                )
            }
            (None, None) => 1,
        };
        let flow = Flow {
            id: public_id(self.accounts.random.as_ref(), "rf"),
            account_id,
            subject,
            decoy_email: decoy.as_ref().map(|d| d.email.clone()),
            decoy_phone: decoy.and_then(|d| d.phone),
            state: State::ChooseMethod,
            method: None,
            gates_required,
            gates_passed: Vec::new(),
            code_mac: None,
            code_expires_at: None,
            code_sent_at: None,
            sends: 0,
            code_attempts: 0,
            link_mac: None,
            link_expires_at: None,
            question_attempts: 0,
            message_id: None,
            reset_mac: None,
            reset_expires_at: None,
            created_at: now,
            expires_at: now + self.settings.flow_ttl_secs,
            completed_at: None,
        };
        store.insert_flow(&flow).await?;
        let result = if account.is_some() { outcome::OK } else { outcome::UNKNOWN_IDENTIFIER };
        self.event(account_id, Some(&flow.id), kind::RECOVERY_STARTED, None, result, meta).await;
        tracing::info!(flow_id = %flow.id, account_id = ?account_id, "recovery started");
        self.view(&flow, now).await
    }

    /// The account an identifier names through a confirmed contact or its account ID, and the
    /// normalised identifier the flow's subject is made of.
    async fn resolve(&self, identifier: &Identifier) -> Result<(Option<Account>, String), Error> {
        let store = &self.accounts.store;
        let by_email = |a: Account| a.email.as_ref().is_some_and(|c| c.confirmed).then_some(a);
        let by_phone = |a: Account| a.phone.as_ref().is_some_and(|c| c.confirmed).then_some(a);
        Ok(match identifier {
            Identifier::Email(email) => (
                store.account_by_email(email).await?.and_then(by_email),
                format!("email:{}", email.expose()),
            ),
            Identifier::Phone(phone) => (
                store.account_by_phone(phone).await?.and_then(by_phone),
                format!("phone:{}", phone.expose()),
            ),
            Identifier::AccountId(id) => (store.account(*id).await?, format!("id:{id}")),
            Identifier::PhoneOrAccountId(phone, id) => {
                match store.account_by_phone(phone).await?.and_then(by_phone) {
                    Some(account) => (Some(account), format!("phone:{}", phone.expose())),
                    None => match store.account(*id).await? {
                        Some(account) => (Some(account), format!("id:{id}")),
                        None => (None, format!("phone:{}", phone.expose())),
                    },
                }
            }
        })
    }

    /// One gate for an ordinary account; two for an account with security questions while
    /// they count only as a second gate (and, in a later release, with a second factor).
    fn gates_for(&self, account: &Account) -> u8 {
        1 + u8::from(
            self.settings.questions == QuestionsPolicy::Second && account.has_security_questions,
        )
    }

    /// The profile of a stored decoy flow.
    fn decoy_of(&self, flow: &Flow) -> DecoyProfile {
        decoy::restore(
            flow.decoy_email.clone().unwrap_or_default(),
            flow.decoy_phone.clone(),
            &hex_bytes(&flow.subject),
        )
    }

    pub async fn flow_view(&self, flow_id: &str) -> Result<FlowView, Error> {
        let flow = self.load(flow_id).await?;
        self.view(&flow, self.now()).await
    }

    async fn load(&self, flow_id: &str) -> Result<Flow, Error> {
        self.accounts.store.flow(flow_id).await?.ok_or(Error::FlowNotFound)
    }

    /// Refuses a flow that is over or locked.
    fn ensure_open(&self, flow: &Flow, now: i64) -> Result<FlowState, Error> {
        match flow.phase(now, self.limits()) {
            FlowState::Expired | FlowState::Complete => Err(Error::FlowExpired),
            FlowState::Locked => Err(Error::FlowLocked),
            phase @ (FlowState::ChooseMethod
            | FlowState::EnterCode
            | FlowState::AnswerQuestions
            | FlowState::ChoosePassword) => Ok(phase),
        }
    }

    /// The methods offered for the flow's next gate, with their masked destinations.
    async fn offers(&self, flow: &Flow) -> Result<Vec<(MethodOffer, Option<String>)>, Error> {
        let first_gate = flow.gates_passed.is_empty();
        let sole = self.settings.questions == QuestionsPolicy::Sole;
        let mut offers = Vec::new();
        let mut offer = |method: RecoveryMethod, destination: String, full: Option<String>| {
            if !flow.gates_passed.contains(&method) {
                offers.push((MethodOffer { method, destination }, full));
            }
        };
        match flow.account_id {
            Some(id) => {
                let account = self.accounts.store.account(id).await?.ok_or(Error::FlowNotFound)?;
                if first_gate {
                    if let Some(email) = account.email.as_ref().filter(|c| c.confirmed) {
                        offer(
                            RecoveryMethod::Email,
                            email.value.masked(),
                            Some(email.value.expose().to_owned()),
                        );
                    }
                    if let Some(phone) = account.phone.as_ref().filter(|c| c.confirmed) {
                        offer(
                            RecoveryMethod::Sms,
                            phone.value.masked(),
                            Some(phone.value.expose().to_owned()),
                        );
                    }
                }
                if account.has_security_questions && (sole || !first_gate) {
                    offer(RecoveryMethod::SecurityQuestions, "security questions".to_owned(), None);
                }
            }
            None => {
                // The same read a real flow makes, so a decoy's answer takes the same time (S02).
                let _ = self.accounts.store.account(0).await?;
                let profile = self.decoy_of(flow);
                if first_gate {
                    offer(RecoveryMethod::Email, profile.email.clone(), None);
                    if let Some(phone) = profile.phone.clone() {
                        offer(RecoveryMethod::Sms, phone, None);
                    }
                }
                if profile.has_questions && (sole || !first_gate) {
                    offer(RecoveryMethod::SecurityQuestions, "security questions".to_owned(), None);
                }
            }
        }
        Ok(offers)
    }

    async fn view(&self, flow: &Flow, now: i64) -> Result<FlowView, Error> {
        let state = flow.phase(now, self.limits());
        // The current gate's offers also name where a code went: codes are only ever sent at
        // the first gate, whose offers still hold the method being tried.
        let (offers, open) = match state {
            FlowState::ChooseMethod | FlowState::EnterCode | FlowState::AnswerQuestions => {
                (self.offers(flow).await?, true)
            }
            FlowState::Locked => (self.offers(flow).await?, false),
            FlowState::ChoosePassword | FlowState::Complete | FlowState::Expired => {
                (Vec::new(), false)
            }
        };
        let challenge = match (state, flow.method) {
            (
                FlowState::EnterCode | FlowState::Locked,
                Some(method @ (RecoveryMethod::Email | RecoveryMethod::Sms)),
            ) => {
                let destination = offers
                    .iter()
                    .find(|(offer, _)| offer.method == method)
                    .map(|(offer, _)| offer.destination.clone())
                    .unwrap_or_default();
                let resend_at = (flow.sends < self.settings.max_sends)
                    .then(|| flow.code_sent_at.map(|at| at + self.settings.resend_after_secs))
                    .flatten();
                Some(ChallengeView {
                    method,
                    destination,
                    delivery: self.delivery(flow, now).await?,
                    code_expires_at: flow.code_expires_at,
                    resend_at,
                    sends_left: self.settings.max_sends.saturating_sub(flow.sends),
                    attempts_left: self
                        .settings
                        .max_code_attempts
                        .saturating_sub(flow.code_attempts),
                    questions: Vec::new(),
                })
            }
            (
                FlowState::AnswerQuestions | FlowState::Locked,
                Some(RecoveryMethod::SecurityQuestions),
            ) => Some(ChallengeView {
                method: RecoveryMethod::SecurityQuestions,
                destination: "security questions".to_owned(),
                delivery: DeliveryState::NotApplicable,
                code_expires_at: None,
                resend_at: None,
                sends_left: 0,
                attempts_left: self
                    .settings
                    .max_question_attempts
                    .saturating_sub(flow.question_attempts),
                questions: self.questions_of(flow).await?,
            }),
            _ => None,
        };
        Ok(FlowView {
            flow_id: flow.id.clone(),
            state,
            expires_at: flow.expires_at,
            gates_required: flow.gates_required,
            gates_passed: u8::try_from(flow.gates_passed.len()).unwrap_or(u8::MAX),
            methods: if open {
                offers.into_iter().map(|(offer, _)| offer).collect()
            } else {
                Vec::new()
            },
            challenge,
            can_contact_support: true,
        })
    }

    async fn delivery(&self, flow: &Flow, now: i64) -> Result<DeliveryState, Error> {
        if flow.is_decoy() {
            // As a healthy courier would: handed over within a couple of seconds.
            let sent = flow.code_sent_at.is_some_and(|at| now - at >= 2);
            return Ok(if sent { DeliveryState::Sent } else { DeliveryState::Sending });
        }
        let Some(message_id) = &flow.message_id else { return Ok(DeliveryState::Sending) };
        Ok(match self.accounts.store.delivery(message_id).await? {
            Some(Delivery::Sent) => DeliveryState::Sent,
            Some(Delivery::Pending { attempts: 0 }) | None => DeliveryState::Sending,
            Some(Delivery::Pending { .. } | Delivery::Failed) => DeliveryState::NotDeliveredYet,
        })
    }

    async fn questions_of(&self, flow: &Flow) -> Result<Vec<String>, Error> {
        Ok(match flow.account_id {
            Some(id) => {
                self.accounts.store.questions(id).await?.into_iter().map(|(q, _)| q).collect()
            }
            None => self.decoy_of(flow).questions,
        })
    }

    /// Sends a code by email or SMS (again), or shows the security questions.
    pub async fn challenge(
        &self,
        flow_id: &str,
        method: RecoveryMethod,
        meta: &RequestMeta,
    ) -> Result<FlowView, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        self.ensure_open(&flow, now)?;
        let next = flow::next(flow.state, Input::Challenge(method)).ok_or(Error::FlowState)?;
        let offers = self.offers(&flow).await?;
        let (_, full_destination) = offers
            .into_iter()
            .find(|(offer, _)| offer.method == method)
            .ok_or(Error::MethodUnavailable)?;
        self.ensure_not_paused(&flow, now).await?;
        let mut update = ChallengeUpdate {
            flow_id: flow.id.clone(),
            expected_state: flow.state,
            expected_sends: flow.sends,
            state: next,
            method,
            code_mac: None,
            code_expires_at: None,
            link_mac: None,
            link_expires_at: None,
            sent_at: None,
            message_id: None,
        };
        let mut message = None;
        if method == RecoveryMethod::SecurityQuestions {
            if !self.accounts.store.set_challenge(&update, None).await? {
                return Err(Error::FlowState);
            }
            self.event(
                flow.account_id,
                Some(&flow.id),
                kind::QUESTIONS_SHOWN,
                Some(method),
                outcome::OK,
                meta,
            )
            .await;
        } else {
            if flow.sends >= self.settings.max_sends {
                return Err(Error::SendLimitReached);
            }
            if let Some(sent_at) = flow.code_sent_at {
                let wait = sent_at + self.settings.resend_after_secs - now;
                if wait > 0 {
                    return Err(Error::RateLimited { retry_after_secs: wait.unsigned_abs() });
                }
            }
            // Budgets per destination and, for SMS, per country prefix (S04, S20). A decoy
            // spends the same budgets under keys of its own.
            let destination_key = match &full_destination {
                Some(full) => self.accounts.codes.mac("destination", "", full),
                None => self.accounts.codes.mac("destination", &flow.subject, method.as_str()),
            };
            let budgets = self.settings.budgets;
            let throttled = self
                .take(
                    &format!("send:destination:{destination_key}"),
                    budgets.sends_per_destination,
                    now,
                )
                .await;
            let throttled = match (throttled, method, &full_destination) {
                (Ok(()), RecoveryMethod::Sms, Some(phone)) => {
                    let country =
                        crate::Phone::from_e164(phone).map(|p| p.country_code()).unwrap_or(0);
                    self.take(&format!("send:country:{country}"), budgets.sms_per_country, now)
                        .await
                }
                (other, _, _) => other,
            };
            if let Err(error) = throttled {
                self.event(
                    flow.account_id,
                    Some(&flow.id),
                    kind::CODE_SENT,
                    Some(method),
                    outcome::THROTTLED,
                    meta,
                )
                .await;
                return Err(error);
            }
            let code = six_digit_code(self.accounts.random.as_ref());
            update.code_mac = Some(self.accounts.codes.mac(CODE_PURPOSE, &flow.id, code.expose()));
            update.code_expires_at = Some(now + self.settings.code_ttl_secs);
            update.sent_at = Some(now);
            let minutes_valid = u32::try_from(self.settings.code_ttl_secs / 60).unwrap_or(10);
            let template = if method == RecoveryMethod::Email {
                let link = token(self.accounts.random.as_ref(), "rgl");
                update.link_mac =
                    Some(self.accounts.codes.mac(LINK_PURPOSE, &flow.id, link.expose()));
                update.link_expires_at = Some(now + self.settings.link_ttl_secs);
                let url = format!(
                    "{}/recover/link?flow={}&token={}",
                    self.settings.public_origin,
                    flow.id,
                    link.expose()
                );
                Template::RecoveryEmail { code: code.expose().clone(), minutes_valid, link: url }
            } else {
                Template::RecoverySms { code: code.expose().clone(), minutes_valid }
            };
            // Never a message for a decoy: nothing is ever sent to an unknown destination (S20).
            if let (Some(account_id), Some(to)) = (flow.account_id, &full_destination) {
                let account = self.accounts.account(account_id).await?;
                let rendered = template.render(to, Locale::from_tag(Some(&account.locale)));
                let queued = QueuedMessage {
                    id: public_id(self.accounts.random.as_ref(), "msg"),
                    channel: rendered.channel,
                    sealed: self.accounts.sealer.seal(&rendered),
                    created_at: now,
                };
                update.message_id = Some(queued.id.clone());
                message = Some(queued);
            }
            if !self.accounts.store.set_challenge(&update, message.as_ref()).await? {
                return Err(Error::FlowState);
            }
            if message.is_some() {
                self.accounts.courier.notify_one();
            }
            self.event(
                flow.account_id,
                Some(&flow.id),
                kind::CODE_SENT,
                Some(method),
                outcome::OK,
                meta,
            )
            .await;
        }
        let flow = self.load(flow_id).await?;
        self.view(&flow, now).await
    }

    /// Checks a proof. The attempt is counted before anything is compared; comparisons are
    /// constant-time; the proof is consumed by a conditional update, so it works once.
    pub async fn verify(
        &self,
        flow_id: &str,
        proof: Proof,
        meta: &RequestMeta,
    ) -> Result<Verified, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        self.ensure_open(&flow, now)?;
        self.ensure_not_paused(&flow, now).await?;
        let store = &self.accounts.store;
        if matches!(proof, Proof::Code(_) | Proof::Link(_)) && flow.state != State::EnterCode {
            return Err(Error::FlowState);
        }
        match proof {
            Proof::Code(code) => {
                let counted = store.count_code_attempt(flow_id).await?.ok_or(Error::FlowState)?;
                let method = counted.method.unwrap_or(RecoveryMethod::Email);
                if counted.code_attempts > self.settings.max_code_attempts {
                    return Err(Error::FlowLocked);
                }
                let code = normalize_code(code.expose());
                let mac = counted.code_mac.clone().unwrap_or_default();
                let right = !counted.is_decoy()
                    && self.accounts.codes.verify(CODE_PURPOSE, flow_id, &code, &mac);
                if !right {
                    self.failed_proof(&counted, method, meta, now).await;
                    return Err(Error::InvalidCode);
                }
                if counted.code_expires_at.is_none_or(|at| at <= now) {
                    return Err(Error::CodeExpired);
                }
                self.pass(&counted, PassedProof::Code { mac }, method, meta, now).await
            }
            Proof::Link(link) => {
                let counted = store.count_code_attempt(flow_id).await?.ok_or(Error::FlowState)?;
                if counted.code_attempts > self.settings.max_code_attempts {
                    return Err(Error::FlowLocked);
                }
                let mac = counted.link_mac.clone().unwrap_or_default();
                let right = !counted.is_decoy()
                    && !mac.is_empty()
                    && self.accounts.codes.verify(LINK_PURPOSE, flow_id, link.expose(), &mac)
                    && counted.link_expires_at.is_some_and(|at| at > now);
                if !right {
                    self.failed_proof(&counted, RecoveryMethod::Email, meta, now).await;
                    return Err(Error::InvalidLink);
                }
                self.pass(&counted, PassedProof::Link { mac }, RecoveryMethod::Email, meta, now)
                    .await
            }
            Proof::Answers(answers) => {
                if flow.state != State::AnswerQuestions {
                    return Err(Error::FlowState);
                }
                let counted =
                    store.count_question_attempt(flow_id).await?.ok_or(Error::FlowState)?;
                if counted.question_attempts > self.settings.max_question_attempts {
                    return Err(Error::FlowLocked);
                }
                let right = self.check_answers(&counted, &answers).await?;
                if !right {
                    self.failed_proof(&counted, RecoveryMethod::SecurityQuestions, meta, now).await;
                    return Err(Error::InvalidAnswers);
                }
                let gates_before = Flow::gates_passed_text(&counted.gates_passed);
                self.pass(
                    &counted,
                    PassedProof::Answers { gates_before },
                    RecoveryMethod::SecurityQuestions,
                    meta,
                    now,
                )
                .await
            }
        }
    }

    /// Whether every answer matches, in order. A decoy spends the same argon2 work and fails.
    async fn check_answers(&self, flow: &Flow, answers: &[Secret<String>]) -> Result<bool, Error> {
        let stored = match flow.account_id {
            Some(id) => self.accounts.store.questions(id).await?,
            None => Vec::new(),
        };
        let expected =
            if flow.is_decoy() { self.decoy_of(flow).questions.len() } else { stored.len() };
        let mut right = answers.len() == expected && expected > 0;
        for (i, answer) in answers.iter().take(expected).enumerate() {
            let normalized = Secret::new(normalize_answer(answer.expose()));
            let hash = stored.get(i).map(|(_, hash)| hash.as_str());
            right &= self.accounts.passwords.verify(&normalized, hash).await;
        }
        Ok(right)
    }

    async fn pass(
        &self,
        flow: &Flow,
        proof: PassedProof,
        method: RecoveryMethod,
        meta: &RequestMeta,
        now: i64,
    ) -> Result<Verified, Error> {
        let mut gates = flow.gates_passed.clone();
        gates.push(method);
        let last = gates.len() >= usize::from(flow.gates_required);
        let state = flow::next(flow.state, Input::Passed { last }).ok_or(Error::FlowState)?;
        let reset = last.then(|| token(self.accounts.random.as_ref(), "rgx"));
        let pass = GatePass {
            flow_id: flow.id.clone(),
            proof,
            state,
            gates_passed: gates,
            reset_mac: reset
                .as_ref()
                .map(|t| self.accounts.codes.mac(RESET_PURPOSE, &flow.id, t.expose())),
            reset_expires_at: last.then_some(now + self.settings.reset_ttl_secs),
        };
        if !self.accounts.store.pass_gate(&pass).await? {
            // Another request consumed this proof first.
            return Err(Error::InvalidCode);
        }
        self.event(flow.account_id, Some(&flow.id), kind::PROOF, Some(method), outcome::OK, meta)
            .await;
        let flow = self.load(&flow.id).await?;
        Ok(Verified {
            flow: self.view(&flow, now).await?,
            reset_token: reset,
            reset_expires_at: pass.reset_expires_at,
        })
    }

    /// Sets the new password once every gate is passed. In one transaction: the password and
    /// its history, every session revoked (S17), a notice to every confirmed contact (S18), the
    /// event (S23) and the flow completed. A refused password leaves the flow as it was.
    pub async fn set_password(
        &self,
        flow_id: &str,
        reset_token: &Secret<String>,
        new_password: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<FlowView, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        self.ensure_open(&flow, now)?;
        if flow.state != State::ChoosePassword {
            return Err(Error::FlowState);
        }
        let account_id = flow.account_id.ok_or(Error::FlowState)?;
        let reset_mac = flow.reset_mac.clone().ok_or(Error::InvalidResetToken)?;
        let valid =
            self.accounts.codes.verify(RESET_PURPOSE, flow_id, reset_token.expose(), &reset_mac)
                && flow.reset_expires_at.is_some_and(|at| at > now);
        if !valid {
            return Err(Error::InvalidResetToken);
        }
        let account = self.accounts.account(account_id).await?;
        let keep = self.accounts.check_new_password(&account, "new_password", new_password).await?;
        let password_hash = self.accounts.passwords.hash(new_password).await?;

        let by_questions_only = flow.gates_passed == [RecoveryMethod::SecurityQuestions];
        let report = token(self.accounts.random.as_ref(), "rgn");
        let not_me_link =
            format!("{}/recover/not-me?token={}", self.settings.public_origin, report.expose());
        let template = Template::PasswordReset { not_me_link, by_questions_only };
        let locale = Locale::from_tag(Some(&account.locale));
        // Every confirmed contact; after a reset by questions alone, every contact (S13).
        let mut recipients = Vec::new();
        if let Some(email) = account.email.as_ref().filter(|c| c.confirmed || by_questions_only) {
            recipients.push(email.value.expose().to_owned());
        }
        if let Some(phone) = account.phone.as_ref().filter(|c| c.confirmed || by_questions_only) {
            recipients.push(phone.value.expose().to_owned());
        }
        let messages = recipients
            .iter()
            .map(|to| {
                let rendered = template.render(to, locale);
                QueuedMessage {
                    id: public_id(self.accounts.random.as_ref(), "msg"),
                    channel: rendered.channel,
                    sealed: self.accounts.sealer.seal(&rendered),
                    created_at: now,
                }
            })
            .collect();
        let method = flow.gates_passed.first().map(|m| m.as_str());
        let completion = ResetCompletion {
            flow_id: flow.id.clone(),
            reset_mac,
            change: PasswordChange { account_id, password_hash, keep, keep_session: None, now },
            messages,
            event: SecurityEvent {
                account_id: Some(account_id),
                flow_id: Some(flow.id.clone()),
                method,
                ..SecurityEvent::from_request(kind::PASSWORD_RESET, outcome::OK, meta, now)
            },
            report_mac: self.accounts.codes.mac(REPORT_PURPOSE, "", report.expose()),
            report_expires_at: now + REPORT_TTL_SECS,
        };
        if !self.accounts.store.complete_reset(&completion, now).await? {
            return Err(Error::InvalidResetToken);
        }
        self.accounts.courier.notify_one();
        // Success resets the account's counters (S04).
        let mut keys = vec![format!("proof:account:{account_id}")];
        for subject_text in subjects_of(&account) {
            keys.push(format!(
                "start:subject:{}",
                self.accounts.codes.mac("subject", "", &subject_text)
            ));
        }
        self.accounts.store.forget(&keys).await?;
        tracing::info!(account_id, flow_id = %flow.id, "password reset; every session revoked");
        let flow = self.load(flow_id).await?;
        self.view(&flow, now).await
    }

    /// The "this wasn't me" link of a notice: signs out every device of the account.
    pub async fn report_not_me(
        &self,
        report_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.now();
        let mac = self.accounts.codes.mac(REPORT_PURPOSE, "", report_token.expose());
        let account_id =
            self.accounts.store.report_incident(&mac, now).await?.ok_or(Error::InvalidLink)?;
        self.event(Some(account_id), None, kind::REPORTED_NOT_ME, None, outcome::OK, meta).await;
        tracing::warn!(account_id, "owner reported a reset that was not theirs; sessions revoked");
        Ok(())
    }

    async fn ensure_not_paused(&self, flow: &Flow, now: i64) -> Result<(), Error> {
        let budget = self.settings.budgets.failed_proofs;
        let (count, oldest) =
            self.accounts.store.count(&proof_key(flow), now, budget.window_secs).await?;
        if count >= budget.limit {
            let retry =
                oldest.map_or(budget.window_secs, |at| at + budget.window_secs - now).max(1);
            return Err(Error::RateLimited { retry_after_secs: retry.unsigned_abs() });
        }
        Ok(())
    }

    async fn failed_proof(
        &self,
        flow: &Flow,
        method: RecoveryMethod,
        meta: &RequestMeta,
        now: i64,
    ) {
        let budget = self.settings.budgets.failed_proofs;
        // Always recorded (no limit here); `ensure_not_paused` is where the budget is enforced.
        let _ = self.accounts.store.take(&proof_key(flow), now, budget.window_secs, u32::MAX).await;
        self.event(
            flow.account_id,
            Some(&flow.id),
            kind::PROOF,
            Some(method),
            outcome::REFUSED,
            meta,
        )
        .await;
    }

    async fn take(&self, key: &str, budget: Budget, now: i64) -> Result<(), Error> {
        match self.accounts.take(key, budget, now).await? {
            None => Ok(()),
            Some(retry_after_secs) => Err(Error::RateLimited { retry_after_secs }),
        }
    }

    async fn event(
        &self,
        account_id: Option<u64>,
        flow_id: Option<&str>,
        kind: &'static str,
        method: Option<RecoveryMethod>,
        outcome: &'static str,
        meta: &RequestMeta,
    ) {
        let event = SecurityEvent {
            account_id,
            flow_id: flow_id.map(ToOwned::to_owned),
            method: method.map(RecoveryMethod::as_str),
            ..SecurityEvent::from_request(kind, outcome, meta, self.now())
        };
        self.accounts.record(&event).await;
    }
}

/// The key failed proofs are counted under: the account, or a decoy's subject.
fn proof_key(flow: &Flow) -> String {
    match flow.account_id {
        Some(id) => format!("proof:account:{id}"),
        None => format!("proof:subject:{}", flow.subject),
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

/// Answers compare loosely where people differ without meaning to: NFKC, case, and spaces.
pub(crate) fn normalize_answer(raw: &str) -> String {
    regain_policy::normalize(raw).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}
