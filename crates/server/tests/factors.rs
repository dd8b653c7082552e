//! Second factors through the real router on a real SQLite file (SECURITY.md S12, S14, S18,
//! S19, S21, S23): an authenticator app set up by its first code, recovery codes, sign-in in
//! two steps, recovery that asks for the factor, and turning it off. Codes come from the
//! tests' own RFC 6238 authenticator, fed the secret the API shows, on the injected clock.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use regain_e2e::authenticator::Authenticator;
use regain_e2e::shape;
use regain_recovery::Clock as _;
use serde_json::{json, Value};
use support::{
    code_to, flow_id, recovery_config, set_password, Reply, TestApp, NEW_PASSWORD, OWNER_PASSWORD,
};

const EMAIL: &str = "li.wei@example.com";
const PHONE: &str = "+8613800138000";

async fn app() -> TestApp {
    TestApp::with_config(recovery_config(), true).await
}

/// Li Wei, signed in (one step: no second factor yet): her access token.
async fn signed_in_owner(app: &TestApp) -> String {
    app.owner().await;
    let reply = app.sign_in(OWNER_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["access_token"].as_str().unwrap().to_owned()
}

/// Sets up an authenticator for the signed-in owner and confirms it at the clock's time: the
/// authenticator and the ten recovery codes shown.
async fn with_totp(app: &TestApp, token: &str) -> (Authenticator, Vec<String>) {
    let setup = app.post("/v1/me/totp", Some(token), json!({})).await;
    assert_eq!(setup.status, StatusCode::CREATED, "{}", setup.body);
    let secret = setup.body["secret"].as_str().unwrap();
    let uri = setup.body["uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Regain:"), "{uri}");
    assert!(
        uri.contains(&format!("secret={}", secret.replace(' ', ""))),
        "the QR code carries the same secret"
    );
    assert!(
        !uri.contains(EMAIL) && !uri.contains("13800138000"),
        "labelled by account ID, never a contact"
    );
    let authenticator = Authenticator::from_text(secret);
    let code = authenticator.code(app.clock.now());
    let confirmed = app.post("/v1/me/totp/confirm", Some(token), json!({"code": code})).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let codes: Vec<String> = confirmed.body["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (authenticator, codes)
}

/// The first step of a sign-in for an account with a second factor: its token.
async fn second_factor_asked(app: &TestApp) -> String {
    let reply = app.sign_in(OWNER_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.body);
    assert_eq!(reply.body["methods"], json!(["totp", "recovery_code"]));
    assert!(reply.body.get("access_token").is_none(), "no session before the second factor");
    reply.body["token"].as_str().unwrap().to_owned()
}

async fn second_step(app: &TestApp, token: &str, method: &str, code: &str) -> Reply {
    app.post(
        "/v1/sessions/second-factor",
        None,
        json!({"token": token, "method": method, "code": code}),
    )
    .await
}

/// S21: the tests' own authenticator passes RFC 6238's vectors (in `regain_e2e`), and the
/// service accepts its codes for the secret it showed, at the RFC's own instants.
#[tokio::test]
async fn rfc_6238_codes_from_the_shown_secret_sign_in_at_the_rfcs_instants() {
    let rfc = Authenticator::from_bytes(b"12345678901234567890");
    assert_eq!(
        rfc.code_with(1_111_111_109, 8),
        "07081804",
        "the tests' authenticator is RFC 6238's"
    );
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (authenticator, _) = with_totp(&app, &token).await;
    // The RFC's instants after the clock's: 2_000_000_000 and 20_000_000_000.
    for instant in [2_000_000_000, 20_000_000_000] {
        app.clock.advance(instant - app.clock.now());
        let pending = second_factor_asked(&app).await;
        let reply = second_step(&app, &pending, "totp", &authenticator.code(instant)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "T = {instant}: {}", reply.body);
        let sessions = app.get("/v1/sessions", reply.body["access_token"].as_str()).await;
        let current = sessions.body["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["current"] == true)
            .unwrap()
            .clone();
        assert_eq!(
            current["factors"],
            json!(["password", "totp"]),
            "the session records its factors"
        );
    }
}

/// S21: a code works once (also across sign-in and recovery), and a step earlier than one
/// already used is refused too.
#[tokio::test]
async fn a_used_code_is_refused_on_replay_and_so_is_an_earlier_one() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (authenticator, _) = with_totp(&app, &token).await;
    let confirming = authenticator.code(app.clock.now());
    let pending = second_factor_asked(&app).await;
    let replay = second_step(&app, &pending, "totp", &confirming).await;
    assert_eq!((replay.status, replay.code()), (StatusCode::BAD_REQUEST, "code_already_used"));

    app.clock.advance(30);
    let now = app.clock.now();
    let ok = second_step(&app, &pending, "totp", &authenticator.code(now)).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let pending = second_factor_asked(&app).await;
    let again = second_step(&app, &pending, "totp", &authenticator.code(now)).await;
    assert_eq!(again.code(), "code_already_used");
    let earlier = second_step(&app, &pending, "totp", &authenticator.code(now - 30)).await;
    assert_eq!(earlier.code(), "code_already_used", "the step before one used");
}

/// S21: one 30-second step either side is accepted for a drifting clock; two are not.
#[tokio::test]
async fn one_step_either_side_passes_and_two_steps_do_not() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (authenticator, _) = with_totp(&app, &token).await;
    app.clock.advance(600);
    let now = app.clock.now();
    let pending = second_factor_asked(&app).await;
    for offset in [-2i64, 2] {
        let reply =
            second_step(&app, &pending, "totp", &authenticator.code(now + offset * 30)).await;
        assert_eq!(reply.code(), "invalid_code", "{offset} steps away");
    }
    // In order, since each step may be used once and never an earlier one after it.
    for offset in [-1i64, 0, 1] {
        let pending = second_factor_asked(&app).await;
        let reply =
            second_step(&app, &pending, "totp", &authenticator.code(now + offset * 30)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{offset} steps away: {}", reply.body);
    }
}

/// S21: ten recovery codes of twenty digits, each good once, counted down in the account; a
/// new set voids every code of the old one. A code for another account is refused.
#[tokio::test]
async fn recovery_codes_work_once_and_a_new_set_voids_the_old_one() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (_, codes) = with_totp(&app, &token).await;
    assert_eq!(codes.len(), 10);
    for code in &codes {
        let digits: String = code.chars().filter(char::is_ascii_digit).collect();
        assert_eq!((digits.len(), code.split('-').count()), (20, 5), "{code}");
    }
    let pending = second_factor_asked(&app).await;
    let used = second_step(&app, &pending, "recovery_code", &codes[0].replace('-', " ")).await;
    assert_eq!(used.status, StatusCode::CREATED, "as typed, with spaces: {}", used.body);
    let pending = second_factor_asked(&app).await;
    let again = second_step(&app, &pending, "recovery_code", &codes[0]).await;
    assert_eq!(again.code(), "invalid_code", "used once");
    let me = app.get("/v1/me", Some(&token)).await;
    assert_eq!(me.body["second_factor"], json!({"enabled": true, "recovery_codes_left": 9}));

    let fresh = app.post("/v1/me/recovery-codes", Some(&token), json!({})).await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.body);
    let new_codes = fresh.body["codes"].as_array().unwrap();
    assert_eq!(new_codes.len(), 10);
    let old = second_step(&app, &pending, "recovery_code", &codes[1]).await;
    assert_eq!(old.code(), "invalid_code", "the old set is void");
    let new = second_step(&app, &pending, "recovery_code", new_codes[0].as_str().unwrap()).await;
    assert_eq!(new.status, StatusCode::CREATED, "{}", new.body);
    assert_eq!(
        app.get("/v1/me", Some(&token)).await.body["second_factor"]["recovery_codes_left"],
        9
    );
}

