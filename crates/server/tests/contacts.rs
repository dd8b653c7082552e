//! Contacts kept current, through the real router on a real SQLite file (SECURITY.md S18,
//! S19, S20): a new email or phone is a claim until its code comes back and only then counts;
//! the old contact is told, with "this wasn't me"; changes need a recent sign-in; the last
//! confirmed contact of an account without a second factor stays.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::{Method, StatusCode};
use regain_e2e::authenticator::Authenticator;
use regain_recovery::Clock as _;
use serde_json::json;
use support::{code_to, flow_id, recovery_config, TestApp, OWNER_PASSWORD};

const EMAIL: &str = "li.wei@example.com";
const PHONE: &str = "+8613800138000";
const NEW_EMAIL: &str = "wei.li@example.org";

async fn app() -> TestApp {
    TestApp::with_config(recovery_config(), true).await
}

async fn signed_in(app: &TestApp) -> String {
    let reply = app.sign_in(OWNER_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["access_token"].as_str().unwrap().to_owned()
}

/// The account a recovery flow belongs to, as stored (`None` for a decoy).
async fn flow_account(app: &TestApp, flow: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT account_id FROM recovery_flows WHERE id = $1")
        .bind(flow)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// S18, S19: the new email waits beside the old one, which alone counts (for recovery too)
/// until the code comes back; then it replaces it, and the old email and the phone are told.
#[tokio::test]
async fn a_new_email_counts_for_nothing_until_its_code_and_then_replaces_the_old_one() {
    let app = app().await;
    let id = app.owner().await;
    let token = signed_in(&app).await;
    let added = app
        .post("/v1/me/contacts", Some(&token), json!({"channel": "email", "value": NEW_EMAIL}))
        .await;
    assert_eq!(added.status, StatusCode::ACCEPTED, "{}", added.body);
    assert_eq!(
        added.body["email"],
        json!({"masked": "l•••@example.com", "confirmed": true, "pending": "w•••@example.org"})
    );
    // Until confirmed, the new address names no account in recovery and the old one does.
    let by_new = app.start(NEW_EMAIL).await;
    assert_eq!(flow_account(&app, &flow_id(&by_new)).await, None, "a decoy");
    let by_old = app.start(EMAIL).await;
    assert_eq!(flow_account(&app, &flow_id(&by_old)).await, Some(i64::try_from(id).unwrap()));

    let code = code_to(&app, NEW_EMAIL).await;
    let confirmed = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": code}))
        .await;
    assert_eq!(confirmed.status, StatusCode::NO_CONTENT, "{}", confirmed.body);
    let me = app.get("/v1/me", Some(&token)).await;
    assert_eq!(me.body["email"], json!({"masked": "w•••@example.org", "confirmed": true}));

    let delivered = app.delivered().await;
    for to in [EMAIL, PHONE] {
        let notice = delivered
            .iter()
            .find(|m| m.message.to == to && m.message.body.contains("new email address"))
            .unwrap_or_else(|| panic!("{to} is told"));
        assert!(notice.message.body.contains("/recover/not-me?token="), "with \"this wasn't me\"");
        assert!(!notice.message.body.contains(NEW_EMAIL), "the notice never names the new one");
    }
    assert!(
        !delivered.iter().any(|m| m.message.to == NEW_EMAIL && m.message.body.contains("not-me")),
        "the new address is not asked whether it was the owner"
    );
    let by_new = app.start(NEW_EMAIL).await;
    assert_eq!(flow_account(&app, &flow_id(&by_new)).await, Some(i64::try_from(id).unwrap()));
    let by_old = app.start(EMAIL).await;
    assert_eq!(flow_account(&app, &flow_id(&by_old)).await, None, "the old address is let go");
    let events = app.get("/v1/me/events", Some(&token)).await;
    let kinds: Vec<&str> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"email_changed"), "{kinds:?}");
}

