//! Second factors (SECURITY.md S12, S14, S19, S21): an authenticator app (TOTP) and, with it,
//! ten recovery codes. Turning one on, off, or replacing the codes needs a recent sign-in and
//! is an event and a notice to every confirmed contact (S18); turning it off never leaves a
//! password too short to stand alone (S14). Checking a factor ([`FactorCheck`]) is shared by
//! sign-in and by recovery's methods, so both refuse a replayed code the same way.

pub mod codes;
pub mod totp;

use std::sync::Arc;

use regain_courier::Template;

use crate::events::{EventKind, EventOutcome, SecurityEvent};
use crate::notify::Notifier;
use crate::secrets::{CodeKey, SealKey};
use crate::store::{AccountChange, NewRecoveryCode, Store, Undo};
use crate::throttle::{Budget, Throttle};
use crate::{Account, AuthMethod, Clock, Error, Passwords, Random, RequestMeta, Secret, Session};

/// Which factor a code typed into one field is: an authenticator's six digits, or else a
/// recovery code.
fn code_method(code: &Secret<String>) -> AuthMethod {
    if regain_protocol::digits::normalize_code(code.expose()).len() == usize::from(totp::DIGITS) {
        AuthMethod::Totp
    } else {
        AuthMethod::RecoveryCode
    }
}

/// The purpose the authenticators' secrets are sealed for.
pub const SEAL_PURPOSE: &str = "authenticator";

/// What checking a second factor found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorOutcome {
    Passed,
    Wrong,
    /// The right code, already used: an authenticator's step or a recovery code works once.
    Replayed,
}

impl FactorOutcome {
    /// A refusal as the error that says it.
    pub fn into_result(self) -> Result<(), Error> {
        match self {
            Self::Passed => Ok(()),
            Self::Wrong => Err(Error::InvalidCode),
            Self::Replayed => Err(Error::CodeAlreadyUsed),
        }
    }
}

/// Checks an account's second factor. A check that passes uses what it checked (the step, the
/// recovery code) with a conditional write, so that of two racing uses one wins.
#[derive(Clone)]
pub struct FactorCheck {
    store: Arc<dyn Store>,
    seal: SealKey,
    keys: CodeKey,
    passwords: Passwords,
}

impl std::fmt::Debug for FactorCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FactorCheck").finish_non_exhaustive()
    }
}

/// A secret no authenticator holds: what a decoy checks against, so it does the same work.
const NOBODYS_SECRET: &[u8; 20] = b"regain-decoy-secret!";

impl FactorCheck {
    pub fn new(store: Arc<dyn Store>, seal: SealKey, keys: CodeKey, passwords: Passwords) -> Self {
        Self { store, seal, keys, passwords }
    }

    /// A code of the factor `method` names: the authenticator's, or a recovery code.
    pub async fn check(
        &self,
        method: AuthMethod,
        account_id: u64,
        code: &Secret<String>,
        now: i64,
    ) -> Result<FactorOutcome, Error> {
        match method {
            AuthMethod::Totp => self.totp(account_id, code, now).await,
            AuthMethod::RecoveryCode => self.recovery_code(account_id, code, now).await,
            AuthMethod::Password
            | AuthMethod::Email
            | AuthMethod::Sms
            | AuthMethod::SecurityQuestions
            | AuthMethod::RecoveryContacts => {
                Err(Error::InvalidField { field: "method", reason: "not_a_second_factor" })
            }
        }
    }

    /// A code of the account's confirmed authenticator, at `now`.
    pub async fn totp(
        &self,
        account_id: u64,
        code: &Secret<String>,
        now: i64,
    ) -> Result<FactorOutcome, Error> {
        let authenticator = self.store.authenticator(account_id).await?;
        let Some(authenticator) = authenticator.filter(|a| a.confirmed_at.is_some()) else {
            self.decoy_totp(code, now);
            return Ok(FactorOutcome::Wrong);
        };
        let secret = self
            .seal
            .open(&authenticator.sealed_secret, &account_id.to_string())
            .ok_or_else(|| Error::Internal("an authenticator's secret does not open".into()))?;
        let Some(step) = totp::matching_step(secret.expose(), code.expose(), now) else {
            return Ok(FactorOutcome::Wrong);
        };
        Ok(if self.store.use_totp_step(account_id, step).await? {
            FactorOutcome::Passed
        } else {
            FactorOutcome::Replayed
        })
    }

    /// The work of a TOTP check, for a subject that has no authenticator: always wrong.
    pub fn decoy_totp(&self, code: &Secret<String>, now: i64) {
        let _ = totp::matching_step(NOBODYS_SECRET, code.expose(), now);
    }

