//! A floor under the time of every answer about an identifier a stranger can name (SECURITY.md
//! S02). The service already does the same work for an unknown identifier as for a real one
//! (a decoy flow, a dummy password hash), but "the same" is never exact: a real account's rows
//! are read and decoded, and the enumeration probe (`scripts/measure-enumeration`) tells the
//! two apart by 18 to 147 µs at 1,000 pairs. So these answers wait until a fixed time after the
//! request arrived: while the work fits under the floor, both answer after the floor plus the
//! timer's own jitter, which is the same for both. Under load that pushes the work past the
//! floor, queueing noise of milliseconds swamps microseconds; the floor is a setting for that.
//!
//! The wait is a timer, not work: it holds no thread, connection or lock.

use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

/// The floors, by the kind of work an answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Floors {
    /// Recovery starts, code sends and checks, a flow's state, support requests.
    pub recovery: Duration,
    /// Answers that hash a password (sign-in, sign-up, staff sign-in): argon2id's time, and
    /// its variance, are larger.
    pub password: Duration,
}

impl Floors {
    /// The floor of the route `path` (as the router matched it) for `method`, if it has one.
    fn of(&self, method: &Method, path: &str) -> Option<Duration> {
        // The router answers a HEAD with the GET's handler: the same floor.
        let method = if method == Method::HEAD { &Method::GET } else { method };
        let floor = match (method, path) {
            (&Method::POST, "/v1/sessions" | "/v1/accounts" | "/v1/staff/sessions") => {
                self.password
            }
            (&Method::POST, "/v1/recovery/flows")
            | (&Method::GET, "/v1/recovery/flows/{id}")
            | (&Method::POST, "/v1/recovery/flows/{id}/challenge")
            | (&Method::POST, "/v1/recovery/flows/{id}/verify")
            | (&Method::POST, "/v1/support/requests")
            | (&Method::POST, "/v1/support/requests/{request_id}/confirm") => self.recovery,
            _ => return None,
        };
        (!floor.is_zero()).then_some(floor)
    }
}

/// Holds the answer of a floored route until its floor has passed since the request arrived.
pub async fn hold(State(floors): State<Floors>, request: Request, next: Next) -> Response {
    let arrived = tokio::time::Instant::now();
    let floor = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|path| floors.of(request.method(), path.as_str()));
    let response = next.run(request).await;
    if let Some(floor) = floor {
        tokio::time::sleep_until(arrived + floor).await;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_answers_about_an_identifier_have_a_floor() {
        let floors =
            Floors { recovery: Duration::from_millis(10), password: Duration::from_millis(60) };
        for path in ["/v1/sessions", "/v1/accounts", "/v1/staff/sessions"] {
            assert_eq!(floors.of(&Method::POST, path), Some(floors.password), "{path}");
        }
        for (method, path) in [
            (Method::POST, "/v1/recovery/flows"),
            (Method::GET, "/v1/recovery/flows/{id}"),
            (Method::HEAD, "/v1/recovery/flows/{id}"),
            (Method::POST, "/v1/recovery/flows/{id}/challenge"),
            (Method::POST, "/v1/recovery/flows/{id}/verify"),
            (Method::POST, "/v1/support/requests"),
            (Method::POST, "/v1/support/requests/{request_id}/confirm"),
        ] {
            assert_eq!(floors.of(&method, path), Some(floors.recovery), "{method} {path}");
        }
        assert_eq!(floors.of(&Method::GET, "/v1/sessions"), None, "a signed-in list");
        assert_eq!(floors.of(&Method::GET, "/healthz"), None);
        let off = Floors { recovery: Duration::ZERO, password: Duration::ZERO };
        assert_eq!(off.of(&Method::POST, "/v1/sessions"), None);
    }
}
