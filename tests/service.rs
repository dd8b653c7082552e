//! The real `regain-server` binary over real HTTP: the account lifecycle in local mode, what
//! its log may never contain, and the operator's command line.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use regain_e2e::{code_in, read_all, run_cli, wait_for, Server};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PASSWORD: &str = "ember quartz lagoon 2024";

async fn post(
    client: &reqwest::Client,
    url: String,
    token: Option<&str>,
    body: Value,
) -> (StatusCode, Value) {
    regain_e2e::send(client, reqwest::Method::POST, url, token, Some(&body)).await
}

async fn get(client: &reqwest::Client, url: String, token: Option<&str>) -> (StatusCode, Value) {
    regain_e2e::send(client, reqwest::Method::GET, url, token, None).await
}

/// The code last sent to `to`, read from the dev inbox.
async fn dev_code(client: &reqwest::Client, server: &Server, to: &str) -> String {
    for _ in 0..200 {
        let (_, outbox) = get(client, server.url("/v1/dev/outbox"), None).await;
        if let Some(message) = outbox["messages"].as_array().unwrap().iter().find(|m| m["to"] == to)
        {
            return code_in(message["body"].as_str().unwrap());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no message to {to} in the dev inbox");
}

/// Issue 2's walk-through: sign up, confirm by the code from the dev inbox, sign in, refresh,
/// list sessions, sign out. Then the log and the database are searched for every secret used.
#[tokio::test]
async fn local_mode_account_lifecycle_over_http() {
    let server = Server::local();
    let client = reqwest::Client::new();

    let (status, health) = get(&client, server.url("/healthz"), None).await;
    assert_eq!((status, health["status"].as_str()), (StatusCode::OK, Some("ok")));

    let (status, signed_up) = post(
        &client,
        server.url("/v1/accounts"),
        None,
        json!({
            "display_name": "Ana Souza",
            "email": "ana.souza@example.com",
            "phone": "+55 11 96123 4567",
            "password": PASSWORD,
            "captcha": regain_e2e::solved_captcha(&client, &server.base).await,
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{signed_up}");
    let first_access = signed_up["session"]["access_token"].as_str().unwrap().to_owned();

    let email_code = dev_code(&client, &server, "ana.souza@example.com").await;
    let phone_code = dev_code(&client, &server, "+5511961234567").await;
    let (status, _) = post(
        &client,
        server.url("/v1/me/contacts/confirm"),
        Some(&first_access),
        json!({"channel": "email", "code": email_code}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = post(
        &client,
        server.url("/v1/me/contacts/confirm"),
        Some(&first_access),
        json!({"channel": "phone", "code": phone_code}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, me) = get(&client, server.url("/v1/me"), Some(&first_access)).await;
    assert_eq!(
        (me["email"]["confirmed"].as_bool(), me["phone"]["confirmed"].as_bool()),
        (Some(true), Some(true))
    );

    let (status, signed_in) = post(
        &client,
        server.url("/v1/sessions"),
        None,
        json!({"identifier": "ana.souza@example.com", "password": PASSWORD}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let refresh = signed_in["refresh_token"].as_str().unwrap();
    let (status, refreshed) =
        post(&client, server.url("/v1/sessions/refresh"), None, json!({"refresh_token": refresh}))
            .await;
    assert_eq!(status, StatusCode::OK);
    let access = refreshed["access_token"].as_str().unwrap();

    let (status, list) = get(&client, server.url("/v1/sessions"), Some(access)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(
        list["sessions"].as_array().unwrap().iter().filter(|s| s["current"] == true).count(),
        1
    );
    assert_eq!(list["sessions"][0]["ip"], "127.0.0.1");

    let status = client
        .delete(server.url("/v1/sessions/current"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = get(&client, server.url("/v1/me"), Some(access)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );

    // The demo account the README documents signs in.
    let (status, _) = post(
        &client,
        server.url("/v1/sessions"),
        None,
        json!({"identifier": "demo@example.com", "password": "maple otter lantern 47"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    // Nothing secret reached the log or, in plain text, the database.
    let log = server.log();
    assert!(
        log.contains("signed in") && log.contains("a•••@example.com"),
        "the log is written:\n{log}"
    );
    let secrets = [
        PASSWORD.to_owned(),
        "maple otter lantern 47".to_owned(),
        email_code,
        phone_code,
        first_access,
        refresh.to_owned(),
        access.to_owned(),
        "ana.souza@example.com".to_owned(),
        "+5511961234567".to_owned(),
        "96123".to_owned(),
    ];
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "the log contains a secret ({} chars)",
            secret.len()
        );
    }
    let stored = read_all(server.data_dir.path());
    for secret in &secrets[..7] {
        assert!(!stored.contains(secret.as_str()), "the database holds a secret in plain text");
    }
}

#[test]
fn outside_local_mode_the_server_refuses_to_start_without_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, stderr) = run_cli(
        &["serve", "--listen", "127.0.0.1:0", "--data-dir", dir.path().to_str().unwrap()],
        &[],
        "",
    );
    assert!(!ok);
    assert!(stderr.contains("server.secret must be at least 32 bytes"), "{stderr}");
    assert!(stderr.contains("courier.delivery = \"capture\""), "every problem at once: {stderr}");
}

#[test]
fn local_mode_refuses_to_listen_beyond_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, stderr) = run_cli(
        &["serve", "--local", "--listen", "0.0.0.0:0", "--data-dir", dir.path().to_str().unwrap()],
        &[],
        "",
    );
    assert!(!ok);
    assert!(stderr.contains("loopback only"), "{stderr}");
}

#[test]
fn config_check_prints_every_problem_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("regain.toml");
    std::fs::write(
        &file,
        r#"
[server]
public_origin = "http://regain.example.com"
[argon2]
memory_kib = 4096
[codes]
max_attempts = 20
[password]
min_length_single_factor = 8
"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (ok, stdout, _) = run_cli(&["--config", path, "config", "check"], &[], "");
    assert!(!ok);
    for expected in [
        "server.secret",
        "public_origin",
        "argon2.memory_kib",
        "codes.max_attempts",
        "min_length_single_factor",
        "courier.delivery",
    ] {
        assert!(stdout.contains(expected), "{expected} missing from:\n{stdout}");
    }

    // An environment variable overrides the file.
    let (_, stdout, _) = run_cli(
        &["--config", path, "config", "check"],
        &[("REGAIN_SERVER__SECRET", &"s".repeat(40))],
        "",
    );
    assert!(!stdout.contains("server.secret"), "{stdout}");

    // An unknown key is an error, not silently ignored.
    std::fs::write(&file, "[server]\nlisten_address = \"127.0.0.1:1\"\n").unwrap();
    let (ok, stdout, _) = run_cli(&["--config", path, "config", "check"], &[], "");
    assert!(!ok && stdout.contains("listen_address"), "{stdout}");

    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../regain.example.toml");
    let (ok, stdout, _) = run_cli(&["--local", "--config", example, "config", "check"], &[], "");
    assert!(ok, "{stdout}");
    assert!(stdout.contains("configuration is valid"));
}

#[test]
fn operators_migrate_and_create_show_and_list_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let (ok, stdout, stderr) = run_cli(&["--data-dir", data, "migrate"], &[], "");
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().next(), Some("1 initial"), "{stdout}");
    assert!(stdout.contains("2 password history"), "{stdout}");

    let (ok, stdout, stderr) = run_cli(
        &[
            "--local",
            "--data-dir",
            data,
            "account",
            "create",
            "--display-name",
            "Wang Fang",
            "--phone",
            "139 1234 5678",
            "--region",
            "CN",
            "--confirmed",
        ],
        &[],
        "walnut meadow pilot 1969\n",
    );
    assert!(ok, "{stderr}");
    let created: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(created["phone"], json!({"masked": "+86 ••• •••• 78", "confirmed": true}));
    let id = created["account_id"].as_u64().unwrap().to_string();

    let (ok, stdout, _) =
        run_cli(&["--local", "--data-dir", data, "account", "show", "+8613912345678"], &[], "");
    assert!(ok);
    assert_eq!(serde_json::from_str::<Value>(stdout.trim()).unwrap()["account_id"].to_string(), id);
    assert!(!stdout.contains("13912345678"), "contacts are masked");

    let (ok, _, stderr) = run_cli(
        &[
            "--local",
            "--data-dir",
            data,
            "account",
            "create",
            "--display-name",
            "Short",
            "--email",
            "short@example.com",
        ],
        &[],
        "too short",
    );
    assert!(!ok);
    assert!(stderr.contains("too_short"), "{stderr}");

    let (ok, stdout, _) = run_cli(&["--local", "--data-dir", data, "account", "list"], &[], "");
    assert!(ok);
    assert_eq!(stdout.lines().count(), 1);

    let (ok, _, stderr) =
        run_cli(&["--local", "--data-dir", data, "account", "show", "nobody@example.com"], &[], "");
    assert!(!ok && stderr.contains("no such account"), "{stderr}");
}

#[tokio::test]
async fn a_server_killed_mid_flight_restarts_on_the_same_database() {
    let server = Server::local();
    let client = reqwest::Client::new();
    let (status, _) = post(
        &client,
        server.url("/v1/accounts"),
        None,
        json!({"display_name": "Kai", "email": "kai@example.com", "password": PASSWORD,
            "captcha": regain_e2e::solved_captcha(&client, &server.base).await}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let data_dir = server.data_dir.path().to_owned();
    // Stop only the process, as a crash would; the data directory stays.
    let pid = server.pid();
    std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    wait_for(Duration::from_secs(5), || {
        std::net::TcpStream::connect(server.base.trim_start_matches("http://")).err()
    });

    let (ok, stdout, stderr) = run_cli(
        &[
            "--local",
            "--data-dir",
            data_dir.to_str().unwrap(),
            "account",
            "show",
            "kai@example.com",
        ],
        &[],
        "",
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("k•••@example.com"));
}

/// Issue 13, item 10: local mode's links lead back to the address it really listens on (here a
/// free port the system picked), never to a fixed 8080 where another program could be listening.
#[tokio::test]
async fn local_mode_links_follow_the_address_it_listens_on() {
    let server = Server::local();
    assert!(!server.base.ends_with(":8080"), "the test needs a port other than 8080");
    let client = reqwest::Client::new();
    let captcha = regain_e2e::solved_captcha(&client, &server.base).await;
    let (status, flow) = post(
        &client,
        server.url("/v1/recovery/flows"),
        None,
        json!({"identifier": "demo@example.com", "captcha": captcha}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{flow}");
    let flow_id = flow["flow_id"].as_str().unwrap();
    let (status, _) = post(
        &client,
        server.url(&format!("/v1/recovery/flows/{flow_id}/challenge")),
        None,
        json!({"method": "email"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let mut link = None;
    for _ in 0..200 {
        let (_, outbox) = get(&client, server.url("/v1/dev/outbox"), None).await;
        let bodies =
            outbox["messages"].as_array().unwrap().iter().filter_map(|m| m["body"].as_str());
        link = bodies
            .flat_map(str::lines)
            .find(|line| line.contains("/recover/link?"))
            .map(|line| line.trim().to_owned());
        if link.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let link = link.expect("the recovery email in the dev inbox");
    let expected = format!("{}/recover/link?flow={flow_id}&token=", server.base);
    assert!(link.starts_with(&expected), "{link}");
    let status = client.get(&link).send().await.unwrap().status();
    assert_eq!(status, StatusCode::OK, "the link reaches this very service");
}

/// The operator's side of staff (S22, S23): `staff create` reads the password from standard
/// input and prints the authenticator's key once; the member signs in over HTTP with both
/// factors; `staff audit` shows the sign-in with who, what and when, and neither command ever
/// prints the password.
#[tokio::test]
async fn operators_create_staff_who_sign_in_and_whose_actions_the_audit_shows() {
    const STAFF_PASSWORD: &str = "harbour lantern violet 7731";
    let server = Server::local();
    let data = server.data_dir.path().to_str().unwrap().to_owned();
    let create = |username: &str, role: &str, password: &str| {
        run_cli(
            &[
                "--local",
                "--data-dir",
                &data,
                "staff",
                "create",
                "--username",
                username,
                "--role",
                role,
            ],
            &[],
            password,
        )
    };
    let (ok, stdout, stderr) = create("mira", "agent", STAFF_PASSWORD);
    assert!(ok, "{stderr}");
    assert!(!stdout.contains(STAFF_PASSWORD), "the password is never printed");
    let uri = stdout.lines().find_map(|l| l.strip_prefix("authenticator: ")).unwrap();
    assert!(uri.starts_with("otpauth://totp/Regain:staff-mira?"), "{uri}");
    let key = stdout.lines().find_map(|l| l.strip_prefix("or type this key: ")).unwrap();
    let (ok, _, stderr) = create("mira", "supervisor", STAFF_PASSWORD);
    assert!(!ok && stderr.contains("taken"), "a username is taken once: {stderr}");
    let (ok, _, stderr) = create("olu", "supervisor", "too short");
    assert!(!ok && stderr.contains("too_short"), "{stderr}");
    let (ok, _, stderr) = create("tam", "janitor", STAFF_PASSWORD);
    assert!(!ok && stderr.contains("agent or supervisor"), "{stderr}");

    let client = reqwest::Client::new();
    let now = i64::try_from(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(),
    )
    .unwrap();
    let code = regain_e2e::authenticator::Authenticator::from_text(key).code(now);
    let (status, session) = post(
        &client,
        server.url("/v1/staff/sessions"),
        None,
        json!({"username": "mira", "password": STAFF_PASSWORD, "totp": code}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{session}");
    assert_eq!(
        (session["role"].clone(), session["idle_secs"].clone()),
        (json!("agent"), json!(900))
    );
    let token = session["token"].as_str().unwrap();
    let (status, queue) = get(&client, server.url("/v1/staff/queue"), Some(token)).await;
    assert_eq!((status, queue), (StatusCode::OK, json!({"requests": []})));

    let (ok, stdout, stderr) =
        run_cli(&["--local", "--data-dir", &data, "staff", "audit"], &[], "");
    assert!(ok, "{stderr}");
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(
        (lines[0]["staff"].clone(), lines[0]["action"].clone()),
        (json!("mira"), json!("sign_in"))
    );
    assert_eq!(lines[0]["ip"], "127.0.0.1");
    assert!((lines[0]["at"].as_i64().unwrap() - now).abs() < 60);
    let log = server.log();
    for secret in [STAFF_PASSWORD, &code, token] {
        assert!(!log.contains(secret), "the server's log holds a staff secret");
    }
}
