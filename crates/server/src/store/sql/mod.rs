//! The store contract in SQL, written once and compiled once per database: `super::Db` is
//! `sqlx::Sqlite` in `store/sqlite.rs` and `sqlx::Postgres` in `store/postgres.rs`, each of
//! which takes this folder in as its `sql` module. Every statement here is one both databases
//! read alike (`$n` placeholders, `ON CONFLICT`, `RETURNING`, `IS DISTINCT FROM`); what differs
//! between them (opening, migrating, telling a conflict from a failure, making a check-then-write
//! safe) is the parent's. Every method of the contract is one statement or one transaction; its
//! conformance suite (`regain_recovery::store::conformance`) runs unchanged on both. One file per
//! concern.

mod accounts;
mod circle;
mod events;
mod factors;
mod flows;
mod sessions;
mod staff;
mod support;
mod throttles;
mod vouching;

use async_trait::async_trait;
use regain_courier::{ChannelKind, Envelope, Outbox, OutboxError};
use regain_protocol::ContactChannel;
use regain_recovery::events::SecurityEvent;
use regain_recovery::store::{
    Delivery, HealthStore, NewAccountRecord, NewConfirmation, Notices, OutboxStore, PasswordChange,
    QueuedMessage,
};
use regain_recovery::StoreError;
use sqlx::{Row, Transaction};

pub(super) use super::Db;
use super::{is_busy, lock_account, lock_key, KEY_LOCKS, POSITION, SKIP_LOCKED};

type DbRow = <Db as sqlx::Database>::Row;
type DbConnection = <Db as sqlx::Database>::Connection;

/// The store on one database's pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub(super) pool: sqlx::Pool<Db>,
}

fn backend(error: sqlx::Error) -> StoreError {
    if is_busy(&error) {
        return StoreError::Busy;
    }
    StoreError::Backend(Box::new(error))
}

fn id(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn channel_name(channel: ContactChannel) -> &'static str {
    match channel {
        ContactChannel::Email => "email",
        ContactChannel::Phone => "phone",
    }
}

impl Store {
    /// The pool, for tests that inspect what is stored.
    pub fn pool(&self) -> &sqlx::Pool<Db> {
        &self.pool
    }

