use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use regain_courier::{ChannelKind, Envelope, Outbox, OutboxError};
use regain_protocol::{ContactChannel, RecoveryMethod};
use regain_recovery::events::{SecurityEvent, StoredEvent};
use regain_recovery::flow::{Flow, State};
use regain_recovery::store::{
    AccountStore, ChallengeUpdate, ConfirmationStore, Delivery, EventStore, GatePass,
    NewAccountRecord, NewConfirmation, NewSession, Notices, PassedProof, PasswordChange,
    PendingConfirmation, QueuedMessage, RecoveryStore, ResetCompletion, RotatedTokens, Rotation,
    SessionStore, ThrottleStore,
};
use regain_recovery::{
    Account, Contact, DecoyProfile, DonorPool, Email, Phone, Session, StoreError, TokenHash,
};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Row, Sqlite, Transaction};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// SQLite: one file, WAL journal, foreign keys on. Every trait method is one statement or one
/// transaction.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

fn backend(error: sqlx::Error) -> StoreError {
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

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path`. Does not migrate.
    pub async fn open(path: &Path) -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        Self::connect(options).await
    }

    /// Opens a database from a `sqlite://` URL.
    pub async fn open_url(url: &str) -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        Self::connect(options).await
    }

    async fn connect(options: SqliteConnectOptions) -> Result<Self, sqlx::Error> {
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Self { pool })
    }

    /// Applies the migrations that are not applied yet, on one connection with foreign keys
    /// off (SQLite's way to rebuild a table that others refer to: migration 0004), then checks
    /// every foreign key before the connection goes back to the pool with them on.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let mut connection = self.pool.acquire().await?;
        sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *connection).await?;
        let migrated = MIGRATOR.run_direct(&mut *connection).await;
        let restored = sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *connection).await;
        migrated?;
        restored?;
        let broken = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *connection).await?;
        if !broken.is_empty() {
            return Err(sqlx::migrate::MigrateError::Execute(sqlx::Error::Protocol(format!(
                "{} rows break a foreign key after migrating",
                broken.len()
            ))));
        }
        Ok(())
    }

    /// Migrations applied, as (version, description).
    pub async fn applied_migrations(&self) -> Result<Vec<(i64, String)>, sqlx::Error> {
        let rows =
            sqlx::query("SELECT version, description FROM _sqlx_migrations ORDER BY version")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| Ok((r.try_get("version")?, r.try_get("description")?))).collect()
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// The pool, for tests that inspect what is stored.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    async fn queue(
        tx: &mut Transaction<'_, Sqlite>,
        message: &QueuedMessage,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO outbox (id, channel, sealed, status, attempts, next_attempt_at, created_at, decoy)
             VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)",
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
        tx: &mut Transaction<'_, Sqlite>,
        account_id: u64,
        notices: &Notices,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        for message in &notices.messages {
            Self::queue(tx, message).await?;
        }
        sqlx::query(
            "INSERT INTO incident_reports (token_mac, account_id, created_at, expires_at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(&notices.report_mac)
        .bind(id(account_id))
        .bind(now)
        .bind(notices.report_expires_at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Ends every open recovery flow of the account at `now`, with its codes, links and reset
    /// tokens: after a reset, a password change or "this wasn't me", no flow started before
    /// may go on.
    async fn end_open_flows(
        tx: &mut Transaction<'_, Sqlite>,
        account_id: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE recovery_flows SET expires_at = ?, code_mac = NULL, code_expires_at = NULL,
                 link_mac = NULL, link_expires_at = NULL, reset_mac = NULL, reset_expires_at = NULL
             WHERE account_id = ? AND completed_at IS NULL AND expires_at > ?",
        )
        .bind(now)
        .bind(account_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// A contact of a new account: confirmed (an operator's, the demo's) or claimed until
    /// `claim_expires_at`.
    async fn insert_contact(
        tx: &mut Transaction<'_, Sqlite>,
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
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
        tx: &mut Transaction<'_, Sqlite>,
        confirmation: &NewConfirmation,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO contact_confirmations (account_id, channel, code_mac, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?)",
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
        tx: &mut Transaction<'_, Sqlite>,
        change: &PasswordChange,
    ) -> Result<(), sqlx::Error> {
        let account_id = id(change.account_id);
        sqlx::query("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?")
            .bind(&change.password_hash)
            .bind(change.now)
            .bind(account_id)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO password_history (account_id, password_hash, created_at) VALUES (?, ?, ?)",
        )
        .bind(account_id)
        .bind(&change.password_hash)
        .bind(change.now)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "DELETE FROM password_history WHERE account_id = ? AND id NOT IN
                 (SELECT id FROM password_history WHERE account_id = ? ORDER BY id DESC LIMIT ?)",
        )
        .bind(account_id)
        .bind(account_id)
        .bind(i64::from(change.keep))
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = ?
             WHERE account_id = ? AND revoked_at IS NULL AND id IS NOT ?",
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
        tx: &mut Transaction<'_, Sqlite>,
        event: &SecurityEvent,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO security_events (account_id, flow_id, kind, method, outcome, ip, user_agent, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(event.account_id.map(id))
        .bind(&event.flow_id)
        .bind(event.kind)
        .bind(event.method)
        .bind(event.outcome)
        .bind(&event.ip)
        .bind(&event.user_agent)
        .bind(event.at)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The account `id_sql` names (an expression that yields one account ID, with the value
    /// bound twice and then `now` in it), as it is at `now`.
    async fn account_where(
        &self,
        id_sql: &str,
        value: &str,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE a.id = {id_sql}");
        let row = sqlx::query(&sql)
            .bind(now)
            .bind(now)
            .bind(value)
            .bind(value)
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.map(|r| account_from_row(&r)).transpose()
    }
}

/// An account with, per channel, its confirmed contact or else its claim that has not lapsed at
/// the bound `now` (bound twice, once per channel).
const ACCOUNT_COLUMNS: &str = "SELECT a.id, a.display_name, a.birthday, a.password_hash, a.locale,
        a.created_at, e.value AS email, e.confirmed_at IS NOT NULL AS email_confirmed,
        p.value AS phone, p.confirmed_at IS NOT NULL AS phone_confirmed,
        p.country_code AS phone_country_code,
        (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) AS question_count
    FROM accounts a
    LEFT JOIN contacts e ON e.id = (SELECT c.id FROM contacts c
        WHERE c.account_id = a.id AND c.channel = 'email'
          AND (c.confirmed_at IS NOT NULL OR c.expires_at > ?)
        ORDER BY c.confirmed_at IS NULL LIMIT 1)
    LEFT JOIN contacts p ON p.id = (SELECT c.id FROM contacts c
        WHERE c.account_id = a.id AND c.channel = 'phone'
          AND (c.confirmed_at IS NOT NULL OR c.expires_at > ?)
        ORDER BY c.confirmed_at IS NULL LIMIT 1)";

/// The account whose confirmed contact the bound value is, else the first live claim on it.
/// Two lookups, each on its own index, so that claims piled on one address cost nothing to
/// the lookup of its owner (COALESCE stops at the first that is not NULL).
fn by_contact(channel: &str) -> String {
    format!(
        "COALESCE(
            (SELECT c.account_id FROM contacts c
                WHERE c.channel = '{channel}' AND c.value = ? AND c.confirmed_at IS NOT NULL),
            (SELECT c.account_id FROM contacts c
                WHERE c.channel = '{channel}' AND c.value = ? AND c.confirmed_at IS NULL
                  AND c.expires_at > ?
                ORDER BY c.created_at, c.id LIMIT 1))"
    )
}

fn account_from_row(row: &SqliteRow) -> Result<Account, StoreError> {
    let get_err = |e: sqlx::Error| backend(e);
    let email: Option<String> = row.try_get("email").map_err(get_err)?;
    let phone: Option<String> = row.try_get("phone").map_err(get_err)?;
    let corrupt = |what: &str| StoreError::Backend(format!("stored {what} does not parse").into());
    let question_count: i64 = row.try_get("question_count").map_err(get_err)?;
    Ok(Account {
        id: u64::try_from(row.try_get::<i64, _>("id").map_err(get_err)?).unwrap_or_default(),
        display_name: row.try_get("display_name").map_err(get_err)?,
        birthday: row.try_get("birthday").map_err(get_err)?,
        email: email
            .map(|e| -> Result<_, StoreError> {
                Ok(Contact {
                    value: Email::from_stored(&e),
                    confirmed: row.try_get("email_confirmed").map_err(get_err)?,
                })
            })
            .transpose()?,
        phone: phone
            .map(|p| -> Result<_, StoreError> {
                let country_code: Option<i64> =
                    row.try_get("phone_country_code").map_err(get_err)?;
                let value = match country_code.and_then(|c| u16::try_from(c).ok()) {
                    Some(code) => Phone::from_stored(&p, code),
                    None => Phone::from_e164(&p).map_err(|_| corrupt("phone"))?,
                };
                Ok(Contact { value, confirmed: row.try_get("phone_confirmed").map_err(get_err)? })
            })
            .transpose()?,
        password_hash: row.try_get("password_hash").map_err(get_err)?,
        has_security_questions: question_count > 0,
        question_count: u8::try_from(question_count).unwrap_or(u8::MAX),
        locale: row.try_get("locale").map_err(get_err)?,
        created_at: row.try_get("created_at").map_err(get_err)?,
    })
}

fn session_from_row(row: &SqliteRow) -> Result<Session, sqlx::Error> {
    Ok(Session {
        id: row.try_get("id")?,
        account_id: u64::try_from(row.try_get::<i64, _>("account_id")?).unwrap_or_default(),
        created_at: row.try_get("created_at")?,
        authenticated_at: row.try_get::<Option<i64>, _>("authenticated_at")?.unwrap_or_default(),
        last_used_at: row.try_get("last_used_at")?,
        access_expires_at: row.try_get("access_expires_at")?,
        refresh_expires_at: row.try_get("refresh_expires_at")?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
    })
}

const SESSION_COLUMNS: &str = "id, account_id, created_at, authenticated_at, last_used_at, access_expires_at, refresh_expires_at, ip, user_agent";

#[async_trait]
impl AccountStore for SqliteStore {
    async fn insert_account(
        &self,
        account: &NewAccountRecord,
        confirmations: &[NewConfirmation],
        messages: &[QueuedMessage],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let inserted = sqlx::query(
            "INSERT INTO accounts (id, display_name, birthday, password_hash, locale, created_at,
                 updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id(account.id))
        .bind(&account.display_name)
        .bind(&account.birthday)
        .bind(&account.password_hash)
        .bind(&account.locale)
        .bind(account.created_at)
        .bind(account.created_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::AccountIdTaken);
        }
        let email = account.email.as_ref().map(|email| {
            let domain = email.expose().rsplit_once('@').map(|(_, d)| d);
            ("email", email.expose(), domain, None)
        });
        let phone =
            account.phone.as_ref().map(|p| ("phone", p.expose(), None, Some(p.country_code())));
        for (channel, value, domain, country) in email.into_iter().chain(phone) {
            match Self::insert_contact(&mut tx, account, channel, value, domain, country).await {
                Ok(()) => {}
                // Only a confirmed contact is unique: an operator's account for someone's.
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                    return Err(StoreError::ContactInUse)
                }
                Err(other) => return Err(backend(other)),
            }
        }
        sqlx::query(
            "INSERT INTO password_history (account_id, password_hash, created_at) VALUES (?, ?, ?)",
        )
        .bind(id(account.id))
        .bind(&account.password_hash)
        .bind(account.created_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for confirmation in confirmations {
            Self::insert_confirmation(&mut tx, confirmation).await.map_err(backend)?;
        }
        for message in messages {
            Self::queue(&mut tx, message).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn account(&self, account_id: u64, now: i64) -> Result<Option<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE a.id = ?");
        let row = sqlx::query(&sql)
            .bind(now)
            .bind(now)
            .bind(id(account_id))
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.map(|r| account_from_row(&r)).transpose()
    }

    async fn account_by_email(
        &self,
        email: &Email,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        self.account_where(&by_contact("email"), email.expose(), now).await
    }

    async fn account_by_phone(
        &self,
        phone: &Phone,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        self.account_where(&by_contact("phone"), phone.expose(), now).await
    }

    async fn accounts(&self, after: u64, limit: u32, now: i64) -> Result<Vec<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE a.id > ? ORDER BY a.id LIMIT ?");
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(now)
            .bind(id(after))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(account_from_row).collect()
    }

    async fn password_history(
        &self,
        account_id: u64,
        limit: u32,
    ) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT password_hash FROM password_history WHERE account_id = ? ORDER BY id DESC LIMIT ?",
        )
        .bind(id(account_id))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)
    }

    async fn change_password(&self, change: &PasswordChange) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        Self::apply_password_change(&mut tx, change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}

