//! The staff's side of support (SECURITY.md S22, S23, S27): members of staff, their shifts, the
//! review of requests, and the assisted recovery an approval starts.
//!
//! The lesson designed against is the helpdesk that reset an MFA after one phone call: staff
//! judgement is the attack surface, so the server decides what staff may do. Staff never see
//! or set a password and never change a contact. An approval does one thing: it tells every
//! confirmed contact of the account, with a link that cancels, and waits (72 hours by
//! default); a sign-in with the current password cancels too. Only then does a single-use pass
//! go to the contact the person confirmed, and it opens the ordinary "choose a new password"
//! step, which revokes every session and tells every contact (S17, S18). An account with a
//! second factor, or with recovery activity in the last 30 days, needs a supervisor's second
//! approval from another member of staff. Every action is audited; what concerns an account is
//! also in its owner's activity, but never staff's internal notes.

use std::sync::Arc;

use regain_courier::{Language, Template};
use regain_protocol::{
    Checklist, DecisionOutcome, DecisionRequest, EventKind, EventOutcome, ProofSummary, QueueItem,
    ReasonCode, SecondReviewRequest, StaffAccountView, StaffNoteView, StaffRequestView, StaffRole,
    SupportState, Verdict,
};

use super::proofs::{self, CleanFile};
use super::Support;
use crate::events::SecurityEvent;
use crate::factors::totp;
use crate::model::flow::{Flow, MethodKind, State};
use crate::notify::Notifier;
use crate::secrets::{public_id, token, CodeKey, SealKey};
use crate::store::{
    AuditRecord, ClaimOutcome, DecisionStep, NewAssistedRecovery, Shift, StaffMember,
    StaffSessionRecord, Store, StoredAudit, SupportDecision, SupportRequest,
};
use crate::throttle::{Budget, Throttle};
use crate::{Clock, Error, Passwords, Random, RequestMeta, Secret, TokenHash};

const STAFF_SEAL_PURPOSE: &str = "staff-authenticator";
/// The shortest password of a member of staff: they hold the keys to other people's accounts.
pub const MIN_STAFF_PASSWORD: usize = 15;
const MAX_NOTE: usize = 2000;
/// How long the "choose a new password" step a pass opens stays open.
const PASS_FLOW_SECS: i64 = 15 * 60;
/// A request whose contact was never confirmed keeps its files this long, then loses them.
const UNCONFIRMED_KEPT_SECS: i64 = 24 * 3600;

/// The numbers of the staff's side; each is a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffSettings {
    /// A shift: how long a staff session lasts at most.
    pub shift_secs: i64,
    /// A staff session unused this long is over.
    pub idle_secs: i64,
    /// The waiting period of an assisted recovery.
    pub wait_secs: i64,
    /// How long the recovery pass works once sent.
    pub pass_ttl_secs: i64,
    /// How long a decided request's files are kept.
    pub retention_secs: i64,
    /// Recovery activity this recent makes an approval need four eyes.
    pub four_eyes_window_secs: i64,
    /// How often the timed work runs: passes whose waiting period is over, files past their
    /// retention. A pass goes out at most this long after its wait ends.
    pub tick_secs: i64,
    pub sign_ins_per_username: Budget,
    pub sign_ins_per_ip: Budget,
}

impl Default for StaffSettings {
    fn default() -> Self {
        Self {
            shift_secs: 8 * 3600,
            idle_secs: 15 * 60,
            wait_secs: 72 * 3600,
            pass_ttl_secs: 24 * 3600,
            retention_secs: 30 * 24 * 3600,
            four_eyes_window_secs: 30 * 24 * 3600,
            tick_secs: 60,
            sign_ins_per_username: Budget { limit: 5, window_secs: 15 * 60 },
            sign_ins_per_ip: Budget { limit: 20, window_secs: 15 * 60 },
        }
    }
}

/// A new member of staff: what the operator hands them once.
#[derive(Debug)]
pub struct NewStaff {
    pub id: u64,
    /// The `otpauth://` URI for their authenticator app.
    pub totp_uri: Secret<String>,
    /// The same secret as typed, in groups of four.
    pub totp_secret: Secret<String>,
}

/// A shift's session as it is handed out.
#[derive(Debug)]
pub struct StaffGrant {
    pub token: Secret<String>,
    pub member: StaffMember,
    pub expires_at: i64,
    /// The staffed station the shift began at, when it was signed in with a station's key.
    pub station: Option<String>,
}

