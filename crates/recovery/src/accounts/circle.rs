//! Recovery contacts (SECURITY.md S29): other Regain accounts the owner trusts to vouch for them
//! when every other way into the account is lost, Apple's and Google's recovery contacts done
//! so that no one of them can take the account. The owner invites up to five by email, phone or
//! account ID; each answers in their own signed-in app; the owner chooses how many must vouch,
//! from two up, or one only when they have exactly one contact and confirm the weaker choice.
//!
//! Inviting never says whether the identifier names an account: an invitation to nobody is
//! shown like any other and lapses unanswered. Inviting needs a recent sign-in and is a change
//! to how the account can be recovered, so every confirmed contact of the owner is told, with
//! "this wasn't me" (S18); an acceptance and a step-down are told to the owner too. Every step
//! is an event of the owner's.

use regain_courier::{Language, Template};
use regain_protocol::{
    EventKind, EventOutcome, RecoveryContactState, RecoveryContactView, RecoveryContactsView,
    VouchRequestView, VouchingForView, MAX_RECOVERY_CONTACTS,
};

use super::Accounts;
use crate::events::SecurityEvent;
use crate::model::vouches_needed;
use crate::secrets::public_id;
use crate::store::{CircleChange, CircleMember, CircleState, Invited, Undo};
use crate::{Account, Error, Identifier, RequestMeta, Session};
use regain_protocol::VOUCH_CODE_ATTEMPTS as ASK_ATTEMPTS;

/// How many of a circle accepted: those who can vouch.
pub(super) fn accepted(circle: &[CircleMember]) -> u32 {
    let active = circle.iter().filter(|m| m.state == CircleState::Active).count();
    u32::try_from(active).unwrap_or(u32::MAX)
}

