//! Devices, through the real router on a real SQLite file (issue 15; SECURITY.md S17, S18):
//! each signed-in app is a device with its name, platform and factors; the owner signs one out
//! or marks it lost; a lost device is locked until the account's current password (and second
//! factor) unlocks it, and stays locked across a reset, so that the new password unlocks it and
//! the old one does not.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::{Method, StatusCode};
use regain_e2e::authenticator::Authenticator;
use regain_recovery::Clock as _;
use serde_json::{json, Value};
use support::{pass_by_code, recovery_config, set_password, TestApp, NEW_PASSWORD, OWNER_PASSWORD};

const EMAIL: &str = "li.wei@example.com";
const PHONE: &str = "+8613800138000";

async fn app() -> TestApp {
    let app = TestApp::with_config(recovery_config(), true).await;
    app.owner().await;
    app
}

/// Signs in from a device named `name` on `platform`: the grant.
async fn sign_in_from(app: &TestApp, name: &str, platform: &str) -> Value {
    let reply = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": EMAIL, "password": OWNER_PASSWORD,
                   "device": {"name": name, "platform": platform}}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body
}

fn token(grant: &Value, which: &str) -> String {
    grant[which].as_str().unwrap().to_owned()
}

async fn mark_lost(app: &TestApp, by: &Value, lost: &Value) -> StatusCode {
    let path = format!("/v1/sessions/{}/lost", lost["session_id"].as_str().unwrap());
    app.call(Method::POST, &path, Some(&token(by, "access_token")), None).await.status
}

async fn unlock(
    app: &TestApp,
    device: &Value,
    password: &str,
    code: Option<(&str, String)>,
) -> support::Reply {
    let mut body = json!({"refresh_token": device["refresh_token"], "password": password});
    if let Some((method, code)) = code {
        body["method"] = json!(method);
        body["code"] = json!(code);
    }
    app.post("/v1/sessions/unlock", None, body).await
}

