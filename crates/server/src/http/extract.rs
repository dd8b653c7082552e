//! Extractors that turn a request's edges into typed values, refusing bad input with a stable
//! error code and without echoing any of it back.

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use regain_protocol::{ErrorCode, Secret};
use regain_recovery::{RequestMeta, Session};
use serde::de::DeserializeOwned;

use super::body::{self, Misfit};
use super::{ApiError, AppState};

/// A JSON body. Unlike `axum::Json`, its errors are the protocol's (`invalid_json`,
/// `unknown_field`, `invalid_field`, `unsupported_media_type`, `payload_too_large`) and never
/// quote the offending value: serde's messages can contain it, and it may be a password.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiError::new(ErrorCode::UnsupportedMediaType));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(ErrorCode::PayloadTooLarge)
            } else {
                ApiError::new(ErrorCode::InvalidJson)
            }
        })?;
        match serde_json::from_slice(&bytes) {
            Ok(value) => Ok(Self(value)),
            Err(error) if error.is_data() => Err(misfit::<T>(&bytes)),
            Err(_) => Err(ApiError::new(ErrorCode::InvalidJson)),
        }
    }
}

/// Why well-formed JSON does not fit `T`, told by the serde hook the type's own code calls
/// (`body::read`), with the path to the field. A value that fits there but not in serde_json
/// (a duplicate key, which a parsed value has already folded) is invalid as a whole.
fn misfit<T: DeserializeOwned>(bytes: &[u8]) -> ApiError {
    let (path, misfit) = serde_json::from_slice(bytes)
        .ok()
        .and_then(|value| body::read::<T>(value).err())
        .unwrap_or_else(|| (".".to_owned(), Misfit::Invalid));
    match misfit {
        // The path already ends at the unknown key.
        Misfit::Unknown => ApiError::field(ErrorCode::UnknownField, path, "unknown"),
        Misfit::Missing(name) => {
            let field = if path == "." { name.to_owned() } else { format!("{path}.{name}") };
            ApiError::field(ErrorCode::InvalidField, field, "required")
        }
        Misfit::Invalid => ApiError::field(ErrorCode::InvalidField, path, "invalid"),
    }
}

/// A path parameter. A value that does not decode (`/v1/recovery/flows/%ff`) names nothing, so
/// it is answered `not_found` in the error shape, never axum's plain-text rejection.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|_| ApiError::new(ErrorCode::NotFound))
    }
}

/// Local mode answers only requests addressed to a loopback name or address, so that a web
/// page cannot reach the dev inbox by rebinding its own name to 127.0.0.1 (DNS rebinding). A
/// request without `Host` comes from no browser and passes.
pub async fn loopback_host_only(request: Request, next: axum::middleware::Next) -> Response {
    let allowed = match request.headers().get(header::HOST) {
        None => true,
        Some(host) => host.to_str().is_ok_and(is_loopback_host),
    };
    if allowed {
        next.run(request).await
    } else {
        ApiError::new(ErrorCode::HostNotAllowed).into_response()
    }
}

/// `localhost`, or a loopback address, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The token of `Authorization: Bearer <token>`, if the request has one.
pub fn bearer(headers: &axum::http::HeaderMap) -> Option<Secret<String>> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| Secret::new(t.trim().to_owned()))
}

/// The signed-in session making the request (`Authorization: Bearer <access token>`).
#[derive(Debug)]
pub struct Authenticated(pub Session);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token =
            bearer(&parts.headers).ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
        Ok(Self(state.accounts.authenticate(&token).await?))
    }
}

/// A member of staff on shift (`Authorization: Bearer <staff token>`): the shift is live and
/// was used within its idle time. Account sessions are not staff sessions, nor the reverse.
pub struct StaffOnShift {
    pub shift: regain_recovery::store::Shift,
    pub token: Secret<String>,
    pub desk: regain_recovery::support::staff::StaffDesk,
}

impl FromRequestParts<AppState> for StaffOnShift {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token =
            bearer(&parts.headers).ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
        let shift = state.staff.authenticate(&token).await?;
        Ok(Self { shift, token, desk: state.staff.clone() })
    }
}

/// Who is asking: the peer address and the user agent.
#[derive(Debug)]
pub struct Meta(pub RequestMeta);

impl FromRequestParts<AppState> for Meta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let from_proxy = state.client_ip_header.as_deref().and_then(|name| {
            let value = parts.headers.get(name)?.to_str().ok()?;
            value.trim().parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string())
        });
        let ip = from_proxy.or_else(|| {
            parts
                .extensions
                .get::<ConnectInfo<std::net::SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip().to_string())
        });
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(ToOwned::to_owned);
        Ok(Self(RequestMeta { ip, user_agent }))
    }
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn loopback_hosts_are_names_and_addresses_of_this_computer() {
        for host in [
            "localhost",
            "LOCALHOST:8080",
            "127.0.0.1",
            "127.0.0.1:55555",
            "127.9.9.9:1",
            "[::1]",
            "[::1]:8080",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.test",
            "evil.test:8080",
            "localhost.evil.test",
            "10.0.0.1:8080",
            "[::2]:80",
            "127.0.0.1.nip.io",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
