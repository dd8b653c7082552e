//! The staff API (`/v1/staff/...`) and the two public ends of an assisted recovery: the cancel
//! link every old contact gets, and the pass the person gets when the waiting period is over.
//!
//! Nothing here carries an account's password or sets a contact (SECURITY.md S22): the only
//! password on these routes is a member of staff's own, at their sign-in.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use regain_protocol::{
    CancelAssistedRequest, DecisionRequest, DecisionView, ErrorBody, Queue, RedeemPassRequest,
    SecondReviewRequest, StaffAuditEntry, StaffNoteRequest, StaffRequestView, StaffRole,
    StaffSession, StaffSignInRequest, StaffWaitingView, VerifyResponse,
};
use regain_recovery::support::staff::Decided;
use regain_recovery::Error;

use super::extract::{Json, Meta, Path, StaffOnShift};
use super::{views, ApiError, AppState};

/// Start a shift: a member of staff's own username and password and their authenticator's
/// current code. Either wrong is refused the same way.
#[utoipa::path(post, path = "/v1/staff/sessions", tag = "staff",
    request_body = StaffSignInRequest,
    responses(
        (status = 201, body = StaffSession),
        (status = 401, description = "invalid_credentials: the username, password or code is not right, or the station key is no station's in service", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<StaffSignInRequest>,
) -> Result<(StatusCode, axum::Json<StaffSession>), ApiError> {
    let grant = state
        .staff
        .sign_in(
            &request.username,
            &request.password,
            &request.totp,
            request.station_key.as_ref(),
            &meta,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(StaffSession {
            token: grant.token,
            username: grant.member.username,
            role: grant.member.role,
            expires_at: grant.expires_at,
            idle_secs: state.staff.settings().idle_secs,
            station: grant.station,
        }),
    ))
}

/// End the shift now.
#[utoipa::path(delete, path = "/v1/staff/sessions/current", tag = "staff", security(("bearer" = [])),
    responses((status = 204, description = "signed out")))]
pub async fn sign_out(staff: StaffOnShift) -> Result<StatusCode, ApiError> {
    staff.desk.sign_out(&staff.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The queue: requests waiting for a reviewer and those in review, oldest first.
#[utoipa::path(get, path = "/v1/staff/queue", tag = "staff", security(("bearer" = [])),
    responses((status = 200, body = Queue)))]
pub async fn queue(staff: StaffOnShift) -> Result<axum::Json<Queue>, ApiError> {
    Ok(axum::Json(Queue { requests: staff.desk.queue().await? }))
}

/// Take a request to review. One member of staff at a time.
#[utoipa::path(post, path = "/v1/staff/requests/{request_id}/claim", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path)),
    responses(
        (status = 204, description = "claimed (or already this member's)"),
        (status = 409, description = "already_claimed: another member of staff has it; request_state: not in the queue", body = ErrorBody),
    ))]
pub async fn claim(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(request_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    staff.desk.claim(&staff.shift.member, &request_id, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A claimed request: the account it names (contacts masked), the contact given (masked), what
/// happened, the proofs by position, and staff's notes. Each look is audited.
#[utoipa::path(get, path = "/v1/staff/requests/{request_id}", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path)),
    responses(
        (status = 200, body = StaffRequestView),
        (status = 403, description = "not_permitted: claimed by someone else", body = ErrorBody),
    ))]
pub async fn request(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(request_id): Path<String>,
) -> Result<axum::Json<StaffRequestView>, ApiError> {
    Ok(axum::Json(staff.desk.view(&staff.shift.member, &request_id, &meta).await?))
}

/// A proof, blurred: enough to see what kind of document it is, not to read it. Audited.
#[utoipa::path(get, path = "/v1/staff/requests/{request_id}/proofs/{position}", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path), ("position" = u32, Path)),
    responses(
        (status = 200, description = "a PNG", content_type = "image/png"),
        (status = 403, description = "not_permitted", body = ErrorBody),
    ))]
pub async fn proof_blurred(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path((request_id, position)): Path<(String, u32)>,
) -> Result<Response, ApiError> {
    proof(staff, meta, &request_id, position, false).await
}

