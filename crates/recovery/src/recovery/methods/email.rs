//! A code by email, with a link that opens the flow in the app or the browser.

use async_trait::async_trait;

use super::code::{self, Channel};
use super::{Begun, Challenge, Checked, Cx, Gate, Method, Offer, Proof, Subject};
use crate::model::flow::{MethodKind, Prompt};
use crate::Error;

/// A code to the account's confirmed email, which a link in the same message can stand for.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmailCode;

#[async_trait]
impl Method for EmailCode {
    fn kind(&self) -> MethodKind {
        MethodKind::EMAIL
    }

    fn prompt(&self) -> Prompt {
        Prompt::Code
    }

    fn accepts(&self, proof: &Proof) -> bool {
        matches!(proof, Proof::Code(_) | Proof::Link(_))
    }

    fn fits(&self, gate: &Gate) -> bool {
        gate.first
    }

    fn offer(&self, subject: &Subject) -> Option<Offer> {
        let (destination, full) = match subject {
            Subject::Account(account) => {
                let email = account.email.as_ref().filter(|c| c.confirmed)?;
                (email.value.masked(), Some(email.value.expose().to_owned()))
            }
            Subject::Decoy(profile) => (profile.email.clone()?, None),
        };
        Some(Offer { kind: self.kind(), destination, full })
    }

    async fn begin(&self, cx: &Cx<'_>, offer: &Offer) -> Result<Begun, Error> {
        code::begin(cx, offer, Channel::Email).await
    }

    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
        code::verify(cx, proof).await
    }

    async fn challenge(&self, cx: &Cx<'_>, offer: Option<&Offer>) -> Result<Challenge, Error> {
        code::challenge(cx, offer, self.kind()).await
    }
}
