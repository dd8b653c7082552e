use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use regain_protocol::{
    ErrorBody, RefreshRequest, SecondFactorChallenge, SecondFactorRequest, SessionGrant,
    SessionList, SignInRequest, UnlockRequest,
};
use regain_recovery::SignIn;

use super::extract::{Authenticated, Json, Meta, Path};
use super::{views, ApiError, AppState};

/// Sign in with an email, a phone number or an account ID and the password. An unknown account
/// and a wrong password get the same answer in the same time. Attempts are throttled per
/// identifier and per client address, alike for identifiers that name no account. An account
/// with a second factor answers `202` with a token for `POST /v1/sessions/second-factor`.
#[utoipa::path(post, path = "/v1/sessions", tag = "sessions", request_body = SignInRequest,
    responses((status = 201, description = "signed in", body = SessionGrant),
        (status = 202, description = "the password is right; the second factor is next", body = SecondFactorChallenge),
        (status = 401, description = "invalid_credentials", body = ErrorBody),
        (status = 429, description = "rate_limited, with Retry-After", body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<SignInRequest>,
) -> Result<Response, ApiError> {
    let device = views::device(request.device.as_ref())?;
    let signed_in = state
        .accounts
        .sign_in(&request.identifier, request.region.as_deref(), &request.password, &device, &meta)
        .await?;
    Ok(match signed_in {
        SignIn::Granted(grant) => {
            (StatusCode::CREATED, axum::Json(views::grant(grant))).into_response()
        }
        SignIn::SecondFactor(step) => {
            (StatusCode::ACCEPTED, axum::Json(views::second_factor_step(step))).into_response()
        }
    })
}

/// The second step of a sign-in: a code of the authenticator app, or a recovery code. Each
/// code works once; five wrong ones end the sign-in, and tries are throttled per account.
#[utoipa::path(post, path = "/v1/sessions/second-factor", tag = "sessions",
    request_body = SecondFactorRequest,
    responses((status = 201, description = "signed in", body = SessionGrant),
        (status = 400, description = "invalid_code, code_already_used", body = ErrorBody),
        (status = 410, description = "sign_in_expired: too late or too many tries; sign in again", body = ErrorBody),
        (status = 429, description = "rate_limited, with Retry-After", body = ErrorBody)))]
pub async fn second_factor(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<SecondFactorRequest>,
) -> Result<(StatusCode, axum::Json<SessionGrant>), ApiError> {
    let grant = state
        .accounts
        .complete_sign_in(&request.token, views::auth_method(request.method), &request.code, &meta)
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

/// Sign one of the account's other devices out: its tokens stop working at once.
#[utoipa::path(delete, path = "/v1/sessions/{session_id}", tag = "sessions", security(("bearer" = [])),
    params(("session_id" = String, Path, description = "a session of the account, from GET /v1/sessions")),
    responses((status = 204, description = "signed out"),
        (status = 404, description = "not_found: no such device of this account", body = ErrorBody),
        (status = 422, description = "invalid_field: this device signs out with DELETE /v1/sessions/current", body = ErrorBody)))]
pub async fn sign_out_device(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(device): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.accounts.sign_out_device(&session, &device, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark one of the account's other devices lost: it is locked at once (its app shows a lock
/// screen until the account's current password unlocks it), and every confirmed contact is told.
#[utoipa::path(post, path = "/v1/sessions/{session_id}/lost", tag = "sessions", security(("bearer" = [])),
    params(("session_id" = String, Path, description = "a session of the account, from GET /v1/sessions")),
    responses((status = 204, description = "locked"),
        (status = 404, description = "not_found: no such device of this account, or locked already", body = ErrorBody),
        (status = 422, description = "invalid_field: not this device", body = ErrorBody)))]
pub async fn mark_lost(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(device): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.accounts.mark_lost(&session, &device, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unlock this device, marked lost by the account's owner: the account's current password and,
/// for an account with a second factor, a code of it. Answers new tokens.
#[utoipa::path(post, path = "/v1/sessions/unlock", tag = "sessions", request_body = UnlockRequest,
    responses((status = 200, description = "unlocked", body = SessionGrant),
        (status = 400, description = "invalid_code, code_already_used", body = ErrorBody),
        (status = 401, description = "invalid_refresh_token", body = ErrorBody),
        (status = 409, description = "nothing_to_confirm: the device is not locked", body = ErrorBody),
        (status = 422, description = "invalid_field (password: invalid; code: required)", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody)))]
pub async fn unlock(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<UnlockRequest>,
) -> Result<axum::Json<SessionGrant>, ApiError> {
    let factor = match (request.method, &request.code) {
        (Some(method), Some(code)) => Some((views::auth_method(method), code)),
        _ => None,
    };
    let grant =
        state.accounts.unlock(&request.refresh_token, &request.password, factor, &meta).await?;
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