/// A proof as it was kept (a picture drawn again without its metadata, or the PDF). Every
/// clear view is audited and shown in the account owner's activity.
#[utoipa::path(get, path = "/v1/staff/requests/{request_id}/proofs/{position}/clear", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path), ("position" = u32, Path)),
    responses(
        (status = 200, description = "the file: image/jpeg, image/png or application/pdf"),
        (status = 403, description = "not_permitted", body = ErrorBody),
    ))]
pub async fn proof_clear(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path((request_id, position)): Path<(String, u32)>,
) -> Result<Response, ApiError> {
    proof(staff, meta, &request_id, position, true).await
}

async fn proof(
    staff: StaffOnShift,
    meta: regain_recovery::RequestMeta,
    request_id: &str,
    position: u32,
    clear: bool,
) -> Result<Response, ApiError> {
    let position = usize::try_from(position).map_err(|_| Error::NotFound)?;
    let file = staff.desk.proof(&staff.shift.member, request_id, position, clear, &meta).await?;
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_DISPOSITION, "inline"),
        ],
        file.bytes,
    )
        .into_response())
}

/// An internal note, for staff only.
#[utoipa::path(post, path = "/v1/staff/requests/{request_id}/notes", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path)),
    request_body = StaffNoteRequest,
    responses((status = 204, description = "kept"), (status = 403, description = "not_permitted", body = ErrorBody)))]
pub async fn note(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(request_id): Path<String>,
    Json(request): Json<StaffNoteRequest>,
) -> Result<StatusCode, ApiError> {
    staff.desk.note(&staff.shift.member, &request_id, &request.text, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Decide a claimed request: approve (an approving reason, the document checked against the
/// account's name and one more match) or deny (a denying reason). Approving starts an
/// assisted recovery, or waits for a supervisor's second approval (four eyes).
#[utoipa::path(post, path = "/v1/staff/requests/{request_id}/decision", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path)),
    request_body = DecisionRequest,
    responses(
        (status = 200, body = DecisionView),
        (status = 403, description = "not_permitted: not this member's claim", body = ErrorBody),
        (status = 409, description = "request_state: decided already, or waiting for a second approval", body = ErrorBody),
        (status = 422, description = "invalid_field: a reason that does not fit the verdict, too little checked, or what was seen in person recorded by a shift at no station (`station_only`)", body = ErrorBody),
    ))]
pub async fn decide(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(request_id): Path<String>,
    Json(request): Json<DecisionRequest>,
) -> Result<axum::Json<DecisionView>, ApiError> {
    let decided = staff.desk.decide(&staff.shift, &request_id, &request, &meta).await?;
    Ok(axum::Json(decision_view(decided)))
}

/// A supervisor's second review of an approval (four eyes), by anyone but the first approver:
/// approve (the assisted recovery starts) or deny, with a reason.
#[utoipa::path(post, path = "/v1/staff/requests/{request_id}/second-review", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path)),
    request_body = SecondReviewRequest,
    responses(
        (status = 200, body = DecisionView),
        (status = 403, description = "not_permitted: an agent, or the first approver", body = ErrorBody),
        (status = 409, description = "request_state: not waiting for a second review", body = ErrorBody),
        (status = 422, description = "invalid_field: a reason that does not fit the verdict, or verified in person by a shift at no station (`station_only`)", body = ErrorBody),
    ))]
pub async fn second_review(
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(request_id): Path<String>,
    Json(review): Json<SecondReviewRequest>,
) -> Result<axum::Json<DecisionView>, ApiError> {
    let decided = staff.desk.second_review(&staff.shift, &request_id, &review, &meta).await?;
    Ok(axum::Json(decision_view(decided)))
}

/// The audit of a request (supervisors only): who did what, when, from where.
#[utoipa::path(get, path = "/v1/staff/requests/{request_id}/audit", tag = "staff", security(("bearer" = [])),
    params(("request_id" = String, Path)),
    responses(
        (status = 200, body = Vec<StaffAuditEntry>),
        (status = 403, description = "not_permitted: supervisors only", body = ErrorBody),
    ))]
