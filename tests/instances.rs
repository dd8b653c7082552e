//! Three `regain-server` processes on one PostgreSQL database (the tests' own server), as a
//! deployment runs them behind a load balancer: nothing but the database joins them. A flow
//! started on one goes on on another; a throttle's budget holds across all three; every queued
//! message is delivered exactly once, however many couriers claim; and an instance killed with
//! SIGKILL in the middle of deliveries loses none of its messages to the others.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use regain_e2e::postgres::Postgres;
use regain_e2e::{
    code_in, header, run_cli, send, solved_captcha, Gateway, GatewayAnswer, Server, Smtpd,
};
use serde_json::{json, Value};

const SECRET: &str = "one-secret-shared-by-every-instance-0123";
const PASSWORD: &str = "willow basin cartwheel 58";
const NEW_PASSWORD: &str = "saffron glacier tinker 1312";

/// Every request of these tests comes from one address: budgets per address raised, the
/// captcha cheap. Six sign-ins an hour per identifier, the budget raced across instances.
const BUDGETS: &str = r#"
[captcha]
cost = 1
counter_min = 5
counter_max = 20
[accounts]
sign_ups_per_ip = { limit = 1000000, window_secs = 3600 }
[sessions.throttle]
sign_ins_per_ip = { limit = 1000000, window_secs = 3600 }
sign_ins_per_identifier = { limit = 6, window_secs = 3600 }
[recovery.throttle]
starts_per_ip = { limit = 1000000, window_secs = 3600 }
"#;

/// Three instances on one new database, each with `config` after the budgets.
async fn three_instances(config: &str) -> (String, Vec<Server>) {
    let url = Postgres::get().database().await;
    let servers = instances(&url, config, 3).await;
    (url, servers)
}

/// `count` instances on the database at `url`, started together.
async fn instances(url: &str, config: &str, count: usize) -> Vec<Server> {
    let config = format!("{BUDGETS}\n{config}");
    let mut servers = Vec::new();
    for _ in 0..count {
        let (url, config) = (url.to_owned(), config.clone());
        servers.push(tokio::task::spawn_blocking(move || {
            let env = [("REGAIN_SERVER__SECRET", SECRET), ("REGAIN_SERVER__DATABASE_URL", &url)];
            Server::start(&[], &env, Some(&config))
        }));
    }
    let mut started = Vec::new();
    for server in servers {
        started.push(server.await.unwrap());
    }
    started
}

/// Live email through `smtpd`.
fn smtp(smtpd: &Smtpd) -> String {
    format!(
        "[courier]\ndelivery = \"live\"\n[courier.smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"Regain <no-reply@regain.test>\"\n",
        smtpd.port
    )
}

/// An account with a confirmed email, made by the operator's command line on the database,
/// configured as the instances are.
async fn account(url: &str, config: &str, email: &str) {
    let (url, email) = (url.to_owned(), email.to_owned());
    let config = format!("{BUDGETS}\n{config}");
    let created = tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().display().to_string();
        let file = dir.path().join("regain.toml");
        std::fs::write(&file, config).unwrap();
        let file = file.display().to_string();
        let args = ["--config", &file, "--data-dir", &data, "account", "create", "--display-name"];
        let mut args = args.to_vec();
        args.extend(["Li Wei", "--email", &email, "--confirmed"]);
        let env = [("REGAIN_SERVER__SECRET", SECRET), ("REGAIN_SERVER__DATABASE_URL", &url)];
        run_cli(&args, &env, PASSWORD)
    })
    .await
    .unwrap();
    assert!(created.0, "{}", created.2);
}

