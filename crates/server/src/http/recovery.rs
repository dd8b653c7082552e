use axum::extract::State;
use axum::http::StatusCode;
use regain_protocol::{
    CaptchaChallenge, ChallengeRequest, ErrorBody, FinishWaitRequest, FlowView, KnownDeviceRequest,
    SetPasswordRequest, StartRecoveryRequest, VerifyRequest, VerifyResponse,
};
use regain_recovery::{Error, MethodKind, Proof};

use super::extract::{Json, Meta, Path};
use super::{views, ApiError, AppState};

/// A new "I'm not a robot" challenge (ALTCHA v2 proof of work), valid 10 minutes, once.
#[utoipa::path(get, path = "/v1/captcha/challenge", tag = "recovery",
    responses((status = 200, body = CaptchaChallenge)))]
pub async fn captcha_challenge(
    State(state): State<AppState>,
) -> Result<axum::Json<CaptchaChallenge>, ApiError> {
    Ok(axum::Json(CaptchaChallenge(state.recovery.captcha_challenge()?)))
}

/// Start recovering the account an email, phone number or account ID names. The answer is
/// the same whether or not it names one.
#[utoipa::path(post, path = "/v1/recovery/flows", tag = "recovery", request_body = StartRecoveryRequest,
    responses(
        (status = 201, body = FlowView),
        (status = 400, description = "captcha_required, captcha_invalid, captcha_replayed, captcha_expired", body = ErrorBody),
        (status = 422, description = "invalid_field (identifier)", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ))]
pub async fn start(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<StartRecoveryRequest>,
) -> Result<(StatusCode, axum::Json<FlowView>), ApiError> {
    let view = state
        .recovery
        .start(&request.identifier, request.region.as_deref(), &request.captcha, &meta)
        .await?;
    Ok((StatusCode::CREATED, axum::Json(views::flow(view))))
}

/// The flow as it stands (poll it for the delivery of a code).
#[utoipa::path(get, path = "/v1/recovery/flows/{id}", tag = "recovery",
    params(("id" = String, Path, description = "The flow ID")),
    responses((status = 200, body = FlowView), (status = 404, body = ErrorBody)))]
pub async fn view(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<FlowView>, ApiError> {
    Ok(axum::Json(views::flow(state.recovery.flow_view(&id).await?)))
}

/// Send a code by email or SMS (a new one supersedes the last), or show the security questions.
#[utoipa::path(post, path = "/v1/recovery/flows/{id}/challenge", tag = "recovery", request_body = ChallengeRequest,
    params(("id" = String, Path, description = "The flow ID")),
    responses(
        (status = 200, body = FlowView),
        (status = 409, description = "flow_state", body = ErrorBody),
        (status = 410, description = "flow_expired", body = ErrorBody),
        (status = 422, description = "method_unavailable", body = ErrorBody),
        (status = 423, description = "flow_locked", body = ErrorBody),
        (status = 429, description = "rate_limited (resend too soon), send_limit_reached", body = ErrorBody),
    ))]
pub async fn challenge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Meta(meta): Meta,
    Json(request): Json<ChallengeRequest>,
) -> Result<axum::Json<FlowView>, ApiError> {
    let kind = MethodKind::from_stored(request.method.as_str());
    Ok(axum::Json(views::flow(state.recovery.challenge(&id, &kind, &meta).await?)))
}

/// Prove it is you: the code, the emailed link's token, or the answers.
#[utoipa::path(post, path = "/v1/recovery/flows/{id}/verify", tag = "recovery", request_body = VerifyRequest,
    params(("id" = String, Path, description = "The flow ID")),
    responses(
        (status = 200, body = VerifyResponse),
        (status = 400, description = "invalid_code, code_expired, invalid_link, invalid_answers", body = ErrorBody),
        (status = 409, description = "flow_state", body = ErrorBody),
        (status = 410, description = "flow_expired", body = ErrorBody),
        (status = 422, description = "invalid_field: exactly one of code, link_token and answers", body = ErrorBody),
        (status = 423, description = "flow_locked", body = ErrorBody),
        (status = 429, description = "rate_limited: recovery by this identifier is paused", body = ErrorBody),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Meta(meta): Meta,
    Json(request): Json<VerifyRequest>,
) -> Result<axum::Json<VerifyResponse>, ApiError> {
    let proof = match (request.code, request.link_token, request.answers) {
        (Some(code), None, None) => Proof::Code(code),
        (None, Some(link), None) => Proof::Link(link),
        (None, None, Some(answers)) => Proof::Answers(answers),
        _ => {
            return Err(Error::InvalidField {
                field: "code",
                reason: "exactly_one_of_code_link_token_answers",
            }
            .into())
        }
    };
    let verified = state.recovery.verify(&id, proof, &meta).await?;
    Ok(axum::Json(response(verified)))
}

