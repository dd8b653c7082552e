use std::sync::Arc;

use async_trait::async_trait;

use crate::{ChannelKind, Message};

/// Why a delivery failed. The text is written to the log and the outbox, so it never carries
/// the recipient or the body: only a status code or the kind of failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryError {
    /// Worth trying again later (timeout, refused connection, 4xx SMTP, 5xx or 429 from the
    /// gateway).
    #[error("temporary delivery failure: {0}")]
    Transient(String),
    /// The peer asked to be left alone for a while (a gateway's 429 or 503 with
    /// `Retry-After`): worth trying again, but not before `after_secs`.
    #[error("temporary delivery failure: {why}, retry after {after_secs} s")]
    RetryAfter { why: String, after_secs: i64 },
    /// Will fail the same way every time (rejected recipient, bad credentials, 4xx gateway).
    #[error("permanent delivery failure: {0}")]
    Permanent(String),
}

/// One way to deliver a [`Message`].
#[async_trait]
pub trait Channel: Send + Sync + std::fmt::Debug {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError>;
}

/// The channel for each [`ChannelKind`]; a kind without one is not configured.
#[derive(Debug, Clone, Default)]
pub struct Channels {
    pub email: Option<Arc<dyn Channel>>,
    pub sms: Option<Arc<dyn Channel>>,
}

impl Channels {
    /// Every kind delivered by the same channel (the capture channel in local mode).
    pub fn all(channel: Arc<dyn Channel>) -> Self {
        Self { email: Some(channel.clone()), sms: Some(channel) }
    }

    pub fn get(&self, kind: ChannelKind) -> Option<&Arc<dyn Channel>> {
        match kind {
            ChannelKind::Email => self.email.as_ref(),
            ChannelKind::Sms => self.sms.as_ref(),
        }
    }
}
