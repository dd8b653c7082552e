//! Support requests, the staff's side, and the assisted recovery an approval starts, through
//! the real router on a real SQLite file, with the clock moved instead of slept (SECURITY.md
//! S01, S17, S18, S22, S23, S27): staff on a shift signed in with a password and an
//! authenticator; one reviewer per request; proofs blurred unless a clear view is asked for,
//! each clear view audited; approval notifies every old contact with a cancel link and waits;
//! four eyes where the account calls for them; the single-use pass opens the ordinary
//! new-password step; files erased after the retention period.
#![allow(clippy::unwrap_used)]

mod support;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use regain_e2e::code_in;
use regain_recovery::Clock;
use serde_json::{json, Value};
use support::uploads::{photo_with_gps, Part, EMAIL, REACH};
use support::{recovery_config, set_password, Reply, TestApp, OWNER_PASSWORD, STAFF_PASSWORD};
use tower::ServiceExt;

const PHONE: &str = "+8613800138000";
const NEW_PASSWORD: &str = "copper valley nightingale 58";
const HOUR: i64 = 3600;

async fn app() -> TestApp {
    TestApp::with_config(recovery_config(), true).await
}

impl TestApp {
    /// Files a request with a photo and a device for `identifier`, and confirms its contact:
    /// (request ID, status token).
    async fn confirmed_request(&self, identifier: &str) -> (String, String) {
        let filed = self
            .file_request(
                identifier,
                vec![
                    Part::File("id_document", "passport.jpg", photo_with_gps()),
                    Part::Text("device", "490154203237518"),
                ],
            )
            .await;
        assert_eq!(filed.status, StatusCode::ACCEPTED, "{}", filed.body);
        let id = filed.body["request_id"].as_str().unwrap().to_owned();
        let token = filed.body["status_token"].as_str().unwrap().to_owned();
        let messages = self.delivered().await;
        let code = code_in(&messages.iter().find(|m| m.message.to == REACH).unwrap().message.body);
        let confirmed = self.confirm_contact(&id, &code, &token).await;
        assert_eq!(confirmed.status, StatusCode::NO_CONTENT, "{}", confirmed.body);
        (id, token)
    }

    /// A supervisor's second review of an approval.
    async fn second_review(&self, token: &str, id: &str, verdict: &str, reason: &str) -> Reply {
        self.post(
            &format!("/v1/staff/requests/{id}/second-review"),
            Some(token),
            json!({"verdict": verdict, "reason": reason}),
        )
        .await
    }

    async fn claim(&self, token: &str, id: &str) -> Reply {
        self.post(&format!("/v1/staff/requests/{id}/claim"), Some(token), json!({})).await
    }

    async fn approve(&self, token: &str, id: &str) -> Reply {
        self.post(
            &format!("/v1/staff/requests/{id}/decision"),
            Some(token),
            json!({
                "verdict": "approve",
                "reason": "proofs_match",
                "checklist": {"document_matches_name": true, "device_id_matches": true},
            }),
        )
        .await
    }

    /// A GET whose answer is not JSON: status, headers and bytes.
    async fn raw(&self, path: &str, token: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let request = Request::builder()
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.into_body().collect().await.unwrap().to_bytes().to_vec())
    }

    async fn status_of(&self, status_token: &str) -> Value {
        self.get("/v1/support/status", Some(status_token)).await.body["state"].clone()
    }

    async fn owner_events(&self, password: &str) -> Vec<Value> {
        let token = self.sign_in(password).await.body["access_token"].as_str().unwrap().to_owned();
        self.get("/v1/me/events", Some(&token)).await.body["events"].as_array().unwrap().clone()
    }
}

fn kinds(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["kind"].as_str().unwrap()).collect()
}