/// A station registered: its key, shown once, for the station's `kiosk.toml`.
#[derive(Debug)]
pub struct NewStation {
    pub id: u64,
    pub key: Secret<String>,
}

/// What a decision did, and when the waiting period ends if a recovery started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub outcome: DecisionOutcome,
    pub state: SupportState,
    pub wait_ends_at: Option<i64>,
}

/// A pass used: the flow it opened at its "choose a new password" step, and that step's token.
#[derive(Debug)]
pub struct Redeemed {
    pub flow_id: String,
    pub reset_token: Secret<String>,
    pub reset_expires_at: i64,
}

/// The staff's desk. Its fields are what it depends on.
#[derive(Clone)]
pub struct StaffDesk {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    keys: CodeKey,
    seal: SealKey,
    passwords: Passwords,
    notifier: Notifier,
    throttle: Throttle,
    support: Support,
    settings: StaffSettings,
}

impl std::fmt::Debug for StaffDesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffDesk").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl StaffDesk {
    pub fn new(
        deps: &crate::Deps,
        server_secret: &[u8],
        support: Support,
        settings: StaffSettings,
    ) -> Self {
        Self {
            store: deps.store.clone(),
            clock: deps.clock.clone(),
            random: deps.random.clone(),
            keys: deps.keys.clone(),
            seal: SealKey::derive(server_secret, STAFF_SEAL_PURPOSE),
            passwords: deps.passwords.clone(),
            notifier: deps.notifier.clone(),
            throttle: deps.throttle.clone(),
            support,
            settings,
        }
    }

    pub fn settings(&self) -> &StaffSettings {
        &self.settings
    }

    /// Creates a member of staff (the operator's command line): a username of 3 to 32
    /// lowercase letters, digits, dots, dashes or underscores; a password of at least 15
    /// characters; and a new authenticator, whose secret is shown once.
    pub async fn create(
        &self,
        username: &str,
        role: StaffRole,
        password: &Secret<String>,
    ) -> Result<NewStaff, Error> {
        let valid_name = (3..=32).contains(&username.len())
            && username
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !valid_name {
            return Err(Error::InvalidField { field: "username", reason: "invalid" });
        }
        if password.expose().chars().count() < MIN_STAFF_PASSWORD {
            return Err(Error::InvalidField { field: "password", reason: "too_short" });
        }
        let hash = self.passwords.hash(password).await?;
        let secret = totp::new_secret(self.random.as_ref());
        let sealed = self.seal.seal(self.random.as_ref(), secret.expose(), username);
        let totp_uri = totp::labelled_uri(secret.expose(), &format!("staff-{username}"))?;
        let totp_secret = totp::secret_text(secret.expose())?;
        let id = self
            .store
            .insert_staff(username, role, &hash, &sealed, self.clock.now())
            .await?
            .ok_or(Error::InvalidField { field: "username", reason: "taken" })?;
        Ok(NewStaff { id, totp_uri, totp_secret })
    }

    /// Registers a staffed support station (the operator's command line): a name of 3 to 64
    /// lowercase letters, digits, dots, dashes or underscores, and a new key, shown once, that
    /// the station presents when its staff sign in. Only a shift begun with it may record what
    /// staff saw in person.
    pub async fn register_station(&self, name: &str) -> Result<NewStation, Error> {
        let valid_name = (3..=64).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !valid_name {
            return Err(Error::InvalidField { field: "name", reason: "invalid" });
        }
        let key = token(self.random.as_ref(), "rgs");
        let id = self
            .store
            .insert_station(name, &TokenHash::of(&key), self.clock.now())
            .await?
            .ok_or(Error::InvalidField { field: "name", reason: "taken" })?;
        Ok(NewStation { id, key })
    }

    /// Retires a station (a machine lost, stolen or replaced): its key starts no more shifts
    /// and the shifts begun there end now.
    pub async fn retire_station(&self, name: &str) -> Result<(), Error> {
        if self.store.retire_station(name, self.clock.now()).await? {
            Ok(())
        } else {
            Err(Error::NotFound)
        }
    }

    /// Starts a shift: the member's password and their authenticator's code, both always, each
    /// refused the same way, and a station's key when the shift is at a staffed station (a key
    /// that is not a station's in service is refused the same way too). Throttled per username
    /// and per address before anything is compared.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &Secret<String>,
        code: &Secret<String>,
        station_key: Option<&Secret<String>>,
        meta: &RequestMeta,
    ) -> Result<StaffGrant, Error> {
        let now = self.clock.now();
        if let Some(ip) = &meta.ip {
            self.throttle
                .hold(&format!("staff-sign-in:ip:{ip}"), self.settings.sign_ins_per_ip, now)
                .await?;
        }
        let name_key = format!("staff-sign-in:user:{}", self.keys.mac("staff", "", username));
        self.throttle.hold(&name_key, self.settings.sign_ins_per_username, now).await?;
        let station = match station_key {
            None => Some(None),
            Some(key) => self.store.station_by_key(&TokenHash::of(key)).await?.map(Some),
        };
        let member = self.store.staff_by_username(username).await?.filter(|m| !m.disabled);
        // The password is checked whatever the key, so that a refused key takes as long.
        let password_right = self
            .passwords
            .verify(password, member.as_ref().map(|m| m.password_hash.as_str()))
            .await?;
        let Some(station) = station else {
            // Worth an administrator's look: a retired station's key, or a mistyped one.
            tracing::warn!("staff sign-in refused: a key that is no station's in service");
            return Err(Error::InvalidCredentials);
        };
        let Some(member) = member.filter(|_| password_right) else {
            tracing::info!("staff sign-in refused");
            return Err(Error::InvalidCredentials);
        };
        let secret = self
            .seal
            .open(&member.totp_sealed, &member.username)
            .ok_or_else(|| Error::Internal("a staff authenticator does not open".into()))?;
        let step = totp::matching_step(secret.expose(), code.expose(), now);
        let fresh = match step {
            Some(step) => self.store.use_staff_totp_step(member.id, step).await?,
            None => false,
        };
        if !fresh {
            tracing::info!(staff_id = member.id, "staff sign-in refused at the second factor");
            return Err(Error::InvalidCredentials);
        }
        self.throttle.forget(&[name_key]).await?;
        let token = token(self.random.as_ref(), "rgt");
        let session = StaffSessionRecord {
            token_hash: TokenHash::of(&token),
            staff_id: member.id,
            created_at: now,
            expires_at: now + self.settings.shift_secs,
            station_id: station.as_ref().map(|s| s.id),
        };
        let detail = station.as_ref().map(|s| format!("station={}", s.name)).unwrap_or_default();
        let audit = self.record(&member, "sign_in", None, detail, meta);
        self.store.insert_staff_session(&session, &audit).await?;
        tracing::info!(staff_id = member.id, at_station = station.is_some(), "staff shift started");
        Ok(StaffGrant {
            token,
            member,
            expires_at: session.expires_at,
            station: station.map(|s| s.name),
        })
    }

    /// The shift a session token belongs to, while it lasts and is in use.
    pub async fn authenticate(&self, token: &Secret<String>) -> Result<Shift, Error> {
        self.store
            .touch_staff_session(&TokenHash::of(token), self.clock.now(), self.settings.idle_secs)
            .await?
            .ok_or(Error::Unauthenticated)
    }

    pub async fn sign_out(&self, token: &Secret<String>) -> Result<(), Error> {
        Ok(self.store.end_staff_session(&TokenHash::of(token), self.clock.now()).await?)
    }

    /// The queue: requests waiting for a reviewer, and those in review, oldest first.
    pub async fn queue(&self) -> Result<Vec<QueueItem>, Error> {
        let mut items = Vec::new();
        for request in self.store.support_queue(200).await? {
            items.push(QueueItem {
                claimed_by: self.name_of(request.claimed_by).await?,
                awaiting_second_approval: request.first_approval_by.is_some(),
                request_id: request.id,
                reference: request.reference,
                state: request.state,
                created_at: request.created_at,
            });
        }
        Ok(items)
    }

    /// Takes a request to review: one member of staff at a time.
    pub async fn claim(
        &self,
        member: &StaffMember,
        request_id: &str,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let request = self.store.support_request(request_id).await?.ok_or(Error::NotFound)?;
        let audit = self.record(member, "claim", Some(&request), String::new(), meta);
        let event = self.owner_event(&request, EventKind::SupportClaimed, EventOutcome::Ok);
        match self.store.claim_support_request(request_id, &audit, event.as_ref()).await? {
            ClaimOutcome::Claimed => Ok(()),
            ClaimOutcome::ClaimedByOther => Err(Error::AlreadyClaimed),
            ClaimOutcome::NotClaimable => Err(Error::RequestState),
        }
    }

    /// A request as its reviewer (or, while four eyes wait, a supervisor) sees it.
    pub async fn view(
        &self,
        member: &StaffMember,
        request_id: &str,
        meta: &RequestMeta,
    ) -> Result<StaffRequestView, Error> {
        let request = self.reviewable(member, request_id).await?;
        let now = self.clock.now();
        // What happened, the device and the account's devices are the person's: each look is
        // audited.
        let audit = self.record(member, "view_request", Some(&request), String::new(), meta);
        self.store.audit(&audit, None).await?;
        let account = match request.account_id {
            Some(id) => match self.store.account(id, now).await? {
                Some(account) => {
                    let devices = self
                        .store
                        .sessions_of(id, now)
                        .await?
                        .into_iter()
                        .filter_map(|s| s.device.name)
                        .collect();
                    Some(StaffAccountView {
                        display_name: account.display_name.clone(),
                        email: account.email.as_ref().map(|c| c.value.masked()),
                        phone: account.phone.as_ref().map(|c| c.value.masked()),
                        second_factor: account.second_factor,
                        devices,
                    })
                }
                None => None,
            },
            None => None,
        };
        let contact = self.support.contact(&request)?;
        let contact = match request.contact_channel {
            regain_protocol::ContactChannel::Email => crate::model::mask_email(&contact),
            regain_protocol::ContactChannel::Phone => crate::Phone::parse(&contact, None)
                .map(|p| p.masked())
                .unwrap_or_else(|_| "•••".to_owned()),
        };
        let proofs = self
            .store
            .support_proofs(&request.id)
            .await?
            .into_iter()
            .enumerate()
            .map(|(n, p)| ProofSummary {
                position: u32::try_from(n).unwrap_or(u32::MAX),
                kind: p.kind,
                content_type: p.content_type,
                erased: p.sealed.is_none(),
            })
            .collect();
        let mut notes = Vec::new();
        for (author, sealed, at) in self.store.support_notes(&request.id).await? {
            notes.push(StaffNoteView {
                author,
                text: self.support.open_text(&sealed, &request.id)?,
                created_at: at,
            });
        }
        Ok(StaffRequestView {
            reference: request.reference.clone(),
            state: request.state,
            created_at: request.created_at,
            account,
            contact,
            description: self.support.open_text(&request.description_sealed, &request.id)?,
            device: match &request.device_sealed {
                Some(sealed) => Some(self.support.open_text(sealed, &request.id)?),
                None => None,
            },
            proofs,
            notes,
            claimed_by: self.name_of(request.claimed_by).await?,
            first_approval_by: self.name_of(request.first_approval_by).await?,
            request_id: request.id,
        })
    }

    /// One proof: blurred, or clear (and then audited, and in the owner's activity).
    pub async fn proof(
        &self,
        member: &StaffMember,
        request_id: &str,
        position: usize,
        clear: bool,
        meta: &RequestMeta,
    ) -> Result<CleanFile, Error> {
        let request = self.reviewable(member, request_id).await?;
        let mut files = self.support.open_proofs(&request.id).await?;
        if position >= files.len() {
            return Err(Error::NotFound);
        }
        let (_, file) = files.swap_remove(position);
        if !clear {
            let audit = self.record(
                member,
                "view_proof_blurred",
                Some(&request),
                format!("position={position}"),
                meta,
            );
            self.store.audit(&audit, None).await?;
            let png = tokio::task::spawn_blocking(move || proofs::blurred(&file))
                .await
                .map_err(|e| Error::Internal(format!("blurring a proof: {e}")))?
                .map_err(|_| Error::Internal("a kept proof does not decode".into()))?;
            return Ok(CleanFile { content_type: "image/png", bytes: png });
        }
        let audit =
            self.record(member, "view_proof", Some(&request), format!("position={position}"), meta);
        let event = self.owner_event(&request, EventKind::SupportProofViewed, EventOutcome::Ok);
        self.store.audit(&audit, event.as_ref()).await?;
        tracing::info!(staff_id = member.id, request_id = %request.id, position, "proof viewed unblurred");
        Ok(file)
    }

    /// An internal note: for staff only, never for the customer or the account's owner.
    pub async fn note(
        &self,
        member: &StaffMember,
        request_id: &str,
        text: &str,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let request = self.reviewable(member, request_id).await?;
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_NOTE {
            return Err(Error::InvalidField { field: "text", reason: "one_to_2000" });
        }
        let sealed = self.support.seal_text(text, &request.id);
        let audit = self.record(member, "note", Some(&request), String::new(), meta);
        self.store.add_support_note(&request.id, member.id, &sealed, &audit).await?;
        Ok(())
    }

    /// The reviewer's decision. Approve needs an approving reason and the checklist's
    /// document item with one more; deny needs a denying reason. An approval for an account
    /// with a second factor or recent recovery activity waits for a supervisor; otherwise it
    /// starts the assisted recovery now. An identifier that named no account is closed. What
    /// was seen in person (the checklist's item, the reason) only a shift at a staffed
    /// station may record.
    pub async fn decide(
        &self,
        shift: &Shift,
        request_id: &str,
        decision: &DecisionRequest,
        meta: &RequestMeta,
    ) -> Result<Decided, Error> {
        let member = &shift.member;
        let approve = decision.verdict == Verdict::Approve;
        if decision.reason.approves() != approve {
            return Err(Error::InvalidField { field: "reason", reason: "does_not_fit_verdict" });
        }
        in_person_at_station(shift, decision.reason, decision.checklist)?;
        if approve && !enough(decision.checklist) {
            return Err(Error::InvalidField { field: "checklist", reason: "not_enough_checked" });
        }
        let now = self.clock.now();
        let request = self.store.support_request(request_id).await?.ok_or(Error::NotFound)?;
        if request.claimed_by != Some(member.id) {
            return Err(Error::NotPermitted);
        }
        if request.state != SupportState::InReview || request.first_approval_by.is_some() {
            return Err(Error::RequestState);
        }
        let verdict = verdict_text(decision, shift.station.as_deref());
        let step = DecisionStep::First { reviewer: member.id };
        let audit = self.record(member, "decision", Some(&request), verdict.clone(), meta);
        let account = match request.account_id {
            Some(id) => self.store.account(id, now).await?,
            None => None,
        };
        let (outcome, mut applied) = match (approve, &account) {
            (false, _) => (
                DecisionOutcome::Denied,
                self.decision(&request, step, SupportState::Denied, true, verdict, audit),
            ),
            (true, None) => (
                DecisionOutcome::ClosedWithoutEffect,
                self.decision(&request, step, SupportState::Closed, true, verdict, audit),
            ),
            (true, Some(account)) if self.needs_four_eyes(account, now).await? => {
                let mut waiting =
                    self.decision(&request, step, SupportState::InReview, false, verdict, audit);
                waiting.first_approval_by = Some(member.id);
                (DecisionOutcome::AwaitingSecondApproval, waiting)
            }
            (true, Some(account)) => {
                let started =
                    self.decision(&request, step, SupportState::Approved, true, verdict, audit);
                (DecisionOutcome::RecoveryStarted, self.start_recovery(started, account, false))
            }
        };
        if account.is_some() {
            let outcome = if approve { EventOutcome::Ok } else { EventOutcome::Refused };
            if let Some(event) = self.owner_event(&request, EventKind::SupportDecided, outcome) {
                applied.events.insert(0, event);
            }
        }
        self.apply(&applied).await?;
        tracing::info!(staff_id = member.id, request_id = %request.id, ?outcome, "support request decided");
        Ok(Decided {
            outcome,
            state: applied.state,
            wait_ends_at: applied.recovery.as_ref().map(|r| r.wait_ends_at),
        })
    }

    /// A supervisor's second review, by anyone but the first approver: an approval starts the
    /// assisted recovery (approved by four eyes), a refusal denies the request.
    pub async fn second_review(
        &self,
        shift: &Shift,
        request_id: &str,
        review: &SecondReviewRequest,
        meta: &RequestMeta,
    ) -> Result<Decided, Error> {
        let member = &shift.member;
        let approve = review.verdict == Verdict::Approve;
        if review.reason.approves() != approve {
            return Err(Error::InvalidField { field: "reason", reason: "does_not_fit_verdict" });
        }
        in_person_at_station(shift, review.reason, Checklist::default())?;
        if member.role != StaffRole::Supervisor {
            return Err(Error::NotPermitted);
        }
        let now = self.clock.now();
        let request = self.store.support_request(request_id).await?.ok_or(Error::NotFound)?;
        let Some(first) = request.first_approval_by else {
            return Err(Error::RequestState);
        };
        if first == member.id {
            return Err(Error::NotPermitted);
        }
        let account = match request.account_id {
            Some(id) => self.store.account(id, now).await?,
            None => None,
        }
        .ok_or(Error::RequestState)?;
        let (action, verdict) =
            if approve { ("second_approval", "approve") } else { ("second_refusal", "deny") };
        let mut detail = format!("verdict={verdict} reason={}", review.reason.as_str());
        if let Some(station) = &shift.station {
            detail.push_str(&format!(" station={station}"));
        }
        let audit = self.record(member, action, Some(&request), detail, meta);
        let (state, outcome) = if approve {
            (SupportState::Approved, DecisionOutcome::RecoveryStarted)
        } else {
            (SupportState::Denied, DecisionOutcome::Denied)
        };
        let step = DecisionStep::Second { approver: member.id };
        let reviewed = self.decision(&request, step, state, true, String::new(), audit);
        let applied = if approve {
            self.start_recovery(reviewed, &account, true)
        } else {
            let mut denied = reviewed;
            denied.events.extend(self.owner_event(
                &request,
                EventKind::SupportDecided,
                EventOutcome::Refused,
            ));
            denied
        };
        self.apply(&applied).await?;
        tracing::info!(staff_id = member.id, request_id = %request.id, ?outcome, "second review");
        Ok(Decided {
            outcome,
            state,
            wait_ends_at: applied.recovery.as_ref().map(|r| r.wait_ends_at),
        })
    }

    /// The staff audit, newest first (the operator's `staff audit`).
    pub async fn audit(
        &self,
        request_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredAudit>, Error> {
        Ok(self.store.staff_audit(request_id, limit).await?)
    }

    /// Runs what time decides: sends the pass of every recovery whose waiting period is over,
    /// and erases the files of requests decided longer ago than the retention period. Returns
    /// (passes sent, requests whose files were erased).
    pub async fn tick(&self) -> Result<(usize, u64), Error> {
        let now = self.clock.now();
        let mut sent = 0;
        for due in self.store.due_assisted_recoveries(now).await? {
            match self.send_pass(&due, now).await {
                Ok(true) => sent += 1,
                Ok(false) => {}
                // One recovery that cannot be sent holds up neither the others nor retention.
                Err(error) => {
                    tracing::error!(recovery_id = %due.id, %error, "a recovery pass could not be sent; trying again at the next tick");
                }
            }
        }
        if sent > 0 {
            self.notifier.wake();
        }
        let erased = self
            .store
            .erase_support_files(
                now - self.settings.retention_secs,
                now - UNCONFIRMED_KEPT_SECS,
                now,
            )
            .await?;
        if erased > 0 {
            tracing::info!(requests = erased, "support files erased after their retention period");
        }
        Ok((sent, erased))
    }

    /// Sends the pass of one recovery whose waiting period is over: `false` when it was sent
    /// (or cancelled) meanwhile.
    async fn send_pass(
        &self,
        due: &crate::store::AssistedRecovery,
        now: i64,
    ) -> Result<bool, Error> {
        let Some(request) = self.store.support_request(&due.request_id).await? else {
            return Ok(false);
        };
        let destination = self.support.contact(&request)?;
        let pass = token(self.random.as_ref(), "rgp");
        let link = self.notifier.link(&format!("/support/pass?pass={}", pass.expose()));
        let hours_valid = u32::try_from(self.settings.pass_ttl_secs / 3600).unwrap_or(24);
        let message = self.notifier.queue(
            &Template::AssistedRecoveryPass { pass_link: Secret::new(link), hours_valid },
            &destination,
            Language::negotiate(&request.locale),
            now,
            false,
        );
        let event = SecurityEvent::of_account(
            due.account_id,
            EventKind::AssistedRecoveryPassSent,
            EventOutcome::Ok,
            &RequestMeta::default(),
            now,
        );
        let pass_hash = TokenHash::of(&pass);
        let expires_at = now + self.settings.pass_ttl_secs;
        let sent = self
            .store
            .send_assisted_pass(&due.id, &pass_hash, expires_at, &message, &event)
            .await?;
        if sent {
            tracing::info!(recovery_id = %due.id, "assisted recovery's waiting period over; pass sent");
        }
        Ok(sent)
    }

    /// The cancel link of an assisted recovery's notice: it stops, and the request closes.
    pub async fn cancel(
        &self,
        cancel_token: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        let account_id = self
            .store
            .cancel_assisted_by_link(&TokenHash::of(cancel_token), now)
            .await?
            .ok_or(Error::InvalidLink)?;
        let event = SecurityEvent::of_account(
            account_id,
            EventKind::AssistedRecoveryCancelled,
            EventOutcome::Ok,
            meta,
            now,
        );
        self.store.record_or_log(&event).await;
        tracing::warn!(account_id, "assisted recovery cancelled from a notice");
        Ok(())
    }

    /// Uses a recovery pass once: a recovery flow opens at its "choose a new password" step.
    pub async fn redeem(&self, pass: &Secret<String>) -> Result<Redeemed, Error> {
        let now = self.clock.now();
        let pass_hash = TokenHash::of(pass);
        let recovery =
            self.store.assisted_by_pass(&pass_hash, now).await?.ok_or(Error::InvalidLink)?;
        // Recovery never lowers an account's protection (S12): an account that has a second
        // factor now is reset by a pass only if two members of staff approved it. (A factor
        // set up after a single approval also cancelled the recovery; this holds regardless.)
        let account =
            self.store.account(recovery.account_id, now).await?.ok_or(Error::InvalidLink)?;
        if account.second_factor && !recovery.four_eyes {
            tracing::warn!(recovery_id = %recovery.id, "a pass approved by one member of staff refused for an account with a second factor");
            return Err(Error::InvalidLink);
        }
        let flow_id = public_id(self.random.as_ref(), "rf");
        let reset = token(self.random.as_ref(), "rgx");
        let reset_expires_at = now + PASS_FLOW_SECS;
        let flow = Flow {
            id: flow_id.clone(),
            account_id: Some(recovery.account_id),
            subject: self.keys.mac("subject", "", &format!("id:{}", recovery.account_id)),
            state: State::ChoosePassword,
            method: None,
            gates_required: 1,
            gates_passed: vec![MethodKind::SUPPORT_PASS],
            reset_mac: Some(self.keys.mac(
                crate::recovery::RESET_PURPOSE,
                &flow_id,
                reset.expose(),
            )),
            reset_expires_at: Some(reset_expires_at),
            created_at: now,
            expires_at: reset_expires_at,
            completed_at: None,
            version: 0,
        };
        if !self.store.redeem_assisted_pass(&pass_hash, &flow, now).await? {
            return Err(Error::InvalidLink);
        }
        tracing::info!(flow_id = %flow_id, recovery_id = %recovery.id, "recovery pass used");
        Ok(Redeemed { flow_id, reset_token: reset, reset_expires_at })
    }

    /// The request if this member of staff may look at it: its reviewer, or a supervisor
    /// while four eyes wait.
    async fn reviewable(
        &self,
        member: &StaffMember,
        request_id: &str,
    ) -> Result<SupportRequest, Error> {
        let request = self.store.support_request(request_id).await?.ok_or(Error::NotFound)?;
        let second_look = member.role == StaffRole::Supervisor
            && request.first_approval_by.is_some()
            && request.state == SupportState::InReview;
        if request.claimed_by == Some(member.id) || second_look {
            Ok(request)
        } else {
            Err(Error::NotPermitted)
        }
    }

    /// Four eyes: the account has a second factor, or recovery activity (a recovery started,
    /// a password reset) in the window, other than this request.
    async fn needs_four_eyes(&self, account: &crate::Account, now: i64) -> Result<bool, Error> {
        if account.second_factor {
            return Ok(true);
        }
        let since = now - self.settings.four_eyes_window_secs;
        let recent = self.store.events(account.id, 500).await?.into_iter().any(|e| {
            e.at >= since
                && (e.kind == EventKind::PasswordReset.as_str()
                    || (e.kind == EventKind::RecoveryStarted.as_str()
                        && e.outcome == EventOutcome::Ok.as_str())
                    || e.kind == EventKind::AssistedRecoveryStarted.as_str())
        });
        Ok(recent)
    }

    fn decision(
        &self,
        request: &SupportRequest,
        step: DecisionStep,
        state: SupportState,
        decided: bool,
        verdict: String,
        audit: AuditRecord,
    ) -> SupportDecision {
        SupportDecision {
            request_id: request.id.clone(),
            step,
            state,
            first_approval_by: None,
            decided,
            verdict,
            recovery: None,
            messages: Vec::new(),
            audit,
            events: Vec::new(),
            now: self.clock.now(),
        }
    }

    /// Adds the assisted recovery to an approval: its cancel link to every confirmed contact
    /// of the account, its waiting period, and the owner's event.
    fn start_recovery(
        &self,
        mut decision: SupportDecision,
        account: &crate::Account,
        four_eyes: bool,
    ) -> SupportDecision {
        let now = decision.now;
        let cancel = token(self.random.as_ref(), "rgc");
        let link = self.notifier.link(&format!("/support/cancel?token={}", cancel.expose()));
        let wait_hours = u32::try_from(self.settings.wait_secs / 3600).unwrap_or(72);
        let template =
            Template::AssistedRecoveryStarted { wait_hours, cancel_link: Secret::new(link) };
        let locale = Language::negotiate(&account.locale);
        decision.messages = account
            .confirmed_contacts()
            .iter()
            .map(|to| self.notifier.queue(&template, to, locale, now, false))
            .collect();
        decision.recovery = Some(NewAssistedRecovery {
            id: public_id(self.random.as_ref(), "ar"),
            account_id: account.id,
            four_eyes,
            cancel_hash: TokenHash::of(&cancel),
            wait_ends_at: now + self.settings.wait_secs,
        });
        decision.events.push(SecurityEvent::of_account(
            account.id,
            EventKind::AssistedRecoveryStarted,
            EventOutcome::Ok,
            &RequestMeta::default(),
            now,
        ));
        decision
    }

    async fn apply(&self, decision: &SupportDecision) -> Result<(), Error> {
        if !self.store.decide_support_request(decision).await? {
            return Err(Error::RequestState);
        }
        if !decision.messages.is_empty() {
            self.notifier.wake();
        }
        Ok(())
    }

    fn record(
        &self,
        member: &StaffMember,
        action: &str,
        request: Option<&SupportRequest>,
        detail: String,
        meta: &RequestMeta,
    ) -> AuditRecord {
        AuditRecord {
            staff_id: member.id,
            action: action.to_owned(),
            request_id: request.map(|r| r.id.clone()),
            account_id: request.and_then(|r| r.account_id),
            detail,
            ip: meta.ip.clone(),
            at: self.clock.now(),
        }
    }

    /// The event the account's owner sees for a staff action on a request for their account
    /// (none for an identifier that named no account). Staff's address is not in it.
    fn owner_event(
        &self,
        request: &SupportRequest,
        kind: EventKind,
        outcome: EventOutcome,
    ) -> Option<SecurityEvent> {
        request.account_id.map(|account_id| {
            SecurityEvent::of_account(
                account_id,
                kind,
                outcome,
                &RequestMeta::default(),
                self.clock.now(),
            )
        })
    }

    async fn name_of(&self, staff_id: Option<u64>) -> Result<Option<String>, Error> {
        Ok(match staff_id {
            Some(id) => self.store.staff_member(id).await?.map(|m| m.username),
            None => None,
        })
    }
}

