//! Vouching by recovery contacts, beyond the method's gate (SECURITY.md S29): the contacts'
//! side (vouch with the code the person in recovery reads out, or decline, or say "I don't
//! know about this"), and the waiting period enough vouches start.
//!
//! The waiting period is support's assisted recovery, bound to the flow instead of a request:
//! every confirmed contact of the account is told with a link that cancels it, and a sign-in
//! with the current password cancels it too. Evidence shortens it, each piece by the same
//! setting's worth: every contact vouched, not just enough of them; the person's app was signed
//! in to the account before on a device not marked lost. Once it is over, the flow that waited
//! (and no other) gets its reset token, once: the pass is handed to the app the vouches were
//! bound to, which no message can intercept.

use regain_courier::{Language, Template};
use regain_protocol::{
    EventKind, EventOutcome, EvidenceKind, EvidenceView, StaffWaitingView, WaitingView,
};

use super::methods::{flow_code, same_code, ASK_ATTEMPTS};
use super::{FlowView, Recovery, Verified, RESET_PURPOSE};
use crate::events::SecurityEvent;
use crate::model::flow::{self, Flow, Input, MethodKind, State};
use crate::secrets::{public_id, token};
use crate::store::{
    AskAnswer, AskState, AssistedState, AuditRecord, FlowMove, NewVouchedWait, Shift, VouchedWait,
    WaitEvidence,
};
use crate::{Account, Error, RequestMeta, Secret, Session, TokenHash};

const EVERY_CONTACT: &str = "every_contact";
const KNOWN_DEVICE: &str = "known_device";
const STAFFED_STATION: &str = "staffed_station";
const EVIDENCE: [(&str, EvidenceKind); 3] = [
    (EVERY_CONTACT, EvidenceKind::EveryContact),
    (KNOWN_DEVICE, EvidenceKind::KnownDevice),
    (STAFFED_STATION, EvidenceKind::StaffedStation),
];

impl Recovery {
    /// When a waiting period begun at `started_at` with this much evidence ends.
    fn wait_end(&self, started_at: i64, evidence: usize) -> i64 {
        let settings = self.settings.vouching;
        let off = settings.evidence_secs * i64::try_from(evidence).unwrap_or(i64::MAX);
        started_at + settings.wait_secs - off
    }

    /// The last gate passed with recovery contacts among the gates: the flow waits, every
    /// confirmed contact is told with a link that cancels, and no reset token is handed out.
    pub(super) async fn start_wait(
        &self,
        mut step: FlowMove,
        account: &Account,
        kind: &MethodKind,
        meta: &RequestMeta,
        now: i64,
    ) -> Result<Verified, Error> {
        let tally = self.store.vouch_tally(&step.flow_id).await?;
        if tally.ended {
            // A contact said no while another gate was being passed.
            return Err(Error::FlowLocked);
        }
        let mut evidence = Vec::new();
        if every_contact_vouched(account, tally.vouched) {
            evidence.push(EVERY_CONTACT.to_owned());
        }
        let wait_ends_at = self.wait_end(now, evidence.len());
        let settings = self.settings.vouching;
        // The flow lasts as long as the longest wait, and the new-password step after it.
        step.expires_at = Some(now + settings.wait_secs + settings.reset_window_secs);
        let cancel = token(self.tools.random.as_ref(), "rgc");
        let wait_token = token(self.tools.random.as_ref(), "rgw");
        let link = self.notifier.link(&format!("/support/cancel?token={}", cancel.expose()));
        let wait_hours = u32::try_from((wait_ends_at - now + 3599) / 3600).unwrap_or(u32::MAX);
        let template =
            Template::VouchedRecoveryStarted { wait_hours, cancel_link: Secret::new(link) };
        let locale = Language::negotiate(&account.locale);
        let messages: Vec<_> = account
            .confirmed_contacts()
            .iter()
            .map(|to| self.notifier.queue(&template, to, locale, now, false))
            .collect();
        let wait = NewVouchedWait {
            id: public_id(self.tools.random.as_ref(), "ar"),
            account_id: account.id,
            flow_id: step.flow_id.clone(),
            reference: crate::secrets::reference(self.tools.random.as_ref()),
            wait_hash: TokenHash::of(&wait_token),
            cancel_hash: TokenHash::of(&cancel),
            wait_ends_at,
            evidence,
        };
        let event = SecurityEvent {
            flow_id: Some(step.flow_id.clone()),
            method: Some(kind.as_str().to_owned()),
            ..SecurityEvent::of_account(
                account.id,
                EventKind::AssistedRecoveryStarted,
                EventOutcome::Ok,
                meta,
                now,
            )
        };
        if !self.store.start_vouched_wait(&step, &wait, &messages, &event).await? {
            return Err(Error::FlowState);
        }
        self.notifier.wake();
        self.event(
            Some(account.id),
            Some(&step.flow_id),
            EventKind::Proof,
            Some(kind),
            EventOutcome::Ok,
            meta,
        )
        .await;
        tracing::info!(account_id = account.id, flow_id = %step.flow_id, "recovery contacts vouched; waiting period started, contacts told");
        let flow = self.load(&step.flow_id).await?;
        Ok(Verified {
            flow: self.view(&flow, now).await?,
            reset_token: None,
            reset_expires_at: None,
            wait_token: Some(wait_token),
        })
    }

