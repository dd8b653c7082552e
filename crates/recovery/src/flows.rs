//! The recovery protocol (SECURITY.md S01-S13, S16-S18, S20, S23): identify the account, pass
//! the captcha, prove ownership through one gate or two (a code by email or SMS, the emailed
//! link, security questions), set a new password.
//!
//! An identifier that names no account gets a decoy flow that answers exactly like a real one
//! and never sends anything: it does the same work (a message rendered, sealed and taken by the
//! courier, which never hands it to a channel) so that neither its answers nor their times nor
//! its delivery state tell it apart. Every step writes a security event. Throttles live in the
//! store, so every server instance sees the same budgets.
//!
//! Failed proofs pause recovery per identifier (the flows started with it), alike for a decoy,
//! so that a pause never tells two identifiers apart or together. Across an account's
//! identifiers the failures are counted too, invisibly: past [`Budgets::failed_proofs`] the
//! account's six-digit codes and answers stop being accepted (refused as wrong ones are, after
//! the same work) and new codes have [`LONG_CODE_DIGITS`] digits, which no guesser can reach.
//! The owner, who receives those codes, always has a way through; a stranger holds no lever.

use std::sync::Arc;

use regain_courier::{Locale, Template};
use regain_protocol::digits::normalize_code;
use regain_protocol::{
    ChallengeView, DeliveryState, FlowState, FlowView, MethodOffer, RecoveryMethod,
};

