//! Faults injected into the real parts around the service, through its real HTTP API with the
//! injected clock driving the courier's retries: an SMTP server that hangs, then hangs up in
//! the middle of a message; an SMS gateway that fails, throttles with `Retry-After`, then never
//! answers; the database locked by another writer. In each, the flow tells the person where
//! the code stands ("not delivered yet", so another method can be chosen), nothing is lost,
//! and nothing goes out twice. (The server killed mid-reset and mid-delivery: the workspace's
//! `tests/faults.rs`, against the real binary.)
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use regain_e2e::faults::{ScriptedSmtp, SmtpFault};
use regain_e2e::{code_in, Gateway, GatewayAnswer};
use regain_server::config::{Config, Delivery, SmsConfig};
use serde_json::Value;
use support::{flow_id, recovery_config, set_password, Backend, TestApp, OWNER_PASSWORD};

const NEW_PASSWORD: &str = "amber falcon ledger 2031";

/// Live delivery through the given peers, each with a one-second timeout.
fn live(smtp_port: Option<u16>, sms_url: Option<String>) -> Config {
    let mut config = recovery_config();
    config.server.secret = "x".repeat(40).into();
    config.courier.delivery = Delivery::Live;
    config.courier.smtp = smtp_port.map(|port| regain_courier::SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        tls: regain_courier::SmtpTls::None,
        username: None,
        password: None,
        from: "Regain <no-reply@example.com>".into(),
        timeout_secs: 1,
    });
    config.courier.sms = sms_url.map(|url| {
        SmsConfig::Http(regain_courier::SmsGatewaySettings {
            url,
            format: regain_courier::SmsFormat::Json,
            auth_header: None,
            from: None,
            fields: [
                ("to".to_owned(), "{to}".to_owned()),
                ("text".to_owned(), "{body}".to_owned()),
            ]
            .into(),
            timeout_secs: 1,
        })
    });
    config
}

/// Where the flow's code stands, as the person's screen is told.
async fn delivery(app: &TestApp, flow: &str) -> Value {
    app.get(&format!("/v1/recovery/flows/{flow}"), None).await.body["challenge"]["delivery"].clone()
}