/// S21: what is stored is sealed or hashed: no secret, code or recovery code in plain text.
#[tokio::test]
async fn the_database_holds_the_secret_sealed_and_the_codes_hashed() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let setup = app.post("/v1/me/totp", Some(&token), json!({})).await;
    let secret = setup.body["secret"].as_str().unwrap().replace(' ', "");
    let authenticator = Authenticator::from_text(&secret);
    let confirmed = app
        .post(
            "/v1/me/totp/confirm",
            Some(&token),
            json!({"code": authenticator.code(app.clock.now())}),
        )
        .await;
    let codes = confirmed.body["codes"].as_array().unwrap().clone();
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT sealed_secret FROM authenticators")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let raw = b"";
    assert!(!sealed.windows(secret.len()).any(|w| w == secret.as_bytes()) && sealed != raw);
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT hash FROM recovery_codes").fetch_all(&app.db).await.unwrap();
    assert_eq!(hashes.len(), 10);
    for (hash, code) in hashes.iter().zip(&codes) {
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        let digits: String = code.as_str().unwrap().chars().filter(char::is_ascii_digit).collect();
        assert!(!hash.contains(&digits));
    }
}

/// S12: an account with an authenticator is not reset by an email code alone; the second gate
/// is its factor (never its security questions), by authenticator or by recovery code.
#[tokio::test]
async fn an_account_with_totp_needs_its_factor_after_the_email_code() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let set = app
        .call(
            axum::http::Method::PUT,
            "/v1/me/security-questions",
            Some(&token),
            Some(json!({"questions": [
                {"question": "First pet's name?", "answer": "biscuit"},
                {"question": "Street you grew up on?", "answer": "maple"},
            ]})),
        )
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
    let (authenticator, codes) = with_totp(&app, &token).await;

    for second in ["totp", "recovery_code"] {
        app.clock.advance(60);
        let start = app.start(EMAIL).await;
        assert_eq!(start.body["gates_required"], 2);
        let flow = flow_id(&start);
        assert_eq!(app.challenge(&flow, "email").await.status, StatusCode::OK);
        let code = code_to(&app, EMAIL).await;
        let first = app.verify(&flow, json!({"code": code})).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert!(
            first.body.get("reset_token").is_none_or(Value::is_null),
            "an email code alone resets nothing"
        );
        let offered: Vec<&str> = first.body["flow"]["methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["method"].as_str().unwrap())
            .collect();
        assert_eq!(offered, ["totp", "recovery_code"], "the factor, and not the questions");
        assert_eq!(app.challenge(&flow, "security_questions").await.code(), "method_unavailable");
        assert_eq!(app.challenge(&flow, second).await.status, StatusCode::OK);
        let proof =
            if second == "totp" { authenticator.code(app.clock.now()) } else { codes[3].clone() };
        let wrong = app.verify(&flow, json!({"code": if second == "totp" { "000000".to_owned() } else { "1111-2222-3333-4444-5555".to_owned() }})).await;
        assert_eq!(wrong.code(), "invalid_code");
        let passed = app.verify(&flow, json!({"code": proof})).await;
        assert_eq!(passed.status, StatusCode::OK, "{second}: {}", passed.body);
        let reset = passed.body["reset_token"].as_str().unwrap();
        // S14: with a second factor, eight characters are enough.
        let password = if second == "totp" { "Quokka#Fjord7" } else { NEW_PASSWORD };
        let done = set_password(&app, &flow, reset, password).await;
        assert_eq!(done.status, StatusCode::OK, "{second}: {}", done.body);
    }
}

