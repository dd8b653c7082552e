//! The HTTP API through the real router, in-process, on a real SQLite file.
#![allow(clippy::unwrap_used)]

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use regain_e2e::code_in;
use serde_json::json;
use support::{sign_up_body, Backend, TestApp, PASSWORD};

#[tokio::test]
async fn sign_up_signs_in_and_sends_a_code_to_each_contact() {
    let app = TestApp::local().await;
    let body = app.sign_up().await;
    let account = &body["account"];
    assert_eq!(account["email"], json!({"masked": "l•••@example.com", "confirmed": false}));
    assert_eq!(account["phone"], json!({"masked": "+86 ••• •••• 00", "confirmed": false}));
    let id = account["account_id"].as_u64().unwrap();
    assert!((1_000_000_000..=9_999_999_999).contains(&id));

    let token = body["session"]["access_token"].as_str().unwrap();
    let me = app.get("/v1/me", Some(token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["account_id"], id);

    app.deliver().await;
    let messages = app.state.dev_outbox.as_ref().unwrap().messages();
    assert_eq!(messages.len(), 2);
    let email = messages.iter().find(|m| m.message.to == "li.wei@example.com").unwrap();
    assert_eq!(
        email.message.subject.as_deref(),
        Some("确认您在 Regain 的邮箱地址"),
        "the account's locale"
    );
    assert!(messages.iter().any(|m| m.message.to == "+8613800138000"));
}

#[tokio::test]
async fn contacts_are_confirmed_by_their_code_once() {
    let app = TestApp::local().await;
    let token = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();
    let code = app.last_code_to("li.wei@example.com").await;

    // Spaces from copy and paste are fine.
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let reply = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": spaced}))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    let me = app.get("/v1/me", Some(&token)).await;
    assert_eq!(me.body["email"]["confirmed"], true);
    assert_eq!(me.body["phone"]["confirmed"], false);

    let again = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": code}))
        .await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "nothing_to_confirm"));

    let phone_code = app.last_code_to("+8613800138000").await;
    let reply = app
        .post(
            "/v1/me/contacts/confirm",
            Some(&token),
            json!({"channel": "phone", "code": phone_code}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn five_wrong_codes_end_the_code_and_a_resend_supersedes_it() {
    let app = TestApp::local().await;
    let token = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();
    let first = app.last_code_to("li.wei@example.com").await;
    let wrong = if first == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let reply = app
            .post(
                "/v1/me/contacts/confirm",
                Some(&token),
                json!({"channel": "email", "code": wrong}),
            )
            .await;
        assert_eq!((reply.status, reply.code()), (StatusCode::BAD_REQUEST, "invalid_code"));
    }
    // The sixth try is refused even with the right code.
    let reply = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": first}))
        .await;
    assert_eq!(reply.code(), "code_expired");

    // A new code only after 60 s; the answer says when.
    let early = app.post("/v1/me/contacts/resend", Some(&token), json!({"channel": "email"})).await;
    assert_eq!((early.status, early.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    assert_eq!(early.headers["retry-after"], "60");
    assert_eq!(early.body["retry_after_secs"], 60);

    app.clock.advance(60);
    let resent =
        app.post("/v1/me/contacts/resend", Some(&token), json!({"channel": "email"})).await;
    assert_eq!(resent.status, StatusCode::ACCEPTED);
    let second = app.last_code_to("li.wei@example.com").await;
    if second != first {
        let old = app
            .post(
                "/v1/me/contacts/confirm",
                Some(&token),
                json!({"channel": "email", "code": first}),
            )
            .await;
        assert_eq!(old.code(), "invalid_code", "the first code is superseded");
    }
    let ok = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": second}))
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn codes_expire_after_ten_minutes() {
    let app = TestApp::local().await;
    let token = app.sign_up().await["session"]["access_token"].as_str().unwrap().to_owned();
    let code = app.last_code_to("li.wei@example.com").await;
    app.clock.advance(600);
    let reply = app
        .post("/v1/me/contacts/confirm", Some(&token), json!({"channel": "email", "code": code}))
        .await;
    assert_eq!(reply.code(), "code_expired");
}

#[tokio::test]
async fn sign_in_by_email_phone_or_account_id() {
    let app = TestApp::local().await;
    let id = app.sign_up().await["account"]["account_id"].as_u64().unwrap();
    for (identifier, region) in [
        (json!("LI.WEI@example.com"), json!(null)),
        (json!("+86 138-0013-8000"), json!(null)),
        (json!("13800138000"), json!("CN")),
        (json!(id.to_string()), json!(null)),
    ] {
        let reply = app
            .post(
                "/v1/sessions",
                None,
                json!({"identifier": identifier, "password": PASSWORD, "region": region}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{identifier}: {}", reply.body);
        assert_eq!(reply.body["account_id"], id);
        assert!(reply.body["access_token"].as_str().unwrap().starts_with("rga_"));
        assert!(reply.body["refresh_token"].as_str().unwrap().starts_with("rgr_"));
    }
    let sessions = app.count("sessions").await;
    assert_eq!(sessions, 5, "sign-up and four sign-ins");
}

#[tokio::test]
async fn wrong_password_and_unknown_account_answer_alike() {
    let app = TestApp::local().await;
    app.sign_up().await;
    let wrong_password = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "li.wei@example.com", "password": "not the password at all"}),
        )
        .await;
    let unknown = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "nobody@example.com", "password": PASSWORD}),
        )
        .await;
    let garbage =
        app.post("/v1/sessions", None, json!({"identifier": "???", "password": PASSWORD})).await;
    for reply in [&wrong_password, &unknown, &garbage] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.body, wrong_password.body);
        assert_eq!(reply.code(), "invalid_credentials");
    }
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_refresh_token_revokes_the_session() {
    let app = TestApp::local().await;
    let session = app.sign_up().await["session"].clone();
    let old_access = session["access_token"].as_str().unwrap();
    let old_refresh = session["refresh_token"].as_str().unwrap();

    let rotated =
        app.post("/v1/sessions/refresh", None, json!({"refresh_token": old_refresh})).await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    assert_eq!(rotated.body["session_id"], session["session_id"]);
    let new_access = rotated.body["access_token"].as_str().unwrap();
    let new_refresh = rotated.body["refresh_token"].as_str().unwrap();
    assert_ne!(new_refresh, old_refresh);
    assert_eq!(app.get("/v1/me", Some(old_access)).await.code(), "unauthenticated");
    assert_eq!(app.get("/v1/me", Some(new_access)).await.status, StatusCode::OK);

    // The old refresh token again: a replay. The whole session ends.
    let replay =
        app.post("/v1/sessions/refresh", None, json!({"refresh_token": old_refresh})).await;
    assert_eq!((replay.status, replay.code()), (StatusCode::UNAUTHORIZED, "invalid_refresh_token"));
    assert_eq!(app.get("/v1/me", Some(new_access)).await.code(), "unauthenticated");
    let after = app.post("/v1/sessions/refresh", None, json!({"refresh_token": new_refresh})).await;
    assert_eq!(after.code(), "invalid_refresh_token");
}

