use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A message the capture courier kept instead of sending. Exists only in local mode, where
/// every account is a demo account and showing the full recipient and body is the point.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DevMessage {
    pub id: String,
    /// `email` or `sms`.
    pub channel: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub body: String,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
}

/// `GET /v1/dev/outbox`: newest first.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DevOutbox {
    pub messages: Vec<DevMessage>,
}
