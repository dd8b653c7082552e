//! SQLite, the embedded default: one file, WAL journal, foreign keys on. The statements are
//! `sql/`'s, shared with PostgreSQL; what is SQLite's own is here.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// The database `sql/` is compiled for in this module.
type Db = sqlx::Sqlite;

#[path = "sql/mod.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "compiled once per database: the same statements, typed for SQLite here and for PostgreSQL beside"
)]
mod sql;

pub use sql::Store as SqliteStore;

/// Where a text is found in another, 1-based, or 0: PostgreSQL calls it `strpos`.
const POSITION: &str = "instr";

/// Nothing to hold: SQLite has one writer at a time, and a transaction whose snapshot another
/// writer has overtaken is refused (`SQLITE_BUSY_SNAPSHOT`, [`StoreError::Busy`]) rather than let
/// write on what it read.
///
/// [`StoreError::Busy`]: regain_recovery::StoreError::Busy
async fn lock_account(
    _tx: &mut sqlx::Transaction<'_, Db>,
    _account_id: i64,
) -> Result<(), sqlx::Error> {
    Ok(())
}

/// Rows a claim's candidates leave to the claim that holds them: SQLite's one writer holds all.
const SKIP_LOCKED: &str = "";

/// Whether a check-then-write needs [`lock_key`]: not here, where one statement is never raced
/// (and a transaction around it would cost two more trips to SQLite's thread).
const KEY_LOCKS: bool = false;

/// Nothing to hold, as for [`lock_account`].
async fn lock_key(_tx: &mut sqlx::Transaction<'_, Db>, _key: &str) -> Result<(), sqlx::Error> {
    Ok(())
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// SQLite's `SQLITE_BUSY` or `SQLITE_LOCKED` (any extended code of theirs) after the busy
/// timeout, or no pooled connection in time: the transaction was rolled back whole.
fn is_busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(database) => database
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| matches!(code & 0xff, 5 | 6)),
        _ => false,
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
}