use crate::decoy::{self, DecoyProfile};
use crate::events::{kind, outcome, SecurityEvent};
use crate::flow::{self, Flow, Input, Limits, State};
use crate::secrets::{digit_code, public_id, token};
use crate::store::{
    ChallengeUpdate, Delivery, GatePass, PassedProof, PasswordChange, ResetCompletion,
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
    /// Failed proofs per identifier before its recovery pauses, and per account before the
    /// account's codes grow long (see the module's doc).
    pub failed_proofs: Budget,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            starts_per_identifier: Budget { limit: 10, window_secs: 3600 },
            starts_per_ip: Budget { limit: 30, window_secs: 3600 },
            starts_global: Budget { limit: 1000, window_secs: 60 },
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
/// The digits of a recovery code.
pub const CODE_DIGITS: u32 = 6;
/// The digits of a recovery code for an account whose failed proofs reached their budget.
pub const LONG_CODE_DIGITS: u32 = 10;

/// The recovery service.
#[derive(Clone)]
pub struct Recovery {
    accounts: Accounts,
    settings: Arc<RecoverySettings>,
}

impl std::fmt::Debug for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovery").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Recovery {
    pub fn new(accounts: Accounts, settings: RecoverySettings) -> Self {
        Self { accounts, settings: Arc::new(settings) }
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
        self.accounts.captcha_challenge()
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
        self.accounts.redeem_captcha(captcha).await?;
        let identifier = Identifier::parse(raw, region)
            .map_err(|_| Error::InvalidField { field: "identifier", reason: "invalid" })?;
        let budgets = self.settings.budgets;
        self.accounts.hold("start:global", budgets.starts_global, now).await?;
        if let Some(ip) = &meta.ip {
            self.accounts.hold(&format!("start:ip:{ip}"), budgets.starts_per_ip, now).await?;
        }
        let (account, subject_text) = self.resolve(&identifier).await?;
        let subject = self.accounts.codes.mac("subject", "", &subject_text);
        let throttled = self
            .accounts
            .hold(&format!("start:subject:{subject}"), budgets.starts_per_identifier, now)
            .await;
        let account_id = account.as_ref().map(|a| a.id);
        if let Err(error) = throttled {
            self.event(account_id, None, kind::RECOVERY_STARTED, None, outcome::THROTTLED, meta)
                .await;
            return Err(error);
        }
        // The decoy profile of this identifier: the one kept, or one drawn and kept now. A real
        // account's identifier gets one too, unused, so that real and unknown identifiers make
        // the same reads and writes on their first start and on every later one (S02).
        let (profile, new_profile) = match store.decoy_profile(&subject).await? {
            Some(kept) => (kept, None),
            None => {
                let drawn = self.draw_decoy(&identifier, &hex_bytes(&subject), now).await?;
                (drawn.clone(), Some(drawn))
            }
        };
        let decoy = account.is_none().then_some(profile);
        let gates_required = match (&account, &decoy) {
            (Some(account), _) => self.gates_for(account.has_security_questions),
            (None, Some(decoy)) => self.gates_for(decoy.question_count > 0),
            (None, None) => 1,
        };
        let flow = Flow {
            id: public_id(self.accounts.random.as_ref(), "rf"),
            account_id,
            subject,
            decoy_email: decoy.as_ref().and_then(|d| d.email.clone()),
            decoy_phone: decoy.as_ref().and_then(|d| d.phone.clone()),
            decoy_questions: decoy.as_ref().map_or(0, |d| d.question_count),
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
        store.insert_flow(&flow, new_profile.as_ref()).await?;
        let result = if account.is_some() { outcome::OK } else { outcome::UNKNOWN_IDENTIFIER };
        self.event(account_id, Some(&flow.id), kind::RECOVERY_STARTED, None, result, meta).await;
        tracing::info!(flow_id = %flow.id, account_id = ?account_id, "recovery started");
        self.view(&flow, now).await
    }

    /// A decoy profile for `identifier`, from a donor drawn as [`crate::decoy`] explains.
    async fn draw_decoy(
        &self,
        identifier: &Identifier,
        seed: &[u8],
        now: i64,
    ) -> Result<DecoyProfile, Error> {
        let store = &self.accounts.store;
        let (narrow, wide) = decoy::pools(identifier);
        let pool = match narrow {
            Some(pool) if store.pool_holds(&pool, decoy::MIN_POOL).await? => pool,
            _ => wide,
        };
        let donor = store.donor(&pool, decoy::donor_point(seed), now).await?;
        Ok(decoy::profile(identifier, donor.as_ref()))
    }

    /// The account an identifier names through a confirmed contact or its account ID, and the
    /// normalised identifier the flow's subject is made of.
    async fn resolve(&self, identifier: &Identifier) -> Result<(Option<Account>, String), Error> {
        let store = &self.accounts.store;
        let now = self.now();
        // Only a confirmed contact names an account for recovery.
        let by_email = |a: Account| {
            let named = a
                .email
                .as_ref()
                .is_some_and(|c| c.confirmed && Some(&c.value) == email_of(identifier));
            named.then_some(a)
        };
        let by_phone = |a: Account| {
            let named = a
                .phone
                .as_ref()
                .is_some_and(|c| c.confirmed && Some(&c.value) == phone_of(identifier));
            named.then_some(a)
        };
        Ok(match identifier {
            Identifier::Email(email) => (
                store.account_by_email(email, now).await?.and_then(by_email),
                format!("email:{}", email.expose()),
            ),
            Identifier::Phone(phone) => (
                store.account_by_phone(phone, now).await?.and_then(by_phone),
                format!("phone:{}", phone.expose()),
            ),
            Identifier::AccountId(id) => (store.account(*id, now).await?, format!("id:{id}")),
            Identifier::PhoneOrAccountId(phone, id) => {
                match store.account_by_phone(phone, now).await?.and_then(by_phone) {
                    Some(account) => (Some(account), format!("phone:{}", phone.expose())),
                    None => match store.account(*id, now).await? {
                        Some(account) => (Some(account), format!("id:{id}")),
                        None => (None, format!("phone:{}", phone.expose())),
                    },
                }
            }
        })
    }

    /// One gate for an ordinary account; two for an account with security questions while
    /// they count only as a second gate (and, in a later release, with a second factor).
    fn gates_for(&self, has_questions: bool) -> u8 {
        1 + u8::from(self.settings.questions == QuestionsPolicy::Second && has_questions)
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

    /// What a flow is about: its account, or for a decoy the profile it shows. A decoy makes
    /// the same read a real flow makes, so that its answers take the same time (S02).
    async fn subject_of(&self, flow: &Flow) -> Result<Subject, Error> {
        let now = self.now();
        match flow.account_id {
            Some(id) => Ok(Subject::Account(
                self.accounts.store.account(id, now).await?.ok_or(Error::FlowNotFound)?,
            )),
            None => {
                let _ = self.accounts.store.account(0, now).await?;
                Ok(Subject::Decoy(DecoyProfile {
                    email: flow.decoy_email.clone(),
                    phone: flow.decoy_phone.clone(),
                    question_count: flow.decoy_questions,
                }))
            }
        }
    }

    /// The methods offered for the flow's next gate, with their masked destinations and, for
    /// a real account, the full one.
    fn offers(&self, flow: &Flow, subject: &Subject) -> Vec<(MethodOffer, Option<String>)> {
        let first_gate = flow.gates_passed.is_empty();
        let sole = self.settings.questions == QuestionsPolicy::Sole;
        let mut offers = Vec::new();
        let mut offer = |method: RecoveryMethod, destination: String, full: Option<String>| {
            if !flow.gates_passed.contains(&method) {
                offers.push((MethodOffer { method, destination }, full));
            }
        };
        let (email, phone, has_questions) = match subject {
            Subject::Account(account) => (
                account
                    .email
                    .as_ref()
                    .filter(|c| c.confirmed)
                    .map(|c| (c.value.masked(), Some(c.value.expose().to_owned()))),
                account
                    .phone
                    .as_ref()
                    .filter(|c| c.confirmed)
                    .map(|c| (c.value.masked(), Some(c.value.expose().to_owned()))),
                account.has_security_questions,
            ),
            Subject::Decoy(profile) => (
                profile.email.clone().map(|mask| (mask, None)),
                profile.phone.clone().map(|mask| (mask, None)),
                profile.question_count > 0,
            ),
        };
        if first_gate {
            if let Some((mask, full)) = email {
                offer(RecoveryMethod::Email, mask, full);
            }
            if let Some((mask, full)) = phone {
                offer(RecoveryMethod::Sms, mask, full);
            }
        }
        if has_questions && (sole || !first_gate) {
            offer(RecoveryMethod::SecurityQuestions, "security questions".to_owned(), None);
        }
        offers
    }

    async fn view(&self, flow: &Flow, now: i64) -> Result<FlowView, Error> {
        let state = flow.phase(now, self.limits());
        // The current gate's offers also name where a code went: codes are only ever sent at
        // the first gate, whose offers still hold the method being tried.
        let (offers, open) = match state {
            FlowState::ChooseMethod | FlowState::EnterCode | FlowState::AnswerQuestions => {
                (self.offers(flow, &self.subject_of(flow).await?), true)
            }
            FlowState::Locked => (self.offers(flow, &self.subject_of(flow).await?), false),
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
                    delivery: self.delivery(flow).await?,
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

    /// Where the current code's message stands in the outbox. A decoy's message is there too,
    /// taken by the courier on the same schedule, so its state runs the same course.
    async fn delivery(&self, flow: &Flow) -> Result<DeliveryState, Error> {
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
            None => decoy::questions(&hex_bytes(&flow.subject), flow.decoy_questions),
        })
    }

    /// Sends a code by email or SMS (again), or shows the security questions. A decoy goes
    /// through every step a real flow does, its message included, which the courier takes and
    /// never delivers (S02, S20).
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
        let subject = self.subject_of(&flow).await?;
        let (_, full_destination) = self
            .offers(&flow, &subject)
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
            return self.view(&self.load(flow_id).await?, now).await;
        }
        if flow.sends >= self.settings.max_sends {
            return Err(Error::SendLimitReached);
        }
        if let Some(sent_at) = flow.code_sent_at {
            let wait = sent_at + self.settings.resend_after_secs - now;
            if wait > 0 {
                return Err(Error::RateLimited { retry_after_secs: wait.unsigned_abs() });
            }
        }
        // Budgets per destination and, for SMS, per country prefix (S04, S20). A decoy spends
        // the same budgets under keys of its own.
        let country = match (&subject, method) {
            (Subject::Account(account), RecoveryMethod::Sms) => {
                account.phone.as_ref().map(|c| c.value.country_code())
            }
            (Subject::Decoy(profile), RecoveryMethod::Sms) => {
                profile.phone.as_deref().and_then(masked_country_code)
            }
            (_, RecoveryMethod::Email | RecoveryMethod::SecurityQuestions) => None,
        };
        let destination_key = match &full_destination {
            Some(full) => self.accounts.codes.mac("destination", "", full),
            None => self.accounts.codes.mac("destination", &flow.subject, method.as_str()),
        };
        if let Err(error) = self.accounts.take_send_under(&destination_key, country, now).await {
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
        // Past the account's budget of failed proofs its codes grow long (see the module doc).
        let digits = if self.hardened(&flow, now).await? { LONG_CODE_DIGITS } else { CODE_DIGITS };
        let code = digit_code(self.accounts.random.as_ref(), digits);
        update.code_mac = Some(self.accounts.codes.mac(CODE_PURPOSE, &flow.id, code.expose()));
        update.code_expires_at = Some(now + self.settings.code_ttl_secs);
        update.sent_at = Some(now);
        let minutes_valid = u32::try_from(self.settings.code_ttl_secs / 60).unwrap_or(10);
        let template = if method == RecoveryMethod::Email {
            let link = token(self.accounts.random.as_ref(), "rgl");
            update.link_mac = Some(self.accounts.codes.mac(LINK_PURPOSE, &flow.id, link.expose()));
            update.link_expires_at = Some(now + self.settings.link_ttl_secs);
            let url = format!(
                "{}/recover/link?flow={}&token={}",
                self.accounts.settings().public_origin,
                flow.id,
                link.expose()
            );
            Template::RecoveryEmail { code: code.expose().clone(), minutes_valid, link: url }
        } else {
            Template::RecoverySms { code: code.expose().clone(), minutes_valid }
        };
        let (to, locale) = match &subject {
            Subject::Account(account) => {
                (full_destination.unwrap_or_default(), Locale::from_tag(Some(&account.locale)))
            }
            Subject::Decoy(_) => (String::new(), Locale::En),
        };
        let message = self.accounts.queue(&template, &to, locale, now, flow.is_decoy());
        update.message_id = Some(message.id.clone());
        if !self.accounts.store.set_challenge(&update, Some(&message)).await? {
            return Err(Error::FlowState);
        }
        self.accounts.courier.notify_one();
        self.event(
            flow.account_id,
            Some(&flow.id),
            kind::CODE_SENT,
            Some(method),
            outcome::OK,
            meta,
        )
        .await;
        self.view(&self.load(flow_id).await?, now).await
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
                let matches = self.accounts.codes.verify(CODE_PURPOSE, flow_id, &code, &mac);
                // Past the account's budget only a long code counts; a short one is refused
                // after the same work, as a wrong one is.
                let long = code.len() >= LONG_CODE_DIGITS as usize;
                let hardened = self.hardened(&counted, now).await?;
                let right = !counted.is_decoy() && matches && (long || !hardened);
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
                let matches = self.check_answers(&counted, &answers).await?;
                let right = matches && !self.hardened(&counted, now).await?;
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
            if flow.is_decoy() { usize::from(flow.decoy_questions) } else { stored.len() };
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
        // Every confirmed contact; after a reset by questions alone, every contact (S13).
        let notices = self.accounts.notices(&account, by_questions_only, now, |not_me_link| {
            Template::PasswordReset { not_me_link, by_questions_only }
        });
        let method = flow.gates_passed.first().map(|m| m.as_str());
        let completion = ResetCompletion {
            flow_id: flow.id.clone(),
            reset_mac,
            change: PasswordChange {
                account_id,
                password_hash,
                keep,
                keep_session: None,
                now,
                event: SecurityEvent {
                    account_id: Some(account_id),
                    flow_id: Some(flow.id.clone()),
                    method,
                    ..SecurityEvent::from_request(kind::PASSWORD_RESET, outcome::OK, meta, now)
                },
                notices,
            },
        };
        if !self.accounts.store.complete_reset(&completion, now).await? {
            return Err(Error::InvalidResetToken);
        }
        self.accounts.courier.notify_one();
        // Success resets the account's counters (S04).
        let mut keys = vec![format!("proof:account:{account_id}")];
        for subject_text in subjects_of(&account) {
            let subject = self.accounts.codes.mac("subject", "", &subject_text);
            keys.push(format!("start:subject:{subject}"));
            keys.push(format!("proof:subject:{subject}"));
        }
        self.accounts.store.forget(&keys).await?;
        tracing::info!(account_id, flow_id = %flow.id, "password reset; every session revoked, other recoveries ended");
        let flow = self.load(flow_id).await?;
        self.view(&flow, now).await
    }

    /// The "this wasn't me" link of a notice: signs out every device of the account and ends
    /// every open recovery of it.
    pub async fn report_not_me(
        &self,
        report_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.now();
        let mac = self.accounts.report_mac(report_token);
        let account_id =
            self.accounts.store.report_incident(&mac, now).await?.ok_or(Error::InvalidLink)?;
        self.event(Some(account_id), None, kind::REPORTED_NOT_ME, None, outcome::OK, meta).await;
        tracing::warn!(account_id, "owner reported a reset that was not theirs; sessions revoked");
        Ok(())
    }

    /// Refuses a flow whose identifier had too many failed proofs in the window: visible, and
    /// per identifier alike for real and decoy flows, so it links nothing.
    async fn ensure_not_paused(&self, flow: &Flow, now: i64) -> Result<(), Error> {
        let budget = self.settings.budgets.failed_proofs;
        let (count, oldest) =
            self.accounts.store.count(&subject_proof_key(flow), now, budget.window_secs).await?;
        if count >= budget.limit {
            let retry =
                oldest.map_or(budget.window_secs, |at| at + budget.window_secs - now).max(1);
            return Err(Error::RateLimited { retry_after_secs: retry.unsigned_abs() });
        }
        Ok(())
    }

    /// Whether the flow's account (or a decoy's stand-in) used up its failed proofs: then its
    /// codes are long and short ones no longer count. Never shown.
    async fn hardened(&self, flow: &Flow, now: i64) -> Result<bool, Error> {
        let budget = self.settings.budgets.failed_proofs;
        let (count, _) =
            self.accounts.store.count(&account_proof_key(flow), now, budget.window_secs).await?;
        Ok(count >= budget.limit)
    }

    async fn failed_proof(
        &self,
        flow: &Flow,
        method: RecoveryMethod,
        meta: &RequestMeta,
        now: i64,
    ) {
        let window = self.settings.budgets.failed_proofs.window_secs;
        // Always recorded (no limit here); the budget is read by `ensure_not_paused` and
        // `hardened`.
        for key in [subject_proof_key(flow), account_proof_key(flow)] {
            let _ = self.accounts.store.take(&key, now, window, u32::MAX).await;
        }
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

fn email_of(identifier: &Identifier) -> Option<&crate::Email> {
    match identifier {
        Identifier::Email(email) => Some(email),
        Identifier::Phone(_) | Identifier::AccountId(_) | Identifier::PhoneOrAccountId(..) => None,
    }
}

fn phone_of(identifier: &Identifier) -> Option<&crate::Phone> {
    match identifier {
        Identifier::Phone(phone) | Identifier::PhoneOrAccountId(phone, _) => Some(phone),
        Identifier::Email(_) | Identifier::AccountId(_) => None,
    }
}

/// What a flow is about.
#[derive(Debug)]
enum Subject {
    Account(Account),
    Decoy(DecoyProfile),
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

/// The country code of a masked phone number (`+44 ••• •••• 56`).
fn masked_country_code(mask: &str) -> Option<u16> {
    mask.strip_prefix('+')?.split(' ').next()?.parse().ok()
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
