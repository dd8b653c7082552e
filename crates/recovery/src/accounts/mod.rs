//! Accounts, their contacts and their sessions: sign-up, confirmation of contacts, sign-in
//! (throttled per identifier and per client address, with the second factor as its own short
//! step when the account has one), refresh with rotation, sign-out, proving the password again
//! before a sensitive change, and the signed-in changes (password, security questions) with
//! their notices.

mod checkup;
mod circle;
mod contacts;
mod devices;

use std::sync::Arc;

use regain_courier::{Language, Template};
use regain_protocol::ContactChannel;

pub use checkup::Checkup;
pub use contacts::NewContact;

use crate::captcha::Captcha;
use crate::events::{EventKind, EventOutcome, SecurityEvent};
use crate::factors::FactorCheck;
use crate::notify::Notifier;
use crate::rules::PasswordRules;
use crate::secrets::{public_id, token, CodeKey};
use crate::store::{
    NewAccountRecord, NewSession, PasswordChange, PendingSignIn, RotatedTokens, Rotation, Store,
};
use crate::throttle::{Budget, Throttle};
use crate::{
    Account, AccountId, AuthMethod, Clock, Deps, Device, Error, Grant, Identifier, NewAccountInput,
    Passwords, Random, RequestMeta, Secret, Session, StoreError, TokenHash, ACCOUNT_ID_MAX,
    ACCOUNT_ID_MIN, RECENT_SIGN_IN_SECS,
};

/// The numbers of accounts and sessions; each is a setting of the server.
#[derive(Debug, Clone)]
pub struct AccountsSettings {
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
    pub code_ttl_secs: i64,
    pub code_max_attempts: u32,
    pub resend_after_secs: i64,
    /// Sign-in attempts per identifier (email, phone or account ID, whether or not it names an
    /// account), in its normal form; a successful sign-in clears them.
    pub sign_ins_per_identifier: Budget,
    /// Sign-in attempts per client address.
    pub sign_ins_per_ip: Budget,
    /// Sign-ups per client address.
    pub sign_ups_per_ip: Budget,
    /// How long an unconfirmed contact stays claimed before it lapses.
    pub unconfirmed_contact_ttl_secs: i64,
    /// How long a sign-in waits for its second factor once the password was right.
    pub second_factor_ttl_secs: i64,
    /// Tries at the second factor per sign-in.
    pub second_factor_attempts: u32,
    /// Tries per account at a proof from a signed-in session or a pending sign-in: the
    /// second step of sign-in, confirming the password, unlocking a lost device, turning the
    /// second factor off. A sliding window: a mistyping owner waits minutes, never longer.
    pub proofs_per_account: Budget,
    /// The same tries a day, so that a guesser who knows the password gets a few dozen tries
    /// at an authenticator's six digits a day, not a thousand.
    pub proofs_per_account_daily: Budget,
    /// Consecutive failed sign-ins an account takes, across every window and identifier,
    /// before even its right password is refused until a recovery sets a new one (NIST SP
    /// 800-63B-4 §3.2.2: at most 100).
    pub max_failed_sign_ins: u32,
    /// Recovery contact invitations an owner may send.
    pub circle_invites_per_owner: Budget,
    /// How long an invitation to be a recovery contact waits for its answer.
    pub circle_invitation_ttl_secs: i64,
}

