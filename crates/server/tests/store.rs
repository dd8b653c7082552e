//! The SQLite store against a real database file: the store contract's conformance suite (the
//! same one every database runs), what is SQLite's own (WAL, foreign keys, the migrations'
//! rebuilds), and the courier delivering from it through a failing channel.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use regain_courier::{
    Channel, ChannelKind, Channels, DeliveryError, Message, Outbox, RetryPolicy, Sealer, Worker,
};
use regain_recovery::store::{AccountStore as _, FlowStore as _, MethodStateStore as _};
use regain_server::store::SqliteStore;

async fn store() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("test.sqlite3")).await.unwrap();
    store.migrate().await.unwrap();
    (store, dir)
}

/// A fresh, migrated database for each check of the suite.
async fn conformant() -> (Arc<SqliteStore>, tempfile::TempDir) {
    let (store, dir) = store().await;
    (Arc::new(store), dir)
}

regain_recovery::store_conformance!(conformant);

async fn count(store: &SqliteStore, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn database_runs_in_wal_mode_with_foreign_keys() {
    let (store, _dir) = store().await;
    let mode: String =
        sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.pool()).await.unwrap();
    let keys: i64 =
        sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(store.pool()).await.unwrap();
    assert_eq!((mode.as_str(), keys), ("wal", 1));
    assert_eq!(store.applied_migrations().await.unwrap()[0].0, 1);
}

/// A channel that fails a number of times, then delivers.
#[derive(Debug)]
struct Flaky {
    failures_left: AtomicU32,
    permanent: bool,
    delivered: AtomicU32,
}

