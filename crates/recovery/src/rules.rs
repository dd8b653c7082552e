//! The one place the password policy (`regain-policy`) meets an account: its own words, its
//! last passwords, and the breach check when one is configured. Sign-up, a change and a reset
//! all ask here, so none of them can apply another rule.

use std::sync::Arc;

use async_trait::async_trait;
use regain_policy::{BreachStatus, Context, Reason, Settings as PolicySettings, Verdict};

use crate::store::AccountStore;
use crate::{Account, AccountId, Email, Error, PasswordStrength, Passwords, Phone, Secret};

/// A check of a password against a breach corpus (the server's is a Have-I-Been-Pwned-style
/// range API). Injected so the domain needs no HTTP client; a failure is
/// [`BreachStatus::Unavailable`], never an error.
#[async_trait]
pub trait BreachCheck: Send + Sync + std::fmt::Debug {
    async fn check(&self, password: &Secret<String>) -> BreachStatus;
}

/// The password policy with what it needs to judge a password for an account.
#[derive(Clone)]
pub struct PasswordRules {
    policy: Arc<PolicySettings>,
    passwords: Passwords,
    history: Arc<dyn AccountStore>,
    breach: Option<Arc<dyn BreachCheck>>,
}

impl std::fmt::Debug for PasswordRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordRules").field("policy", &self.policy).finish_non_exhaustive()
    }
}

impl PasswordRules {
    pub fn new(
        policy: PolicySettings,
        passwords: Passwords,
        history: Arc<dyn AccountStore>,
    ) -> Self {
        Self { policy: Arc::new(policy), passwords, history, breach: None }
    }

    /// Checks new passwords against a breach corpus too.
    pub fn with_breach_check(mut self, breach: Arc<dyn BreachCheck>) -> Self {
        self.breach = Some(breach);
        self
    }

    pub fn policy(&self) -> &PolicySettings {
        &self.policy
    }

    /// The shortest password the account may have (S14).
    pub fn min_length(&self, account: &Account) -> usize {
        if account.second_factor {
            self.policy.min_length_with_second_factor
        } else {
            self.policy.min_length_single_factor
        }
    }

    /// How many hashes the history keeps.
    pub fn history_len(&self) -> u32 {
        u32::try_from(self.policy.history).unwrap_or(u32::MAX)
    }

    /// The policy for `password` in `context`, refusing the `history` too. The breach check
    /// runs first when configured; the reuse check (an argon2 verification per remembered
    /// hash) only when nothing cheaper already refused the password.
    pub async fn check(
        &self,
        field: &'static str,
        password: &Secret<String>,
        context: Context,
        history: &[String],
    ) -> Result<Verdict, Error> {
        let breach = match &self.breach {
            Some(checker) => checker.check(password).await,
            None => BreachStatus::NotChecked,
        };
        let context = context.breach(breach);
        let mut verdict = regain_policy::evaluate(password.expose(), &context, &self.policy);
        if verdict.acceptable {
            for hash in history {
                if self.passwords.verify(password, Some(hash)).await? {
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

    /// The class a verdict gives a password, as the checkup keeps it.
    pub fn strength(&self, verdict: &Verdict) -> PasswordStrength {
        PasswordStrength {
            score: verdict.score,
            long_enough_alone: verdict.length >= self.policy.min_length_single_factor,
        }
    }

    /// The policy for a new password of an existing account (a change or a reset), with its
    /// own words, its last passwords, and the minimum length its factors allow (S14: 8 with a
    /// second factor, 15 without). Returns how many hashes the history keeps, and the class
    /// to keep for the checkup.
    pub async fn check_new(
        &self,
        account: &Account,
        field: &'static str,
        password: &Secret<String>,
    ) -> Result<(u32, PasswordStrength), Error> {
        let keep = self.history_len();
        let history = self.history.password_history(account.id, keep).await?;
        let context = Self::context(
            account.id,
            &account.display_name,
            account.email.as_ref().map(|c| &c.value),
            account.phone.as_ref().map(|c| &c.value),
            account.birthday.as_deref(),
        )
        .with_second_factor(account.second_factor);
        let verdict = self.check(field, password, context, &history).await?;
        Ok((keep, self.strength(&verdict)))
    }

    /// An account's own words, for the policy.
    pub fn context(
        id: AccountId,
        name: &str,
        email: Option<&Email>,
        phone: Option<&Phone>,
        birthday: Option<&str>,
    ) -> Context {
        let mut context = Context::new().name(name).account_id(id);
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
}
