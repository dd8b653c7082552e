//! The password policy through the HTTP API (SECURITY.md S14-S15): each weak case refused with
//! its own reason on sign-up and on change; the last five passwords refused; the breach check
//! against a local range API, and its failure degrading to the offline rules.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use regain_server::config::Config;
use serde_json::{json, Value};
use sha1::{Digest as _, Sha1};
use support::{sign_up_body, TestApp, PASSWORD};

async fn sign_up_with(app: &TestApp, password: &str) -> support::Reply {
    let mut body = sign_up_body();
    body["password"] = json!(password);
    body["birthday"] = json!("1990-04-12");
    app.post_sign_up(body).await
}

#[tokio::test]
async fn sign_up_refuses_each_weak_case_with_its_reason() {
    let app = TestApp::local().await;
    let cases = [
        ("Xq7#vR2!mZp9&k", "too_short"),
        (&*"quiet tangerine orbit saddle ".repeat(9), "too_long"),
        ("277rte87hryloitru", "common"),
        ("tangerine orbit liwei saddle", "personal"),
        ("tangerine 13800138000 saddle", "personal"),
        ("tangerine orbit 12041990 xq", "personal"),
        ("abcabcabcabcabcabc", "too_guessable"),
    ];
    for (password, reason) in cases {
        let reply = sign_up_with(&app, password).await;
        assert_eq!(
            (reply.status, reply.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "weak_password"),
            "{reason}"
        );
        assert_eq!(reply.body["fields"], json!({"password": [reason]}), "{reason}");
    }
    assert_eq!(app.count("accounts").await, 0);
    assert_eq!(sign_up_with(&app, PASSWORD).await.status, StatusCode::CREATED);
}

async fn change(app: &TestApp, token: &str, current: &str, new: &str) -> support::Reply {
    app.post(
        "/v1/me/password",
        Some(token),
        json!({"current_password": current, "new_password": new}),
    )
    .await
}

#[tokio::test]
async fn a_change_needs_the_current_password_and_a_new_one_that_passes() {
    let app = TestApp::local().await;
    let token = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();

    let wrong =
        change(&app, &token, "not my password at all", "quiet tangerine orbit saddle").await;
    assert_eq!((wrong.status, wrong.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"));
    assert_eq!(wrong.body["fields"], json!({"current_password": ["invalid"]}));

    let weak = change(&app, &token, PASSWORD, "liwei tangerine orbit").await;
    assert_eq!(weak.body["fields"], json!({"new_password": ["personal"]}));

    let same = change(&app, &token, PASSWORD, PASSWORD).await;
    assert_eq!(same.body["fields"], json!({"new_password": ["reused"]}));
}

/// SECURITY.md S15: none of the last five passwords (the current one included).
#[tokio::test]
async fn the_last_five_passwords_cannot_come_back() {
    let app = TestApp::local().await;
    let token = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();
    let passwords = [
        PASSWORD,
        "quiet tangerine orbit saddle",
        "walnut meadow pilot harbour",
        "ember quartz lagoon drift",
        "copper fennel glacier mosaic",
        "saffron tundra beacon willow",
    ];
    for pair in passwords[..5].windows(2) {
        assert_eq!(change(&app, &token, pair[0], pair[1]).await.status, StatusCode::NO_CONTENT);
    }
    // The history is now passwords[0..5]; the first one is refused.
    let back = change(&app, &token, passwords[4], passwords[0]).await;
    assert_eq!(back.body["fields"], json!({"new_password": ["reused"]}));
    // One more change pushes the first one out of the last five.
    assert_eq!(
        change(&app, &token, passwords[4], passwords[5]).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        change(&app, &token, passwords[5], passwords[0]).await.status,
        StatusCode::NO_CONTENT
    );
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM password_history")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, 5);
}

#[tokio::test]
async fn a_change_ends_every_other_session() {
    let app = TestApp::local().await;
    let first = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();
    let second = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "li.wei@example.com", "password": PASSWORD}),
        )
        .await;
    let second = second.body["access_token"].as_str().unwrap().to_owned();

    assert_eq!(
        change(&app, &second, PASSWORD, "quiet tangerine orbit saddle").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get("/v1/me", Some(&first)).await.code(), "unauthenticated");
    assert_eq!(app.get("/v1/me", Some(&second)).await.status, StatusCode::OK);

    let old = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "li.wei@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(old.code(), "invalid_credentials");
    let new = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "li.wei@example.com", "password": "quiet tangerine orbit saddle"}),
        )
        .await;
    assert_eq!(new.status, StatusCode::CREATED);
}

/// A range API on loopback that answers every prefix with `body` and records the prefixes.
async fn range_api(body: String) -> (String, Arc<Mutex<Vec<String>>>) {
    #[derive(Clone)]
    struct Api {
        body: String,
        seen: Arc<Mutex<Vec<String>>>,
    }
    async fn range(State(api): State<Api>, Path(prefix): Path<String>) -> String {
        api.seen.lock().unwrap().push(prefix);
        api.body.clone()
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    let app = axum::Router::new()
        .route("/range/{prefix}", get(range))
        .with_state(Api { body, seen: seen.clone() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/range/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

async fn app_checking_breaches_at(url: String, timeout_ms: u64) -> TestApp {
    let mut config = support::cheap_captcha(Config::default());
    config.password.breach_range_url = url;
    config.password.breach_timeout_ms = timeout_ms;
    TestApp::with_config(config, true).await
}

#[tokio::test]
async fn the_breach_check_refuses_a_breached_password_and_sends_only_a_prefix() {
    let hex: String =
        Sha1::digest(PASSWORD.as_bytes()).iter().map(|b| format!("{b:02X}")).collect();
    let (prefix, suffix) = hex.split_at(5);

    let (url, seen) =
        range_api(format!("0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n{suffix}:7")).await;
    let app = app_checking_breaches_at(url, 2000).await;
    let breached = app.post_sign_up(sign_up_body()).await;
    assert_eq!(breached.body["fields"], json!({"password": ["breached"]}));
    assert_eq!(
        seen.lock().unwrap().as_slice(),
        [prefix.to_owned()],
        "only the 5-character prefix left"
    );

    // The same range without that suffix: clear.
    let (url, _) = range_api("0018A45C4D1DEF81644B54AB7F969B88D65:1".to_owned()).await;
    assert_eq!(
        app_checking_breaches_at(url, 2000).await.post_sign_up(sign_up_body()).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_breach_service_that_is_down_never_blocks_a_sign_up() {
    let app = app_checking_breaches_at("http://127.0.0.1:9/range/".into(), 500).await;
    let reply: Value = app.sign_up().await;
    assert!(reply["account"]["account_id"].is_u64());
    // The offline list still applies.
    let common = sign_up_with(&app, "277rte87hryloitru").await;
    assert_eq!(common.body["fields"], json!({"password": ["common"]}));
}
