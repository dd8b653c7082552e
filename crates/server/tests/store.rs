//! The SQLite store against a real database file: atomicity, the single-use rules under
//! concurrency, session rotation, and the courier's outbox with a failing channel.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use regain_courier::{
    Channel, ChannelKind, Channels, DeliveryError, Message, Outbox, RetryPolicy, Sealer, Worker,
};
use regain_protocol::ContactChannel;
use regain_recovery::store::{
    AccountStore, ConfirmationStore, NewAccountRecord, NewConfirmation, NewSession, QueuedMessage,
    RotatedTokens, Rotation, SessionStore,
};
use regain_recovery::{Email, Phone, StoreError, TokenHash};
use regain_server::store::SqliteStore;

async fn store() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("test.sqlite3")).await.unwrap();
    store.migrate().await.unwrap();
    (store, dir)
}

/// An account claiming `email` (unconfirmed) until 100 + 86400.
fn account(id: u64, email: &str) -> NewAccountRecord {
    NewAccountRecord {
        id,
        display_name: "Ana".into(),
        birthday: None,
        email: Some(Email::parse(email).unwrap()),
        phone: None,
        confirmed: false,
        claim_expires_at: 100 + 86_400,
        password_hash: "$argon2id$test".into(),
        locale: "en".into(),
        created_at: 100,
    }
}

fn confirmed_account(id: u64, email: &str) -> NewAccountRecord {
    NewAccountRecord { confirmed: true, ..account(id, email) }
}

fn confirmation(account_id: u64, mac: &str) -> NewConfirmation {
    NewConfirmation {
        account_id,
        channel: ContactChannel::Email,
        code_mac: mac.into(),
        created_at: 100,
        expires_at: 700,
    }
}

fn queued(id: &str, sealed: Vec<u8>) -> QueuedMessage {
    QueuedMessage {
        id: id.into(),
        channel: ChannelKind::Email,
        sealed,
        created_at: 100,
        decoy: false,
    }
}

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

#[tokio::test]
async fn an_account_is_written_whole_or_not_at_all() {
    let (store, _dir) = store().await;
    store
        .insert_account(
            &confirmed_account(1_000_000_001, "a@example.com"),
            &[confirmation(1_000_000_001, "m1")],
            &[queued("msg1", vec![1])],
        )
        .await
        .unwrap();
    let found = store
        .account_by_email(&Email::parse("A@Example.com").unwrap(), 200)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, 1_000_000_001);
    assert!(store
        .account_by_phone(&Phone::parse("+12015550123", None).unwrap(), 200)
        .await
        .unwrap()
        .is_none());

    // Same ID: the caller draws another; nothing else is written.
    let taken = store
        .insert_account(
            &account(1_000_000_001, "b@example.com"),
            &[confirmation(1_000_000_001, "m2")],
            &[queued("msg2", vec![2])],
        )
        .await;
    assert!(matches!(taken, Err(StoreError::AccountIdTaken)));
    // The same email confirmed for a new ID (an operator's mistake): refused, and the account,
    // its confirmation and its message are rolled back.
    let in_use = store
        .insert_account(
            &confirmed_account(1_000_000_002, "a@example.com"),
            &[confirmation(1_000_000_002, "m3")],
            &[queued("msg3", vec![3])],
        )
        .await;
    assert!(matches!(in_use, Err(StoreError::ContactInUse)));
    assert_eq!(count(&store, "accounts").await, 1);
    assert_eq!(count(&store, "contact_confirmations").await, 1);
    assert_eq!(count(&store, "outbox").await, 1);
}

/// An unconfirmed contact is a claim: others may claim it too, the first to confirm it takes
/// it and the other claims end, and an unconfirmed claim lapses at its time.
#[tokio::test]
async fn unconfirmed_contacts_are_claims_that_never_block_and_lapse() {
    let (store, _dir) = store().await;
    let email = Email::parse("a@example.com").unwrap();
    let (first, second) = (1_000_000_001, 1_000_000_002);
    for id in [first, second] {
        store
            .insert_account(&account(id, "a@example.com"), &[confirmation(id, "m")], &[])
            .await
            .unwrap();
    }
    let claimed = store.account_by_email(&email, 200).await.unwrap().unwrap();
    assert_eq!(claimed.id, first, "the first live claim names the account until one confirms");

    let pending =
        store.count_confirmation_attempt(second, ContactChannel::Email).await.unwrap().unwrap();
    assert!(store
        .consume_confirmation(pending.id, second, ContactChannel::Email, 300)
        .await
        .unwrap());
    let owner = store.account_by_email(&email, 300).await.unwrap().unwrap();
    assert_eq!((owner.id, owner.email.unwrap().confirmed), (second, true));
    assert!(store.account(first, 300).await.unwrap().unwrap().email.is_none(), "its claim ended");
    let late =
        store.count_confirmation_attempt(first, ContactChannel::Email).await.unwrap().unwrap();
    assert!(
        !store.consume_confirmation(late.id, first, ContactChannel::Email, 400).await.unwrap(),
        "a confirmed contact is one account's only"
    );

    let third = 1_000_000_003;
    store.insert_account(&account(third, "c@example.com"), &[], &[]).await.unwrap();
    let lapse = 100 + 86_400;
    assert!(store.account(third, lapse - 1).await.unwrap().unwrap().email.is_some());
    assert!(store.account(third, lapse).await.unwrap().unwrap().email.is_none());
    let c = Email::parse("c@example.com").unwrap();
    assert!(
        store.account_by_email(&c, lapse).await.unwrap().is_none(),
        "a lapsed claim names nobody"
    );
}