/// The whole path (S22, S27, S17, S18): a request with a photo, reviewed by an agent who sees
/// the proof blurred and then clear (audited), approved with the checklist; every old contact
/// told with a cancel link; nothing before the waiting period ends; then the pass to the
/// contact the person confirmed, which opens the new-password step once; the person's own
/// password; every session revoked; the owner's activity shows staff's actions but no note.
#[tokio::test]
async fn an_approved_request_ends_in_a_password_the_person_sets_after_the_waiting_period() {
    let app = app().await;
    app.owner().await;
    let old_session = app.sign_in(OWNER_PASSWORD).await.body["refresh_token"].clone();
    let (id, status_token) = app.confirmed_request(EMAIL).await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let token = app.shift(&agent).await;

    let queue = app.get("/v1/staff/queue", Some(&token)).await;
    assert_eq!(queue.body["requests"][0]["request_id"], json!(id));
    assert_eq!(queue.body["requests"][0]["state"], "open");
    assert_eq!(app.claim(&token, &id).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.status_of(&status_token).await, "in_review");

    let view = app.get(&format!("/v1/staff/requests/{id}"), Some(&token)).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.body["account"]["display_name"], "Li Wei");
    assert_eq!(view.body["device"], "imei:490154203237518");
    let shown = view.body.to_string();
    assert!(!shown.contains(REACH) && !shown.contains(EMAIL), "contacts masked: {shown}");
    assert!(!shown.to_lowercase().contains("password"), "no password anywhere: {shown}");

    let (status, headers, blurred) =
        app.raw(&format!("/v1/staff/requests/{id}/proofs/0"), &token).await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (StatusCode::OK, "image/png"));
    assert_eq!(headers["cache-control"], "no-store");
    let blurred = image::load_from_memory(&blurred).unwrap().to_rgb8();
    assert_eq!(blurred.width(), 480, "drawn back at a viewable size");
    let audited_before = app.count("staff_audit").await;
    let (status, headers, clear) =
        app.raw(&format!("/v1/staff/requests/{id}/proofs/0/clear"), &token).await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (StatusCode::OK, "image/jpeg"));
    assert!(!clear.windows(11).any(|w| w == b"GPSLatitude"), "GPS removed");
    assert_eq!(app.count("staff_audit").await, audited_before + 1, "the clear view is audited");
    let note = "Passport photo matches; the IMEI is on the receipt from March";
    let noted = app
        .post(&format!("/v1/staff/requests/{id}/notes"), Some(&token), json!({"text": note}))
        .await;
    assert_eq!(noted.status, StatusCode::NO_CONTENT);

    let decided = app.approve(&token, &id).await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    assert_eq!(decided.body["outcome"], "recovery_started");
    assert_eq!(decided.body["wait_ends_at"], json!(app.clock.now() + 72 * HOUR));
    assert_eq!(app.status_of(&status_token).await, "approved");
    for old_contact in [EMAIL, PHONE] {
        assert!(
            app.link_to(old_contact, "/support/cancel?token=").await.is_some(),
            "{old_contact} is told, with a cancel link"
        );
    }

    app.clock.advance(72 * HOUR - 60);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 0, "nothing before the wait is over");
    assert!(app.link_to(REACH, "/support/pass?pass=").await.is_none());
    app.clock.advance(60);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 1);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 0, "one pass, once");
    let pass =
        app.link_to(REACH, "/support/pass?pass=").await.expect("the pass, to the contact given");

    let redeemed = app.post("/v1/support/pass", None, json!({"pass": pass})).await;
    assert_eq!(redeemed.status, StatusCode::OK, "{}", redeemed.body);
    assert_eq!(redeemed.body["flow"]["state"], "choose_password");
    let again = app.post("/v1/support/pass", None, json!({"pass": pass})).await;
    assert_eq!(again.code(), "invalid_link", "the pass works once");
    let flow = redeemed.body["flow"]["flow_id"].as_str().unwrap();
    let reset = redeemed.body["reset_token"].as_str().unwrap();
    let set = set_password(&app, flow, reset, NEW_PASSWORD).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(app.status_of(&status_token).await, "closed");

    assert_eq!(app.sign_in(OWNER_PASSWORD).await.code(), "invalid_credentials");
    let refreshed =
        app.post("/v1/sessions/refresh", None, json!({"refresh_token": old_session})).await;
    assert_eq!(refreshed.code(), "invalid_refresh_token", "every session revoked (S17)");
    let events = app.owner_events(NEW_PASSWORD).await;
    let seen = kinds(&events);
    for kind in [
        "support_claimed",
        "support_proof_viewed",
        "support_decided",
        "assisted_recovery_started",
        "assisted_recovery_pass_sent",
        "password_reset",
    ] {
        assert!(seen.contains(&kind), "{kind} in the owner's activity: {seen:?}");
    }
    assert!(!serde_json::to_string(&events).unwrap().contains("Passport photo"), "never a note");

    let audit = app.state.staff.audit(Some(&id), 100).await.unwrap();
    let actions: Vec<&str> = audit.iter().rev().map(|a| a.record.action.as_str()).collect();
    assert_eq!(
        actions,
        ["claim", "view_request", "view_proof_blurred", "view_proof", "note", "decision"],
        "every look is audited"
    );
    assert!(audit.iter().all(|a| a.username == "mira" && !a.record.detail.contains("Passport")));
    assert!(audit[0].record.detail.contains("reason=proofs_match"));
}

