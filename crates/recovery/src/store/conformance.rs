//! The store contract's conformance suite: every promise of [`super`] checked against a store a
//! database's tests hand in, so that a database is proven by the contract's suite and not by
//! its own (Kratos runs `flow/recovery/test/persistence.go` against every dialect).
//!
//! A database's test file calls [`store_conformance!`](crate::store_conformance) with an async
//! function that returns a fresh, migrated store (and whatever keeps it alive); each check below
//! becomes one test there. Times are passed in, as the domain passes its clock's.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;

use regain_courier::{ChannelKind, Outbox};
use regain_protocol::ContactChannel;

use super::*;
use crate::events::SecurityEvent;
use crate::model::decoy::{DecoyProfile, DonorPool};
use crate::model::flow::{Flow, MethodKind, State};
use crate::{Device, Email, PasswordStrength, Phone, RequestMeta, TokenHash};

/// Every check, as one test each, against the stores `$make` returns: an async function giving
/// `(Arc<S>, guard)`, where `S: Store + Outbox` and the guard keeps the database alive.
#[macro_export]
macro_rules! store_conformance {
    ($make:path) => {
        $crate::store_conformance!(@each $make,
            accounts_and_their_messages_are_written_whole_or_not_at_all,
            a_contact_is_confirmed_once_under_a_race_and_ends_other_claims,
            unconfirmed_contacts_are_claims_that_lapse_by_the_clock,
            a_new_confirmation_supersedes_the_live_one,
            refresh_tokens_rotate_once_and_a_replay_revokes,
            a_flow_move_with_its_method_state_wins_once_under_a_race,
            method_state_writes_are_conditional,
            a_password_change_ends_open_flows_and_queues_its_notices_atomically,
            a_reset_completes_once_under_a_race,
            this_wasnt_me_works_once_and_ends_sessions_and_flows,
            throttle_budgets_hold_under_concurrent_takers,
            throttle_windows_and_spent_captchas_expire_by_the_clock,
            the_outbox_leases_retries_and_records_delivery,
            racing_workers_lease_each_message_to_one_of_them,
            decoy_profiles_are_kept_once_and_donors_wrap_around,
            events_read_back_per_account_and_per_flow,
            an_authenticator_counts_once_confirmed_and_its_steps_are_used_once_under_a_race,
            recovery_codes_are_used_once_under_a_race_and_a_new_set_voids_the_old,
            turning_the_second_factor_off_removes_it_with_its_event_and_notices,
            a_pending_sign_in_counts_its_tries_and_finishes_once_under_a_race,
            a_claimed_contact_replaces_the_confirmed_one_only_once_confirmed,
            racing_removals_of_two_contacts_leave_one_way_back,
            racing_new_sets_of_recovery_codes_leave_one_set,
            a_locked_device_survives_a_password_change_and_unlocks_once,
            this_wasnt_me_undoes_the_change_it_reports,
            a_support_request_is_kept_whole_and_its_contact_confirmed_once_under_a_race,
            a_request_is_claimed_decided_and_its_pass_used_once_under_a_race,
            a_circle_never_outgrows_its_size_and_an_answer_counts_once_under_a_race,
            a_vouch_counts_once_under_a_race_and_a_wait_ends_once,
            a_contacts_no_ends_the_request_and_its_wait,
            a_circuit_breaker_counts_exactly_its_limit_under_a_race,
        );
    };
    (@each $make:path, $($check:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $check() {
                let (store, _keep) = $make().await;
                $crate::store::conformance::$check(store).await;
            }
        )*
    };
}

const A: u64 = 1_000_000_001;
const B: u64 = 1_000_000_002;
const C: u64 = 1_000_000_003;
const T0: i64 = 1_000;
const DAY: i64 = 86_400;

fn email(value: &str) -> Email {
    Email::parse(value).expect("an email")
}

fn account(id: u64, address: &str, confirmed: bool) -> NewAccountRecord {
    NewAccountRecord {
        id,
        display_name: "Ana".into(),
        birthday: None,
        email: Some(email(address)),
        phone: None,
        confirmed,
        claim_expires_at: T0 + DAY,
        password_hash: "$argon2id$test".into(),
        password_strength: PasswordStrength { score: 4, long_enough_alone: true },
        locale: "en".into(),
        created_at: T0,
    }
}

fn confirmation(account_id: u64, mac: &str) -> NewConfirmation {
    NewConfirmation {
        account_id,
        channel: ContactChannel::Email,
        code_mac: mac.into(),
        created_at: T0,
        expires_at: T0 + 600,
    }
}

fn message(id: &str, at: i64) -> QueuedMessage {
    QueuedMessage {
        id: id.into(),
        channel: ChannelKind::Email,
        sealed: vec![1, 2, 3],
        created_at: at,
        decoy: false,
    }
}

fn event(
    kind: &'static str,
    account_id: Option<u64>,
    flow_id: Option<&str>,
    at: i64,
) -> SecurityEvent {
    let kind = crate::events::EventKind::parse(kind).expect("an event kind");
    let ok = crate::events::EventOutcome::Ok;
    SecurityEvent {
        account_id,
        flow_id: flow_id.map(ToOwned::to_owned),
        ..SecurityEvent::from_request(kind, ok, &RequestMeta::default(), at)
    }
}

fn flow(id: &str, account_id: Option<u64>) -> Flow {
    Flow {
        id: id.into(),
        account_id,
        subject: format!("subject-of-{id}"),
        state: State::ChooseMethod,
        method: None,
        gates_required: 1,
        gates_passed: Vec::new(),
        reset_mac: None,
        reset_expires_at: None,
        created_at: T0,
        expires_at: T0 + 1800,
        completed_at: None,
        version: 0,
    }
}

fn session(id: &str, account_id: u64, refresh: &str) -> NewSession {
    NewSession {
        id: id.into(),
        account_id,
        access_hash: TokenHash(format!("access-{id}")),
        access_expires_at: T0 + 900,
        refresh_hash: TokenHash(refresh.into()),
        refresh_expires_at: T0 + 30 * DAY,
        created_at: T0,
        ip: None,
        user_agent: None,
        factors: vec![AuthMethod::Password],
        device: Device::default(),
    }
}

fn account_change(
    account_id: u64,
    kind: &'static str,
    notice: Option<&str>,
    now: i64,
) -> AccountChange {
    AccountChange {
        account_id,
        now,
        event: event(kind, Some(account_id), None, now),
        notices: Notices {
            messages: notice.map(|id| message(id, now)).into_iter().collect(),
            report_mac: format!("report-{account_id}-{kind}-{now}"),
            report_expires_at: now + DAY,
            undo: Undo::Nothing,
        },
    }
}

fn codes(prefix: &str) -> Vec<NewRecoveryCode> {
    (0..10)
        .map(|i| NewRecoveryCode {
            tag: format!("{prefix}{i}"),
            hash: format!("$argon2id${prefix}{i}"),
        })
        .collect()
}

fn change(account_id: u64, notices: Vec<QueuedMessage>, report: &str, now: i64) -> PasswordChange {
    PasswordChange {
        account_id,
        password_hash: "$argon2id$new".into(),
        password_strength: PasswordStrength { score: 3, long_enough_alone: false },
        keep: 5,
        keep_session: None,
        now,
        event: event("password_changed", Some(account_id), None, now),
        notices: Notices {
            messages: notices,
            report_mac: report.into(),
            report_expires_at: now + DAY,
            undo: Undo::Nothing,
        },
    }
}

/// A move of `flow` to the code prompt with the code method's first state and a message.
fn challenge_move(flow: &Flow, message_id: Option<&str>) -> FlowMove {
    FlowMove {
        flow_id: flow.id.clone(),
        expected_version: flow.version,
        state: State::EnterCode,
        method: Some(MethodKind::EMAIL),
        gates_passed: Vec::new(),
        reset_mac: None,
        reset_expires_at: None,
        method_state: Some(StateWrite {
            key: "code".into(),
            expected_version: None,
            data: serde_json::json!({"attempts": 0}),
        }),
        messages: message_id.map(|id| message(id, T0)).into_iter().collect(),
        asks: Vec::new(),
        expires_at: None,
    }
}

async fn delivered<S: Store>(store: &S, id: &str) -> Option<Delivery> {
    store.delivery(id).await.unwrap()
}

pub async fn accounts_and_their_messages_are_written_whole_or_not_at_all<S: Store + Outbox>(
    store: Arc<S>,
) {
    store
        .insert_account(
            &account(A, "a@example.com", true),
            &[confirmation(A, "m1")],
            &[message("msg1", T0)],
        )
        .await
        .unwrap();
    assert_eq!(store.account_by_email(&email("A@Example.com"), T0).await.unwrap().unwrap().id, A);
    assert!(store
        .account_by_phone(&Phone::parse("+12015550123", None).unwrap(), T0)
        .await
        .unwrap()
        .is_none());
    assert!(matches!(
        delivered(store.as_ref(), "msg1").await,
        Some(Delivery::Pending { attempts: 0 })
    ));

    let taken = store
        .insert_account(
            &account(A, "b@example.com", false),
            &[confirmation(A, "m2")],
            &[message("msg2", T0)],
        )
        .await;
    assert!(matches!(taken, Err(StoreError::AccountIdTaken)));
    // The same confirmed email for another account: refused, with its confirmation and message.
    let in_use = store
        .insert_account(
            &account(B, "a@example.com", true),
            &[confirmation(B, "m3")],
            &[message("msg3", T0)],
        )
        .await;
    assert!(matches!(in_use, Err(StoreError::ContactInUse)));
    assert!(store.account(B, T0).await.unwrap().is_none());
    assert!(
        delivered(store.as_ref(), "msg2").await.is_none()
            && delivered(store.as_ref(), "msg3").await.is_none()
    );
    assert!(store.count_confirmation_attempt(B, ContactChannel::Email).await.unwrap().is_none());
}

