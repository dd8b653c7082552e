//! An account's contacts, kept current (SECURITY.md S18, S19, S20): a new email or phone is a
//! claim until its code comes back, and only then replaces the old one and counts for recovery;
//! a contact that is another account's confirmed one gets its owner a notice instead of a code.
//! Adding and removing need a recent sign-in; the last confirmed contact of an account without
//! a second factor cannot be removed; every change is an event and a notice to every contact
//! confirmed before it.

use regain_courier::{Language, Template};
use regain_protocol::{ContactChannel, EventKind, EventOutcome};

use super::Accounts;
use crate::events::SecurityEvent;
use crate::secrets::six_digit_code;
use crate::store::{
    AccountChange, ContactClaim, KeptContact, NewConfirmation, QueuedMessage, Undo,
};
use crate::{Account, AccountId, Email, Error, Phone, RequestMeta, Secret, Session};

const PURPOSE_CONFIRM_EMAIL: &str = "confirm-email";
const PURPOSE_CONFIRM_PHONE: &str = "confirm-phone";

/// A new contact as typed, parsed at the boundary.
#[derive(Debug, Clone)]
pub enum NewContact {
    Email(Email),
    Phone(Phone),
}

impl NewContact {
    fn channel(&self) -> ContactChannel {
        match self {
            Self::Email(_) => ContactChannel::Email,
            Self::Phone(_) => ContactChannel::Phone,
        }
    }

    fn value(&self) -> &str {
        match self {
            Self::Email(email) => email.expose(),
            Self::Phone(phone) => phone.expose(),
        }
    }
}

/// What a change did to a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContactEdit {
    Changed,
    Removed,
}

