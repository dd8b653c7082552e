//! The account's second factor as a recovery gate (SECURITY.md S12): a code of its
//! authenticator app, or one of its recovery codes. Only ever the gate after the first, and
//! only for an account that has a second factor; then it is the only kind of second gate, so
//! that no recovery ends with less than the account's own protection. A decoy whose donor has
//! one offers both and does the same work, always wrong.
//!
//! Past the account's budget of failed proofs an authenticator's six digits stop counting, as
//! every short code does (the service's doc); a recovery code's twenty still count.

use async_trait::async_trait;
use regain_protocol::DeliveryState;
use serde::{Deserialize, Serialize};

use super::{decode, encode, Begun, Challenge, Checked, Cx, Gate, Method, Offer, Proof, Subject};
use crate::factors::FactorOutcome;
use crate::model::flow::{MethodKind, Prompt};
use crate::store::StateWrite;
use crate::{Error, Secret};

/// A second factor's code, by authenticator app or by recovery code.
#[derive(Debug, Clone, Copy)]
pub struct FactorCode {
    factor: Factor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Factor {
    Authenticator,
    RecoveryCode,
}

impl FactorCode {
    pub const AUTHENTICATOR: Self = Self { factor: Factor::Authenticator };
    pub const RECOVERY_CODE: Self = Self { factor: Factor::RecoveryCode };

    fn destination(self) -> &'static str {
        match self.factor {
            Factor::Authenticator => "authenticator app",
            Factor::RecoveryCode => "recovery code",
        }
    }

    fn key(self) -> &'static str {
        match self.factor {
            Factor::Authenticator => "totp",
            Factor::RecoveryCode => "recovery_code",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct FactorState {
    /// Codes checked in this flow, counted before comparing.
    attempts: u32,
}

#[async_trait]
impl Method for FactorCode {
    fn kind(&self) -> MethodKind {
        match self.factor {
            Factor::Authenticator => MethodKind::TOTP,
            Factor::RecoveryCode => MethodKind::RECOVERY_CODE,
        }
    }

    fn prompt(&self) -> Prompt {
        Prompt::Code
    }

    fn accepts(&self, proof: &Proof) -> bool {
        matches!(proof, Proof::Code(_))
    }

    fn fits(&self, gate: &Gate) -> bool {
        !gate.first && gate.second_factor
    }

    fn offer(&self, subject: &Subject) -> Option<Offer> {
        subject.second_factor().then(|| Offer {
            kind: self.kind(),
            destination: self.destination().to_owned(),
            full: None,
        })
    }

    async fn begin(&self, cx: &Cx<'_>, _: &Offer) -> Result<Begun, Error> {
        let stored = cx.state(self.key()).await?;
        let state: FactorState = stored.as_ref().map(decode).transpose()?.unwrap_or_default();
        let state = StateWrite {
            key: self.key().to_owned(),
            expected_version: stored.map(|s| s.version),
            data: encode(&state)?,
        };
        Ok(Begun::new(state, None))
    }

    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
        let Proof::Code(code) = proof else { return Err(Error::FlowState) };
        let (state, version) =
            cx.count_attempt::<FactorState>(self.key(), |s| &mut s.attempts).await?;
        if state.attempts > cx.tools.settings.max_code_attempts {
            return Err(Error::FlowLocked);
        }
        let outcome = match cx.subject {
            Subject::Account(account) => self.check(cx, account.id, code).await?,
            Subject::Decoy(_) => {
                match self.factor {
                    Factor::Authenticator => cx.tools.factors.decoy_totp(code, cx.now),
                    Factor::RecoveryCode => cx.tools.factors.decoy_recovery_code(code).await?,
                }
                FactorOutcome::Wrong
            }
        };
        match outcome {
            FactorOutcome::Passed => Ok(Checked::Right(StateWrite {
                key: self.key().to_owned(),
                expected_version: Some(version),
                data: encode(&state)?,
            })),
            FactorOutcome::Wrong => Ok(Checked::Wrong(Error::InvalidCode)),
            FactorOutcome::Replayed => Ok(Checked::Wrong(Error::CodeAlreadyUsed)),
        }
    }

    async fn challenge(&self, cx: &Cx<'_>, _: Option<&Offer>) -> Result<Challenge, Error> {
        let state: FactorState =
            cx.state(self.key()).await?.as_ref().map(decode).transpose()?.unwrap_or_default();
        let max = cx.tools.settings.max_code_attempts;
        Ok(Challenge {
            kind: self.kind(),
            destination: self.destination().to_owned(),
            delivery: DeliveryState::NotApplicable,
            code_expires_at: None,
            resend_at: None,
            sends_left: 0,
            attempts_left: max.saturating_sub(state.attempts),
            questions: Vec::new(),
            exhausted: state.attempts >= max,
            vouching: None,
        })
    }
}

impl FactorCode {
    async fn check(
        &self,
        cx: &Cx<'_>,
        account_id: u64,
        code: &Secret<String>,
    ) -> Result<FactorOutcome, Error> {
        match self.factor {
            Factor::Authenticator if cx.hardened => {
                cx.tools.factors.decoy_totp(code, cx.now);
                Ok(FactorOutcome::Wrong)
            }
            Factor::Authenticator => cx.tools.factors.totp(account_id, code, cx.now).await,
            Factor::RecoveryCode => cx.tools.factors.recovery_code(account_id, code, cx.now).await,
        }
    }
}
