//! The real `regain-server` binary killed with SIGKILL (a crash, a power cut, the OOM killer)
//! in the middle of its work, then started again on the same database: a password reset is
//! whole or not at all, and every queued message is delivered exactly once after the restart.
//! (Faults of the peers and of the database, through the HTTP API with the injected clock:
//! `crates/server/tests/faults.rs`.)
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use axum::http::StatusCode;
use regain_e2e::{code_in, run_cli, send, solved_captcha, Gateway, GatewayAnswer, Server};
use serde_json::{json, Value};

const OLD_PASSWORD: &str = "willow basin cartwheel 58";
const NEW_PASSWORD: &str = "saffron glacier tinker 1312";

/// A cheap captcha and budgets per address raised: every request of these tests comes from
/// one address.
const BUDGETS: &str = r#"
[captcha]
cost = 1
counter_min = 5
counter_max = 20
[accounts]
sign_ups_per_ip = { limit = 1000000, window_secs = 3600 }
[sessions.throttle]
sign_ins_per_ip = { limit = 1000000, window_secs = 3600 }
[recovery.throttle]
starts_per_ip = { limit = 1000000, window_secs = 3600 }
starts_global = { limit = 1000000, window_secs = 60 }
"#;

async fn call(
    server: &Server,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let client = reqwest::Client::new();
    send(&client, method, server.url(path), None, Some(&body)).await
}

async fn post(server: &Server, path: &str, body: Value) -> (StatusCode, Value) {
    call(server, reqwest::Method::POST, path, body).await
}

/// The newest code the dev inbox holds for `to`.
async fn dev_code(server: &Server, to: &str) -> String {
    let client = reqwest::Client::new();
    for _ in 0..200 {
        let (_, outbox) =
            send(&client, reqwest::Method::GET, server.url("/v1/dev/outbox"), None, None).await;
        let found = outbox["messages"].as_array().unwrap().iter().find(|m| m["to"] == to);
        if let Some(message) = found {
            return code_in(message["body"].as_str().unwrap());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no code for {to} in the dev inbox");
}

/// Messages in the server's outbox, whatever their state.
async fn queued(server: &Server) -> i64 {
    use sqlx::Connection as _;
    let path = server.data_dir.path().join("regain.sqlite3");
    let mut db =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox").fetch_one(&mut db).await.unwrap()
}

/// One account part-way through a recovery: a session from before it, and a reset token.
struct Reset {
    email: String,
    flow: String,
    reset_token: String,
    refresh_token: String,
}

async fn ready_to_reset(server: &Server, i: usize) -> Reset {
    let email = format!("kill{i}@example.com");
    let name = format!("Person {i}");
    let data = server.data_dir.path().display().to_string();
    let created = tokio::task::spawn_blocking({
        let email = email.clone();
        move || {
            let args = ["--local", "--data-dir", &data, "account", "create", "--display-name"];
            let mut args: Vec<&str> = args.to_vec();
            args.extend([name.as_str(), "--email", &email, "--confirmed"]);
            run_cli(&args, &[], OLD_PASSWORD)
        }
    })
    .await
    .unwrap();
    assert!(created.0, "{}", created.2);
    let (status, session) =
        post(server, "/v1/sessions", json!({"identifier": email, "password": OLD_PASSWORD})).await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    let client = reqwest::Client::new();
    let captcha = solved_captcha(&client, &server.base).await;
    let (_, started) =
        post(server, "/v1/recovery/flows", json!({"identifier": email, "captcha": captcha})).await;
    let flow = started["flow_id"].as_str().unwrap().to_owned();
    let (status, _) =
        post(server, &format!("/v1/recovery/flows/{flow}/challenge"), json!({"method": "email"}))
            .await;
    assert_eq!(status, StatusCode::OK);
    let code = dev_code(server, &email).await;
    let (status, verified) =
        post(server, &format!("/v1/recovery/flows/{flow}/verify"), json!({"code": code})).await;
    assert_eq!(status, StatusCode::OK, "{verified}");
    Reset {
        email,
        flow,
        reset_token: verified["reset_token"].as_str().unwrap().to_owned(),
        refresh_token: session["refresh_token"].as_str().unwrap().to_owned(),
    }
}

async fn set_password(server: &Server, reset: &Reset) -> StatusCode {
    let body = json!({"reset_token": reset.reset_token, "new_password": NEW_PASSWORD});
    post(server, &format!("/v1/recovery/flows/{}/password", reset.flow), body).await.0
}

/// Sixteen resets at once, the server killed as soon as the first is answered (the others
/// hashing, writing or committing). After the restart each account is either fully reset
/// (the new password and only it signs in, the session from before is revoked, and its notice
/// is queued) or untouched (the old password and session work, and its reset token still
/// finishes the reset).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_reset_every_account_is_reset_whole_or_untouched() {
    const ACCOUNTS: usize = 16;
    let mut server =
        tokio::task::spawn_blocking(|| Server::start(&["--local"], &[], Some(BUDGETS)))
            .await
            .unwrap();
    let mut resets = Vec::new();
    for i in 0..ACCOUNTS {
        resets.push(ready_to_reset(&server, i).await);
    }
    let queued_before = queued(&server).await;

    let (first_done, mut first) = tokio::sync::mpsc::channel(ACCOUNTS);
    for reset in &resets {
        let (server_base, reset) =
            (server.base.clone(), (reset.flow.clone(), reset.reset_token.clone()));
        let done = first_done.clone();
        tokio::spawn(async move {
            let body = json!({"reset_token": reset.1, "new_password": NEW_PASSWORD});
            let url = format!("{server_base}/v1/recovery/flows/{}/password", reset.0);
            let answer = reqwest::Client::new().post(url).json(&body).send().await;
            if answer.is_ok_and(|a| a.status() == StatusCode::OK) {
                let _ = done.send(()).await;
            }
        });
    }
    tokio::time::timeout(Duration::from_secs(60), first.recv()).await.unwrap();
    tokio::task::block_in_place(|| server.kill_and_restart());

    let notices = queued(&server).await - queued_before;
    let mut outcomes = BTreeMap::from([("reset", 0), ("untouched", 0)]);
    for reset in &resets {
        let (refreshed, _) =
            post(&server, "/v1/sessions/refresh", json!({"refresh_token": reset.refresh_token}))
                .await;
        let sign_in = |password: &'static str| {
            post(&server, "/v1/sessions", json!({"identifier": reset.email, "password": password}))
        };
        let (new, old) = (sign_in(NEW_PASSWORD).await.0, sign_in(OLD_PASSWORD).await.0);
        if new == StatusCode::CREATED {
            assert_eq!(
                (old, refreshed),
                (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED),
                "{}: reset, so the old password and session are gone",
                reset.email
            );
            *outcomes.get_mut("reset").unwrap() += 1;
        } else {
            assert_eq!(
                (new, old, refreshed),
                (StatusCode::UNAUTHORIZED, StatusCode::CREATED, StatusCode::OK),
                "{}: not reset, so untouched",
                reset.email
            );
            assert_eq!(set_password(&server, reset).await, StatusCode::OK, "{}", reset.email);
            *outcomes.get_mut("untouched").unwrap() += 1;
        }
    }
    eprintln!("after SIGKILL mid-reset: {outcomes:?}");
    assert!(outcomes["reset"] >= 1, "the first answered reset survived the crash");
    assert_eq!(notices, outcomes["reset"], "one notice queued per reset, none for the others");
}