pub async fn a_contact_is_confirmed_once_under_a_race_and_ends_other_claims<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    for id in [A, B] {
        store
            .insert_account(&account(id, "a@example.com", false), &[confirmation(id, "mac")], &[])
            .await
            .unwrap();
    }
    let pending =
        store.count_confirmation_attempt(B, ContactChannel::Email).await.unwrap().unwrap();
    assert_eq!(pending.attempts, 1);
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .consume_confirmation(pending.id, B, ContactChannel::Email, T0 + 10, None)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut wins = 0;
    for task in tasks {
        wins += usize::from(task.await.unwrap());
    }
    assert_eq!(wins, 1, "exactly one of twenty racing submits wins");
    let owner = store.account_by_email(&email("a@example.com"), T0 + 10).await.unwrap().unwrap();
    assert_eq!((owner.id, owner.email.unwrap().confirmed), (B, true));
    assert!(store.account(A, T0 + 10).await.unwrap().unwrap().email.is_none(), "A's claim ended");
    let late = store.count_confirmation_attempt(A, ContactChannel::Email).await.unwrap().unwrap();
    assert!(!store
        .consume_confirmation(late.id, A, ContactChannel::Email, T0 + 20, None)
        .await
        .unwrap());
}

pub async fn unconfirmed_contacts_are_claims_that_lapse_by_the_clock<S: Store + Outbox>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", false), &[], &[]).await.unwrap();
    store.insert_account(&account(B, "a@example.com", false), &[], &[]).await.unwrap();
    let first = store.account_by_email(&email("a@example.com"), T0 + 1).await.unwrap().unwrap();
    assert_eq!(first.id, A, "the first live claim names the account while none is confirmed");
    let lapse = T0 + DAY;
    assert!(store.account(A, lapse - 1).await.unwrap().unwrap().email.is_some());
    assert!(store.account(A, lapse).await.unwrap().unwrap().email.is_none());
    assert!(store.account_by_email(&email("a@example.com"), lapse).await.unwrap().is_none());
    store.prune(lapse + 1).await.unwrap();
    assert!(store.account(A, T0).await.unwrap().unwrap().email.is_none(), "pruned");
}

pub async fn a_new_confirmation_supersedes_the_live_one<S: Store + Outbox>(store: Arc<S>) {
    store
        .insert_account(&account(A, "a@example.com", false), &[confirmation(A, "old")], &[])
        .await
        .unwrap();
    let old = store.count_confirmation_attempt(A, ContactChannel::Email).await.unwrap().unwrap();
    assert_eq!(
        store.live_confirmation_created_at(A, ContactChannel::Email).await.unwrap(),
        Some(T0)
    );
    store.replace_confirmation(&confirmation(A, "new"), &message("m", T0)).await.unwrap();
    let live = store.count_confirmation_attempt(A, ContactChannel::Email).await.unwrap().unwrap();
    assert_eq!(
        (live.code_mac.as_str(), live.attempts),
        ("new", 1),
        "a new code starts its own count"
    );
    assert!(!store
        .consume_confirmation(old.id, A, ContactChannel::Email, T0 + 10, None)
        .await
        .unwrap());
    assert!(matches!(delivered(store.as_ref(), "m").await, Some(Delivery::Pending { .. })));
}

pub async fn refresh_tokens_rotate_once_and_a_replay_revokes<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.insert_session(&session("ses_1", A, "r1")).await.unwrap();
    let next = |n: u32| RotatedTokens {
        access_hash: TokenHash(format!("a{n}")),
        access_expires_at: T0 + 900,
        refresh_hash: TokenHash(format!("r{n}")),
    };
    let tasks: Vec<_> = (2..12)
        .map(|n| {
            let (store, next) = (store.clone(), next(n));
            tokio::spawn(async move {
                store.rotate_refresh(&TokenHash("r1".into()), &next, T0 + 1).await.unwrap()
            })
        })
        .collect();
    let mut rotated = 0;
    for task in tasks {
        rotated += usize::from(matches!(task.await.unwrap(), Rotation::Rotated(_)));
    }
    assert_eq!(rotated, 1, "a refresh token works once, even raced");
    assert!(store.sessions_of(A, T0 + 2).await.unwrap().is_empty(), "the replays revoked it");
    assert!(store
        .session_by_access(&TokenHash("access-ses_1".into()), T0 + 2)
        .await
        .unwrap()
        .is_none());

    store.insert_session(&session("ses_2", A, "q1")).await.unwrap();
    let access = TokenHash("access-ses_2".into());
    assert!(store.session_by_access(&access, T0 + 899).await.unwrap().is_some());
    assert!(
        store.session_by_access(&access, T0 + 900).await.unwrap().is_none(),
        "expired by the clock"
    );
    assert!(matches!(
        store.rotate_refresh(&TokenHash("nope".into()), &next(99), T0).await.unwrap(),
        Rotation::Unknown
    ));
}

pub async fn a_flow_move_with_its_method_state_wins_once_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    let started = flow("rf_1", Some(A));
    store.insert_flow(&started, None).await.unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|n| {
            let store = store.clone();
            let step = challenge_move(&started, Some(&format!("msg{n}")));
            tokio::spawn(async move { store.advance(&step).await.unwrap() })
        })
        .collect();
    let mut wins = Vec::new();
    for (n, task) in tasks.into_iter().enumerate() {
        if task.await.unwrap() {
            wins.push(n);
        }
    }
    assert_eq!(wins.len(), 1, "one move from one version");
    for n in 0..20 {
        let queued = delivered(store.as_ref(), &format!("msg{n}")).await.is_some();
        assert_eq!(queued, wins.contains(&n), "only the winner's message is queued");
    }
    let moved = store.flow("rf_1").await.unwrap().unwrap();
    assert_eq!(
        (moved.state, moved.method.clone(), moved.version),
        (State::EnterCode, Some(MethodKind::EMAIL), 1)
    );

    // Consuming the proof: of racing passes from the same state version, one wins.
    let state = store.method_state("rf_1", "code").await.unwrap().unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            let step = FlowMove {
                flow_id: "rf_1".into(),
                expected_version: moved.version,
                state: State::ChoosePassword,
                method: None,
                gates_passed: vec![MethodKind::EMAIL],
                reset_mac: Some("reset".into()),
                reset_expires_at: Some(T0 + 600),
                method_state: Some(StateWrite {
                    key: "code".into(),
                    expected_version: Some(state.version),
                    data: serde_json::json!({"attempts": 1, "consumed": true}),
                }),
                messages: Vec::new(),
                asks: Vec::new(),
                expires_at: None,
            };
            tokio::spawn(async move { store.advance(&step).await.unwrap() })
        })
        .collect();
    let mut passes = 0;
    for task in tasks {
        passes += usize::from(task.await.unwrap());
    }
    assert_eq!(passes, 1);
    let passed = store.flow("rf_1").await.unwrap().unwrap();
    assert_eq!(
        (passed.state, passed.gates_passed),
        (State::ChoosePassword, vec![MethodKind::EMAIL])
    );
}

pub async fn method_state_writes_are_conditional<S: Store + Outbox + 'static>(store: Arc<S>) {
    store.insert_flow(&flow("rf_1", None), None).await.unwrap();
    assert!(store.method_state("rf_1", "code").await.unwrap().is_none());
    let first = |n: u32| StateWrite {
        key: "code".into(),
        expected_version: None,
        data: serde_json::json!({"n": n}),
    };
    let tasks: Vec<_> = (0..10)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move { store.save_method_state("rf_1", &first(n)).await.unwrap() })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        created += usize::from(task.await.unwrap());
    }
    assert_eq!(created, 1, "a state is created once");
    let state = store.method_state("rf_1", "code").await.unwrap().unwrap();
    // Attempt counting: every racing increment from a read lands exactly once after retries.
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                loop {
                    let now = store.method_state("rf_1", "code").await.unwrap().unwrap();
                    let count = now.data["count"].as_u64().unwrap_or(0) + 1;
                    let write = StateWrite {
                        key: "code".into(),
                        expected_version: Some(now.version),
                        data: serde_json::json!({"count": count}),
                    };
                    if store.save_method_state("rf_1", &write).await.unwrap() {
                        break;
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let counted = store.method_state("rf_1", "code").await.unwrap().unwrap();
    assert_eq!((counted.data["count"].as_u64(), counted.version), (Some(10), state.version + 10));
    let stale = StateWrite {
        key: "code".into(),
        expected_version: Some(state.version),
        data: serde_json::json!({}),
    };
    assert!(!store.save_method_state("rf_1", &stale).await.unwrap());
    assert!(store.method_state("rf_1", "questions").await.unwrap().is_none(), "keys are apart");
}

pub async fn a_password_change_ends_open_flows_and_queues_its_notices_atomically<
    S: Store + Outbox,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.insert_account(&account(B, "b@example.com", true), &[], &[]).await.unwrap();
    for (id, owner) in [("rf_a", A), ("rf_b", B)] {
        let started = flow(id, Some(owner));
        store.insert_flow(&started, None).await.unwrap();
        assert!(store.advance(&challenge_move(&started, None)).await.unwrap());
    }
    store.insert_session(&session("ses_keep", A, "r1")).await.unwrap();
    store.insert_session(&session("ses_other", A, "r2")).await.unwrap();
    let mut changed = change(
        A,
        vec![message("notice-1", T0 + 5), message("notice-2", T0 + 5)],
        "report-a",
        T0 + 5,
    );
    changed.keep_session = Some("ses_keep".into());
    store.change_password(&changed).await.unwrap();

    let ended = store.flow("rf_a").await.unwrap().unwrap();
    assert!(ended.expires_at <= T0 + 5, "A's open flow ended");
    assert!(store.method_state("rf_a", "code").await.unwrap().is_none(), "with its code");
    assert_eq!(
        store.flow("rf_b").await.unwrap().unwrap().expires_at,
        T0 + 1800,
        "B's is untouched"
    );
    assert!(store.method_state("rf_b", "code").await.unwrap().is_some());
    let sessions: Vec<String> =
        store.sessions_of(A, T0 + 6).await.unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(sessions, ["ses_keep"]);
    assert_eq!(store.password_history(A, 5).await.unwrap()[0], "$argon2id$new");
    for id in ["notice-1", "notice-2"] {
        assert!(delivered(store.as_ref(), id).await.is_some());
    }
    assert_eq!(store.events(A, 10).await.unwrap()[0].kind, "password_changed");
    assert_eq!(store.report_incident("report-a", T0 + 10).await.unwrap(), Some(A));
}