#[tokio::test]
async fn access_tokens_expire_and_sign_out_revokes() {
    let app = TestApp::local().await;
    let session = app.sign_up().await["session"].clone();
    let access = session["access_token"].as_str().unwrap();
    let second = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": "li.wei@example.com", "password": PASSWORD}),
        )
        .await;
    let second_access = second.body["access_token"].as_str().unwrap();

    let list = app.get("/v1/sessions", Some(second_access)).await;
    let sessions = list.body["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);

    let out = app.call(Method::DELETE, "/v1/sessions/current", Some(second_access), None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/v1/me", Some(second_access)).await.code(), "unauthenticated");
    assert_eq!(
        app.get("/v1/sessions", Some(access)).await.body["sessions"].as_array().unwrap().len(),
        1
    );

    app.clock.advance(15 * 60);
    assert_eq!(app.get("/v1/me", Some(access)).await.code(), "unauthenticated");
    let refreshed = app
        .post("/v1/sessions/refresh", None, json!({"refresh_token": session["refresh_token"]}))
        .await;
    assert_eq!(refreshed.status, StatusCode::OK, "the refresh token outlives the access token");

    assert_eq!(app.get("/v1/me", None).await.code(), "unauthenticated");
    assert_eq!(app.get("/v1/me", Some("rga_forged")).await.code(), "unauthenticated");
}

/// SECURITY.md S24: each kind of bad input gets its 4xx and stable code, and nothing is written.
#[tokio::test]
async fn bad_input_is_refused_with_a_stable_code_and_nothing_is_written() {
    let app = TestApp::local().await;
    let raw = |content_type: &str, body: Vec<u8>| {
        Request::builder()
            .method(Method::POST)
            .uri("/v1/accounts")
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let with = |key: &str, value: serde_json::Value| {
        let mut body = sign_up_body();
        body[key] = value;
        body
    };
    let without = |key: &str| {
        let mut body = sign_up_body();
        body.as_object_mut().unwrap().remove(key);
        body
    };

    let malformed = app.request(raw("application/json", b"{\"display_name\": ".to_vec())).await;
    assert_eq!((malformed.status, malformed.code()), (StatusCode::BAD_REQUEST, "invalid_json"));

    let trailing = app
        .request(raw(
            "application/json",
            format!("{} x", with("captcha", json!("solved"))).into_bytes(),
        ))
        .await;
    assert_eq!(trailing.code(), "invalid_json");

    let form =
        app.request(raw("application/x-www-form-urlencoded", b"display_name=x".to_vec())).await;
    assert_eq!(
        (form.status, form.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );

    let mut huge = sign_up_body();
    huge["display_name"] = json!("x".repeat(65 * 1024));
    let too_large = app.request(raw("application/json", huge.to_string().into_bytes())).await;
    assert_eq!(
        (too_large.status, too_large.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );

    let unknown = app.post_sign_up(with("is_admin", json!(true))).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::BAD_REQUEST, "unknown_field"));
    assert_eq!(unknown.body["fields"], json!({"is_admin": ["unknown"]}));

    let missing = app.post_sign_up(without("password")).await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    assert_eq!(missing.body["fields"], json!({"password": ["required"]}));

    // A wrong type must not echo the value (it could be a password).
    let wrong_type = app.post_sign_up(with("display_name", json!(["s3cret-value"]))).await;
    assert_eq!(wrong_type.code(), "invalid_field");
    assert!(!wrong_type.body.to_string().contains("s3cret"), "{}", wrong_type.body);

    let phone = app.post_sign_up(with("phone", json!("12345"))).await;
    assert_eq!((phone.status, phone.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_phone"));
    let email = app.post_sign_up(with("email", json!("li.wei@"))).await;
    assert_eq!((email.status, email.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_email"));

    let short = app.post_sign_up(with("password", json!("fourteen chars"))).await;
    assert_eq!((short.status, short.code()), (StatusCode::UNPROCESSABLE_ENTITY, "weak_password"));
    assert_eq!(short.body["fields"], json!({"password": ["too_short"]}));

    let mut no_contact = without("email");
    no_contact.as_object_mut().unwrap().remove("phone");
    let no_contact = app.post_sign_up(no_contact).await;
    assert_eq!(no_contact.code(), "invalid_field");

    let birthday = app.post_sign_up(with("birthday", json!("1999-02-30"))).await;
    assert_eq!(birthday.body["fields"], json!({"birthday": ["invalid_date"]}));

    for table in ["accounts", "sessions", "contact_confirmations", "outbox"] {
        assert_eq!(app.count(table).await, 0, "{table} must stay empty");
    }
}

/// SECURITY.md S06 and S16: only MACs and hashes are stored, and passwords use argon2id at
/// OWASP's floor or stronger.
#[tokio::test]
async fn the_database_holds_no_code_token_or_plain_password() {
    let app = TestApp::local().await;
    let body = app.sign_up().await;
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM accounts").fetch_one(&app.db).await.unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");

    // Before delivery the outbox holds the sealed messages; look at every byte then and after.
    let station = app.state.staff.register_station("desk-1").await.unwrap();
    let mut secrets = vec![
        body["session"]["access_token"].as_str().unwrap().to_owned(),
        body["session"]["refresh_token"].as_str().unwrap().to_owned(),
        PASSWORD.to_owned(),
        station.key.expose().to_owned(),
    ];
    let dump_before = dump(&app).await;
    app.deliver().await;
    for message in app.state.dev_outbox.as_ref().unwrap().messages() {
        secrets.push(code_in(&message.message.body));
    }
    let dump_after = dump(&app).await;
    for secret in &secrets {
        assert!(!dump_before.contains(secret.as_str()), "stored in plain text before delivery");
        assert!(!dump_after.contains(secret.as_str()), "stored in plain text after delivery");
    }
    let sealed_left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sealed IS NOT NULL")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(sealed_left, 0, "delivered messages are erased");
}

/// Everything the database holds, as text: every byte of SQLite's files (their free pages
/// too), or every row of every table on PostgreSQL, binary columns with their printable bytes
/// as themselves (not as hex, where a secret in plain text would hide).
async fn dump(app: &TestApp) -> String {
    if app.backend == Backend::Postgres {
        let mut connection = app.db.acquire().await.unwrap();
        sqlx::query("SET bytea_output = 'escape'").execute(&mut *connection).await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_all(&mut *connection)
        .await
        .unwrap();
        let mut all = String::new();
        for table in tables {
            let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT t::text FROM {table} t"))
                .fetch_all(&mut *connection)
                .await
                .unwrap();
            all.extend(rows);
        }
        return all;
    }
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&app.db).await.unwrap();
    let mut all = Vec::new();
    for entry in std::fs::read_dir(app.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("regain.sqlite3") {
            all.extend(std::fs::read(path).unwrap());
        }
    }
    String::from_utf8_lossy(&all).into_owned()
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_with_error_bodies() {
    let app = TestApp::local().await;
    let missing = app.get("/v1/nothing-here", None).await;
    assert_eq!((missing.status, missing.code()), (StatusCode::NOT_FOUND, "not_found"));
    let method = app.call(Method::PUT, "/v1/sessions", None, None).await;
    assert_eq!(
        (method.status, method.code()),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
    );
    assert_eq!(missing.headers["cache-control"], "no-store");
    assert_eq!(missing.headers["referrer-policy"], "no-referrer");
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_and_the_dev_outbox_only_locally() {
    let local = TestApp::local().await;
    let spec = local.get("/openapi.json", None).await.body;
    for path in [
        "/healthz",
        "/v1/accounts",
        "/v1/me",
        "/v1/me/contacts/confirm",
        "/v1/me/contacts/resend",
        "/v1/sessions",
        "/v1/sessions/refresh",
        "/v1/sessions/current",
        "/v1/dev/outbox",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing from the spec");
    }
    assert!(spec["components"]["schemas"]["ErrorBody"].is_object());
    assert!(spec["components"]["schemas"]["ErrorCode"].is_object());
    assert_eq!(local.get("/healthz", None).await.body["status"], "ok");

    let config =
        support::live_config_with_a_dead_sms_gateway(regain_server::config::Config::default());
    let remote = TestApp::with_config(config, false).await;
    assert_eq!(remote.get("/v1/dev/outbox", None).await.status, StatusCode::NOT_FOUND);
    assert!(remote.get("/openapi.json", None).await.body["paths"]["/v1/dev/outbox"].is_null());
}

/// One sign-in attempt for `identifier`, from `ip` when given (read from `x-real-ip`).
async fn sign_in_as(
    app: &TestApp,
    identifier: &str,
    password: &str,
    ip: Option<&str>,
) -> support::Reply {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/v1/sessions")
        .header("content-type", "application/json");
    if let Some(ip) = ip {
        request = request.header("x-real-ip", ip);
    }
    let body = json!({"identifier": identifier, "password": password}).to_string();
    app.request(request.body(Body::from(body)).unwrap()).await
}

/// Sign-in attempts per identifier: ten a quarter of an hour, then `429` with `Retry-After`,
/// the same for an identifier that names no account; the right password does not get through
/// the throttle, but only the identifier that was hammered is held, and only for the window.
#[tokio::test]
async fn sign_ins_are_throttled_per_identifier_alike_for_unknown_ones() {
    let app = TestApp::local().await;
    app.sign_up().await;
    let mut answers = Vec::new();
    for identifier in ["li.wei@example.com", "nobody@example.com"] {
        for attempt in 0..10 {
            let reply = sign_in_as(&app, identifier, "a wrong guess, again and again", None).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{identifier} attempt {attempt}");
        }
        let held = sign_in_as(&app, identifier, PASSWORD, None).await;
        assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS, "{identifier}: {}", held.body);
        assert_eq!(held.code(), "rate_limited");
        answers.push((held.body.clone(), held.headers["retry-after"].clone()));
    }
    assert_eq!(answers[0], answers[1], "an unknown identifier is throttled alike");
    assert_eq!(answers[0].1, "900");
    assert_eq!(answers[0].0["retry_after_secs"], 900);

    // Another identifier of the same account is not held; the hammered one is, until its
    // window has passed.
    let by_phone = sign_in_as(&app, "+8613800138000", PASSWORD, None).await;
    assert_eq!(by_phone.status, StatusCode::CREATED, "{}", by_phone.body);
    app.clock.advance(899);
    assert_eq!(sign_in_as(&app, "li.wei@example.com", PASSWORD, None).await.status, 429);
    app.clock.advance(2);
    assert_eq!(
        sign_in_as(&app, "li.wei@example.com", PASSWORD, None).await.status,
        StatusCode::CREATED
    );
}

/// NIST SP 800-63B-4 §3.2.2 (S04): 100 consecutive failed sign-ins, across every identifier
/// of the account and every window, hold it: even its right password then gets the answer of
/// a wrong one (whose words point to recovery), and a recovery's new password frees it. A
/// success before the cap starts the count again.
#[tokio::test]
async fn a_hundred_consecutive_failures_hold_the_account_until_a_recovery() {
    let app = TestApp::with_config(support::recovery_config(), true).await;
    let id = app.owner().await.to_string();
    let identifiers = ["li.wei@example.com", "+8613800138000", id.as_str()];
    // Spread over the identifiers and over time, so that no throttle window ever holds them.
    let fail = |n: usize| {
        let app = &app;
        let identifier = identifiers[n % 3];
        async move {
            app.clock.advance(100);
            let reply = sign_in_as(app, identifier, "a guess, one of many", None).await;
            assert_eq!(reply.code(), "invalid_credentials", "attempt {n}: {}", reply.body);
            reply
        }
    };
    for n in 0..99 {
        fail(n).await;
    }
    let owner = support::OWNER_PASSWORD;
    assert_eq!(sign_in_as(&app, "li.wei@example.com", owner, None).await.status, 201);
    let mut wrong = None;
    for n in 0..100 {
        wrong = Some(fail(n).await);
    }
    app.clock.advance(100);
    let held = sign_in_as(&app, &id, owner, None).await;
    assert_eq!(held.status, StatusCode::UNAUTHORIZED, "the right password, held");
    assert_eq!(held.body, wrong.unwrap().body, "answered as a wrong one");
    let unknown = sign_in_as(&app, "nobody@example.com", owner, None).await;
    assert_eq!(held.body, unknown.body, "and as an unknown identifier's");

    let (flow, reset) =
        support::pass_by_code(&app, "li.wei@example.com", "email", "li.wei@example.com").await;
    let new_password = "saffron glacier tandem 4410";
    assert_eq!(support::set_password(&app, &flow, &reset, new_password).await.status, 200);
    let freed = sign_in_as(&app, "+8613800138000", new_password, None).await;
    assert_eq!(freed.status, StatusCode::CREATED, "{}", freed.body);
    let token = freed.body["access_token"].as_str().unwrap();
    let events = app.get("/v1/me/events", Some(token)).await.body["events"].clone();
    assert!(
        events
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "sign_in" && e["outcome"] == "locked"),
        "the owner reads why: {events}"
    );
}

/// A successful sign-in clears its identifier's count: the rightful owner who mistyped is
/// never held by their own mistakes once they get it right.
#[tokio::test]
async fn a_successful_sign_in_clears_the_identifiers_count() {
    let app = TestApp::local().await;
    app.sign_up().await;
    for _ in 0..9 {
        assert_eq!(app.sign_in("not quite the password").await.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.sign_in(PASSWORD).await.status, StatusCode::CREATED);
    for attempt in 0..10 {
        let reply = app.sign_in("not quite the password").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt} after the reset");
    }
    assert_eq!(app.sign_in(PASSWORD).await.status, StatusCode::TOO_MANY_REQUESTS);
}

/// Sign-in attempts per client address, across identifiers.
#[tokio::test]
async fn sign_ins_are_throttled_per_address() {
    let mut config = regain_server::config::Config::default();
    config.server.client_ip_header = "x-real-ip".into();
    config.sessions.throttle.sign_ins_per_ip.limit = 3;
    let app = TestApp::with_config(config, true).await;
    app.sign_up().await;
    let mut statuses = Vec::new();
    for (identifier, ip) in [
        ("a@example.com", "203.0.113.7"),
        ("b@example.com", "203.0.113.7"),
        ("c@example.com", "203.0.113.7"),
        ("li.wei@example.com", "203.0.113.7"),
        ("li.wei@example.com", "203.0.113.8"),
    ] {
        let password = if identifier == "li.wei@example.com" { PASSWORD } else { "guess" };
        let reply = sign_in_as(&app, identifier, password, Some(ip)).await;
        statuses.push((reply.status.as_u16(), reply.headers.contains_key("retry-after")));
    }
    assert_eq!(statuses, [(401, false), (401, false), (401, false), (429, true), (201, false)]);
}

/// Every sign-in attempt on an account is a security event its owner can read (S23): refused,
/// throttled and signed in, from which address, and never the password tried.
#[tokio::test]
async fn sign_in_attempts_are_security_events_the_owner_can_read() {
    let mut config = regain_server::config::Config::default();
    config.server.client_ip_header = "x-real-ip".into();
    config.sessions.throttle.sign_ins_per_identifier.limit = 2;
    let app = TestApp::with_config(config, true).await;
    app.sign_up().await;
    let guess = "someone else's guess at it";
    sign_in_as(&app, "li.wei@example.com", guess, Some("198.51.100.4")).await;
    sign_in_as(&app, "li.wei@example.com", guess, Some("198.51.100.4")).await;
    sign_in_as(&app, "li.wei@example.com", guess, Some("198.51.100.4")).await;
    app.clock.advance(15 * 60 + 1);
    let signed_in = sign_in_as(&app, "li.wei@example.com", PASSWORD, Some("192.0.2.1")).await;
    let access = signed_in.body["access_token"].as_str().unwrap().to_owned();
    let events = app.get("/v1/me/events", Some(&access)).await;
    assert_eq!(events.status, StatusCode::OK, "{}", events.body);
    let sign_ins: Vec<(String, String, String)> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "sign_in")
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (text("outcome"), text("ip"), text("method"))
        })
        .collect();
    let expected =
        |outcome: &str, ip: &str| (outcome.to_owned(), ip.to_owned(), "password".to_owned());
    assert_eq!(
        sign_ins,
        [
            expected("ok", "192.0.2.1"),
            expected("throttled", "198.51.100.4"),
            expected("refused", "198.51.100.4"),
            expected("refused", "198.51.100.4"),
        ],
        "newest first: {}",
        events.body
    );
    let stored: Vec<(String,)> = sqlx::query_as("SELECT kind || outcome || coalesce(ip, '') || coalesce(user_agent, '') FROM security_events")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let dump = format!("{stored:?} {}", events.body);
    assert!(!dump.contains(guess) && !dump.contains(PASSWORD), "no password in any event");
}

/// Issue 21: the language a person chose is kept whole at sign-up (Hindi stays `hi`, never
/// English by a two-value mapping), and a signed-in person's change of the app's language
/// updates it; a tag that is no language is refused with its field named.
#[tokio::test]
async fn the_chosen_language_is_kept_whole_and_follows_the_apps() {
    let app = TestApp::local().await;
    let mut body = sign_up_body();
    body["locale"] = json!("hi");
    let signed_up = app.post_sign_up(body).await;
    assert_eq!(signed_up.status, StatusCode::CREATED, "{}", signed_up.body);
    assert_eq!(signed_up.body["account"]["locale"], "hi");
    let token = signed_up.body["session"]["access_token"].as_str().unwrap().to_owned();

    let put = |locale: &'static str| {
        app.call(Method::PUT, "/v1/me/locale", Some(&token), Some(json!({"locale": locale})))
    };
    let changed = put("pt-br").await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["locale"], "pt-BR", "kept whole, its casing normalised");
    let refused = put("not a language").await;
    assert_eq!(refused.code(), "invalid_field");
    assert_eq!(refused.body["fields"]["locale"], json!(["invalid"]));
    assert_eq!(put("  ").await.code(), "invalid_field", "no language is not English");
    assert_eq!(app.get("/v1/me", Some(&token)).await.body["locale"], "pt-BR");
}