/// S19: a phone number added but not confirmed is never offered for recovery, nor does it
/// name the account.
#[tokio::test]
async fn an_unconfirmed_phone_is_not_offered_for_recovery() {
    let app = app().await;
    let input = regain_recovery::NewAccountInput {
        display_name: "Ana Souza".into(),
        email: Some(regain_recovery::Email::parse("ana@example.com").unwrap()),
        phone: None,
        birthday: None,
        password: regain_recovery::Secret::new(OWNER_PASSWORD.into()),
        locale: None,
    };
    app.state.accounts.create(input, true).await.unwrap();
    let reply = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "ana@example.com", "password": OWNER_PASSWORD}),
        )
        .await;
    let token = reply.body["access_token"].as_str().unwrap().to_owned();
    let added = app
        .post(
            "/v1/me/contacts",
            Some(&token),
            json!({"channel": "phone", "value": "+1 201 555 0123"}),
        )
        .await;
    assert_eq!(added.status, StatusCode::ACCEPTED, "{}", added.body);
    assert_eq!(added.body["phone"]["confirmed"], false);
    let start = app.start("ana@example.com").await;
    let methods: Vec<&str> = start.body["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["email"], "no SMS to an unconfirmed number");
    let by_phone = app.start("+12015550123").await;
    assert_eq!(flow_account(&app, &flow_id(&by_phone)).await, None);
}

/// S19: adding and removing a contact need a sign-in (or a confirmed password) within ten
/// minutes; nothing changes otherwise.
#[tokio::test]
async fn contact_changes_need_a_recent_sign_in() {
    let app = app().await;
    app.owner().await;
    let token = signed_in(&app).await;
    app.clock.advance(11 * 60);
    let add = app
        .post("/v1/me/contacts", Some(&token), json!({"channel": "email", "value": NEW_EMAIL}))
        .await;
    assert_eq!((add.status, add.code()), (StatusCode::FORBIDDEN, "reauthentication_required"));
    let remove = app.call(Method::DELETE, "/v1/me/contacts/phone", Some(&token), None).await;
    assert_eq!(remove.code(), "reauthentication_required");
    assert_eq!(app.get("/v1/me", Some(&token)).await.body["phone"]["confirmed"], true);
    let confirmed =
        app.post("/v1/me/reauthenticate", Some(&token), json!({"password": OWNER_PASSWORD})).await;
    assert_eq!(confirmed.status, StatusCode::NO_CONTENT);
    let remove = app.call(Method::DELETE, "/v1/me/contacts/phone", Some(&token), None).await;
    assert_eq!(remove.status, StatusCode::NO_CONTENT, "{}", remove.body);
}

/// S18: removing the phone is told to both contacts; the last confirmed contact stays while
/// the account has no second factor, and may go once it has one.
#[tokio::test]
async fn the_last_confirmed_contact_stays_unless_a_second_factor_backs_it() {
    let app = app().await;
    app.owner().await;
    let token = signed_in(&app).await;
    let removed = app.call(Method::DELETE, "/v1/me/contacts/phone", Some(&token), None).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    let delivered = app.delivered().await;
    for to in [EMAIL, PHONE] {
        assert!(
            delivered
                .iter()
                .any(|m| m.message.to == to && m.message.body.contains("was just removed")),
            "{to} is told"
        );
    }
    let last = app.call(Method::DELETE, "/v1/me/contacts/email", Some(&token), None).await;
    assert_eq!((last.status, last.code()), (StatusCode::CONFLICT, "last_contact"));
    let gone = app.call(Method::DELETE, "/v1/me/contacts/phone", Some(&token), None).await;
    assert_eq!(gone.code(), "nothing_to_confirm", "no phone left");

    let setup = app.post("/v1/me/totp", Some(&token), json!({})).await;
    let authenticator = Authenticator::from_text(setup.body["secret"].as_str().unwrap());
    let code = authenticator.code(app.clock.now());
    app.post("/v1/me/totp/confirm", Some(&token), json!({"code": code})).await;
    let last = app.call(Method::DELETE, "/v1/me/contacts/email", Some(&token), None).await;
    assert_eq!(last.status, StatusCode::NO_CONTENT, "with a second factor: {}", last.body);
    let events = app.get("/v1/me/events", Some(&token)).await;
    let kinds: Vec<&str> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"email_removed") && kinds.contains(&"phone_removed"), "{kinds:?}");
}