pub async fn a_reset_completes_once_under_a_race<S: Store + Outbox + 'static>(store: Arc<S>) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    let mut ready = flow("rf_1", Some(A));
    store.insert_flow(&ready, None).await.unwrap();
    let step = FlowMove {
        state: State::ChoosePassword,
        method: None,
        gates_passed: vec![MethodKind::EMAIL],
        reset_mac: Some("reset-mac".into()),
        reset_expires_at: Some(T0 + 600),
        method_state: None,
        messages: Vec::new(),
        asks: Vec::new(),
        expires_at: None,
        ..challenge_move(&ready, None)
    };
    assert!(store.advance(&step).await.unwrap());
    ready = store.flow("rf_1").await.unwrap().unwrap();
    let tasks: Vec<_> = (0..10)
        .map(|n| {
            let store = store.clone();
            let reset = ResetCompletion {
                flow_id: ready.id.clone(),
                reset_mac: "reset-mac".into(),
                change: change(
                    A,
                    vec![message(&format!("notice{n}"), T0 + 5)],
                    &format!("report{n}"),
                    T0 + 5,
                ),
            };
            tokio::spawn(async move { store.complete_reset(&reset, T0 + 5).await.unwrap() })
        })
        .collect();
    let mut completed = 0;
    for task in tasks {
        completed += usize::from(task.await.unwrap());
    }
    assert_eq!(completed, 1, "a reset token works once");
    assert_eq!(store.flow("rf_1").await.unwrap().unwrap().state, State::Complete);
    let expired = ResetCompletion {
        flow_id: "rf_1".into(),
        reset_mac: "reset-mac".into(),
        change: change(A, Vec::new(), "late", T0 + 700),
    };
    assert!(!store.complete_reset(&expired, T0 + 700).await.unwrap());
}

pub async fn this_wasnt_me_works_once_and_ends_sessions_and_flows<S: Store + Outbox>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.change_password(&change(A, Vec::new(), "report", T0)).await.unwrap();
    store.insert_session(&session("ses_1", A, "r1")).await.unwrap();
    let open = flow("rf_1", Some(A));
    store.insert_flow(&open, None).await.unwrap();
    assert_eq!(store.report_incident("report", T0 + 1).await.unwrap(), Some(A));
    assert!(store.sessions_of(A, T0 + 2).await.unwrap().is_empty());
    assert!(store.flow("rf_1").await.unwrap().unwrap().expires_at <= T0 + 1);
    assert_eq!(store.report_incident("report", T0 + 2).await.unwrap(), None, "once");
    assert_eq!(store.report_incident("unknown", T0 + 2).await.unwrap(), None);
    store.change_password(&change(A, Vec::new(), "later", T0 + 10)).await.unwrap();
    assert_eq!(store.report_incident("later", T0 + 10 + DAY).await.unwrap(), None, "expired");
}

/// `racers` calls of `call`, let go together once every one is ready: their answers.
async fn race<T, F, Fut>(racers: usize, call: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let start = Arc::new(tokio::sync::Barrier::new(racers));
    let tasks: Vec<_> = (0..racers)
        .map(|n| {
            let start = start.clone();
            let call = call(n);
            tokio::spawn(async move {
                start.wait().await;
                call.await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

pub async fn throttle_budgets_hold_under_concurrent_takers<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    // Several bursts, so that the later ones find every connection open and race in earnest.
    for burst in ["warm-up", "burst-2", "burst-3", "burst"] {
        let answers = race(40, |_| {
            let store = store.clone();
            async move { store.take(burst, T0, 3600, 10).await.unwrap() }
        })
        .await;
        let allowed = answers.iter().filter(|wait| wait.is_none()).count();
        assert_eq!(allowed, 10, "exactly the budget gets through ({burst})");
    }
    let (count, oldest) = store.count("burst", T0, 3600).await.unwrap();
    assert_eq!((count, oldest), (10, Some(T0)));
    assert_eq!(
        store.take("burst", T0 + 100, 3600, 10).await.unwrap(),
        Some(3500),
        "the wait until one more"
    );
    store.forget(&["burst".to_owned()]).await.unwrap();
    assert_eq!(store.count("burst", T0 + 100, 3600).await.unwrap().0, 0);
}

pub async fn throttle_windows_and_spent_captchas_expire_by_the_clock<S: Store + Outbox>(
    store: Arc<S>,
) {
    assert_eq!(store.take("k", T0, 3600, 1).await.unwrap(), None);
    assert!(store.take("k", T0 + 3599, 3600, 1).await.unwrap().is_some());
    assert_eq!(store.take("k", T0 + 3600, 3600, 1).await.unwrap(), None, "the window slid");
    assert!(store.spend_captcha("sig", T0 + 600, T0).await.unwrap());
    assert!(!store.spend_captcha("sig", T0 + 600, T0 + 1).await.unwrap(), "spent once");
    store.prune(T0 + 3600 + 1).await.unwrap();
    assert_eq!(store.count("k", T0 + 3600, 7200).await.unwrap().0, 0, "old events pruned");
}

pub async fn the_outbox_leases_retries_and_records_delivery<S: Store + Outbox>(store: Arc<S>) {
    store
        .insert_account(
            &account(A, "a@example.com", false),
            &[confirmation(A, "m")],
            &[message("m1", T0)],
        )
        .await
        .unwrap();
    let claimed = store.claim_due(T0, T0 + 60, 10).await.unwrap();
    assert_eq!(claimed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["m1"]);
    assert_eq!(claimed[0].sealed, vec![1, 2, 3]);
    assert!(
        store.claim_due(T0 + 30, T0 + 90, 10).await.unwrap().is_empty(),
        "leased to one worker"
    );
    assert_eq!(
        store.claim_due(T0 + 60, T0 + 120, 10).await.unwrap().len(),
        1,
        "a lapsed lease is taken over"
    );
    store.retry_at("m1", T0 + 100, "gateway status 500").await.unwrap();
    assert!(matches!(
        delivered(store.as_ref(), "m1").await,
        Some(Delivery::Pending { attempts: 1 })
    ));
    assert!(store.claim_due(T0 + 99, T0 + 160, 10).await.unwrap().is_empty(), "not due yet");
    assert_eq!(store.claim_due(T0 + 100, T0 + 160, 10).await.unwrap().len(), 1);
    store.mark_sent("m1", T0 + 101).await.unwrap();
    assert_eq!(delivered(store.as_ref(), "m1").await, Some(Delivery::Sent));
    assert!(store.claim_due(T0 + 500, T0 + 560, 10).await.unwrap().is_empty());
    store.replace_confirmation(&confirmation(A, "n"), &message("m2", T0 + 200)).await.unwrap();
    store.mark_failed("m2", T0 + 201, "gateway status 400").await.unwrap();
    assert_eq!(delivered(store.as_ref(), "m2").await, Some(Delivery::Failed));
}

/// Several instances' workers claim from one outbox at once: every message goes to exactly one.
pub async fn racing_workers_lease_each_message_to_one_of_them<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    let queued: Vec<QueuedMessage> = (0..60).map(|n| message(&format!("m{n}"), T0)).collect();
    store.insert_account(&account(A, "a@example.com", false), &[], &queued).await.unwrap();
    let mut workers = Vec::new();
    for _ in 0..8 {
        let store = store.clone();
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = store.claim_due(T0, T0 + 60, 5).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|envelope| envelope.id));
            }
        }));
    }
    let mut claimed = Vec::new();
    for worker in workers {
        claimed.extend(worker.await.unwrap());
    }
    claimed.sort();
    let mut expected: Vec<String> = queued.iter().map(|m| m.id.clone()).collect();
    expected.sort();
    assert_eq!(claimed, expected, "each message claimed once, none left behind");
}

pub async fn decoy_profiles_are_kept_once_and_donors_wrap_around<S: Store + Outbox>(store: Arc<S>) {
    let first = DecoyProfile {
        email: Some("a•••@x.com".into()),
        phone: None,
        question_count: 2,
        second_factor: true,
        vouches: Some((2, 3)),
    };
    let second = DecoyProfile {
        email: None,
        phone: Some("+1 ••• •••• 23".into()),
        question_count: 0,
        second_factor: false,
        vouches: None,
    };
    let mut one = flow("rf_1", None);
    one.subject = "same".into();
    let mut two = flow("rf_2", None);
    two.subject = "same".into();
    store.insert_flow(&one, Some(&first)).await.unwrap();
    store.insert_flow(&two, Some(&second)).await.unwrap();
    assert_eq!(store.decoy_profile("same").await.unwrap(), Some(first), "the first profile stays");
    assert_eq!(store.decoy_profile("other").await.unwrap(), None);

    let emails = DonorPool::Emails { domain: Some("corp.example".into()) };
    assert!(!store.pool_holds(&emails, 1).await.unwrap());
    assert!(store.donor(&emails, A, T0).await.unwrap().is_none());
    store.insert_account(&account(B, "b@corp.example", true), &[], &[]).await.unwrap();
    store.insert_account(&account(C, "c@corp.example", true), &[], &[]).await.unwrap();
    store.insert_account(&account(A, "a@other.example", true), &[], &[]).await.unwrap();
    assert!(
        store.pool_holds(&emails, 2).await.unwrap() && !store.pool_holds(&emails, 3).await.unwrap()
    );
    assert_eq!(store.donor(&emails, B, T0).await.unwrap().unwrap().id, B);
    assert_eq!(store.donor(&emails, B + 1, T0).await.unwrap().unwrap().id, C);
    assert_eq!(store.donor(&emails, C + 1, T0).await.unwrap().unwrap().id, B, "wraps around");
    assert_eq!(store.donor(&DonorPool::Accounts, A, T0).await.unwrap().unwrap().id, A);
    assert!(store.donor(&DonorPool::Phones { country_code: None }, A, T0).await.unwrap().is_none());
}