    /// A waiting flow's period as the person sees it; `None` once it was cancelled.
    pub(super) async fn waiting_view(&self, flow: &Flow) -> Result<Option<WaitingView>, Error> {
        let Some(wait) = self.store.vouched_wait(&flow.id).await? else { return Ok(None) };
        if wait.state != AssistedState::Waiting {
            return Ok(None);
        }
        // With k of k, every contact vouching is the gate itself, never more evidence.
        let account = match flow.account_id {
            Some(id) => self.store.account(id, self.now()).await?,
            None => None,
        };
        let beyond_gate = account
            .as_ref()
            .is_some_and(|a| a.vouches_needed().is_some_and(|k| a.circle_accepted > k));
        Ok(Some(WaitingView {
            reference: wait.reference,
            ends_at: wait.wait_ends_at,
            shortens_by_secs: self.settings.vouching.evidence_secs,
            evidence: EVIDENCE
                .iter()
                .filter(|(name, _)| *name != EVERY_CONTACT || beyond_gate)
                .map(|(name, kind)| EvidenceView {
                    kind: *kind,
                    counted: wait.evidence.iter().any(|e| e == name),
                })
                .collect(),
        }))
    }

    /// Once the waiting period is over and nobody cancelled it, the flow that waited moves to
    /// its new-password step and gets its reset token, once, for the holder of the secret its
    /// wait began with (the app that waited: the flow ID alone is not enough).
    pub async fn finish_wait(
        &self,
        flow_id: &str,
        wait_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<Verified, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        if flow.state != State::Waiting {
            return Err(Error::FlowState);
        }
        let wait = match self.store.vouched_wait(&flow.id).await? {
            Some(wait) if wait.state == AssistedState::Waiting && now < flow.expires_at => wait,
            _ => return Err(Error::FlowExpired),
        };
        if now < wait.wait_ends_at {
            let left = wait.wait_ends_at - now;
            return Err(Error::WaitingPeriod { retry_after_secs: left.unsigned_abs() });
        }
        let next = flow::next(flow.state, Input::WaitOver).ok_or(Error::FlowState)?;
        let reset = token(self.tools.random.as_ref(), "rgx");
        let reset_expires_at = now + self.settings.reset_ttl_secs;
        let step = FlowMove {
            flow_id: flow.id.clone(),
            expected_version: flow.version,
            state: next,
            method: None,
            gates_passed: flow.gates_passed.clone(),
            reset_mac: Some(self.keys.mac(RESET_PURPOSE, &flow.id, reset.expose())),
            reset_expires_at: Some(reset_expires_at),
            method_state: None,
            messages: Vec::new(),
            asks: Vec::new(),
            expires_at: Some(reset_expires_at),
        };
        if !self.store.finish_vouched_wait(&step, &TokenHash::of(wait_token), now).await? {
            return Err(Error::InvalidLink);
        }
        self.event(
            flow.account_id,
            Some(&flow.id),
            EventKind::AssistedRecoveryPassSent,
            Some(&MethodKind::RECOVERY_CONTACTS),
            EventOutcome::Ok,
            meta,
        )
        .await;
        tracing::info!(flow_id = %flow.id, "waiting period over; the flow that waited may set a new password");
        let flow = self.load(flow_id).await?;
        Ok(Verified {
            flow: self.view(&flow, now).await?,
            reset_token: Some(reset),
            reset_expires_at: Some(reset_expires_at),
            wait_token: None,
        })
    }