impl Default for AccountsSettings {
    fn default() -> Self {
        Self {
            access_ttl_secs: 15 * 60,
            refresh_ttl_secs: 30 * 24 * 3600,
            code_ttl_secs: 10 * 60,
            code_max_attempts: 5,
            resend_after_secs: 60,
            // A person mistyping gets ten tries a quarter of an hour. The windows slide, so a
            // patient guesser would get 960 tries a day per identifier: the account's own cap of
            // consecutive failures (`max_failed_sign_ins`) stops that.
            sign_ins_per_identifier: Budget { limit: 10, window_secs: 15 * 60 },
            sign_ins_per_ip: Budget { limit: 100, window_secs: 3600 },
            sign_ups_per_ip: Budget { limit: 10, window_secs: 3600 },
            unconfirmed_contact_ttl_secs: 24 * 3600,
            second_factor_ttl_secs: 5 * 60,
            second_factor_attempts: 5,
            proofs_per_account: Budget { limit: 10, window_secs: 15 * 60 },
            proofs_per_account_daily: Budget { limit: 30, window_secs: 24 * 3600 },
            max_failed_sign_ins: 100,
            circle_invites_per_owner: Budget { limit: 10, window_secs: 24 * 3600 },
            circle_invitation_ttl_secs: 7 * 24 * 3600,
        }
    }
}

/// The account service: every rule about accounts, contacts and sessions. Its fields are what
/// it depends on.
#[derive(Clone)]
pub struct Accounts {
    store: Arc<dyn Store>,
    passwords: Passwords,
    rules: PasswordRules,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    keys: CodeKey,
    notifier: Notifier,
    throttle: Throttle,
    captcha: Captcha,
    factors: FactorCheck,
    settings: AccountsSettings,
}

/// What a right password leads to.
#[derive(Debug)]
pub enum SignIn {
    /// A session: the account has no second factor.
    Granted(Grant),
    /// The second factor is asked next, with this token (see [`Accounts::complete_sign_in`]).
    SecondFactor(SecondFactorStep),
}

/// A sign-in waiting for its second factor.
#[derive(Debug)]
pub struct SecondFactorStep {
    pub token: Secret<String>,
    pub expires_at: i64,
    /// What the account can prove it with.
    pub methods: Vec<AuthMethod>,
}