pub async fn an_authenticator_counts_once_confirmed_and_its_steps_are_used_once_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    assert!(store.authenticator(A).await.unwrap().is_none());
    assert!(store.begin_authenticator(A, b"sealed-1", T0).await.unwrap());
    assert!(
        store.begin_authenticator(A, b"sealed-2", T0 + 5).await.unwrap(),
        "replaces one never confirmed"
    );
    let pending = store.authenticator(A).await.unwrap().unwrap();
    assert_eq!((pending.sealed_secret.as_slice(), pending.confirmed_at), (&b"sealed-2"[..], None));
    let account = store.account(A, T0 + 5).await.unwrap().unwrap();
    assert!(!account.second_factor, "not a factor until confirmed");
    assert!(!store.use_totp_step(A, 40).await.unwrap(), "no step of an unconfirmed one counts");

    // A recovery started before the factor existed.
    store.insert_flow(&flow("rf_before", Some(A)), None).await.unwrap();
    let change = account_change(A, "second_factor_added", Some("m-added"), T0 + 10);
    assert!(
        !store.confirm_authenticator(b"sealed-1", 33, &codes("a"), &change).await.unwrap(),
        "a replaced set-up"
    );
    assert_eq!(store.flow("rf_before").await.unwrap().unwrap().expires_at, T0 + 1800);
    assert!(store.confirm_authenticator(b"sealed-2", 33, &codes("a"), &change).await.unwrap());
    assert!(
        store.flow("rf_before").await.unwrap().unwrap().expires_at <= T0 + 10,
        "a recovery started without the factor ends with its confirmation"
    );
    assert!(
        !store.confirm_authenticator(b"sealed-2", 34, &codes("b"), &change).await.unwrap(),
        "once"
    );
    let account = store.account(A, T0 + 10).await.unwrap().unwrap();
    assert!(account.second_factor);
    assert_eq!(account.recovery_codes_left, 10);
    assert_eq!(delivered(store.as_ref(), "m-added").await, Some(Delivery::Pending { attempts: 0 }));
    assert!(
        !store.begin_authenticator(A, b"sealed-3", T0 + 20).await.unwrap(),
        "a confirmed one stays"
    );

    assert!(!store.use_totp_step(A, 33).await.unwrap(), "the confirming step is used");
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.use_totp_step(A, 35).await.unwrap() })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        won += usize::from(task.await.unwrap());
    }
    assert_eq!(won, 1, "one step, one use, even raced");
    assert!(!store.use_totp_step(A, 34).await.unwrap(), "an earlier step after a later one");
    assert!(store.use_totp_step(A, 36).await.unwrap());
}

pub async fn recovery_codes_are_used_once_under_a_race_and_a_new_set_voids_the_old<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.insert_account(&account(B, "b@example.com", true), &[], &[]).await.unwrap();
    for (owner, sealed) in [(A, b"sa"), (B, b"sb")] {
        store.begin_authenticator(owner, sealed, T0).await.unwrap();
        let change = account_change(owner, "second_factor_added", None, T0);
        assert!(store.confirm_authenticator(sealed, 1, &codes("a"), &change).await.unwrap());
    }
    let tagged = store.recovery_codes_tagged(A, "a3").await.unwrap();
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].hash, "$argon2id$a3");
    let id = tagged[0].id;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.use_recovery_code(id, T0 + 1).await.unwrap() })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        won += usize::from(task.await.unwrap());
    }
    assert_eq!(won, 1, "a code works once, even raced");
    assert!(
        store.recovery_codes_tagged(A, "a3").await.unwrap().is_empty(),
        "used codes are not offered"
    );
    assert_eq!(store.account(A, T0 + 1).await.unwrap().unwrap().recovery_codes_left, 9);
    assert_eq!(
        store.recovery_codes_tagged(B, "a3").await.unwrap().len(),
        1,
        "another account's own"
    );

    let change = account_change(A, "recovery_codes_regenerated", Some("m-codes"), T0 + 2);
    store.replace_recovery_codes(&codes("b"), &change).await.unwrap();
    assert!(store.recovery_codes_tagged(A, "a4").await.unwrap().is_empty(), "the old set is void");
    assert_eq!(store.recovery_codes_tagged(A, "b4").await.unwrap().len(), 1);
    assert_eq!(store.account(A, T0 + 2).await.unwrap().unwrap().recovery_codes_left, 10);
    assert_eq!(delivered(store.as_ref(), "m-codes").await, Some(Delivery::Pending { attempts: 0 }));
    let kinds: Vec<String> =
        store.events(A, 10).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["recovery_codes_regenerated", "second_factor_added"]);
}

pub async fn turning_the_second_factor_off_removes_it_with_its_event_and_notices<
    S: Store + Outbox,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.begin_authenticator(A, b"sa", T0).await.unwrap();
    let added = account_change(A, "second_factor_added", None, T0);
    store.confirm_authenticator(b"sa", 1, &codes("a"), &added).await.unwrap();
    let removed = account_change(A, "second_factor_removed", Some("m-off"), T0 + 5);
    store.remove_second_factor(&removed).await.unwrap();
    let account = store.account(A, T0 + 5).await.unwrap().unwrap();
    assert!(!account.second_factor);
    assert_eq!(account.recovery_codes_left, 0);
    assert!(store.authenticator(A).await.unwrap().is_none());
    assert!(store.recovery_codes_tagged(A, "a1").await.unwrap().is_empty());
    assert_eq!(delivered(store.as_ref(), "m-off").await, Some(Delivery::Pending { attempts: 0 }));
    assert_eq!(store.events(A, 1).await.unwrap()[0].kind, "second_factor_removed");
    assert!(store.begin_authenticator(A, b"sc", T0 + 6).await.unwrap(), "set up again later");
}

pub async fn a_pending_sign_in_counts_its_tries_and_finishes_once_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    let token = TokenHash("pending-1".into());
    let pending = PendingSignIn {
        token_hash: token.clone(),
        account_id: A,
        created_at: T0,
        expires_at: T0 + 300,
        attempts: 0,
        device: Device {
            name: Some("Ana's phone".into()),
            platform: Some(regain_protocol::Platform::Android),
        },
    };
    store.insert_pending_sign_in(&pending).await.unwrap();
    for expected in 1..=3 {
        let counted = store.count_sign_in_attempt(&token, T0 + 1).await.unwrap().unwrap();
        assert_eq!((counted.account_id, counted.attempts), (A, expected));
    }
    assert!(store
        .count_sign_in_attempt(&TokenHash("other".into()), T0 + 1)
        .await
        .unwrap()
        .is_none());
    assert!(
        store.count_sign_in_attempt(&token, T0 + 300).await.unwrap().is_none(),
        "expired by the clock"
    );

    let tasks: Vec<_> = (0..8)
        .map(|n| {
            let (store, token) = (store.clone(), token.clone());
            tokio::spawn(async move {
                let mut session = session(&format!("ses_{n}"), A, &format!("r{n}"));
                session.factors = vec![AuthMethod::Password, AuthMethod::Totp];
                store.finish_sign_in(&token, &session).await.unwrap()
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        won += usize::from(task.await.unwrap());
    }
    assert_eq!(won, 1, "one session from one sign-in, even raced");
    let sessions = store.sessions_of(A, T0 + 2).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].factors, [AuthMethod::Password, AuthMethod::Totp]);
    let counted = PendingSignIn { attempts: 4, ..pending.clone() };
    assert_eq!(counted.device.name.as_deref(), Some("Ana's phone"));
    assert!(store.count_sign_in_attempt(&token, T0 + 2).await.unwrap().is_none(), "finished");

    store.mark_authenticated(&sessions[0].id, T0 + 100).await.unwrap();
    let session = store.sessions_of(A, T0 + 101).await.unwrap().remove(0);
    assert_eq!(session.authenticated_at, T0 + 100);
}

