//! Support requests, the customer's side, through the real router on a real SQLite file
//! (SECURITY.md S01, S04, S24, S27): filed with proofs over real `multipart/form-data`, each
//! file taken by its content and pictures drawn again without their metadata; the contact given
//! confirmed by a code before the request counts; the status link; and every bad upload
//! refused with its own code, leaving nothing behind.
#![allow(clippy::unwrap_used)]

mod support;

use http_body_util::BodyExt;
use tower::ServiceExt;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use regain_e2e::{code_in, shape};
use serde_json::{json, Value};
use support::uploads::{form, photo_with_gps, png, Part, EMAIL, REACH};
use support::{recovery_config, Reply, TestApp};

async fn app() -> TestApp {
    TestApp::with_config(recovery_config(), true).await
}

/// A request about `someone{n}@example.com` with a device's serial, to `contact`, from `ip`.
async fn filed_by(app: &TestApp, n: usize, contact: String, ip: Option<&str>) -> Reply {
    let captcha = app.captcha().await;
    let identifier = format!("someone{n}@example.com");
    let (content_type, body) = form(&[
        Part::Text("identifier", &identifier),
        Part::Text("contact_channel", "email"),
        Part::Text("contact", &contact),
        Part::Text("description", "Locked out."),
        Part::Text("captcha", &captcha),
        Part::Text("device", "SN-4471-XK"),
    ]);
    app.upload_from(ip, &content_type, body).await
}

async fn status(app: &TestApp, token: &str) -> Reply {
    app.get("/v1/support/status", Some(token)).await
}

