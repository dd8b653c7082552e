//! The signed-in account's second factor: setting up an authenticator app, confirming it with
//! its first code (which shows the recovery codes once), new recovery codes, turning it off.
//! Each needs a sign-in (or a confirmed password) within the last ten minutes.

use axum::extract::State;
use axum::http::StatusCode;
use regain_protocol::{
    ConfirmTotpRequest, ErrorBody, RecoveryCodes, RemoveSecondFactorRequest, Secret, TotpSetup,
};

use super::extract::{Authenticated, Json, Meta};
use super::{ApiError, AppState};

/// Begin setting up an authenticator app: a new secret, as a QR code's URI and as text. It
/// counts for nothing until its first code confirms it; beginning again replaces it.
#[utoipa::path(post, path = "/v1/me/totp", tag = "factors", security(("bearer" = [])),
    responses(
        (status = 201, body = TotpSetup),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 409, description = "second_factor_exists", body = ErrorBody),
    ))]
pub async fn begin_totp(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<(StatusCode, axum::Json<TotpSetup>), ApiError> {
    let enrolment = state.factors.begin_totp(&session).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(TotpSetup { secret: enrolment.secret, uri: enrolment.uri }),
    ))
}

/// Confirm the authenticator app with its first code. It becomes the account's second factor,
/// every confirmed contact is told, and ten recovery codes are answered, this once.
#[utoipa::path(post, path = "/v1/me/totp/confirm", tag = "factors", security(("bearer" = [])),
    request_body = ConfirmTotpRequest,
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 400, description = "invalid_code", body = ErrorBody),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 409, description = "nothing_to_confirm: no set-up is waiting", body = ErrorBody),
    ))]
pub async fn confirm_totp(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<ConfirmTotpRequest>,
) -> Result<axum::Json<RecoveryCodes>, ApiError> {
    let codes = state.factors.confirm_totp(&session, &request.code, &meta).await?;
    Ok(axum::Json(recovery_codes(codes)))
}

/// A new set of ten recovery codes; the old set stops working. Every confirmed contact is told.
#[utoipa::path(post, path = "/v1/me/recovery-codes", tag = "factors", security(("bearer" = [])),
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 409, description = "nothing_to_confirm: the account has no second factor", body = ErrorBody),
    ))]
pub async fn regenerate_codes(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
) -> Result<axum::Json<RecoveryCodes>, ApiError> {
    let codes = state.factors.regenerate_codes(&session, &meta).await?;
    Ok(axum::Json(recovery_codes(codes)))
}

/// Turn the second factor off: the authenticator and every recovery code. Needs the password
/// and a current code, and a password long enough to protect the account alone.
#[utoipa::path(post, path = "/v1/me/totp/remove", tag = "factors", security(("bearer" = [])),
    request_body = RemoveSecondFactorRequest,
    responses(
        (status = 204, description = "turned off"),
        (status = 400, description = "invalid_code, code_already_used", body = ErrorBody),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 409, description = "nothing_to_confirm, longer_password_needed", body = ErrorBody),
        (status = 422, description = "invalid_field (current_password)", body = ErrorBody),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<RemoveSecondFactorRequest>,
) -> Result<StatusCode, ApiError> {
    state.factors.remove(&session, &request.current_password, &request.code, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn recovery_codes(codes: Vec<Secret<String>>) -> RecoveryCodes {
    RecoveryCodes { codes: Secret::new(codes.into_iter().map(Secret::into_exposed).collect()) }
}