    /// Evidence from the person's app: a refresh token the account's app was given on this
    /// device before (and the device was not marked lost) shortens the waiting period.
    pub async fn known_device(
        &self,
        flow_id: &str,
        refresh_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<FlowView, Error> {
        let now = self.now();
        let flow = self.load(flow_id).await?;
        if flow.state != State::Waiting || now >= flow.expires_at {
            return Err(Error::FlowState);
        }
        let account_id = flow.account_id.ok_or(Error::FlowState)?;
        // A few tries a flow: each refused one is an event the owner reads.
        let tries = self.settings.vouching.known_device_tries;
        self.throttle.hold(&format!("known-device:{}", flow.id), tries, now).await?;
        let known = self.store.known_device(account_id, &TokenHash::of(refresh_token)).await?;
        let outcome = if known { EventOutcome::Ok } else { EventOutcome::Refused };
        let kind = EventKind::RecoveryDeviceRecognised;
        self.event(Some(account_id), Some(&flow.id), kind, None, outcome, meta).await;
        if !known {
            return Err(Error::InvalidField { field: "refresh_token", reason: "unknown_device" });
        }
        self.add_evidence(&flow.id, KNOWN_DEVICE, now).await?;
        self.view(&self.load(flow_id).await?, now).await
    }

    /// Counts a piece of evidence on a waiting flow (once), shortening its wait.
    async fn add_evidence(&self, flow_id: &str, evidence: &str, now: i64) -> Result<(), Error> {
        let off = self.settings.vouching.evidence_secs;
        if self.store.add_wait_evidence(flow_id, evidence, off, now).await? {
            tracing::info!(flow_id, evidence, "waiting period shortened by evidence");
        }
        Ok(())
    }

    /// A recovery contact vouches, in their own signed-in app, with the code the person in
    /// recovery read to them: bound to that flow's code, counted once. Wrong codes are counted
    /// before comparing; past [`ASK_ATTEMPTS`] the ask takes no more.
    pub async fn vouch(
        &self,
        session: &Session,
        ask_id: &str,
        code: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.now();
        let ask = self
            .store
            .count_ask_attempt(ask_id, session.account_id, now)
            .await?
            .ok_or(Error::NotFound)?;
        if ask.attempts > ASK_ATTEMPTS {
            return Err(Error::FlowLocked);
        }
        let owner_id = ask.ask.owner_id;
        let expected = flow_code(self.store.as_ref(), &self.keys, &ask.ask.flow_id).await?;
        let event = |outcome| SecurityEvent {
            flow_id: Some(ask.ask.flow_id.clone()),
            ..SecurityEvent::of_account(owner_id, EventKind::Vouched, outcome, meta, now)
        };
        if !expected.is_some_and(|code_read| same_code(code.expose(), &code_read)) {
            self.store.record_or_log(&event(EventOutcome::Refused)).await;
            return Err(Error::InvalidCode);
        }
        let answer = AskAnswer {
            ask_id,
            contact_id: session.account_id,
            answer: AskState::Vouched,
            now,
            event: &event(EventOutcome::Ok),
            notices: None,
        };
        if !self.store.answer_ask(&answer).await? {
            return Err(Error::NotFound);
        }
        tracing::info!(flow_id = %ask.ask.flow_id, account_id = owner_id, "a recovery contact vouched");
        // A vouch that completes the circle shortens a wait that already runs.
        let flow = self.load(&ask.ask.flow_id).await?;
        if flow.state == State::Waiting {
            let owner = self.store.account(owner_id, now).await?.ok_or(Error::NotFound)?;
            let tally = self.store.vouch_tally(&flow.id).await?;
            if every_contact_vouched(&owner, tally.vouched) {
                self.add_evidence(&flow.id, EVERY_CONTACT, now).await?;
            }
        }
        Ok(())
    }

    /// A recovery contact declines, or says they know nothing of it (`dont_know`): the request
    /// ends (every other ask, and the waiting period if one runs), and every confirmed contact
    /// of the owner is told, with "this wasn't me".
    pub async fn decline_vouch(
        &self,
        session: &Session,
        ask_id: &str,
        dont_know: bool,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.now();
        let ask = self
            .store
            .asks_for(session.account_id, now)
            .await?
            .into_iter()
            .find(|a| a.ask.id == ask_id)
            .ok_or(Error::NotFound)?;
        let owner = self.store.account(ask.ask.owner_id, now).await?.ok_or(Error::NotFound)?;
        let contact = self.store.account(session.account_id, now).await?.ok_or(Error::NotFound)?;
        let notices = self.notifier.notices(&owner, false, now, |not_me_link| {
            Template::VouchDeclined { name: contact.display_name.clone(), dont_know, not_me_link }
        });
        let (answer, outcome) = if dont_know {
            (AskState::Reported, EventOutcome::Reported)
        } else {
            (AskState::Declined, EventOutcome::Refused)
        };
        let event = SecurityEvent {
            flow_id: Some(ask.ask.flow_id.clone()),
            ..SecurityEvent::of_account(owner.id, EventKind::VouchDeclined, outcome, meta, now)
        };
        let answer = AskAnswer {
            ask_id,
            contact_id: session.account_id,
            answer,
            now,
            event: &event,
            notices: Some(&notices),
        };
        if !self.store.answer_ask(&answer).await? {
            return Err(Error::NotFound);
        }
        self.notifier.wake();
        tracing::warn!(flow_id = %ask.ask.flow_id, account_id = owner.id, dont_know, "a recovery contact declined to vouch; the request ended and the owner was told");
        Ok(())
    }
}

impl Recovery {
    /// A waiting recovery as a member of staff at a staffed station sees it by the reference
    /// the person shows, to compare their identity document with the account's name. Only
    /// from a shift at a station; audited.
    pub async fn station_lookup(
        &self,
        shift: &Shift,
        reference: &str,
        meta: &RequestMeta,
    ) -> Result<StaffWaitingView, Error> {
        let (wait, account) = self.at_station(shift, reference).await?;
        let audit = self.station_audit(shift, "view_waiting", &wait, meta);
        self.store.audit(&audit, None).await?;
        Ok(staff_waiting_view(&wait, &account))
    }

