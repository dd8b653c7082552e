//! Recovery contacts (`/v1/me/recovery-contacts`, `/v1/me/vouching`): the owner's side and the
//! contact's side, both from a signed-in session.

use axum::extract::State;
use axum::http::StatusCode;
use regain_protocol::{
    DeclineVouchRequest, ErrorBody, InviteRecoveryContactRequest, RecoveryContactView,
    RecoveryContactsView, VouchRequest, VouchThresholdRequest,
};

use super::extract::{Authenticated, Json, Meta, Path};
use super::{ApiError, AppState};

/// The signed-in account's recovery contacts, how many must vouch, and the accounts it vouches
/// for or is asked to.
#[utoipa::path(get, path = "/v1/me/recovery-contacts", tag = "recovery contacts", security(("bearer" = [])),
    responses((status = 200, body = RecoveryContactsView)))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<axum::Json<RecoveryContactsView>, ApiError> {
    Ok(axum::Json(state.accounts.recovery_contacts(&session).await?))
}

/// Invite the account an email, phone number or account ID names to be a recovery contact
/// (at most five). The answer does not say whether it names one; every confirmed contact of
/// the owner is told, with "this wasn't me". Needs a recent sign-in.
#[utoipa::path(post, path = "/v1/me/recovery-contacts", tag = "recovery contacts", security(("bearer" = [])),
    request_body = InviteRecoveryContactRequest,
    responses(
        (status = 202, body = RecoveryContactView),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 422, description = "invalid_field: identifier invalid, or too_many (five already)", body = ErrorBody),
        (status = 429, description = "rate_limited: invitations from this account", body = ErrorBody),
    ))]
pub async fn invite(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<InviteRecoveryContactRequest>,
) -> Result<(StatusCode, axum::Json<RecoveryContactView>), ApiError> {
    let invited = state
        .accounts
        .invite_recovery_contact(&session, &request.identifier, request.region.as_deref(), &meta)
        .await?;
    Ok((StatusCode::ACCEPTED, axum::Json(invited)))
}

/// Remove a recovery contact, or withdraw an invitation. Needs a recent sign-in.
#[utoipa::path(delete, path = "/v1/me/recovery-contacts/{id}", tag = "recovery contacts", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 204, description = "removed"),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 404, description = "not_found: not one of this account's", body = ErrorBody),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.accounts.remove_recovery_contact(&session, &id, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How many accepted recovery contacts must vouch: 2 up to how many accepted, or 1 when
/// exactly one accepted and `confirm_weaker` is set. Needs a recent sign-in.
#[utoipa::path(put, path = "/v1/me/recovery-contacts/threshold", tag = "recovery contacts", security(("bearer" = [])),
    request_body = VouchThresholdRequest,
    responses(
        (status = 200, body = RecoveryContactsView),
        (status = 403, description = "reauthentication_required", body = ErrorBody),
        (status = 422, description = "invalid_field: threshold out_of_range, or confirm_weaker required", body = ErrorBody),
    ))]
pub async fn threshold(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Json(request): Json<VouchThresholdRequest>,
) -> Result<axum::Json<RecoveryContactsView>, ApiError> {
    let view = state
        .accounts
        .set_vouch_threshold(&session, request.threshold, request.confirm_weaker, &meta)
        .await?;
    Ok(axum::Json(view))
}

/// Accept an invitation to be someone's recovery contact; they are told.
#[utoipa::path(post, path = "/v1/me/vouching/{id}/accept", tag = "recovery contacts", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 204, description = "accepted"),
        (status = 404, description = "not_found: no invitation of this account's, or it lapsed", body = ErrorBody),
        (status = 409, description = "request_state: answered already", body = ErrorBody),
    ))]
pub async fn accept(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.accounts.answer_recovery_invitation(&session, &id, true, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Decline an invitation to be someone's recovery contact.
#[utoipa::path(post, path = "/v1/me/vouching/{id}/decline", tag = "recovery contacts", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 204, description = "declined"),
        (status = 404, description = "not_found", body = ErrorBody),
        (status = 409, description = "request_state: answered already", body = ErrorBody),
    ))]
pub async fn decline(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.accounts.answer_recovery_invitation(&session, &id, false, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Step down as someone's recovery contact; they are told at once.
#[utoipa::path(post, path = "/v1/me/vouching/{id}/step-down", tag = "recovery contacts", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 204, description = "stepped down"),
        (status = 404, description = "not_found", body = ErrorBody),
        (status = 409, description = "request_state: not an accepted contact", body = ErrorBody),
    ))]
pub async fn step_down(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.accounts.step_down_as_recovery_contact(&session, &id, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Vouch for someone who asks, now, from a recovery: with the code they read to you by phone
/// or in person (call them first: never vouch for a message you did not expect). The vouch is
/// bound to their flow; a code of any other flow is refused.
#[utoipa::path(post, path = "/v1/me/vouch-requests/{id}/vouch", tag = "recovery contacts", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = VouchRequest,
    responses(
        (status = 204, description = "vouched"),
        (status = 400, description = "invalid_code: not the code of this request", body = ErrorBody),
        (status = 404, description = "not_found: no such request open for this account", body = ErrorBody),
        (status = 423, description = "flow_locked: too many wrong codes for this request", body = ErrorBody),
    ))]
pub async fn vouch(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(id): Path<String>,
    Json(request): Json<VouchRequest>,
) -> Result<StatusCode, ApiError> {
    state.recovery.vouch(&session, &id, &request.code, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Decline to vouch, or say you know nothing of this recovery (`dont_know`): either ends the
/// request, and the account's owner is told on every channel.
#[utoipa::path(post, path = "/v1/me/vouch-requests/{id}/decline", tag = "recovery contacts", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = DeclineVouchRequest,
    responses(
        (status = 204, description = "declined; the request ended"),
        (status = 404, description = "not_found: no such request open for this account", body = ErrorBody),
    ))]
pub async fn decline_vouch(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Meta(meta): Meta,
    Path(id): Path<String>,
    Json(request): Json<DeclineVouchRequest>,
) -> Result<StatusCode, ApiError> {
    state.recovery.decline_vouch(&session, &id, request.dont_know, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}