/// S22: a cancel from an old contact's notice stops the recovery (no pass ever goes out), and
/// so does a sign-in with the current password.
#[tokio::test]
async fn a_cancel_from_an_old_contact_or_a_sign_in_stops_the_recovery() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let token = app.shift(&agent).await;

    let (first, first_status) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &first).await;
    assert_eq!(app.approve(&token, &first).await.body["outcome"], "recovery_started");
    let cancel = app.link_to(PHONE, "/support/cancel?token=").await.unwrap();
    let (status, html) = app.form_post("/support/cancel", format!("token={cancel}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(app.status_of(&first_status).await, "closed");
    let again = app.post("/v1/support/assisted/cancel", None, json!({"token": cancel})).await;
    assert_eq!(again.code(), "invalid_link", "a cancel link works once");
    app.clock.advance(73 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 0, "a cancelled recovery sends no pass");
    assert!(app.link_to(REACH, "/support/pass?pass=").await.is_none());

    // A new request, approved (the earlier one counts as recovery activity: four eyes now),
    // in a new shift.
    let token = app.shift(&agent).await;
    let supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let second_token = app.shift(&supervisor).await;
    let (second, second_status) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &second).await;
    assert_eq!(app.approve(&token, &second).await.body["outcome"], "awaiting_second_approval");
    let approved = app.second_review(&second_token, &second, "approve", "proofs_match").await;
    assert_eq!(approved.body["outcome"], "recovery_started", "{}", approved.body);
    let signed_in = app.sign_in(OWNER_PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::CREATED, "{}", signed_in.body);
    assert_eq!(app.status_of(&second_status).await, "closed", "the owner's sign-in cancelled it");
    app.clock.advance(73 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 0);
    let seen = app.owner_events(OWNER_PASSWORD).await;
    assert_eq!(
        kinds(&seen).iter().filter(|k| **k == "assisted_recovery_cancelled").count(),
        2,
        "both cancels are in the owner's activity"
    );

    // A third, whose pass went out: the cancel link still stops it, and the pass then opens
    // nothing.
    let token = app.shift(&agent).await;
    let second_token = app.shift(&supervisor).await;
    let (third, _) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &third).await;
    app.approve(&token, &third).await;
    app.second_review(&second_token, &third, "approve", "proofs_match").await;
    app.clock.advance(72 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 1);
    let pass = app.link_to(REACH, "/support/pass?pass=").await.unwrap();
    let cancel = app.link_to(EMAIL, "/support/cancel?token=").await.unwrap();
    let cancelled = app.post("/v1/support/assisted/cancel", None, json!({"token": cancel})).await;
    assert_eq!(cancelled.status, StatusCode::NO_CONTENT, "{}", cancelled.body);
    let used = app.post("/v1/support/pass", None, json!({"pass": pass})).await;
    assert_eq!(used.code(), "invalid_link", "a cancelled recovery's pass opens nothing");
}

/// S12, S22: an approval made while the account had no second factor ends when the owner signs
/// in with the current password, or sets up a second factor, during the wait; no pass goes out.
#[tokio::test]
async fn a_sign_in_or_a_new_second_factor_during_the_wait_ends_the_recovery() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let token = app.shift(&agent).await;
    let (id, status_token) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &id).await;
    assert_eq!(app.approve(&token, &id).await.body["outcome"], "recovery_started");

    let owner = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.status_of(&status_token).await, "closed", "the sign-in alone cancelled it");
    // Once more, with the sign-in before the approval: only the new factor can end it now.
    app.clock.advance(30);
    let token = app.shift(&agent).await;
    let (again, again_status) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &again).await;
    let decided = app.approve(&token, &again).await;
    // The first approval and its cancel are recovery activity: four eyes from now on.
    assert_eq!(decided.body["outcome"], "awaiting_second_approval", "{}", decided.body);
    let supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let olu = app.shift(&supervisor).await;
    app.second_review(&olu, &again, "approve", "proofs_match").await;
    assert_eq!(app.status_of(&again_status).await, "approved");
    app.turn_on_totp(&owner).await;
    assert_eq!(app.status_of(&again_status).await, "closed", "the new factor ended it");
    app.clock.advance(73 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 0, "no pass goes out");
}