#[async_trait]
impl Channel for Flaky {
    async fn deliver(&self, _message: &Message) -> Result<(), DeliveryError> {
        let left = self.failures_left.load(Ordering::SeqCst);
        if left > 0 {
            self.failures_left.store(left - 1, Ordering::SeqCst);
            return Err(if self.permanent {
                DeliveryError::Permanent("gateway status 400".into())
            } else {
                DeliveryError::Transient("gateway status 500".into())
            });
        }
        self.delivered.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

async fn outbox_row(
    store: &SqliteStore,
    id: &str,
) -> (String, i64, i64, Option<Vec<u8>>, Option<String>) {
    sqlx::query_as(
        "SELECT status, attempts, next_attempt_at, sealed, last_error FROM outbox WHERE id = ?",
    )
    .bind(id)
    .fetch_one(store.pool())
    .await
    .unwrap()
}

/// The courier failing never loses a message: it is retried with backoff until it goes out.
#[tokio::test]
async fn a_failing_channel_is_retried_with_backoff_until_delivered() {
    let (store, _dir) = store().await;
    let sealer = Sealer::new(b"test secret");
    let message = Message {
        channel: ChannelKind::Email,
        to: "a@example.com".into(),
        subject: None,
        body: "code 123456".into(),
    };
    let mut tx = store.pool().begin().await.unwrap();
    sqlx::query("INSERT INTO outbox (id, channel, sealed, next_attempt_at, created_at) VALUES ('m1', 'email', ?, 100, 100)")
        .bind(sealer.seal(&message))
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let flaky = Arc::new(Flaky {
        failures_left: AtomicU32::new(2),
        permanent: false,
        delivered: AtomicU32::new(0),
    });
    let store = Arc::new(store);
    let worker = Worker::new(
        store.clone() as Arc<dyn Outbox>,
        Channels::all(flaky.clone()),
        sealer,
        RetryPolicy::default(),
    );

    assert_eq!(worker.tick(100).await.unwrap(), 1);
    let (status, attempts, next, sealed, error) = outbox_row(&store, "m1").await;
    assert_eq!((status.as_str(), attempts, next), ("pending", 1, 102));
    assert!(sealed.is_some());
    assert_eq!(error.as_deref(), Some("gateway status 500"));

    assert_eq!(worker.tick(101).await.unwrap(), 0, "not due yet");
    assert_eq!(worker.tick(102).await.unwrap(), 1);
    assert_eq!(outbox_row(&store, "m1").await.2, 106, "backoff doubles");
    worker.tick(106).await.unwrap();
    let (status, attempts, _, sealed, _) = outbox_row(&store, "m1").await;
    assert_eq!((status.as_str(), attempts), ("sent", 3));
    assert!(sealed.is_none(), "the sealed content is erased once sent");
    assert_eq!(flaky.delivered.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_permanent_failure_is_given_up_and_erased() {
    let (store, _dir) = store().await;
    let sealer = Sealer::new(b"test secret");
    let message = Message {
        channel: ChannelKind::Sms,
        to: "+12015550123".into(),
        subject: None,
        body: "code".into(),
    };
    sqlx::query("INSERT INTO outbox (id, channel, sealed, next_attempt_at, created_at) VALUES ('m1', 'sms', ?, 100, 100)")
        .bind(sealer.seal(&message))
        .execute(store.pool())
        .await
        .unwrap();
    let flaky = Arc::new(Flaky {
        failures_left: AtomicU32::new(1),
        permanent: true,
        delivered: AtomicU32::new(0),
    });
    let store = Arc::new(store);
    let worker = Worker::new(
        store.clone() as Arc<dyn Outbox>,
        Channels::all(flaky),
        sealer,
        RetryPolicy::default(),
    );
    worker.tick(100).await.unwrap();
    let (status, _, _, sealed, error) = outbox_row(&store, "m1").await;
    assert_eq!(status, "failed");
    assert!(sealed.is_none());
    assert_eq!(error.as_deref(), Some("gateway status 400"));
}

/// Migrations 0004 and 0005 rebuild tables that others refer to. A database of the last release
/// (0001-0003) with an account, its session, an open flow waiting for its code and a decoy flow
/// migrates without losing a row: no cascade ran, contacts and the code's state moved over.
#[tokio::test]
async fn the_rebuilding_migrations_keep_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("old.sqlite3")).await.unwrap();
    let mut released = sqlx::migrate!("./migrations/sqlite");
    released.migrations =
        released.migrations.iter().filter(|m| m.version <= 3).cloned().collect::<Vec<_>>().into();
    released.run(store.pool()).await.unwrap();
    for sql in [
        "INSERT INTO accounts (id, display_name, email, email_confirmed, phone, phone_confirmed,
             phone_country_code, password_hash, created_at, updated_at)
         VALUES (1000000001, 'Ana', 'ana@example.com', 1, '+8613800138000', 0, 86, 'h', 100, 100)",
        "INSERT INTO sessions (id, account_id, access_hash, access_expires_at, refresh_hash,
             refresh_expires_at, created_at, last_used_at, authenticated_at)
         VALUES ('ses_1', 1000000001, 'a', 9000, 'r', 9000, 100, 100, 100)",
        "INSERT INTO recovery_flows (id, account_id, subject, state, method, gates_required,
             code_mac, code_expires_at, code_sent_at, sends, code_attempts, message_id,
             created_at, expires_at)
         VALUES ('rf_1', 1000000001, 's1', 'enter_code', 'sms', 1, 'mac', 700, 100, 1, 2, 'msg_1',
             100, 1900)",
        "INSERT INTO recovery_flows (id, account_id, subject, decoy_email, decoy_phone, state,
             gates_required, created_at, expires_at)
         VALUES ('rf_2', NULL, 's2', 'n•••@example.com', '+1 ••• •••• 23', 'choose_method', 1,
             100, 1900)",
    ] {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }
    store.migrate().await.unwrap();

    assert_eq!(count(&store, "sessions").await, 1, "no cascade ran");
    let ana = store.account(1_000_000_001, 200).await.unwrap().unwrap();
    assert!(ana.email.unwrap().confirmed);
    let phone = ana.phone.unwrap();
    assert_eq!((phone.value.expose(), phone.confirmed), ("+8613800138000", false));
    let flow = store.flow("rf_1").await.unwrap().unwrap();
    assert_eq!(
        (flow.state, flow.method.unwrap().as_str().to_owned()),
        (regain_recovery::flow::State::EnterCode, "sms".to_owned())
    );
    let code = store.method_state("rf_1", "code").await.unwrap().unwrap();
    assert_eq!(
        (code.data["code_mac"].as_str(), code.data["attempts"].as_u64()),
        (Some("mac"), Some(2))
    );
    let decoy = store.decoy_profile("s2").await.unwrap().unwrap();
    assert_eq!(decoy.phone.as_deref(), Some("+1 ••• •••• 23"));
}