impl Accounts {
    /// Claims a new email or phone for the signed-in account, in place of the current one once
    /// its code comes back (`confirm_contact`). Until then nothing changes: the old contact
    /// still counts, the new one is used for nothing. Counted against the destination's budgets
    /// like every other message (S04, S20).
    pub async fn add_contact(&self, session: &Session, contact: NewContact) -> Result<(), Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let account = self.account(session.account_id).await?;
        let channel = contact.channel();
        let current = match channel {
            ContactChannel::Email => {
                account.email.as_ref().filter(|c| c.confirmed).map(|c| c.value.expose().to_owned())
            }
            ContactChannel::Phone => {
                account.phone.as_ref().filter(|c| c.confirmed).map(|c| c.value.expose().to_owned())
            }
        };
        if current.as_deref() == Some(contact.value()) {
            return Err(Error::InvalidField { field: "value", reason: "unchanged" });
        }
        let (domain, country_code) = match &contact {
            NewContact::Email(email) => {
                (email.expose().rsplit_once('@').map(|(_, d)| d.to_owned()), None)
            }
            NewContact::Phone(phone) => (None, Some(phone.country_code())),
        };
        self.throttle.take_send(contact.value(), country_code, now).await?;
        let locale = Language::negotiate(&account.locale);
        let (confirmation, message) =
            self.confirmation(account.id, channel, contact.value(), locale, now).await?;
        let claim = ContactClaim {
            account_id: account.id,
            channel,
            value: contact.value().to_owned(),
            domain,
            country_code,
            created_at: now,
            expires_at: now + self.settings.unconfirmed_contact_ttl_secs,
        };
        self.store.claim_contact(&claim, &confirmation, &message).await?;
        self.notifier.wake();
        tracing::info!(
            account_id = account.id,
            ?channel,
            "new contact claimed; its code is on its way"
        );
        Ok(())
    }

    /// Removes the account's email or phone (or the new one still waiting for its code). The
    /// last confirmed contact stays while the account has no second factor: it would leave the
    /// owner no way back but the support queue.
    pub async fn remove_contact(
        &self,
        session: &Session,
        channel: ContactChannel,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        session.ensure_recent(now)?;
        let account = self.account(session.account_id).await?;
        let confirmed = match channel {
            ContactChannel::Email => account.email.as_ref().is_some_and(|c| c.confirmed),
            ContactChannel::Phone => account.phone.as_ref().is_some_and(|c| c.confirmed),
        };
        let claimed = unconfirmed_destination(&account, channel).is_some();
        if !confirmed && !claimed {
            return Err(Error::NothingToConfirm);
        }
        if confirmed && account.confirmed_count() == 1 && !account.second_factor {
            return Err(Error::LastContact);
        }
        let change = confirmed
            .then(|| self.contact_change(&account, channel, ContactEdit::Removed, now, meta));
        if !self.store.remove_contact(account.id, channel, now, change.as_ref()).await? {
            return Err(Error::LastContact);
        }
        if change.is_some() {
            self.notifier.wake();
        }
        tracing::info!(account_id = account.id, ?channel, confirmed, "contact removed");
        Ok(())
    }

    /// Drops a new email or phone still waiting for its code; the confirmed one stays. Nothing
    /// changed, so nobody is told.
    pub async fn cancel_contact_change(
        &self,
        session: &Session,
        channel: ContactChannel,
    ) -> Result<(), Error> {
        let now = self.clock.now();
        let account = self.account(session.account_id).await?;
        if unconfirmed_destination(&account, channel).is_none() {
            return Err(Error::NothingToConfirm);
        }
        self.store.drop_claim(account.id, channel, now).await?;
        tracing::info!(account_id = account.id, ?channel, "new contact dropped before its code");
        Ok(())
    }

    /// The event and the notices of a change to a contact, to every contact confirmed before it
    /// (the one replaced or removed included), whose "this wasn't me" puts the contact of that
    /// channel back as it was.
    fn contact_change(
        &self,
        account: &Account,
        channel: ContactChannel,
        edit: ContactEdit,
        now: i64,
        meta: &RequestMeta,
    ) -> AccountChange {
        let email = channel == ContactChannel::Email;
        let kind = match (channel, edit) {
            (ContactChannel::Email, ContactEdit::Changed) => EventKind::EmailChanged,
            (ContactChannel::Phone, ContactEdit::Changed) => EventKind::PhoneChanged,
            (ContactChannel::Email, ContactEdit::Removed) => EventKind::EmailRemoved,
            (ContactChannel::Phone, ContactEdit::Removed) => EventKind::PhoneRemoved,
        };
        AccountChange {
            account_id: account.id,
            now,
            event: SecurityEvent::of_account(account.id, kind, EventOutcome::Ok, meta, now),
            notices: self
                .notifier
                .notices(account, false, now, |not_me_link| match edit {
                    ContactEdit::Changed => Template::ContactChanged { email, not_me_link },
                    ContactEdit::Removed => Template::ContactRemoved { email, not_me_link },
                })
                .undoing(Undo::RestoreContact {
                    channel,
                    previous: confirmed_contact(account, channel),
                }),
        }
    }

    /// A confirmation code for a contact claimed by `account_id`, and its message. When the
    /// contact is already another account's confirmed contact, the code is never sent: its
    /// owner gets a notice that someone tried to use it, in the owner's language, and the
    /// claim can only lapse. Both cases read the store once and queue one message.
    pub(super) async fn confirmation(
        &self,
        account_id: AccountId,
        channel: ContactChannel,
        destination: &str,
        locale: Language,
        now: i64,
    ) -> Result<(NewConfirmation, QueuedMessage), Error> {
        let owner = match channel {
            ContactChannel::Email => {
                self.store.account_by_email(&Email::from_stored(destination), now).await?
            }
            ContactChannel::Phone => match Phone::from_e164(destination) {
                Ok(phone) => self.store.account_by_phone(&phone, now).await?,
                Err(_) => None,
            },
        };
        let owner = match owner {
            Some(owner)
                if owner.id != account_id
                    && owner.confirmed_contacts().iter().any(|c| c == destination) =>
            {
                Some(owner)
            }
            Some(_) | None => None,
        };
        let code = six_digit_code(self.random.as_ref());
        let minutes_valid = u32::try_from(self.settings.code_ttl_secs / 60).unwrap_or(10);
        let purpose = match channel {
            ContactChannel::Email => PURPOSE_CONFIRM_EMAIL,
            ContactChannel::Phone => PURPOSE_CONFIRM_PHONE,
        };
        let (template, locale) = match (&owner, channel) {
            (Some(owner), _) => (Template::ContactClaimed, Language::negotiate(&owner.locale)),
            (None, ContactChannel::Email) => {
                (Template::ConfirmEmail { code: code.clone(), minutes_valid }, locale)
            }
            (None, ContactChannel::Phone) => {
                (Template::ConfirmPhone { code: code.clone(), minutes_valid }, locale)
            }
        };
        if owner.is_some() {
            tracing::info!(
                account_id,
                ?channel,
                "contact is another account's; its owner is told instead"
            );
        }
        let confirmation = NewConfirmation {
            account_id,
            channel,
            code_mac: self.keys.mac(purpose, &account_id.to_string(), code.expose()),
            created_at: now,
            expires_at: now + self.settings.code_ttl_secs,
        };
        Ok((confirmation, self.notifier.queue(&template, destination, locale, now, false)))
    }

    /// Sends a new confirmation code to an unconfirmed contact; the old code stops working.
    /// Counted against the destination's budgets like every other message (S04, S20).
    pub async fn resend_confirmation(
        &self,
        account_id: AccountId,
        channel: ContactChannel,
    ) -> Result<(), Error> {
        let account = self.account(account_id).await?;
        let destination =
            unconfirmed_destination(&account, channel).ok_or(Error::NothingToConfirm)?;
        let now = self.clock.now();
        if let Some(created_at) =
            self.store.live_confirmation_created_at(account_id, channel).await?
        {
            let wait = created_at + self.settings.resend_after_secs - now;
            if wait > 0 {
                return Err(Error::RateLimited { retry_after_secs: wait.unsigned_abs() });
            }
        }
        let country = match channel {
            ContactChannel::Email => None,
            ContactChannel::Phone => account.phone.as_ref().map(|c| c.value.country_code()),
        };
        self.throttle.take_send(&destination, country, now).await?;
        let locale = Language::negotiate(&account.locale);
        let (confirmation, message) =
            self.confirmation(account_id, channel, &destination, locale, now).await?;
        self.store.replace_confirmation(&confirmation, &message).await?;
        self.notifier.wake();
        Ok(())
    }

    /// Confirms a contact with the code sent to it. The attempt is counted before the code is
    /// compared; the comparison is constant-time; the code is consumed at most once.
    pub async fn confirm_contact(
        &self,
        account_id: AccountId,
        channel: ContactChannel,
        code: &Secret<String>,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let account = self.account(account_id).await?;
        if unconfirmed_destination(&account, channel).is_none() {
            return Err(Error::NothingToConfirm);
        }
        let code = regain_protocol::digits::normalize_code(code.expose());
        let now = self.clock.now();
        let pending = self
            .store
            .count_confirmation_attempt(account_id, channel)
            .await?
            .ok_or(Error::CodeExpired)?;
        if pending.expires_at <= now || pending.attempts > self.settings.code_max_attempts {
            return Err(Error::CodeExpired);
        }
        let purpose = match channel {
            ContactChannel::Email => PURPOSE_CONFIRM_EMAIL,
            ContactChannel::Phone => PURPOSE_CONFIRM_PHONE,
        };
        if !self.keys.verify(purpose, &account_id.to_string(), &code, &pending.code_mac) {
            tracing::info!(
                account_id,
                ?channel,
                attempts = pending.attempts,
                "wrong confirmation code"
            );
            return Err(Error::InvalidCode);
        }
        // Confirming a contact while another is confirmed is a change of how the owner is
        // reached (a replacement, or an addition): every contact confirmed before it is told.
        let change = (account.confirmed_count() > 0)
            .then(|| self.contact_change(&account, channel, ContactEdit::Changed, now, meta));
        if !self
            .store
            .consume_confirmation(pending.id, account_id, channel, now, change.as_ref())
            .await?
        {
            return Err(Error::CodeExpired);
        }
        if change.is_some() {
            self.notifier.wake();
        }
        tracing::info!(account_id, ?channel, "contact confirmed");
        Ok(())
    }
}

