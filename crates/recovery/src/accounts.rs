//! Accounts, their contacts and their sessions: sign-up, confirmation of contacts, sign-in
//! (throttled per identifier and per client address), refresh with rotation, sign-out.

use std::sync::Arc;

use async_trait::async_trait;
use regain_courier::{Locale, Sealer, Template};
use regain_policy::{
    BreachStatus, Context as PolicyContext, Reason, Settings as PolicySettings, Verdict,
};
use regain_protocol::ContactChannel;
use tokio::sync::Notify;

use crate::captcha::Captcha;
use crate::events::{kind, outcome, SecurityEvent};
use crate::secrets::{public_id, six_digit_code, token};
use crate::store::{
    NewAccountRecord, NewConfirmation, NewSession, Notices, PasswordChange, QueuedMessage,
    RotatedTokens, Rotation,
};
use crate::{
    Budget, Clock, CodeKey, Email, Error, Identifier, Passwords, Phone, Random, Secret, Store,
    StoreError, TokenHash,
};

/// How recent a sign-in must be for changes to contacts, questions and second factors.
pub const RECENT_SIGN_IN_SECS: i64 = 10 * 60;

/// Account IDs are 10 digits, like the numeric account IDs people already know.
pub(crate) const ACCOUNT_ID_MIN: u64 = 1_000_000_000;
pub(crate) const ACCOUNT_ID_MAX: u64 = 9_999_999_999;

pub type AccountId = u64;
pub type SessionId = String;

/// A contact of an account and whether it was confirmed by a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact<T> {
    pub value: T,
    pub confirmed: bool,
}

/// An account as the domain sees it.
#[derive(Clone)]
pub struct Account {
    pub id: AccountId,
    pub display_name: String,
    pub birthday: Option<String>,
    pub email: Option<Contact<Email>>,
    pub phone: Option<Contact<Phone>>,
    pub password_hash: String,
    pub has_security_questions: bool,
    /// How many security questions are set (0 to 5).
    pub question_count: u8,
    pub locale: String,
    pub created_at: i64,
}

impl Account {
    /// Every confirmed contact, as a full address or number (for notices).
    pub fn confirmed_contacts(&self) -> Vec<String> {
        let email = self.email.as_ref().filter(|c| c.confirmed).map(|c| c.value.expose());
        let phone = self.phone.as_ref().filter(|c| c.confirmed).map(|c| c.value.expose());
        email.into_iter().chain(phone).map(ToOwned::to_owned).collect()
    }

    /// Every contact, confirmed or not.
    pub fn all_contacts(&self) -> Vec<String> {
        let email = self.email.as_ref().map(|c| c.value.expose());
        let phone = self.phone.as_ref().map(|c| c.value.expose());
        email.into_iter().chain(phone).map(ToOwned::to_owned).collect()
    }
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("phone", &self.phone)
            .finish_non_exhaustive()
    }
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub account_id: AccountId,
    pub created_at: i64,
    /// When this session last proved the password (its sign-in).
    pub authenticated_at: i64,
    pub last_used_at: i64,
    pub access_expires_at: i64,
    pub refresh_expires_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The credentials handed to a client when a session starts or is refreshed.
#[derive(Debug, Clone)]
pub struct Grant {
    pub session_id: SessionId,
    pub account_id: AccountId,
    pub access_token: Secret<String>,
    pub access_expires_at: i64,
    pub refresh_token: Secret<String>,
    pub refresh_expires_at: i64,
}

/// Who is asking, for sessions, security events and throttles.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl RequestMeta {
    /// The user agent as sessions and events keep it: its first 256 characters.
    pub fn kept_user_agent(&self) -> Option<String> {
        self.user_agent.as_ref().map(|ua| ua.chars().take(256).collect())
    }
}

/// What is needed to create an account, already parsed at the boundary.
#[derive(Debug, Clone)]
pub struct NewAccountInput {
    pub display_name: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub birthday: Option<String>,
    pub password: Secret<String>,
    pub locale: Option<String>,
}

/// The numbers of accounts and sessions; each is a setting of the server.
#[derive(Debug, Clone)]
pub struct AccountsSettings {
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
    pub code_ttl_secs: i64,
    pub code_max_attempts: u32,
    pub resend_after_secs: i64,
    pub policy: PolicySettings,
    /// Sign-in attempts per identifier as typed (email, phone or account ID, whether or not
    /// it names an account); a successful sign-in clears them.
    pub sign_ins_per_identifier: Budget,
    /// Sign-in attempts per client address.
    pub sign_ins_per_ip: Budget,
    /// Sign-ups per client address.
    pub sign_ups_per_ip: Budget,
    /// Codes and notices sent to one address or number, whatever sent them (sign-up,
    /// confirmation, recovery): SECURITY.md S04, S20.
    pub sends_per_destination: Budget,
    /// Text messages to one country prefix: the brake on SMS toll fraud (S20).
    pub sms_per_country: Budget,
    /// How long an unconfirmed contact stays claimed before it lapses.
    pub unconfirmed_contact_ttl_secs: i64,
    /// Where the links in messages point. Never taken from a request.
    pub public_origin: String,
}

