//! Recovery contacts through the real HTTP API (issue 20, SECURITY.md S29, S18, S19, S23):
//! invitation and answer, how many must vouch, stepping down and removal, and what an
//! invitation never tells.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::{Method, StatusCode};
use regain_recovery::Clock;
use serde_json::{json, Value};
use support::*;

const FRIEND_PASSWORD: &str = "amber lighthouse seventeen gulls";

/// Another Regain account, with a confirmed email: its ID and a session's access token.
async fn friend(app: &TestApp, name: &str, email: &str) -> (u64, String) {
    let password = FRIEND_PASSWORD;
    let input = regain_recovery::NewAccountInput {
        display_name: name.into(),
        email: Some(regain_recovery::Email::parse(email).unwrap()),
        phone: None,
        birthday: None,
        password: regain_recovery::Secret::new(password.into()),
        locale: None,
    };
    let id = app.state.accounts.create(input, true).await.unwrap().id;
    (id, signed_in(app, email).await)
}

/// A new session of the friend `email`: its access token.
async fn signed_in(app: &TestApp, email: &str) -> String {
    let signed_in = app
        .post("/v1/sessions", None, json!({"identifier": email, "password": FRIEND_PASSWORD}))
        .await;
    assert_eq!(signed_in.status, StatusCode::CREATED, "{}", signed_in.body);
    signed_in.body["access_token"].as_str().unwrap().to_owned()
}

/// The JSON's shape: its keys and the kinds of their values, not the values.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), shape(v))).collect(),
        Value::Array(items) => items.iter().map(shape).collect(),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => Value::Null,
    }
}

async fn owner_token(app: &TestApp) -> String {
    app.owner().await;
    app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned()
}

async fn invite(app: &TestApp, token: &str, identifier: &str) -> Reply {
    app.post("/v1/me/recovery-contacts", Some(token), json!({"identifier": identifier})).await
}