pub async fn audit(
    staff: StaffOnShift,
    Path(request_id): Path<String>,
) -> Result<axum::Json<Vec<StaffAuditEntry>>, ApiError> {
    if staff.shift.member.role != StaffRole::Supervisor {
        return Err(Error::NotPermitted.into());
    }
    let lines = staff.desk.audit(Some(&request_id), 500).await?;
    Ok(axum::Json(lines.into_iter().map(audit_entry).collect()))
}

/// An audit line as operators and supervisors read it.
pub fn audit_entry(line: regain_recovery::store::StoredAudit) -> StaffAuditEntry {
    StaffAuditEntry {
        at: line.record.at,
        staff: line.username,
        action: line.record.action,
        request_id: line.record.request_id,
        detail: line.record.detail,
        ip: line.record.ip,
    }
}

fn decision_view(decided: Decided) -> DecisionView {
    DecisionView {
        outcome: decided.outcome,
        state: decided.state,
        wait_ends_at: decided.wait_ends_at,
    }
}

/// The cancel link of an assisted recovery's notice: the recovery stops and the request closes.
#[utoipa::path(post, path = "/v1/support/assisted/cancel", tag = "support",
    request_body = CancelAssistedRequest,
    responses(
        (status = 204, description = "cancelled"),
        (status = 400, description = "invalid_link: unknown, used, or cancelled already", body = ErrorBody),
    ))]
pub async fn cancel_assisted(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Json(request): Json<CancelAssistedRequest>,
) -> Result<StatusCode, ApiError> {
    state.staff.cancel(&request.token, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Use the recovery pass that came when the waiting period ended: a recovery flow opens at
/// its "choose a new password" step, with its reset token. The pass works once.
#[utoipa::path(post, path = "/v1/support/pass", tag = "support",
    request_body = RedeemPassRequest,
    responses(
        (status = 200, body = VerifyResponse),
        (status = 400, description = "invalid_link: unknown, used, expired or cancelled", body = ErrorBody),
    ))]
pub async fn redeem_pass(
    State(state): State<AppState>,
    Json(request): Json<RedeemPassRequest>,
) -> Result<axum::Json<VerifyResponse>, ApiError> {
    let redeemed = state.staff.redeem(&request.pass).await?;
    let flow = state.recovery.flow_view(&redeemed.flow_id).await?;
    Ok(axum::Json(VerifyResponse {
        flow: views::flow(flow),
        reset_token: Some(redeemed.reset_token),
        reset_expires_at: Some(redeemed.reset_expires_at),
        wait_token: None,
    }))
}

/// A recovery waiting after recovery contacts vouched, by the reference the person shows at a
/// staffed station: the account's name to compare with their identity document. From a shift
/// at a staffed station only; audited.
#[utoipa::path(get, path = "/v1/staff/waiting/{reference}", tag = "staff", security(("bearer" = [])),
    params(("reference" = String, Path, description = "`RG-XXXX-XXXX`, as the person's screen shows it")),
    responses(
        (status = 200, body = StaffWaitingView),
        (status = 403, description = "not_permitted: not a shift at a staffed station", body = ErrorBody),
        (status = 404, description = "not_found: no recovery waiting under that reference", body = ErrorBody),
    ))]
pub async fn waiting(
    State(state): State<AppState>,
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(reference): Path<String>,
) -> Result<axum::Json<StaffWaitingView>, ApiError> {
    Ok(axum::Json(state.recovery.station_lookup(&staff.shift, &reference, &meta).await?))
}

/// The person's identity document was seen in person and matches the account's name: the
/// waiting period shortens (once), the owner sees it in their activity, the audit names the
/// member and the station.
#[utoipa::path(post, path = "/v1/staff/waiting/{reference}/seen-in-person", tag = "staff", security(("bearer" = [])),
    params(("reference" = String, Path)),
    responses(
        (status = 200, body = StaffWaitingView),
        (status = 403, description = "not_permitted: not a shift at a staffed station", body = ErrorBody),
        (status = 404, description = "not_found", body = ErrorBody),
    ))]
pub async fn seen_in_person(
    State(state): State<AppState>,
    staff: StaffOnShift,
    Meta(meta): Meta,
    Path(reference): Path<String>,
) -> Result<axum::Json<StaffWaitingView>, ApiError> {
    Ok(axum::Json(state.recovery.station_check(&staff.shift, &reference, &meta).await?))
}