/// Four eyes: an account with recent recovery activity needs a supervisor's second approval,
/// never the agent's own, never the first approver's; until then nothing is sent. A second
/// reviewer may also refuse.
#[tokio::test]
async fn four_eyes_need_a_second_approval_from_another_supervisor() {
    let app = app().await;
    app.owner().await;
    assert_eq!(app.start(EMAIL).await.status, StatusCode::CREATED, "recovery activity");
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let first_supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let second_supervisor = app.staff("tam", regain_protocol::StaffRole::Supervisor).await;
    let agent_token = app.shift(&agent).await;
    let olu = app.shift(&first_supervisor).await;
    let tam = app.shift(&second_supervisor).await;

    let (id, status_token) = app.confirmed_request(EMAIL).await;
    assert_eq!(app.claim(&olu, &id).await.status, StatusCode::NO_CONTENT);
    let first = app.approve(&olu, &id).await;
    assert_eq!(first.body["outcome"], "awaiting_second_approval", "{}", first.body);
    assert_eq!(app.status_of(&status_token).await, "in_review");
    assert_eq!(app.count("assisted_recoveries").await, 0, "nothing started yet");
    let by_olu = app.second_review(&olu, &id, "approve", "proofs_match").await;
    assert_eq!(by_olu.code(), "not_permitted", "never the first approver");
    let by_agent = app.second_review(&agent_token, &id, "approve", "proofs_match").await;
    assert_eq!(by_agent.code(), "not_permitted", "never an agent");
    let misfit = app.second_review(&tam, &id, "approve", "suspected_fraud").await;
    assert_eq!(misfit.code(), "invalid_field", "a reason that does not fit the verdict");
    assert_eq!(app.approve(&olu, &id).await.code(), "request_state", "no deciding twice");
    let view = app.get(&format!("/v1/staff/requests/{id}"), Some(&tam)).await;
    assert_eq!(view.body["first_approval_by"], "olu", "the second approver sees the request");
    let second = app.second_review(&tam, &id, "approve", "proofs_match").await;
    assert_eq!(second.body["outcome"], "recovery_started", "{}", second.body);
    let again = app.second_review(&tam, &id, "approve", "proofs_match").await;
    assert_eq!(again.code(), "request_state");
    let after = app.get(&format!("/v1/staff/requests/{id}"), Some(&tam)).await;
    assert_eq!(after.code(), "not_permitted", "a supervisor's look ends with the review");
    assert_eq!(app.count("assisted_recoveries").await, 1);
    let actions: Vec<String> = app
        .state
        .staff
        .audit(Some(&id), 100)
        .await
        .unwrap()
        .into_iter()
        .map(|a| format!("{}:{}", a.username, a.record.action))
        .collect();
    assert_eq!(actions, ["tam:second_approval", "tam:view_request", "olu:decision", "olu:claim"]);
}

/// Four eyes for an account with a second factor (S12, S22), with no recovery activity at all:
/// the agent's approval alone starts nothing; after a supervisor's, the pass opens the
/// new-password step, which counts as the factor's gate.
#[tokio::test]
async fn an_account_with_a_second_factor_needs_a_supervisors_second_approval() {
    let app = app().await;
    app.owner().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    app.turn_on_totp(&owner).await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let (mira, olu) = (app.shift(&agent).await, app.shift(&supervisor).await);

    let (id, status_token) = app.confirmed_request(EMAIL).await;
    app.claim(&mira, &id).await;
    let first = app.approve(&mira, &id).await;
    assert_eq!(first.body["outcome"], "awaiting_second_approval", "{}", first.body);
    assert_eq!(app.count("assisted_recoveries").await, 0, "one approval starts nothing");
    assert_eq!(app.status_of(&status_token).await, "in_review");
    let second = app.second_review(&olu, &id, "approve", "proofs_match").await;
    assert_eq!(second.body["outcome"], "recovery_started", "{}", second.body);

    app.clock.advance(72 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 1);
    let pass = app.link_to(REACH, "/support/pass?pass=").await.unwrap();
    let redeemed = app.post("/v1/support/pass", None, json!({"pass": pass})).await;
    assert_eq!(redeemed.body["flow"]["state"], "choose_password", "{}", redeemed.body);
    let flow = redeemed.body["flow"]["flow_id"].as_str().unwrap();
    let reset = redeemed.body["reset_token"].as_str().unwrap();
    let set = set_password(&app, flow, reset, NEW_PASSWORD).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
}

