//! Messages out of Regain, Kratos-style: the domain *queues* a message in the outbox (in the
//! same database transaction as the change that causes it) and a [`Worker`] delivers it through
//! a [`Channel`] with retries and backoff. A failed delivery never loses the flow that asked for
//! it: the message stays queued and is tried again.
//!
//! Owns: the message and its templates (their words in every language from `regain-i18n`), sealing of queued
//! messages at rest ([`Sealer`]: the database never holds a code or a full contact in plain
//! text), the channels (SMTP with lettre, an HTTP SMS gateway with reqwest, and [`Capture`] for
//! the local demo and tests), and the delivery loop.
//!
//! Must not depend on the domain, the server or any database: the outbox is the [`Outbox`]
//! trait, implemented by the server's stores.

mod capture;
mod channel;
mod message;
mod seal;
mod sms;
mod smtp;
mod template;
mod worker;

pub use capture::{Capture, CapturedMessage};
pub use channel::{Channel, Channels, DeliveryError};
pub use message::{ChannelKind, Message};
pub use regain_i18n::Language;
pub use seal::{SealError, Sealer};
pub use sms::{SmsFormat, SmsGateway, SmsGatewaySettings};
pub use smtp::{is_valid_mailbox, SmtpChannel, SmtpSettings, SmtpTls};
pub use template::Template;
pub use worker::{Envelope, Outbox, OutboxError, RetryPolicy, Worker};
