use std::fmt;

use serde::{Deserialize, Serialize};

/// Which channel carries a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Email,
    Sms,
}

impl ChannelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// A rendered message, ready for a channel. Its recipient and body are secrets (a full contact,
/// a code), so `Debug` shows neither.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub channel: ChannelKind,
    /// An email address or an E.164 phone number.
    pub to: String,
    /// Email only.
    pub subject: Option<String>,
    pub body: String,
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("channel", &self.channel)
            .field("to", &"<redacted>")
            .field("body", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_recipient_and_body() {
        let message = Message {
            channel: ChannelKind::Sms,
            to: "+8613800138000".into(),
            subject: None,
            body: "Your code is 123456".into(),
        };
        let shown = format!("{message:?}");
        assert!(!shown.contains("138") && !shown.contains("123456"), "{shown}");
    }
}