/// An approval's checklist: the document against the account's name, and one more match.
fn enough(checklist: Checklist) -> bool {
    checklist.document_matches_name && checklist.ticked() >= 2
}

/// What only a member of staff face to face with the customer can know (their identity
/// document seen in person) is recorded only from a shift at a staffed station: a reviewer at
/// a desk elsewhere cannot tick it, whatever their screen offers.
fn in_person_at_station(
    shift: &Shift,
    reason: ReasonCode,
    checklist: Checklist,
) -> Result<(), Error> {
    if shift.station.is_some() {
        return Ok(());
    }
    if checklist.id_seen_in_person {
        return Err(Error::InvalidField { field: "checklist", reason: "station_only" });
    }
    if reason == ReasonCode::VerifiedInPerson {
        return Err(Error::InvalidField { field: "reason", reason: "station_only" });
    }
    Ok(())
}

/// A decision as the record keeps it: verdict, reason, the items ticked, and the station.
fn verdict_text(decision: &DecisionRequest, station: Option<&str>) -> String {
    let c = decision.checklist;
    let ticked: Vec<&str> = [
        (c.document_matches_name, "document_matches_name"),
        (c.receipt_matches_device, "receipt_matches_device"),
        (c.device_id_matches, "device_id_matches"),
        (c.id_seen_in_person, "id_seen_in_person"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    let verdict = match decision.verdict {
        Verdict::Approve => "approve",
        Verdict::Deny => "deny",
    };
    let mut text = format!(
        "verdict={verdict} reason={} checklist={}",
        decision.reason.as_str(),
        ticked.join(",")
    );
    if let Some(station) = station {
        text.push_str(&format!(" station={station}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approval_needs_the_document_and_one_more_match() {
        let document = Checklist { document_matches_name: true, ..Checklist::default() };
        assert!(!enough(document));
        assert!(!enough(Checklist {
            receipt_matches_device: true,
            device_id_matches: true,
            ..Checklist::default()
        }));
        assert!(enough(Checklist { device_id_matches: true, ..document }));
        assert!(enough(Checklist { id_seen_in_person: true, ..document }));
    }
}