pub async fn a_claimed_contact_replaces_the_confirmed_one_only_once_confirmed<S: Store + Outbox>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    let claim = ContactClaim {
        account_id: A,
        channel: ContactChannel::Email,
        value: "new@example.org".into(),
        domain: Some("example.org".into()),
        country_code: None,
        created_at: T0 + 1,
        expires_at: T0 + DAY,
    };
    store
        .claim_contact(&claim, &confirmation(A, "first"), &message("m-first", T0 + 1))
        .await
        .unwrap();
    let second = ContactClaim { value: "newer@example.org".into(), ..claim.clone() };
    store
        .claim_contact(&second, &confirmation(A, "second"), &message("m-second", T0 + 2))
        .await
        .unwrap();
    let account = store.account(A, T0 + 2).await.unwrap().unwrap();
    let current = account.email.as_ref().unwrap();
    assert_eq!(
        (current.value.expose(), current.confirmed),
        ("a@example.com", true),
        "the old one counts"
    );
    assert_eq!(
        account.email_change.as_ref().map(Email::expose),
        Some("newer@example.org"),
        "one claim a channel"
    );
    assert!(store
        .account_by_email(&email("newer@example.org"), T0 + 2)
        .await
        .unwrap()
        .is_some_and(|a| a.email.unwrap().value.expose() == "a@example.com"));
    let live = store.count_confirmation_attempt(A, ContactChannel::Email).await.unwrap().unwrap();
    assert_eq!(live.code_mac, "second", "the earlier claim's code is void");
    assert_eq!(
        store.account(A, T0 + DAY).await.unwrap().unwrap().email_change,
        None,
        "a claim lapses"
    );

    let change = account_change(A, "email_changed", Some("m-changed"), T0 + 3);
    assert!(store
        .consume_confirmation(live.id, A, ContactChannel::Email, T0 + 3, Some(&change))
        .await
        .unwrap());
    let account = store.account(A, T0 + 3).await.unwrap().unwrap();
    let current = account.email.unwrap();
    assert_eq!((current.value.expose(), current.confirmed), ("newer@example.org", true));
    assert_eq!(account.email_change, None);
    assert!(
        store.account_by_email(&email("a@example.com"), T0 + 3).await.unwrap().is_none(),
        "the old one is let go"
    );
    assert_eq!(
        delivered(store.as_ref(), "m-changed").await,
        Some(Delivery::Pending { attempts: 0 })
    );
    assert_eq!(store.events(A, 1).await.unwrap()[0].kind, "email_changed");

    let removed = account_change(A, "email_removed", Some("m-removed"), T0 + 4);
    assert!(
        !store.remove_contact(A, ContactChannel::Email, T0 + 4, Some(&removed)).await.unwrap(),
        "the last way back stays"
    );
    assert!(store.account(A, T0 + 4).await.unwrap().unwrap().email.is_some());
    store.begin_authenticator(A, b"sa", T0 + 4).await.unwrap();
    let added = account_change(A, "second_factor_added", None, T0 + 4);
    assert!(store.confirm_authenticator(b"sa", 1, &codes("a"), &added).await.unwrap());
    assert!(store.remove_contact(A, ContactChannel::Email, T0 + 4, Some(&removed)).await.unwrap());
    assert!(store.account(A, T0 + 4).await.unwrap().unwrap().email.is_none());
    assert_eq!(
        delivered(store.as_ref(), "m-removed").await,
        Some(Delivery::Pending { attempts: 0 })
    );
}

/// An account with a confirmed email and phone and nothing else removes both at once: one goes,
/// the other stays as its way back, whichever lands first.
pub async fn racing_removals_of_two_contacts_leave_one_way_back<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    for n in 0..10_u64 {
        let owner = A + 100 + n;
        let record = NewAccountRecord {
            phone: Some(Phone::parse(&format!("+1201555{:04}", 100 + n), None).unwrap()),
            ..account(owner, &format!("r{n}@example.com"), true)
        };
        store.insert_account(&record, &[], &[]).await.unwrap();
        let removed = race(2, |racer| {
            let store = store.clone();
            let (channel, kind) = if racer == 0 {
                (ContactChannel::Email, "email_removed")
            } else {
                (ContactChannel::Phone, "phone_removed")
            };
            async move {
                let change = account_change(owner, kind, None, T0 + 1);
                store.remove_contact(owner, channel, T0 + 1, Some(&change)).await.unwrap()
            }
        })
        .await;
        assert_eq!(removed.iter().filter(|gone| **gone).count(), 1, "one removal of two");
        let left = store.account(owner, T0 + 1).await.unwrap().unwrap();
        assert!(left.email.is_some() != left.phone.is_some(), "exactly one contact left");
    }
}

/// Two new sets of recovery codes at once: one set works afterwards, never both.
pub async fn racing_new_sets_of_recovery_codes_leave_one_set<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.begin_authenticator(A, b"sa", T0).await.unwrap();
    let added = account_change(A, "second_factor_added", None, T0);
    assert!(store.confirm_authenticator(b"sa", 1, &codes("a"), &added).await.unwrap());
    for round in 0..5_i64 {
        race(2, |racer| {
            let store = store.clone();
            let prefix = format!("r{round}s{racer}-");
            let now = T0 + 1 + 2 * round + i64::try_from(racer).unwrap();
            async move {
                let change = account_change(A, "recovery_codes_regenerated", None, now);
                store.replace_recovery_codes(&codes(&prefix), &change).await.unwrap();
            }
        })
        .await;
        let left = store.account(A, T0 + 1).await.unwrap().unwrap().recovery_codes_left;
        assert_eq!(left, 10, "one set of ten, not two");
    }
}

pub async fn a_locked_device_survives_a_password_change_and_unlocks_once<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store.insert_account(&account(B, "b@example.com", true), &[], &[]).await.unwrap();
    let mut phone = session("ses_phone", A, "r-phone");
    phone.device = Device {
        name: Some("Ana's phone".into()),
        platform: Some(regain_protocol::Platform::Android),
    };
    store.insert_session(&phone).await.unwrap();
    store.insert_session(&session("ses_laptop", A, "r-laptop")).await.unwrap();
    store.insert_session(&session("ses_b", B, "r-b")).await.unwrap();

    let lost = account_change(A, "device_marked_lost", Some("m-lost"), T0 + 1);
    assert!(!store.lock_device("ses_b", &lost).await.unwrap(), "only the account's own devices");
    assert!(store.lock_device("ses_phone", &lost).await.unwrap());
    assert!(!store.lock_device("ses_phone", &lost).await.unwrap(), "locked once");
    assert_eq!(delivered(store.as_ref(), "m-lost").await, Some(Delivery::Pending { attempts: 0 }));
    let locked = store
        .session_by_access(&TokenHash("access-ses_phone".into()), T0 + 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (locked.locked_at, locked.device.name.as_deref()),
        (Some(T0 + 1), Some("Ana's phone"))
    );
    let next = |n: &str| RotatedTokens {
        access_hash: TokenHash(format!("a-{n}")),
        access_expires_at: T0 + 900,
        refresh_hash: TokenHash(format!("r-{n}")),
    };
    assert!(matches!(
        store.rotate_refresh(&TokenHash("r-phone".into()), &next("x"), T0 + 2).await.unwrap(),
        Rotation::Locked
    ));

    // A password change (a reset's too) ends every session but the locked one.
    store.change_password(&change(A, Vec::new(), "rep-1", T0 + 3)).await.unwrap();
    let left: Vec<String> =
        store.sessions_of(A, T0 + 3).await.unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(left, ["ses_phone"], "the lost device stays, locked");
    assert!(store
        .session_by_refresh(&TokenHash("r-laptop".into()), T0 + 3)
        .await
        .unwrap()
        .is_none());
    let by_refresh =
        store.session_by_refresh(&TokenHash("r-phone".into()), T0 + 3).await.unwrap().unwrap();
    assert_eq!(by_refresh.id, "ses_phone");

    let unlocked = event("device_unlocked", Some(A), None, T0 + 4);
    let tasks: Vec<_> = (0..6)
        .map(|n| {
            let (store, unlocked, next) = (store.clone(), unlocked.clone(), next(&format!("u{n}")));
            tokio::spawn(async move {
                store.unlock_device("ses_phone", &next, T0 + 4, &unlocked).await.unwrap()
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        won += usize::from(task.await.unwrap());
    }
    assert_eq!(won, 1, "unlocked once, even raced");
    let session = store.sessions_of(A, T0 + 4).await.unwrap().remove(0);
    assert_eq!((session.locked_at, session.authenticated_at), (None, T0 + 4), "a fresh sign-in");

    let signed_out = event("device_signed_out", Some(A), None, T0 + 5);
    assert!(
        !store.revoke_device(B, "ses_phone", &signed_out).await.unwrap(),
        "not B's to sign out"
    );
    assert!(store.revoke_device(A, "ses_phone", &signed_out).await.unwrap());
    assert!(store.sessions_of(A, T0 + 5).await.unwrap().is_empty());
}

pub async fn this_wasnt_me_undoes_the_change_it_reports<S: Store + Outbox>(store: Arc<S>) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    // A stranger's authenticator, and a stranger's email in place of the owner's.
    store.begin_authenticator(A, b"sa", T0).await.unwrap();
    let mut added = account_change(A, "second_factor_added", None, T0);
    added.notices = added.notices.undoing(Undo::RemoveSecondFactor);
    store.confirm_authenticator(b"sa", 1, &codes("a"), &added).await.unwrap();
    let claim = ContactClaim {
        account_id: A,
        channel: ContactChannel::Email,
        value: "stranger@example.org".into(),
        domain: Some("example.org".into()),
        country_code: None,
        created_at: T0 + 1,
        expires_at: T0 + DAY,
    };
    store.claim_contact(&claim, &confirmation(A, "c"), &message("m-c", T0 + 1)).await.unwrap();
    let pending =
        store.count_confirmation_attempt(A, ContactChannel::Email).await.unwrap().unwrap();
    let mut changed = account_change(A, "email_changed", None, T0 + 2);
    let kept = KeptContact {
        value: "a@example.com".into(),
        domain: Some("example.com".into()),
        country_code: None,
    };
    changed.notices = changed
        .notices
        .undoing(Undo::RestoreContact { channel: ContactChannel::Email, previous: Some(kept) });
    assert!(store
        .consume_confirmation(pending.id, A, ContactChannel::Email, T0 + 2, Some(&changed))
        .await
        .unwrap());
    let waiting = PendingSignIn {
        token_hash: TokenHash("waiting".into()),
        account_id: A,
        created_at: T0 + 3,
        expires_at: T0 + 300,
        attempts: 0,
        device: Device::default(),
    };
    store.insert_pending_sign_in(&waiting).await.unwrap();

    assert_eq!(store.report_incident(&changed.notices.report_mac, T0 + 4).await.unwrap(), Some(A));
    let email = store.account(A, T0 + 4).await.unwrap().unwrap().email.unwrap();
    assert_eq!(
        (email.value.expose(), email.confirmed),
        ("a@example.com", true),
        "the owner's email is back"
    );
    assert!(store
        .account_by_email(&Email::parse("stranger@example.org").unwrap(), T0 + 4)
        .await
        .unwrap()
        .is_none());
    assert!(
        store.count_sign_in_attempt(&TokenHash("waiting".into()), T0 + 5).await.unwrap().is_none(),
        "ended"
    );
    assert!(
        store.account(A, T0 + 4).await.unwrap().unwrap().second_factor,
        "that report undid only its own change"
    );
    assert_eq!(store.report_incident(&added.notices.report_mac, T0 + 5).await.unwrap(), Some(A));
    let account = store.account(A, T0 + 5).await.unwrap().unwrap();
    assert!(
        !account.second_factor && account.recovery_codes_left == 0,
        "the stranger's factor is gone"
    );
}

pub async fn events_read_back_per_account_and_per_flow<S: Store + Outbox>(store: Arc<S>) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    for (kind, at) in [("sign_in", T0), ("recovery_started", T0 + 1), ("proof", T0 + 2)] {
        store.record(&event(kind, Some(A), Some("rf_1"), at)).await.unwrap();
    }
    store.record(&event("recovery_started", None, Some("rf_2"), T0 + 3)).await.unwrap();
    let newest: Vec<String> =
        store.events(A, 2).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(newest, ["proof", "recovery_started"]);
    let flow: Vec<String> =
        store.flow_events("rf_1").await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(flow, ["sign_in", "recovery_started", "proof"]);
    assert_eq!(store.flow_events("rf_2").await.unwrap()[0].account_id, None);
}

