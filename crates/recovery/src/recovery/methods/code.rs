//! A one-time code sent to a contact: the part the email and SMS methods share (Kratos's code
//! strategy). One code is live in a flow at a time, whichever channel it went by; its tries are
//! counted across resends and channels (SECURITY.md S07-S09), and its sends are bounded.

use regain_courier::{Language, Template};
use regain_protocol::digits::normalize_code;
use regain_protocol::DeliveryState;
use serde::{Deserialize, Serialize};

use super::{decode, encode, Begun, Challenge, Checked, Cx, Offer, Proof, Subject};
use crate::model::flow::MethodKind;
use crate::secrets::{digit_code, token};
use crate::store::{Delivery, StateWrite};
use crate::{Error, Secret};

/// The key the code's state is kept under, for both channels.
const KEY: &str = "code";
const CODE_PURPOSE: &str = "recovery-code";
const LINK_PURPOSE: &str = "recovery-link";
/// The digits of a recovery code.
pub const CODE_DIGITS: u32 = 6;
/// The digits of a recovery code for an account whose failed proofs reached their budget.
pub const LONG_CODE_DIGITS: u32 = 10;

/// Where a code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Channel {
    Email,
    Sms,
}

/// The code's state in a flow. Codes, links and their MACs are bound to the flow; only MACs
/// are kept (S06).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct CodeState {
    /// The method of the live code (`email` or `sms`).
    kind: Option<String>,
    code_mac: Option<String>,
    code_expires_at: Option<i64>,
    sent_at: Option<i64>,
    /// Codes sent since the flow's last passed gate.
    sends: u32,
    /// Code checks in this flow, counted before comparing; a resend does not reset them.
    attempts: u32,
    link_mac: Option<String>,
    link_expires_at: Option<i64>,
    /// The outbox message of the live code, for "sending" and "not delivered yet".
    message_id: Option<String>,
}

/// Sends a new code (superseding the live one) by `channel` to `offer`'s destination; for a
/// decoy, the same work with a message the courier never delivers.
pub(super) async fn begin(cx: &Cx<'_>, offer: &Offer, channel: Channel) -> Result<Begun, Error> {
    let tools = cx.tools;
    let settings = &tools.settings;
    let stored = cx.state(KEY).await?;
    let state: CodeState = stored.as_ref().map(decode).transpose()?.unwrap_or_default();
    if state.sends >= settings.max_sends {
        return Err(Error::SendLimitReached);
    }
    if let Some(sent_at) = state.sent_at {
        let wait = sent_at + settings.resend_after_secs - cx.now;
        if wait > 0 {
            return Err(Error::RateLimited { retry_after_secs: wait.unsigned_abs() });
        }
    }
    // Budgets per destination and, for SMS, per country prefix (S04, S20). A decoy spends the
    // same budgets under keys of its own.
    let country = match (channel, cx.subject) {
        (Channel::Sms, Subject::Account(account)) => {
            account.phone.as_ref().map(|c| c.value.country_code())
        }
        (Channel::Sms, Subject::Decoy(profile)) => {
            profile.phone.as_deref().and_then(masked_country_code)
        }
        (Channel::Email, _) => None,
    };
    let destination_key = match &offer.full {
        Some(full) => tools.throttle.destination_key(full),
        None => tools.keys.mac("destination", &cx.flow.subject, offer.kind.as_str()),
    };
    tools.throttle.take_send_under(&destination_key, country, cx.now).await?;

    // Past the account's budget of failed proofs its codes grow long (the service's doc).
    let digits = if cx.hardened { LONG_CODE_DIGITS } else { CODE_DIGITS };
    let code = digit_code(tools.random.as_ref(), digits);
    let minutes_valid = u32::try_from(settings.code_ttl_secs / 60).unwrap_or(10);
    let mut next = CodeState {
        kind: Some(offer.kind.as_str().to_owned()),
        code_mac: Some(tools.keys.mac(CODE_PURPOSE, &cx.flow.id, code.expose())),
        code_expires_at: Some(cx.now + settings.code_ttl_secs),
        sent_at: Some(cx.now),
        sends: state.sends + 1,
        attempts: state.attempts,
        link_mac: None,
        link_expires_at: None,
        message_id: None,
    };
    let template = match channel {
        Channel::Email => {
            let link = token(tools.random.as_ref(), "rgl");
            next.link_mac = Some(tools.keys.mac(LINK_PURPOSE, &cx.flow.id, link.expose()));
            next.link_expires_at = Some(cx.now + settings.link_ttl_secs);
            let url = tools.notifier.link(&format!(
                "/recover/link?flow={}&token={}",
                cx.flow.id,
                link.expose()
            ));
            Template::RecoveryEmail { code: code.clone(), minutes_valid, link: Secret::new(url) }
        }
        Channel::Sms => Template::RecoverySms { code: code.clone(), minutes_valid },
    };
    let (to, locale) = match cx.subject {
        Subject::Account(account) => {
            (offer.full.clone().unwrap_or_default(), Language::negotiate(&account.locale))
        }
        Subject::Decoy(_) => (String::new(), Language::english()),
    };
    let message = tools.notifier.queue(&template, &to, locale, cx.now, cx.flow.is_decoy());
    next.message_id = Some(message.id.clone());
    let state = StateWrite {
        key: KEY.to_owned(),
        expected_version: stored.map(|s| s.version),
        data: encode(&next)?,
    };
    Ok(Begun::new(state, Some(message)))
}