/// The code's verification and the reset it allows: the code that finally arrived works.
async fn reset_with(app: &TestApp, flow: &str, code: &str) {
    let verified = app.verify(flow, serde_json::json!({ "code": code })).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    let reset = verified.body["reset_token"].as_str().unwrap();
    assert_eq!(set_password(app, flow, reset, NEW_PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_smtp_server_that_hangs_then_hangs_up_mid_message_delays_the_code_and_loses_nothing() {
    let smtpd = ScriptedSmtp::start(vec![SmtpFault::Hang, SmtpFault::DropInData]).await;
    let app = TestApp::with_config(live(Some(smtpd.port), None), false).await;
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    assert_eq!(app.challenge(&flow, "email").await.body["challenge"]["delivery"], "sending");

    app.deliver().await; // no greeting: given up after the timeout
    assert_eq!(delivery(&app, &flow).await, "not_delivered_yet");
    app.clock.advance(2);
    app.deliver().await; // hung up in the middle of DATA
    assert_eq!(delivery(&app, &flow).await, "not_delivered_yet");
    assert!(smtpd.messages().is_empty(), "nothing was accepted yet");

    app.clock.advance(4);
    app.deliver().await;
    assert_eq!(delivery(&app, &flow).await, "sent");
    let mails = smtpd.messages();
    assert_eq!((mails.len(), smtpd.connections()), (1, 3), "one message, on the third try");
    let body = mails[0].split_once("\r\n\r\n").unwrap().1;
    let code = code_in(body);
    reset_with(&app, &flow, &code).await;

    // Exactly once: the reset's notice follows, the code never again.
    app.clock.advance(600);
    app.deliver().await;
    let with_code = smtpd.messages().iter().filter(|m| m.contains(&code)).count();
    assert_eq!(with_code, 1);
}

#[tokio::test]
async fn an_sms_gateway_that_fails_throttles_and_times_out_delays_the_code_and_loses_nothing() {
    let gateway = Gateway::scripted(vec![
        GatewayAnswer::Status(StatusCode::INTERNAL_SERVER_ERROR),
        GatewayAnswer::TooManyRequests { retry_after_secs: 120 },
        GatewayAnswer::Hang,
    ])
    .await;
    let app = TestApp::with_config(live(None, Some(format!("{}/sms", gateway.base))), false).await;
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    app.challenge(&flow, "sms").await;

    app.deliver().await; // 500
    assert_eq!(delivery(&app, &flow).await, "not_delivered_yet");
    app.clock.advance(2);
    app.deliver().await; // 429, Retry-After: 120
    assert_eq!(delivery(&app, &flow).await, "not_delivered_yet");
    // Our own backoff (4 s) would try again now; the gateway asked for two minutes.
    app.clock.advance(4);
    app.deliver().await;
    assert_eq!(gateway.requests().len(), 2, "held back as the gateway asked");
    app.clock.advance(116);
    app.deliver().await; // no answer: given up after the timeout
    assert_eq!(
        (gateway.requests().len(), delivery(&app, &flow).await),
        (3, "not_delivered_yet".into())
    );

    app.clock.advance(8);
    app.deliver().await;
    assert_eq!(delivery(&app, &flow).await, "sent");
    let requests = gateway.requests();
    assert_eq!(requests.len(), 4);
    let texts: Vec<String> = requests
        .iter()
        .map(|r| serde_json::from_str::<Value>(&r.body).unwrap()["text"].as_str().unwrap().into())
        .collect();
    assert!(texts.windows(2).all(|w| w[0] == w[1]), "one message, sent again unchanged");
    reset_with(&app, &flow, &code_in(&texts[3])).await;
    // The code's message is not sent again once it was taken.
    app.clock.advance(600);
    app.deliver().await;
    assert_eq!(gateway.requests().iter().filter(|r| r.body == requests[3].body).count(), 4);
}

/// Another writer holds SQLite's lock past the busy timeout: the reset is answered `busy`
/// (503, `Retry-After`) and changes nothing; the same reset token works once the lock is gone.
#[tokio::test]
async fn a_locked_database_answers_busy_and_a_reset_is_whole_or_not_at_all() {
    use sqlx::Connection as _;

    let app = TestApp::on(Backend::Sqlite, recovery_config(), true).await;
    let path = app.dir.path().join("regain.sqlite3");
    let mut other =
        sqlx::AnyConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    a_reset_meets_a_lock(&app, &mut other, "BEGIN EXCLUSIVE").await;
}

/// The same on PostgreSQL: another session holds the table of "this wasn't me" links against
/// writes (reads go on) past the statement timeout. The reset claims its flow, changes the
/// password, revokes sessions and ends flows, then waits to write its notices' link and is
/// cancelled: everything before is rolled back with it.
#[tokio::test]
async fn a_locked_postgres_table_answers_busy_and_a_reset_is_whole_or_not_at_all() {
    let mut config = recovery_config();
    config.server.database_statement_timeout_ms = 300;
    let app = TestApp::on(Backend::Postgres, config, true).await;
    let mut other = app.db.acquire().await.unwrap();
    sqlx::query("BEGIN").execute(&mut *other).await.unwrap();
    a_reset_meets_a_lock(&app, &mut other, "LOCK TABLE incident_reports IN EXCLUSIVE MODE").await;
}

/// A reset while `other` holds what `lock` takes, then again once it lets go.
async fn a_reset_meets_a_lock(app: &TestApp, other: &mut sqlx::AnyConnection, lock: &str) {
    app.owner().await;
    let (flow, reset) =
        support::pass_by_code(app, "li.wei@example.com", "email", "li.wei@example.com").await;
    sqlx::query(lock).execute(&mut *other).await.unwrap();
    let refused = set_password(app, &flow, &reset, NEW_PASSWORD).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::SERVICE_UNAVAILABLE, "busy"));
    assert_eq!(refused.headers["retry-after"], "1");
    assert_eq!(refused.body["retry_after_secs"], 1);
    sqlx::query("ROLLBACK").execute(&mut *other).await.unwrap();

    assert_eq!(app.sign_in(OWNER_PASSWORD).await.status, StatusCode::CREATED, "untouched");
    assert_eq!(set_password(app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
    assert_eq!(app.sign_in(OWNER_PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);
}

/// A flood of sign-ins against a hashing pool of one worker and one waiting place: every
/// request is answered at once, either signed in or `busy` (503, Retry-After: 1); the right
/// password is never refused as a wrong one, and nothing counts as a failed sign-in. (The
/// pool's own test shows the bound; `scripts/soak` measures memory under load.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_hashing_beyond_the_pool_is_answered_busy_never_as_a_wrong_password() {
    let mut config = recovery_config();
    config.argon2.workers = 1;
    config.argon2.queue_per_worker = 1;
    config.argon2.queue_wait_ms = 0;
    config.sessions.throttle.sign_ins_per_identifier.limit = 100;
    config.sessions.throttle.sign_ins_per_ip.limit = 1000;
    let app = std::sync::Arc::new(TestApp::with_config(config, true).await);
    app.owner().await;
    let mut flood = Vec::new();
    for _ in 0..12 {
        let app = app.clone();
        flood.push(tokio::spawn(async move { app.sign_in(OWNER_PASSWORD).await }));
    }
    let (mut signed_in, mut busy) = (0, 0);
    for reply in flood {
        let reply = reply.await.unwrap();
        match reply.status {
            StatusCode::CREATED => signed_in += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(reply.code(), "busy");
                assert_eq!(reply.headers.get("retry-after").unwrap(), "1");
                busy += 1;
            }
            other => panic!("the right password answered {other}: {}", reply.body),
        }
    }
    assert!(signed_in >= 1 && busy >= 1, "{signed_in} signed in, {busy} busy");
    // No busy answer was taken for a wrong password: the account's activity has no refusal.
    let signed_in = app.sign_in(OWNER_PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::CREATED);
    let token = signed_in.body["access_token"].as_str().unwrap();
    let events = app.get("/v1/me/events", Some(token)).await.body;
    let refused = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "sign_in" && e["outcome"] != "ok")
        .count();
    assert_eq!(refused, 0, "{events}");
}