/// Five SMS in flight to a gateway that does not answer (so none was accepted) when the
/// server is killed. After the restart, with the gateway answering again, each is delivered
/// once its lease has run out, and accepted exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_delivery_every_queued_message_is_delivered_once_after_restart() {
    const MESSAGES: usize = 5;
    let gateway = Gateway::scripted(vec![GatewayAnswer::Hang; 1000]).await;
    let config = format!(
        r#"{BUDGETS}
[courier]
delivery = "live"
[courier.retry]
first_delay_secs = 1
lease_secs = 5
[courier.sms]
preset = "http"
url = "{}/sms"
timeout_secs = 3
"#,
        gateway.base
    );
    let secret = "a-test-secret-that-is-long-enough-123";
    let mut server = tokio::task::spawn_blocking(move || {
        Server::start(&[], &[("REGAIN_SERVER__SECRET", secret)], Some(&config))
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    for i in 0..MESSAGES {
        let body = json!({
            "display_name": format!("Person {i}"),
            "phone": format!("+86 138 0013 800{i}"),
            "password": OLD_PASSWORD,
            "captcha": solved_captcha(&client, &server.base).await,
        });
        let (status, reply) = post(&server, "/v1/accounts", body).await;
        assert_eq!(status, StatusCode::CREATED, "{reply}");
    }
    // Every message has been tried (and some, timed out, tried again): none accepted.
    let mut sent: Vec<String> = Vec::new();
    while sent.len() < MESSAGES {
        sent = gateway.wait_for_requests(MESSAGES).await.into_iter().map(|r| r.body).collect();
        sent.sort();
        sent.dedup();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::task::block_in_place(|| server.kill_and_restart());
    gateway.recover();

    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let accepted = |requests: &[regain_e2e::GatewayRequest]| {
        requests
            .iter()
            .filter(|r| r.answer == GatewayAnswer::Status(StatusCode::OK))
            .map(|r| r.body.clone())
            .collect::<Vec<_>>()
    };
    while accepted(&gateway.requests()).len() < MESSAGES {
        assert!(
            std::time::Instant::now() < deadline,
            "not every message arrived after the restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A lease and more later, still once each.
    tokio::time::sleep(Duration::from_secs(7)).await;
    let mut delivered = accepted(&gateway.requests());
    delivered.sort();
    assert_eq!(delivered, sent, "every message in flight, accepted once after the restart");
}
