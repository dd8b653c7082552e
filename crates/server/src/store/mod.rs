//! The databases behind the domain's store contract (`regain_recovery::store`): SQLite, the
//! embedded default, and PostgreSQL, for many instances on one database. Their statements are
//! written once, in `sql/`, and compiled once for each; each database keeps its own folder of
//! migrations and runs the contract's conformance suite unchanged.

#[cfg(feature = "postgres")]
mod postgres;
mod sqlite;

#[cfg(feature = "postgres")]
pub use postgres::{PoolSettings, PostgresStore};
pub use sqlite::SqliteStore;

use std::sync::Arc;

use regain_courier::Outbox;
use regain_recovery::store::Store;

/// The database a deployment runs on, chosen by `server.database_url`.
#[derive(Debug, Clone)]
pub enum Database {
    Sqlite(Arc<SqliteStore>),
    #[cfg(feature = "postgres")]
    Postgres(Arc<PostgresStore>),
}

impl Database {
    /// Applies the migrations not applied yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Self::Sqlite(store) => store.migrate().await,
            #[cfg(feature = "postgres")]
            Self::Postgres(store) => store.migrate().await,
        }
    }

    /// Migrations applied, as (version, description).
    pub async fn applied_migrations(&self) -> Result<Vec<(i64, String)>, sqlx::Error> {
        match self {
            Self::Sqlite(store) => store.applied_migrations().await,
            #[cfg(feature = "postgres")]
            Self::Postgres(store) => store.applied_migrations().await,
        }
    }

    /// The store contract on this database.
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Self::Sqlite(store) => store.clone(),
            #[cfg(feature = "postgres")]
            Self::Postgres(store) => store.clone(),
        }
    }

    /// The courier's outbox on this database.
    pub fn outbox(&self) -> Arc<dyn Outbox> {
        match self {
            Self::Sqlite(store) => store.clone(),
            #[cfg(feature = "postgres")]
            Self::Postgres(store) => store.clone(),
        }
    }
}