/// S28: the pass works for its day and no longer: one used a second before its day is out opens
/// the new-password step; one unused for its day opens nothing, through the API as on its page.
#[tokio::test]
async fn a_pass_works_for_its_day_and_no_longer() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let token = app.shift(&agent).await;
    let (id, _) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &id).await;
    assert_eq!(app.approve(&token, &id).await.body["outcome"], "recovery_started");
    app.clock.advance(72 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 1);
    let pass = app.link_to(REACH, "/support/pass?pass=").await.unwrap();
    app.clock.advance(24 * HOUR - 1);
    let used = app.post("/v1/support/pass", None, json!({"pass": pass})).await;
    assert_eq!(used.body["flow"]["state"], "choose_password", "{}", used.body);

    // A second request (four eyes now: the first is recent recovery activity), whose pass lies
    // unused for a day.
    let (token, olu) = (app.shift(&agent).await, app.shift(&supervisor).await);
    let (id, _) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &id).await;
    app.approve(&token, &id).await;
    let second = app.second_review(&olu, &id, "approve", "proofs_match").await;
    assert_eq!(second.body["outcome"], "recovery_started", "{}", second.body);
    app.clock.advance(72 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 1);
    let pass = app.link_to(REACH, "/support/pass?pass=").await.unwrap();
    let flows_before = app.count("recovery_flows").await;

    app.clock.advance(24 * HOUR);
    let lapsed = app.post("/v1/support/pass", None, json!({"pass": pass})).await;
    assert_eq!(lapsed.code(), "invalid_link", "{}", lapsed.body);
    let (status, page) = app.form_post("/support/pass", format!("pass={pass}")).await;
    assert!(status.is_client_error(), "the page opens nothing either: {status} {page}");
    assert!(!page.contains("<form"), "no new-password form: {page}");
    assert_eq!(app.count("recovery_flows").await, flows_before, "the lapsed pass opened no flow");
}

/// The staff API's gate: both factors at sign-in, one reviewer per request, a shift that ends
/// after 15 idle minutes or 8 hours, and no mixing of account and staff tokens.
#[tokio::test]
async fn staff_endpoints_refuse_without_totp_after_the_shift_and_a_second_claim() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let other = app.staff("ravi", regain_protocol::StaffRole::Agent).await;
    let sign_in = |body: Value| app.post("/v1/staff/sessions", None, body);

    let no_totp = sign_in(json!({"username": "mira", "password": STAFF_PASSWORD})).await;
    assert_eq!(
        (no_totp.status, no_totp.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    let wrong_totp =
        sign_in(json!({"username": "mira", "password": STAFF_PASSWORD, "totp": "000000"})).await;
    assert_eq!(wrong_totp.code(), "invalid_credentials");
    let code = agent.authenticator.code(app.clock.now());
    let wrong_password =
        sign_in(json!({"username": "mira", "password": "not the one", "totp": code})).await;
    assert_eq!(wrong_password.code(), "invalid_credentials");
    let token = app.shift(&agent).await;
    let replayed =
        sign_in(json!({"username": "mira", "password": STAFF_PASSWORD, "totp": code})).await;
    assert_eq!(replayed.code(), "invalid_credentials", "an authenticator's code works once");

    let (id, _) = app.confirmed_request(EMAIL).await;
    let other_token = app.shift(&other).await;
    assert_eq!(app.claim(&token, &id).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.claim(&other_token, &id).await.code(), "already_claimed");
    let peek = app.get(&format!("/v1/staff/requests/{id}"), Some(&other_token)).await;
    assert_eq!(peek.code(), "not_permitted", "only the reviewer sees the request");
    assert_eq!(app.approve(&other_token, &id).await.code(), "not_permitted");

    let owner = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.get("/v1/staff/queue", Some(&owner)).await.code(), "unauthenticated");
    assert_eq!(app.get("/v1/me", Some(&token)).await.code(), "unauthenticated");

    // Idle: a request within 15 minutes keeps the session; 15 minutes without one end it.
    let queue = |token: String| {
        let app = &app;
        async move { app.get("/v1/staff/queue", Some(&token)).await }
    };
    app.clock.advance(15 * 60 - 1);
    assert_eq!(queue(other_token.clone()).await.status, StatusCode::OK, "14:59 idle");
    app.clock.advance(15 * 60);
    assert_eq!(queue(other_token.clone()).await.code(), "unauthenticated", "15:00 idle");
    // In use: it lasts the shift, 8 hours to the second, and no longer.
    app.clock.advance(30);
    let kept = app.shift(&other).await;
    for _ in 0..47 {
        app.clock.advance(10 * 60);
        assert_eq!(queue(kept.clone()).await.status, StatusCode::OK);
    }
    app.clock.advance(10 * 60 - 1);
    assert_eq!(queue(kept.clone()).await.status, StatusCode::OK, "7:59:59 into the shift");
    app.clock.advance(1);
    assert_eq!(queue(kept.clone()).await.code(), "unauthenticated", "8:00:00: the shift is over");
    let out = app.shift(&agent).await;
    let signed_out = app.call(Method::DELETE, "/v1/staff/sessions/current", Some(&out), None).await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/v1/staff/queue", Some(&out)).await.code(), "unauthenticated");
}