impl Default for AccountsSettings {
    fn default() -> Self {
        Self {
            access_ttl_secs: 15 * 60,
            refresh_ttl_secs: 30 * 24 * 3600,
            code_ttl_secs: 10 * 60,
            code_max_attempts: 5,
            resend_after_secs: 60,
            policy: PolicySettings::default(),
            // A person mistyping gets ten tries a quarter of an hour, and nothing ever locks the
            // account. The windows slide, so a patient guesser still gets up to 960 tries a day
            // per identifier: NIST 800-63B's cap of 100 consecutive failures per account, across
            // windows, is not enforced here.
            sign_ins_per_identifier: Budget { limit: 10, window_secs: 15 * 60 },
            sign_ins_per_ip: Budget { limit: 100, window_secs: 3600 },
            sign_ups_per_ip: Budget { limit: 10, window_secs: 3600 },
            sends_per_destination: Budget { limit: 10, window_secs: 3600 },
            sms_per_country: Budget { limit: 500, window_secs: 3600 },
            unconfirmed_contact_ttl_secs: 24 * 3600,
            public_origin: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// A check of a password against a breach corpus (the server's is a Have-I-Been-Pwned-style
/// range API). Injected so the domain needs no HTTP client; a failure is
/// [`BreachStatus::Unavailable`], never an error.
#[async_trait]
pub trait BreachCheck: Send + Sync + std::fmt::Debug {
    async fn check(&self, password: &Secret<String>) -> BreachStatus;
}

/// The account service: every rule about accounts, contacts and sessions, over injected
/// store, clock, randomness and hasher.
#[derive(Clone)]
pub struct Accounts {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) passwords: Passwords,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) random: Arc<dyn Random>,
    pub(crate) codes: CodeKey,
    pub(crate) sealer: Sealer,
    settings: AccountsSettings,
    pub(crate) courier: Arc<Notify>,
    pub(crate) captcha: Captcha,
    breach: Option<Arc<dyn BreachCheck>>,
}

impl std::fmt::Debug for Accounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Accounts").field("settings", &self.settings).finish_non_exhaustive()
    }
}

const PURPOSE_CONFIRM_EMAIL: &str = "confirm-email";
const PURPOSE_CONFIRM_PHONE: &str = "confirm-phone";
const REPORT_PURPOSE: &str = "incident-report";
/// How long the "this wasn't me" link of a notice works.
const REPORT_TTL_SECS: i64 = 30 * 24 * 3600;

