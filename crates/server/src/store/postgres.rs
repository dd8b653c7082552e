//! PostgreSQL, for many stateless instances on one database. The statements are `sql/`'s,
//! shared with SQLite; what is PostgreSQL's own is here.
//!
//! Transactions run at PostgreSQL's default isolation, READ COMMITTED, where each statement sees
//! what was committed before it began, and SQLite's one writer no longer hides a race:
//! - single use (a code, a link, a pass, a reset token, a step) is one conditional `UPDATE`
//!   whose `WHERE` PostgreSQL checks again on the row it waited for: one caller wins;
//! - counters are upserts on their conflicting row (the circuit breaker);
//! - a check across rows then a write (a circle's size, the last way back, a throttle's window,
//!   delete-then-insert of a set) first takes the account's row ([`lock_account`]) or the
//!   throttle key's advisory lock ([`lock_key`]), so racing callers on every instance go one at a
//!   time; the transactions that change an account take its row first, so that they lock in one
//!   order (a deadlock left, PostgreSQL ends one side: `busy`, rolled back whole);
//! - the courier's claim skips rows another instance's claim holds ([`SKIP_LOCKED`]).
//!
//! The store contract's conformance suite races each of these on both databases.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::Connection as _;

/// The database `sql/` is compiled for in this module.
type Db = sqlx::Postgres;

#[path = "sql/mod.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "compiled once per database: the same statements, typed for PostgreSQL here and for SQLite beside"
)]
mod sql;

pub use sql::Store as PostgresStore;

/// Where a text is found in another, 1-based, or 0: SQLite calls it `instr`.
const POSITION: &str = "strpos";

/// Holds the account's row until the transaction ends, so that a check-then-write across rows
/// the account owns (how many recovery contacts it has, its other ways back) runs one
/// transaction at a time per account: the next one waits here, then its statements see what
/// this one committed. Taken first, before any other row, so that transactions of one account
/// lock in one order. `NO KEY`: it leaves alone the share locks other rows' foreign keys take on
/// the account (one account inviting another while that one invites it back).
async fn lock_account(
    tx: &mut sqlx::Transaction<'_, Db>,
    account_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether a check-then-write needs [`lock_key`]: yes, a statement alone is raced here.
const KEY_LOCKS: bool = true;

/// Holds a throttle's key until the transaction ends (a transaction-scoped advisory lock on the
/// key's 64-bit hash; two keys sharing a hash only wait for each other), so that counting the
/// window and recording an event in it is one step per key across every instance.
async fn lock_key(tx: &mut sqlx::Transaction<'_, Db>, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Rows a claim's candidates leave to the claim that holds them, rather than wait for it.
const SKIP_LOCKED: &str = "FOR UPDATE SKIP LOCKED";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How many connections one instance keeps at most, and how long one statement may run before
/// PostgreSQL cancels it.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub statement_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self { max_connections: 16, statement_timeout: Duration::from_secs(10) }
    }
}

/// A serialization failure or a deadlock (the transaction was rolled back whole and may be
/// tried again), a statement cancelled by its timeout, or no pooled connection in time.
fn is_busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(database) => {
            matches!(database.code().as_deref(), Some("40001" | "40P01" | "55P03" | "57014"))
        }
        _ => false,
    }
}

impl PostgresStore {
    /// Connects to the database a `postgres://` URL names. Does not migrate.
    pub async fn open_url(url: &str, settings: PoolSettings) -> Result<Self, sqlx::Error> {
        let timeout = settings.statement_timeout.as_millis().to_string();
        let options = PgConnectOptions::from_str(url)?
            .application_name("regain-server")
            .options([("statement_timeout", timeout.as_str())]);
        // One connection first, so that a wrong address or password is reported as itself
        // rather than as a pool that timed out waiting.
        sqlx::PgConnection::connect_with(&options).await?.close().await?;
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Applies the migrations that are not applied yet, if any. sqlx holds PostgreSQL's
    /// advisory lock while it does, so instances starting together migrate once. Nothing is
    /// written when the database is current, so that an instance whose user may only read and
    /// write the tables starts; migrations run without the statement timeout (an index on a
    /// large table takes longer), on one connection that gets it back after.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let latest = MIGRATOR.iter().map(|migration| migration.version).max();
        let applied: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await
                .unwrap_or(None);
        if applied.is_some() && applied >= latest {
            return Ok(());
        }
        let mut connection = self.pool.acquire().await?;
        sqlx::query("SET statement_timeout = 0").execute(&mut *connection).await?;
        let migrated = MIGRATOR.run_direct(&mut *connection).await;
        sqlx::query("RESET statement_timeout").execute(&mut *connection).await?;
        migrated
    }
}
