//! The recovery protocol through the real router on a real SQLite file, with the clock moved
//! by the test: one test per rule of SECURITY.md it touches.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use regain_e2e::shape;
use serde_json::{json, Value};
use support::{
    code_to, flow_id, pass_by_code, recovery_config, set_password, TestApp, NEW_PASSWORD,
    OWNER_PASSWORD,
};

async fn app() -> TestApp {
    TestApp::with_config(recovery_config(), true).await
}

#[tokio::test]
async fn recovery_by_sms_resets_revokes_and_notifies() {
    let app = app().await;
    let id = app.owner().await;
    let first = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let second =
        app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();

    let started = app.start("+86 138 0013 8000").await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    assert_eq!(started.body["state"], "choose_method");
    assert_eq!(
        started.body["methods"],
        json!([{"method": "email", "destination": "l•••@example.com"}, {"method": "sms", "destination": "+86 ••• •••• 00"}])
    );
    let flow = flow_id(&started);
    let sent = app.challenge(&flow, "sms").await;
    assert_eq!(sent.body["state"], "enter_code");
    assert_eq!(sent.body["challenge"]["attempts_left"], 5);
    assert_eq!(sent.body["challenge"]["resend_at"], support::START + 60);
    let code = code_to(&app, "+8613800138000").await;
    let verified = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(verified.body["flow"]["state"], "choose_password");
    let reset = verified.body["reset_token"].as_str().unwrap();

    let done = set_password(&app, &flow, reset, NEW_PASSWORD).await;
    assert_eq!((done.status, done.body["state"].as_str()), (StatusCode::OK, Some("complete")));

    // S17: every session of the account ended; S11/S15: the old password no longer works.
    for token in [&first, &second] {
        assert_eq!(app.get("/v1/me", Some(token)).await.code(), "unauthenticated");
    }
    assert_eq!(app.sign_in(OWNER_PASSWORD).await.code(), "invalid_credentials");
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);

    // S18: a notice to every confirmed contact, with a "this wasn't me" link.
    let messages = app.delivered().await;
    let notices: Vec<_> =
        messages.iter().filter(|m| m.message.body.contains("/recover/not-me?token=")).collect();
    assert_eq!(notices.len(), 2);
    assert!(notices.iter().any(|m| m.message.to == "li.wei@example.com"));
    assert!(notices.iter().any(|m| m.message.to == "+8613800138000"));

    // S23: every step wrote an event; none holds a secret.
    let events: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, outcome FROM security_events WHERE account_id = $1 ORDER BY id",
    )
    .bind(i64::try_from(id).unwrap())
    .fetch_all(&app.db)
    .await
    .unwrap();
    let steps: Vec<(&str, &str)> = events.iter().map(|(k, o)| (k.as_str(), o.as_str())).collect();
    assert_eq!(
        steps,
        [
            // The two devices signing in before, then the reset, then the old password
            // refused and the new one signed in.
            ("sign_in", "ok"),
            ("sign_in", "ok"),
            ("recovery_started", "ok"),
            ("code_sent", "ok"),
            ("proof", "ok"),
            ("password_reset", "ok"),
            ("sign_in", "refused"),
            ("sign_in", "ok"),
        ]
    );
    let dump: Vec<(Option<String>, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT flow_id, ip, user_agent FROM security_events")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let text = format!("{dump:?} {events:?}");
    for secret in [code.as_str(), reset, NEW_PASSWORD, "13800138000", "li.wei@"] {
        assert!(!text.contains(secret));
    }

    // The "this wasn't me" link signs everything out again.
    let new_session =
        app.sign_in(NEW_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let notice = &notices[0].message.body;
    let report = support::token_after(notice, "/recover/not-me?token=").unwrap();
    let (status, _, _) = page(&app, form("/recover/not-me", &format!("token={report}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.get("/v1/me", Some(&new_session)).await.code(), "unauthenticated");
    let (again, _, _) = page(&app, form("/recover/not-me", &format!("token={report}"))).await;
    assert_eq!(again, StatusCode::BAD_REQUEST, "the link works once");
}

fn form(path: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

async fn page(
    app: &TestApp,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

/// S10: the link points at the configured origin whatever the Host header; GETs do not consume
/// it; only a POST does, once; the page sends no referrer. (Local mode answers only loopback
/// hosts, so the Host here is another loopback name than the origin's.)
#[tokio::test]
async fn the_email_link_is_canonical_survives_scanners_and_works_once() {
    let app = app().await;
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/v1/recovery/flows/{flow}/challenge"))
        .header("host", "localhost:1")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"method":"email"}"#))
        .unwrap();
    assert_eq!(app.request(request).await.status, StatusCode::OK);
    let body = app.delivered().await[0].message.body.clone();
    let link = body.lines().find(|l| l.contains("/recover/link?")).unwrap().trim().to_owned();
    assert!(link.starts_with("https://regain.example/recover/link?flow="), "{link}");
    let query = link.split_once('?').unwrap().1.to_owned();

    for _ in 0..2 {
        let get = Request::builder()
            .uri(format!("/recover/link?{query}"))
            .header("host", "localhost:1")
            .body(Body::empty())
            .unwrap();
        let (status, headers, html) = page(&app, get).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert!(html.contains("regain://recover?flow="));
    }
    let (status, _, html) = page(&app, form("/recover/link", &query)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("name=\"reset_token\""));
    let (again, _, _) = page(&app, form("/recover/link", &query)).await;
    assert_eq!(again, StatusCode::CONFLICT, "the link works once");

    // The browser path finishes the reset too.
    let reset =
        html.split("name=\"reset_token\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let (status, _, html) = page(
        &app,
        form(
            "/recover/password",
            &format!("flow={flow}&reset_token={reset}&new_password=quiet+tangerine+orbit+saddle"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn recovery_by_email_code() {
    let app = app().await;
    app.owner().await;
    let (flow, reset) =
        pass_by_code(&app, "li.wei@example.com", "email", "li.wei@example.com").await;
    assert_eq!(set_password(&app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
}

/// S02: an answer about an identifier (a start, a flow's state, HEAD included, a sign-in) is
/// held until the timing floor has passed since the request arrived, for an account and for no
/// account alike. (A lower bound the timer guarantees, not a speed: what the floor hides is
/// measured by `scripts/measure-enumeration`.)
#[tokio::test]
async fn answers_about_an_identifier_wait_for_the_timing_floor() {
    let mut config = recovery_config();
    config.server.timing_floor_ms = 400;
    config.server.password_timing_floor_ms = 700;
    let app = TestApp::with_config(config, true).await;
    app.owner().await;
    let floor = std::time::Duration::from_millis(400);
    for identifier in ["li.wei@example.com", "nobody@example.com"] {
        let captcha = app.captcha().await;
        let arrived = std::time::Instant::now();
        let started = app
            .post("/v1/recovery/flows", None, json!({"identifier": identifier, "captcha": captcha}))
            .await;
        assert!(arrived.elapsed() >= floor, "{identifier}: answered before the floor");
        assert_eq!(started.status, StatusCode::CREATED);
        let flow = flow_id(&started);
        let head = Request::builder()
            .method(Method::HEAD)
            .uri(format!("/v1/recovery/flows/{flow}"))
            .body(Body::empty())
            .unwrap();
        let arrived = std::time::Instant::now();
        assert_eq!(app.request(head).await.status, StatusCode::OK);
        assert!(arrived.elapsed() >= floor, "{identifier}: a HEAD answered before the floor");
    }
    let arrived = std::time::Instant::now();
    assert_eq!(app.sign_in("not the password").await.code(), "invalid_credentials");
    assert!(arrived.elapsed() >= std::time::Duration::from_millis(700), "the password floor");
}

/// S01, S03: the same answer for an account and for no account, for every kind of identifier;
/// a decoy's masks are stable.
#[tokio::test]
async fn unknown_identifiers_get_decoys_that_answer_alike() {
    let app = app().await;
    let id = app.owner().await;
    let pairs = [
        ("li.wei@example.com".to_owned(), "nobody.here@example.com".to_owned()),
        ("+8613800138000".to_owned(), "+8613900139000".to_owned()),
        (id.to_string(), "9999999999".to_owned()),
    ];
    for (real, unknown) in &pairs {
        let a = app.start(real).await;
        let b = app.start(unknown).await;
        assert_eq!(a.status, b.status);
        let names = |h: &axum::http::HeaderMap| {
            let mut names: Vec<String> = h.keys().map(|k| k.to_string()).collect();
            names.sort();
            names
        };
        assert_eq!(names(&a.headers), names(&b.headers));
        for name in ["content-type", "cache-control"] {
            assert_eq!(a.headers[name], b.headers[name]);
        }
        assert_eq!(shape(&a.body), shape(&b.body), "{real} vs {unknown}");
        assert_eq!(b.body["methods"][0]["method"], "email");
        // The decoy goes all the way to "wrong code".
        let flow = flow_id(&b);
        let sent = app.challenge(&flow, "email").await;
        assert_eq!(
            (sent.status, sent.body["state"].as_str()),
            (StatusCode::OK, Some("enter_code"))
        );
        assert_eq!(app.verify(&flow, json!({"code": "123456"})).await.code(), "invalid_code");
        // S03: asking again shows the same masks.
        assert_eq!(app.start(unknown).await.body["methods"], b.body["methods"]);
    }
    // An email identifier shows its own mask, as a real account would.
    assert_eq!(
        app.start("nobody.here@example.com").await.body["methods"][0]["destination"],
        "n•••@example.com"
    );
    // S20: nothing was sent for a decoy.
    assert!(app.delivered().await.is_empty());
}

/// S05: missing, forged, replayed and expired solutions each get their own error.
#[tokio::test]
async fn the_captcha_is_required_single_use_bound_and_expiring() {
    use base64::Engine as _;
    let app = app().await;
    let start = |captcha: String| {
        app.post(
            "/v1/recovery/flows",
            None,
            json!({"identifier": "li.wei@example.com", "captcha": captcha}),
        )
    };

    assert_eq!(start(String::new()).await.code(), "captcha_required");
    assert_eq!(start("bm90IGpzb24=".into()).await.code(), "captcha_invalid");

    // Forged: a solution of one challenge presented with another challenge's parameters.
    let solved = app.captcha().await;
    let mut payload: Value =
        serde_json::from_slice(&base64::engine::general_purpose::STANDARD.decode(&solved).unwrap())
            .unwrap();
    payload["challenge"]["parameters"]["cost"] = json!(2);
    let forged = base64::engine::general_purpose::STANDARD.encode(payload.to_string());
    assert_eq!(start(forged).await.code(), "captcha_invalid");

    let ok = app.captcha().await;
    assert_eq!(start(ok.clone()).await.status, StatusCode::CREATED);
    assert_eq!(start(ok).await.code(), "captcha_replayed");

    let old = app.captcha().await;
    app.clock.advance(601);
    assert_eq!(start(old).await.code(), "captcha_expired");
}

/// S07: five wrong codes end the flow; a resend does not reset the count.
#[tokio::test]
async fn five_wrong_codes_lock_the_flow_even_after_a_resend() {
    let app = app().await;
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    app.challenge(&flow, "sms").await;
    let right = code_to(&app, "+8613800138000").await;
    let wrong = if right == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(app.verify(&flow, json!({"code": wrong})).await.code(), "invalid_code");
    }
    app.clock.advance(61);
    let resend = app.challenge(&flow, "sms").await;
    assert_eq!((resend.status, resend.code()), (StatusCode::LOCKED, "flow_locked"));
    assert_eq!(app.verify(&flow, json!({"code": right})).await.code(), "flow_locked");
    assert_eq!(app.get(&format!("/v1/recovery/flows/{flow}"), None).await.body["state"], "locked");
}

/// S07: ten failed proofs in a day pause recovery by that identifier, across flows.
#[tokio::test]
async fn ten_failed_proofs_a_day_pause_the_identifier() {
    let app = app().await;
    app.owner().await;
    for _ in 0..2 {
        let flow = flow_id(&app.start("li.wei@example.com").await);
        app.challenge(&flow, "email").await;
        for _ in 0..5 {
            app.verify(&flow, json!({"code": "000001"})).await;
        }
    }
    let flow = flow_id(&app.start("li.wei@example.com").await);
    let paused = app.challenge(&flow, "email").await;
    assert_eq!(paused.code(), "rate_limited");
    assert!(paused.headers.contains_key("retry-after"));
    // Not for ever (S04): a day later it works again.
    app.clock.advance(24 * 3600 + 1);
    let flow = flow_id(&app.start("li.wei@example.com").await);
    assert_eq!(app.challenge(&flow, "email").await.status, StatusCode::OK);
}

/// S08: codes live 10 minutes, flows 30; resend after 60 s, at most 5 sends per flow.
#[tokio::test]
async fn codes_flows_and_resends_expire_and_are_bounded() {
    let app = app().await;
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    app.challenge(&flow, "email").await;
    let early = app.challenge(&flow, "email").await;
    assert_eq!((early.code(), early.body["retry_after_secs"].as_u64()), ("rate_limited", Some(60)));
    let code = code_to(&app, "li.wei@example.com").await;
    app.clock.advance(601);
    assert_eq!(app.verify(&flow, json!({"code": code})).await.code(), "code_expired");

    for _ in 0..4 {
        assert_eq!(app.challenge(&flow, "email").await.status, StatusCode::OK);
        app.clock.advance(60);
    }
    assert_eq!(app.challenge(&flow, "email").await.code(), "send_limit_reached");
    app.clock.advance(1800);
    assert_eq!(app.challenge(&flow, "sms").await.code(), "flow_expired");
}

/// S09: single use, superseded by a resend, bound to its flow.
#[tokio::test]
async fn codes_are_single_use_superseded_and_bound_to_their_flow() {
    let app = app().await;
    app.owner().await;
    let a = flow_id(&app.start("li.wei@example.com").await);
    app.challenge(&a, "sms").await;
    let first = code_to(&app, "+8613800138000").await;
    app.clock.advance(60);
    app.challenge(&a, "sms").await;
    let second = code_to(&app, "+8613800138000").await;
    if first != second {
        assert_eq!(
            app.verify(&a, json!({"code": first})).await.code(),
            "invalid_code",
            "superseded"
        );
    }
    let b = flow_id(&app.start("li.wei@example.com").await);
    app.challenge(&b, "email").await;
    assert_eq!(
        app.verify(&b, json!({"code": second})).await.code(),
        "invalid_code",
        "bound to flow A"
    );
    let won = app.verify(&a, json!({"code": second})).await;
    assert_eq!(won.status, StatusCode::OK);
    assert_eq!(
        app.verify(&a, json!({"code": second})).await.code(),
        "flow_state",
        "replay after success"
    );
    let reset = won.body["reset_token"].as_str().unwrap();
    assert_eq!(set_password(&app, &a, reset, NEW_PASSWORD).await.status, StatusCode::OK);
    assert_eq!(
        set_password(&app, &a, reset, "walnut meadow pilot harbour").await.code(),
        "flow_expired"
    );
}

/// As many concurrent submits of the right code as a flow has tries: exactly one wins. (With
/// more than that at once, the tries past the limit are counted too, and every racer can then
/// lose: never two winners, but possibly none; the person sends once and asks again.)
#[tokio::test]
async fn of_concurrent_verifies_up_to_the_try_limit_exactly_one_wins() {
    let app = Arc::new(app().await);
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    app.challenge(&flow, "sms").await;
    let code = code_to(&app, "+8613800138000").await;
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let (app, flow, code) = (app.clone(), flow.clone(), code.clone());
            tokio::spawn(async move { app.verify(&flow, json!({"code": code})).await })
        })
        .collect();
    let mut winners = 0;
    let mut others = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        if reply.status == StatusCode::OK {
            assert!(reply.body["reset_token"].is_string());
            winners += 1;
        } else {
            others.push(format!("{} {}", reply.status, reply.code()));
        }
    }
    assert_eq!(winners, 1, "the others: {others:?}");
}

/// S11: a flood of starts changes nothing about the account.
#[tokio::test]
async fn requesting_recovery_never_changes_or_locks_the_account() {
    let app = app().await;
    app.owner().await;
    for _ in 0..12 {
        app.start("li.wei@example.com").await;
    }
    assert_eq!(app.sign_in(OWNER_PASSWORD).await.status, StatusCode::CREATED);
}

/// S04 and S20: a burst from many addresses at one account; the sink gets at most the budget.
#[tokio::test]
async fn a_burst_from_many_addresses_sends_at_most_the_budget() {
    let mut config = recovery_config();
    config.server.client_ip_header = "x-real-ip".into();
    config.recovery.throttle.starts_per_identifier.limit = 1000;
    let app = TestApp::with_config(config, true).await;
    app.owner().await;
    let mut throttled = 0;
    for i in 0..15 {
        let captcha = app.captcha().await;
        let request = |path: String, body: Value| {
            Request::builder()
                .method(Method::POST)
                .uri(path)
                .header("content-type", "application/json")
                .header("x-real-ip", format!("198.51.100.{i}"))
                .body(Body::from(body.to_string()))
                .unwrap()
        };
        let started = app
            .request(request(
                "/v1/recovery/flows".into(),
                json!({"identifier": "li.wei@example.com", "captcha": captcha}),
            ))
            .await;
        let flow = flow_id(&started);
        let sent = app
            .request(request(
                format!("/v1/recovery/flows/{flow}/challenge"),
                json!({"method": "sms"}),
            ))
            .await;
        if sent.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(sent.headers.contains_key("retry-after"));
            throttled += 1;
        }
    }
    let sms = app.delivered().await.iter().filter(|m| m.message.to == "+8613800138000").count();
    assert_eq!(sms, 10, "the per-destination budget");
    assert_eq!(throttled, 5);
}

#[tokio::test]
async fn starts_are_throttled_per_address() {
    let mut config = recovery_config();
    config.server.client_ip_header = "x-real-ip".into();
    config.recovery.throttle.starts_per_ip.limit = 3;
    let app = TestApp::with_config(config, true).await;
    let mut codes = Vec::new();
    for ip in ["203.0.113.7", "203.0.113.7", "203.0.113.7", "203.0.113.7", "203.0.113.8"] {
        let captcha = app.captcha().await;
        let request = Request::builder()
            .method(Method::POST)
            .uri("/v1/recovery/flows")
            .header("content-type", "application/json")
            .header("x-real-ip", ip)
            .body(Body::from(
                json!({"identifier": "someone@example.com", "captcha": captcha}).to_string(),
            ))
            .unwrap();
        let reply = app.request(request).await;
        codes.push((reply.status.as_u16(), reply.headers.contains_key("retry-after")));
    }
    assert_eq!(codes, [(201, false), (201, false), (201, false), (429, true), (201, false)]);
}

/// S13 (default policy) and S12's two gates: with security questions an account needs a code
/// and the answers; three wrong answers end the flow.
#[tokio::test]
async fn security_questions_are_a_second_gate_by_default() {
    let app = app().await;
    app.owner().await;
    let token = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let questions = json!({"questions": [
        {"question": "What was the name of your first pet?", "answer": "Mochi"},
        {"question": "In which city were your parents married?", "answer": "  Hang   Zhou "},
    ]});
    let set = app
        .call(Method::PUT, "/v1/me/security-questions", Some(&token), Some(questions.clone()))
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
    let stored: Vec<String> = sqlx::query_scalar("SELECT answer_hash FROM security_questions")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(stored.iter().all(|h| h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")));

    let started = app.start("li.wei@example.com").await;
    assert_eq!(started.body["gates_required"], 2);
    assert!(
        !started.body["methods"].to_string().contains("security_questions"),
        "never alone by default"
    );
    let flow = flow_id(&started);
    app.challenge(&flow, "email").await;
    let code = code_to(&app, "li.wei@example.com").await;
    let first = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(first.body["flow"]["state"], "choose_method");
    assert!(first.body["reset_token"].is_null(), "one gate is not enough");
    assert_eq!(
        first.body["flow"]["methods"],
        json!([{"method": "security_questions", "destination": "security questions"}])
    );
    let shown = app.challenge(&flow, "security_questions").await;
    assert_eq!(shown.body["challenge"]["questions"][0], "What was the name of your first pet?");
    assert_eq!(
        app.verify(&flow, json!({"answers": ["mochi", "wrong"]})).await.code(),
        "invalid_answers"
    );
    let passed = app.verify(&flow, json!({"answers": ["MOCHI", "hang zhou"]})).await;
    assert_eq!(passed.status, StatusCode::OK, "{}", passed.body);
    assert!(passed.body["reset_token"].is_string());

    // Three wrong answers lock a flow.
    let flow = flow_id(&app.start("li.wei@example.com").await);
    app.clock.advance(61);
    app.challenge(&flow, "sms").await;
    let code = code_to(&app, "+8613800138000").await;
    app.verify(&flow, json!({"code": code})).await;
    app.challenge(&flow, "security_questions").await;
    for _ in 0..3 {
        assert_eq!(
            app.verify(&flow, json!({"answers": ["x", "y"]})).await.code(),
            "invalid_answers"
        );
    }
    assert_eq!(
        app.verify(&flow, json!({"answers": ["mochi", "hang zhou"]})).await.code(),
        "flow_locked"
    );

    // S19: a session whose sign-in is older than ten minutes may not change them, even with a
    // fresh access token from a refresh; signing in again allows it.
    let signed_in = app.sign_in(OWNER_PASSWORD).await.body.clone();
    app.clock.advance(11 * 60);
    let refreshed = app
        .post("/v1/sessions/refresh", None, json!({"refresh_token": signed_in["refresh_token"]}))
        .await;
    let stale = refreshed.body["access_token"].as_str().unwrap();
    let refused = app
        .call(Method::PUT, "/v1/me/security-questions", Some(stale), Some(questions.clone()))
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::FORBIDDEN, "reauthentication_required")
    );
    let fresh = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let allowed =
        app.call(Method::PUT, "/v1/me/security-questions", Some(&fresh), Some(questions)).await;
    assert_eq!(allowed.status, StatusCode::NO_CONTENT);
}

/// S13 with `security_questions = "sole"`: the answers alone reset, and every contact is told.
#[tokio::test]
async fn security_questions_alone_when_the_deployment_allows_and_every_contact_is_told() {
    let mut config = recovery_config();
    config.recovery.security_questions = regain_server::config::QuestionsConfig::Sole;
    let app = TestApp::with_config(config, true).await;
    app.owner().await;
    let token = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let questions = json!({"questions": [
        {"question": "What was the name of your first pet?", "answer": "Mochi"},
        {"question": "What was your childhood nickname?", "answer": "Little Bean"},
    ]});
    app.call(Method::PUT, "/v1/me/security-questions", Some(&token), Some(questions)).await;
    let started = app.start("li.wei@example.com").await;
    assert_eq!(started.body["gates_required"], 1);
    let flow = flow_id(&started);
    app.challenge(&flow, "security_questions").await;
    let passed = app.verify(&flow, json!({"answers": ["mochi", "little bean"]})).await;
    let reset = passed.body["reset_token"].as_str().unwrap();
    assert_eq!(set_password(&app, &flow, reset, NEW_PASSWORD).await.status, StatusCode::OK);
    let notices: Vec<_> = app
        .delivered()
        .await
        .into_iter()
        .filter(|m| m.message.body.contains("using only the security questions"))
        .collect();
    assert_eq!(notices.len(), 2, "email and phone");
}

async fn sms_to_phone(app: &TestApp) -> usize {
    app.delivered().await.iter().filter(|m| m.message.to == "+8613800138000").count()
}

/// S19, S20: an unconfirmed phone is not offered for recovery, and nothing goes to it; a flow
/// started by that phone is a decoy and sends nothing either.
#[tokio::test]
async fn unconfirmed_contacts_are_not_offered_and_get_nothing() {
    let app = app().await;
    let token = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();
    let code = app.last_code_to("li.wei@example.com").await;
    app.post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": code}))
        .await;
    let before = sms_to_phone(&app).await;

    let started = app.start("li.wei@example.com").await;
    assert_eq!(
        started.body["methods"],
        json!([{"method": "email", "destination": "l•••@example.com"}])
    );
    let flow = flow_id(&started);
    assert_eq!(app.challenge(&flow, "sms").await.code(), "method_unavailable");

    let decoy = flow_id(&app.start("+86 138 0013 8000").await);
    assert_eq!(app.challenge(&decoy, "sms").await.status, StatusCode::OK);
    assert_eq!(sms_to_phone(&app).await, before, "never an SMS to an unconfirmed number");
}

#[tokio::test]
async fn a_weak_new_password_is_refused_and_the_flow_stays_usable() {
    let app = app().await;
    app.owner().await;
    let (flow, reset) =
        pass_by_code(&app, "li.wei@example.com", "email", "li.wei@example.com").await;
    let weak = set_password(&app, &flow, &reset, "liwei tangerine orbit").await;
    assert_eq!(weak.body["fields"], json!({"new_password": ["personal"]}));
    let reused = set_password(&app, &flow, &reset, OWNER_PASSWORD).await;
    assert_eq!(reused.body["fields"], json!({"new_password": ["reused"]}));
    let forged = app
        .post(
            &format!("/v1/recovery/flows/{flow}/password"),
            None,
            json!({"reset_token": "rgx_forged", "new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(forged.code(), "invalid_reset_token");
    assert_eq!(set_password(&app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
}

/// The courier failing never loses the flow: the client sees "not delivered yet" and may switch.
#[tokio::test]
async fn a_failing_courier_shows_not_delivered_yet_and_the_flow_goes_on() {
    let config = support::live_config_with_a_dead_sms_gateway(recovery_config());
    let app = TestApp::with_config(config, false).await;
    app.owner().await;
    let flow = flow_id(&app.start("li.wei@example.com").await);
    let sent = app.challenge(&flow, "sms").await;
    assert_eq!(sent.body["challenge"]["delivery"], "sending");
    app.deliver().await; // the gateway is down
    let view = app.get(&format!("/v1/recovery/flows/{flow}"), None).await;
    assert_eq!(view.body["challenge"]["delivery"], "not_delivered_yet");
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND sealed IS NOT NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(pending, 1, "kept for a retry");
    // "Try email instead" (no SMTP configured here: it stays queued, and the flow goes on).
    app.clock.advance(60);
    assert_eq!(app.challenge(&flow, "email").await.body["challenge"]["method"], "email");
}

/// The deployment's circuit breaker (S04, issue 18): past its budget in a window every start is
/// refused, known identifier or not, with the seconds to the next window; the next window
/// starts again.
#[tokio::test]
async fn the_global_breaker_refuses_every_start_until_the_next_window() {
    use regain_recovery::Clock as _;

    let mut config = recovery_config();
    config.recovery.throttle.starts_global =
        regain_server::config::BudgetConfig { limit: 2, window_secs: 60 };
    let app = TestApp::with_config(config, true).await;
    app.owner().await;
    // The windows are fixed: begin at one's start, so that the next is a minute away.
    app.clock.advance(60 - app.clock.now().rem_euclid(60));
    for identifier in ["li.wei@example.com", "nobody@example.com"] {
        assert_eq!(app.start(identifier).await.status, StatusCode::CREATED);
    }
    for identifier in ["li.wei@example.com", "someone@example.com"] {
        let refused = app.start(identifier).await;
        assert_eq!(refused.code(), "rate_limited", "{identifier}");
        assert_eq!(refused.body["retry_after_secs"], 60);
    }
    app.clock.advance(60);
    assert_eq!(app.start("li.wei@example.com").await.status, StatusCode::CREATED);
}

/// A page as a browser opens it: its status, `Content-Language` and HTML.
async fn browse(app: &TestApp, path: &str, accept_language: &str) -> (StatusCode, String, String) {
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;
    let request = Request::builder()
        .uri(path)
        .header("accept", "text/html")
        .header("accept-language", accept_language)
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let language = response.headers()["content-language"].to_str().unwrap().to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, language, String::from_utf8(bytes.to_vec()).unwrap())
}

/// Issue 21: a Hindi account gets its code by SMS in Hindi, in one SMS segment (Devanagari is
/// UCS-2: 70 units), and the reset notice in Hindi; the notice's "this wasn't me" link opens a
/// Hindi page whatever the browser prefers, and its button posts back in Hindi. A page opened
/// without the link's language follows the browser's (Arabic, right to left).
#[tokio::test]
async fn a_hindi_account_gets_its_code_and_reset_notice_in_hindi_and_its_pages_speak_it() {
    let app = app().await;
    let phone = "+919876543210";
    let input = regain_recovery::NewAccountInput {
        display_name: "Priya Sharma".into(),
        email: Some(regain_recovery::Email::parse("priya@example.com").unwrap()),
        phone: Some(regain_recovery::Phone::parse(phone, None).unwrap()),
        birthday: None,
        password: regain_recovery::Secret::new(OWNER_PASSWORD.into()),
        locale: Some("hi".into()),
    };
    app.state.accounts.create(input, true).await.unwrap();
    let devanagari = |text: &str| text.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));

    let (flow, reset) = pass_by_code(&app, phone, "sms", phone).await;
    let sms = app.delivered().await.into_iter().find(|m| m.message.to == phone).unwrap().message;
    assert!(devanagari(&sms.body), "the code SMS is in Hindi: {}", sms.body);
    assert!(sms.body.encode_utf16().count() <= 70, "one UCS-2 segment: {}", sms.body);

    assert_eq!(set_password(&app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
    let delivered = app.delivered().await;
    let notice = &delivered.iter().find(|m| m.message.to == "priya@example.com").unwrap().message;
    assert!(devanagari(notice.subject.as_deref().unwrap()), "{:?}", notice.subject);
    assert!(devanagari(&notice.body), "{}", notice.body);
    let link = notice.body.split("https://regain.example").nth(1).unwrap();
    let link = link.split_whitespace().next().unwrap();
    assert!(link.starts_with("/recover/not-me?token=") && link.ends_with("&lang=hi"), "{link}");

    let (status, language, html) = browse(&app, link, "en-US,en;q=0.9").await;
    assert_eq!((status, language.as_str()), (StatusCode::OK, "hi"));
    assert!(html.contains("<html lang=\"hi\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("action=\"/recover/not-me?lang=hi\""), "{html}");
    assert!(devanagari(&html) && !html.contains("This wasn't me"), "{html}");

    let token = link.split("token=").nth(1).unwrap().split('&').next().unwrap();
    let (status, signed_out) =
        app.form_post("/recover/not-me?lang=hi", format!("token={token}")).await;
    assert_eq!(status, StatusCode::OK, "{signed_out}");
    assert!(signed_out.contains("<html lang=\"hi\"") && devanagari(&signed_out), "{signed_out}");

    let bare = link.split('&').next().unwrap();
    let (_, language, html) = browse(&app, bare, "tlh, ar-EG;q=0.8, en;q=0.5").await;
    assert_eq!(language, "ar", "the browser's best language Regain speaks");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    let (_, language, _) = browse(&app, bare, "tlh").await;
    assert_eq!(language, "en", "English only for a language nobody offers");
}