fn support_request(id: &str, account_id: Option<u64>) -> NewSupportRequest {
    NewSupportRequest {
        id: id.into(),
        reference: format!("RG-{id}"),
        account_id,
        subject: format!("subject-of-{id}"),
        contact_channel: ContactChannel::Email,
        contact_sealed: vec![7; 40],
        locale: "zh-CN".into(),
        code_mac: format!("code-of-{id}"),
        code_expires_at: T0 + 900,
        description_sealed: vec![8; 60],
        device_sealed: None,
        key_sealed: vec![9; 60],
        status_hash: TokenHash(format!("status-{id}")),
        created_at: T0,
    }
}

pub async fn a_support_request_is_kept_whole_and_its_contact_confirmed_once_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    let proofs = [
        NewProof {
            kind: "id_document".into(),
            content_type: "image/jpeg".into(),
            sealed: vec![1; 90],
        },
        NewProof {
            kind: "receipt".into(),
            content_type: "application/pdf".into(),
            sealed: vec![2; 70],
        },
    ];
    store
        .insert_support_request(&support_request("sr_a", Some(A)), &proofs, &message("m-sr-a", T0))
        .await
        .unwrap();
    let twice = store
        .insert_support_request(&support_request("sr_a", None), &proofs, &message("m-sr-again", T0))
        .await;
    assert!(twice.is_err(), "an id is kept once");
    assert_eq!(delivered(store.as_ref(), "m-sr-again").await, None, "with nothing of the second");
    assert_eq!(delivered(store.as_ref(), "m-sr-a").await, Some(Delivery::Pending { attempts: 0 }));
    store
        .insert_support_request(&support_request("sr_none", None), &[], &message("m-sr-n", T0))
        .await
        .unwrap();

    let kept = store.support_request("sr_a").await.unwrap().unwrap();
    assert_eq!(
        (kept.account_id, kept.state, kept.code_attempts, kept.contact_confirmed_at),
        (Some(A), regain_protocol::SupportState::AwaitingContact, 0, None)
    );
    let by_status =
        store.support_request_by_status(&TokenHash("status-sr_none".into())).await.unwrap();
    assert_eq!(by_status.map(|r| (r.id, r.account_id)), Some(("sr_none".to_owned(), None)));
    assert!(store
        .support_request_by_status(&TokenHash("status-x".into()))
        .await
        .unwrap()
        .is_none());
    let files = store.support_proofs("sr_a").await.unwrap();
    assert_eq!(
        files
            .iter()
            .map(|p| (p.kind.as_str(), p.content_type.as_str(), p.sealed.clone()))
            .collect::<Vec<_>>(),
        [
            ("id_document", "image/jpeg", Some(vec![1; 90])),
            ("receipt", "application/pdf", Some(vec![2; 70]))
        ],
        "in the order they came"
    );

    for n in 1..=3 {
        let counted = store.count_support_code_attempt("sr_a").await.unwrap().unwrap();
        assert_eq!(counted.code_attempts, n, "each try counted before it is compared");
    }
    let tasks: Vec<_> = (0..6)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .confirm_support_contact(
                        "sr_a",
                        T0 + 5,
                        &message(&format!("m-open-{n}"), T0 + 5),
                    )
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut won = Vec::new();
    for (n, task) in tasks.into_iter().enumerate() {
        if task.await.unwrap() {
            won.push(n);
        }
    }
    assert_eq!(won.len(), 1, "confirmed once, even raced");
    for n in 0..6 {
        let expected = (n == won[0]).then_some(Delivery::Pending { attempts: 0 });
        assert_eq!(
            delivered(store.as_ref(), &format!("m-open-{n}")).await,
            expected,
            "one status message"
        );
    }
    let open = store.support_request("sr_a").await.unwrap().unwrap();
    assert_eq!(
        (open.state, open.contact_confirmed_at, open.updated_at),
        (regain_protocol::SupportState::Open, Some(T0 + 5), T0 + 5)
    );
    assert!(
        store.count_support_code_attempt("sr_a").await.unwrap().is_none(),
        "no tries once confirmed"
    );
    assert!(store.count_support_code_attempt("sr_x").await.unwrap().is_none());
}

fn audit_line(staff_id: u64, action: &str, request_id: &str, at: i64) -> AuditRecord {
    AuditRecord {
        staff_id,
        action: action.into(),
        request_id: Some(request_id.into()),
        account_id: Some(A),
        detail: String::new(),
        ip: None,
        at,
    }
}

/// Races where staff and the public meet: six members of staff claim one request (one wins,
/// one audit line), two reviewers decide it (one decision, one recovery, its notices once),
/// the pass is used by six at once (one flow opens), and a used pass cannot be cancelled.
pub async fn a_request_is_claimed_decided_and_its_pass_used_once_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    use regain_protocol::{StaffRole, SupportState};
    store.insert_account(&account(A, "a@example.com", true), &[], &[]).await.unwrap();
    store
        .insert_support_request(&support_request("sr_r", Some(A)), &[], &message("m-r", T0))
        .await
        .unwrap();
    store.confirm_support_contact("sr_r", T0 + 1, &message("m-r-open", T0 + 1)).await.unwrap();
    let mut staff = Vec::new();
    for n in 0..6 {
        let id = store
            .insert_staff(&format!("agent{n}"), StaffRole::Agent, "$argon2id$x", &[n], T0)
            .await
            .unwrap()
            .unwrap();
        staff.push(id);
    }
    assert_eq!(
        store.insert_staff("agent0", StaffRole::Supervisor, "$argon2id$y", &[9], T0).await.unwrap(),
        None,
        "a username is kept once"
    );

    let claims: Vec<_> = staff
        .iter()
        .map(|&who| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .claim_support_request("sr_r", &audit_line(who, "claim", "sr_r", T0 + 2), None)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for claim in claims {
        outcomes.push(claim.await.unwrap());
    }
    let winners = outcomes.iter().filter(|o| **o == ClaimOutcome::Claimed).count();
    assert_eq!(winners, 1, "one reviewer: {outcomes:?}");
    assert_eq!(store.staff_audit(Some("sr_r"), 10).await.unwrap().len(), 1, "one claim audited");
    let reviewer = store.support_request("sr_r").await.unwrap().unwrap().claimed_by.unwrap();
    assert_eq!(
        store
            .claim_support_request("sr_x", &audit_line(reviewer, "claim", "sr_x", T0), None)
            .await
            .unwrap(),
        ClaimOutcome::NotClaimable
    );

    let decision = |step: DecisionStep, n: u32| SupportDecision {
        request_id: "sr_r".into(),
        step,
        state: SupportState::Approved,
        first_approval_by: None,
        decided: true,
        verdict: "verdict=approve".into(),
        recovery: Some(NewAssistedRecovery {
            id: format!("ar_{n}"),
            account_id: A,
            four_eyes: false,
            cancel_hash: TokenHash(format!("cancel-{n}")),
            wait_ends_at: T0 + 100,
        }),
        messages: vec![message(&format!("m-notice-{n}"), T0 + 3)],
        audit: audit_line(reviewer, "decision", "sr_r", T0 + 3),
        events: Vec::new(),
        now: T0 + 3,
    };
    let other = staff.iter().copied().find(|s| *s != reviewer).unwrap();
    assert!(
        !store
            .decide_support_request(&decision(DecisionStep::First { reviewer: other }, 0))
            .await
            .unwrap(),
        "only the reviewer decides"
    );
    let decisions: Vec<_> = (1..=4)
        .map(|n| {
            let store = store.clone();
            let decision = decision(DecisionStep::First { reviewer }, n);
            tokio::spawn(async move { store.decide_support_request(&decision).await.unwrap() })
        })
        .collect();
    let mut decided = 0;
    for task in decisions {
        decided += usize::from(task.await.unwrap());
    }
    assert_eq!(decided, 1, "decided once");
    let notices: usize = {
        let mut sent = 0;
        for n in 1..=4 {
            sent +=
                usize::from(delivered(store.as_ref(), &format!("m-notice-{n}")).await.is_some());
        }
        sent
    };
    assert_eq!(notices, 1, "the notices of one decision");
    let kept = store.support_request("sr_r").await.unwrap().unwrap();
    assert_eq!((kept.state, kept.decided_at), (SupportState::Approved, Some(T0 + 3)));

    assert!(store.due_assisted_recoveries(T0 + 99).await.unwrap().is_empty(), "not before");
    let due = store.due_assisted_recoveries(T0 + 100).await.unwrap();
    assert_eq!(due.len(), 1);
    let pass = TokenHash("pass-hash".into());
    let sent = event("assisted_recovery_pass_sent", Some(A), None, T0 + 100);
    assert!(store
        .send_assisted_pass(&due[0].id, &pass, T0 + 200, &message("m-pass", T0 + 100), &sent)
        .await
        .unwrap());
    assert!(
        !store
            .send_assisted_pass(&due[0].id, &pass, T0 + 200, &message("m-pass-2", T0 + 100), &sent)
            .await
            .unwrap(),
        "one pass"
    );
    assert!(store.due_assisted_recoveries(T0 + 150).await.unwrap().is_empty());
    assert!(store.assisted_by_pass(&pass, T0 + 200).await.unwrap().is_none(), "expired at 200");
    assert_eq!(store.assisted_by_pass(&pass, T0 + 150).await.unwrap().unwrap().account_id, A);

    let takers: Vec<_> = (0..6)
        .map(|n| {
            let store = store.clone();
            let pass = pass.clone();
            let mut opened = flow(&format!("rf_pass_{n}"), Some(A));
            opened.state = State::ChoosePassword;
            opened.gates_passed = vec![MethodKind::SUPPORT_PASS];
            opened.reset_mac = Some(format!("mac-{n}"));
            opened.reset_expires_at = Some(T0 + 1000);
            tokio::spawn(async move {
                store.redeem_assisted_pass(&pass, &opened, T0 + 150).await.unwrap()
            })
        })
        .collect();
    let mut used = Vec::new();
    for (n, task) in takers.into_iter().enumerate() {
        if task.await.unwrap() {
            used.push(n);
        }
    }
    assert_eq!(used.len(), 1, "the pass is used once");
    let opened = store.flow(&format!("rf_pass_{}", used[0])).await.unwrap().unwrap();
    assert_eq!(
        (opened.state, opened.gates_passed, opened.reset_mac),
        (State::ChoosePassword, vec![MethodKind::SUPPORT_PASS], Some(format!("mac-{}", used[0])))
    );
    for n in (0..6).filter(|n| *n != used[0]) {
        assert!(store.flow(&format!("rf_pass_{n}")).await.unwrap().is_none(), "no other flow");
    }
    assert_eq!(
        store.cancel_assisted_for_account(A, T0 + 151).await.unwrap(),
        0,
        "a sign-in does not touch a used pass"
    );
    let mut cancelled = Vec::new();
    for n in 1..=4 {
        let cancel = TokenHash(format!("cancel-{n}"));
        cancelled.push(store.cancel_assisted_by_link(&cancel, T0 + 151).await.unwrap());
    }
    assert_eq!(
        cancelled.iter().flatten().collect::<Vec<_>>(),
        [&A],
        "the decision's own link cancels, even once its pass is used"
    );
    let ended = store.flow(&format!("rf_pass_{}", used[0])).await.unwrap().unwrap();
    assert_eq!(
        (ended.expires_at, ended.reset_mac),
        (T0 + 151, None),
        "and the flow the pass opened ends with it"
    );
    assert_eq!(store.support_request("sr_r").await.unwrap().unwrap().state, SupportState::Closed);

    // Retention: files go, the request and its audit stay.
    store
        .insert_support_request(&support_request("sr_never", None), &[], &message("m-nv", T0 + 9))
        .await
        .unwrap();
    assert_eq!(
        store.erase_support_files(T0 + 2, T0 - 1, T0 + 500).await.unwrap(),
        0,
        "decided at T0+3; the unconfirmed one filed at T0"
    );
    assert_eq!(store.erase_support_files(T0 + 3, T0, T0 + 500).await.unwrap(), 2);
    assert_eq!(store.erase_support_files(T0 + 3, T0, T0 + 600).await.unwrap(), 0, "once");
    let never = store.support_request("sr_never").await.unwrap().unwrap();
    assert_eq!(
        (never.state, never.key_sealed.is_empty()),
        (SupportState::Closed, true),
        "a request whose contact never confirmed closes without its files"
    );
    assert!(store.support_request("sr_r").await.unwrap().unwrap().key_sealed.is_empty());
    assert_eq!(store.staff_audit(Some("sr_r"), 10).await.unwrap().len(), 2);
}

