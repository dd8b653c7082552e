//! The account's devices: each signed-in app is one, with the name and platform it gave and
//! the factors its sign-in used. The owner can sign one out, or mark it lost: a lost device is
//! locked, not signed out, so that the app on it shows a lock screen the next time it reaches
//! the service, even after a restart, until the account's current password (and second factor)
//! unlocks it. A reset leaves it locked, so after a recovery the new password unlocks it and
//! the old one does not.

use regain_courier::Template;
use regain_protocol::{EventKind, EventOutcome};

use super::Accounts;
use crate::events::SecurityEvent;
use crate::store::AccountChange;
use crate::{AuthMethod, Error, Grant, RequestMeta, Secret, Session, TokenHash};

impl Accounts {
    /// Signs one of the account's other devices out (this one signs out with `sign_out`).
    pub async fn sign_out_device(
        &self,
        session: &Session,
        device: &str,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.other_device(session, device)?;
        let event = SecurityEvent::of_account(
            session.account_id,
            EventKind::DeviceSignedOut,
            EventOutcome::Ok,
            meta,
            now,
        );
        if !self.store.revoke_device(session.account_id, device, &event).await? {
            return Err(Error::NotFound);
        }
        tracing::info!(account_id = session.account_id, session_id = %device, "device signed out by its owner");
        Ok(())
    }

    /// Marks one of the account's other devices lost: it is locked at once, and every
    /// confirmed contact is told (S18). No recent sign-in is asked: locking is what a person
    /// who just lost a phone needs at once, and it takes nothing from the owner.
    pub async fn mark_lost(
        &self,
        session: &Session,
        device: &str,
        meta: &RequestMeta,
    ) -> Result<(), Error> {
        let now = self.other_device(session, device)?;
        let account = self.account(session.account_id).await?;
        let change = AccountChange {
            account_id: account.id,
            now,
            event: SecurityEvent::of_account(
                account.id,
                EventKind::DeviceMarkedLost,
                EventOutcome::Ok,
                meta,
                now,
            ),
            notices: self.notifier.notices(&account, false, now, |not_me_link| {
                Template::DeviceMarkedLost { not_me_link }
            }),
        };
        if !self.store.lock_device(device, &change).await? {
            return Err(Error::NotFound);
        }
        self.notifier.wake();
        tracing::info!(account_id = account.id, session_id = %device, "device marked lost and locked");
        Ok(())
    }

    /// Refuses this device as the subject of a change meant for another; the time otherwise.
    fn other_device(&self, session: &Session, device: &str) -> Result<i64, Error> {
        if device == session.id {
            return Err(Error::InvalidField { field: "session_id", reason: "this_device" });
        }
        Ok(self.clock.now())
    }

    /// Unlocks a device marked lost, from that device (its refresh token names it), with the
    /// account's current password and, for an account with a second factor, a code of it.
    /// Tries are throttled per account and each is an event the owner sees.
    pub async fn unlock(
        &self,
        refresh_token: &Secret<String>,
        password: &Secret<String>,
        factor: Option<(AuthMethod, &Secret<String>)>,
        meta: &RequestMeta,
    ) -> Result<Grant, Error> {
        let now = self.clock.now();
        let session = self
            .store
            .session_by_refresh(&TokenHash::of(refresh_token), now)
            .await?
            .ok_or(Error::InvalidRefreshToken)?;
        if session.locked_at.is_none() {
            return Err(Error::NothingToConfirm);
        }
        let account = self.account(session.account_id).await?;
        let keys = self.proof_keys("unlock", account.id);
        if let Some(retry_after_secs) = self.take_proof(&keys, now).await? {
            return Err(Error::RateLimited { retry_after_secs });
        }
        let refused = |method: AuthMethod| SecurityEvent {
            account_id: Some(account.id),
            method: Some(method.as_str().to_owned()),
            ..SecurityEvent::from_request(
                EventKind::DeviceUnlocked,
                EventOutcome::Refused,
                meta,
                now,
            )
        };
        if !self.passwords.verify(password, Some(&account.password_hash)).await? {
            self.record(&refused(AuthMethod::Password)).await;
            return Err(Error::InvalidField { field: "password", reason: "invalid" });
        }
        let mut method = AuthMethod::Password;
        if account.second_factor {
            let Some((factor, code)) = factor else {
                return Err(Error::InvalidField { field: "code", reason: "required" });
            };
            let outcome = self.factors.check(factor, account.id, code, now).await?;
            if let Err(error) = outcome.into_result() {
                self.record(&refused(factor)).await;
                return Err(error);
            }
            method = factor;
        }
        let (access, refresh, next) = self.fresh_tokens(now);
        let event = SecurityEvent {
            account_id: Some(account.id),
            method: Some(method.as_str().to_owned()),
            ..SecurityEvent::from_request(EventKind::DeviceUnlocked, EventOutcome::Ok, meta, now)
        };
        if !self.store.unlock_device(&session.id, &next, now, &event).await? {
            return Err(Error::NothingToConfirm);
        }
        self.throttle.forget(&keys).await?;
        tracing::info!(account_id = account.id, session_id = %session.id, "lost device unlocked");
        Ok(Grant {
            session_id: session.id,
            account_id: account.id,
            access_token: access,
            access_expires_at: next.access_expires_at,
            refresh_token: refresh,
            refresh_expires_at: session.refresh_expires_at,
        })
    }
}
