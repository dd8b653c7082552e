//! The app's commands through Tauri's mock runtime, exactly as the web UI invokes them (the IPC
//! layer, the real context and its capabilities), against a real recovery service on SQLite:
//! the embedded local one, and the same service reached as a remote backend.
#![allow(clippy::unwrap_used)]

mod support;

use regain_client::VouchingAnswer;
use regain_e2e::code_in;
use regain_protocol::Secret;
use serde_json::{json, Value};
use support::*;

#[test]
fn a_whole_recovery_by_sms_then_sign_in_with_the_new_password() {
    let app = TestApp::local();
    let status = app.ok("app_status", json!({}));
    assert_eq!(status["mode"], "local");
    assert_eq!(status["demo"]["email"], DEMO_EMAIL);

    // A second session, signed in and remembered before the recovery.
    let before = app.sign_in(DEMO_PASSWORD, true).unwrap();
    assert_eq!(before["account"]["display_name"], "Alex Demo");
    assert_eq!(before["remembered"], true);
    assert!(app.vault.load("local").unwrap().is_some());

    let flow = app.start(DEMO_EMAIL);
    assert_eq!(flow["state"], "choose_method");
    let flow = app.ok("choose_method", json!({"method": "sms"}));
    assert_eq!(flow["state"], "enter_code");
    assert!(flow["challenge"]["destination"].as_str().unwrap().contains('•'));
    let attempts = flow["challenge"]["attempts_left"].as_u64().unwrap();

    let code = code_in(app.message_to(DEMO_PHONE)["body"].as_str().unwrap());
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(app.code("verify_code", json!({"code": wrong})), "invalid_code");
    let flow = app.ok("current_recovery", json!({}));
    assert_eq!(flow["challenge"]["attempts_left"].as_u64().unwrap(), attempts - 1);

    // Resending before the countdown ends is throttled, with when to try again.
    let error = app.invoke("resend_code", json!({})).unwrap_err();
    assert_eq!(error["code"], "rate_limited", "{error}");
    assert!(error["retry_after_secs"].as_u64().unwrap() > 0);

    // Typed with spaces, in Arabic-Indic digits: folded to the code.
    let arabic: String =
        code.chars().map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap()).collect();
    let spaced = format!("{} {}", &arabic[..6], &arabic[6..]);
    let flow = app.ok("verify_code", json!({"code": spaced}));
    assert_eq!(flow["state"], "choose_password");

    // Live guidance names the rule; the service's verdict is final.
    let strength = app.ok("evaluate_password", json!({"password": "demo@example.com"}));
    assert_eq!(strength["acceptable"], false);
    let error = app.invoke("set_new_password", json!({"password": "short"})).unwrap_err();
    assert_eq!(error["code"], "weak_password");
    assert!(error["fields"]["new_password"].as_array().unwrap().contains(&json!("too_short")));
    let strength = app.ok("evaluate_password", json!({"password": NEW_PASSWORD}));
    assert_eq!(strength["acceptable"], true, "{strength}");
    app.ok("set_new_password", json!({"password": NEW_PASSWORD}));

    // Every session ended, this app's and its remembered one included.
    let status = app.ok("session_status", json!({}));
    assert_eq!(status["account"], Value::Null);
    assert!(app.vault.load("local").unwrap().is_none());
    assert_eq!(app.ok("current_recovery", json!({})), Value::Null);

    assert_eq!(app.sign_in(DEMO_PASSWORD, false).unwrap_err()["code"], "invalid_credentials");
    let after = app.sign_in(NEW_PASSWORD, false).unwrap();
    assert_eq!(after["remembered"], false);
    let overview = app.ok("security_overview", json!({}));
    assert_eq!(overview["sessions"].as_array().unwrap().len(), 1);
    let kinds: Vec<&str> =
        overview["events"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.contains(&"password_reset"), "{kinds:?}");
    let out = app.ok("sign_out", json!({}));
    assert_eq!(out["account"], Value::Null);
    assert_eq!(app.code("security_overview", json!({})), "not_signed_in");
}