fn circle_member(id: &str, owner_id: u64, contact_id: Option<u64>, key: &str) -> CircleMember {
    CircleMember {
        id: id.into(),
        owner_id,
        contact_id,
        invited_key: key.into(),
        invited_as: "a\u{2022}\u{2022}\u{2022}@example.com".into(),
        state: CircleState::Invited,
        created_at: T0,
        answered_at: None,
        expires_at: T0 + 100,
    }
}

pub async fn a_circle_never_outgrows_its_size_and_an_answer_counts_once_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    for (id, address) in [(A, "a@example.com"), (B, "b@example.com"), (C, "c@example.com")] {
        store.insert_account(&account(id, address, true), &[], &[]).await.unwrap();
    }
    // Twenty racing invitations of different identifiers: the most are kept, not more.
    let mut racers = Vec::new();
    for n in 0..20 {
        let store = store.clone();
        racers.push(tokio::spawn(async move {
            let member = circle_member(&format!("rc_{n}"), A, None, &format!("key-{n}"));
            let invited = event("recovery_contact_invited", Some(A), None, T0);
            let change = CircleChange { events: &[invited], messages: &[], notices: None };
            store.invite_to_circle(&member, 5, T0, change).await.unwrap()
        }));
    }
    let mut outcomes = Vec::new();
    for racer in racers {
        outcomes.push(racer.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| **o == Invited::Invited).count(), 5);
    assert_eq!(outcomes.iter().filter(|o| **o == Invited::Full).count(), 15);
    assert_eq!(store.circle_of(A, T0).await.unwrap().len(), 5);
    assert_eq!(store.events(A, 100).await.unwrap().len(), 5, "an event with each kept one only");

    // The same identifier twice, and the same account under a second identifier.
    let none = CircleChange { events: &[], messages: &[], notices: None };
    let b = circle_member("rc_b", B, Some(C), "key-c-email");
    assert_eq!(store.invite_to_circle(&b, 5, T0, none.clone()).await.unwrap(), Invited::Invited);
    let again = circle_member("rc_b2", B, Some(C), "key-c-email");
    let twice = store.invite_to_circle(&again, 5, T0, none.clone()).await.unwrap();
    assert_eq!(twice, Invited::AlreadyInvited);
    let by_phone = circle_member("rc_b3", B, Some(C), "key-c-phone");
    let other = store.invite_to_circle(&by_phone, 5, T0, none.clone()).await.unwrap();
    assert_eq!(other, Invited::Invited);
    let kept = store.circle_member("rc_b3").await.unwrap().unwrap();
    assert_eq!(kept.contact_id, None, "one account is one contact, whatever identifiers name it");
    assert_eq!(store.circles_joined(C, T0).await.unwrap().len(), 1);

    // Ten racing acceptances of one invitation: one moves it, with its one event and message.
    let mut racers = Vec::new();
    for n in 0..10 {
        let store = store.clone();
        racers.push(tokio::spawn(async move {
            let answered = event("recovery_contact_answered", Some(B), None, T0 + 1);
            let told = message(&format!("m-accept-{n}"), T0 + 1);
            let change = CircleChange { events: &[answered], messages: &[told], notices: None };
            let (from, to) = (CircleState::Invited, CircleState::Active);
            store.move_circle_member("rc_b", from, to, T0 + 1, change).await.unwrap()
        }));
    }
    let mut moved = 0;
    for racer in racers {
        moved += usize::from(racer.await.unwrap());
    }
    assert_eq!(moved, 1);
    let accepted = store.circle_member("rc_b").await.unwrap().unwrap();
    assert_eq!((accepted.state, accepted.answered_at), (CircleState::Active, Some(T0 + 1)));
    assert_eq!(store.events(B, 100).await.unwrap().len(), 1);

    // An invitation lapses by the clock: it neither counts nor can be answered.
    assert!(store.circle_of(A, T0 + 100).await.unwrap().is_empty());
    let (from, to) = (CircleState::Invited, CircleState::Active);
    assert!(!store.move_circle_member("rc_0", from, to, T0 + 100, none.clone()).await.unwrap());

    // The owner's chosen number, with its event.
    assert_eq!(store.vouch_threshold(B).await.unwrap(), None);
    let changed = event("vouch_threshold_changed", Some(B), None, T0 + 2);
    let with_event =
        || CircleChange { events: std::slice::from_ref(&changed), messages: &[], notices: None };
    store.set_vouch_threshold(B, 1, true, T0 + 2, with_event()).await.unwrap();
    assert_eq!(store.vouch_threshold(B).await.unwrap(), Some((1, true)));
    // A contact coming or going voids a confirmation given for one person.
    let (from, to) = (CircleState::Active, CircleState::SteppedDown);
    assert!(store.move_circle_member("rc_b", from, to, T0 + 3, none.clone()).await.unwrap());
    assert_eq!(store.vouch_threshold(B).await.unwrap(), None);
    store.set_vouch_threshold(B, 2, false, T0 + 4, with_event()).await.unwrap();
    assert_eq!(store.vouch_threshold(B).await.unwrap(), Some((2, false)));
}

/// The owner A with B and C accepted as recovery contacts, and a flow of A's that asked both:
/// the flow as moved.
async fn asked<S: Store + Outbox>(store: &S, flow_id: &str) -> Flow {
    for (id, address) in [(A, "a@example.com"), (B, "b@example.com"), (C, "c@example.com")] {
        let _ = store.insert_account(&account(id, address, true), &[], &[]).await;
    }
    let none = CircleChange { events: &[], messages: &[], notices: None };
    for (member, contact) in [("rc_b", B), ("rc_c", C)] {
        let invited = circle_member(member, A, Some(contact), &format!("key-{member}"));
        if store.invite_to_circle(&invited, 5, T0, none.clone()).await.unwrap() == Invited::Invited
        {
            let (from, to) = (CircleState::Invited, CircleState::Active);
            assert!(store.move_circle_member(member, from, to, T0, none.clone()).await.unwrap());
        }
    }
    let mut open = flow(flow_id, Some(A));
    open.subject = format!("subject-{flow_id}");
    store.insert_flow(&open, None).await.unwrap();
    let ask = |member: &str, contact: u64| VouchAsk {
        id: format!("va-{flow_id}-{member}"),
        flow_id: flow_id.into(),
        owner_id: A,
        member_id: member.into(),
        contact_id: contact,
        created_at: T0,
        expires_at: T0 + DAY,
    };
    let step = FlowMove {
        asks: vec![ask("rc_b", B), ask("rc_c", C)],
        expires_at: Some(T0 + DAY),
        ..challenge_move(&open, None)
    };
    assert!(store.advance(&step).await.unwrap());
    store.flow(flow_id).await.unwrap().unwrap()
}