/// S22: no schema that a staff route takes or answers has a password field, but for the
/// member of staff's own sign-in.
#[tokio::test]
async fn the_staff_api_schema_has_no_password_field_but_the_members_own_sign_in() {
    let app = app().await;
    let spec = app.get("/openapi.json", None).await.body;
    let staff_paths: Vec<(&String, &Value)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, _)| path.starts_with("/v1/staff"))
        .collect();
    assert!(staff_paths.len() >= 10, "every staff route is in the spec");
    let mut seen = std::collections::BTreeSet::new();
    let mut refs: Vec<String> = Vec::new();
    for (path, item) in &staff_paths {
        let text = item.to_string();
        for piece in text.split("#/components/schemas/").skip(1) {
            refs.push(piece.split('"').next().unwrap().to_owned());
        }
        assert!(!text.to_lowercase().contains("password") || *path == "/v1/staff/sessions");
    }
    let mut password_fields = Vec::new();
    while let Some(name) = refs.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let schema = &spec["components"]["schemas"][&name];
        assert!(!schema.is_null(), "{name} is in the spec");
        if let Some(properties) = schema["properties"].as_object() {
            for field in properties.keys().filter(|k| k.to_lowercase().contains("password")) {
                password_fields.push(format!("{name}.{field}"));
            }
        }
        for piece in schema.to_string().split("#/components/schemas/").skip(1) {
            refs.push(piece.split('"').next().unwrap().to_owned());
        }
    }
    assert!(seen.contains("StaffRequestView") && seen.contains("DecisionRequest"));
    assert_eq!(password_fields, ["StaffSignInRequest.password"], "the member's own, and no other");
}

/// S01: a request for an identifier that names no account is reviewed like any other and
/// closed without effect: nobody is told, nothing starts.
#[tokio::test]
async fn an_unknown_identifiers_request_is_closed_without_effect() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let token = app.shift(&agent).await;
    let (id, status_token) = app.confirmed_request("nobody@example.com").await;
    assert_eq!(app.claim(&token, &id).await.status, StatusCode::NO_CONTENT);
    let view = app.get(&format!("/v1/staff/requests/{id}"), Some(&token)).await;
    assert!(view.body["account"].is_null(), "{}", view.body);
    let messages = app.delivered().await.len();
    let decided = app.approve(&token, &id).await;
    assert_eq!(decided.body["outcome"], "closed_without_effect", "{}", decided.body);
    assert_eq!(app.status_of(&status_token).await, "closed");
    assert_eq!(app.count("assisted_recoveries").await, 0);
    assert_eq!(app.delivered().await.len(), messages, "nobody is told anything");
}

