use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use regain_secret::Secret;

use crate::{Channel, DeliveryError, Message};

/// How the gateway wants its request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsFormat {
    /// `application/json`: an object of the `fields`.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded` (Twilio and most older gateways).
    Form,
}

/// An HTTP SMS gateway: one POST per message to `url`, with the body built from `fields`,
/// where `{to}`, `{from}` and `{body}` are replaced by the message's values.
///
/// A Twilio-compatible gateway is [`SmsGatewaySettings::twilio`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsGatewaySettings {
    pub url: String,
    #[serde(default)]
    pub format: SmsFormat,
    /// The whole `Authorization` header value, e.g. `Bearer …` or `Basic …`.
    #[serde(default, with = "regain_secret::exposed_option")]
    pub auth_header: Option<Secret<String>>,
    /// The sender (number or alphanumeric ID), available to `fields` as `{from}`.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default = "default_fields")]
    pub fields: BTreeMap<String, String>,
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

fn default_fields() -> BTreeMap<String, String> {
    BTreeMap::from([("to".to_owned(), "{to}".to_owned()), ("text".to_owned(), "{body}".to_owned())])
}

fn default_timeout_secs() -> u64 {
    10
}

impl SmsGatewaySettings {
    /// Twilio's Programmable Messaging API (and gateways that copy it): form-encoded `To`,
    /// `From` and `Body`, HTTP Basic with the account SID and auth token.
    pub fn twilio(api_base: &str, account_sid: &str, auth_token: &str, from: &str) -> Self {
        use base64::Engine as _;
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("{account_sid}:{auth_token}"));
        Self {
            url: format!(
                "{}/2010-04-01/Accounts/{account_sid}/Messages.json",
                api_base.trim_end_matches('/')
            ),
            format: SmsFormat::Form,
            auth_header: Some(Secret::new(format!("Basic {basic}"))),
            from: Some(from.to_owned()),
            fields: BTreeMap::from([
                ("To".to_owned(), "{to}".to_owned()),
                ("From".to_owned(), "{from}".to_owned()),
                ("Body".to_owned(), "{body}".to_owned()),
            ]),
            timeout_secs: default_timeout_secs(),
        }
    }
}

/// SMS through an HTTP gateway, with reqwest.
#[derive(Debug, Clone)]
pub struct SmsGateway {
    settings: SmsGatewaySettings,
    http: reqwest::Client,
}

impl SmsGateway {
    pub fn new(settings: SmsGatewaySettings) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(settings.timeout_secs))
            .user_agent(concat!("regain-courier/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { settings, http })
    }

    fn fields(&self, message: &Message) -> BTreeMap<String, String> {
        let from = self.settings.from.as_deref().unwrap_or_default();
        self.settings
            .fields
            .iter()
            .map(|(name, template)| {
                // One pass per placeholder, values last: a body containing "{to}" stays as is.
                let value = template
                    .replace("{from}", from)
                    .replace("{to}", "\u{0}TO\u{0}")
                    .replace("{body}", "\u{0}BODY\u{0}")
                    .replace("\u{0}TO\u{0}", &message.to)
                    .replace("\u{0}BODY\u{0}", &message.body);
                (name.clone(), value)
            })
            .collect()
    }
}

#[async_trait]
impl Channel for SmsGateway {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let fields = self.fields(message);
        let mut request = self.http.post(&self.settings.url);
        request = match self.settings.format {
            SmsFormat::Json => request.json(&fields),
            SmsFormat::Form => request.form(&fields),
        };
        if let Some(auth) = &self.settings.auth_header {
            request = request.header(reqwest::header::AUTHORIZATION, auth.expose());
        }
        // reqwest's error text can include the URL, never the body; still, keep only the kind.
        let response = request.send().await.map_err(|error| {
            let kind = if error.is_timeout() { "gateway timeout" } else { "gateway unreachable" };
            DeliveryError::Transient(kind.to_owned())
        })?;
        let status = response.status();
        let why = format!("gateway status {}", status.as_u16());
        if status.is_success() {
            Ok(())
        } else if status.is_server_error() || status.as_u16() == 429 || status.as_u16() == 408 {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| retry_after_secs(value, SystemTime::now()));
            Err(match retry_after {
                Some(after_secs) => DeliveryError::RetryAfter { why, after_secs },
                None => DeliveryError::Transient(why),
            })
        } else {
            Err(DeliveryError::Permanent(why))
        }
    }
}

/// The seconds a `Retry-After` value asks to wait (RFC 9110 §10.2.3: a number of seconds or
/// an HTTP date), from `now`; `None` when it is neither.
fn retry_after_secs(value: &str, now: SystemTime) -> Option<i64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return i64::try_from(secs).ok();
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let wait = at.duration_since(now).unwrap_or_default();
    i64::try_from(wait.as_secs()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let now = httpdate::parse_http_date("Thu, 03 Dec 2026 21:00:00 GMT").expect("a date");
        assert_eq!(retry_after_secs("120", now), Some(120));
        assert_eq!(retry_after_secs(" 7 ", now), Some(7));
        assert_eq!(retry_after_secs("Thu, 03 Dec 2026 21:01:30 GMT", now), Some(90));
        assert_eq!(retry_after_secs("Thu, 03 Dec 2026 20:59:00 GMT", now), Some(0), "past");
        assert_eq!(retry_after_secs("-5", now), None);
        assert_eq!(retry_after_secs("soon", now), None);
    }
}