/// Migration 0015 rebuilds `assisted_recoveries` (a recovery now comes from a support request
/// or from a flow recovery contacts vouched for). A support recovery waiting in a database of
/// the release before keeps its row, is still due when its wait ends, and its cancel link
/// still works.
#[tokio::test]
async fn the_vouching_migration_keeps_waiting_support_recoveries() {
    use regain_recovery::store::StaffStore as _;
    use regain_recovery::TokenHash;

    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("old.sqlite3")).await.unwrap();
    let mut released = sqlx::migrate!("./migrations/sqlite");
    released.migrations =
        released.migrations.iter().filter(|m| m.version <= 14).cloned().collect::<Vec<_>>().into();
    released.run(store.pool()).await.unwrap();
    for sql in [
        "INSERT INTO accounts (id, display_name, password_hash, created_at, updated_at)
         VALUES (1000000001, 'Ana', 'h', 100, 100)",
        "INSERT INTO support_requests (id, reference, account_id, subject, contact_channel, locale,
             contact_sealed, code_mac, code_expires_at, description_sealed, status_hash, state,
             created_at, updated_at)
         VALUES ('sr_1', 'RG-AAAA-BBBB', 1000000001, 's', 'email', 'en', x'00', 'mac', 700,
             x'00', 'status', 'approved', 100, 100)",
        "INSERT INTO assisted_recoveries (id, request_id, account_id, state, four_eyes,
             cancel_hash, wait_ends_at, created_at, updated_at)
         VALUES ('ar_1', 'sr_1', 1000000001, 'waiting', 1, 'cancel-1', 5000, 100, 100)",
    ] {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }
    store.migrate().await.unwrap();

    assert_eq!(count(&store, "assisted_recoveries").await, 1);
    let due = store.due_assisted_recoveries(5000).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].request_id.as_str(), due[0].four_eyes), ("sr_1", true));
    let cancelled =
        store.cancel_assisted_by_link(&TokenHash("cancel-1".into()), 5001).await.unwrap();
    assert_eq!(cancelled, Some(1_000_000_001));
    assert!(store.due_assisted_recoveries(6000).await.unwrap().is_empty());
}

/// Issue 18: what the maintenance task prunes, and what a flow start writes, is found by index:
/// no statement on the request path or in the pruning scans a table that grows with traffic.
#[tokio::test]
async fn pruning_and_spending_a_captcha_go_by_index_never_by_a_scan() {
    let (store, _dir) = store().await;
    for statement in [
        "DELETE FROM spent_captchas WHERE expires_at < 1",
        "DELETE FROM throttle_events WHERE at < 1",
        "DELETE FROM contacts WHERE confirmed_at IS NULL AND expires_at < 1",
        "DELETE FROM pending_sign_ins WHERE expires_at < 1",
        "SELECT COUNT(*) FROM throttle_events WHERE key = 'k' AND at > 1",
    ] {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {statement}"))
                .fetch_all(store.pool())
                .await
                .unwrap();
        let steps: Vec<&str> = plan.iter().map(|(_, _, _, detail)| detail.as_str()).collect();
        assert!(
            steps.iter().all(|s| !s.starts_with("SCAN"))
                && steps.iter().any(|s| s.contains("INDEX")),
            "{statement}: {steps:?}"
        );
    }
}