    /// Migrations applied, as (version, description).
    pub async fn applied_migrations(&self) -> Result<Vec<(i64, String)>, sqlx::Error> {
        let rows =
            sqlx::query("SELECT version, description FROM _sqlx_migrations ORDER BY version")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok((r.try_get("version")?, r.try_get("description")?))).collect()
    }

    async fn queue(
        tx: &mut Transaction<'_, Db>,
        message: &QueuedMessage,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO outbox (id, channel, sealed, status, attempts, next_attempt_at, created_at, decoy)
             VALUES ($1, $2, $3, 'pending', 0, $4, $5, $6)",
        )
        .bind(&message.id)
        .bind(message.channel.as_str())
        .bind(&message.sealed)
        .bind(message.created_at)
        .bind(message.created_at)
        .bind(message.decoy)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The notices of a change: their messages and their "this wasn't me" token.
    async fn queue_notices(
        tx: &mut Transaction<'_, Db>,
        account_id: u64,
        notices: &Notices,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        for message in &notices.messages {
            Self::queue(tx, message).await?;
        }
        let undo = serde_json::to_string(&notices.undo).unwrap_or_else(|_| "{}".to_owned());
        sqlx::query(
            "INSERT INTO incident_reports (token_mac, account_id, created_at, expires_at, undo)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&notices.report_mac)
        .bind(id(account_id))
        .bind(now)
        .bind(notices.report_expires_at)
        .bind(undo)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Ends every open recovery flow of the account at `now`, with its codes, links and reset
    /// tokens, and every assisted recovery whose pass is not used yet (closing its request):
    /// after a reset, a password change, "this wasn't me" or a new second factor, no recovery
    /// started before may go on.
    async fn end_open_flows(
        tx: &mut Transaction<'_, Db>,
        account_id: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        // Assisted recoveries first: a pass being used at this moment makes its flow as it is
        // used, so waiting for it here means the flows' statement below sees that flow. Then
        // the flows (those the assisted recoveries just ended among them, at `now`), then
        // their method states: the order every flow move takes its rows in.
        Self::cancel_assisted(tx, account_id, now).await?;
        sqlx::query(
            "UPDATE recovery_flows SET expires_at = $1, reset_mac = NULL, reset_expires_at = NULL,
                 version = version + 1
             WHERE account_id = $2 AND completed_at IS NULL AND expires_at >= $1",
        )
        .bind(now)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
        // Exactly the flows ended here, at `now` (this transaction's rows, whatever the clock).
        sqlx::query(
            "DELETE FROM method_states WHERE flow_id IN (SELECT id FROM recovery_flows
                 WHERE account_id = $1 AND completed_at IS NULL AND expires_at = $2)",
        )
        .bind(account_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Cancels the account's assisted recoveries whose pass is not used yet, and closes their
    /// requests; how many.
    async fn cancel_assisted(
        tx: &mut Transaction<'_, Db>,
        account_id: i64,
        now: i64,
    ) -> Result<u64, sqlx::Error> {
        // A support request closes; a flow recovery contacts vouched for ends.
        let cancelled: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
            "UPDATE assisted_recoveries SET state = 'cancelled', updated_at = $1
             WHERE account_id = $2 AND state IN ('waiting', 'pass_sent')
             RETURNING request_id, flow_id",
        )
        .bind(now)
        .bind(account_id)
        .fetch_all(&mut **tx)
        .await?;
        for (request_id, flow_id) in &cancelled {
            if let Some(request_id) = request_id {
                Self::close_request_of(tx, request_id, now).await?;
            }
            if let Some(flow_id) = flow_id {
                sqlx::query(
                    "UPDATE recovery_flows SET expires_at = $1, version = version + 1
                     WHERE id = $2 AND completed_at IS NULL AND expires_at > $3",
                )
                .bind(now)
                .bind(flow_id)
                .bind(now)
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(u64::try_from(cancelled.len()).unwrap_or(u64::MAX))
    }

    /// Closes a support request whose recovery ended without a pass being used, or whose pass
    /// was used.
    async fn close_request_of(
        tx: &mut Transaction<'_, Db>,
        request_id: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE support_requests SET state = 'closed', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(request_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Ends every sign-in of the account still waiting for its second factor: after a reset, a
    /// password change or "this wasn't me", a password step done before may not be finished.
    async fn end_pending_sign_ins(
        tx: &mut Transaction<'_, Db>,
        account_id: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE pending_sign_ins SET finished_at = $1 WHERE account_id = $2 AND finished_at IS NULL",
        )
        .bind(now)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// A contact of a new account: confirmed (an operator's, the demo's) or claimed until
    /// `claim_expires_at`.
    async fn insert_contact(
        tx: &mut Transaction<'_, Db>,
        account: &NewAccountRecord,
        channel: &str,
        value: &str,
        domain: Option<&str>,
        country_code: Option<u16>,
    ) -> Result<(), sqlx::Error> {
        let (confirmed_at, expires_at) = if account.confirmed {
            (Some(account.created_at), None)
        } else {
            (None, Some(account.claim_expires_at))
        };
        sqlx::query(
            "INSERT INTO contacts (account_id, channel, value, domain, country_code, created_at,
                 confirmed_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id(account.id))
        .bind(channel)
        .bind(value)
        .bind(domain)
        .bind(country_code.map(i64::from))
        .bind(account.created_at)
        .bind(confirmed_at)
        .bind(expires_at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn insert_confirmation(
        tx: &mut Transaction<'_, Db>,
        confirmation: &NewConfirmation,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO contact_confirmations (account_id, channel, code_mac, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id(confirmation.account_id))
        .bind(channel_name(confirmation.channel))
        .bind(&confirmation.code_mac)
        .bind(confirmation.created_at)
        .bind(confirmation.expires_at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Everything a change and a reset do to the account: the new hash and its place in the
    /// history (pruned to `keep`), every session but the one to keep revoked, every open flow
    /// ended, the notices queued and the event written.
    async fn apply_password_change(
        tx: &mut Transaction<'_, Db>,
        change: &PasswordChange,
    ) -> Result<(), sqlx::Error> {
        let account_id = id(change.account_id);
        sqlx::query(
            "UPDATE accounts SET password_hash = $1, password_score = $2, password_long_enough = $3,
                 failed_sign_ins = 0, updated_at = $4
             WHERE id = $5",
        )
        .bind(&change.password_hash)
        .bind(i64::from(change.password_strength.score))
        .bind(change.password_strength.long_enough_alone)
        .bind(change.now)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO password_history (account_id, password_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(account_id)
        .bind(&change.password_hash)
        .bind(change.now)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "DELETE FROM password_history WHERE account_id = $1 AND id NOT IN
                 (SELECT id FROM password_history WHERE account_id = $2 ORDER BY id DESC LIMIT $3)",
        )
        .bind(account_id)
        .bind(account_id)
        .bind(i64::from(change.keep))
        .execute(&mut **tx)
        .await?;
        // Sign-ins waiting for their second factor end before the sessions are revoked: one
        // finishing meanwhile has made its session by then, and the revocation sees it.
        Self::end_pending_sign_ins(tx, account_id, change.now).await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1
             WHERE account_id = $2 AND revoked_at IS NULL AND locked_at IS NULL AND id IS DISTINCT FROM $3",
        )
        .bind(change.now)
        .bind(account_id)
        .bind(&change.keep_session)
        .execute(&mut **tx)
        .await?;
        Self::end_open_flows(tx, account_id, change.now).await?;
        Self::queue_notices(tx, change.account_id, &change.notices, change.now).await?;
        Self::insert_event(tx, &change.event).await?;
        Ok(())
    }

    async fn insert_event(
        tx: &mut Transaction<'_, Db>,
        event: &SecurityEvent,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO security_events (account_id, flow_id, kind, method, outcome, ip, user_agent, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(event.account_id.map(id))
        .bind(&event.flow_id)
        .bind(event.kind.as_str())
        .bind(&event.method)
        .bind(event.outcome.as_str())
        .bind(&event.ip)
        .bind(&event.user_agent)
        .bind(event.at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl HealthStore for Store {
    async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

#[async_trait]
impl OutboxStore for Store {
    async fn delivery(&self, message_id: &str) -> Result<Option<Delivery>, StoreError> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT status, attempts FROM outbox WHERE id = $1")
                .bind(message_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        Ok(row.map(|(status, attempts)| match status.as_str() {
            "sent" => Delivery::Sent,
            "failed" => Delivery::Failed,
            _ => Delivery::Pending { attempts: u32::try_from(attempts).unwrap_or(u32::MAX) },
        }))
    }
}

#[async_trait]
impl Outbox for Store {
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: u32,
    ) -> Result<Vec<Envelope>, OutboxError> {
        // Several instances claim at once: PostgreSQL's candidates skip the rows another claim
        // holds, and each claimed row is checked again as it is written, so a message is leased
        // to one instance at a time; a lease that ran out (its instance died) is taken again.
        let sql = format!(
            "UPDATE outbox SET leased_until = $1
             WHERE id IN (SELECT id FROM outbox
                          WHERE status = 'pending' AND next_attempt_at <= $2
                            AND (leased_until IS NULL OR leased_until <= $2)
                          ORDER BY next_attempt_at LIMIT $3 {SKIP_LOCKED})
               AND status = 'pending' AND (leased_until IS NULL OR leased_until <= $2)
             RETURNING id, channel, sealed, attempts, decoy"
        );
        let rows = sqlx::query(&sql)
            .bind(lease_until)
            .bind(now)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let channel: String = row.try_get("channel")?;
                Ok(Envelope {
                    id: row.try_get("id")?,
                    channel: ChannelKind::parse(&channel).ok_or("unknown channel in outbox")?,
                    sealed: row.try_get::<Option<Vec<u8>>, _>("sealed")?.unwrap_or_default(),
                    attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                    decoy: row.try_get("decoy")?,
                })
            })
            .collect()
    }

    async fn mark_sent(&self, message_id: &str, now: i64) -> Result<(), OutboxError> {
        sqlx::query(
            "UPDATE outbox SET status = 'sent', sealed = NULL, sent_at = $1, leased_until = NULL,
                 attempts = attempts + 1, last_error = NULL
             WHERE id = $2",
        )
        .bind(now)
        .bind(message_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn retry_at(
        &self,
        message_id: &str,
        next_attempt_at: i64,
        error: &str,
    ) -> Result<(), OutboxError> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, leased_until = NULL,
                 last_error = $2
             WHERE id = $3",
        )
        .bind(next_attempt_at)
        .bind(error)
        .bind(message_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn mark_failed(
        &self,
        message_id: &str,
        _now: i64,
        error: &str,
    ) -> Result<(), OutboxError> {
        sqlx::query(
            "UPDATE outbox SET status = 'failed', sealed = NULL, attempts = attempts + 1,
                 leased_until = NULL, last_error = $1
             WHERE id = $2",
        )
        .bind(error)
        .bind(message_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
