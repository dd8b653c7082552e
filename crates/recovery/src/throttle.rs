//! Throttles (SECURITY.md S04, S20): sliding-window budgets counted in the store, so that every
//! server instance spends the same ones. Keys name what is counted (an identifier's MAC, a
//! destination's MAC, an address, a country prefix, an account), never a secret.

use std::sync::Arc;

use crate::secrets::CodeKey;
use crate::store::ThrottleStore;
use crate::Error;

/// A number of events allowed per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub limit: u32,
    pub window_secs: i64,
}

/// The budgets of every message out, whatever sends it (sign-up, a confirmation, recovery).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendBudgets {
    /// Codes and notices to one address or number.
    pub per_destination: Budget,
    /// Text messages to one country prefix: the brake on SMS toll fraud (S20).
    pub sms_per_country: Budget,
}

impl Default for SendBudgets {
    fn default() -> Self {
        Self {
            per_destination: Budget { limit: 10, window_secs: 3600 },
            sms_per_country: Budget { limit: 500, window_secs: 3600 },
        }
    }
}

/// Takes from budgets.
#[derive(Clone)]
pub struct Throttle {
    store: Arc<dyn ThrottleStore>,
    keys: CodeKey,
    sends: SendBudgets,
}

impl std::fmt::Debug for Throttle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Throttle").field("sends", &self.sends).finish_non_exhaustive()
    }
}

impl Throttle {
    pub fn new(store: Arc<dyn ThrottleStore>, keys: CodeKey, sends: SendBudgets) -> Self {
        Self { store, keys, sends }
    }

    /// A circuit breaker: counts one event under `key` in the current fixed window of `budget`,
    /// `rate_limited` until the next window once it is spent. For deployment-wide budgets set
    /// high, which a sliding count of one row per event would make cost more as they fill.
    pub async fn trip(&self, key: &str, budget: Budget, now: i64) -> Result<(), Error> {
        let window = budget.window_secs.max(1);
        let start = now - now.rem_euclid(window);
        if self.store.take_in_window(key, start, budget.limit).await? {
            return Ok(());
        }
        Err(Error::RateLimited { retry_after_secs: (start + window - now).max(1).unsigned_abs() })
    }

    /// Counts one event under `key`; the seconds to wait instead when its budget is spent.
    pub async fn take(&self, key: &str, budget: Budget, now: i64) -> Result<Option<u64>, Error> {
        let retry = self.store.take(key, now, budget.window_secs, budget.limit).await?;
        Ok(retry.map(|secs| secs.max(1).unsigned_abs()))
    }

    /// Counts one event under `key`, or refuses with the wait when its budget is spent.
    pub async fn hold(&self, key: &str, budget: Budget, now: i64) -> Result<(), Error> {
        match self.take(key, budget, now).await? {
            None => Ok(()),
            Some(retry_after_secs) => Err(Error::RateLimited { retry_after_secs }),
        }
    }

    /// Counts one event under `key` whatever its budget (failures, read by [`Self::spent`]).
    pub async fn record(&self, key: &str, window_secs: i64, now: i64) {
        if let Err(error) = self.store.take(key, now, window_secs, u32::MAX).await {
            tracing::warn!(%error, "a throttle event could not be recorded");
        }
    }

    /// Whether `key` used up `budget`, and if so the seconds until it has room again.
    pub async fn spent(&self, key: &str, budget: Budget, now: i64) -> Result<Option<u64>, Error> {
        let (count, oldest) = self.store.count(key, now, budget.window_secs).await?;
        if count < budget.limit {
            return Ok(None);
        }
        let retry = oldest.map_or(budget.window_secs, |at| at + budget.window_secs - now).max(1);
        Ok(Some(retry.unsigned_abs()))
    }

    pub async fn forget(&self, keys: &[String]) -> Result<(), Error> {
        Ok(self.store.forget(keys).await?)
    }

    /// The key a destination's messages are counted under: its MAC, never the address.
    pub fn destination_key(&self, destination: &str) -> String {
        self.keys.mac("destination", "", destination)
    }

    /// Counts one message to `destination` against its budget and, for a phone, against its
    /// country's; refused with the wait when either is spent.
    pub async fn take_send(
        &self,
        destination: &str,
        country_code: Option<u16>,
        now: i64,
    ) -> Result<(), Error> {
        self.take_send_under(&self.destination_key(destination), country_code, now).await
    }

    /// [`Self::take_send`] under a destination key already made (a decoy's, which has no
    /// destination).
    pub async fn take_send_under(
        &self,
        destination_key: &str,
        country_code: Option<u16>,
        now: i64,
    ) -> Result<(), Error> {
        let key = format!("send:destination:{destination_key}");
        self.hold(&key, self.sends.per_destination, now).await?;
        if let Some(country) = country_code {
            self.hold(&format!("send:country:{country}"), self.sends.sms_per_country, now).await?;
        }
        Ok(())
    }
}