/// S01, S20: adding another account's confirmed email answers alike and sends that owner a
/// notice instead of a code, so the claim can never be confirmed; an unchanged value is refused.
#[tokio::test]
async fn someone_elses_email_gets_its_owner_a_notice_and_never_a_code() {
    let app = app().await;
    app.owner().await;
    let other = regain_recovery::NewAccountInput {
        display_name: "Ana Souza".into(),
        email: Some(regain_recovery::Email::parse("ana@example.com").unwrap()),
        phone: None,
        birthday: None,
        password: regain_recovery::Secret::new(OWNER_PASSWORD.into()),
        locale: None,
    };
    app.state.accounts.create(other, true).await.unwrap();
    let token = signed_in(&app).await;
    let taken = app
        .post(
            "/v1/me/contacts",
            Some(&token),
            json!({"channel": "email", "value": "ana@example.com"}),
        )
        .await;
    assert_eq!(taken.status, StatusCode::ACCEPTED, "the same answer: {}", taken.body);
    let delivered = app.delivered().await;
    let to_ana = delivered.iter().find(|m| m.message.to == "ana@example.com").unwrap();
    assert!(!to_ana.message.body.chars().any(|c| c.is_ascii_digit()), "a notice, not a code");
    let guess = app
        .post(
            "/v1/me/contacts/confirm",
            Some(&token),
            json!({"channel": "email", "code": "000000"}),
        )
        .await;
    assert_eq!(guess.code(), "invalid_code");
    let same = app
        .post("/v1/me/contacts", Some(&token), json!({"channel": "email", "value": EMAIL}))
        .await;
    assert_eq!(same.body["fields"]["value"], json!(["unchanged"]));
    let bad =
        app.post("/v1/me/contacts", Some(&token), json!({"channel": "phone", "value": "12"})).await;
    assert_eq!(bad.code(), "invalid_phone");
}

/// S18: "this wasn't me" on the notice of a new email puts the old one back and lets the new
/// one go; a new contact still waiting for its code can be dropped without touching the old.
#[tokio::test]
async fn this_wasnt_me_puts_back_a_replaced_email_and_a_waiting_one_can_be_dropped() {
    let app = app().await;
    app.owner().await;
    let token = signed_in(&app).await;
    app.post("/v1/me/contacts", Some(&token), json!({"channel": "email", "value": NEW_EMAIL}))
        .await;
    let code = code_to(&app, NEW_EMAIL).await;
    app.post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": code}))
        .await;
    assert_eq!(app.report_not_me(PHONE).await, StatusCode::OK);
    let by_old = app.start(EMAIL).await;
    assert!(flow_account(&app, &flow_id(&by_old)).await.is_some(), "the old email names it again");
    let by_new = app.start(NEW_EMAIL).await;
    assert_eq!(flow_account(&app, &flow_id(&by_new)).await, None, "the stranger's is gone");

    let token = signed_in(&app).await;
    app.post(
        "/v1/me/contacts",
        Some(&token),
        json!({"channel": "phone", "value": "+1 201 555 0188"}),
    )
    .await;
    let dropped =
        app.call(Method::DELETE, "/v1/me/contacts/phone/pending", Some(&token), None).await;
    assert_eq!(dropped.status, StatusCode::NO_CONTENT, "{}", dropped.body);
    let me = app.get("/v1/me", Some(&token)).await;
    assert_eq!(me.body["phone"], json!({"masked": "+86 ••• •••• 00", "confirmed": true}));
    let again = app.call(Method::DELETE, "/v1/me/contacts/phone/pending", Some(&token), None).await;
    assert_eq!(again.code(), "nothing_to_confirm");
}