/// Two racing submits of the right code: exactly one wins (STYLE.md, Kratos's code check).
#[tokio::test]
async fn of_twenty_concurrent_consumes_exactly_one_wins() {
    let (store, _dir) = store().await;
    let id = 1_000_000_001;
    store
        .insert_account(&account(id, "a@example.com"), &[confirmation(id, "mac")], &[])
        .await
        .unwrap();
    let pending =
        store.count_confirmation_attempt(id, ContactChannel::Email).await.unwrap().unwrap();
    assert_eq!(pending.attempts, 1);
    let store = Arc::new(store);
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .consume_confirmation(pending.id, id, ContactChannel::Email, 200)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut wins = 0;
    for task in tasks {
        wins += usize::from(task.await.unwrap());
    }
    assert_eq!(wins, 1);
    assert!(store.account(id, 200).await.unwrap().unwrap().email.unwrap().confirmed);
    assert!(store.count_confirmation_attempt(id, ContactChannel::Email).await.unwrap().is_none());
}

#[tokio::test]
async fn a_new_confirmation_supersedes_the_live_one() {
    let (store, _dir) = store().await;
    let id = 1_000_000_001;
    store
        .insert_account(&account(id, "a@example.com"), &[confirmation(id, "old")], &[])
        .await
        .unwrap();
    let old = store.count_confirmation_attempt(id, ContactChannel::Email).await.unwrap().unwrap();
    store.replace_confirmation(&confirmation(id, "new"), &queued("m", vec![9])).await.unwrap();
    let live = store.count_confirmation_attempt(id, ContactChannel::Email).await.unwrap().unwrap();
    assert_eq!(live.code_mac, "new");
    assert_eq!(live.attempts, 1, "a new code starts its own count");
    assert!(!store.consume_confirmation(old.id, id, ContactChannel::Email, 200).await.unwrap());
}

#[tokio::test]
async fn refresh_tokens_rotate_once_and_a_replay_revokes() {
    let (store, _dir) = store().await;
    let id = 1_000_000_001;
    store.insert_account(&account(id, "a@example.com"), &[], &[]).await.unwrap();
    let hash = |s: &str| TokenHash(s.into());
    store
        .insert_session(&NewSession {
            id: "ses_1".into(),
            account_id: id,
            access_hash: hash("a1"),
            access_expires_at: 1000,
            refresh_hash: hash("r1"),
            refresh_expires_at: 5000,
            created_at: 100,
            ip: Some("127.0.0.1".into()),
            user_agent: None,
        })
        .await
        .unwrap();
    let next = RotatedTokens {
        access_hash: hash("a2"),
        access_expires_at: 1200,
        refresh_hash: hash("r2"),
    };
    assert!(
        matches!(store.rotate_refresh(&hash("r1"), &next, 200).await.unwrap(), Rotation::Rotated(s) if s.id == "ses_1")
    );
    assert!(store.session_by_access(&hash("a1"), 200).await.unwrap().is_none());
    assert!(store.session_by_access(&hash("a2"), 200).await.unwrap().is_some());
    assert!(store.session_by_access(&hash("a2"), 1200).await.unwrap().is_none(), "expired");

    let again = RotatedTokens {
        access_hash: hash("a3"),
        access_expires_at: 1300,
        refresh_hash: hash("r3"),
    };
    assert!(matches!(
        store.rotate_refresh(&hash("r1"), &again, 300).await.unwrap(),
        Rotation::Reused { .. }
    ));
    assert!(matches!(
        store.rotate_refresh(&hash("r2"), &again, 300).await.unwrap(),
        Rotation::Unknown
    ));
    assert!(store.sessions_of(id, 300).await.unwrap().is_empty());
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

#[tokio::test]
async fn a_claimed_message_is_not_claimed_twice_while_leased() {
    let (store, _dir) = store().await;
    sqlx::query("INSERT INTO outbox (id, channel, sealed, next_attempt_at, created_at) VALUES ('m1', 'email', x'01', 100, 100)")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(store.claim_due(100, 160, 10).await.unwrap().len(), 1);
    assert!(
        store.claim_due(120, 180, 10).await.unwrap().is_empty(),
        "another worker sees it leased"
    );
    assert_eq!(
        store.claim_due(160, 220, 10).await.unwrap().len(),
        1,
        "an expired lease is taken over"
    );
}

#[tokio::test]
async fn old_throttle_events_are_pruned() {
    use regain_recovery::store::ThrottleStore as _;
    let (store, _dir) = store().await;
    assert_eq!(store.take("k", 100, 3600, 5).await.unwrap(), None);
    assert_eq!(store.take("k", 5000, 3600, 5).await.unwrap(), None);
    store.prune(1000).await.unwrap();
    assert_eq!(count(&store, "throttle_events").await, 1);
}
