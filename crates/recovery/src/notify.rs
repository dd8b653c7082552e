//! Messages out, as the domain makes them: a template rendered for its recipient in their
//! language and sealed for the outbox (the store writes it in the same transaction as the change
//! that causes it), the security notices of a change with their "this wasn't me" link, and the
//! nudge that wakes the courier.

use std::sync::Arc;

use regain_courier::{Language, Sealer, Template};
use tokio::sync::Notify;

use crate::secrets::{public_id, token, CodeKey};
use crate::store::{Notices, QueuedMessage, Undo};
use crate::{Account, Random, Secret};

const REPORT_PURPOSE: &str = "incident-report";
/// How long the "this wasn't me" link of a notice works.
const REPORT_TTL_SECS: i64 = 30 * 24 * 3600;

/// Makes messages for the outbox.
#[derive(Clone)]
pub struct Notifier {
    sealer: Sealer,
    random: Arc<dyn Random>,
    keys: CodeKey,
    courier: Arc<Notify>,
    public_origin: Arc<str>,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier")
            .field("public_origin", &self.public_origin)
            .finish_non_exhaustive()
    }
}

impl Notifier {
    pub fn new(
        sealer: Sealer,
        random: Arc<dyn Random>,
        keys: CodeKey,
        courier: Arc<Notify>,
        public_origin: &str,
    ) -> Self {
        Self { sealer, random, keys, courier, public_origin: Arc::from(public_origin) }
    }

    /// `path` (with its query) under the configured public origin, never a request's Host.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_origin)
    }

    /// `template` rendered for `to` in `locale`, sealed, as the outbox takes it. A decoy's
    /// message is made the same way and never delivered.
    pub fn queue(
        &self,
        template: &Template,
        to: &str,
        locale: Language,
        now: i64,
        decoy: bool,
    ) -> QueuedMessage {
        let rendered = template.render(to, locale);
        QueuedMessage {
            id: public_id(self.random.as_ref(), "msg"),
            channel: rendered.channel,
            sealed: self.sealer.seal(&rendered),
            created_at: now,
            decoy,
        }
    }

    /// The notices of a change to `account` (S18): `template` with its "this wasn't me" link,
    /// to every confirmed contact, or to every contact when `every_contact`.
    pub fn notices(
        &self,
        account: &Account,
        every_contact: bool,
        now: i64,
        template: impl Fn(Secret<String>) -> Template,
    ) -> Notices {
        let report = token(self.random.as_ref(), "rgn");
        let link = self.link(&format!("/recover/not-me?token={}", report.expose()));
        let template = template(Secret::new(link));
        let locale = Language::negotiate(&account.locale);
        let recipients =
            if every_contact { account.all_contacts() } else { account.confirmed_contacts() };
        Notices {
            messages: recipients
                .iter()
                .map(|to| self.queue(&template, to, locale, now, false))
                .collect(),
            report_mac: self.report_mac(&report),
            report_expires_at: now + REPORT_TTL_SECS,
            undo: Undo::Nothing,
        }
    }

    /// The MAC a "this wasn't me" token is kept as.
    pub fn report_mac(&self, report_token: &Secret<String>) -> String {
        self.keys.mac(REPORT_PURPOSE, "", report_token.expose())
    }

    /// Wakes the courier: something was queued.
    pub fn wake(&self) {
        self.courier.notify_one();
    }
}