/// The owner sees each device by name and platform with what signed it in, marks one lost,
/// and that device can do nothing (not even refresh) until the current password unlocks it.
#[tokio::test]
async fn a_lost_device_is_locked_until_the_current_password_unlocks_it() {
    let app = app().await;
    let phone = sign_in_from(&app, "Li's phone", "android").await;
    let laptop = sign_in_from(&app, "Li's laptop", "linux").await;
    let list = app.get("/v1/sessions", Some(&token(&laptop, "access_token"))).await;
    let devices = list.body["sessions"].as_array().unwrap();
    let phone_view = devices.iter().find(|s| s["session_id"] == phone["session_id"]).unwrap();
    assert_eq!(
        (
            &phone_view["device_name"],
            &phone_view["platform"],
            &phone_view["factors"],
            &phone_view["locked"]
        ),
        (&json!("Li's phone"), &json!("android"), &json!(["password"]), &json!(false))
    );

    assert_eq!(
        mark_lost(&app, &laptop, &laptop).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not this one"
    );
    assert_eq!(mark_lost(&app, &laptop, &phone).await, StatusCode::NO_CONTENT);
    let me = app.get("/v1/me", Some(&token(&phone, "access_token"))).await;
    assert_eq!((me.status, me.code()), (StatusCode::LOCKED, "device_locked"));
    let refresh = app
        .post("/v1/sessions/refresh", None, json!({"refresh_token": phone["refresh_token"]}))
        .await;
    assert_eq!(refresh.code(), "device_locked", "no new tokens either");
    let list = app.get("/v1/sessions", Some(&token(&laptop, "access_token"))).await;
    let locked = list.body["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["session_id"] == phone["session_id"])
        .unwrap()
        .clone();
    assert_eq!(locked["locked"], true);
    let delivered = app.delivered().await;
    for to in [EMAIL, PHONE] {
        assert!(
            delivered.iter().any(|m| m.message.to == to && m.message.body.contains("marked lost")),
            "{to} is told"
        );
    }

    let wrong = unlock(&app, &phone, "not the password at all", None).await;
    assert_eq!((wrong.status, wrong.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"));
    let unlocked = unlock(&app, &phone, OWNER_PASSWORD, None).await;
    assert_eq!(unlocked.status, StatusCode::OK, "{}", unlocked.body);
    assert_eq!(
        app.get("/v1/me", Some(&token(&unlocked.body, "access_token"))).await.status,
        StatusCode::OK
    );
    assert_eq!(
        unlock(&app, &unlocked.body, OWNER_PASSWORD, None).await.code(),
        "nothing_to_confirm",
        "not locked now"
    );
    let events = app.get("/v1/me/events", Some(&token(&laptop, "access_token"))).await;
    let kinds: Vec<(&str, &str)> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["outcome"].as_str().unwrap()))
        .collect();
    for expected in
        [("device_marked_lost", "ok"), ("device_unlocked", "refused"), ("device_unlocked", "ok")]
    {
        assert!(kinds.contains(&expected), "{expected:?} in {kinds:?}");
    }
}

/// S17 with a lost device: a reset ends every session but the locked one, which the new
/// password unlocks and the old one does not.
#[tokio::test]
async fn after_a_recovery_the_new_password_unlocks_a_lost_device_and_the_old_one_does_not() {
    let app = app().await;
    let phone = sign_in_from(&app, "Li's phone", "ios").await;
    let laptop = sign_in_from(&app, "Li's laptop", "windows").await;
    assert_eq!(mark_lost(&app, &laptop, &phone).await, StatusCode::NO_CONTENT);
    app.clock.advance(60);
    let (flow, reset) = pass_by_code(&app, EMAIL, "email", EMAIL).await;
    assert_eq!(set_password(&app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
    assert_eq!(
        app.get("/v1/me", Some(&token(&laptop, "access_token"))).await.code(),
        "unauthenticated",
        "S17"
    );
    assert_eq!(
        app.get("/v1/me", Some(&token(&phone, "access_token"))).await.code(),
        "device_locked"
    );
    let old = unlock(&app, &phone, OWNER_PASSWORD, None).await;
    assert_eq!(old.code(), "invalid_field", "the old password no longer unlocks it");
    let new = unlock(&app, &phone, NEW_PASSWORD, None).await;
    assert_eq!(new.status, StatusCode::OK, "{}", new.body);
    assert_eq!(
        app.get("/v1/me", Some(&token(&new.body, "access_token"))).await.status,
        StatusCode::OK
    );
}

/// With a second factor, unlocking takes its code too, and a code works once.
#[tokio::test]
async fn unlocking_a_lost_device_of_an_account_with_totp_needs_its_code() {
    let app = app().await;
    let phone = sign_in_from(&app, "Li's phone", "android").await;
    let laptop = sign_in_from(&app, "Li's laptop", "macos").await;
    let access = token(&laptop, "access_token");
    let setup = app.post("/v1/me/totp", Some(&access), json!({})).await;
    let authenticator = Authenticator::from_text(setup.body["secret"].as_str().unwrap());
    let first = authenticator.code(app.clock.now());
    let confirmed = app.post("/v1/me/totp/confirm", Some(&access), json!({"code": first})).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert_eq!(mark_lost(&app, &laptop, &phone).await, StatusCode::NO_CONTENT);
    let without = unlock(&app, &phone, OWNER_PASSWORD, None).await;
    assert_eq!(without.body["fields"]["code"], json!(["required"]));
    let replayed = unlock(&app, &phone, OWNER_PASSWORD, Some(("totp", first))).await;
    assert_eq!(replayed.code(), "code_already_used");
    app.clock.advance(30);
    let code = authenticator.code(app.clock.now());
    let unlocked = unlock(&app, &phone, OWNER_PASSWORD, Some(("totp", code))).await;
    assert_eq!(unlocked.status, StatusCode::OK, "{}", unlocked.body);
}

/// The owner signs another device out; nobody signs out another account's device, and this
/// device signs out by `DELETE /v1/sessions/current`. A device name is printable and short.
#[tokio::test]
async fn the_owner_signs_a_device_out_and_nobody_else_can() {
    let app = app().await;
    let phone = sign_in_from(&app, "Li's phone", "android").await;
    let laptop = sign_in_from(&app, "Li's laptop", "linux").await;
    let other = regain_recovery::NewAccountInput {
        display_name: "Ana Souza".into(),
        email: Some(regain_recovery::Email::parse("ana@example.com").unwrap()),
        phone: None,
        birthday: None,
        password: regain_recovery::Secret::new(OWNER_PASSWORD.into()),
        locale: None,
    };
    app.state.accounts.create(other, true).await.unwrap();
    let ana = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "ana@example.com", "password": OWNER_PASSWORD}),
        )
        .await
        .body;
    let path = format!("/v1/sessions/{}", phone["session_id"].as_str().unwrap());
    let stranger = app.call(Method::DELETE, &path, Some(&token(&ana, "access_token")), None).await;
    assert_eq!(stranger.code(), "not_found");
    assert_eq!(mark_lost(&app, &ana, &phone).await, StatusCode::NOT_FOUND);
    let own = app.call(Method::DELETE, &path, Some(&token(&laptop, "access_token")), None).await;
    assert_eq!(own.status, StatusCode::NO_CONTENT, "{}", own.body);
    assert_eq!(
        app.get("/v1/me", Some(&token(&phone, "access_token"))).await.code(),
        "unauthenticated"
    );
    let bad = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": EMAIL, "password": OWNER_PASSWORD, "device": {"name": "a\u{0007}b"}}),
        )
        .await;
    assert_eq!(bad.body["fields"]["device.name"], json!(["invalid"]));
}

