//! Recovery contacts through the real HTTP API (issue 20, SECURITY.md S29, S18, S19, S23):
//! invitation and answer, how many must vouch, stepping down and removal, and what an
//! invitation never tells.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::{Method, StatusCode};
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