impl Accounts {
    /// Invites the account `identifier` names to be one of the signed-in owner's recovery
    /// contacts. Answers the same whether it names one, none, or the owner's own.
    pub async fn invite_recovery_contact(
        &self,
        session: &Session,
        identifier: &str,
        region: Option<&str>,
        meta: &RequestMeta,
    ) -> Result<RecoveryContactView, Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let identifier = Identifier::parse(identifier.trim(), region)
            .map_err(|_| Error::InvalidField { field: "identifier", reason: "invalid" })?;
        let owner = self.account(session.account_id).await?;
        self.throttle
            .hold(
                &format!("circle-invite:{}", owner.id),
                self.settings.circle_invites_per_owner,
                now,
            )
            .await?;
        // Only an account whose confirmed contact (or ID) this is: never one that merely
        // claimed someone else's address without confirming it.
        let invited = self
            .find(&identifier)
            .await?
            .filter(|account| account.id != owner.id && names_confirmed(account, &identifier));
        let member = CircleMember {
            id: public_id(self.random.as_ref(), "rc"),
            owner_id: owner.id,
            contact_id: invited.as_ref().map(|account| account.id),
            invited_key: self.keys.mac("circle", "", &canonical(&identifier)),
            invited_as: masked(&identifier),
            state: CircleState::Invited,
            created_at: now,
            answered_at: None,
            expires_at: now + self.settings.circle_invitation_ttl_secs,
        };
        let notices = self
            .notifier
            .notices(&owner, false, now, |not_me_link| Template::CircleInvited {
                invited_as: member.invited_as.clone(),
                not_me_link,
            })
            .undoing(Undo::EndCircleMember { id: member.id.clone() });
        let mut messages = Vec::new();
        if let Some(invited) = &invited {
            let invitation = Template::CircleInvitation { from_name: owner.display_name.clone() };
            let locale = Language::negotiate(&invited.locale);
            messages.extend(
                invited
                    .confirmed_contacts()
                    .iter()
                    .map(|to| self.notifier.queue(&invitation, to, locale, now, false)),
            );
        }
        let event = SecurityEvent::of_account(
            owner.id,
            EventKind::RecoveryContactInvited,
            EventOutcome::Ok,
            meta,
            now,
        );
        let change =
            CircleChange { events: &[event], messages: &messages, notices: Some(&notices) };
        match self.store.invite_to_circle(&member, MAX_RECOVERY_CONTACTS, now, change).await? {
            Invited::Invited => {
                self.notifier.wake();
                tracing::info!(account_id = owner.id, "recovery contact invited");
                Ok(RecoveryContactView {
                    id: member.id,
                    state: RecoveryContactState::Invited,
                    name: None,
                    invited_as: member.invited_as,
                    since: now,
                })
            }
            // Invited under this identifier already: that invitation, as the list shows it.
            Invited::AlreadyInvited => {
                let circle = self.store.circle_of(owner.id, now).await?;
                match circle.iter().find(|stored| stored.invited_key == member.invited_key) {
                    Some(stored) => self.contact_view(stored, now).await,
                    None => Err(Error::RequestState),
                }
            }
            Invited::Full => Err(Error::InvalidField { field: "identifier", reason: "too_many" }),
        }
    }

    /// The signed-in account's recovery contacts and how many must vouch, and the accounts it
    /// vouches for or is asked to.
    pub async fn recovery_contacts(
        &self,
        session: &Session,
    ) -> Result<RecoveryContactsView, Error> {
        let now = self.clock.now();
        let account_id = session.account_id;
        let circle = self.store.circle_of(account_id, now).await?;
        let mut contacts = Vec::with_capacity(circle.len());
        for member in &circle {
            contacts.push(self.contact_view(member, now).await?);
        }
        let accepted = accepted(&circle);
        let chosen = self.store.vouch_threshold(account_id).await?;
        let (mut vouching_for, mut invitations) = (Vec::new(), Vec::new());
        for member in self.store.circles_joined(account_id, now).await? {
            let Some(owner) = self.store.account(member.owner_id, now).await? else { continue };
            let view = VouchingForView {
                id: member.id.clone(),
                name: owner.display_name,
                since: member.answered_at.unwrap_or(member.created_at),
            };
            match member.state {
                CircleState::Active => vouching_for.push(view),
                _ => invitations.push(view),
            }
        }
        let vouch_requests = self
            .store
            .asks_for(account_id, now)
            .await?
            .into_iter()
            .map(|ask| VouchRequestView {
                id: ask.ask.id,
                name: ask.owner_name,
                asked_at: ask.ask.created_at,
                expires_at: ask.ask.expires_at,
                attempts_left: ASK_ATTEMPTS.saturating_sub(ask.attempts),
            })
            .collect();
        Ok(RecoveryContactsView {
            contacts,
            threshold: vouches_needed(accepted, chosen),
            chosen_threshold: chosen.map(|(k, _)| k),
            weaker_confirmed: chosen.is_some_and(|(k, weaker)| k == 1 && weaker),
            vouching_for,
            invitations,
            vouch_requests,
        })
    }

    /// The invited account's answer: accept (they can vouch from now on; the owner is told) or
    /// decline.
    pub async fn answer_recovery_invitation(
        &self,
        session: &Session,
        member_id: &str,
        accept: bool,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        let member =
            self.member_for(member_id, |m| m.contact_id == Some(session.account_id)).await?;
        let contact = self.account(session.account_id).await?;
        let Some(owner) = self.store.account(member.owner_id, now).await? else {
            return Err(Error::NotFound);
        };
        // An acceptance is the owner's event (without the contact's address or device); a
        // decline is the contact's own, and the owner's list goes on showing the invitation as
        // waiting until it lapses, as one to nobody does.
        let (event, messages) = if accept {
            let event = SecurityEvent::of_account(
                owner.id,
                EventKind::RecoveryContactAnswered,
                EventOutcome::Ok,
                &RequestMeta::default(),
                now,
            );
            let told = Template::CircleAccepted { name: contact.display_name };
            (event, to_owner(self, &owner, &told, now))
        } else {
            let event = SecurityEvent::of_account(
                contact.id,
                EventKind::RecoveryContactAnswered,
                EventOutcome::Refused,
                meta,
                now,
            );
            (event, Vec::new())
        };
        let to = if accept { CircleState::Active } else { CircleState::Declined };
        let change = CircleChange { events: &[event], messages: &messages, notices: None };
        if !self.store.move_circle_member(&member.id, CircleState::Invited, to, now, change).await?
        {
            return Err(Error::RequestState);
        }
        self.notifier.wake();
        tracing::info!(account_id = owner.id, accept, "recovery contact invitation answered");
        Ok(())
    }

    /// A contact steps down from vouching for someone; the owner is told at once.
    pub async fn step_down_as_recovery_contact(
        &self,
        session: &Session,
        member_id: &str,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        let member =
            self.member_for(member_id, |m| m.contact_id == Some(session.account_id)).await?;
        let contact = self.account(session.account_id).await?;
        let Some(owner) = self.store.account(member.owner_id, now).await? else {
            return Err(Error::NotFound);
        };
        let event = SecurityEvent::of_account(
            owner.id,
            EventKind::RecoveryContactRemoved,
            EventOutcome::Ok,
            &RequestMeta::default(),
            now,
        );
        // And the contact's own, with where they acted from, in their activity.
        let own = SecurityEvent::of_account(
            contact.id,
            EventKind::RecoveryContactRemoved,
            EventOutcome::Ok,
            meta,
            now,
        );
        let notice = Template::CircleSteppedDown { name: contact.display_name };
        let messages = to_owner(self, &owner, &notice, now);
        let change = CircleChange { events: &[event, own], messages: &messages, notices: None };
        let from = CircleState::Active;
        if !self
            .store
            .move_circle_member(&member.id, from, CircleState::SteppedDown, now, change)
            .await?
        {
            return Err(Error::RequestState);
        }
        self.notifier.wake();
        tracing::info!(account_id = owner.id, "recovery contact stepped down");
        Ok(())
    }

    /// The owner removes a recovery contact, or withdraws an invitation. Needs a recent
    /// sign-in: it changes who can vouch.
    pub async fn remove_recovery_contact(
        &self,
        session: &Session,
        member_id: &str,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let member = self
            .store
            .circle_member(member_id)
            .await?
            .filter(|m| m.owner_id == session.account_id && m.listed(now))
            .ok_or(Error::NotFound)?;
        let owner = self.account(session.account_id).await?;
        let event = SecurityEvent::of_account(
            owner.id,
            EventKind::RecoveryContactRemoved,
            EventOutcome::Ok,
            meta,
            now,
        );
        let notices = self.notifier.notices(&owner, false, now, |not_me_link| {
            Template::CircleRulesChanged { not_me_link }
        });
        let change = CircleChange { events: &[event], messages: &[], notices: Some(&notices) };
        if !self
            .store
            .move_circle_member(&member.id, member.state, CircleState::Removed, now, change)
            .await?
        {
            return Err(Error::RequestState);
        }
        tracing::info!(account_id = session.account_id, "recovery contact removed");
        Ok(())
    }

    /// How many accepted contacts must vouch: from 2 to how many accepted, or 1 when exactly
    /// one accepted and the owner confirms the weaker choice. Needs a recent sign-in.
    pub async fn set_vouch_threshold(
        &self,
        session: &Session,
        threshold: u32,
        confirm_weaker: bool,
        meta: &RequestMeta,
    ) -> Result<RecoveryContactsView, Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let accepted = accepted(&self.store.circle_of(session.account_id, now).await?);
        let allowed = match threshold {
            1 => accepted == 1,
            k => (2..=accepted).contains(&k),
        };
        if !allowed {
            return Err(Error::InvalidField { field: "threshold", reason: "out_of_range" });
        }
        if threshold == 1 && !confirm_weaker {
            return Err(Error::InvalidField { field: "confirm_weaker", reason: "required" });
        }
        let event = SecurityEvent::of_account(
            session.account_id,
            EventKind::VouchThresholdChanged,
            EventOutcome::Ok,
            meta,
            now,
        );
        let weaker = threshold == 1 && confirm_weaker;
        let owner = self.account(session.account_id).await?;
        let notices = self.notifier.notices(&owner, false, now, |not_me_link| {
            Template::CircleRulesChanged { not_me_link }
        });
        let change = CircleChange { events: &[event], messages: &[], notices: Some(&notices) };
        self.store.set_vouch_threshold(owner.id, threshold, weaker, now, change).await?;
        self.recovery_contacts(session).await
    }

    /// One of the owner's contacts as their list shows it: the name once accepted.
    async fn contact_view(
        &self,
        member: &CircleMember,
        now: i64,
    ) -> Result<RecoveryContactView, Error> {
        let active = member.state == CircleState::Active;
        let name = match (active, member.contact_id) {
            (true, Some(id)) => self.store.account(id, now).await?.map(|a| a.display_name),
            _ => None,
        };
        Ok(RecoveryContactView {
            id: member.id.clone(),
            state: if active {
                RecoveryContactState::Active
            } else {
                RecoveryContactState::Invited
            },
            name,
            invited_as: member.invited_as.clone(),
            since: member.answered_at.unwrap_or(member.created_at),
        })
    }

    /// A live member that `mine` says this session may act on; `not_found` for any other, so
    /// that nobody learns of another's circle.
    async fn member_for(
        &self,
        member_id: &str,
        mine: impl Fn(&CircleMember) -> bool,
    ) -> Result<CircleMember, Error> {
        let now = self.clock.now();
        self.store
            .circle_member(member_id)
            .await?
            .filter(|member| member.live(now) && mine(member))
            .ok_or(Error::NotFound)
    }
}