/// S01 with a second factor: an unknown identifier whose decoy copies a donor with an
/// authenticator asks for two gates and answers, field for field, like that real account.
#[tokio::test]
async fn a_decoy_of_an_account_with_totp_asks_for_two_gates_alike() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    with_totp(&app, &token).await;
    let real = app.start(EMAIL).await;
    let decoy = app.start("nobody.here@example.com").await;
    assert_eq!(decoy.body["gates_required"], real.body["gates_required"]);
    assert_eq!(shape(&decoy.body), shape(&real.body));
    let flow = flow_id(&decoy);
    assert_eq!(app.challenge(&flow, "email").await.status, StatusCode::OK);
    assert_eq!(app.verify(&flow, json!({"code": "123456"})).await.code(), "invalid_code");
}

/// S19: setting up, confirming, replacing codes and turning off need a recent sign-in; a stale
/// session is asked to confirm its password (403), which then works for ten minutes.
#[tokio::test]
async fn factor_changes_need_a_recent_sign_in_and_confirming_the_password_gives_one() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    app.clock.advance(11 * 60);
    let stale = app.post("/v1/me/totp", Some(&token), json!({})).await;
    assert_eq!((stale.status, stale.code()), (StatusCode::FORBIDDEN, "reauthentication_required"));
    let wrong = app
        .post("/v1/me/reauthenticate", Some(&token), json!({"password": "not the password at all"}))
        .await;
    assert_eq!((wrong.status, wrong.code()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"));
    let ok =
        app.post("/v1/me/reauthenticate", Some(&token), json!({"password": OWNER_PASSWORD})).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    let (authenticator, _) = with_totp(&app, &token).await;
    // A refresh is not a sign-in: the tokens it gives are as stale as the sign-in was.
    app.clock.advance(30);
    let pending = second_factor_asked(&app).await;
    let grant = second_step(&app, &pending, "totp", &authenticator.code(app.clock.now())).await;
    app.clock.advance(11 * 60);
    let refreshed = app
        .post("/v1/sessions/refresh", None, json!({"refresh_token": grant.body["refresh_token"]}))
        .await;
    let token = refreshed.body["access_token"].as_str().unwrap();
    for path in ["/v1/me/recovery-codes", "/v1/me/totp"] {
        assert_eq!(
            app.post(path, Some(token), json!({})).await.code(),
            "reauthentication_required",
            "{path}"
        );
    }
    let events = app.get("/v1/me/events", Some(token)).await;
    let kinds: Vec<(&str, &str)> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["outcome"].as_str().unwrap()))
        .collect();
    assert!(
        kinds.contains(&("reauthenticated", "refused"))
            && kinds.contains(&("reauthenticated", "ok")),
        "{kinds:?}"
    );
}