#[test]
fn the_emailed_link_opens_the_flow_in_the_app() {
    let app = TestApp::local();
    app.start(DEMO_PHONE);
    app.ok("choose_method", json!({"method": "email"}));
    let body = app.message_to(DEMO_EMAIL)["body"].as_str().unwrap().to_owned();
    let link = body.split_whitespace().find(|w| w.contains("/recover/link?")).unwrap();
    let query = link.split_once('?').unwrap().1;
    // The app's own scheme, as the deep-link plugin hands it over.
    let flow = app.ok("open_recovery_link", json!({"link": format!("regain://recover?{query}")}));
    assert_eq!(flow["state"], "choose_password");
    app.ok("set_new_password", json!({"password": NEW_PASSWORD}));
    // A link works once: the flow it named is over.
    assert_eq!(
        app.code("open_recovery_link", json!({"link": format!("regain://recover?{query}")})),
        "flow_expired"
    );
    assert_eq!(
        app.code("open_recovery_link", json!({"link": "regain://recover?flow=x"})),
        "invalid_link"
    );
}

#[test]
fn every_error_has_its_stable_code() {
    let app = TestApp::local();
    // No captcha solved yet, no recovery started, not signed in.
    assert_eq!(
        app.code("start_recovery", json!({"identifier": DEMO_EMAIL, "region": null})),
        "captcha_unsolved"
    );
    assert_eq!(app.code("verify_code", json!({"code": "123456"})), "no_recovery");
    assert_eq!(app.code("set_new_password", json!({"password": NEW_PASSWORD})), "no_recovery");
    assert_eq!(app.code("security_overview", json!({})), "not_signed_in");
    assert_eq!(
        app.sign_in("wrong password entirely", false).unwrap_err()["code"],
        "invalid_credentials"
    );

    // A flow that is not this account's: unknown identifiers look the same (S01).
    let flow = app.start("nobody@example.com");
    assert_eq!(flow["state"], "choose_method");
    app.ok("choose_method", json!({"method": "email"}));
    assert_eq!(app.code("verify_code", json!({"code": "12345x"})), "invalid_code");
    assert_eq!(
        app.code("choose_method", json!({"method": "security_questions"})),
        "method_unavailable"
    );

    // Bad settings.
    assert_eq!(
        app.code("set_backend", json!({"url": "http://recover.example.com"})),
        "insecure_url"
    );
    assert_eq!(app.code("set_backend", json!({"url": "not a url"})), "invalid_url");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    assert_eq!(
        app.code("set_backend", json!({"url": format!("http://127.0.0.1:{port}")})),
        "backend_unreachable"
    );
    assert_eq!(app.code("set_language", json!({"language": "<script>"})), "invalid_field");
    // Nothing above changed the backend.
    assert_eq!(app.ok("app_status", json!({}))["mode"], "local");
    // A command the capabilities do not grant is refused by the IPC layer.
    assert!(app.invoke("plugin:shell|execute", json!({})).is_err());
}