impl Accounts {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Arc<dyn Store>,
        passwords: Passwords,
        clock: Arc<dyn Clock>,
        random: Arc<dyn Random>,
        server_secret: &[u8],
        settings: AccountsSettings,
        courier: Arc<Notify>,
        captcha: Captcha,
    ) -> Self {
        Self {
            store,
            passwords,
            clock,
            random,
            codes: CodeKey::derive(server_secret),
            sealer: Sealer::new(server_secret),
            settings,
            courier,
            captcha,
            breach: None,
        }
    }

    pub(crate) fn settings(&self) -> &AccountsSettings {
        &self.settings
    }

    /// The password policy every new password is held to.
    pub fn password_policy(&self) -> &PolicySettings {
        &self.settings.policy
    }

    /// A new "I'm not a robot" challenge.
    pub fn captcha_challenge(&self) -> Result<serde_json::Value, Error> {
        self.captcha.challenge()
    }

    /// Checks a solved captcha and spends it, so that it works once on every instance (S05).
    pub(crate) async fn redeem_captcha(&self, payload: &str) -> Result<(), Error> {
        let ticket = self.captcha.check(payload)?;
        if !self.store.spend_captcha(&ticket.signature, ticket.expires_at, self.clock.now()).await?
        {
            return Err(Error::CaptchaReplayed);
        }
        Ok(())
    }

    /// Checks new passwords against a breach corpus too.
    pub fn with_breach_check(mut self, breach: Arc<dyn BreachCheck>) -> Self {
        self.breach = Some(breach);
        self
    }

    /// The one place the password policy is applied: sign-up, change and (later) reset. The
    /// breach check runs first when configured; the reuse check (an argon2 verification per
    /// remembered hash) only when nothing cheaper already refused the password.
    async fn check_password(
        &self,
        field: &'static str,
        password: &Secret<String>,
        context: PolicyContext,
        history: &[String],
    ) -> Result<Verdict, Error> {
        let breach = match &self.breach {
            Some(checker) => checker.check(password).await,
            None => BreachStatus::NotChecked,
        };
        let context = context.breach(breach);
        let mut verdict =
            regain_policy::evaluate(password.expose(), &context, &self.settings.policy);
        if verdict.acceptable {
            for hash in history {
                if self.passwords.verify(password, Some(hash)).await {
                    verdict.refuse(Reason::Reused);
                    break;
                }
            }
        }
        if verdict.acceptable {
            Ok(verdict)
        } else {
            tracing::info!(field, reasons = ?verdict.reasons, score = verdict.score, "password refused by the policy");
            Err(Error::WeakPassword { field, verdict: Box::new(verdict) })
        }
    }

    /// The account's own words, for the policy.
    fn policy_context(
        id: AccountId,
        name: &str,
        email: Option<&Email>,
        phone: Option<&Phone>,
        birthday: Option<&str>,
    ) -> PolicyContext {
        let mut context = PolicyContext::new().name(name).account_id(id);
        if let Some(email) = email {
            context = context.email(email.expose());
        }
        if let Some(phone) = phone {
            context = context.phone(phone.expose(), phone.country_code());
        }
        if let Some(birthday) = birthday {
            context = context.birthday(birthday);
        }
        context
    }

    /// The policy for a new password of an existing account (change and reset), with its own
    /// words and its last passwords. Returns how many hashes the history keeps.
    pub(crate) async fn check_new_password(
        &self,
        account: &Account,
        field: &'static str,
        password: &Secret<String>,
    ) -> Result<u32, Error> {
        let keep = u32::try_from(self.settings.policy.history).unwrap_or(u32::MAX);
        let history = self.store.password_history(account.id, keep).await?;
        let context = Self::policy_context(
            account.id,
            &account.display_name,
            account.email.as_ref().map(|c| &c.value),
            account.phone.as_ref().map(|c| &c.value),
            account.birthday.as_deref(),
        );
        self.check_password(field, password, context, &history).await?;
        Ok(keep)
    }

    fn draw_account_id(&self) -> AccountId {
        ACCOUNT_ID_MIN + self.random.below(ACCOUNT_ID_MAX - ACCOUNT_ID_MIN + 1)
    }

    /// Signs up: the "I'm not a robot" check and the budget per client address before anything
    /// else, then the account, whose codes count against the budgets of their destinations
    /// like any other message (an SMS to a number nobody has confirmed too: S04, S20).
    ///
    /// The answer is the same whether or not an email or phone is already someone's confirmed
    /// contact (S01): the new account only claims it, and its owner gets a notice instead of
    /// a code, so the claim can never be confirmed and lapses.
    pub async fn sign_up(
        &self,
        input: NewAccountInput,
        captcha: &str,
        meta: &RequestMeta,
    ) -> Result<Account, Error> {
        self.redeem_captcha(captcha).await?;
        let now = self.clock.now();
        if let Some(ip) = &meta.ip {
            self.hold(&format!("signup:ip:{ip}"), self.settings.sign_ups_per_ip, now).await?;
        }
        self.create(input, false).await
    }

    /// Counts one message to `destination` against its budget and, for a phone, against its
    /// country's; refused with the wait when either is spent.
    pub(crate) async fn take_send(
        &self,
        destination: &str,
        country_code: Option<u16>,
        now: i64,
    ) -> Result<(), Error> {
        let key = self.codes.mac("destination", "", destination);
        self.take_send_under(&key, country_code, now).await
    }

    /// [`Self::take_send`] under a destination key already made (a decoy's, which has no
    /// destination).
    pub(crate) async fn take_send_under(
        &self,
        destination_key: &str,
        country_code: Option<u16>,
        now: i64,
    ) -> Result<(), Error> {
        self.hold(
            &format!("send:destination:{destination_key}"),
            self.settings.sends_per_destination,
            now,
        )
        .await?;
        if let Some(country) = country_code {
            self.hold(&format!("send:country:{country}"), self.settings.sms_per_country, now)
                .await?;
        }
        Ok(())
    }

    /// Counts one attempt under `key`, or refuses with the wait when its budget is spent.
    pub(crate) async fn hold(&self, key: &str, budget: Budget, now: i64) -> Result<(), Error> {
        match self.take(key, budget, now).await? {
            None => Ok(()),
            Some(retry_after_secs) => Err(Error::RateLimited { retry_after_secs }),
        }
    }

    /// Creates an account. With `confirmed` false (sign-up) each contact is claimed and gets a
    /// confirmation code through the courier (or, when it is already someone's confirmed
    /// contact, that someone gets a notice); with `confirmed` true (an operator, the local
    /// demo) the contacts are taken as confirmed.
    pub async fn create(&self, input: NewAccountInput, confirmed: bool) -> Result<Account, Error> {
        let display_name = check_display_name(&input.display_name)?;
        let birthday = input.birthday.as_deref().map(check_birthday).transpose()?;
        if input.email.is_none() && input.phone.is_none() {
            return Err(Error::InvalidField { field: "email", reason: "email_or_phone_required" });
        }
        let mut id = self.draw_account_id();
        let context = Self::policy_context(
            id,
            &display_name,
            input.email.as_ref(),
            input.phone.as_ref(),
            birthday.as_deref(),
        );
        self.check_password("password", &input.password, context, &[]).await?;
        if !confirmed {
            // Before the hash, so that a spent budget costs nothing.
            let now = self.clock.now();
            if let Some(email) = &input.email {
                self.take_send(email.expose(), None, now).await?;
            }
            if let Some(phone) = &input.phone {
                self.take_send(phone.expose(), Some(phone.country_code()), now).await?;
            }
        }
        let password_hash = self.passwords.hash(&input.password).await?;
        let locale = Locale::from_tag(input.locale.as_deref());

        for attempt in 0..8 {
            let now = self.clock.now();
            if attempt > 0 {
                id = self.draw_account_id();
            }
            let record = NewAccountRecord {
                id,
                display_name: display_name.clone(),
                birthday: birthday.clone(),
                email: input.email.clone(),
                phone: input.phone.clone(),
                confirmed,
                claim_expires_at: now + self.settings.unconfirmed_contact_ttl_secs,
                password_hash: password_hash.clone(),
                locale: locale.tag().to_owned(),
                created_at: now,
            };
            let mut confirmations = Vec::new();
            let mut messages = Vec::new();
            if !confirmed {
                let email = input.email.as_ref().map(|e| (ContactChannel::Email, e.expose()));
                let phone = input.phone.as_ref().map(|p| (ContactChannel::Phone, p.expose()));
                let destinations: Vec<(ContactChannel, String)> =
                    email.into_iter().chain(phone).map(|(c, d)| (c, d.to_owned())).collect();
                for (channel, destination) in destinations {
                    let (c, m) = self.confirmation(id, channel, &destination, locale, now).await?;
                    confirmations.push(c);
                    messages.push(m);
                }
            }
            match self.store.insert_account(&record, &confirmations, &messages).await {
                Ok(()) => {
                    self.courier.notify_one();
                    tracing::info!(account_id = id, email = ?record.email, phone = ?record.phone, "account created");
                    return self.account(id).await;
                }
                Err(StoreError::AccountIdTaken) => continue,
                Err(StoreError::ContactInUse) => return Err(Error::ContactInUse),
                Err(other) => return Err(other.into()),
            }
        }
        Err(Error::Internal("could not draw a free account ID".into()))
    }

    /// A confirmation code for a contact claimed by `account_id`, and its message. When the
    /// contact is already another account's confirmed contact, the code is never sent: its
    /// owner gets a notice that someone tried to use it, in the owner's language, and the
    /// claim can only lapse. Both cases read the store once and queue one message.
    async fn confirmation(
        &self,
        account_id: AccountId,
        channel: ContactChannel,
        destination: &str,
        locale: Locale,
        now: i64,
    ) -> Result<(NewConfirmation, QueuedMessage), Error> {
        let owner = match channel {
            ContactChannel::Email => {
                self.store.account_by_email(&Email::from_stored(destination), now).await?
            }
            ContactChannel::Phone => match Phone::from_e164(destination) {
                Ok(phone) => self.store.account_by_phone(&phone, now).await?,
                Err(_) => None,
            },
        };
        let owner = match owner {
            Some(owner)
                if owner.id != account_id
                    && owner.confirmed_contacts().iter().any(|c| c == destination) =>
            {
                Some(owner)
            }
            Some(_) | None => None,
        };
        let code = six_digit_code(self.random.as_ref());
        let minutes_valid = u32::try_from(self.settings.code_ttl_secs / 60).unwrap_or(10);
        let purpose = match channel {
            ContactChannel::Email => PURPOSE_CONFIRM_EMAIL,
            ContactChannel::Phone => PURPOSE_CONFIRM_PHONE,
        };
        let (template, locale) = match (&owner, channel) {
            (Some(owner), _) => (Template::ContactClaimed, Locale::from_tag(Some(&owner.locale))),
            (None, ContactChannel::Email) => {
                (Template::ConfirmEmail { code: code.expose().clone(), minutes_valid }, locale)
            }
            (None, ContactChannel::Phone) => {
                (Template::ConfirmPhone { code: code.expose().clone(), minutes_valid }, locale)
            }
        };
        if owner.is_some() {
            tracing::info!(
                account_id,
                ?channel,
                "contact is another account's; its owner is told instead"
            );
        }
        let confirmation = NewConfirmation {
            account_id,
            channel,
            code_mac: self.codes.mac(purpose, &account_id.to_string(), code.expose()),
            created_at: now,
            expires_at: now + self.settings.code_ttl_secs,
        };
        Ok((confirmation, self.queue(&template, destination, locale, now, false)))
    }

    /// `template` rendered for `to`, sealed, as the outbox takes it.
    pub(crate) fn queue(
        &self,
        template: &Template,
        to: &str,
        locale: Locale,
        now: i64,
        decoy: bool,
    ) -> QueuedMessage {
        let rendered = template.render(to, locale);
        QueuedMessage {
            id: public_id(self.random.as_ref(), "msg"),
            channel: rendered.channel,
            sealed: self.sealer.seal(&rendered),
            created_at: now,
            decoy,
        }
    }

    /// The notices of a change to `account` (S18): `template` with its "this wasn't me" link,
    /// to every confirmed contact, or to every contact when `every_contact`.
    pub(crate) fn notices(
        &self,
        account: &Account,
        every_contact: bool,
        now: i64,
        template: impl Fn(String) -> Template,
    ) -> Notices {
        let report = token(self.random.as_ref(), "rgn");
        let link =
            format!("{}/recover/not-me?token={}", self.settings.public_origin, report.expose());
        let template = template(link);
        let locale = Locale::from_tag(Some(&account.locale));
        let recipients =
            if every_contact { account.all_contacts() } else { account.confirmed_contacts() };
        Notices {
            messages: recipients
                .iter()
                .map(|to| self.queue(&template, to, locale, now, false))
                .collect(),
            report_mac: self.codes.mac(REPORT_PURPOSE, "", report.expose()),
            report_expires_at: now + REPORT_TTL_SECS,
        }
    }

    /// The MAC a "this wasn't me" token is kept as.
    pub(crate) fn report_mac(&self, report_token: &Secret<String>) -> String {
        self.codes.mac(REPORT_PURPOSE, "", report_token.expose())
    }

    pub async fn account(&self, id: AccountId) -> Result<Account, Error> {
        self.store.account(id, self.clock.now()).await?.ok_or(Error::Unauthenticated)
    }

    /// Sends a new confirmation code to an unconfirmed contact; the old code stops working.
    /// Counted against the destination's budgets like every other message (S04, S20).
    pub async fn resend_confirmation(
        &self,
        account_id: AccountId,
        channel: ContactChannel,
    ) -> Result<(), Error> {
        let account = self.account(account_id).await?;
        let destination =
            unconfirmed_destination(&account, channel).ok_or(Error::NothingToConfirm)?;
        let now = self.clock.now();
        if let Some(created_at) =
            self.store.live_confirmation_created_at(account_id, channel).await?
        {
            let wait = created_at + self.settings.resend_after_secs - now;
            if wait > 0 {
                return Err(Error::RateLimited { retry_after_secs: wait.unsigned_abs() });
            }
        }
        let country = match channel {
            ContactChannel::Email => None,
            ContactChannel::Phone => account.phone.as_ref().map(|c| c.value.country_code()),
        };
        self.take_send(&destination, country, now).await?;
        let locale = Locale::from_tag(Some(&account.locale));
        let (confirmation, message) =
            self.confirmation(account_id, channel, &destination, locale, now).await?;
        self.store.replace_confirmation(&confirmation, &message).await?;
        self.courier.notify_one();
        Ok(())
    }

    /// Confirms a contact with the code sent to it. The attempt is counted before the code is
    /// compared; the comparison is constant-time; the code is consumed at most once.
    pub async fn confirm_contact(
        &self,
        account_id: AccountId,
        channel: ContactChannel,
        code: &Secret<String>,
    ) -> Result<(), Error> {
        let account = self.account(account_id).await?;
        if unconfirmed_destination(&account, channel).is_none() {
            return Err(Error::NothingToConfirm);
        }
        let code = regain_protocol::digits::normalize_code(code.expose());
        let now = self.clock.now();
        let pending = self
            .store
            .count_confirmation_attempt(account_id, channel)
            .await?
            .ok_or(Error::CodeExpired)?;
        if pending.expires_at <= now || pending.attempts > self.settings.code_max_attempts {
            return Err(Error::CodeExpired);
        }
        let purpose = match channel {
            ContactChannel::Email => PURPOSE_CONFIRM_EMAIL,
            ContactChannel::Phone => PURPOSE_CONFIRM_PHONE,
        };
        if !self.codes.verify(purpose, &account_id.to_string(), &code, &pending.code_mac) {
            tracing::info!(
                account_id,
                ?channel,
                attempts = pending.attempts,
                "wrong confirmation code"
            );
            return Err(Error::InvalidCode);
        }
        if !self.store.consume_confirmation(pending.id, account_id, channel, now).await? {
            return Err(Error::CodeExpired);
        }
        tracing::info!(account_id, ?channel, "contact confirmed");
        Ok(())
    }

    /// Signs in with an identifier and a password. An unknown account, an unparseable
    /// identifier and a wrong password all take one argon2 verification and answer the same.
    pub async fn sign_in(
        &self,
        identifier: &str,
        region: Option<&str>,
        password: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<Grant, Error> {
        let now = self.clock.now();
        let parsed = Identifier::parse(identifier, region);
        // Throttled before any hash, and alike for identifiers that name no account, so neither
        // the answer nor its time tells whether one exists. Every spelling of one identifier
        // shares its buckets; digits that may be a phone number or an account ID count against
        // both.
        let subject_keys: Vec<String> = sign_in_subjects(parsed.as_ref().ok(), identifier)
            .iter()
            .map(|subject| format!("signin:subject:{}", self.codes.mac("sign-in", "", subject)))
            .collect();
        let mut throttled = None;
        if let Some(ip) = &meta.ip {
            throttled =
                self.take(&format!("signin:ip:{ip}"), self.settings.sign_ins_per_ip, now).await?;
        }
        for key in &subject_keys {
            if throttled.is_some() {
                break;
            }
            throttled = self.take(key, self.settings.sign_ins_per_identifier, now).await?;
        }
        let account = match &parsed {
            Ok(identifier) => self.find(identifier).await?,
            Err(_) => None,
        };
        let account_id = account.as_ref().map(|a| a.id);
        if let Some(retry_after_secs) = throttled {
            self.sign_in_event(account_id, outcome::THROTTLED, meta, now).await;
            tracing::info!("sign-in throttled");
            return Err(Error::RateLimited { retry_after_secs });
        }
        let matched = self
            .passwords
            .verify(password, account.as_ref().map(|a| a.password_hash.as_str()))
            .await;
        match account {
            Some(account) if matched => {
                self.store.forget(&subject_keys).await?;
                let grant = self.start_session(account.id, meta).await?;
                self.sign_in_event(account_id, outcome::OK, meta, now).await;
                tracing::info!(account_id = account.id, session_id = %grant.session_id, "signed in");
                Ok(grant)
            }
            _ => {
                self.sign_in_event(account_id, outcome::REFUSED, meta, now).await;
                tracing::info!("sign-in refused");
                Err(Error::InvalidCredentials)
            }
        }
    }

    /// Counts one attempt under `key`; the seconds to wait when its budget is spent.
    pub(crate) async fn take(
        &self,
        key: &str,
        budget: Budget,
        now: i64,
    ) -> Result<Option<u64>, Error> {
        let retry = self.store.take(key, now, budget.window_secs, budget.limit).await?;
        Ok(retry.map(|secs| secs.max(1).unsigned_abs()))
    }

    /// A sign-in's security event. An identifier that names no account gets one too (with no
    /// account), so that both cost the same.
    async fn sign_in_event(
        &self,
        account_id: Option<u64>,
        outcome: &'static str,
        meta: &RequestMeta,
        at: i64,
    ) {
        let event = SecurityEvent {
            account_id,
            method: Some("password"),
            ..SecurityEvent::from_request(kind::SIGN_IN, outcome, meta, at)
        };
        self.record(&event).await;
    }

    /// Writes a security event; failing to is logged, never the failure of what it records.
    pub(crate) async fn record(&self, event: &SecurityEvent) {
        if let Err(error) = self.store.record(event).await {
            tracing::error!(%error, kind = event.kind, "security event could not be written");
        }
    }

    /// The account an identifier names, if any.
    pub async fn find(&self, identifier: &Identifier) -> Result<Option<Account>, Error> {
        let now = self.clock.now();
        Ok(match identifier {
            Identifier::Email(email) => self.store.account_by_email(email, now).await?,
            Identifier::Phone(phone) => self.store.account_by_phone(phone, now).await?,
            Identifier::AccountId(id) => self.store.account(*id, now).await?,
            Identifier::PhoneOrAccountId(phone, id) => {
                match self.store.account_by_phone(phone, now).await? {
                    Some(account) => Some(account),
                    None => self.store.account(*id, now).await?,
                }
            }
        })
    }

    /// Starts a session for an account whose owner just proved who they are.
    pub async fn start_session(
        &self,
        account_id: AccountId,
        meta: &RequestMeta,
    ) -> Result<Grant, Error> {
        let now = self.clock.now();
        let access = token(self.random.as_ref(), "rga");
        let refresh = token(self.random.as_ref(), "rgr");
        let session = NewSession {
            id: public_id(self.random.as_ref(), "ses"),
            account_id,
            access_hash: TokenHash::of(&access),
            access_expires_at: now + self.settings.access_ttl_secs,
            refresh_hash: TokenHash::of(&refresh),
            refresh_expires_at: now + self.settings.refresh_ttl_secs,
            created_at: now,
            ip: meta.ip.clone(),
            user_agent: meta.kept_user_agent(),
        };
        self.store.insert_session(&session).await?;
        Ok(Grant {
            session_id: session.id,
            account_id,
            access_token: access,
            access_expires_at: session.access_expires_at,
            refresh_token: refresh,
            refresh_expires_at: session.refresh_expires_at,
        })
    }

    /// The live session an access token belongs to.
    pub async fn authenticate(&self, access_token: &Secret<String>) -> Result<Session, Error> {
        self.store
            .session_by_access(&TokenHash::of(access_token), self.clock.now())
            .await?
            .ok_or(Error::Unauthenticated)
    }

    /// Trades a refresh token for a new pair. A token that was already traded revokes its
    /// session: only a thief or a replay presents one twice.
    pub async fn refresh(&self, refresh_token: &Secret<String>) -> Result<Grant, Error> {
        let now = self.clock.now();
        let access = token(self.random.as_ref(), "rga");
        let refresh = token(self.random.as_ref(), "rgr");
        let next = RotatedTokens {
            access_hash: TokenHash::of(&access),
            access_expires_at: now + self.settings.access_ttl_secs,
            refresh_hash: TokenHash::of(&refresh),
        };
        match self.store.rotate_refresh(&TokenHash::of(refresh_token), &next, now).await? {
            Rotation::Rotated(session) => Ok(Grant {
                session_id: session.id,
                account_id: session.account_id,
                access_token: access,
                access_expires_at: next.access_expires_at,
                refresh_token: refresh,
                refresh_expires_at: session.refresh_expires_at,
            }),
            Rotation::Reused { session_id } => {
                tracing::warn!(%session_id, "refresh token presented twice; session revoked");
                Err(Error::InvalidRefreshToken)
            }
            Rotation::Unknown => Err(Error::InvalidRefreshToken),
        }
    }

    pub async fn sign_out(&self, session: &Session) -> Result<(), Error> {
        self.store.revoke_session(&session.id, self.clock.now()).await?;
        tracing::info!(account_id = session.account_id, session_id = %session.id, "signed out");
        Ok(())
    }

    /// Changes the password of a signed-in account: the current password proves it is the
    /// owner, the new one passes the policy (including the last passwords), every other
    /// session and every open recovery ends, and every confirmed contact is told (S18).
    pub async fn change_password(
        &self,
        session: &Session,
        current: &Secret<String>,
        new: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let account = self.account(session.account_id).await?;
        if !self.passwords.verify(current, Some(&account.password_hash)).await {
            return Err(Error::InvalidField { field: "current_password", reason: "invalid" });
        }
        let keep = self.check_new_password(&account, "new_password", new).await?;
        let now = self.clock.now();
        let change = PasswordChange {
            account_id: account.id,
            password_hash: self.passwords.hash(new).await?,
            keep,
            keep_session: Some(session.id.clone()),
            now,
            event: SecurityEvent {
                account_id: Some(account.id),
                method: Some("password"),
                ..SecurityEvent::from_request(kind::PASSWORD_CHANGED, outcome::OK, meta, now)
            },
            notices: self.notices(&account, false, now, |not_me_link| Template::PasswordChanged {
                not_me_link,
            }),
        };
        self.store.change_password(&change).await?;
        self.courier.notify_one();
        tracing::info!(account_id = account.id, session_id = %session.id, "password changed; other sessions revoked, open recoveries ended");
        Ok(())
    }

    /// Replaces the account's security questions. Needs a sign-in within the last
    /// `RECENT_SIGN_IN_SECS` (SECURITY.md S19); answers are stored as argon2id hashes of their
    /// normalised form (S13).
    pub async fn set_security_questions(
        &self,
        session: &Session,
        questions: Vec<(String, Secret<String>)>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        if now - session.authenticated_at > RECENT_SIGN_IN_SECS {
            return Err(Error::ReauthenticationRequired);
        }
        if !(2..=5).contains(&questions.len()) {
            return Err(Error::InvalidField { field: "questions", reason: "two_to_five" });
        }
        let mut seen = Vec::new();
        let mut stored = Vec::new();
        for (question, answer) in questions {
            let question = question.trim().to_owned();
            let length = question.chars().count();
            if !(5..=200).contains(&length) || question.chars().any(char::is_control) {
                return Err(Error::InvalidField { field: "questions", reason: "invalid_question" });
            }
            if seen.contains(&question.to_lowercase()) {
                return Err(Error::InvalidField {
                    field: "questions",
                    reason: "duplicate_question",
                });
            }
            seen.push(question.to_lowercase());
            let answer = crate::flows::normalize_answer(answer.expose());
            if answer.chars().count() < 3 {
                return Err(Error::InvalidField { field: "questions", reason: "answer_too_short" });
            }
            stored.push((question, self.passwords.hash(&Secret::new(answer)).await?));
        }
        let event = SecurityEvent {
            account_id: Some(session.account_id),
            ..SecurityEvent::from_request(kind::QUESTIONS_CHANGED, outcome::OK, meta, now)
        };
        let account = self.account(session.account_id).await?;
        let notices = self.notices(&account, false, now, |not_me_link| {
            Template::SecurityQuestionsChanged { not_me_link }
        });
        self.store.set_questions(session.account_id, &stored, &event, &notices).await?;
        self.courier.notify_one();
        Ok(())
    }

    /// The account's recent security events, newest first.
    pub async fn events(
        &self,
        account_id: AccountId,
        limit: u32,
    ) -> Result<Vec<crate::events::StoredEvent>, Error> {
        Ok(self.store.events(account_id, limit).await?)
    }

    pub async fn sessions(&self, account_id: AccountId) -> Result<Vec<Session>, Error> {
        Ok(self.store.sessions_of(account_id, self.clock.now()).await?)
    }

    pub async fn list(&self, after: AccountId, limit: u32) -> Result<Vec<Account>, Error> {
        Ok(self.store.accounts(after, limit, self.clock.now()).await?)
    }
}

