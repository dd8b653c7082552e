//! Recovery contacts vouch (SECURITY.md S29): "ask my recovery contacts" asks every contact
//! the account's owner chose, in their own app and by their confirmed channels, and shows the
//! person in recovery a six-digit code to read to each of them by phone or in person. A contact
//! vouches only from their own signed-in app, with that code: the vouch is bound to this flow
//! and its code (`crate::recovery::vouching`). When as many as the owner chose have vouched,
//! the person's app proves it with the same code, and the gate passes: one gate, never more,
//! and it never hands out a reset token by itself: the flow waits first (the recovery service).
//!
//! The code passes nothing alone: it is how a contact knows the request they answer is the one
//! their friend is looking at. No contact ever sees a code that resets anything.
//!
//! A decoy offers recovery contacts as its donor has them, asks nobody (its messages are queued
//! and never delivered, as a decoy's codes are) and never gathers a vouch.

use async_trait::async_trait;
use regain_courier::{Language, Template};
use regain_protocol::digits::normalize_code;
use regain_protocol::{DeliveryState, EventKind, VouchingProgress};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::{decode, encode, Begun, Challenge, Checked, Cx, Gate, Method, Offer, Proof, Subject};
use crate::model::flow::{MethodKind, Prompt};
use crate::secrets::{public_id, token, CodeKey};
use crate::store::{CircleState, QueuedMessage, StateWrite, Store, VouchAsk};
use crate::Error;

/// The key vouching's state is kept under.
const KEY: &str = "vouch";
const CODE_PURPOSE: &str = "vouch-code";
/// Codes a contact may try on one ask before it stops taking them.
pub use regain_protocol::VOUCH_CODE_ATTEMPTS as ASK_ATTEMPTS;

/// Vouching's state in a flow: the salt its code is drawn from (never the code), and its asks.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct VouchState {
    salt: String,
    asked_at: Option<i64>,
    asks: u32,
}

/// The code a flow's contacts are read, from its salt: six digits of a MAC under the server's
/// key, bound to the flow, so no two flows share one and nothing stored reveals it.
pub fn code_of(keys: &CodeKey, flow_id: &str, salt: &str) -> String {
    let mac = keys.mac(CODE_PURPOSE, flow_id, salt);
    let value = mac.get(..15).and_then(|hex| u64::from_str_radix(hex, 16).ok()).unwrap_or_default();
    format!("{:06}", value % 1_000_000)
}

/// The code of a flow whose contacts were asked, if they were.
pub(crate) async fn flow_code(
    store: &dyn Store,
    keys: &CodeKey,
    flow_id: &str,
) -> Result<Option<String>, Error> {
    let Some(stored) = store.method_state(flow_id, KEY).await? else { return Ok(None) };
    let state: VouchState = decode(&stored)?;
    Ok(Some(code_of(keys, flow_id, &state.salt)))
}

/// Whether `typed` is `code`, in constant time.
pub(crate) fn same_code(typed: &str, code: &str) -> bool {
    normalize_code(typed).as_bytes().ct_eq(code.as_bytes()).into()
}

/// "Ask my recovery contacts".
#[derive(Debug, Clone, Copy, Default)]
pub struct RecoveryContacts;

impl RecoveryContacts {
    /// How many must vouch, of how many accepted.
    fn shape(subject: &Subject) -> Option<(u32, u32)> {
        match subject {
            Subject::Account(account) => {
                account.vouches_needed().map(|needed| (needed, account.circle_accepted))
            }
            Subject::Decoy(profile) => profile.vouches,
        }
    }
}

#[async_trait]
impl Method for RecoveryContacts {
    fn kind(&self) -> MethodKind {
        MethodKind::RECOVERY_CONTACTS
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
        let (needed, of) = Self::shape(subject)?;
        Some(Offer { kind: self.kind(), destination: format!("{needed}/{of}"), full: None })
    }