#[test]
fn a_remote_backend_works_the_same() {
    // A second service, reached over HTTP as a remote backend (not the app's embedded one).
    let dir = tempfile::tempdir().unwrap();
    let remote =
        tauri::async_runtime::block_on(regain_server::local::Embedded::start(dir.path())).unwrap();
    let app = TestApp::local();
    let status = app.ok("set_backend", json!({"url": remote.base_url()}));
    assert_eq!(status["mode"], "remote");
    assert_eq!(status["demo"], Value::Null);
    assert_eq!(app.code("dev_inbox", json!({})), "not_found");

    app.start(DEMO_EMAIL);
    app.ok("choose_method", json!({"method": "sms"}));
    // The dev inbox of that service, read the way a test reads an SMS gateway.
    let client = regain_client::Client::new(remote.base_url()).unwrap();
    let outbox = tauri::async_runtime::block_on(async {
        for _ in 0..100 {
            let outbox = client.dev_outbox().await.unwrap();
            if !outbox.messages.is_empty() {
                return outbox;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("nothing sent");
    });
    let code = code_in(&outbox.messages[0].body);
    assert_eq!(app.ok("verify_code", json!({"code": code}))["state"], "choose_password");
    app.ok("set_new_password", json!({"password": NEW_PASSWORD}));
    let signed_in = app.sign_in(NEW_PASSWORD, true).unwrap();
    assert_eq!(signed_in["remembered"], true);
    // Its session is remembered under its own URL, never offered to another backend.
    assert!(app.vault.load(remote.base_url()).unwrap().is_some());
    assert!(app.vault.load("local").unwrap().is_none());
}

/// Recovery contacts from the security centre's commands (issue 20): the demo owner invites
/// another account, which accepts in its own app (here, the service's API as its app would
/// call it); the owner's list then names them, one may vouch alone only with the owner's
/// confirmation; and the other way round, an invitation to the demo account is answered here.
#[test]
fn recovery_contacts_are_invited_answered_and_counted_from_the_security_centre() {
    let app = TestApp::local();
    app.sign_in(DEMO_PASSWORD, false).unwrap();
    let state = app.state();
    let backend = tauri::async_runtime::block_on(state.backend()).unwrap();
    let client = backend.client.clone();
    // Ana's email is not confirmed yet: she is invited by her account ID.
    let (ana_id, ana) = signed_up(&client, "Ana Souza", "ana@example.org");

    let invited = app
        .ok("invite_recovery_contact", json!({"identifier": ana_id.to_string(), "region": null}));
    assert_eq!(invited["contacts"][0]["state"], "invited");
    assert_eq!(invited["threshold"], Value::Null);
    tauri::async_runtime::block_on(async {
        let theirs = client.recovery_contacts(&ana).await.unwrap();
        let id = &theirs.invitations[0].id;
        assert_eq!(theirs.invitations[0].name, "Alex Demo");
        client.answer_vouching(&ana, id, VouchingAnswer::Accept).await.unwrap();
    });
    let mine = app.ok("recovery_contacts", json!({}));
    assert_eq!(
        (mine["contacts"][0]["state"].clone(), mine["contacts"][0]["name"].clone()),
        (json!("active"), json!("Ana Souza"))
    );
    let refused = app.code("set_vouch_threshold", json!({"threshold": 1, "confirmWeaker": false}));
    assert_eq!(refused, "invalid_field");
    let one = app.ok("set_vouch_threshold", json!({"threshold": 1, "confirmWeaker": true}));
    assert_eq!(
        (one["threshold"].clone(), one["weaker_confirmed"].clone()),
        (json!(1), json!(true))
    );

    tauri::async_runtime::block_on(async {
        let request = regain_protocol::InviteRecoveryContactRequest {
            identifier: DEMO_EMAIL.into(),
            region: None,
        };
        client.invite_recovery_contact(&ana, &request).await.unwrap();
    });
    let asked = app.ok("recovery_contacts", json!({}));
    let id = asked["invitations"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(asked["invitations"][0]["name"], "Ana Souza");
    let answered = app.ok("answer_vouching", json!({"id": id, "answer": "accept"}));
    assert_eq!(answered["vouching_for"][0]["name"], "Ana Souza");
    assert_eq!(answered["invitations"], json!([]));
}

/// Another account, signed up through the service: its ID and access token.
fn signed_up(client: &regain_client::Client, name: &str, email: &str) -> (u64, Secret<String>) {
    tauri::async_runtime::block_on(async {
        let challenge = client.captcha_challenge().await.unwrap();
        let captcha = regain_client::captcha::solve(&challenge.0).unwrap();
        let signed_up = client
            .sign_up(&regain_protocol::SignUpRequest {
                display_name: name.into(),
                email: Some(email.into()),
                phone: None,
                region: None,
                birthday: None,
                password: Secret::new("amber lighthouse seventeen gulls".into()),
                locale: None,
                device: None,
                captcha: captcha.into_exposed(),
            })
            .await
            .unwrap();
        (signed_up.account.account_id, signed_up.session.access_token)
    })
}

/// A recovery vouched for by recovery contacts waits for days: the app keeps it (in the
/// keyring, as a session) and finds it again after a restart, at its waiting period; another
/// recovery abandoned leaves it kept; abandoned itself, it is forgotten.
#[test]
fn a_waiting_recovery_is_found_again_after_a_restart_and_forgotten_when_abandoned() {
    let app = TestApp::local();
    app.sign_in(DEMO_PASSWORD, false).unwrap();
    let client = {
        let state = app.state();
        tauri::async_runtime::block_on(state.backend()).unwrap().client.clone()
    };
    let mut friends = Vec::new();
    for (name, email) in [("Ana Souza", "ana@example.org"), ("Ben Okafor", "ben@example.org")] {
        let (id, token) = signed_up(&client, name, email);
        app.ok("invite_recovery_contact", json!({"identifier": id.to_string(), "region": null}));
        tauri::async_runtime::block_on(async {
            let theirs = client.recovery_contacts(&token).await.unwrap();
            let invitation = &theirs.invitations[0].id;
            client.answer_vouching(&token, invitation, VouchingAnswer::Accept).await.unwrap();
        });
        friends.push(token);
    }
    app.ok("sign_out", json!({}));

    app.start(DEMO_EMAIL);
    let asked = app.ok("choose_method", json!({"method": "recovery_contacts"}));
    let code = asked["challenge"]["vouching"]["code"].as_str().unwrap().to_owned();
    assert_eq!(app.code("confirm_vouches", json!({})), "vouches_pending");
    tauri::async_runtime::block_on(async {
        for token in &friends {
            let ask = client.recovery_contacts(token).await.unwrap().vouch_requests[0].id.clone();
            client.vouch(token, &ask, &Secret::new(code.clone())).await.unwrap();
        }
    });
    let waiting = app.ok("confirm_vouches", json!({}));
    assert_eq!(waiting["state"], "waiting");
    let ends_at = waiting["waiting"]["ends_at"].clone();

    let app = app.restarted();
    let found = app.ok("current_recovery", json!({}));
    assert_eq!(found["state"], "waiting", "{found}");
    assert_eq!(found["waiting"]["ends_at"], ends_at);
    assert_eq!(app.code("finish_waiting", json!({})), "waiting_period");

    // Abandoning another recovery leaves the kept one alone.
    let app = app.restarted();
    app.start(DEMO_PHONE);
    app.ok("cancel_recovery", json!({}));
    let app = app.restarted();
    assert_eq!(app.ok("current_recovery", json!({}))["state"], "waiting", "still kept");

    app.ok("cancel_recovery", json!({}));
    let app = app.restarted();
    assert_eq!(app.ok("current_recovery", json!({})), Value::Null, "abandoned: forgotten");
}

/// Issue 21: a signed-in person's change of the app's language is the account's too, so that
/// its emails and SMS follow; kept whole (`hi`, never mapped to English).
#[test]
fn changing_the_apps_language_changes_the_accounts() {
    let app = TestApp::local();
    app.sign_in(DEMO_PASSWORD, false).unwrap();
    app.ok("set_language", json!({"language": "hi"}));
    let overview = app.ok("security_overview", json!({}));
    assert_eq!(overview["account"]["locale"], "hi");
}

/// A kiosk forgets a customer long before a wait of days ends: it never asks recovery contacts,
/// whatever its screen offers.
#[test]
fn a_kiosk_never_asks_recovery_contacts() {
    let app = TestApp::kiosk();
    app.start(DEMO_EMAIL);
    let refused = app.code("choose_method", json!({"method": "recovery_contacts"}));
    assert_eq!(refused, "method_unavailable");
}