/// The move of a flow into its waiting period.
fn wait_move(flow: &Flow) -> FlowMove {
    FlowMove {
        state: State::Waiting,
        method: None,
        gates_passed: vec![MethodKind::RECOVERY_CONTACTS],
        method_state: None,
        expires_at: Some(T0 + 5 * DAY),
        ..challenge_move(flow, None)
    }
}

fn new_wait(flow_id: &str, id: &str) -> NewVouchedWait {
    NewVouchedWait {
        id: id.into(),
        account_id: A,
        flow_id: flow_id.into(),
        reference: format!("RG-{id}"),
        wait_hash: TokenHash(format!("wait-{flow_id}")),
        cancel_hash: TokenHash(format!("cancel-{id}")),
        wait_ends_at: T0 + 3 * DAY,
        evidence: Vec::new(),
    }
}

pub async fn a_vouch_counts_once_under_a_race_and_a_wait_ends_once<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    let open = asked(store.as_ref(), "rf_v").await;
    assert_eq!(store.asks_for(B, T0).await.unwrap().len(), 1);
    assert_eq!(
        store.vouch_tally("rf_v").await.unwrap(),
        VouchTally { asked: 2, vouched: 0, ended: false }
    );
    // Only the contact asked counts a try on an ask.
    assert_eq!(store.count_ask_attempt("va-rf_v-rc_b", C, T0).await.unwrap(), None);
    let counted = store.count_ask_attempt("va-rf_v-rc_b", B, T0).await.unwrap().unwrap();
    assert_eq!((counted.attempts, counted.owner_name.is_empty()), (1, false));

    // Ten racing vouches of one ask: one counts, with one event.
    let mut racers = Vec::new();
    for _ in 0..10 {
        let store = store.clone();
        racers.push(tokio::spawn(async move {
            let vouched = event("vouched", Some(A), Some("rf_v"), T0 + 1);
            let answer = AskAnswer {
                ask_id: "va-rf_v-rc_b",
                contact_id: B,
                answer: AskState::Vouched,
                now: T0 + 1,
                event: &vouched,
                notices: None,
            };
            store.answer_ask(&answer).await.unwrap()
        }));
    }
    let mut counted = 0;
    for racer in racers {
        counted += usize::from(racer.await.unwrap());
    }
    assert_eq!(counted, 1);
    assert_eq!(store.vouch_tally("rf_v").await.unwrap().vouched, 1);
    assert!(store.asks_for(B, T0 + 1).await.unwrap().is_empty(), "answered");

    // Five racing starts of the wait: one.
    let mut racers = Vec::new();
    for n in 0..5 {
        let (store, step) = (store.clone(), wait_move(&open));
        racers.push(tokio::spawn(async move {
            let started = event("assisted_recovery_started", Some(A), Some("rf_v"), T0 + 2);
            let wait = new_wait("rf_v", &format!("ar-{n}"));
            store.start_vouched_wait(&step, &wait, &[], &started).await.unwrap()
        }));
    }
    let mut started = 0;
    for racer in racers {
        started += usize::from(racer.await.unwrap());
    }
    assert_eq!(started, 1);
    let wait = store.vouched_wait("rf_v").await.unwrap().unwrap();
    assert_eq!((wait.state, wait.wait_ends_at), (AssistedState::Waiting, T0 + 3 * DAY));
    let by_reference = store.waiting_by_reference(&wait.reference).await.unwrap().unwrap();
    assert_eq!((by_reference.flow_id.as_str(), by_reference.account_id), ("rf_v", A));

    // Two pieces of evidence arriving together both count; one piece counts once.
    let (one, two) = (store.clone(), store.clone());
    let both = tokio::join!(
        one.add_wait_evidence("rf_v", "every_contact", DAY, T0 + 3),
        two.add_wait_evidence("rf_v", "known_device", DAY, T0 + 3),
    );
    assert!(both.0.unwrap() && both.1.unwrap());
    assert!(!store.add_wait_evidence("rf_v", "known_device", DAY, T0 + 4).await.unwrap());
    let wait = store.vouched_wait("rf_v").await.unwrap().unwrap();
    assert_eq!(wait.wait_ends_at, T0 + DAY);
    assert_eq!(wait.evidence.len(), 2);

    // Not before its end; then five racing finishes: one opens the new-password step.
    let waiting = store.flow("rf_v").await.unwrap().unwrap();
    let finish = FlowMove {
        state: State::ChoosePassword,
        reset_mac: Some("reset-mac".into()),
        reset_expires_at: Some(T0 + DAY + 600),
        expires_at: Some(T0 + DAY + 600),
        ..wait_move(&waiting)
    };
    let secret = TokenHash("wait-rf_v".into());
    assert!(!store.finish_vouched_wait(&finish, &secret, T0 + DAY - 1).await.unwrap());
    let other = TokenHash("wait-of-another".into());
    assert!(!store.finish_vouched_wait(&finish, &other, T0 + DAY).await.unwrap(), "not its own");
    let mut racers = Vec::new();
    for _ in 0..5 {
        let (store, step) = (store.clone(), finish.clone());
        racers.push(tokio::spawn(async move {
            let secret = TokenHash("wait-rf_v".into());
            store.finish_vouched_wait(&step, &secret, T0 + DAY).await.unwrap()
        }));
    }
    let mut finished = 0;
    for racer in racers {
        finished += usize::from(racer.await.unwrap());
    }
    assert_eq!(finished, 1);
    let done = store.flow("rf_v").await.unwrap().unwrap();
    assert_eq!(done.state, State::ChoosePassword);
    let used = store.vouched_wait("rf_v").await.unwrap().unwrap();
    assert_eq!(used.state, AssistedState::Used);
    assert_eq!(store.waiting_by_reference(&used.reference).await.unwrap(), None, "over");
}

pub async fn a_contacts_no_ends_the_request_and_its_wait<S: Store + Outbox + 'static>(
    store: Arc<S>,
) {
    let open = asked(store.as_ref(), "rf_n").await;
    let started = event("assisted_recovery_started", Some(A), Some("rf_n"), T0 + 1);
    assert!(store
        .start_vouched_wait(&wait_move(&open), &new_wait("rf_n", "ar-n"), &[], &started)
        .await
        .unwrap());
    let reported = event("vouch_declined", Some(A), Some("rf_n"), T0 + 2);
    let answer = AskAnswer {
        ask_id: "va-rf_n-rc_c",
        contact_id: C,
        answer: AskState::Reported,
        now: T0 + 2,
        event: &reported,
        notices: None,
    };
    assert!(store.answer_ask(&answer).await.unwrap());
    let tally = store.vouch_tally("rf_n").await.unwrap();
    assert!(tally.ended);
    assert!(store.asks_for(B, T0 + 2).await.unwrap().is_empty(), "every other ask ended");
    assert_eq!(store.vouched_wait("rf_n").await.unwrap().unwrap().state, AssistedState::Cancelled);
    assert_eq!(store.flow("rf_n").await.unwrap().unwrap().expires_at, T0 + 2, "the flow ends");
    let waiting = store.flow("rf_n").await.unwrap().unwrap();
    let finish = FlowMove { state: State::ChoosePassword, ..wait_move(&waiting) };
    let secret = TokenHash("wait-rf_n".into());
    assert!(!store.finish_vouched_wait(&finish, &secret, T0 + 4 * DAY).await.unwrap());

    // A "no" that came first also stops a wait from starting.
    asked(store.as_ref(), "rf_m").await;
    let declined = event("vouch_declined", Some(A), Some("rf_m"), T0 + 3);
    let answer = AskAnswer {
        ask_id: "va-rf_m-rc_b",
        contact_id: B,
        answer: AskState::Declined,
        now: T0 + 3,
        event: &declined,
        notices: None,
    };
    assert!(store.answer_ask(&answer).await.unwrap());
    let late = event("assisted_recovery_started", Some(A), Some("rf_m"), T0 + 4);
    let moved = store.flow("rf_m").await.unwrap().unwrap();
    let step = wait_move(&moved);
    assert!(!store.start_vouched_wait(&step, &new_wait("rf_m", "ar-m"), &[], &late).await.unwrap());
}

pub async fn a_circuit_breaker_counts_exactly_its_limit_under_a_race<
    S: Store + Outbox + 'static,
>(
    store: Arc<S>,
) {
    let mut racers = Vec::new();
    for _ in 0..50 {
        let store = store.clone();
        racers.push(tokio::spawn(async move {
            store.take_in_window("start:global", T0, 20).await.unwrap()
        }));
    }
    let mut taken = 0;
    for racer in racers {
        taken += usize::from(racer.await.unwrap());
    }
    assert_eq!(taken, 20, "exactly the limit, however many race");
    assert!(!store.take_in_window("start:global", T0, 20).await.unwrap());
    assert!(store.take_in_window("start:global", T0 + 60, 20).await.unwrap(), "a new window");
    assert!(store.take_in_window("other", T0, 20).await.unwrap(), "keys apart");
    assert!(!store.take_in_window("closed", T0, 0).await.unwrap(), "a limit of none");
    store.prune(T0 + 1).await.unwrap();
    assert!(
        store.take_in_window("start:global", T0, 1).await.unwrap(),
        "an old window pruned starts again"
    );
}