impl std::fmt::Debug for Accounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Accounts").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Accounts {
    pub fn new(deps: &Deps, settings: AccountsSettings) -> Self {
        Self {
            store: deps.store.clone(),
            passwords: deps.passwords.clone(),
            rules: deps.rules.clone(),
            clock: deps.clock.clone(),
            random: deps.random.clone(),
            keys: deps.keys.clone(),
            notifier: deps.notifier.clone(),
            throttle: deps.throttle.clone(),
            captcha: deps.captcha.clone(),
            factors: deps.factors.clone(),
            settings,
        }
    }

    /// The password policy every new password is held to.
    pub fn password_policy(&self) -> &regain_policy::Settings {
        self.rules.policy()
    }

    /// A new "I'm not a robot" challenge.
    pub fn captcha_challenge(&self) -> Result<serde_json::Value, Error> {
        self.captcha.challenge()
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
        self.captcha.redeem(captcha).await?;
        let now = self.clock.now();
        if let Some(ip) = &meta.ip {
            self.throttle
                .hold(&format!("signup:ip:{ip}"), self.settings.sign_ups_per_ip, now)
                .await?;
        }
        self.create(input, false).await
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
        let context = PasswordRules::context(
            id,
            &display_name,
            input.email.as_ref(),
            input.phone.as_ref(),
            birthday.as_deref(),
        );
        let verdict = self.rules.check("password", &input.password, context, &[]).await?;
        let password_strength = self.rules.strength(&verdict);
        if !confirmed {
            // Before the hash, so that a spent budget costs nothing.
            let now = self.clock.now();
            if let Some(email) = &input.email {
                self.throttle.take_send(email.expose(), None, now).await?;
            }
            if let Some(phone) = &input.phone {
                self.throttle.take_send(phone.expose(), Some(phone.country_code()), now).await?;
            }
        }
        let language = crate::language_tag(input.locale.as_deref())?;
        let password_hash = self.passwords.hash(&input.password).await?;
        let locale = Language::negotiate(&language);

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
                password_strength,
                locale: language.clone(),
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
                    self.notifier.wake();
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

    pub async fn account(&self, id: AccountId) -> Result<Account, Error> {
        self.store.account(id, self.clock.now()).await?.ok_or(Error::Unauthenticated)
    }

    /// Signs in with an identifier and a password. An unknown account, an unparseable
    /// identifier and a wrong password all take one argon2 verification and answer the same.
    pub async fn sign_in(
        &self,
        identifier: &str,
        region: Option<&str>,
        password: &Secret<String>,
        device: &Device,
        meta: &RequestMeta,
    ) -> Result<SignIn, Error> {
        let now = self.clock.now();
        let parsed = Identifier::parse(identifier, region);
        // Throttled before any hash, and alike for identifiers that name no account, so neither
        // the answer nor its time tells whether one exists. Every spelling of one identifier
        // shares its buckets; digits that may be a phone number or an account ID count against
        // both.
        let subject_keys: Vec<String> = sign_in_subjects(parsed.as_ref().ok(), identifier)
            .iter()
            .map(|subject| format!("signin:subject:{}", self.keys.mac("sign-in", "", subject)))
            .collect();
        let mut throttled = None;
        if let Some(ip) = &meta.ip {
            let key = format!("signin:ip:{ip}");
            throttled = self.throttle.take(&key, self.settings.sign_ins_per_ip, now).await?;
        }
        for key in &subject_keys {
            if throttled.is_some() {
                break;
            }
            throttled = self.throttle.take(key, self.settings.sign_ins_per_identifier, now).await?;
        }
        let account = match &parsed {
            Ok(identifier) => self.find(identifier).await?,
            Err(_) => None,
        };
        let account_id = account.as_ref().map(|a| a.id);
        if let Some(retry_after_secs) = throttled {
            self.sign_in_event(account_id, EventOutcome::Throttled, meta, now).await;
            tracing::info!("sign-in throttled");
            return Err(Error::RateLimited { retry_after_secs });
        }
        let matched = self
            .passwords
            .verify(password, account.as_ref().map(|a| a.password_hash.as_str()))
            .await?;
        // Past the cap, even the right password is refused, in the same words (the owner's way
        // back is the ordinary recovery, which the message names); the answer and its work stay
        // those of a wrong password, so the cap tells no stranger that the account exists.
        let capped = account
            .as_ref()
            .is_some_and(|a| a.failed_sign_ins >= self.settings.max_failed_sign_ins);
        match account {
            Some(account) if matched && capped => {
                self.sign_in_event(account_id, EventOutcome::Locked, meta, now).await;
                tracing::warn!(
                    account_id = account.id,
                    "sign-in refused: too many consecutive failures; recovery needed"
                );
                Err(Error::InvalidCredentials)
            }
            Some(account) if matched => {
                self.throttle.forget(&subject_keys).await?;
                if account.failed_sign_ins > 0 {
                    self.store.clear_failed_sign_ins(account.id).await?;
                }
                // The current password proves the owner is here: an assisted recovery of the
                // account waiting out its period (or its pass not yet used) stops (S22).
                if self.store.cancel_assisted_for_account(account.id, now).await? > 0 {
                    let event = SecurityEvent::of_account(
                        account.id,
                        EventKind::AssistedRecoveryCancelled,
                        EventOutcome::Ok,
                        meta,
                        now,
                    );
                    self.store.record_or_log(&event).await;
                    tracing::warn!(
                        account_id = account.id,
                        "sign-in with the current password cancelled an assisted recovery"
                    );
                }
                if account.second_factor {
                    let step = self.second_factor_step(&account, device, now).await?;
                    self.sign_in_event(account_id, EventOutcome::SecondFactorAsked, meta, now)
                        .await;
                    tracing::info!(account_id = account.id, "password right; second factor asked");
                    return Ok(SignIn::SecondFactor(step));
                }
                let grant = self.start_session(account.id, device, meta).await?;
                self.sign_in_event(account_id, EventOutcome::Ok, meta, now).await;
                tracing::info!(account_id = account.id, session_id = %grant.session_id, "signed in");
                Ok(SignIn::Granted(grant))
            }
            _ => {
                // Counted against the account whatever identifier named it; an identifier that
                // names none makes the same statement, which matches no row (no account has ID
                // 0), so both answers do the same work.
                self.store.count_failed_sign_in(account_id.unwrap_or(0)).await?;
                self.sign_in_event(account_id, EventOutcome::Refused, meta, now).await;
                tracing::info!("sign-in refused");
                Err(Error::InvalidCredentials)
            }
        }
    }

    /// The pending sign-in of an account whose password was right and which has a second factor.
    async fn second_factor_step(
        &self,
        account: &Account,
        device: &Device,
        now: i64,
    ) -> Result<SecondFactorStep, Error> {
        let token = token(self.random.as_ref(), "rgf");
        let pending = PendingSignIn {
            token_hash: TokenHash::of(&token),
            account_id: account.id,
            created_at: now,
            expires_at: now + self.settings.second_factor_ttl_secs,
            attempts: 0,
            device: device.clone(),
        };
        self.store.insert_pending_sign_in(&pending).await?;
        Ok(SecondFactorStep {
            token,
            expires_at: pending.expires_at,
            methods: vec![AuthMethod::Totp, AuthMethod::RecoveryCode],
        })
    }

    /// The second step of a sign-in: a code of the authenticator app, or a recovery code. The
    /// try is counted before anything is compared, against the sign-in and the account; a
    /// right code is used up, and the session records both factors.
    pub async fn complete_sign_in(
        &self,
        token: &Secret<String>,
        method: AuthMethod,
        code: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<Grant, Error> {
        let now = self.clock.now();
        let token_hash = TokenHash::of(token);
        let pending = self
            .store
            .count_sign_in_attempt(&token_hash, now)
            .await?
            .ok_or(Error::SignInExpired)?;
        if pending.attempts > self.settings.second_factor_attempts {
            return Err(Error::SignInExpired);
        }
        let account_id = pending.account_id;
        let keys = self.proof_keys("second-factor", account_id);
        if let Some(retry_after_secs) = self.take_proof(&keys, now).await? {
            self.factor_event(account_id, method, EventOutcome::Throttled, meta, now).await;
            return Err(Error::RateLimited { retry_after_secs });
        }
        let outcome = self.factors.check(method, account_id, code, now).await?;
        if let Err(error) = outcome.into_result() {
            self.factor_event(account_id, method, EventOutcome::Refused, meta, now).await;
            tracing::info!(account_id, attempts = pending.attempts, "second factor refused");
            return Err(error);
        }
        let (session, grant) =
            self.new_session(account_id, meta, vec![AuthMethod::Password, method], &pending.device);
        if !self.store.finish_sign_in(&token_hash, &session).await? {
            return Err(Error::SignInExpired);
        }
        self.throttle.forget(&keys).await?;
        self.factor_event(account_id, method, EventOutcome::Ok, meta, now).await;
        tracing::info!(account_id, session_id = %grant.session_id, "signed in with a second factor");
        Ok(grant)
    }

    /// The throttle keys of an account's proofs of one kind: the sliding window and the day.
    fn proof_keys(&self, kind: &str, account_id: u64) -> [String; 2] {
        [format!("{kind}:account:{account_id}"), format!("{kind}:account-day:{account_id}")]
    }

    /// Counts one try against both of an account's proof budgets; when either is spent, counts
    /// nothing more and says how long to wait.
    async fn take_proof(&self, keys: &[String; 2], now: i64) -> Result<Option<u64>, Error> {
        let [window, day] = keys;
        if let Some(wait) =
            self.throttle.take(window, self.settings.proofs_per_account, now).await?
        {
            return Ok(Some(wait));
        }
        self.throttle.take(day, self.settings.proofs_per_account_daily, now).await
    }

    async fn factor_event(
        &self,
        account_id: u64,
        method: AuthMethod,
        outcome: EventOutcome,
        meta: &RequestMeta,
        at: i64,
    ) {
        let event = SecurityEvent {
            account_id: Some(account_id),
            method: Some(method.as_str().to_owned()),
            ..SecurityEvent::from_request(EventKind::SignIn, outcome, meta, at)
        };
        self.record(&event).await;
    }

    /// Proves the password again from a signed-in session, for the changes that need a recent
    /// sign-in (S19): "confirm your password" rather than signing out and in. Wrong passwords
    /// count against the account's budget.
    pub async fn reauthenticate(
        &self,
        session: &Session,
        password: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        let account = self.account(session.account_id).await?;
        let keys = self.proof_keys("reauthenticate", account.id);
        if let Some(retry_after_secs) = self.take_proof(&keys, now).await? {
            return Err(Error::RateLimited { retry_after_secs });
        }
        if !self.passwords.verify(password, Some(&account.password_hash)).await? {
            let event = SecurityEvent {
                account_id: Some(account.id),
                method: Some(AuthMethod::Password.as_str().to_owned()),
                ..SecurityEvent::from_request(
                    EventKind::Reauthenticated,
                    EventOutcome::Refused,
                    meta,
                    now,
                )
            };
            self.record(&event).await;
            return Err(Error::InvalidField { field: "password", reason: "invalid" });
        }
        self.store.mark_authenticated(&session.id, now).await?;
        self.throttle.forget(&keys).await?;
        let event = SecurityEvent {
            account_id: Some(account.id),
            method: Some(AuthMethod::Password.as_str().to_owned()),
            ..SecurityEvent::from_request(EventKind::Reauthenticated, EventOutcome::Ok, meta, now)
        };
        self.record(&event).await;
        Ok(())
    }

    /// A sign-in's security event. An identifier that names no account gets one too (with no
    /// account), so that both cost the same.
    async fn sign_in_event(
        &self,
        account_id: Option<u64>,
        outcome: EventOutcome,
        meta: &RequestMeta,
        at: i64,
    ) {
        let event = SecurityEvent {
            account_id,
            method: Some("password".to_owned()),
            ..SecurityEvent::from_request(EventKind::SignIn, outcome, meta, at)
        };
        self.record(&event).await;
    }

    /// Writes a security event; failing to is logged, never the failure of what it records.
    async fn record(&self, event: &SecurityEvent) {
        self.store.record_or_log(event).await;
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

    /// Starts a session for an account whose owner just proved who they are with the password
    /// (at sign-up, or at sign-in when the account has no second factor).
    pub async fn start_session(
        &self,
        account_id: AccountId,
        device: &Device,
        meta: &RequestMeta,
    ) -> Result<Grant, Error> {
        let (session, grant) =
            self.new_session(account_id, meta, vec![AuthMethod::Password], device);
        self.store.insert_session(&session).await?;
        Ok(grant)
    }

    /// A new session's record and the credentials handed out for it.
    fn new_session(
        &self,
        account_id: AccountId,
        meta: &RequestMeta,
        factors: Vec<AuthMethod>,
        device: &Device,
    ) -> (NewSession, Grant) {
        let now = self.clock.now();
        let (access, refresh, kept) = self.fresh_tokens(now);
        let session = NewSession {
            id: public_id(self.random.as_ref(), "ses"),
            account_id,
            access_hash: kept.access_hash,
            access_expires_at: kept.access_expires_at,
            refresh_hash: kept.refresh_hash,
            refresh_expires_at: now + self.settings.refresh_ttl_secs,
            created_at: now,
            ip: meta.ip.clone(),
            user_agent: meta.kept_user_agent(),
            factors,
            device: device.clone(),
        };
        let grant = Grant {
            session_id: session.id.clone(),
            account_id,
            access_token: access,
            access_expires_at: session.access_expires_at,
            refresh_token: refresh,
            refresh_expires_at: session.refresh_expires_at,
        };
        (session, grant)
    }

    /// A new access and refresh token, and what the store keeps of them.
    fn fresh_tokens(&self, now: i64) -> (Secret<String>, Secret<String>, RotatedTokens) {
        let access = token(self.random.as_ref(), "rga");
        let refresh = token(self.random.as_ref(), "rgr");
        let kept = RotatedTokens {
            access_hash: TokenHash::of(&access),
            access_expires_at: now + self.settings.access_ttl_secs,
            refresh_hash: TokenHash::of(&refresh),
        };
        (access, refresh, kept)
    }

    /// The live session an access token belongs to. A device marked lost is refused until it
    /// is unlocked, whatever it asks.
    pub async fn authenticate(&self, access_token: &Secret<String>) -> Result<Session, Error> {
        let session = self
            .store
            .session_by_access(&TokenHash::of(access_token), self.clock.now())
            .await?
            .ok_or(Error::Unauthenticated)?;
        if session.locked_at.is_some() {
            return Err(Error::DeviceLocked);
        }
        Ok(session)
    }

    /// Trades a refresh token for a new pair. A token that was already traded revokes its
    /// session: only a thief or a replay presents one twice.
    pub async fn refresh(&self, refresh_token: &Secret<String>) -> Result<Grant, Error> {
        let now = self.clock.now();
        let (access, refresh, next) = self.fresh_tokens(now);
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
            Rotation::Locked => Err(Error::DeviceLocked),
            Rotation::Unknown => Err(Error::InvalidRefreshToken),
        }
    }

    pub async fn sign_out(&self, session: &Session) -> Result<(), Error> {
        self.store.revoke_session(&session.id, self.clock.now()).await?;
        tracing::info!(account_id = session.account_id, session_id = %session.id, "signed out");
        Ok(())
    }

    /// The language the account's messages are in, as its owner chose it in the app (a BCP 47
    /// tag, kept whole): a preference, not a change to how the account is protected, so it
    /// needs no recent sign-in and sends no notice.
    pub async fn set_language(&self, session: &Session, tag: &str) -> Result<String, Error> {
        if tag.trim().is_empty() {
            return Err(Error::InvalidField { field: "locale", reason: "invalid" });
        }
        let language = crate::language_tag(Some(tag))?;
        self.store.set_locale(session.account_id, &language, self.clock.now()).await?;
        Ok(language)
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
        if !self.passwords.verify(current, Some(&account.password_hash)).await? {
            return Err(Error::InvalidField { field: "current_password", reason: "invalid" });
        }
        let (keep, password_strength) = self.rules.check_new(&account, "new_password", new).await?;
        let now = self.clock.now();
        let change = PasswordChange {
            account_id: account.id,
            password_hash: self.passwords.hash(new).await?,
            password_strength,
            keep,
            keep_session: Some(session.id.clone()),
            now,
            event: SecurityEvent {
                account_id: Some(account.id),
                method: Some("password".to_owned()),
                ..SecurityEvent::from_request(
                    EventKind::PasswordChanged,
                    EventOutcome::Ok,
                    meta,
                    now,
                )
            },
            notices: self.notifier.notices(&account, false, now, |not_me_link| {
                Template::PasswordChanged { not_me_link }
            }),
        };
        self.store.change_password(&change).await?;
        self.notifier.wake();
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
            let answer = crate::recovery::normalize_answer(answer.expose());
            if answer.chars().count() < 3 {
                return Err(Error::InvalidField { field: "questions", reason: "answer_too_short" });
            }
            stored.push((question, self.passwords.hash(&Secret::new(answer)).await?));
        }
        let event = SecurityEvent::of_account(
            session.account_id,
            EventKind::SecurityQuestionsChanged,
            EventOutcome::Ok,
            meta,
            now,
        );
        let account = self.account(session.account_id).await?;
        let notices = self.notifier.notices(&account, false, now, |not_me_link| {
            Template::SecurityQuestionsChanged { not_me_link }
        });
        self.store.set_questions(session.account_id, &stored, &event, &notices).await?;
        self.notifier.wake();
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
        for good in ["1990-02-28", "2000-02-29"] {
            assert_eq!(check_birthday(good).expect("a real date"), good);
        }
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