/// Set the new password. Every session of the account ends and every confirmed contact is
/// told, with a "this wasn't me" link.
#[utoipa::path(post, path = "/v1/recovery/flows/{id}/password", tag = "recovery", request_body = SetPasswordRequest,
    params(("id" = String, Path, description = "The flow ID")),
    responses(
        (status = 200, body = FlowView),
        (status = 400, description = "invalid_reset_token", body = ErrorBody),
        (status = 409, description = "flow_state", body = ErrorBody),
        (status = 410, description = "flow_expired", body = ErrorBody),
        (status = 422, description = "weak_password (the flow stays usable)", body = ErrorBody),
        (status = 423, description = "flow_locked", body = ErrorBody),
    ))]
pub async fn set_password(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Meta(meta): Meta,
    Json(request): Json<SetPasswordRequest>,
) -> Result<axum::Json<FlowView>, ApiError> {
    let view = state
        .recovery
        .set_password(&id, &request.reset_token, &request.new_password, &meta)
        .await?;
    Ok(axum::Json(views::flow(view)))
}

/// After recovery contacts vouched and the waiting period passed with nobody cancelling: the
/// flow that waited moves to its new-password step and gets its reset token, once.
#[utoipa::path(post, path = "/v1/recovery/flows/{id}/finish-wait", tag = "recovery",
    request_body = FinishWaitRequest,
    params(("id" = String, Path, description = "The flow ID")),
    responses(
        (status = 200, body = VerifyResponse),
        (status = 409, description = "waiting_period (retry_after_secs says how long is left), flow_state", body = ErrorBody),
        (status = 400, description = "invalid_link: not the secret this wait began with", body = ErrorBody),
        (status = 410, description = "flow_expired: cancelled, or over", body = ErrorBody),
    ))]
pub async fn finish_wait(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Meta(meta): Meta,
    Json(request): Json<FinishWaitRequest>,
) -> Result<axum::Json<VerifyResponse>, ApiError> {
    let verified = state.recovery.finish_wait(&id, &request.wait_token, &meta).await?;
    Ok(axum::Json(response(verified)))
}

/// Evidence for a waiting flow: this app was signed in to the account before, on a device not
/// marked lost (its refresh token, even an expired one). The waiting period shortens.
#[utoipa::path(post, path = "/v1/recovery/flows/{id}/known-device", tag = "recovery", request_body = KnownDeviceRequest,
    params(("id" = String, Path, description = "The flow ID")),
    responses(
        (status = 200, body = FlowView),
        (status = 409, description = "flow_state: not waiting", body = ErrorBody),
        (status = 422, description = "invalid_field (refresh_token: unknown_device)", body = ErrorBody),
    ))]
pub async fn known_device(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Meta(meta): Meta,
    Json(request): Json<KnownDeviceRequest>,
) -> Result<axum::Json<FlowView>, ApiError> {
    let view = state.recovery.known_device(&id, &request.refresh_token, &meta).await?;
    Ok(axum::Json(views::flow(view)))
}

/// A passed step as the client sees it: the flow, and its reset token once there is one.
fn response(verified: regain_recovery::Verified) -> VerifyResponse {
    VerifyResponse {
        flow: views::flow(verified.flow),
        reset_token: verified.reset_token,
        reset_expires_at: verified.reset_expires_at,
        wait_token: verified.wait_token,
    }
}