/// S27: a decided request's files are erased once the retention period (30 days) is over, on
/// the clock; the request and its audit stay.
#[tokio::test]
async fn retention_erases_the_files_of_a_decided_request_on_the_clock() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let token = app.shift(&agent).await;
    let (id, status_token) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &id).await;
    let denied = app
        .post(
            &format!("/v1/staff/requests/{id}/decision"),
            Some(&token),
            json!({"verdict": "deny", "reason": "proofs_insufficient"}),
        )
        .await;
    assert_eq!(denied.body["outcome"], "denied", "{}", denied.body);
    let wrong_reason = app
        .post(
            &format!("/v1/staff/requests/{id}/decision"),
            Some(&token),
            json!({"verdict": "approve", "reason": "suspected_fraud"}),
        )
        .await;
    assert_eq!(wrong_reason.code(), "invalid_field", "a reason that does not fit the verdict");
    let too_little = app
        .post(
            &format!("/v1/staff/requests/{id}/decision"),
            Some(&token),
            json!({"verdict": "approve", "reason": "proofs_match",
                   "checklist": {"document_matches_name": true}}),
        )
        .await;
    assert_eq!(too_little.code(), "invalid_field", "the document alone is not enough");
    let kept = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM support_proofs WHERE sealed IS NOT NULL")
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    app.clock.advance(30 * 24 * HOUR - 60);
    assert_eq!(app.state.staff.tick().await.unwrap().1, 0);
    assert_eq!(kept().await, 1, "kept during the retention period");
    app.clock.advance(60);
    assert_eq!(app.state.staff.tick().await.unwrap().1, 1);
    assert_eq!(kept().await, 0, "erased after it");
    let key: Option<Vec<u8>> = sqlx::query_scalar("SELECT key_sealed FROM support_requests")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(key.is_none(), "the request's key is gone too");
    let status = app.get("/v1/support/status", Some(&status_token)).await;
    assert_eq!(
        (status.body["state"].clone(), status.body["proofs"].clone()),
        (json!("denied"), json!([]))
    );
    assert_eq!(app.state.staff.audit(Some(&id), 10).await.unwrap().len(), 2, "the audit stays");
}

/// Four eyes can say no: a supervisor refuses what an agent approved; the request is denied,
/// nothing starts, and the owner's activity shows the refusal.
#[tokio::test]
async fn a_supervisor_may_refuse_what_an_agent_approved() {
    let app = app().await;
    app.owner().await;
    assert_eq!(app.start(EMAIL).await.status, StatusCode::CREATED, "recovery activity");
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let mira = app.shift(&agent).await;
    let olu = app.shift(&supervisor).await;
    let (id, status_token) = app.confirmed_request(EMAIL).await;
    app.claim(&mira, &id).await;
    assert_eq!(app.approve(&mira, &id).await.body["outcome"], "awaiting_second_approval");
    let refused = app.second_review(&olu, &id, "deny", "suspected_fraud").await;
    assert_eq!(refused.body["outcome"], "denied", "{}", refused.body);
    assert_eq!(app.status_of(&status_token).await, "denied");
    assert_eq!(app.count("assisted_recoveries").await, 0);
    let events = app.owner_events(OWNER_PASSWORD).await;
    assert!(events.iter().any(|e| e["kind"] == "support_decided" && e["outcome"] == "refused"));
    let audit = app.state.staff.audit(Some(&id), 10).await.unwrap();
    assert_eq!(audit[0].record.action, "second_refusal");
    assert_eq!(audit[0].record.detail, "verdict=deny reason=suspected_fraud");
}