    /// One of the account's unused recovery codes. One argon2 verification whatever the code.
    pub async fn recovery_code(
        &self,
        account_id: u64,
        typed: &Secret<String>,
        now: i64,
    ) -> Result<FactorOutcome, Error> {
        let Some(code) = codes::normalize(typed.expose()) else {
            self.passwords.verify(typed, None).await?;
            return Ok(FactorOutcome::Wrong);
        };
        let tag = codes::tag(&self.keys, account_id, code.expose());
        let candidates = self.store.recovery_codes_tagged(account_id, &tag).await?;
        if candidates.is_empty() {
            self.passwords.verify(&code, None).await?;
            return Ok(FactorOutcome::Wrong);
        }
        for candidate in candidates {
            if self.passwords.verify(&code, Some(&candidate.hash)).await? {
                return Ok(if self.store.use_recovery_code(candidate.id, now).await? {
                    FactorOutcome::Passed
                } else {
                    FactorOutcome::Replayed
                });
            }
        }
        Ok(FactorOutcome::Wrong)
    }

    /// The work of a recovery code check, for a subject that has none: always wrong.
    pub async fn decoy_recovery_code(&self, typed: &Secret<String>) -> Result<(), Error> {
        self.passwords.verify(typed, None).await.map(drop)
    }
}

/// An authenticator being set up: what the person copies into their app.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The secret as typed by hand: base32 in groups of four.
    pub secret: Secret<String>,
    /// The `otpauth://` URI a QR code shows.
    pub uri: Secret<String>,
}

/// The signed-in changes to an account's second factor. Its fields are what it depends on.
#[derive(Clone)]
pub struct Factors {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    seal: SealKey,
    keys: CodeKey,
    passwords: Passwords,
    notifier: Notifier,
    throttle: Throttle,
    check: FactorCheck,
    /// The shortest password that may stand alone, without a second factor (S14).
    min_length_alone: usize,
    /// Tries at the password and a code to turn the factor off, per account.
    proofs: Budget,
}

impl std::fmt::Debug for Factors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Factors").finish_non_exhaustive()
    }
}

impl Factors {
    /// `proofs` bounds the tries at turning the factor off, per account.
    pub fn new(deps: &crate::Deps, proofs: Budget) -> Self {
        Self {
            store: deps.store.clone(),
            clock: deps.clock.clone(),
            random: deps.random.clone(),
            seal: deps.seal.clone(),
            keys: deps.keys.clone(),
            passwords: deps.passwords.clone(),
            notifier: deps.notifier.clone(),
            throttle: deps.throttle.clone(),
            check: deps.factors.clone(),
            min_length_alone: deps.rules.policy().min_length_single_factor,
            proofs,
        }
    }