async fn post(server: &Server, path: &str, body: Value) -> (StatusCode, Value) {
    send(&reqwest::Client::new(), reqwest::Method::POST, server.url(path), None, Some(&body)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flow_started_on_one_instance_goes_on_on_the_others() {
    let smtpd = Smtpd::start();
    let (url, servers) = three_instances(&smtp(&smtpd)).await;
    account(&url, &smtp(&smtpd), "li.wei@example.com").await;
    let client = reqwest::Client::new();

    // A captcha solved on the second, spent on the first; the code sent by the second.
    let captcha = solved_captcha(&client, &servers[1].base).await;
    let (status, started) = post(
        &servers[0],
        "/v1/recovery/flows",
        json!({"identifier": "li.wei@example.com", "captcha": captcha}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let flow = started["flow_id"].as_str().unwrap().to_owned();
    let path = |step: &str| format!("/v1/recovery/flows/{flow}/{step}");
    let (status, _) = post(&servers[1], &path("challenge"), json!({"method": "email"})).await;
    assert_eq!(status, StatusCode::OK);
    let message = smtpd.wait_for_messages(1).remove(0);
    assert_eq!(header(&message, "To").as_deref(), Some("li.wei@example.com"));

    // Checked on the third, the password set on the first, signed in on the second.
    let (status, verified) =
        post(&servers[2], &path("verify"), json!({"code": code_in(&message)})).await;
    assert_eq!(status, StatusCode::OK, "{verified}");
    let body = json!({"reset_token": verified["reset_token"], "new_password": NEW_PASSWORD});
    let (status, done) = post(&servers[0], &path("password"), body).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, _) = post(
        &servers[1],
        "/v1/sessions",
        json!({"identifier": "li.wei@example.com", "password": NEW_PASSWORD}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // The same reset token, replayed on another instance, is spent.
    let body = json!({"reset_token": verified["reset_token"], "new_password": PASSWORD});
    let (status, _) = post(&servers[2], &path("password"), body).await;
    assert_ne!(status, StatusCode::OK, "a reset token works once across instances");
}

/// The operator's commands and local mode take the database from the same setting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_migrates_a_postgres_database_and_local_mode_serves_from_it() {
    let url = Postgres::get().database().await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().display().to_string();
    let env = [("REGAIN_SERVER__DATABASE_URL", url.as_str())];
    let (ok, out, err) = run_cli(&["--local", "--data-dir", &data, "migrate"], &env, "");
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "1 schema");
    let (ok, out, _) = run_cli(&["--local", "config", "check"], &env, "");
    assert!(ok, "{out}");

    let unreachable = [("REGAIN_SERVER__DATABASE_URL", "postgres://regain:hunter2@127.0.0.1:1/x")];
    let (ok, _, err) = run_cli(&["--local", "--data-dir", &data, "migrate"], &unreachable, "");
    assert!(!ok);
    assert!(err.contains("connecting to server.database_url"), "{err}");
    assert!(!err.contains("hunter2"), "the URL's password never reaches an error: {err}");
    let other = [("REGAIN_SERVER__DATABASE_URL", "mysql://regain@127.0.0.1/x")];
    let (ok, out, _) = run_cli(&["--local", "config", "check"], &other, "");
    assert!(!ok && out.contains("server.database_url must be a sqlite: or postgres: URL"), "{out}");

    let server = tokio::task::spawn_blocking(move || {
        Server::start(&["--local"], &[("REGAIN_SERVER__DATABASE_URL", &url)], None)
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let body = json!({
        "display_name": "Li Wei",
        "email": "li.wei@example.com",
        "password": PASSWORD,
        "captcha": solved_captcha(&client, &server.base).await,
    });
    let (status, reply) = post(&server, "/v1/accounts", body).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert!(dir
        .path()
        .read_dir()
        .unwrap()
        .all(|entry| { !entry.unwrap().file_name().to_string_lossy().ends_with(".sqlite3") }));
    assert!(
        server
            .data_dir
            .path()
            .read_dir()
            .unwrap()
            .all(|entry| { !entry.unwrap().file_name().to_string_lossy().ends_with(".sqlite3") }),
        "no SQLite file beside PostgreSQL"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttle_budget_holds_across_three_instances() {
    let smtpd = Smtpd::start();
    let (url, servers) = three_instances(&smtp(&smtpd)).await;
    account(&url, &smtp(&smtpd), "li.wei@example.com").await;
    let mut attempts = Vec::new();
    for n in 0..18 {
        let base = servers[n % 3].base.clone();
        attempts.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let body = json!({"identifier": "li.wei@example.com", "password": "not the password"});
            send(&client, reqwest::Method::POST, format!("{base}/v1/sessions"), None, Some(&body))
                .await
                .0
        }));
    }
    let mut answers = Vec::new();
    for attempt in attempts {
        answers.push(attempt.await.unwrap());
    }
    let tried = answers.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((tried, refused), (6, 12), "exactly the budget tried, over all three: {answers:?}");
}

/// Twenty-four sign-ups on one instance, their emails in the one outbox that the couriers of
/// all three claim from (the first woken at each, the others every second): each is sent once,
/// as the real SMTP server and the three logs show.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_couriers_deliver_each_message_once() {
    const ACCOUNTS: usize = 24;
    let smtpd = Smtpd::start();
    let (_, servers) = three_instances(&smtp(&smtpd)).await;
    let client = reqwest::Client::new();
    let mut expected = BTreeSet::new();
    for n in 0..ACCOUNTS {
        let server = &servers[0];
        let email = format!("person{n}@example.com");
        let body = json!({
            "display_name": format!("Person {n}"),
            "email": email,
            "password": PASSWORD,
            "captcha": solved_captcha(&client, &server.base).await,
        });
        let (status, reply) = post(server, "/v1/accounts", body).await;
        assert_eq!(status, StatusCode::CREATED, "{reply}");
        expected.insert(email);
    }
    smtpd.wait_for_messages(ACCOUNTS);
    // Several ticks of every courier: time to send one a second time, were it claimable.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let messages = smtpd.messages();
    let recipients: Vec<String> = messages.iter().filter_map(|m| header(m, "To")).collect();
    assert_eq!(recipients.len(), ACCOUNTS, "one message per account, none twice");
    assert_eq!(recipients.into_iter().collect::<BTreeSet<_>>(), expected);
    let delivered: Vec<usize> =
        servers.iter().map(|server| server.log().matches("message delivered").count()).collect();
    assert_eq!(delivered.iter().sum::<usize>(), ACCOUNTS, "sent once in all: {delivered:?}");
}

/// SMS queued on the one instance running, which waits on a gateway that does not answer, when
/// it is killed: every message pending and untried, the one in flight leased to it, as the
/// database shows. Two instances start after; once the gateway answers again, every message is
/// accepted exactly once, the leased one taken when the dead instance's lease runs out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_mid_delivery_loses_no_message() {
    const MESSAGES: usize = 6;
    let gateway = Gateway::scripted(vec![GatewayAnswer::Hang; 1000]).await;
    let config = format!(
        "[courier]\ndelivery = \"live\"\n[courier.retry]\nfirst_delay_secs = 1\nlease_secs = 10\n[courier.sms]\npreset = \"http\"\nurl = \"{}/sms\"\ntimeout_secs = 7\n",
        gateway.base
    );
    let url = Postgres::get().database().await;
    let first = instances(&url, &config, 1).await.remove(0);
    let client = reqwest::Client::new();
    for n in 0..MESSAGES {
        let server = &first;
        let body = json!({
            "display_name": format!("Person {n}"),
            "phone": format!("+86 138 0013 800{n}"),
            "password": PASSWORD,
            "captcha": solved_captcha(&client, &server.base).await,
        });
        let (status, reply) = post(server, "/v1/accounts", body).await;
        assert_eq!(status, StatusCode::CREATED, "{reply}");
    }
    // The only instance claims what it queued and waits on the gateway: nothing tried to the
    // end, the message in flight leased. Then it dies with SIGKILL, and two more start.
    gateway.wait_for_requests(1).await;
    let mut database = {
        use sqlx::Connection as _;
        sqlx::PgConnection::connect(&url).await.unwrap()
    };
    let now = i64::try_from(std::time::UNIX_EPOCH.elapsed().unwrap().as_secs()).unwrap();
    let (untried, leased): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN leased_until > $1 THEN 1 END) FROM outbox
         WHERE status = 'pending' AND attempts = 0",
    )
    .bind(now)
    .fetch_one(&mut database)
    .await
    .unwrap();
    assert_eq!(untried, i64::try_from(MESSAGES).unwrap(), "every message pending, untried");
    assert!(leased >= 1, "the message in flight leased to the first instance");
    let pid = first.pid();
    drop(first);
    assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists(), "killed");
    let _others = instances(&url, &config, 2).await;
    gateway.recover();

    let accepted = |requests: &[regain_e2e::GatewayRequest]| {
        requests
            .iter()
            .filter(|r| r.answer == GatewayAnswer::Status(StatusCode::OK))
            .map(|r| r.body.clone())
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(40);
    while accepted(&gateway.requests()).len() < MESSAGES {
        assert!(Instant::now() < deadline, "not every message arrived after the kill");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A lease and more later, still once each.
    tokio::time::sleep(Duration::from_secs(11)).await;
    let delivered = accepted(&gateway.requests());
    let distinct: BTreeSet<&String> = delivered.iter().collect();
    assert_eq!(
        (delivered.len(), distinct.len()),
        (MESSAGES, MESSAGES),
        "every message the killed instance held, accepted once"
    );
}