/// S17, S22: the owner resetting the password the ordinary way during the wait ends the
/// assisted recovery with every other recovery of the account; no pass goes out.
#[tokio::test]
async fn an_ordinary_reset_during_the_wait_ends_the_recovery() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let token = app.shift(&agent).await;
    let (id, status_token) = app.confirmed_request(EMAIL).await;
    app.claim(&token, &id).await;
    assert_eq!(app.approve(&token, &id).await.body["outcome"], "recovery_started");
    let (flow, reset) = support::pass_by_code(&app, EMAIL, "email", EMAIL).await;
    assert_eq!(set_password(&app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
    assert_eq!(app.status_of(&status_token).await, "closed");
    app.clock.advance(73 * HOUR);
    assert_eq!(app.state.staff.tick().await.unwrap().0, 0, "no pass goes out");
}

/// What staff saw in person is recorded only from a staffed station (S22: the server decides
/// what staff may do). A shift signed in without a station's key cannot tick "ID seen in
/// person" nor give "verified in person" as a reason, at the first review or the second; a
/// key that is no station's in service is refused like a wrong password; a shift at a
/// registered station may, and its audit names the station; retiring the station ends it.
#[tokio::test]
async fn only_a_shift_at_a_registered_station_records_an_id_seen_in_person() {
    let app = app().await;
    app.owner().await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let desk = app.shift(&agent).await;
    let (id, _) = app.confirmed_request(EMAIL).await;
    assert_eq!(app.claim(&desk, &id).await.status, StatusCode::NO_CONTENT);
    let decide = |token: String, reason: &'static str, checklist: Value| {
        let path = format!("/v1/staff/requests/{id}/decision");
        let app = &app;
        async move {
            app.post(
                &path,
                Some(&token),
                json!({"verdict": "approve", "reason": reason, "checklist": checklist}),
            )
            .await
        }
    };
    let in_person = json!({"document_matches_name": true, "id_seen_in_person": true});
    let ticked = decide(desk.clone(), "proofs_match", in_person.clone()).await;
    assert_eq!(ticked.code(), "invalid_field", "{}", ticked.body);
    assert_eq!(ticked.body["fields"], json!({"checklist": ["station_only"]}));
    let both = json!({"document_matches_name": true, "device_id_matches": true});
    let reason = decide(desk.clone(), "verified_in_person", both).await;
    assert_eq!(reason.body["fields"], json!({"reason": ["station_only"]}), "{}", reason.body);

    let station = app.state.staff.register_station("harbour-st-01").await.unwrap();
    assert!(station.key.expose().starts_with("rgs_"), "a key of its own kind");
    let taken = app.state.staff.register_station("harbour-st-01").await;
    assert!(matches!(taken, Err(regain_recovery::Error::InvalidField { reason: "taken", .. })));
    app.clock.advance(30);
    let forged = app.sign_in_at(&agent, "rgs_forged").await;
    assert_eq!(forged.code(), "invalid_credentials", "a key that is no station's");
    app.clock.advance(30);
    let signed_in = app.sign_in_at(&agent, station.key.expose()).await;
    assert_eq!(signed_in.status, StatusCode::CREATED, "{}", signed_in.body);
    assert_eq!(signed_in.body["station"], "harbour-st-01");
    let at_station = signed_in.body["token"].as_str().unwrap().to_owned();
    let approved = decide(at_station.clone(), "verified_in_person", in_person).await;
    assert_eq!(approved.body["outcome"], "recovery_started", "{}", approved.body);
    let decision = app
        .state
        .staff
        .audit(Some(&id), 10)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.record.action == "decision")
        .unwrap();
    assert_eq!(
        decision.record.detail,
        "verdict=approve reason=verified_in_person \
         checklist=document_matches_name,id_seen_in_person station=harbour-st-01"
    );

    app.state.staff.retire_station("harbour-st-01").await.unwrap();
    let queue = app.get("/v1/staff/queue", Some(&at_station)).await;
    assert_eq!(queue.status, StatusCode::UNAUTHORIZED, "a retired station's shift is over");
    assert_eq!(app.get("/v1/staff/queue", Some(&desk)).await.status, StatusCode::OK);
    app.clock.advance(30);
    let again = app.sign_in_at(&agent, station.key.expose()).await;
    assert_eq!(again.code(), "invalid_credentials", "a retired station's key");
}

/// A supervisor's second review may say "verified in person" only from a station too.
#[tokio::test]
async fn a_second_review_verified_in_person_needs_a_station() {
    let app = app().await;
    app.owner().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    app.turn_on_totp(&owner).await;
    let agent = app.staff("mira", regain_protocol::StaffRole::Agent).await;
    let supervisor = app.staff("olu", regain_protocol::StaffRole::Supervisor).await;
    let agent_token = app.shift(&agent).await;
    let desk = app.shift(&supervisor).await;
    let (id, _) = app.confirmed_request(EMAIL).await;
    assert_eq!(app.claim(&agent_token, &id).await.status, StatusCode::NO_CONTENT);
    let first = app.approve(&agent_token, &id).await;
    assert_eq!(first.body["outcome"], "awaiting_second_approval", "{}", first.body);
    let refused = app.second_review(&desk, &id, "approve", "verified_in_person").await;
    assert_eq!(refused.body["fields"], json!({"reason": ["station_only"]}), "{}", refused.body);
    let station = app.state.staff.register_station("harbour-st-02").await.unwrap();
    app.clock.advance(30);
    let signed_in = app.sign_in_at(&supervisor, station.key.expose()).await;
    let at_station = signed_in.body["token"].as_str().unwrap();
    let second = app.second_review(at_station, &id, "approve", "verified_in_person").await;
    assert_eq!(second.body["outcome"], "recovery_started", "{}", second.body);
}
