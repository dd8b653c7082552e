//! The breach check against a local HTTP server that answers like a Have-I-Been-Pwned range API
//! (uppercase SHA-1 suffixes, counts, padding entries with a count of 0): the protocol is what
//! is under test. Only five hex characters may ever leave.
#![cfg(feature = "breach")]
#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use regain_policy::breach::BreachChecker;
use regain_policy::{evaluate, BreachStatus, Context, Reason, Settings};

/// A prefix the API was asked for, and the `Add-Padding` header that came with it.
type Request = (String, Option<String>);

#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<Request>>>);

/// SHA-1("password") = 5BAA6 1E4C9B93F3F0682250B6CF8331B7EE68FD8; the other lines are other
/// suffixes under the same prefix, and padding.
const PASSWORD_RANGE: &str = "003D68EB55068C33ACE09247EE4C639306B:3\r\n\
1E4C9B93F3F0682250B6CF8331B7EE68FD8:9545824\r\n\
1E4C9B93F3F0682250B6CF8331B7EE68FD9:0\r\n\
FFFFC8C0D4D0D0D1C5E1FE0F8B9B0A2AD3B:12";
/// SHA-1("quiet tangerine orbit saddle") = CA18B 6940373168C5AFBB2ED58EDF4CC2E19C2D5: its range holds that suffix
/// only as a padding line (count 0), which must not count as a breach.
const PASSPHRASE_PREFIX: &str = "CA18B";
const PASSPHRASE_RANGE: &str = "0000000000000000000000000000000000A:1\r\n6940373168C5AFBB2ED58EDF4CC2E19C2D5:0\r\nFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:2";

async fn range(
    State(seen): State<Seen>,
    Path(prefix): Path<String>,
    headers: HeaderMap,
) -> (StatusCode, String) {
    let padding = headers.get("add-padding").map(|v| v.to_str().unwrap().to_owned());
    seen.0.lock().unwrap().push((prefix.clone(), padding));
    match prefix.as_str() {
        "5BAA6" => (StatusCode::OK, PASSWORD_RANGE.to_owned()),
        p if p == PASSPHRASE_PREFIX => (StatusCode::OK, PASSPHRASE_RANGE.to_owned()),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, String::new()),
    }
}

async fn range_api() -> (String, Seen) {
    let seen = Seen::default();
    let app = axum::Router::new().route("/range/{prefix}", get(range)).with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/range/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test]
async fn a_breached_password_is_found_and_only_the_prefix_is_sent() {
    let (url, seen) = range_api().await;
    let checker = BreachChecker::new(&url, Duration::from_secs(2)).unwrap();
    assert_eq!(checker.check("password").await, BreachStatus::Found(9_545_824));
    assert_eq!(checker.check("quiet tangerine orbit saddle").await, BreachStatus::Clear);

    let seen = seen.0.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    for (prefix, padding) in &seen {
        assert_eq!(prefix.len(), 5, "only five characters leave");
        assert!(prefix.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        assert_eq!(padding.as_deref(), Some("true"));
    }
    assert_eq!(seen[0].0, "5BAA6");
}

#[tokio::test]
async fn a_padding_entry_is_not_a_breach() {
    let (url, _) = range_api().await;
    let checker = BreachChecker::new(&url, Duration::from_secs(2)).unwrap();
    assert_eq!(checker.check("quiet tangerine orbit saddle").await, BreachStatus::Clear);
    // A range the service fails to answer is not a clean bill either.
    assert_eq!(checker.check("any other password at all").await, BreachStatus::Unavailable);
}

#[tokio::test]
async fn a_service_that_is_down_or_failing_degrades_to_unavailable() {
    let down = BreachChecker::new("http://127.0.0.1:9/range/", Duration::from_secs(1)).unwrap();
    assert_eq!(down.check("password").await, BreachStatus::Unavailable);

    // The verdict then rests on the offline rules and says the check was not made.
    let context = Context::new().breach(down.check("quiet tangerine orbit saddle").await);
    let verdict = evaluate("quiet tangerine orbit saddle", &context, &Settings::default());
    assert!(verdict.acceptable);
    assert_eq!(verdict.breach, BreachStatus::Unavailable);
    assert_eq!(verdict.breach_notice(), Some("password.breach_check.unavailable"));

    let found = Context::new().breach(BreachStatus::Found(3));
    assert_eq!(
        evaluate("quiet tangerine orbit saddle", &found, &Settings::default()).reasons,
        [Reason::Breached]
    );
}