/// The checkup turns the prevention advice into items about this account, with a score that
/// rises as it is followed; never the password, only its age and class.
#[tokio::test]
async fn the_checkup_lists_what_to_do_and_rises_as_it_is_done() {
    // Sessions of half a year, as a deployment for phones might keep them: with the default of
    // 30 days a device is signed out long before it could go 90 days unseen.
    let mut config = recovery_config();
    config.sessions.refresh_ttl_secs = 180 * 24 * 3600;
    let app = TestApp::with_config(config, true).await;
    app.owner().await;
    let grant = sign_in_from(&app, "Li's laptop", "linux").await;
    sign_in_from(&app, "Li's old phone", "android").await;
    let access = token(&grant, "access_token");
    let before = app.get("/v1/me/checkup", Some(&access)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    let state = |body: &Value, kind: &str| {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == kind)
            .map(|i| i["state"].clone())
    };
    assert_eq!(state(&before.body, "email"), Some(json!("good")));
    assert_eq!(state(&before.body, "second_factor"), Some(json!("improve")));
    assert_eq!(state(&before.body, "security_questions"), Some(json!("improve")));
    assert_eq!(state(&before.body, "password"), Some(json!("good")), "the class kept at creation");
    assert_eq!(state(&before.body, "unusual_activity"), Some(json!("good")));
    assert!(!before.body.to_string().contains(OWNER_PASSWORD));

    // A wrong password is unusual activity, shown in the last 30 days.
    app.post("/v1/sessions", None, json!({"identifier": EMAIL, "password": "wrong wrong wrong"}))
        .await;
    let setup = app.post("/v1/me/totp", Some(&access), json!({})).await;
    let authenticator = Authenticator::from_text(setup.body["secret"].as_str().unwrap());
    let code = authenticator.code(app.clock.now());
    app.post("/v1/me/totp/confirm", Some(&access), json!({"code": code})).await;
    let after = app.get("/v1/me/checkup", Some(&access)).await;
    assert_eq!(state(&after.body, "second_factor"), Some(json!("good")));
    assert_eq!(state(&after.body, "recovery_codes"), Some(json!("good")));
    let unusual = after.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "unusual_activity")
        .unwrap()
        .clone();
    assert_eq!(
        (unusual["state"].clone(), unusual["count"].clone()),
        (json!("attention"), json!(1))
    );
    assert!(after.body["activity"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "sign_in" && e["outcome"] == "refused"));

    // A device not seen for 90 days is worth signing out; activity is the last 30 days'.
    app.clock.advance(91 * 24 * 3600);
    let refreshed = app
        .post("/v1/sessions/refresh", None, json!({"refresh_token": grant["refresh_token"]}))
        .await;
    let later = app.get("/v1/me/checkup", Some(&token(&refreshed.body, "access_token"))).await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.body);
    let stale = later.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "stale_devices")
        .unwrap()
        .clone();
    assert_eq!(
        (stale["state"].clone(), stale["count"].clone()),
        (json!("improve"), json!(1)),
        "the old phone"
    );
    assert!(
        later.body["activity"].as_array().unwrap().iter().all(|e| e["outcome"] != "refused"),
        "30 days only"
    );
    assert_eq!(state(&later.body, "unusual_activity"), Some(json!("good")));
}