/// A notice to every confirmed contact of the owner.
fn to_owner(
    accounts: &Accounts,
    owner: &Account,
    template: &Template,
    now: i64,
) -> Vec<crate::store::QueuedMessage> {
    let locale = Language::negotiate(&owner.locale);
    owner
        .confirmed_contacts()
        .iter()
        .map(|to| accounts.notifier.queue(template, to, locale, now, false))
        .collect()
}

/// Whether `identifier` names `account` by a confirmed contact, or by its ID.
fn names_confirmed(account: &Account, identifier: &Identifier) -> bool {
    let confirmed = account.confirmed_contacts();
    match identifier {
        Identifier::Email(email) => confirmed.iter().any(|c| c == email.expose()),
        Identifier::Phone(phone) => confirmed.iter().any(|c| c == phone.expose()),
        Identifier::PhoneOrAccountId(phone, id) => {
            account.id == *id || confirmed.iter().any(|c| c == phone.expose())
        }
        Identifier::AccountId(id) => account.id == *id,
    }
}

/// The identifier in one form whatever way it was typed, for its keyed hash.
fn canonical(identifier: &Identifier) -> String {
    match identifier {
        Identifier::Email(email) => format!("email:{}", email.expose()),
        Identifier::Phone(phone) | Identifier::PhoneOrAccountId(phone, _) => {
            format!("phone:{}", phone.expose())
        }
        Identifier::AccountId(id) => format!("id:{id}"),
    }
}