/// S27 end to end: a request with a photo is kept with the photo drawn again (no GPS), waits
/// for the contact's code, then goes to the queue; the status link says where it stands and
/// the account's owner sees the request in their activity.
#[tokio::test]
async fn a_request_with_a_photo_waits_for_its_contact_then_goes_to_the_queue() {
    let app = app().await;
    app.owner().await;
    let photo = photo_with_gps();
    assert!(photo.windows(11).any(|w| w == b"GPSLatitude"));
    let filed = app
        .file_request(
            EMAIL,
            vec![
                Part::File("id_document", "passport.jpg", photo),
                Part::Text("device", "490154203237518"),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::ACCEPTED, "{}", filed.body);
    assert!(filed.body["reference"].as_str().unwrap().starts_with("RG-"));
    let id = filed.body["request_id"].as_str().unwrap().to_owned();
    let token = filed.body["status_token"].as_str().unwrap().to_owned();
    assert_eq!(status(&app, &token).await.body["state"], "awaiting_contact");

    let kept = app.state.support.open_proofs(&id).await.unwrap();
    assert_eq!(kept.len(), 1);
    let (kind, file) = &kept[0];
    assert_eq!((kind.as_str(), file.content_type), ("id_document", "image/jpeg"));
    assert!(!file.bytes.windows(11).any(|w| w == b"GPSLatitude"), "GPS removed");
    assert!(!file.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF kept");
    let stored: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT sealed FROM support_proofs").fetch_all(&app.db).await.unwrap();
    assert!(!stored[0].windows(4).any(|w| w == &file.bytes[6..10]), "sealed at rest");
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT contact_sealed FROM support_requests")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(!sealed.windows(REACH.len()).any(|w| w == REACH.as_bytes()), "the contact sealed too");

    let messages = app.delivered().await;
    let code = code_in(&messages.iter().find(|m| m.message.to == REACH).unwrap().message.body);
    let wrong_token = app.confirm_contact(&id, &code, "rgq_nope").await;
    assert_eq!(wrong_token.code(), "not_found", "the code alone confirms nothing");
    let confirmed = app.confirm_contact(&id, &code, &token).await;
    assert_eq!(confirmed.status, StatusCode::NO_CONTENT, "{}", confirmed.body);
    let shown = status(&app, &token).await;
    assert_eq!(
        (shown.body["state"].clone(), shown.body["proofs"].clone()),
        (json!("open"), json!(["id_document"]))
    );
    let link = app.delivered().await;
    let received = link
        .iter()
        .find(|m| m.message.to == REACH && m.message.body.contains("/support/status?token="))
        .unwrap();
    assert!(received.message.body.contains(filed.body["reference"].as_str().unwrap()));
    let page = app
        .router
        .clone()
        .oneshot(
            Request::builder()
                .uri(format!("/support/status?token={token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.into_body().collect().await.unwrap().to_bytes();
    let html = String::from_utf8(html.to_vec()).unwrap();
    assert!(html.contains(filed.body["reference"].as_str().unwrap()), "the page names the request");
    assert!(!html.contains(REACH), "and never the contact in full");
    let owner = app.sign_in(support::OWNER_PASSWORD).await.body["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let events = app.get("/v1/me/events", Some(&owner)).await;
    assert!(events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "support_requested"));
}

/// S01: a request for an identifier that names no account answers the same, field for field,
/// and the code it sends reads the same: in the language the person filed in, never the
/// account's (here a Chinese account's request, filed in English).
#[tokio::test]
async fn a_request_for_an_unknown_identifier_answers_alike() {
    let app = app().await;
    let input = regain_recovery::NewAccountInput {
        display_name: "Wang Fang".into(),
        email: Some(regain_recovery::Email::parse("wang.fang@example.com").unwrap()),
        phone: None,
        birthday: None,
        password: regain_recovery::Secret::new(support::OWNER_PASSWORD.into()),
        locale: Some("zh-CN".into()),
    };
    app.state.accounts.create(input, true).await.unwrap();
    let real = app
        .file_request("wang.fang@example.com", vec![Part::File("receipt", "r.png", png())])
        .await;
    let sent_for_real = app.delivered().await[0].message.clone();
    let unknown = app
        .file_request("nobody.here@example.com", vec![Part::File("receipt", "r.png", png())])
        .await;
    let sent_for_unknown = app.delivered().await[0].message.clone();
    assert_eq!((real.status, unknown.status), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    assert_eq!(shape(&real.body), shape(&unknown.body));
    let without_digits = |m: &regain_courier::Message| {
        let body: String = m.body.chars().filter(|c| !c.is_ascii_digit()).collect();
        (m.to.clone(), m.subject.clone(), body)
    };
    assert_eq!(without_digits(&sent_for_real), without_digits(&sent_for_unknown));
    assert!(sent_for_real.subject.unwrap().starts_with("Confirm this address"), "in English");
    let accounts: Vec<Option<i64>> =
        sqlx::query_scalar("SELECT account_id FROM support_requests ORDER BY created_at, id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(accounts.iter().filter(|a| a.is_none()).count(), 1, "only the store knows which");
}

/// S24, S27: every bad upload is a clear 4xx with its own code, and nothing is kept.
#[tokio::test]
async fn bad_uploads_are_refused_each_with_its_code_and_leave_nothing() {
    let app = app().await;
    let png = png();
    let mut bomb = png.clone();
    bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "an SVG",
            br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
        ),
        (
            "an HTML file named .jpg",
            b"<html><body>hi</body></html>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
        ),
        (
            "a truncated PNG",
            png[..png.len() / 2].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_file",
        ),
        (
            "a PNG claiming 60,000 × 60,000 pixels",
            bomb,
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_file",
        ),
        (
            "a PDF that is not one",
            b"%PDF-1.7 nothing else".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_file",
        ),
    ];
    // Each case names its own identifier: refused uploads still spend the identifier's budget.
    for (n, (what, bytes, status, code)) in cases.into_iter().enumerate() {
        let identifier = format!("case{n}@example.com");
        let reply = app
            .file_request(&identifier, vec![Part::File("id_document", "photo.jpg", bytes)])
            .await;
        assert_eq!((reply.status, reply.code()), (status, code), "{what}");
    }
    let too_big = app
        .file_request(
            "big@example.com",
            vec![Part::File("id_document", "big.jpg", vec![0xFF; 10 * 1024 * 1024 + 1])],
        )
        .await;
    assert_eq!(
        (too_big.status, too_big.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
        "a file over 10 MiB"
    );
    let six = (0..6).map(|_| Part::File("receipt", "r.png", png.clone())).collect();
    assert_eq!(app.file_request(EMAIL, six).await.body["fields"]["files"], json!(["too_many"]));
    let none = app.file_request(EMAIL, Vec::new()).await;
    assert_eq!(none.body["fields"]["files"], json!(["a_proof_is_required"]));
    let imei = app.file_request(EMAIL, vec![Part::Text("device", "490154203237519")]).await;
    assert_eq!(imei.body["fields"]["device"], json!(["invalid"]), "a wrong Luhn digit");
    let json_body = app.post("/v1/support/requests", None, json!({"identifier": EMAIL})).await;
    assert_eq!(
        (json_body.status, json_body.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    let (content_type, mut body) = form(&[Part::Text("identifier", EMAIL)]);
    body.truncate(body.len() - 10);
    let broken = app.upload(&content_type, body).await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY, "a body cut short");
    let (content_type, _) = form(&[]);
    let huge = app.upload(&content_type, vec![b'x'; 200 * 1024 * 1024]).await;
    assert_eq!(
        (huge.status, huge.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
        "a body over its limit"
    );
    let unknown = app.file_request(EMAIL, vec![Part::Text("password", "surely not")]).await;
    assert_eq!(unknown.code(), "unknown_field", "no field takes a password");
    assert_eq!(app.count("support_requests").await, 0);
    assert_eq!(app.count("support_proofs").await, 0);
}

/// S04: requests are throttled per client address: five a day from one address (each for
/// another account, to another contact), then `rate_limited`, while another address files.
#[tokio::test]
async fn requests_are_throttled_per_address() {
    let mut config = recovery_config();
    config.server.client_ip_header = "x-real-ip".into();
    let app = TestApp::with_config(config, true).await;
    let from =
        |n: usize, ip: &'static str| filed_by(&app, n, format!("reach{n}@example.org"), Some(ip));
    for n in 0..5 {
        assert_eq!(from(n, "203.0.113.7").await.status, StatusCode::ACCEPTED, "request {n}");
    }
    let held = from(5, "203.0.113.7").await;
    assert_eq!((held.status, held.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    assert_eq!(from(6, "198.51.100.20").await.status, StatusCode::ACCEPTED, "another address");
}

/// S04: requests are throttled per identifier; the contact's code has five tries and then
/// ends.
#[tokio::test]
async fn requests_are_throttled_and_the_contacts_code_has_five_tries() {
    let app = app().await;
    app.owner().await;
    let mut last: Option<Value> = None;
    for _ in 0..3 {
        let reply = app.file_request(EMAIL, vec![Part::File("receipt", "r.png", png())]).await;
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.body);
        last = Some(reply.body);
    }
    let held = app.file_request(EMAIL, vec![Part::File("receipt", "r.png", png())]).await;
    assert_eq!(
        (held.status, held.code()),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
        "three a day per identifier"
    );
    let filed = last.unwrap();
    let id = filed["request_id"].as_str().unwrap();
    let token = filed["status_token"].as_str().unwrap();
    for _ in 0..5 {
        let wrong = app.confirm_contact(id, "000000", token).await;
        assert_eq!(wrong.code(), "invalid_code");
    }
    let messages = app.delivered().await;
    let code =
        code_in(&messages.iter().rev().find(|m| m.message.to == REACH).unwrap().message.body);
    let late = app.confirm_contact(id, &code, token).await;
    assert_eq!(late.code(), "code_expired", "five tries, then the code ends");
}

/// The status endpoint tells a missing credential from a wrong one, as every other endpoint
/// behind a token does (found by the schema fuzzer): no token is 401, an unknown one 404.
#[tokio::test]
async fn the_status_needs_a_token_and_an_unknown_one_finds_nothing() {
    let app = app().await;
    let none = app.get("/v1/support/status", None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED, "{}", none.body);
    assert_eq!(none.code(), "unauthenticated");
    let unknown = status(&app, "st_not-a-real-token").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    assert_eq!(unknown.code(), "not_found");
}

/// S04: requests are throttled per contact as well: the code to confirm it counts against the
/// budget per destination (`recovery.throttle.sends_per_destination`), whatever identifier each
/// request names, while another contact still files and the first files again once its window
/// has passed.
#[tokio::test]
async fn requests_are_throttled_per_contact() {
    let mut config = recovery_config();
    config.recovery.throttle.sends_per_destination.limit = 3;
    config.recovery.throttle.sends_per_destination.window_secs = 3600;
    let app = TestApp::with_config(config, true).await;
    let to = |n: usize, contact: &str| filed_by(&app, n, contact.to_owned(), None);
    for n in 0..3 {
        assert_eq!(to(n, REACH).await.status, StatusCode::ACCEPTED, "request {n}");
    }
    let held = to(3, REACH).await;
    assert_eq!((held.status, held.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    assert_eq!(to(4, "another.way@example.org").await.status, StatusCode::ACCEPTED);
    app.clock.advance(3600);
    assert_eq!(to(5, REACH).await.status, StatusCode::ACCEPTED, "once the window has passed");
}
