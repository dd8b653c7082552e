use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use async_trait::async_trait;

use crate::{Channel, DeliveryError, Message};

/// How many captured messages are kept; older ones are dropped.
const KEEP: usize = 500;

/// A message the capture channel kept, with when it was "delivered".
#[derive(Debug, Clone)]
pub struct CapturedMessage {
    pub id: u64,
    pub message: Message,
    /// Unix seconds.
    pub delivered_at: i64,
}

/// The capture channel: keeps messages in memory instead of sending them. It is the dev inbox
/// of local mode and the sink tests read codes from. Memory only, on purpose: the database must
/// never hold a plaintext code, and a dev inbox has no reason to outlive the process.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    next_id: u64,
    messages: VecDeque<CapturedMessage>,
}

impl Capture {
    pub fn new() -> Self {
        Self::default()
    }

    /// Newest first.
    pub fn messages(&self) -> Vec<CapturedMessage> {
        let inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        inner.messages.iter().rev().cloned().collect()
    }
}

#[async_trait]
impl Channel for Capture {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let delivered_at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or_default();
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        inner.next_id += 1;
        let id = inner.next_id;
        inner.messages.push_back(CapturedMessage { id, message: message.clone(), delivered_at });
        while inner.messages.len() > KEEP {
            inner.messages.pop_front();
        }
        Ok(())
    }
}