/// The identifier as the owner sees it in their list: masked, as every contact detail is.
fn masked(identifier: &Identifier) -> String {
    match identifier {
        Identifier::Email(email) => email.masked(),
        Identifier::Phone(phone) | Identifier::PhoneOrAccountId(phone, _) => phone.masked(),
        Identifier::AccountId(id) => {
            let digits = id.to_string();
            format!("ID •••{}", &digits[digits.len().saturating_sub(3)..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_or_half_vouch_by_default_and_one_only_when_confirmed_for_a_single_contact() {
        assert_eq!(vouches_needed(0, None), None);
        assert_eq!(vouches_needed(1, None), None, "one contact is not enough by default");
        assert_eq!(vouches_needed(2, None), Some(2));
        assert_eq!(vouches_needed(3, None), Some(2), "2 of 3");
        assert_eq!(vouches_needed(4, None), Some(2));
        assert_eq!(vouches_needed(5, None), Some(3));
        assert_eq!(vouches_needed(1, Some((1, true))), Some(1), "the owner's confirmed choice");
        assert_eq!(vouches_needed(1, Some((1, false))), None);
        assert_eq!(vouches_needed(3, Some((1, true))), Some(2), "one only while there is one");
        assert_eq!(vouches_needed(5, Some((4, false))), Some(4));
        assert_eq!(vouches_needed(3, Some((4, false))), None, "never fewer than chosen");
    }
}
