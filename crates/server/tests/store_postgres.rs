//! The PostgreSQL store against a real server of the tests' own (`regain_e2e::postgres`): the store
//! contract's conformance suite, unchanged from SQLite's run, each check on a database of its
//! own; and what is PostgreSQL's own (its migrations, several instances migrating at once).
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use regain_e2e::postgres::Postgres;
use regain_server::store::{PoolSettings, PostgresStore};

async fn store() -> PostgresStore {
    let url = Postgres::get().database().await;
    let store = PostgresStore::open_url(&url, PoolSettings::default()).await.unwrap();
    store.migrate().await.unwrap();
    store
}

/// A fresh, migrated database for each check of the suite.
async fn conformant() -> (Arc<PostgresStore>, ()) {
    (Arc::new(store().await), ())
}

regain_recovery::store_conformance!(conformant);

#[tokio::test]
async fn instances_starting_together_migrate_once() {
    let url = Postgres::get().database().await;
    let mut starting = Vec::new();
    for _ in 0..3 {
        let url = url.clone();
        starting.push(tokio::spawn(async move {
            let store = PostgresStore::open_url(&url, PoolSettings::default()).await.unwrap();
            store.migrate().await.unwrap();
            store.applied_migrations().await.unwrap()
        }));
    }
    for instance in starting {
        let applied = instance.await.unwrap();
        assert_eq!(applied.len(), 1, "every migration applied exactly once");
        assert_eq!(applied[0], (1, "schema".to_owned()));
    }
}
