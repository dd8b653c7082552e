//! Regressions found by the black-box review of issue 13, each through the real router on a
//! real SQLite file, named after what it guards (the review's item number in its doc).
#![allow(clippy::unwrap_used)]

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use regain_e2e::shape;
use serde_json::{json, Value};
use support::{
    code_to, flow_id, pass_by_code, recovery_config, set_password, TestApp, NEW_PASSWORD,
    OWNER_PASSWORD,
};

const EMAIL: &str = "li.wei@example.com";
const PHONE: &str = "+8613800138000";

async fn app() -> TestApp {
    TestApp::with_config(recovery_config(), true).await
}

fn page_request(method: Method, uri: &str, body: &str, accept: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if !body.is_empty() {
        builder = builder.header("content-type", "application/x-www-form-urlencoded");
    }
    if let Some(accept) = accept {
        builder = builder.header("accept", accept);
    }
    builder.body(Body::from(body.to_owned())).unwrap()
}

async fn raw(app: &TestApp, request: Request<Body>) -> (StatusCode, String) {
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The link of the newest recovery email to `to`, as its query string.
async fn link_query(app: &TestApp, to: &str) -> String {
    let messages = app.delivered().await;
    let body = &messages.iter().find(|m| m.message.to == to).unwrap().message.body;
    let link = body.lines().find(|l| l.contains("/recover/link?")).unwrap().trim();
    link.split_once('?').unwrap().1.to_owned()
}

/// The "this wasn't me" token in the newest notice to `to`.
async fn not_me_token(app: &TestApp, to: &str) -> String {
    let messages = app.delivered().await;
    let body = &messages.iter().find(|m| m.message.to == to).unwrap().message.body;
    support::token_after(body, "/recover/not-me?token=").unwrap().into()
}

// 1. A reset, "this wasn't me" and a password change end every other open flow.

#[tokio::test]
async fn a_reset_ends_every_other_open_flow_with_its_codes_links_and_reset_tokens() {
    let app = app().await;
    app.owner().await;
    // B has passed its gate and holds a reset token.
    let (b, b_reset) = pass_by_code(&app, EMAIL, "email", EMAIL).await;
    // C waits for its code; D's link is in the inbox.
    let c = flow_id(&app.start(PHONE).await);
    app.challenge(&c, "sms").await;
    let c_code = code_to(&app, PHONE).await;
    let d = flow_id(&app.start(EMAIL).await);
    app.challenge(&d, "email").await;
    let d_link = link_query(&app, EMAIL).await;

    let (a, a_reset) = pass_by_code(&app, "+86 138 0013 8000", "sms", PHONE).await;
    assert_eq!(set_password(&app, &a, &a_reset, NEW_PASSWORD).await.status, StatusCode::OK);

    let late = set_password(&app, &b, &b_reset, "walnut meadow pilot harbour").await;
    assert_eq!((late.status, late.code()), (StatusCode::GONE, "flow_expired"));
    assert_eq!(app.verify(&c, json!({"code": c_code})).await.code(), "flow_expired");
    let (status, _) = raw(&app, page_request(Method::POST, "/recover/link", &d_link, None)).await;
    assert_eq!(status, StatusCode::GONE, "the emailed link is over too");
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);
    assert_eq!(app.sign_in("walnut meadow pilot harbour").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn this_wasnt_me_ends_every_open_flow() {
    let app = app().await;
    app.owner().await;
    let (a, a_reset) = pass_by_code(&app, EMAIL, "email", EMAIL).await;
    assert_eq!(set_password(&app, &a, &a_reset, NEW_PASSWORD).await.status, StatusCode::OK);
    let report = not_me_token(&app, PHONE).await;
    // Meanwhile someone else got past the gate of a new flow.
    let (e, e_reset) = pass_by_code(&app, PHONE, "sms", PHONE).await;

    let (status, _) =
        raw(&app, page_request(Method::POST, "/recover/not-me", &format!("token={report}"), None))
            .await;
    assert_eq!(status, StatusCode::OK);
    let late = set_password(&app, &e, &e_reset, "walnut meadow pilot harbour").await;
    assert_eq!(late.code(), "flow_expired");
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_password_change_ends_every_open_flow() {
    let app = app().await;
    app.owner().await;
    let (b, b_reset) = pass_by_code(&app, EMAIL, "email", EMAIL).await;
    let token = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let changed = app
        .post(
            "/v1/me/password",
            Some(&token),
            json!({"current_password": OWNER_PASSWORD, "new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
    let late = set_password(&app, &b, &b_reset, "walnut meadow pilot harbour").await;
    assert_eq!(late.code(), "flow_expired");
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);
}

// 2. Sign-up answers alike whether or not a contact is taken.

#[tokio::test]
async fn sign_up_answers_alike_when_a_contact_is_taken_and_its_owner_is_told() {
    let app = app().await;
    let owner = app.owner().await;
    let body = |email: &str, phone: &str| {
        json!({"display_name": "Sam Rivera", "email": email, "phone": phone,
               "password": "copper lantern drift 2024", "locale": "en"})
    };
    let fresh = app.post_sign_up(body("sam.rivera@example.com", "+447400123456")).await;
    let taken = app.post_sign_up(body(EMAIL, "+447400123457")).await;
    assert_eq!(fresh.status, StatusCode::CREATED, "{}", fresh.body);
    assert_eq!(taken.status, StatusCode::CREATED, "{}", taken.body);
    assert_eq!(shape(&fresh.body), shape(&taken.body), "the same answer, field for field");
    assert_eq!(
        taken.body["account"]["email"],
        json!({"masked": "l•••@example.com", "confirmed": false})
    );

    // The owner is told, and nothing that could confirm the address went anywhere.
    let to_owner: Vec<_> =
        app.delivered().await.into_iter().filter(|m| m.message.to == EMAIL).collect();
    assert_eq!(to_owner.len(), 1);
    assert!(to_owner[0].message.body.contains("already belongs to your account"));
    assert!(!to_owner[0].message.body.chars().any(|c| c.is_ascii_digit()));

    // The new account never gets the address: no code confirms it, and it still names the owner.
    let claimant = taken.body["session"]["access_token"].as_str().unwrap().to_owned();
    for guess in ["000000", "123456"] {
        let reply = app
            .post(
                "/v1/me/contacts/confirm",
                Some(&claimant),
                json!({"channel": "email", "code": guess}),
            )
            .await;
        assert_eq!(reply.code(), "invalid_code");
    }
    let started = app.start(EMAIL).await;
    assert!(
        started.body["methods"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["destination"] == "+86 ••• •••• 00"),
        "recovery by the address still reaches its owner: {}",
        started.body
    );
    let signed_in = app.sign_in(OWNER_PASSWORD).await;
    assert_eq!(signed_in.body["account_id"], owner);
}

// 3. Sign-up needs the robot check and the budgets that stop SMS pumping.

#[tokio::test]
async fn sign_up_needs_the_robot_check_and_budgets_per_address_destination_and_country() {
    let mut config = recovery_config();
    config.server.client_ip_header = "x-real-ip".into();
    config.accounts.sign_ups_per_ip.limit = 3;
    config.recovery.throttle.sends_per_destination.limit = 2;
    config.recovery.throttle.sms_per_country.limit = 4;
    let app = TestApp::with_config(config, true).await;
    let sign_up = |ip: &str, phone: &str, captcha: String| {
        let body = json!({"display_name": "Sam Rivera", "phone": phone,
            "password": "copper lantern drift 2024", "captcha": captcha});
        Request::builder()
            .method(Method::POST)
            .uri("/v1/accounts")
            .header("content-type", "application/json")
            .header("x-real-ip", ip)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let missing = app.request(sign_up("203.0.113.1", "+447400100001", String::new())).await;
    assert_eq!((missing.status, missing.code()), (StatusCode::BAD_REQUEST, "captcha_required"));
    let solved = app.captcha().await;
    assert_eq!(
        app.request(sign_up("203.0.113.1", "+447400100001", solved.clone())).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.request(sign_up("203.0.113.1", "+447400100002", solved)).await.code(),
        "captcha_replayed"
    );

    // Per address: three, then held.
    for n in 2..=3 {
        let reply = app
            .request(sign_up("203.0.113.1", &format!("+44740010000{n}"), app.captcha().await))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let held = app.request(sign_up("203.0.113.1", "+447400100009", app.captcha().await)).await;
    assert_eq!((held.status, held.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    assert!(held.headers.contains_key("retry-after"));

    // Per country prefix: three +44 texts went out; one more, then the country is held, from
    // any address, before any hash.
    let fourth = app.request(sign_up("203.0.113.2", "+447400100004", app.captcha().await)).await;
    assert_eq!(fourth.status, StatusCode::CREATED);
    let country = app.request(sign_up("203.0.113.3", "+447400100005", app.captcha().await)).await;
    assert_eq!(country.code(), "rate_limited");
    let elsewhere = app.request(sign_up("203.0.113.3", "+12015550150", app.captcha().await)).await;
    assert_eq!(elsewhere.status, StatusCode::CREATED, "other countries are not held");

    // Per destination, counting the texts to a number nobody confirmed: the sign-up's code and
    // one resend, then nothing more to that number.
    let token = elsewhere.body["session"]["access_token"].as_str().unwrap().to_owned();
    app.clock.advance(61);
    let resend =
        app.post("/v1/me/contacts/resend", Some(&token), json!({"channel": "phone"})).await;
    assert_eq!(resend.status, StatusCode::ACCEPTED);
    app.clock.advance(61);
    let third = app.post("/v1/me/contacts/resend", Some(&token), json!({"channel": "phone"})).await;
    assert_eq!(third.code(), "rate_limited");
    let again = app.request(sign_up("203.0.113.4", "+12015550150", app.captcha().await)).await;
    assert_eq!(again.code(), "rate_limited", "a new sign-up to the same number too");
    let texts = app.delivered().await.iter().filter(|m| m.message.to == "+12015550150").count();
    assert_eq!(texts, 2, "the sink received exactly the budget");
}

// 4. A decoy's masks are drawn from real accounts of the same kind.

/// Twenty accounts at `corp.example` with UK mobiles, five at `home.example` with US numbers.
async fn population(app: &TestApp) -> Vec<String> {
    let mut uk_masks = Vec::new();
    for n in 0..25u32 {
        let (email, phone) = if n < 20 {
            (format!("person{n}@corp.example"), format!("+4474001234{n:02}"))
        } else {
            (format!("person{n}@home.example"), format!("+1201555{:04}", 100 + n))
        };
        let input = regain_recovery::NewAccountInput {
            display_name: format!("Person {n}"),
            email: Some(regain_recovery::Email::parse(&email).unwrap()),
            phone: Some(regain_recovery::Phone::parse(&phone, None).unwrap()),
            birthday: None,
            password: regain_recovery::Secret::new("violet harbour compass 1987".into()),
            locale: None,
        };
        let account = app.state.accounts.create(input, true).await.unwrap();
        if n < 20 {
            uk_masks.push(account.phone.unwrap().value.masked());
        }
    }
    uk_masks
}

fn offered(reply: &support::Reply, method: &str) -> Option<String> {
    reply.body["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["method"] == method)
        .map(|m| m["destination"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn decoy_masks_follow_the_real_accounts_of_the_same_domain_or_country() {
    let app = app().await;
    let uk_masks = population(&app).await;

    // A real account at corp.example shows a UK mobile; so does every decoy there.
    let real = app.start("person3@corp.example").await;
    assert!(uk_masks.contains(&offered(&real, "sms").unwrap()));
    for n in 0..12 {
        let decoy = app.start(&format!("nobody{n}@corp.example")).await;
        let phone = offered(&decoy, "sms").expect("a phone, as every account there has");
        assert!(uk_masks.contains(&phone), "{phone} is a real corp.example account's mask");
        assert_eq!(offered(&decoy, "email").unwrap(), format!("n•••@corp.example"));
        assert_eq!(shape(&decoy.body), shape(&real.body));
    }
    // A UK number that names no account shows the email domain UK accounts have.
    for n in 0..6 {
        let decoy = app.start(&format!("+4474009999{n:02}")).await;
        let email = offered(&decoy, "email").expect("an email, as every UK account has");
        assert!(email.ends_with("@corp.example"), "{email}");
    }
    // Asking again shows the same masks (S03), however many accounts came since.
    let first = app.start("someone.else@corp.example").await;
    population_more(&app).await;
    let again = app.start("someone.else@corp.example").await;
    assert_eq!(first.body["methods"], again.body["methods"]);
}

/// Ten more accounts, so that a fresh draw would land elsewhere.
async fn population_more(app: &TestApp) {
    for n in 0..10u32 {
        let input = regain_recovery::NewAccountInput {
            display_name: format!("Later {n}"),
            email: Some(regain_recovery::Email::parse(&format!("later{n}@corp.example")).unwrap()),
            phone: Some(regain_recovery::Phone::parse(&format!("+33612345{n:03}"), None).unwrap()),
            birthday: None,
            password: regain_recovery::Secret::new("violet harbour compass 1987".into()),
            locale: None,
        };
        app.state.accounts.create(input, true).await.unwrap();
    }
}

#[tokio::test]
async fn a_rare_domain_draws_its_decoys_from_every_account_and_shows_none_of_its_own() {
    let app = app().await;
    population(&app).await;
    // home.example has five accounts, fewer than the pool's minimum: its decoys are drawn from
    // every email account, so they do not betray that home.example accounts exist.
    let mut countries = std::collections::BTreeSet::new();
    for n in 0..30 {
        let decoy = app.start(&format!("x{n}@home.example")).await;
        let phone = offered(&decoy, "sms").unwrap();
        countries.insert(phone.split(' ').next().unwrap().to_owned());
    }
    assert!(countries.contains("+44"), "drawn from the whole pool: {countries:?}");
}

// 5 and 7. A decoy does a real send's work, and its delivery runs the same course.

#[tokio::test]
async fn a_decoy_send_queues_a_sealed_message_the_courier_takes_and_never_delivers() {
    let app = app().await;
    app.owner().await;
    let decoy = flow_id(&app.start("nobody@example.com").await);
    assert_eq!(app.challenge(&decoy, "email").await.status, StatusCode::OK);
    let (queued, sealed): (i64, Option<Vec<u8>>) =
        sqlx::query_as("SELECT CASE WHEN decoy THEN 1 ELSE 0 END, sealed FROM outbox")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(queued, 1);
    assert!(sealed.is_some_and(|s| !s.is_empty()), "rendered and sealed like a real message");
    assert!(app.delivered().await.is_empty(), "nothing reaches a channel (S20)");
    let status: String =
        sqlx::query_scalar("SELECT status FROM outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(status, "sent", "taken by the courier on the same schedule");
}

#[tokio::test]
async fn a_decoys_delivery_state_runs_the_same_course_as_a_real_ones() {
    let app = app().await;
    app.owner().await;
    let real = flow_id(&app.start(EMAIL).await);
    let decoy = flow_id(&app.start("nobody@example.com").await);
    for flow in [&real, &decoy] {
        let sent = app.challenge(flow, "email").await;
        assert_eq!(sent.body["challenge"]["delivery"], "sending");
    }
    app.deliver().await;
    for flow in [&real, &decoy] {
        let view = app.get(&format!("/v1/recovery/flows/{flow}"), None).await;
        assert_eq!(view.body["challenge"]["delivery"], "sent", "{flow}");
    }

    // When texts fail, a decoy's text fails alike.
    let config = support::live_config_with_a_dead_sms_gateway(recovery_config());
    let app = TestApp::with_config(config, false).await;
    app.owner().await;
    let real = flow_id(&app.start(PHONE).await);
    let decoy = flow_id(&app.start("+447400999999").await);
    app.challenge(&real, "sms").await;
    app.deliver().await;
    app.challenge(&decoy, "sms").await;
    app.deliver().await;
    for flow in [&real, &decoy] {
        let view = app.get(&format!("/v1/recovery/flows/{flow}"), None).await;
        assert_eq!(view.body["challenge"]["delivery"], "not_delivered_yet", "{flow}");
    }
}

// 6. Failed proofs pause one identifier, alike for unknown ones, and never lock the owner out.

async fn ten_wrong_codes(app: &TestApp, identifier: &str, method: &str) {
    for _ in 0..2 {
        let flow = flow_id(&app.start(identifier).await);
        assert_eq!(app.challenge(&flow, method).await.status, StatusCode::OK);
        for _ in 0..5 {
            assert_eq!(app.verify(&flow, json!({"code": "000001"})).await.code(), "invalid_code");
        }
    }
}

#[tokio::test]
async fn failed_proofs_pause_only_their_identifier_alike_for_unknown_ones() {
    let app = app().await;
    app.owner().await;
    ten_wrong_codes(&app, EMAIL, "email").await;
    ten_wrong_codes(&app, "nobody@example.com", "email").await;
    for identifier in [EMAIL, "nobody@example.com"] {
        let flow = flow_id(&app.start(identifier).await);
        let paused = app.challenge(&flow, "email").await;
        assert_eq!((paused.status, paused.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
        assert_eq!(paused.headers["retry-after"], "86400", "{identifier}");
    }
    // The owner's phone is not linked to the email by a pause.
    let by_phone = flow_id(&app.start(PHONE).await);
    assert_eq!(app.challenge(&by_phone, "sms").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_stranger_who_spends_the_accounts_failed_proofs_holds_no_lever_over_the_owner() {
    let app = app().await;
    app.owner().await;
    // Five wrong codes by each identifier: no identifier paused, the account's ten spent.
    for identifier in [EMAIL, PHONE] {
        let flow = flow_id(&app.start(identifier).await);
        app.challenge(&flow, "sms").await;
        for _ in 0..5 {
            app.verify(&flow, json!({"code": "000001"})).await;
        }
    }
    // The owner's next code is ten digits long, which no guesser reaches, and it works.
    let flow = flow_id(&app.start("+86 138 0013 8000").await);
    assert_eq!(app.challenge(&flow, "sms").await.status, StatusCode::OK);
    let code = code_to(&app, PHONE).await;
    assert_eq!(code.len(), 10, "{code}");
    let verified = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    let reset = verified.body["reset_token"].as_str().unwrap();
    assert_eq!(set_password(&app, &flow, reset, NEW_PASSWORD).await.status, StatusCode::OK);
    // Success clears the counts: codes are six digits again.
    let next = flow_id(&app.start(EMAIL).await);
    app.challenge(&next, "email").await;
    assert_eq!(code_to(&app, EMAIL).await.len(), 6);
}

// 8. Every spelling of one phone number shares one sign-in bucket.

#[tokio::test]
async fn every_spelling_of_a_phone_number_shares_one_sign_in_bucket() {
    let app = app().await;
    app.owner().await;
    let sign_in = |identifier: &'static str, region: Option<&'static str>| {
        let app = &app;
        async move {
            app.post(
                "/v1/sessions",
                None,
                json!({"identifier": identifier, "region": region, "password": "a wrong guess, again"}),
            )
            .await
        }
    };
    for (known, spellings) in [
        ("+86 138 0013 8000", ["13800138000", "138-0013-8000", "１３８００１３８０００"]),
        ("+1 305 386 7162", ["3053867162", "(305) 386-7162", "（３０５）３８６-７１６２"]),
    ] {
        for _ in 0..10 {
            assert_eq!(sign_in(known, None).await.code(), "invalid_credentials");
        }
        let region = if known.starts_with("+86") { "CN" } else { "US" };
        for spelling in spellings {
            let held = sign_in(spelling, Some(region)).await;
            assert_eq!(held.code(), "rate_limited", "{spelling} in {region}");
        }
    }
    assert_eq!(
        app.sign_in(OWNER_PASSWORD).await.status,
        StatusCode::CREATED,
        "the email is another bucket"
    );
}

// 9. An unconfirmed contact is a claim that lapses and never blocks anyone.

#[tokio::test]
async fn an_unconfirmed_contact_lapses_and_never_blocks_the_owners_sign_up() {
    let app = app().await;
    let body = |name: &str, password: &str| json!({"display_name": name, "email": "ana.silva@example.com", "password": password});
    let squatter = app.post_sign_up(body("Not Ana", "hollow pebble sextant 77")).await;
    assert_eq!(squatter.status, StatusCode::CREATED);
    let ana = app.post_sign_up(body("Ana Silva", "copper lantern drift 2024")).await;
    assert_eq!(ana.status, StatusCode::CREATED, "the address was only claimed: {}", ana.body);

    let token = ana.body["session"]["access_token"].as_str().unwrap().to_owned();
    let code = code_to(&app, "ana.silva@example.com").await;
    let confirmed = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": code}))
        .await;
    assert_eq!(confirmed.status, StatusCode::NO_CONTENT, "{}", confirmed.body);
    let squatter_token = squatter.body["session"]["access_token"].as_str().unwrap();
    assert_eq!(app.get("/v1/me", Some(squatter_token)).await.body["email"], Value::Null);

    // A claim nobody confirms lapses after a day.
    let lone = app
        .post_sign_up(json!({"display_name": "Bo Chen", "email": "bo.chen@example.com",
        "phone": "+447400765432", "password": "copper lantern drift 2024"}))
        .await;
    let id = lone.body["account"]["account_id"].to_string();
    app.clock.advance(24 * 3600 - 1);
    assert_eq!(me(&app, &id).await["email"]["confirmed"], false, "claimed for a day");
    app.clock.advance(1);
    let lapsed = me(&app, &id).await;
    assert_eq!((lapsed["email"].clone(), lapsed["phone"].clone()), (Value::Null, Value::Null));
}

/// `/v1/me` of an account, signed in afresh by its ID (access tokens live a quarter of an hour).
async fn me(app: &TestApp, id: &str) -> Value {
    let body = json!({"identifier": id, "password": "copper lantern drift 2024"});
    let signed_in = app.post("/v1/sessions", None, body).await;
    let token = signed_in.body["access_token"].as_str().unwrap().to_owned();
    app.get("/v1/me", Some(&token)).await.body
}

// 10 is in tests/service.rs (the binary's --listen). 11. Local mode answers only loopback hosts.

#[tokio::test]
async fn local_mode_answers_only_requests_addressed_to_this_computer() {
    let app = app().await;
    let with_host = |host: &str| {
        Request::builder().uri("/v1/dev/outbox").header("host", host).body(Body::empty()).unwrap()
    };
    for host in ["localhost", "localhost:8080", "127.0.0.1:41234", "[::1]:8080"] {
        assert_eq!(app.request(with_host(host)).await.status, StatusCode::OK, "{host}");
    }
    for host in ["rebind.evil.test", "rebind.evil.test:8080", "192.168.1.20:8080"] {
        let refused = app.request(with_host(host)).await;
        assert_eq!((refused.status.as_u16(), refused.code()), (421, "host_not_allowed"), "{host}");
    }
}

// 12. The smaller gaps.

#[tokio::test]
async fn a_password_change_is_an_event_and_a_notice_to_every_contact() {
    let app = app().await;
    app.owner().await;
    let token = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    app.delivered().await;
    let changed = app
        .post(
            "/v1/me/password",
            Some(&token),
            json!({"current_password": OWNER_PASSWORD, "new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT);
    let events = app.get("/v1/me/events", Some(&token)).await.body;
    assert_eq!(events["events"][0]["kind"], "password_changed");
    for to in [EMAIL, PHONE] {
        let report = not_me_token(&app, to).await;
        assert!(report.starts_with("rgn_"), "{to} was told, with a way to say it wasn't them");
    }
    // "This wasn't me" signs out the session that made the change.
    let report = not_me_token(&app, EMAIL).await;
    raw(&app, page_request(Method::POST, "/recover/not-me", &format!("token={report}"), None))
        .await;
    assert_eq!(app.get("/v1/me", Some(&token)).await.code(), "unauthenticated");
}

#[tokio::test]
async fn a_change_of_security_questions_is_told_to_every_contact() {
    let app = app().await;
    app.owner().await;
    let token = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    let questions = json!({"questions": [
        {"question": "What was the name of your first pet?", "answer": "Mochi"},
        {"question": "What was your childhood nickname?", "answer": "Little Bean"},
    ]});
    let set =
        app.call(Method::PUT, "/v1/me/security-questions", Some(&token), Some(questions)).await;
    assert_eq!(set.status, StatusCode::NO_CONTENT);
    for to in [EMAIL, PHONE] {
        let messages = app.delivered().await;
        let notice = messages.iter().find(|m| m.message.to == to).unwrap();
        assert!(notice.message.body.contains("security questions"), "{to}");
        assert!(notice.message.body.contains("/recover/not-me?token=rgn_"), "{to}");
        assert!(!notice.message.body.contains("Mochi"), "never the answers");
    }
}

#[tokio::test]
async fn bad_path_and_page_parameters_answer_in_the_error_shape() {
    let app = app().await;
    let bad = app.get("/v1/recovery/flows/%ff", None).await;
    assert_eq!((bad.status, bad.code()), (StatusCode::NOT_FOUND, "not_found"));

    for (method, uri, body) in [
        (Method::GET, "/recover/link", ""),
        (Method::GET, "/recover/link?flow=rf_1", ""),
        (Method::GET, "/recover/not-me", ""),
        (Method::POST, "/recover/password", "flow=rf_1"),
        (Method::POST, "/recover/link", "token=x"),
    ] {
        let (status, json_body) =
            raw(&app, page_request(method.clone(), uri, body, Some("application/json"))).await;
        let parsed: Value =
            serde_json::from_str(&json_body).unwrap_or_else(|_| panic!("{uri}: {json_body}"));
        assert_eq!(
            (status, parsed["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_field")),
            "{uri}"
        );
        let (status, html) = raw(&app, page_request(method, uri, body, None)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            html.starts_with("<!doctype html>") && html.contains("invalid_field"),
            "{uri}: {html}"
        );
    }
    let json_to_a_form = Request::builder()
        .method(Method::POST)
        .uri("/recover/password")
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(app.request(json_to_a_form).await.code(), "unsupported_media_type");
}

#[tokio::test]
async fn the_reset_page_asks_for_the_policys_minimum_length() {
    let app = app().await;
    app.owner().await;
    let flow = flow_id(&app.start(EMAIL).await);
    app.challenge(&flow, "email").await;
    let query = link_query(&app, EMAIL).await;
    let (status, html) = raw(&app, page_request(Method::POST, "/recover/link", &query, None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("minlength=\"15\"") && html.contains("maxlength=\"256\""), "{html}");
}

#[tokio::test]
async fn every_operation_documents_the_answers_it_can_give() {
    let app = app().await;
    let spec = app.get("/openapi.json", None).await.body;
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let has = |status: &str| responses.contains_key(status);
            let name = format!("{method} {path}");
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(has(status), "{name} lacks {status}");
                }
            }
            if operation.get("security").is_some() {
                assert!(has("401"), "{name} lacks 401");
            }
            if path.contains('{') {
                assert!(has("404"), "{name} lacks 404");
            }
            assert!(has("421") && has("500"), "{name}");
            for (status, response) in responses {
                if !status.starts_with('2') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{name} {status}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 18, "{checked} operations");
    let password = &spec["paths"]["/v1/me/password"]["post"]["responses"];
    assert!(password["422"]["description"].as_str().unwrap().contains("current_password"));
    let sign_up = &spec["paths"]["/v1/accounts"]["post"]["responses"];
    assert!(sign_up.get("409").is_none(), "sign-up never says a contact is taken");
}