/// S14, S18: turning the factor off needs the password and a current code, refuses to leave a
/// password shorter than fifteen characters alone, and tells every confirmed contact.
#[tokio::test]
async fn turning_the_factor_off_never_leaves_a_short_password_alone() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (authenticator, codes) = with_totp(&app, &token).await;
    // With the factor on, a strong password of eleven characters is allowed (S14: eight).
    let short = "Quokka#Fjord7";
    let changed = app
        .post(
            "/v1/me/password",
            Some(&token),
            json!({"current_password": OWNER_PASSWORD, "new_password": short}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
    app.clock.advance(30);
    let remove = |password: &str, code: String| {
        app.post(
            "/v1/me/totp/remove",
            Some(&token),
            json!({"current_password": password, "code": code}),
        )
    };
    // Refused before the code is looked at, so the code is not spent by the refusal.
    let code = authenticator.code(app.clock.now());
    let too_short = remove(short, code.clone()).await;
    assert_eq!(
        (too_short.status, too_short.code()),
        (StatusCode::CONFLICT, "longer_password_needed")
    );
    assert_eq!(
        app.get("/v1/me", Some(&token)).await.body["second_factor"]["enabled"],
        true,
        "nothing changed"
    );

    let longer = app
        .post(
            "/v1/me/password",
            Some(&token),
            json!({"current_password": short, "new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(longer.status, StatusCode::NO_CONTENT, "{}", longer.body);
    let wrong_password = remove("not the password at all", codes[0].clone()).await;
    assert_eq!(wrong_password.code(), "invalid_field");
    let no_code = remove(NEW_PASSWORD, "000000".into()).await;
    assert_eq!(no_code.code(), "invalid_code");
    let before = app.delivered().await.len();
    let off = remove(NEW_PASSWORD, codes[1].clone()).await;
    assert_eq!(off.status, StatusCode::NO_CONTENT, "{}", off.body);
    assert_eq!(
        app.get("/v1/me", Some(&token)).await.body["second_factor"],
        json!({"enabled": false, "recovery_codes_left": 0})
    );
    let delivered = app.delivered().await;
    let notices: Vec<&str> =
        delivered[..delivered.len() - before].iter().map(|m| m.message.to.as_str()).collect();
    assert!(
        notices.contains(&EMAIL) && notices.contains(&PHONE),
        "both contacts told: {notices:?}"
    );
    assert!(
        delivered[0].message.body.contains("/recover/not-me?token="),
        "with \"this wasn't me\""
    );
    // One step again.
    assert_eq!(app.sign_in(NEW_PASSWORD).await.status, StatusCode::CREATED);
    // S14: without the factor, the eleven characters are too short again.
    let refused = app
        .post(
            "/v1/me/password",
            Some(&token),
            json!({"current_password": NEW_PASSWORD, "new_password": short}),
        )
        .await;
    assert_eq!(refused.body["fields"]["new_password"], json!(["too_short"]));
}

/// S18, S23: a new factor and new codes are events for the owner and notices to every
/// confirmed contact, each with "this wasn't me"; no code or secret is in either.
#[tokio::test]
async fn every_factor_change_is_an_event_and_a_notice_to_every_contact() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (_, codes) = with_totp(&app, &token).await;
    app.post("/v1/me/recovery-codes", Some(&token), json!({})).await;
    let delivered = app.delivered().await;
    for (subject, count) in [("Two-step verification is on", 1), ("New recovery codes", 1)] {
        let to: Vec<&str> = delivered
            .iter()
            .filter(|m| m.message.subject.as_deref().unwrap_or(&m.message.body).contains(subject))
            .map(|m| m.message.to.as_str())
            .collect();
        assert_eq!(to.iter().filter(|t| **t == EMAIL).count(), count, "{subject}: {to:?}");
        assert_eq!(to.iter().filter(|t| **t == PHONE).count(), count, "{subject}: {to:?}");
    }
    for message in &delivered {
        for code in &codes {
            assert!(!message.message.body.contains(code.as_str()), "no recovery code in a notice");
        }
    }
    let events = app.get("/v1/me/events", Some(&token)).await;
    let kinds: Vec<&str> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.starts_with(&["recovery_codes_regenerated", "second_factor_added"]), "{kinds:?}");
}

/// The second step has its own tries: five wrong codes end the sign-in, as does its clock;
/// a code for another account's authenticator is wrong here; nothing is signed in meanwhile.
#[tokio::test]
async fn the_second_step_has_its_own_tries_and_its_own_clock() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let (authenticator, _) = with_totp(&app, &token).await;
    let stranger = Authenticator::from_text("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    app.clock.advance(30);
    let pending = second_factor_asked(&app).await;
    let other = second_step(&app, &pending, "totp", &stranger.code(app.clock.now())).await;
    assert_eq!(other.code(), "invalid_code", "another authenticator's code");
    for _ in 0..4 {
        assert_eq!(second_step(&app, &pending, "totp", "000000").await.code(), "invalid_code");
    }
    let spent = second_step(&app, &pending, "totp", &authenticator.code(app.clock.now())).await;
    assert_eq!(
        (spent.status, spent.code()),
        (StatusCode::GONE, "sign_in_expired"),
        "five tries, then it ends"
    );

    let pending = second_factor_asked(&app).await;
    app.clock.advance(301);
    let late = second_step(&app, &pending, "totp", &authenticator.code(app.clock.now())).await;
    assert_eq!(late.code(), "sign_in_expired");
    let unknown = second_step(&app, "rgf_not_a_token", "totp", "123456").await;
    assert_eq!(unknown.code(), "sign_in_expired");
    let events = app.get("/v1/me/events", Some(&token)).await;
    let refused = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "sign_in" && e["method"] == "totp" && e["outcome"] == "refused")
        .count();
    assert_eq!(refused, 5, "the owner sees the wrong codes");
}

/// An authenticator set up but never confirmed counts for nothing: sign-in is one step,
/// recovery one gate, and confirming it needs a right code.
#[tokio::test]
async fn an_authenticator_never_confirmed_counts_for_nothing() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let setup = app.post("/v1/me/totp", Some(&token), json!({})).await;
    assert_eq!(setup.status, StatusCode::CREATED);
    assert_eq!(app.sign_in(OWNER_PASSWORD).await.status, StatusCode::CREATED);
    assert_eq!(app.start(EMAIL).await.body["gates_required"], 1);
    let wrong = app.post("/v1/me/totp/confirm", Some(&token), json!({"code": "000000"})).await;
    assert_eq!(wrong.code(), "invalid_code");
    let none = app.post("/v1/me/recovery-codes", Some(&token), json!({})).await;
    assert_eq!(none.code(), "nothing_to_confirm", "no codes without a factor");
    // Set up again: the first secret no longer confirms.
    let first = Authenticator::from_text(setup.body["secret"].as_str().unwrap());
    app.post("/v1/me/totp", Some(&token), json!({})).await;
    let stale = app
        .post("/v1/me/totp/confirm", Some(&token), json!({"code": first.code(app.clock.now())}))
        .await;
    assert_eq!(stale.code(), "invalid_code");
    let (_, _) = with_totp(&app, &token).await;
    let twice = app.post("/v1/me/totp", Some(&token), json!({})).await;
    assert_eq!((twice.status, twice.code()), (StatusCode::CONFLICT, "second_factor_exists"));
}