/// Checks a code or (by email) the link's token. The attempt is counted first; the comparison
/// is constant-time; a right proof is consumed with the gate it passes.
pub(super) async fn verify(cx: &Cx<'_>, proof: &Proof) -> Result<Checked, Error> {
    let settings = &cx.tools.settings;
    let keys = &cx.tools.keys;
    let (state, version) = cx.count_attempt::<CodeState>(KEY, |s| &mut s.attempts).await?;
    if state.attempts > settings.max_code_attempts {
        return Err(Error::FlowLocked);
    }
    let decoy = cx.flow.is_decoy();
    match proof {
        Proof::Code(code) => {
            let code = normalize_code(code.expose());
            let mac = state.code_mac.clone().unwrap_or_default();
            let matches = keys.verify(CODE_PURPOSE, &cx.flow.id, &code, &mac);
            // Past the account's budget only a long code counts; a short one is refused after
            // the same work, as a wrong one is.
            let short_when_hardened = cx.hardened && code.len() < LONG_CODE_DIGITS as usize;
            if decoy || !matches || short_when_hardened {
                return Ok(Checked::Wrong(Error::InvalidCode));
            }
            if state.code_expires_at.is_none_or(|at| at <= cx.now) {
                return Err(Error::CodeExpired);
            }
        }
        Proof::Link(link) => {
            let mac = state.link_mac.clone().unwrap_or_default();
            let right = !decoy
                && !mac.is_empty()
                && keys.verify(LINK_PURPOSE, &cx.flow.id, link.expose(), &mac)
                && state.link_expires_at.is_some_and(|at| at > cx.now);
            if !right {
                return Ok(Checked::Wrong(Error::InvalidLink));
            }
        }
        Proof::Answers(_) => return Err(Error::FlowState),
    }
    let consumed = CodeState {
        code_mac: None,
        code_expires_at: None,
        sent_at: None,
        sends: 0,
        link_mac: None,
        link_expires_at: None,
        message_id: None,
        ..state
    };
    Ok(Checked::Right(StateWrite {
        key: KEY.to_owned(),
        expected_version: Some(version),
        data: encode(&consumed)?,
    }))
}

/// Where the live code stands: its delivery, expiry, resend and tries.
pub(super) async fn challenge(
    cx: &Cx<'_>,
    offer: Option<&Offer>,
    kind: MethodKind,
) -> Result<Challenge, Error> {
    let settings = &cx.tools.settings;
    let state: CodeState =
        cx.state(KEY).await?.as_ref().map(decode).transpose()?.unwrap_or_default();
    // A decoy's message is in the outbox too, taken by the courier on the same schedule, so
    // its state runs the same course.
    let delivery = match &state.message_id {
        None => DeliveryState::Sending,
        Some(message_id) => match cx.tools.store.delivery(message_id).await? {
            Some(Delivery::Sent) => DeliveryState::Sent,
            Some(Delivery::Pending { attempts: 0 }) | None => DeliveryState::Sending,
            Some(Delivery::Pending { .. } | Delivery::Failed) => DeliveryState::NotDeliveredYet,
        },
    };
    let resend_at = (state.sends < settings.max_sends)
        .then(|| state.sent_at.map(|at| at + settings.resend_after_secs))
        .flatten();
    Ok(Challenge {
        kind,
        destination: offer.map(|o| o.destination.clone()).unwrap_or_default(),
        delivery,
        code_expires_at: state.code_expires_at,
        resend_at,
        sends_left: settings.max_sends.saturating_sub(state.sends),
        attempts_left: settings.max_code_attempts.saturating_sub(state.attempts),
        questions: Vec::new(),
        exhausted: state.attempts >= settings.max_code_attempts,
        vouching: None,
    })
}

/// The country code of a masked phone number (`+44 ••• •••• 56`).
fn masked_country_code(mask: &str) -> Option<u16> {
    mask.strip_prefix('+')?.split(' ').next()?.parse().ok()
}
