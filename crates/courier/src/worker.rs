use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use tokio::sync::Notify;

use crate::{ChannelKind, Channels, DeliveryError, Sealer};

/// Errors of the outbox's storage. Opaque here: the worker only logs them and tries later.
pub type OutboxError = Box<dyn std::error::Error + Send + Sync>;

/// A queued message as the outbox hands it to the worker: still sealed.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub id: String,
    pub channel: ChannelKind,
    pub sealed: Vec<u8>,
    /// Delivery attempts made before this one.
    pub attempts: u32,
    /// A decoy flow's message: opened like any other, never handed to a channel. Its outcome
    /// is the last real delivery's on the same channel, so that its course (sent, or not
    /// delivered yet and tried again) is a real message's.
    pub decoy: bool,
}

/// The queue of messages to deliver, kept by the server's store. Every method is one atomic
/// statement, so several server instances can share one queue.
#[async_trait]
pub trait Outbox: Send + Sync {
    /// Take up to `limit` messages that are due at `now` and not leased, leasing them until
    /// `lease_until` so no other worker takes them meanwhile.
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: u32,
    ) -> Result<Vec<Envelope>, OutboxError>;
    /// Delivered: forget the sealed content, keep the record.
    async fn mark_sent(&self, id: &str, now: i64) -> Result<(), OutboxError>;
    /// Not delivered yet: try again at `next_attempt_at`.
    async fn retry_at(
        &self,
        id: &str,
        next_attempt_at: i64,
        error: &str,
    ) -> Result<(), OutboxError>;
    /// Given up: forget the sealed content, keep the record and the reason.
    async fn mark_failed(&self, id: &str, now: i64, error: &str) -> Result<(), OutboxError>;
}

/// When to try a failed delivery again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Delay after the first failure; doubled after each further one.
    pub first_delay_secs: i64,
    pub max_delay_secs: i64,
    /// Attempts in all before a message is given up.
    pub max_attempts: u32,
    /// How long one attempt holds a message before a worker may take it again (after the
    /// one that held it died); longer than every channel's timeout.
    pub lease_secs: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { first_delay_secs: 2, max_delay_secs: 300, max_attempts: 10, lease_secs: 60 }
    }
}

impl RetryPolicy {
    /// Delay before attempt number `attempts + 1`, given `attempts` already failed (≥ 1).
    pub fn delay_after(&self, attempts: u32) -> i64 {
        let doublings = attempts.saturating_sub(1).min(30);
        self.first_delay_secs.saturating_mul(1 << doublings).min(self.max_delay_secs)
    }
}

/// Delivers the outbox: claims due messages, opens them, hands each to its channel and records
/// the outcome. Time is passed in ([`Worker::tick`]), so tests drive retries without sleeping.
#[derive(Clone)]
pub struct Worker {
    outbox: Arc<dyn Outbox>,
    channels: Channels,
    sealer: Sealer,
    retry: RetryPolicy,
    wake: Arc<Notify>,
    /// The outcome of the last real delivery on each channel, which decoys repeat.
    last_outcome: Arc<std::sync::Mutex<[Option<DeliveryError>; 2]>>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker").field("channels", &self.channels).finish_non_exhaustive()
    }
}

const BATCH: u32 = 20;
/// The longest a peer's `Retry-After` holds a message back.
const MAX_RETRY_AFTER_SECS: i64 = 3600;

impl Worker {
    pub fn new(
        outbox: Arc<dyn Outbox>,
        channels: Channels,
        sealer: Sealer,
        retry: RetryPolicy,
    ) -> Self {
        Self {
            outbox,
            channels,
            sealer,
            retry,
            wake: Arc::new(Notify::new()),
            last_outcome: Arc::default(),
        }
    }