    /// Begins setting up an authenticator: a new secret, sealed, which counts for nothing until
    /// its first code confirms it. Beginning again replaces an unconfirmed one.
    pub async fn begin_totp(&self, session: &Session) -> Result<Enrolment, Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let secret = totp::new_secret(self.random.as_ref());
        let owner = session.account_id.to_string();
        let sealed = self.seal.seal(self.random.as_ref(), secret.expose(), &owner);
        if !self.store.begin_authenticator(session.account_id, &sealed, now).await? {
            return Err(Error::SecondFactorExists);
        }
        tracing::info!(account_id = session.account_id, "authenticator set-up begun");
        Ok(Enrolment {
            secret: totp::secret_text(secret.expose())?,
            uri: totp::uri(secret.expose(), session.account_id)?,
        })
    }

    /// Confirms the authenticator being set up with its first code: it becomes the account's
    /// second factor, and ten recovery codes are made, shown this once.
    pub async fn confirm_totp(
        &self,
        session: &Session,
        code: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<Vec<Secret<String>>, Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let account_id = session.account_id;
        let pending = self
            .store
            .authenticator(account_id)
            .await?
            .filter(|a| a.confirmed_at.is_none())
            .ok_or(Error::NothingToConfirm)?;
        let secret = self
            .seal
            .open(&pending.sealed_secret, &account_id.to_string())
            .ok_or_else(|| Error::Internal("an authenticator's secret does not open".into()))?;
        let step =
            totp::matching_step(secret.expose(), code.expose(), now).ok_or(Error::InvalidCode)?;
        let (shown, stored) = self.new_codes(account_id).await?;
        let change = self
            .change(account_id, EventKind::SecondFactorAdded, meta, now, |not_me_link| {
                Template::SecondFactorAdded { not_me_link }
            })
            .await?;
        // "This wasn't me" takes away a factor someone else set up, which recovery would
        // otherwise ask the owner for.
        let change =
            AccountChange { notices: change.notices.undoing(Undo::RemoveSecondFactor), ..change };
        if !self.store.confirm_authenticator(&pending.sealed_secret, step, &stored, &change).await?
        {
            return Err(Error::NothingToConfirm);
        }
        self.notifier.wake();
        tracing::info!(account_id, "authenticator confirmed; recovery codes made");
        Ok(shown)
    }

    /// Turns the second factor off: the authenticator and every recovery code go. Needs the
    /// password and a current code (or a recovery code), and a password long enough to stand
    /// alone, so that turning it off never leaves the account weaker than the policy allows.
    pub async fn remove(
        &self,
        session: &Session,
        password: &Secret<String>,
        code: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let account = self.account(session.account_id, now).await?;
        if !account.second_factor {
            return Err(Error::NothingToConfirm);
        }
        // Without a confirmed contact the factor is the only way back in.
        if account.confirmed_count() == 0 {
            return Err(Error::LastContact);
        }
        let key = format!("factor-removal:account:{}", account.id);
        if let Some(retry_after_secs) = self.throttle.take(&key, self.proofs, now).await? {
            return Err(Error::RateLimited { retry_after_secs });
        }
        let refused = |method: AuthMethod| SecurityEvent {
            account_id: Some(account.id),
            method: Some(method.as_str().to_owned()),
            ..SecurityEvent::from_request(
                EventKind::SecondFactorRemoved,
                EventOutcome::Refused,
                meta,
                now,
            )
        };
        if !self.passwords.verify(password, Some(&account.password_hash)).await? {
            self.store.record_or_log(&refused(AuthMethod::Password)).await;
            return Err(Error::InvalidField { field: "current_password", reason: "invalid" });
        }
        // Before the code is used up: a refusal here leaves the code for the next try.
        if password.expose().chars().count() < self.min_length_alone {
            return Err(Error::LongerPasswordNeeded);
        }
        let method = code_method(code);
        if let Err(error) = self.check.check(method, account.id, code, now).await?.into_result() {
            self.store.record_or_log(&refused(method)).await;
            return Err(error);
        }
        let change = self
            .change(account.id, EventKind::SecondFactorRemoved, meta, now, |not_me_link| {
                Template::SecondFactorRemoved { not_me_link }
            })
            .await?;
        self.store.remove_second_factor(&change).await?;
        self.notifier.wake();
        tracing::info!(account_id = account.id, "second factor turned off");
        Ok(())
    }

    /// A new set of recovery codes; every code of the old set stops working.
    pub async fn regenerate_codes(
        &self,
        session: &Session,
        meta: &RequestMeta,
    ) -> Result<Vec<Secret<String>>, Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let account = self.account(session.account_id, now).await?;
        if !account.second_factor {
            return Err(Error::NothingToConfirm);
        }
        let (shown, stored) = self.new_codes(account.id).await?;
        let change = self
            .change(account.id, EventKind::RecoveryCodesRegenerated, meta, now, |not_me_link| {
                Template::RecoveryCodesRegenerated { not_me_link }
            })
            .await?;
        self.store.replace_recovery_codes(&stored, &change).await?;
        self.notifier.wake();
        tracing::info!(account_id = account.id, "recovery codes replaced");
        Ok(shown)
    }

    async fn account(&self, account_id: u64, now: i64) -> Result<Account, Error> {
        self.store.account(account_id, now).await?.ok_or(Error::Unauthenticated)
    }

    /// Ten codes as shown, and as stored (tag and argon2id hash, off the executor).
    async fn new_codes(
        &self,
        account_id: u64,
    ) -> Result<(Vec<Secret<String>>, Vec<NewRecoveryCode>), Error> {
        let shown = codes::generate(self.random.as_ref());
        let mut stored = Vec::with_capacity(shown.len());
        for code in &shown {
            let normalized = codes::normalize(code.expose())
                .ok_or_else(|| Error::Internal("a new recovery code does not read back".into()))?;
            stored.push(NewRecoveryCode {
                tag: codes::tag(&self.keys, account_id, normalized.expose()),
                hash: self.passwords.hash(&normalized).await?,
            });
        }
        Ok((shown, stored))
    }

    /// A change's event and its notices to every confirmed contact.
    async fn change(
        &self,
        account_id: u64,
        kind: EventKind,
        meta: &RequestMeta,
        now: i64,
        template: impl Fn(Secret<String>) -> Template,
    ) -> Result<AccountChange, Error> {
        let account = self.account(account_id, now).await?;
        Ok(AccountChange {
            account_id,
            now,
            event: SecurityEvent::of_account(account_id, kind, EventOutcome::Ok, meta, now),
            notices: self.notifier.notices(&account, false, now, template),
        })
    }
}