async fn circle(app: &TestApp, token: &str) -> Value {
    let reply = app.get("/v1/me/recovery-contacts", Some(token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

/// The ID of the invitation waiting for `token`'s answer, from its own list.
async fn invitation_for(app: &TestApp, token: &str) -> String {
    let body = circle(app, token).await;
    body["invitations"][0]["id"].as_str().unwrap().to_owned()
}

fn kinds(events: &[Value]) -> Vec<(&str, &str)> {
    events.iter().map(|e| (e["kind"].as_str().unwrap(), e["outcome"].as_str().unwrap())).collect()
}

/// The checkup's item about recovery contacts.
async fn checkup_item(app: &TestApp, token: &str) -> Value {
    let checkup = app.get("/v1/me/checkup", Some(token)).await.body;
    let items = checkup["items"].as_array().unwrap();
    items.iter().find(|i| i["kind"] == "recovery_contacts").unwrap().clone()
}

/// The owner's `PUT /v1/me/recovery-contacts/threshold`.
async fn set_threshold(app: &TestApp, token: &str, threshold: u32, confirm_weaker: bool) -> Reply {
    let body = json!({"threshold": threshold, "confirm_weaker": confirm_weaker});
    app.call(Method::PUT, "/v1/me/recovery-contacts/threshold", Some(token), Some(body)).await
}

async fn owner_events(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/v1/me/events", Some(token)).await.body["events"].as_array().unwrap().clone()
}

/// An invitation and its answer: the invited friend is asked by their own confirmed email and
/// answers in their app; the owner's confirmed contacts are told of the invitation with "this
/// wasn't me" and the owner of the acceptance; both lists show it; every step is the owner's
/// event. Two of three by default; the owner may ask for three, never for more than accepted,
/// and never for one while they have more than one.
#[tokio::test]
async fn an_invitation_is_answered_in_the_friends_app_two_of_three_by_default_and_counted() {
    let app = TestApp::local().await;
    let owner = owner_token(&app).await;
    let friends = [
        friend(&app, "Ana Souza", "ana@example.org").await,
        friend(&app, "Ben Okafor", "ben@example.org").await,
        friend(&app, "Chen Jing", "chen@example.org").await,
    ];
    for (email, (_, token)) in
        ["ana@example.org", "ben@example.org", "chen@example.org"].iter().zip(&friends)
    {
        let invited = invite(&app, &owner, email).await;
        assert_eq!(invited.status, StatusCode::ACCEPTED, "{}", invited.body);
        assert_eq!(invited.body["state"], "invited");
        assert_eq!(invited.body["name"], Value::Null, "no name before they accept");
        assert!(invited.body["invited_as"].as_str().unwrap().contains('•'), "masked");
        let asked = app.delivered().await;
        let invitation = asked
            .iter()
            .find(|m| m.message.to == *email)
            .expect("the friend is asked at their confirmed email");
        assert!(invitation.message.body.contains("Li Wei"), "{}", invitation.message.body);
        assert!(!invitation.message.body.contains("http"), "answered in the app, not by a link");
        let id = invitation_for(&app, token).await;
        let accepted =
            app.post(&format!("/v1/me/vouching/{id}/accept"), Some(token), json!({})).await;
        assert_eq!(accepted.status, StatusCode::NO_CONTENT, "{}", accepted.body);
        let again = app.post(&format!("/v1/me/vouching/{id}/accept"), Some(token), json!({})).await;
        assert_eq!(again.code(), "request_state", "answered already");
    }
    let told = app.delivered().await;
    assert!(
        told.iter().any(|m| m.message.to == "li.wei@example.com"
            && m.message.body.contains("/recover/not-me?token=")
            && m.message.body.contains("a•••@example.org")),
        "the owner's contacts are told of the invitation, with \"this wasn't me\""
    );
    assert!(told
        .iter()
        .any(|m| m.message.to == "li.wei@example.com"
            && m.message.body.contains("Ana Souza accepted")));

    let item = checkup_item(&app, &owner).await;
    assert_eq!((item["state"].clone(), item["count"].clone()), (json!("good"), json!(3)));
    let mine = circle(&app, &owner).await;
    let names: Vec<&str> =
        mine["contacts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ana Souza", "Ben Okafor", "Chen Jing"]);
    assert_eq!(mine["threshold"], 2, "two of three by default");
    let theirs = circle(&app, &friends[0].1).await;
    assert_eq!(theirs["vouching_for"][0]["name"], "Li Wei", "a contact sees whom they vouch for");

    assert_eq!(set_threshold(&app, &owner, 3, false).await.body["threshold"], 3);
    for (k, confirm) in [(4, false), (1, true), (0, false)] {
        let refused = set_threshold(&app, &owner, k, confirm).await;
        assert_eq!(refused.code(), "invalid_field", "{}", refused.body);
    }
    let events = owner_events(&app, &owner).await;
    let kinds = kinds(&events);
    assert_eq!(kinds.iter().filter(|k| **k == ("recovery_contact_invited", "ok")).count(), 3);
    assert_eq!(kinds.iter().filter(|k| **k == ("recovery_contact_answered", "ok")).count(), 3);
    assert!(kinds.contains(&("vouch_threshold_changed", "ok")));
}

/// A contact who steps down is gone at once and the owner is told; the owner's chosen number
/// is then more than remain, so recovery by contacts is off rather than easier. One contact may
/// vouch alone only when they are the only one and the owner confirms it.
#[tokio::test]
async fn a_step_down_never_makes_the_gate_easier_and_one_alone_needs_the_owners_confirmation() {
    let app = TestApp::local().await;
    let owner = owner_token(&app).await;
    let (_, ana) = friend(&app, "Ana Souza", "ana@example.org").await;
    let (_, ben) = friend(&app, "Ben Okafor", "ben@example.org").await;
    for (email, token) in [("ana@example.org", &ana), ("ben@example.org", &ben)] {
        invite(&app, &owner, email).await;
        let id = invitation_for(&app, token).await;
        app.post(&format!("/v1/me/vouching/{id}/accept"), Some(token), json!({})).await;
    }
    assert_eq!(circle(&app, &owner).await["threshold"], 2);
    assert_eq!(set_threshold(&app, &owner, 2, false).await.body["chosen_threshold"], 2);

    let vouching = circle(&app, &ben).await["vouching_for"][0]["id"].as_str().unwrap().to_owned();
    let stepped =
        app.post(&format!("/v1/me/vouching/{vouching}/step-down"), Some(&ben), json!({})).await;
    assert_eq!(stepped.status, StatusCode::NO_CONTENT, "{}", stepped.body);
    assert!(app.delivered().await.iter().any(|m| m.message.to == "li.wei@example.com"
        && m.message.body.contains("Ben Okafor stepped down")));
    let mine = circle(&app, &owner).await;
    assert_eq!(mine["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(mine["threshold"], Value::Null, "fewer than chosen: off, not easier");
    assert_eq!(mine["chosen_threshold"], 2);
    let item = checkup_item(&app, &owner).await;
    assert_eq!(item["state"], "improve", "the checkup asks for more");

    let unconfirmed = set_threshold(&app, &owner, 1, false).await;
    assert_eq!(unconfirmed.body["fields"], json!({"confirm_weaker": ["required"]}));
    let confirmed = set_threshold(&app, &owner, 1, true).await;
    assert_eq!(
        (confirmed.body["threshold"].clone(), confirmed.body["weaker_confirmed"].clone()),
        (json!(1), json!(true))
    );

    let again =
        app.post(&format!("/v1/me/vouching/{vouching}/step-down"), Some(&ben), json!({})).await;
    assert_eq!(again.code(), "not_found", "Ben's old membership answers nothing");
    // The owner removes the last one.
    let ana_id = confirmed.body["contacts"][0]["id"].as_str().unwrap().to_owned();
    let removed = app
        .call(Method::DELETE, &format!("/v1/me/recovery-contacts/{ana_id}"), Some(&owner), None)
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    assert_eq!(circle(&app, &owner).await["threshold"], Value::Null);
    assert_eq!(circle(&app, &ana).await["vouching_for"], json!([]));
    let kinds = kinds(&owner_events(&app, &owner).await)
        .into_iter()
        .filter(|k| k.0 == "recovery_contact_removed")
        .count();
    assert_eq!(kinds, 2, "the step-down and the removal are the owner's events");
}

/// What an invitation never tells (S01's rule for a signed-in owner): an identifier that names
/// no account, the owner's own and a real friend's answer alike and list alike; inviting the
/// same identifier again changes nothing either way; a sixth is refused; another account cannot
/// answer, remove or even see an invitation that is not theirs; changes need a recent sign-in.
#[tokio::test]
async fn an_invitation_tells_nothing_of_whether_an_account_exists_and_only_its_own_can_answer() {
    let app = TestApp::local().await;
    let owner = owner_token(&app).await;
    let (_, ana) = friend(&app, "Ana Souza", "ana@example.org").await;
    let (_, mallory) = friend(&app, "Mallory", "mallory@example.org").await;

    let real = invite(&app, &owner, "ana@example.org").await;
    let nobody = invite(&app, &owner, "nobody@example.org").await;
    let own = invite(&app, &owner, "li.wei@example.com").await;
    for reply in [&real, &nobody, &own] {
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.body);
        assert_eq!(shape(&reply.body), shape(&real.body), "the same answer");
    }
    let count = || async { circle(&app, &owner).await["contacts"].as_array().unwrap().len() };
    assert_eq!(count().await, 3);
    for again in ["ana@example.org", "nobody@example.org", "ANA@example.org "] {
        let repeated = invite(&app, &owner, again).await;
        assert_eq!(repeated.status, StatusCode::ACCEPTED);
        assert_eq!(count().await, 3, "inviting {again} again adds nothing");
    }
    invite(&app, &owner, "dee@example.org").await;
    invite(&app, &owner, "eve@example.org").await;
    let sixth = invite(&app, &owner, "fay@example.org").await;
    assert_eq!(sixth.body["fields"], json!({"identifier": ["too_many"]}), "{}", sixth.body);

    let id = invitation_for(&app, &ana).await;
    let stolen = app.post(&format!("/v1/me/vouching/{id}/accept"), Some(&mallory), json!({})).await;
    assert_eq!(stolen.code(), "not_found", "only the invited account answers");
    assert_eq!(circle(&app, &mallory).await["invitations"], json!([]));
    let removed = app
        .call(Method::DELETE, &format!("/v1/me/recovery-contacts/{id}"), Some(&mallory), None)
        .await;
    assert_eq!(removed.code(), "not_found", "nor removes it");

    app.clock.advance(11 * 60);
    let stale = invite(&app, &owner, "gus@example.org").await;
    assert_eq!(stale.code(), "reauthentication_required");
    let declined = app.post(&format!("/v1/me/vouching/{id}/decline"), Some(&ana), json!({})).await;
    assert_eq!(declined.status, StatusCode::NO_CONTENT, "answering needs no recent sign-in");
    let listed = circle(&app, &owner).await;
    assert_eq!(listed["contacts"].as_array().unwrap().len(), 5);
    assert!(
        listed["contacts"].as_array().unwrap().iter().all(|c| c["state"] == "invited"),
        "a decline shows as waiting, as an invitation to nobody does: {listed}"
    );
    let seen = kinds(&owner_events(&app, &owner).await)
        .into_iter()
        .filter(|k| k.0 == "recovery_contact_answered")
        .count();
    assert_eq!(seen, 0, "the decline is Ana's own event, not the owner's");
    assert_eq!(circle(&app, &ana).await["invitations"], json!([]));
}

/// An invitation not answered in a week lapses and frees its place.
#[tokio::test]
async fn an_unanswered_invitation_lapses_after_a_week() {
    let app = TestApp::local().await;
    let owner = owner_token(&app).await;
    let (_, ana) = friend(&app, "Ana Souza", "ana@example.org").await;
    invite(&app, &owner, "ana@example.org").await;
    let id = invitation_for(&app, &ana).await;
    app.clock.advance(7 * 24 * 3600);
    let owner = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(circle(&app, &owner).await["contacts"], json!([]));
    let ana = signed_in(&app, "ana@example.org").await;
    let late = app.post(&format!("/v1/me/vouching/{id}/accept"), Some(&ana), json!({})).await;
    assert_eq!(late.code(), "not_found");
}

/// An invitation is told to the owner's confirmed contacts with "this wasn't me" (S18): opening
/// it withdraws the invitation and, as every such link does, signs every device out. An
/// account that only claimed an address without confirming it is never invited through it.
#[tokio::test]
async fn this_wasnt_me_withdraws_an_invitation_and_an_unconfirmed_claim_is_never_invited() {
    let app = TestApp::local().await;
    let owner = owner_token(&app).await;
    let (_, ana) = friend(&app, "Ana Souza", "ana@example.org").await;
    invite(&app, &owner, "ana@example.org").await;
    assert_eq!(circle(&app, &ana).await["invitations"].as_array().unwrap().len(), 1);
    assert_eq!(app.report_not_me("li.wei@example.com").await, StatusCode::OK);
    assert_eq!(
        app.get("/v1/me/recovery-contacts", Some(&owner)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let owner = app.sign_in(OWNER_PASSWORD).await.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(circle(&app, &owner).await["contacts"], json!([]), "the invitation is withdrawn");
    assert_eq!(circle(&app, &ana).await["invitations"], json!([]));

    // A squatter signs up with Ben's address and never confirms it.
    let squatter = app
        .state
        .accounts
        .create(
            regain_recovery::NewAccountInput {
                display_name: "Ben Okafor".into(),
                email: Some(regain_recovery::Email::parse("ben@example.org").unwrap()),
                phone: None,
                birthday: None,
                password: regain_recovery::Secret::new(FRIEND_PASSWORD.into()),
                locale: None,
            },
            false,
        )
        .await
        .unwrap();
    let squatting = app
        .post(
            "/v1/sessions",
            None,
            json!({"identifier": squatter.id.to_string(), "password": FRIEND_PASSWORD}),
        )
        .await;
    let squatting = squatting.body["access_token"].as_str().unwrap().to_owned();
    let invited = invite(&app, &owner, "ben@example.org").await;
    assert_eq!(invited.status, StatusCode::ACCEPTED);
    assert_eq!(
        circle(&app, &squatting).await["invitations"],
        json!([]),
        "never invited through a claim"
    );
}

/// Three friends who accepted to be the owner's recovery contacts (two of three must vouch),
/// and the owner's session, taken before any recovery starts: a sign-in with the current
/// password would cancel a waiting period.
async fn circle_of_three(app: &TestApp) -> (String, Vec<(u64, String)>) {
    let owner = owner_token(app).await;
    let mut friends = Vec::new();
    for (name, email) in [
        ("Ana Souza", "ana@example.org"),
        ("Ben Okafor", "ben@example.org"),
        ("Chen Jing", "chen@example.org"),
    ] {
        let (id, token) = friend(app, name, email).await;
        assert_eq!(invite(app, &owner, email).await.status, StatusCode::ACCEPTED);
        let invitation = invitation_for(app, &token).await;
        let accepted = app
            .post(&format!("/v1/me/vouching/{invitation}/accept"), Some(&token), json!({}))
            .await;
        assert_eq!(accepted.status, StatusCode::NO_CONTENT, "{}", accepted.body);
        friends.push((id, token));
    }
    (owner, friends)
}

/// A flow for the owner that asked their recovery contacts: its ID and the code to read out.
async fn asking_flow(app: &TestApp) -> (String, String) {
    let started = app.start("li.wei@example.com").await;
    let flow = flow_id(&started);
    let offered = started.body["methods"].as_array().unwrap();
    assert!(
        offered.iter().any(|m| m["method"] == "recovery_contacts" && m["destination"] == "2/3"),
        "{}",
        started.body
    );
    let asked = app.challenge(&flow, "recovery_contacts").await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert_eq!(asked.body["state"], "enter_code");
    let vouching = &asked.body["challenge"]["vouching"];
    assert_eq!((vouching["vouched"].as_u64(), vouching["needed"].as_u64()), (Some(0), Some(2)));
    assert_eq!(vouching["asked"], 3);
    (flow, vouching["code"].as_str().unwrap().to_owned())
}

/// A flow of the owner's that asked, and the first two of `friends` vouched for: its ID and
/// code.
async fn two_vouched(app: &TestApp, friends: &[(u64, String)]) -> (String, String) {
    let (flow, code) = asking_flow(app).await;
    for (_, token) in &friends[..2] {
        let ask = ask_for(app, token, 0).await;
        assert_eq!(vouch(app, token, &ask, &code).await.status, StatusCode::NO_CONTENT);
    }
    (flow, code)
}

/// The ask waiting for `token`'s answer for the flow asked `nth` (oldest first).
async fn ask_for(app: &TestApp, token: &str, nth: usize) -> String {
    let body = circle(app, token).await;
    body["vouch_requests"][nth]["id"].as_str().unwrap().to_owned()
}

/// `token`'s "I don't know about this" to an ask.
async fn dont_know(app: &TestApp, token: &str, ask: &str) -> Reply {
    let path = format!("/v1/me/vouch-requests/{ask}/decline");
    app.post(&path, Some(token), json!({"dont_know": true})).await
}

async fn vouch(app: &TestApp, token: &str, ask: &str, code: &str) -> Reply {
    app.post(&format!("/v1/me/vouch-requests/{ask}/vouch"), Some(token), json!({"code": code}))
        .await
}

async fn finish_wait(app: &TestApp, flow: &str, wait_token: &str) -> Reply {
    let path = format!("/v1/recovery/flows/{flow}/finish-wait");
    app.post(&path, None, json!({"wait_token": wait_token})).await
}

async fn flow_view(app: &TestApp, flow: &str) -> Value {
    app.get(&format!("/v1/recovery/flows/{flow}"), None).await.body
}

/// The owner's events as stored (reading them by signing in would cancel a waiting period).
async fn stored_events(app: &TestApp) -> Vec<(String, String)> {
    let email = regain_recovery::Email::parse("li.wei@example.com").unwrap();
    let owner = app.state.store.account_by_email(&email, app.clock.now()).await.unwrap();
    let id = owner.unwrap().id;
    let events = app.state.store.events(id, 100).await.unwrap();
    events.into_iter().map(|e| (e.kind, e.outcome)).collect()
}

/// Two of three (S29): each friend is asked by their confirmed email, with no code and no
/// link; one vouch is not enough, two pass the gate and start the waiting period (every old
/// contact told, with a link that cancels; no reset token); then the third says "I don't know
/// about this": the request ends and the owner's channels are told, with "this wasn't me".
#[tokio::test]
async fn two_of_three_vouches_pass_one_gate_and_a_report_from_the_third_ends_the_request() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let (flow, code) = asking_flow(&app).await;
    let asked = app.delivered().await;
    for email in ["ana@example.org", "ben@example.org", "chen@example.org"] {
        let ask = asked
            .iter()
            .find(|m| m.message.to == email && m.message.body.contains("vouch"))
            .expect("each contact is asked at their confirmed email");
        assert!(ask.message.body.contains("Li Wei") && ask.message.body.contains("call them"));
        assert!(!ask.message.body.contains(&code), "the code is read out, never sent");
        assert!(!ask.message.body.contains("http"), "answered in the app, not by a link");
    }

    let ana_ask = ask_for(&app, &friends[0].1, 0).await;
    assert_eq!(vouch(&app, &friends[0].1, &ana_ask, &code).await.status, StatusCode::NO_CONTENT);
    let again = vouch(&app, &friends[0].1, &ana_ask, &code).await;
    assert_eq!(again.code(), "not_found", "an ask is answered once");
    let one = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(one.code(), "vouches_pending", "one of two is not enough: {}", one.body);
    assert_eq!(flow_view(&app, &flow).await["challenge"]["vouching"]["vouched"], 1);

    let ben_ask = ask_for(&app, &friends[1].1, 0).await;
    assert_eq!(vouch(&app, &friends[1].1, &ben_ask, &code).await.status, StatusCode::NO_CONTENT);
    let two = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(two.status, StatusCode::OK, "{}", two.body);
    assert_eq!(two.body["flow"]["state"], "waiting");
    assert_eq!(two.body["reset_token"], Value::Null, "vouches never hand out a reset token");
    let told = app.delivered().await;
    for old_contact in ["li.wei@example.com", "+8613800138000"] {
        assert!(
            app.link_to(old_contact, "/support/cancel?token=").await.is_some(),
            "every old contact is told, with a link that cancels: {told:?}"
        );
    }

    let chen_ask = ask_for(&app, &friends[2].1, 0).await;
    let report = dont_know(&app, &friends[2].1, &chen_ask).await;
    assert_eq!(report.status, StatusCode::NO_CONTENT, "{}", report.body);
    assert_eq!(flow_view(&app, &flow).await["state"], "expired", "the request ended");
    let finish = finish_wait(&app, &flow, "rgw_anything").await;
    assert_eq!(finish.code(), "flow_expired");
    let notified = app.delivered().await;
    assert!(
        notified.iter().any(|m| m.message.to == "li.wei@example.com"
            && m.message.body.contains("Chen Jing said they know nothing")
            && m.message.body.contains("/recover/not-me?token=")),
        "the owner's channels are told"
    );
    let events = stored_events(&app).await;
    for expected in [
        ("vouch_requested", "ok"),
        ("vouched", "ok"),
        ("assisted_recovery_started", "ok"),
        ("vouch_declined", "reported"),
    ] {
        assert!(
            events.iter().any(|(k, o)| (k.as_str(), o.as_str()) == expected),
            "{expected:?} in {events:?}"
        );
    }
}

/// A vouch is bound to the flow its code belongs to (S29): the code of the owner's other flow,
/// or any other, is refused; after three wrong codes the ask takes no more.
#[tokio::test]
async fn a_vouch_with_another_flows_code_is_refused() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let (first, first_code) = asking_flow(&app).await;
    let (_second, second_code) = asking_flow(&app).await;
    assert_ne!(first_code, second_code);
    let ana = &friends[0].1;
    let first_ask = ask_for(&app, ana, 0).await;
    let wrong = vouch(&app, ana, &first_ask, &second_code).await;
    assert_eq!(wrong.code(), "invalid_code", "{}", wrong.body);
    assert_eq!(flow_view(&app, &first).await["challenge"]["vouching"]["vouched"], 0);
    let stranger = vouch(&app, &friends[1].1, &first_ask, &first_code).await;
    assert_eq!(stranger.code(), "not_found", "only the contact asked answers an ask");
    assert_eq!(vouch(&app, ana, &first_ask, "000000").await.code(), "invalid_code");
    assert_eq!(vouch(&app, ana, &first_ask, "111111").await.code(), "invalid_code");
    let locked = vouch(&app, ana, &first_ask, &first_code).await;
    assert_eq!(locked.code(), "flow_locked", "three wrong codes, then no more");
    assert!(stored_events(&app).await.iter().any(|(k, o)| k == "vouched" && o == "refused"));
}

/// The waiting period (S29): three days with two of three vouches; the third vouch takes 16
/// hours off, and so does a refresh token of an app signed in to the account before. Nothing
/// passes before it ends; then the flow that waited, and only it, sets the new password.
#[tokio::test]
async fn the_waiting_period_shortens_with_every_contact_and_a_known_device() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let earlier =
        app.sign_in(OWNER_PASSWORD).await.body["refresh_token"].as_str().unwrap().to_owned();
    // A device signed out since is no evidence.
    let gone = app.sign_in(OWNER_PASSWORD).await.body;
    let (gone_access, gone_refresh) =
        (gone["access_token"].as_str().unwrap(), gone["refresh_token"].as_str().unwrap());
    let signed_out =
        app.call(Method::DELETE, "/v1/sessions/current", Some(gone_access), None).await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    let (flow, code) = two_vouched(&app, &friends).await;
    let started = app.clock.now();
    let began = app.verify(&flow, json!({"code": code})).await.body;
    let wait_token = began["wait_token"].as_str().unwrap().to_owned();
    let waiting = began["flow"]["waiting"].clone();
    assert_eq!(waiting["ends_at"], started + 72 * 3600, "no evidence: the full wait");
    assert_eq!(
        waiting["evidence"],
        json!([
            {"kind": "every_contact", "counted": false},
            {"kind": "known_device", "counted": false},
            {"kind": "staffed_station", "counted": false},
        ])
    );
    let early = finish_wait(&app, &flow, &wait_token).await;
    assert_eq!(early.code(), "waiting_period");
    assert_eq!(early.body["retry_after_secs"], 72 * 3600);

    let chen = &friends[2].1;
    let ask = ask_for(&app, chen, 0).await;
    assert_eq!(vouch(&app, chen, &ask, &code).await.status, StatusCode::NO_CONTENT);
    let view = flow_view(&app, &flow).await;
    assert_eq!(view["waiting"]["ends_at"], started + 56 * 3600, "every contact: 16 hours off");
    let unknown = app
        .post(
            &format!("/v1/recovery/flows/{flow}/known-device"),
            None,
            json!({"refresh_token": "rgr_nothing"}),
        )
        .await;
    assert_eq!(unknown.code(), "invalid_field");
    let revoked = app
        .post(
            &format!("/v1/recovery/flows/{flow}/known-device"),
            None,
            json!({"refresh_token": gone_refresh}),
        )
        .await;
    assert_eq!(revoked.code(), "invalid_field", "a session signed out is no evidence");
    let known = app
        .post(
            &format!("/v1/recovery/flows/{flow}/known-device"),
            None,
            json!({"refresh_token": earlier}),
        )
        .await;
    assert_eq!(known.status, StatusCode::OK, "{}", known.body);
    assert_eq!(known.body["waiting"]["ends_at"], started + 40 * 3600, "a known device: another");
    assert_eq!(known.body["waiting"]["evidence"][1]["counted"], true);
    let fourth = app
        .post(
            &format!("/v1/recovery/flows/{flow}/known-device"),
            None,
            json!({"refresh_token": earlier}),
        )
        .await;
    assert_eq!(fourth.code(), "rate_limited", "three offers a flow, each an event of the owner's");

    app.clock.advance(40 * 3600 - 1);
    let almost = finish_wait(&app, &flow, &wait_token).await;
    assert_eq!(almost.code(), "waiting_period");
    app.clock.advance(1);
    let logged = finish_wait(&app, &flow, "rgw_guessed").await;
    assert_eq!(logged.code(), "invalid_link", "the flow ID alone is not enough");
    let over = finish_wait(&app, &flow, &wait_token).await;
    assert_eq!(over.status, StatusCode::OK, "{}", over.body);
    assert_eq!(over.body["flow"]["state"], "choose_password");
    let reset = over.body["reset_token"].as_str().unwrap().to_owned();
    let twice = finish_wait(&app, &flow, &wait_token).await;
    assert_eq!(twice.code(), "flow_state", "the pass is handed out once");
    let other = flow_id(&app.start("li.wei@example.com").await);
    let elsewhere = finish_wait(&app, &other, &wait_token).await;
    assert_eq!(elsewhere.code(), "flow_state", "only the flow that waited");
    let new_password = "quiet meadow lantern 2031";
    assert_eq!(set_password(&app, &flow, &reset, new_password).await.status, StatusCode::OK);
    assert_eq!(app.sign_in(new_password).await.status, StatusCode::CREATED);
}

/// Any old contact cancels with the link in their notice (S29, S28): the flow is over and no
/// reset token is ever handed out.
#[tokio::test]
async fn an_old_contact_cancels_the_waiting_period() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let (flow, code) = two_vouched(&app, &friends).await;
    assert_eq!(app.verify(&flow, json!({"code": code})).await.body["flow"]["state"], "waiting");
    let cancel = app.link_to("+8613800138000", "/support/cancel?token=").await.unwrap();
    let (status, _) = app.form_post("/support/cancel", format!("token={cancel}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(flow_view(&app, &flow).await["state"], "expired");
    app.clock.advance(73 * 3600);
    let finish = finish_wait(&app, &flow, "rgw_anything").await;
    assert_eq!(finish.code(), "flow_expired");
    assert!(stored_events(&app).await.iter().any(|(k, _)| k == "assisted_recovery_cancelled"));
}

/// k vouches are one gate, never more (S12, S29): an account with an authenticator still needs
/// its code after its contacts vouched, and only then does the waiting period start.
#[tokio::test]
async fn vouches_for_an_account_with_totp_are_not_enough_alone() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (owner, friends) = circle_of_three(&app).await;
    let key = app.turn_on_totp(&owner).await;
    let (flow, code) = two_vouched(&app, &friends).await;
    let passed = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(passed.status, StatusCode::OK, "{}", passed.body);
    assert_eq!(passed.body["flow"]["state"], "choose_method", "one gate of two");
    assert_eq!(passed.body["reset_token"], Value::Null);
    let methods: Vec<&str> = passed.body["flow"]["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["totp", "recovery_code"], "the second gate is the factor's alone");
    app.clock.advance(30);
    assert_eq!(app.challenge(&flow, "totp").await.status, StatusCode::OK);
    let factor = app.verify(&flow, json!({"code": key.code(app.clock.now())})).await;
    assert_eq!(factor.status, StatusCode::OK, "{}", factor.body);
    assert_eq!(factor.body["flow"]["state"], "waiting", "then, and only then, the wait");
    assert_eq!(factor.body["reset_token"], Value::Null);
    assert!(factor.body["wait_token"].as_str().unwrap().starts_with("rgw"));
}

/// A contact's "I don't know about this" ends the request even after the contacts' gate was
/// passed, while the second gate is being passed (S29).
#[tokio::test]
async fn a_report_after_the_contacts_gate_still_ends_the_request() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (owner, friends) = circle_of_three(&app).await;
    app.turn_on_totp(&owner).await;
    let (flow, code) = two_vouched(&app, &friends).await;
    let passed = app.verify(&flow, json!({"code": code})).await;
    assert_eq!(passed.body["flow"]["state"], "choose_method", "{}", passed.body);
    let chen_ask = ask_for(&app, &friends[2].1, 0).await;
    let report = dont_know(&app, &friends[2].1, &chen_ask).await;
    assert_eq!(report.status, StatusCode::NO_CONTENT, "{}", report.body);
    app.clock.advance(30);
    let factor = app.challenge(&flow, "totp").await;
    assert_eq!(factor.code(), "flow_expired", "the request is over: {}", factor.body);
    assert_eq!(flow_view(&app, &flow).await["state"], "expired");
}

/// A check at a staffed station (S29, S22): the person shows the reference on their waiting
/// screen; only a shift begun with a station's key may look it up (the account's name, to
/// compare with their identity document) and record the document seen in person, which takes
/// 16 hours off once; both are audited with the station, and the owner sees the check.
#[tokio::test]
async fn a_check_at_a_staffed_station_shortens_the_wait_once_and_only_from_a_station() {
    use regain_protocol::StaffRole;

    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let (flow, code) = two_vouched(&app, &friends).await;
    let started = app.clock.now();
    let waiting = app.verify(&flow, json!({"code": code})).await.body["flow"]["waiting"].clone();
    let reference = waiting["reference"].as_str().unwrap().to_owned();
    assert!(reference.starts_with("RG-"), "{reference}");
    assert_eq!(waiting["evidence"][2], json!({"kind": "staffed_station", "counted": false}));

    let mira = app.staff("mira", StaffRole::Agent).await;
    let at_desk = app.shift(&mira).await;
    let path = format!("/v1/staff/waiting/{reference}");
    assert_eq!(
        app.get(&path, Some(&at_desk)).await.code(),
        "not_permitted",
        "a desk is no station"
    );
    let refused = app.post(&format!("{path}/seen-in-person"), Some(&at_desk), json!({})).await;
    assert_eq!(refused.code(), "not_permitted");

    let station = app.state.staff.register_station("harbour-st-09").await.unwrap();
    app.clock.advance(30); // the authenticator's next code: each works once
    let at_station = app.sign_in_at(&mira, station.key.expose()).await.body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let looked = app.get(&path.to_lowercase(), Some(&at_station)).await;
    assert_eq!(looked.status, StatusCode::OK, "{}", looked.body);
    assert_eq!(looked.body["display_name"], "Li Wei");
    assert_eq!(looked.body["checked"], false);
    assert!(looked.body["email"].as_str().unwrap().contains('•'), "contacts masked");
    assert_eq!(
        app.get("/v1/staff/waiting/RG-0000-0000", Some(&at_station)).await.code(),
        "not_found"
    );
    for _ in 0..2 {
        let checked =
            app.post(&format!("{path}/seen-in-person"), Some(&at_station), json!({})).await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
        assert_eq!(checked.body["checked"], true);
        assert_eq!(checked.body["ends_at"], started + 56 * 3600, "16 hours off, once");
    }
    assert_eq!(flow_view(&app, &flow).await["waiting"]["evidence"][2]["counted"], true);
    let audit = app.state.staff.audit(None, 20).await.unwrap();
    let lines: Vec<(&str, &str)> =
        audit.iter().map(|a| (a.record.action.as_str(), a.record.detail.as_str())).collect();
    assert!(
        lines.iter().any(|(action, detail)| *action == "seen_in_person"
            && detail.contains("station=harbour-st-09")
            && detail.contains(&reference)),
        "{lines:?}"
    );
    assert!(lines.iter().any(|(action, _)| *action == "view_waiting"));
    let checks = stored_events(&app).await;
    let checks = checks.iter().filter(|(k, _)| k == "recovery_checked_in_person").count();
    assert_eq!(checks, 1, "the owner sees the check once");
}

/// A contact may say no for as long as the wait runs, not only while asks are fresh (S29): a
/// report two days into the wait still ends it.
#[tokio::test]
async fn a_contact_can_still_say_no_late_in_the_wait() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let (flow, code) = two_vouched(&app, &friends).await;
    assert_eq!(app.verify(&flow, json!({"code": code})).await.body["flow"]["state"], "waiting");
    app.clock.advance(48 * 3600);
    let chen = signed_in(&app, "chen@example.org").await;
    let chen_ask = ask_for(&app, &chen, 0).await;
    let report = dont_know(&app, &chen, &chen_ask).await;
    assert_eq!(report.status, StatusCode::NO_CONTENT, "{}", report.body);
    assert_eq!(flow_view(&app, &flow).await["state"], "expired");
}

/// A decoy (an identifier that names no account) offers recovery contacts as its donor account
/// has them, answers asking them in the same shape as a real account, and never gathers a
/// vouch (S01, S02, S29). Every account here has contacts, so whichever is the donor, the
/// decoy offers them.
#[tokio::test]
async fn a_decoy_asks_recovery_contacts_as_a_real_account_does_and_never_passes() {
    let app = TestApp::with_config(recovery_config(), true).await;
    let (_owner, friends) = circle_of_three(&app).await;
    let emails = ["ana@example.org", "ben@example.org", "chen@example.org"];
    for (i, (_, inviter)) in friends.iter().enumerate() {
        for j in (0..3).filter(|j| *j != i) {
            assert_eq!(invite(&app, inviter, emails[j]).await.status, StatusCode::ACCEPTED);
            let invitee = &friends[j].1;
            let invitation = invitation_for(&app, invitee).await;
            let path = format!("/v1/me/vouching/{invitation}/accept");
            let accepted = app.post(&path, Some(invitee), json!({})).await;
            assert_eq!(accepted.status, StatusCode::NO_CONTENT, "{}", accepted.body);
        }
    }
    let mut asked = Vec::new();
    for identifier in ["ben@example.org", "nobody@example.org"] {
        let started = app.start(identifier).await;
        let flow = flow_id(&started);
        let offer = started.body["methods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["method"] == "recovery_contacts")
            .cloned()
            .unwrap_or_else(|| panic!("{identifier}: no recovery contacts offered"));
        let challenged = app.challenge(&flow, "recovery_contacts").await;
        assert_eq!(challenged.status, StatusCode::OK, "{}", challenged.body);
        let vouching = challenged.body["challenge"]["vouching"].clone();
        let of: u64 = offer["destination"].as_str().unwrap()[2..].parse().unwrap();
        assert_eq!(vouching["asked"], of, "{identifier}: asked as many as it has");
        let code = vouching["code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 6);
        let pending = app.verify(&flow, json!({"code": code})).await;
        assert_eq!(pending.code(), "vouches_pending", "{identifier}");
        // The challenge only: the methods around it follow the donor (with a phone or not).
        asked.push(shape(&challenged.body["challenge"]));
    }
    assert_eq!(asked[0], asked[1], "the decoy's challenge has the real one's shape");
}