/// The account's confirmed contact of `channel`, as the store keeps it.
fn confirmed_contact(account: &Account, channel: ContactChannel) -> Option<KeptContact> {
    match channel {
        ContactChannel::Email => {
            account.email.as_ref().filter(|c| c.confirmed).map(|c| KeptContact {
                value: c.value.expose().to_owned(),
                domain: c.value.expose().rsplit_once('@').map(|(_, d)| d.to_owned()),
                country_code: None,
            })
        }
        ContactChannel::Phone => {
            account.phone.as_ref().filter(|c| c.confirmed).map(|c| KeptContact {
                value: c.value.expose().to_owned(),
                domain: None,
                country_code: Some(c.value.country_code()),
            })
        }
    }
}

/// The contact of `channel` waiting for its code: a claim, or a change beside a confirmed one.
fn unconfirmed_destination(account: &Account, channel: ContactChannel) -> Option<String> {
    match channel {
        ContactChannel::Email => {
            account.email_change.as_ref().map(|e| e.expose().to_owned()).or_else(|| {
                account.email.as_ref().filter(|c| !c.confirmed).map(|c| c.value.expose().to_owned())
            })
        }
        ContactChannel::Phone => {
            account.phone_change.as_ref().map(|p| p.expose().to_owned()).or_else(|| {
                account.phone.as_ref().filter(|c| !c.confirmed).map(|c| c.value.expose().to_owned())
            })
        }
    }
}
