use std::time::Duration;

use async_trait::async_trait;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};

use regain_secret::Secret;

use crate::{Channel, DeliveryError, Message};

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain connection, upgraded with STARTTLS (required). Usual on port 587.
    #[default]
    Starttls,
    /// TLS from the first byte ("SMTPS"). Usual on port 465.
    Tls,
    /// No TLS at all. Only for a relay on loopback and for tests.
    None,
}

/// Where and how to send email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub tls: SmtpTls,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default, with = "regain_secret::exposed_option")]
    pub password: Option<Secret<String>>,
    /// The `From:` mailbox, e.g. `Regain <no-reply@example.com>`.
    pub from: String,
    /// How long one message may take, connecting to the last reply.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

fn default_timeout_secs() -> u64 {
    15
}

/// Whether `value` is a mailbox lettre can send from (`Name <addr@example.com>` or `addr@…`).
pub fn is_valid_mailbox(value: &str) -> bool {
    value.parse::<Mailbox>().is_ok()
}

/// Email through an SMTP server, with lettre: one connection per message (no pool), so that a
/// delivery given up at its deadline takes its connection with it, whatever state it was in.
#[derive(Debug, Clone)]
pub struct SmtpChannel {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The whole delivery's deadline: lettre's own timeout covers connecting only, and a
    /// server that stops answering after that would hold the delivery for ever.
    deadline: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum SmtpSetupError {
    #[error("smtp.from is not a valid mailbox")]
    From,
    #[error("could not set up TLS for the SMTP host: {0}")]
    Tls(String),
}

impl SmtpChannel {
    pub fn new(settings: &SmtpSettings) -> Result<Self, SmtpSetupError> {
        let from: Mailbox = settings.from.parse().map_err(|_| SmtpSetupError::From)?;
        let tls = match settings.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::Starttls | SmtpTls::Tls => {
                let parameters = TlsParameters::new(settings.host.clone())
                    .map_err(|e| SmtpSetupError::Tls(e.to_string()))?;
                if settings.tls == SmtpTls::Tls {
                    Tls::Wrapper(parameters)
                } else {
                    Tls::Required(parameters)
                }
            }
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(settings.timeout_secs)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().clone()));
        }
        let deadline = Duration::from_secs(settings.timeout_secs);
        Ok(Self { transport: builder.build(), from, deadline })
    }
}

#[async_trait]
impl Channel for SmtpChannel {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let to: Mailbox = message
            .to
            .parse()
            .map_err(|_| DeliveryError::Permanent("recipient is not a valid mailbox".into()))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone().unwrap_or_default())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|_| DeliveryError::Permanent("the message could not be built".into()))?;
        let sent = tokio::time::timeout(self.deadline, self.transport.send(email)).await;
        let Ok(sent) = sent else {
            return Err(DeliveryError::Transient("smtp timeout".into()));
        };
        match sent {
            Ok(_) => Ok(()),
            // The server's reply text may quote the recipient: keep only the status code.
            Err(error) => {
                let status = error.status().map(|code| code.to_string());
                let what = match &status {
                    Some(code) => format!("smtp status {code}"),
                    None if error.is_timeout() => "smtp timeout".to_owned(),
                    None if error.is_tls() => "smtp tls failure".to_owned(),
                    None => "smtp connection failure".to_owned(),
                };
                if error.is_permanent() {
                    Err(DeliveryError::Permanent(what))
                } else {
                    Err(DeliveryError::Transient(what))
                }
            }
        }
    }
}