    /// A handle that wakes the worker at once (call it after queueing a message).
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Deliver what is due at `now`; returns how many messages were attempted.
    pub async fn tick(&self, now: i64) -> Result<usize, OutboxError> {
        let claimed = tokio::time::Instant::now();
        let due = self.outbox.claim_due(now, now + self.retry.lease_secs, BATCH).await?;
        let count = due.len();
        // Past its lease another worker may take a message: every attempt of the batch ends by
        // three quarters of the lease after the claim, whatever the channel's own timeout says,
        // leaving the last quarter to record the outcome. All at once, so a slow peer holds up
        // the batch by one deadline at most.
        let lease = Duration::from_secs(self.retry.lease_secs.unsigned_abs());
        let deadline = claimed + lease * 3 / 4;
        let mut attempts = tokio::task::JoinSet::new();
        for envelope in due {
            let worker = self.clone();
            attempts.spawn(async move { worker.attempt(envelope, now, deadline).await });
        }
        let mut outcome = Ok(count);
        while let Some(done) = attempts.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(error)) => outcome = Err(error),
                Err(panicked) => outcome = Err(Box::new(panicked)),
            }
        }
        outcome
    }

    async fn attempt(
        &self,
        envelope: Envelope,
        now: i64,
        deadline: tokio::time::Instant,
    ) -> Result<(), OutboxError> {
        let attempts = envelope.attempts + 1;
        let outcome =
            match (self.sealer.open(&envelope.sealed), self.channels.get(envelope.channel)) {
                (Err(_), _) => Err(DeliveryError::Permanent("sealed message does not open".into())),
                (Ok(_), None) => Err(DeliveryError::Transient(format!(
                    "no {} channel is configured",
                    envelope.channel.as_str()
                ))),
                (Ok(_), Some(_)) if envelope.decoy => self.last_outcome(envelope.channel),
                (Ok(message), Some(channel)) => {
                    let outcome = tokio::time::timeout_at(deadline, channel.deliver(&message))
                        .await
                        .unwrap_or_else(|_| {
                            Err(DeliveryError::Transient("delivery outlasted its lease".into()))
                        });
                    self.remember(envelope.channel, &outcome);
                    outcome
                }
            };
        let failure = match outcome {
            Ok(()) => {
                tracing::info!(message_id = %envelope.id, channel = envelope.channel.as_str(), attempts, decoy = envelope.decoy, "message delivered");
                return self.outbox.mark_sent(&envelope.id, now).await;
            }
            Err(failure) => failure,
        };
        let (why, retry_in) = match failure {
            DeliveryError::Transient(why) => (why, Some(self.retry.delay_after(attempts))),
            // The peer's wish, when it is longer than our own backoff, up to an hour: a
            // gateway that asks for more is as good as down, and the backoff's attempts run out.
            DeliveryError::RetryAfter { why, after_secs } => {
                let delay =
                    self.retry.delay_after(attempts).max(after_secs.min(MAX_RETRY_AFTER_SECS));
                (why, Some(delay))
            }
            DeliveryError::Permanent(why) => (why, None),
        };
        match retry_in {
            Some(delay) if attempts < self.retry.max_attempts => {
                tracing::warn!(message_id = %envelope.id, channel = envelope.channel.as_str(), attempts, retry_in_secs = delay, reason = %why, "delivery failed, will retry");
                self.outbox.retry_at(&envelope.id, now + delay, &why).await
            }
            _ => {
                tracing::error!(message_id = %envelope.id, channel = envelope.channel.as_str(), attempts, reason = %why, "delivery given up");
                self.outbox.mark_failed(&envelope.id, now, &why).await
            }
        }
    }

    fn slot(kind: ChannelKind) -> usize {
        match kind {
            ChannelKind::Email => 0,
            ChannelKind::Sms => 1,
        }
    }

    fn remember(&self, kind: ChannelKind, outcome: &Result<(), DeliveryError>) {
        if let Ok(mut last) = self.last_outcome.lock() {
            last[Self::slot(kind)] = outcome.as_ref().err().cloned();
        }
    }

    fn last_outcome(&self, kind: ChannelKind) -> Result<(), DeliveryError> {
        match self.last_outcome.lock() {
            Ok(last) => last[Self::slot(kind)].clone().map_or(Ok(()), Err),
            Err(_) => Ok(()),
        }
    }

    /// Deliver until `shutdown` resolves: on every wake-up and at least once a second.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            if let Err(error) = self.tick(unix_now()).await {
                tracing::error!(%error, "outbox could not be read; trying again shortly");
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = self.wake.notified() => {}
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let policy = RetryPolicy::default();
        let delays: Vec<i64> = (1..=10).map(|n| policy.delay_after(n)).collect();
        assert_eq!(delays, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    }
}
