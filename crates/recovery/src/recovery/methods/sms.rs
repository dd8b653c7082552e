//! A code by SMS, to a confirmed phone number only (SECURITY.md S20).

use async_trait::async_trait;

use super::code::{self, Channel};
use super::{Begun, Challenge, Checked, Cx, Gate, Method, Offer, Proof, Subject};
use crate::model::flow::{MethodKind, Prompt};
use crate::Error;

/// A code to the account's confirmed phone number.
#[derive(Debug, Clone, Copy, Default)]
pub struct SmsCode;

#[async_trait]
impl Method for SmsCode {
    fn kind(&self) -> MethodKind {
        MethodKind::SMS
    }

    fn prompt(&self) -> Prompt {
        Prompt::Code
    }

    fn accepts(&self, proof: &Proof) -> bool {
        matches!(proof, Proof::Code(_))
    }

    fn fits(&self, gate: &Gate) -> bool {
        gate.first
    }

    fn offer(&self, subject: &Subject) -> Option<Offer> {
        let (destination, full) = match subject {
            Subject::Account(account) => {
                let phone = account.phone.as_ref().filter(|c| c.confirmed)?;
                (phone.value.masked(), Some(phone.value.expose().to_owned()))
            }
            Subject::Decoy(profile) => (profile.phone.clone()?, None),
        };
        Some(Offer { kind: self.kind(), destination, full })
    }

    async fn begin(&self, cx: &Cx<'_>, offer: &Offer) -> Result<Begun, Error> {
        code::begin(cx, offer, Channel::Sms).await
    }

    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
        code::verify(cx, proof).await
    }

    async fn challenge(&self, cx: &Cx<'_>, offer: Option<&Offer>) -> Result<Challenge, Error> {
        code::challenge(cx, offer, self.kind()).await
    }
}