fn unconfirmed_destination(account: &Account, channel: ContactChannel) -> Option<String> {
    match channel {
        ContactChannel::Email => {
            account.email.as_ref().filter(|c| !c.confirmed).map(|c| c.value.expose().to_owned())
        }
        ContactChannel::Phone => {
            account.phone.as_ref().filter(|c| !c.confirmed).map(|c| c.value.expose().to_owned())
        }
    }
}

fn check_display_name(raw: &str) -> Result<String, Error> {
    let name = raw.trim();
    let length = name.chars().count();
    if length == 0 {
        return Err(Error::InvalidField { field: "display_name", reason: "required" });
    }
    if length > 100 {
        return Err(Error::InvalidField { field: "display_name", reason: "too_long" });
    }
    if name.chars().any(char::is_control) {
        return Err(Error::InvalidField { field: "display_name", reason: "invalid_characters" });
    }
    Ok(name.to_owned())
}

/// `YYYY-MM-DD`, a real calendar date from 1900 on.
fn check_birthday(raw: &str) -> Result<String, Error> {
    let invalid = Error::InvalidField { field: "birthday", reason: "invalid_date" };
    let parts: Vec<&str> = raw.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(invalid) };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(invalid);
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return Err(invalid);
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(invalid),
    };
    if !(1900..=2100).contains(&year) || day == 0 || day > days {
        return Err(invalid);
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// What sign-in attempts are counted under: the identifier in its one normal form (an email in
/// lower case, a phone number in E.164, an account ID in digits), so that every spelling of it
/// (`+1 305 386 7162`, `(305) 386-7162` in the US, full-width digits) shares one bucket; digits
/// that may be either a phone number or an account ID count against both. What parses as none
/// of those counts as typed, trimmed and lower-cased.
fn sign_in_subjects(identifier: Option<&Identifier>, typed: &str) -> Vec<String> {
    match identifier {
        Some(Identifier::Email(email)) => vec![format!("email:{}", email.expose())],
        Some(Identifier::Phone(phone)) => vec![format!("phone:{}", phone.expose())],
        Some(Identifier::AccountId(id)) => vec![format!("id:{id}")],
        Some(Identifier::PhoneOrAccountId(phone, id)) => {
            vec![format!("phone:{}", phone.expose()), format!("id:{id}")]
        }
        None => vec![format!("typed:{}", typed.trim().to_lowercase())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_are_real_dates() {
        assert_eq!(check_birthday("1990-02-28").ok().as_deref(), Some("1990-02-28"));
        assert!(check_birthday("2000-02-29").is_ok());
        for bad in ["1999-02-29", "1990-13-01", "1990-1-1", "19900101", "1850-01-01", "x"] {
            assert!(check_birthday(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_names_are_bounded() {
        assert_eq!(check_display_name("  Li Wei ").ok().as_deref(), Some("Li Wei"));
        assert!(check_display_name("   ").is_err());
        assert!(check_display_name(&"x".repeat(101)).is_err());
        assert!(check_display_name("a\u{0}b").is_err());
    }
}