/// S18: "this wasn't me" on the notice of a new authenticator takes it away, with its codes,
/// so that a stranger's factor never becomes what the owner's recovery asks for.
#[tokio::test]
async fn this_wasnt_me_takes_away_an_authenticator_a_stranger_set_up() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    with_totp(&app, &token).await;
    assert_eq!(app.start(EMAIL).await.body["gates_required"], 2);
    assert_eq!(app.report_not_me(PHONE).await, StatusCode::OK);
    assert_eq!(app.start(EMAIL).await.body["gates_required"], 1, "the factor is gone");
    assert_eq!(app.count("recovery_codes").await, 0);
    assert_eq!(app.sign_in(OWNER_PASSWORD).await.status, StatusCode::CREATED, "one step again");
}

/// S12 across time: a recovery started before the factor was set up ends with it, and a
/// sign-in waiting for its second step ends with a reset.
#[tokio::test]
async fn a_new_factor_ends_older_recoveries_and_a_reset_ends_waiting_sign_ins() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    let start = app.start(EMAIL).await;
    let flow = flow_id(&start);
    app.challenge(&flow, "email").await;
    let code = code_to(&app, EMAIL).await;
    let passed = app.verify(&flow, json!({"code": code})).await;
    let reset = passed.body["reset_token"].as_str().unwrap().to_owned();
    let (authenticator, codes) = with_totp(&app, &token).await;
    let late = set_password(&app, &flow, &reset, NEW_PASSWORD).await;
    assert_eq!(late.code(), "flow_expired", "one gate is no longer enough");

    let waiting = second_factor_asked(&app).await;
    app.clock.advance(60);
    let flow = flow_id(&app.start(EMAIL).await);
    app.challenge(&flow, "email").await;
    let code = code_to(&app, EMAIL).await;
    app.verify(&flow, json!({"code": code})).await;
    app.challenge(&flow, "recovery_code").await;
    let passed = app.verify(&flow, json!({"code": codes[0]})).await;
    let reset = passed.body["reset_token"].as_str().unwrap().to_owned();
    assert_eq!(set_password(&app, &flow, &reset, NEW_PASSWORD).await.status, StatusCode::OK);
    let after = second_step(&app, &waiting, "totp", &authenticator.code(app.clock.now())).await;
    assert_eq!(after.code(), "sign_in_expired", "a password step from before the reset");
}

/// Turning the factor off from a signed-in session has its own budget of tries, and every
/// refused try is in the owner's activity.
#[tokio::test]
async fn tries_at_turning_the_factor_off_are_counted_and_seen() {
    let app = app().await;
    let token = signed_in_owner(&app).await;
    with_totp(&app, &token).await;
    for _ in 0..10 {
        let wrong = app
            .post(
                "/v1/me/totp/remove",
                Some(&token),
                json!({"current_password": "wrong wrong wrong", "code": "000000"}),
            )
            .await;
        assert_eq!(wrong.code(), "invalid_field");
    }
    let held = app
        .post(
            "/v1/me/totp/remove",
            Some(&token),
            json!({"current_password": OWNER_PASSWORD, "code": "000000"}),
        )
        .await;
    assert_eq!((held.status, held.code()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    let events = app.get("/v1/me/events", Some(&token)).await;
    let refused = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "second_factor_removed" && e["outcome"] == "refused")
        .count();
    assert_eq!(refused, 10);
}