    /// The member of staff saw the person's identity document in person and it matches the
    /// account's name: the wait shortens (once), the owner sees it in their activity, and the
    /// audit names the member and the station.
    pub async fn station_check(
        &self,
        shift: &Shift,
        reference: &str,
        meta: &RequestMeta,
    ) -> Result<StaffWaitingView, Error> {
        let now = self.now();
        let (wait, _) = self.at_station(shift, reference).await?;
        let audit = self.station_audit(shift, "seen_in_person", &wait, meta);
        let event = SecurityEvent {
            flow_id: Some(wait.flow_id.clone()),
            ..SecurityEvent::of_account(
                wait.account_id,
                EventKind::RecoveryCheckedInPerson,
                EventOutcome::Ok,
                meta,
                now,
            )
        };
        let off = self.settings.vouching.evidence_secs;
        // The evidence, its audit line and the owner's event in one transaction (the event
        // only when the wait changed).
        let check = WaitEvidence {
            flow_id: &wait.flow_id,
            evidence: STAFFED_STATION,
            shorten_by_secs: off,
        };
        if self.store.check_wait_in_person(&check, &audit, &event, now).await? {
            tracing::info!(flow_id = %wait.flow_id, "waiting period shortened by a check at a staffed station");
        }
        let (wait, account) = self.at_station(shift, reference).await?;
        Ok(staff_waiting_view(&wait, &account))
    }

    /// The waiting recovery a reference names, for a shift at a staffed station only.
    async fn at_station(
        &self,
        shift: &Shift,
        reference: &str,
    ) -> Result<(VouchedWait, Account), Error> {
        if shift.station.is_none() {
            return Err(Error::NotPermitted);
        }
        let reference = reference.trim().to_ascii_uppercase();
        let wait = self.store.waiting_by_reference(&reference).await?.ok_or(Error::NotFound)?;
        let account =
            self.store.account(wait.account_id, self.now()).await?.ok_or(Error::NotFound)?;
        Ok((wait, account))
    }

    fn station_audit(
        &self,
        shift: &Shift,
        action: &str,
        wait: &VouchedWait,
        meta: &RequestMeta,
    ) -> AuditRecord {
        AuditRecord {
            staff_id: shift.member.id,
            action: action.to_owned(),
            request_id: None,
            account_id: Some(wait.account_id),
            detail: format!(
                "reference={} station={}",
                wait.reference,
                shift.station.as_deref().unwrap_or_default()
            ),
            ip: meta.ip.clone(),
            at: self.now(),
        }
    }
}

fn staff_waiting_view(wait: &VouchedWait, account: &Account) -> StaffWaitingView {
    StaffWaitingView {
        reference: wait.reference.clone(),
        display_name: account.display_name.clone(),
        email: account.email.as_ref().filter(|c| c.confirmed).map(|c| c.value.masked()),
        phone: account.phone.as_ref().filter(|c| c.confirmed).map(|c| c.value.masked()),
        ends_at: wait.wait_ends_at,
        checked: wait.evidence.iter().any(|e| e == STAFFED_STATION),
    }
}

/// Whether every accepted contact vouched, beyond the number needed: with k of k, vouching at
/// all is no more evidence than the gate itself.
fn every_contact_vouched(owner: &Account, vouched: u32) -> bool {
    let needed = owner.vouches_needed().unwrap_or(u32::MAX);
    owner.circle_accepted > needed && vouched >= owner.circle_accepted
}
