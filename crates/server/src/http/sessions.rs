use axum::extract::State;
use axum::http::StatusCode;
use regain_protocol::{ErrorBody, RefreshRequest, SessionGrant, SessionList, SignInRequest};

use super::extract::{Authenticated, Json, Meta};
use super::{views, ApiError, AppState};

/// Sign in with an email, a phone number or an account ID and the password. An unknown account
/// and a wrong password get the same answer in the same time. Attempts are throttled per
/// identifier and per client address, alike for identifiers that name no account.
#[utoipa::path(post, path = "/v1/sessions", tag = "sessions", request_body = SignInRequest,
    responses((status = 201, body = SessionGrant), (status = 401, description = "invalid_credentials", body = ErrorBody),
        (status = 429, description = "rate_limited, with Retry-After", body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<SignInRequest>,
) -> Result<(StatusCode, axum::Json<SessionGrant>), ApiError> {
    let grant = state
        .accounts
        .sign_in(&request.identifier, request.region.as_deref(), &request.password, &meta)
        .await?;
    Ok((StatusCode::CREATED, axum::Json(views::grant(grant))))
}

/// The signed-in account's live sessions, newest first.
#[utoipa::path(get, path = "/v1/sessions", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = SessionList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<axum::Json<SessionList>, ApiError> {
    let sessions = state.accounts.sessions(session.account_id).await?;
    let sessions = sessions.iter().map(|s| views::session(s, &session.id)).collect();
    Ok(axum::Json(SessionList { sessions }))
}

/// Trade a refresh token for a new access and refresh token. A refresh token works once;
/// presenting a used one again revokes the session.
#[utoipa::path(post, path = "/v1/sessions/refresh", tag = "sessions", request_body = RefreshRequest,
    responses((status = 200, body = SessionGrant), (status = 401, description = "invalid_refresh_token", body = ErrorBody)))]
pub async fn refresh(
    State(state): State<AppState>,
    Json(request): Json<RefreshRequest>,
) -> Result<axum::Json<SessionGrant>, ApiError> {
    let grant = state.accounts.refresh(&request.refresh_token).await?;
    Ok(axum::Json(views::grant(grant)))
}

/// Sign out: the session's tokens stop working at once.
#[utoipa::path(delete, path = "/v1/sessions/current", tag = "sessions", security(("bearer" = [])),
    responses((status = 204, description = "signed out"), (status = 401, body = ErrorBody)))]
pub async fn sign_out(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<StatusCode, ApiError> {
    state.accounts.sign_out(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}