#[async_trait]
impl ConfirmationStore for SqliteStore {
    async fn replace_confirmation(
        &self,
        confirmation: &NewConfirmation,
        message: &QueuedMessage,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "UPDATE contact_confirmations SET superseded_at = ?
             WHERE account_id = ? AND channel = ? AND consumed_at IS NULL AND superseded_at IS NULL",
        )
        .bind(confirmation.created_at)
        .bind(id(confirmation.account_id))
        .bind(channel_name(confirmation.channel))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::insert_confirmation(&mut tx, confirmation).await.map_err(backend)?;
        Self::queue(&mut tx, message).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn live_confirmation_created_at(
        &self,
        account_id: u64,
        channel: ContactChannel,
    ) -> Result<Option<i64>, StoreError> {
        sqlx::query_scalar(
            "SELECT MAX(created_at) FROM contact_confirmations
             WHERE account_id = ? AND channel = ? AND consumed_at IS NULL AND superseded_at IS NULL",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .fetch_one(&self.pool)
        .await
        .map_err(backend)
    }

    async fn count_confirmation_attempt(
        &self,
        account_id: u64,
        channel: ContactChannel,
    ) -> Result<Option<PendingConfirmation>, StoreError> {
        let row = sqlx::query(
            "UPDATE contact_confirmations SET attempts = attempts + 1
             WHERE account_id = ? AND channel = ? AND consumed_at IS NULL AND superseded_at IS NULL
             RETURNING id, code_mac, attempts, expires_at",
        )
        .bind(id(account_id))
        .bind(channel_name(channel))
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        row.map(|r| {
            Ok(PendingConfirmation {
                id: r.try_get("id")?,
                code_mac: r.try_get("code_mac")?,
                attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                expires_at: r.try_get("expires_at")?,
            })
        })
        .transpose()
        .map_err(backend)
    }

    async fn consume_confirmation(
        &self,
        confirmation_id: i64,
        account_id: u64,
        channel: ContactChannel,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let consumed = sqlx::query(
            "UPDATE contact_confirmations SET consumed_at = ?
             WHERE id = ? AND account_id = ? AND consumed_at IS NULL AND superseded_at IS NULL",
        )
        .bind(now)
        .bind(confirmation_id)
        .bind(id(account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !consumed {
            return Ok(false);
        }
        let channel = channel_name(channel);
        // A newly confirmed contact replaces the old one of its channel.
        sqlx::query(
            "DELETE FROM contacts WHERE account_id = ? AND channel = ? AND confirmed_at IS NOT NULL",
        )
        .bind(id(account_id))
        .bind(channel)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        let confirmed = sqlx::query_scalar::<_, String>(
            "UPDATE contacts SET confirmed_at = ?, expires_at = NULL
             WHERE account_id = ? AND channel = ? AND confirmed_at IS NULL RETURNING value",
        )
        .bind(now)
        .bind(id(account_id))
        .bind(channel)
        .fetch_optional(&mut *tx)
        .await;
        let value = match confirmed {
            Ok(Some(value)) => value,
            Ok(None) => return Ok(false),
            // Another account confirmed the same value first.
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => return Ok(false),
            Err(other) => return Err(backend(other)),
        };
        // Other accounts' claims on it end: it is this account's now.
        sqlx::query(
            "DELETE FROM contacts WHERE channel = ? AND value = ? AND confirmed_at IS NULL
                 AND account_id <> ?",
        )
        .bind(channel)
        .bind(&value)
        .bind(id(account_id))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("UPDATE accounts SET updated_at = ? WHERE id = ?")
            .bind(now)
            .bind(id(account_id))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn insert_session(&self, session: &NewSession) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (id, account_id, access_hash, access_expires_at, refresh_hash,
                 refresh_expires_at, created_at, authenticated_at, last_used_at, ip, user_agent)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&session.id)
        .bind(id(session.account_id))
        .bind(&session.access_hash.0)
        .bind(session.access_expires_at)
        .bind(&session.refresh_hash.0)
        .bind(session.refresh_expires_at)
        .bind(session.created_at)
        .bind(session.created_at)
        .bind(session.created_at)
        .bind(&session.ip)
        .bind(&session.user_agent)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn session_by_access(
        &self,
        access: &TokenHash,
        now: i64,
    ) -> Result<Option<Session>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions
             WHERE access_hash = ? AND revoked_at IS NULL AND access_expires_at > ?"
        );
        let row = sqlx::query(&sql)
            .bind(&access.0)
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.as_ref().map(session_from_row).transpose().map_err(backend)
    }

    async fn rotate_refresh(
        &self,
        presented: &TokenHash,
        next: &RotatedTokens,
        now: i64,
    ) -> Result<Rotation, StoreError> {
        let sql = format!(
            "UPDATE sessions SET previous_refresh_hash = refresh_hash, refresh_hash = ?,
                 access_hash = ?, access_expires_at = ?, last_used_at = ?
             WHERE refresh_hash = ? AND revoked_at IS NULL AND refresh_expires_at > ?
             RETURNING {SESSION_COLUMNS}"
        );
        let rotated = sqlx::query(&sql)
            .bind(&next.refresh_hash.0)
            .bind(&next.access_hash.0)
            .bind(next.access_expires_at)
            .bind(now)
            .bind(&presented.0)
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        if let Some(row) = rotated {
            return Ok(Rotation::Rotated(session_from_row(&row).map_err(backend)?));
        }
        let reused: Option<String> = sqlx::query_scalar(
            "UPDATE sessions SET revoked_at = ?
             WHERE previous_refresh_hash = ? AND revoked_at IS NULL RETURNING id",
        )
        .bind(now)
        .bind(&presented.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(match reused {
            Some(session_id) => Rotation::Reused { session_id },
            None => Rotation::Unknown,
        })
    }

    async fn revoke_session(&self, session_id: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .bind(now)
            .bind(session_id)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn sessions_of(&self, account_id: u64, now: i64) -> Result<Vec<Session>, StoreError> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions
             WHERE account_id = ? AND revoked_at IS NULL AND refresh_expires_at > ?
             ORDER BY created_at DESC, id"
        );
        let rows = sqlx::query(&sql)
            .bind(id(account_id))
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(session_from_row).collect::<Result<_, _>>().map_err(backend)
    }
}

#[async_trait]
impl Outbox for SqliteStore {
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: u32,
    ) -> Result<Vec<Envelope>, OutboxError> {
        let rows = sqlx::query(
            "UPDATE outbox SET leased_until = ?
             WHERE id IN (SELECT id FROM outbox
                          WHERE status = 'pending' AND next_attempt_at <= ?
                            AND (leased_until IS NULL OR leased_until <= ?)
                          ORDER BY next_attempt_at LIMIT ?)
             RETURNING id, channel, sealed, attempts, decoy",
        )
        .bind(lease_until)
        .bind(now)
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
            "UPDATE outbox SET status = 'sent', sealed = NULL, sent_at = ?, leased_until = NULL,
                 attempts = attempts + 1, last_error = NULL
             WHERE id = ?",
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
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, leased_until = NULL,
                 last_error = ?
             WHERE id = ?",
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
                 leased_until = NULL, last_error = ?
             WHERE id = ?",
        )
        .bind(error)
        .bind(message_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

const FLOW_COLUMNS: &str =
    "id, account_id, subject, decoy_email, decoy_phone, decoy_questions, state, method,
    gates_required, gates_passed, code_mac, code_expires_at, code_sent_at, sends, code_attempts,
    link_mac, link_expires_at, question_attempts, message_id, reset_mac, reset_expires_at,
    created_at, expires_at, completed_at";

fn flow_from_row(row: &SqliteRow) -> Result<Flow, StoreError> {
    let get_err = |e: sqlx::Error| backend(e);
    let count = |name: &str| -> Result<u32, StoreError> {
        Ok(u32::try_from(row.try_get::<i64, _>(name).map_err(get_err)?).unwrap_or(u32::MAX))
    };
    let state: String = row.try_get("state").map_err(get_err)?;
    let method: Option<String> = row.try_get("method").map_err(get_err)?;
    let gates: String = row.try_get("gates_passed").map_err(get_err)?;
    Ok(Flow {
        id: row.try_get("id").map_err(get_err)?,
        account_id: row
            .try_get::<Option<i64>, _>("account_id")
            .map_err(get_err)?
            .and_then(|v| u64::try_from(v).ok()),
        subject: row.try_get("subject").map_err(get_err)?,
        decoy_email: row.try_get("decoy_email").map_err(get_err)?,
        decoy_phone: row.try_get("decoy_phone").map_err(get_err)?,
        decoy_questions: u8::try_from(row.try_get::<i64, _>("decoy_questions").map_err(get_err)?)
            .unwrap_or_default(),
        state: State::parse(&state)
            .ok_or_else(|| StoreError::Backend(format!("unknown flow state {state}").into()))?,
        method: method.as_deref().and_then(RecoveryMethod::parse),
        gates_required: u8::try_from(row.try_get::<i64, _>("gates_required").map_err(get_err)?)
            .unwrap_or(1),
        gates_passed: Flow::parse_gates(&gates),
        code_mac: row.try_get("code_mac").map_err(get_err)?,
        code_expires_at: row.try_get("code_expires_at").map_err(get_err)?,
        code_sent_at: row.try_get("code_sent_at").map_err(get_err)?,
        sends: count("sends")?,
        code_attempts: count("code_attempts")?,
        link_mac: row.try_get("link_mac").map_err(get_err)?,
        link_expires_at: row.try_get("link_expires_at").map_err(get_err)?,
        question_attempts: count("question_attempts")?,
        message_id: row.try_get("message_id").map_err(get_err)?,
        reset_mac: row.try_get("reset_mac").map_err(get_err)?,
        reset_expires_at: row.try_get("reset_expires_at").map_err(get_err)?,
        created_at: row.try_get("created_at").map_err(get_err)?,
        expires_at: row.try_get("expires_at").map_err(get_err)?,
        completed_at: row.try_get("completed_at").map_err(get_err)?,
    })
}

/// The `FROM … WHERE …` of a donor pool's members (an `account_id` each), and the value its
/// one placeholder takes, if it has one. Each matches a partial index of migration 0004.
fn donor_pool_sql(pool: &DonorPool) -> (&'static str, Option<String>) {
    match pool {
        DonorPool::Emails { domain: Some(domain) } => (
            "FROM contacts WHERE channel = 'email' AND confirmed_at IS NOT NULL AND domain = ?",
            Some(domain.clone()),
        ),
        DonorPool::Emails { domain: None } => {
            ("FROM contacts WHERE channel = 'email' AND confirmed_at IS NOT NULL", None)
        }
        DonorPool::Phones { country_code: Some(code) } => (
            "FROM contacts WHERE channel = 'phone' AND confirmed_at IS NOT NULL AND country_code = ?",
            Some(code.to_string()),
        ),
        DonorPool::Phones { country_code: None } => {
            ("FROM contacts WHERE channel = 'phone' AND confirmed_at IS NOT NULL", None)
        }
        DonorPool::Accounts => ("FROM (SELECT id AS account_id FROM accounts) WHERE 1 = 1", None),
    }
}

fn event_from_row(row: &SqliteRow) -> Result<StoredEvent, sqlx::Error> {
    Ok(StoredEvent {
        account_id: row
            .try_get::<Option<i64>, _>("account_id")?
            .and_then(|v| u64::try_from(v).ok()),
        flow_id: row.try_get("flow_id")?,
        kind: row.try_get("kind")?,
        method: row.try_get("method")?,
        outcome: row.try_get("outcome")?,
        ip: row.try_get("ip")?,
        at: row.try_get("at")?,
    })
}

#[async_trait]
impl RecoveryStore for SqliteStore {
    async fn spend_captcha(
        &self,
        signature: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        sqlx::query("DELETE FROM spent_captchas WHERE expires_at <= ?")
            .bind(now)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        let inserted = sqlx::query("INSERT INTO spent_captchas (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .bind(signature)
            .bind(expires_at)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(inserted.rows_affected() == 1)
    }

    async fn insert_flow(
        &self,
        flow: &Flow,
        decoy: Option<&DecoyProfile>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query(
            "INSERT INTO recovery_flows (id, account_id, subject, decoy_email, decoy_phone,
                 decoy_questions, state, gates_required, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&flow.id)
        .bind(flow.account_id.map(id))
        .bind(&flow.subject)
        .bind(&flow.decoy_email)
        .bind(&flow.decoy_phone)
        .bind(i64::from(flow.decoy_questions))
        .bind(flow.state.as_str())
        .bind(i64::from(flow.gates_required))
        .bind(flow.created_at)
        .bind(flow.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if let Some(decoy) = decoy {
            // Of two racing first starts for one identifier, the profile written first stays.
            sqlx::query(
                "INSERT INTO decoy_profiles (subject, email_mask, phone_mask, question_count,
                     created_at)
                 VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING",
            )
            .bind(&flow.subject)
            .bind(&decoy.email)
            .bind(&decoy.phone)
            .bind(i64::from(decoy.question_count))
            .bind(flow.created_at)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn decoy_profile(&self, subject: &str) -> Result<Option<DecoyProfile>, StoreError> {
        let row: Option<(Option<String>, Option<String>, i64)> = sqlx::query_as(
            "SELECT email_mask, phone_mask, question_count FROM decoy_profiles WHERE subject = ?",
        )
        .bind(subject)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        Ok(row.map(|(email, phone, questions)| DecoyProfile {
            email,
            phone,
            question_count: u8::try_from(questions).unwrap_or_default(),
        }))
    }

    async fn pool_holds(&self, pool: &DonorPool, count: u32) -> Result<bool, StoreError> {
        let (members, key) = donor_pool_sql(pool);
        let sql = format!("SELECT COUNT(*) FROM (SELECT 1 {members} LIMIT ?)");
        let mut query = sqlx::query_scalar::<_, i64>(&sql);
        if let Some(key) = key {
            query = query.bind(key);
        }
        let found = query.bind(i64::from(count)).fetch_one(&self.pool).await.map_err(backend)?;
        Ok(found >= i64::from(count))
    }

    async fn donor(
        &self,
        pool: &DonorPool,
        point: u64,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        let (members, key) = donor_pool_sql(pool);
        let at_or_after =
            format!("SELECT account_id {members} AND account_id >= ? ORDER BY account_id LIMIT 1");
        let first = format!("SELECT account_id {members} ORDER BY account_id LIMIT 1");
        let mut donor = None;
        for (sql, from) in [(at_or_after, Some(id(point))), (first, None)] {
            let mut query = sqlx::query_scalar::<_, i64>(&sql);
            if let Some(key) = &key {
                query = query.bind(key.clone());
            }
            if let Some(from) = from {
                query = query.bind(from);
            }
            donor = query.fetch_optional(&self.pool).await.map_err(backend)?;
            if donor.is_some() {
                break;
            }
        }
        match donor.and_then(|d| u64::try_from(d).ok()) {
            Some(account_id) => self.account(account_id, now).await,
            None => Ok(None),
        }
    }

    async fn flow(&self, flow_id: &str) -> Result<Option<Flow>, StoreError> {
        let sql = format!("SELECT {FLOW_COLUMNS} FROM recovery_flows WHERE id = ?");
        let row =
            sqlx::query(&sql).bind(flow_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(flow_from_row).transpose()
    }

    async fn set_challenge(
        &self,
        update: &ChallengeUpdate,
        message: Option<&QueuedMessage>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let code = update.code_mac.is_some();
        let applied = sqlx::query(
            "UPDATE recovery_flows SET state = ?, method = ?,
                 code_mac = CASE WHEN ? THEN ? ELSE code_mac END,
                 code_expires_at = CASE WHEN ? THEN ? ELSE code_expires_at END,
                 code_sent_at = CASE WHEN ? THEN ? ELSE code_sent_at END,
                 sends = sends + CASE WHEN ? THEN 1 ELSE 0 END,
                 link_mac = CASE WHEN ? THEN ? ELSE link_mac END,
                 link_expires_at = CASE WHEN ? THEN ? ELSE link_expires_at END,
                 message_id = CASE WHEN ? THEN ? ELSE message_id END
             WHERE id = ? AND state = ? AND sends = ?",
        )
        .bind(update.state.as_str())
        .bind(update.method.as_str())
        .bind(code)
        .bind(&update.code_mac)
        .bind(code)
        .bind(update.code_expires_at)
        .bind(code)
        .bind(update.sent_at)
        .bind(code)
        .bind(code)
        .bind(&update.link_mac)
        .bind(code)
        .bind(update.link_expires_at)
        .bind(code)
        .bind(&update.message_id)
        .bind(&update.flow_id)
        .bind(update.expected_state.as_str())
        .bind(i64::from(update.expected_sends))
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !applied {
            return Ok(false);
        }
        if let Some(message) = message {
            Self::queue(&mut tx, message).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn count_code_attempt(&self, flow_id: &str) -> Result<Option<Flow>, StoreError> {
        let sql = format!(
            "UPDATE recovery_flows SET code_attempts = code_attempts + 1
             WHERE id = ? AND state = 'enter_code' RETURNING {FLOW_COLUMNS}"
        );
        let row =
            sqlx::query(&sql).bind(flow_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(flow_from_row).transpose()
    }

    async fn count_question_attempt(&self, flow_id: &str) -> Result<Option<Flow>, StoreError> {
        let sql = format!(
            "UPDATE recovery_flows SET question_attempts = question_attempts + 1
             WHERE id = ? AND state = 'answer_questions' RETURNING {FLOW_COLUMNS}"
        );
        let row =
            sqlx::query(&sql).bind(flow_id).fetch_optional(&self.pool).await.map_err(backend)?;
        row.as_ref().map(flow_from_row).transpose()
    }

    async fn pass_gate(&self, pass: &GatePass) -> Result<bool, StoreError> {
        let (condition, value) = match &pass.proof {
            PassedProof::Code { mac } => ("state = 'enter_code' AND code_mac = ?", mac),
            PassedProof::Link { mac } => ("state = 'enter_code' AND link_mac = ?", mac),
            PassedProof::Answers { gates_before } => {
                ("state = 'answer_questions' AND gates_passed = ?", gates_before)
            }
        };
        let sql = format!(
            "UPDATE recovery_flows SET state = ?, method = NULL, gates_passed = ?,
                 code_mac = NULL, code_expires_at = NULL, code_sent_at = NULL, sends = 0,
                 link_mac = NULL, link_expires_at = NULL, message_id = NULL,
                 reset_mac = ?, reset_expires_at = ?
             WHERE id = ? AND {condition}"
        );
        let done = sqlx::query(&sql)
            .bind(pass.state.as_str())
            .bind(Flow::gates_passed_text(&pass.gates_passed))
            .bind(&pass.reset_mac)
            .bind(pass.reset_expires_at)
            .bind(&pass.flow_id)
            .bind(value)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(done.rows_affected() == 1)
    }

    async fn complete_reset(&self, reset: &ResetCompletion, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let claimed = sqlx::query(
            "UPDATE recovery_flows SET state = 'complete', reset_mac = NULL, reset_expires_at = NULL,
                 completed_at = ?
             WHERE id = ? AND state = 'choose_password' AND reset_mac = ? AND reset_expires_at > ?",
        )
        .bind(now)
        .bind(&reset.flow_id)
        .bind(&reset.reset_mac)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(backend)?
        .rows_affected()
            == 1;
        if !claimed {
            return Ok(false);
        }
        Self::apply_password_change(&mut tx, &reset.change).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn delivery(&self, message_id: &str) -> Result<Option<Delivery>, StoreError> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT status, attempts FROM outbox WHERE id = ?")
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

    async fn questions(&self, account_id: u64) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as("SELECT question, answer_hash FROM security_questions WHERE account_id = ? ORDER BY position")
            .bind(id(account_id))
            .fetch_all(&self.pool)
            .await
            .map_err(backend)
    }

    async fn set_questions(
        &self,
        account_id: u64,
        questions: &[(String, String)],
        event: &SecurityEvent,
        notices: &Notices,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        Self::queue_notices(&mut tx, account_id, notices, event.at).await.map_err(backend)?;
        sqlx::query("DELETE FROM security_questions WHERE account_id = ?")
            .bind(id(account_id))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        for (position, (question, hash)) in questions.iter().enumerate() {
            sqlx::query("INSERT INTO security_questions (account_id, position, question, answer_hash) VALUES (?, ?, ?, ?)")
                .bind(id(account_id))
                .bind(i64::try_from(position).unwrap_or_default())
                .bind(question)
                .bind(hash)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn report_incident(&self, report_mac: &str, now: i64) -> Result<Option<u64>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let account: Option<i64> = sqlx::query_scalar(
            "UPDATE incident_reports SET reported_at = ?
             WHERE token_mac = ? AND reported_at IS NULL AND expires_at > ? RETURNING account_id",
        )
        .bind(now)
        .bind(report_mac)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some(account) = account else { return Ok(None) };
        sqlx::query(
            "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(account)
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        Self::end_open_flows(&mut tx, account, now).await.map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(u64::try_from(account).ok())
    }
}

#[async_trait]
impl ThrottleStore for SqliteStore {
    async fn take(
        &self,
        key: &str,
        now: i64,
        window: i64,
        limit: u32,
    ) -> Result<Option<i64>, StoreError> {
        // One statement: counted and, if under the limit, recorded, with no gap between.
        let inserted = sqlx::query(
            "INSERT INTO throttle_events (key, at)
             SELECT ?, ? WHERE (SELECT COUNT(*) FROM throttle_events WHERE key = ? AND at > ?) < ?",
        )
        .bind(key)
        .bind(now)
        .bind(key)
        .bind(now - window)
        .bind(i64::from(limit))
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        if inserted.rows_affected() == 1 {
            return Ok(None);
        }
        let (_, oldest) = self.count(key, now, window).await?;
        Ok(Some(oldest.map_or(window, |at| at + window - now)))
    }

    async fn count(
        &self,
        key: &str,
        now: i64,
        window: i64,
    ) -> Result<(u32, Option<i64>), StoreError> {
        let (count, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM throttle_events WHERE key = ? AND at > ?",
        )
        .bind(key)
        .bind(now - window)
        .fetch_one(&self.pool)
        .await
        .map_err(backend)?;
        Ok((u32::try_from(count).unwrap_or(u32::MAX), oldest))
    }

    async fn forget(&self, keys: &[String]) -> Result<(), StoreError> {
        for key in keys {
            sqlx::query("DELETE FROM throttle_events WHERE key = ?")
                .bind(key)
                .execute(&self.pool)
                .await
                .map_err(backend)?;
        }
        Ok(())
    }

    async fn prune(&self, before: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM contacts WHERE confirmed_at IS NULL AND expires_at < ?")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM throttle_events WHERE at < ?")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        sqlx::query("DELETE FROM spent_captchas WHERE expires_at < ?")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl EventStore for SqliteStore {
    async fn record(&self, event: &SecurityEvent) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        Self::insert_event(&mut tx, event).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn events(&self, account_id: u64, limit: u32) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, flow_id, kind, method, outcome, ip, at FROM security_events
             WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?",
        )
        .bind(id(account_id))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(event_from_row).collect::<Result<_, _>>().map_err(backend)
    }

    async fn flow_events(&self, flow_id: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, flow_id, kind, method, outcome, ip, at FROM security_events
             WHERE flow_id = ? ORDER BY at, id",
        )
        .bind(flow_id)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(event_from_row).collect::<Result<_, _>>().map_err(backend)
    }
}