    async fn begin(&self, cx: &Cx<'_>, _offer: &Offer) -> Result<Begun, Error> {
        let tools = cx.tools;
        let settings = tools.settings.vouching;
        let stored = cx.state(KEY).await?;
        let state: VouchState = stored.as_ref().map(decode).transpose()?.unwrap_or_default();
        if state.asks >= settings.asks_per_flow {
            return Err(Error::SendLimitReached);
        }
        if let Some(asked_at) = state.asked_at {
            let wait = asked_at + tools.settings.resend_after_secs - cx.now;
            if wait > 0 {
                return Err(Error::RateLimited { retry_after_secs: wait.unsigned_abs() });
            }
        }
        let expires_at = cx.now + settings.ask_ttl_secs;
        // Keyed by the identifier, for a decoy and a real account alike, so that no budget
        // tells them apart.
        let subject_key = format!("vouch:subject:{}", cx.flow.subject);
        tools.throttle.hold(&subject_key, settings.per_account, cx.now).await?;
        let (asks, messages) = match cx.subject {
            Subject::Account(owner) => {
                // Across the account's identifiers too: past that budget nobody is asked, and
                // the answer is the same as ever (a refusal here would be one a decoy lacks).
                let account_key = format!("vouch:account:{}", owner.id);
                let account_budget =
                    tools.throttle.hold(&account_key, settings.per_account, cx.now).await.is_ok();
                let circle = if account_budget {
                    tools.store.circle_of(owner.id, cx.now).await?
                } else {
                    Vec::new()
                };
                let mut asks = Vec::new();
                let mut messages = Vec::new();
                for member in circle.iter().filter(|m| m.state == CircleState::Active) {
                    let Some(contact_id) = member.contact_id else { continue };
                    // A contact asked too often today is skipped, never a refusal a decoy lacks.
                    let key = format!("vouch:contact:{contact_id}");
                    if tools.throttle.hold(&key, settings.per_contact, cx.now).await.is_err() {
                        continue;
                    }
                    let Some(contact) = tools.store.account(contact_id, cx.now).await? else {
                        continue;
                    };
                    let template =
                        Template::VouchRequested { from_name: owner.display_name.clone() };
                    let locale = Language::negotiate(&contact.locale);
                    messages.extend(
                        contact
                            .confirmed_contacts()
                            .iter()
                            .map(|to| tools.notifier.queue(&template, to, locale, cx.now, false)),
                    );
                    asks.push(VouchAsk {
                        id: public_id(tools.random.as_ref(), "va"),
                        flow_id: cx.flow.id.clone(),
                        owner_id: owner.id,
                        member_id: member.id.clone(),
                        contact_id,
                        created_at: cx.now,
                        expires_at,
                    });
                }
                (asks, messages)
            }
            Subject::Decoy(profile) => {
                // As many messages as its donor's contacts, never sent.
                let of = profile.vouches.map_or(0, |(_, of)| of);
                let template = Template::VouchRequested { from_name: String::new() };
                let messages: Vec<QueuedMessage> = (0..of)
                    .map(|_| tools.notifier.queue(&template, "", Language::english(), cx.now, true))
                    .collect();
                (Vec::new(), messages)
            }
        };
        // Asking again keeps the code the contacts may have been read already.
        let salt = if state.salt.is_empty() {
            token(tools.random.as_ref(), "vs").expose().to_owned()
        } else {
            state.salt
        };
        let next = VouchState { salt, asked_at: Some(cx.now), asks: state.asks + 1 };
        Ok(Begun {
            state: StateWrite {
                key: KEY.to_owned(),
                expected_version: stored.map(|s| s.version),
                data: encode(&next)?,
            },
            messages,
            asks,
            expires_at: Some(expires_at.max(cx.flow.expires_at)),
        })
    }

    /// The person's app proves enough contacts vouched, with the code it shows: a wrong code
    /// is a wrong proof; too few vouches refuse without counting anything.
    async fn verify(&self, cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
        let Proof::Code(typed) = proof else { return Err(Error::FlowState) };
        let stored = cx.state(KEY).await?.ok_or(Error::FlowState)?;
        let state: VouchState = decode(&stored)?;
        let code = code_of(&cx.tools.keys, &cx.flow.id, &state.salt);
        if !same_code(typed.expose(), &code) {
            return Ok(Checked::Wrong(Error::InvalidCode));
        }
        let tally = cx.tools.store.vouch_tally(&cx.flow.id).await?;
        if tally.ended {
            return Err(Error::FlowLocked);
        }
        let needed = Self::shape(cx.subject).map(|(needed, _)| needed);
        match (cx.subject, needed) {
            (Subject::Account(_), Some(needed)) if tally.vouched >= needed => {}
            // A decoy never gathers a vouch; an account whose contacts went is refused alike.
            _ => return Err(Error::VouchesPending),
        }
        Ok(Checked::Right(StateWrite {
            key: KEY.to_owned(),
            expected_version: Some(stored.version),
            data: encode(&state)?,
        }))
    }

    fn waits(&self) -> bool {
        true
    }

    fn begin_event(&self) -> EventKind {
        EventKind::VouchRequested
    }

    async fn challenge(&self, cx: &Cx<'_>, offer: Option<&Offer>) -> Result<Challenge, Error> {
        let tools = cx.tools;
        let state: VouchState =
            cx.state(KEY).await?.as_ref().map(decode).transpose()?.unwrap_or_default();
        let tally = tools.store.vouch_tally(&cx.flow.id).await?;
        let (needed, of) = Self::shape(cx.subject).unwrap_or((0, 0));
        // How many the person's contacts are, once asked: the same for a real account (a
        // contact skipped by a budget included) as for a decoy.
        let asked = if state.asks > 0 { of } else { 0 };
        let asks_left = tools.settings.vouching.asks_per_flow.saturating_sub(state.asks);
        Ok(Challenge {
            kind: self.kind(),
            destination: offer.map(|o| o.destination.clone()).unwrap_or_default(),
            delivery: DeliveryState::Sent,
            code_expires_at: None,
            resend_at: (asks_left > 0)
                .then(|| state.asked_at.map(|at| at + tools.settings.resend_after_secs))
                .flatten(),
            sends_left: asks_left,
            attempts_left: tools.settings.max_code_attempts,
            questions: Vec::new(),
            exhausted: tally.ended,
            vouching: Some(VouchingProgress {
                code: code_of(&tools.keys, &cx.flow.id, &state.salt),
                vouched: tally.vouched,
                needed,
                asked,
            }),
        })
    }
}
