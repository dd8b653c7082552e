//! Support requests, the customer's side: filing one with proofs (`multipart/form-data`, each
//! file up to its own limit, the whole body up to [`UPLOAD_BODY_LIMIT`]), confirming the
//! contact given, and the status link.

use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use regain_protocol::{
    ConfirmSupportContactRequest, ContactChannel, ErrorBody, ErrorCode, SupportRequestForm,
    SupportRequestOpened, SupportStatusView,
};
use regain_recovery::support::proofs::ProofKind;
use regain_recovery::support::{parse_contact, NewRequest, Status};

use super::extract::{bearer, Json, Meta, Path};
use super::{ApiError, AppState};

/// The body limit of a support request: five files of 10 MiB and the text fields around them.
pub const UPLOAD_BODY_LIMIT: usize = 5 * 10 * 1024 * 1024 + 64 * 1024;
/// The longest text field (a description of 2,000 characters in any script, with room).
const TEXT_FIELD_LIMIT: usize = 16 * 1024;

/// File a support request: who the account is, how to reach the person now (a code goes
/// there), what happened, and proofs of ownership (a photo of an identity document, a purchase
/// receipt, a device's serial number or IMEI). Files are taken by their content (JPEG, PNG,
/// WebP, PDF), and pictures are drawn again without their metadata. The answer is the same
/// whether or not the identifier names an account.
#[utoipa::path(post, path = "/v1/support/requests", tag = "support",
    request_body(content = SupportRequestForm, content_type = "multipart/form-data"),
    responses(
        (status = 202, description = "filed; the code is on its way to the contact", body = SupportRequestOpened),
        (status = 400, description = "captcha_required, captcha_invalid, captcha_replayed, captcha_expired, unknown_field", body = ErrorBody),
        (status = 413, description = "payload_too_large: a file over 10 MiB, or the body over its limit", body = ErrorBody),
        (status = 415, description = "unsupported_media_type (not multipart), unsupported_file_type", body = ErrorBody),
        (status = 422, description = "invalid_field, invalid_email, invalid_phone, damaged_file", body = ErrorBody),
        (status = 429, description = "rate_limited: requests from this address or for this identifier, or messages to that contact", body = ErrorBody),
    ))]
pub async fn open_request(
    State(state): State<AppState>,
    Meta(meta): Meta,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, axum::Json<SupportRequestOpened>), ApiError> {
    let mut multipart = multipart.map_err(|_| ApiError::new(ErrorCode::UnsupportedMediaType))?;
    let settings = *state.support.settings();
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "id_document" | "receipt" => {
                if form.files.len() == settings.max_files {
                    return Err(ApiError::field(ErrorCode::InvalidField, "files", "too_many"));
                }
                let kind =
                    if name == "receipt" { ProofKind::Receipt } else { ProofKind::IdDocument };
                let bytes = read(field, settings.max_file_bytes).await?;
                form.files.push((kind, bytes));
            }
            "identifier" | "region" | "contact_channel" | "contact" | "description" | "captcha"
            | "device" | "locale" => {
                let bytes = read(field, TEXT_FIELD_LIMIT).await?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    ApiError::field(ErrorCode::InvalidField, name.clone(), "invalid")
                })?;
                form.text.push((name, text));
            }
            _ => return Err(ApiError::field(ErrorCode::UnknownField, name, "unknown")),
        }
    }
    let captcha = form.take("captcha").unwrap_or_default();
    if captcha.is_empty() {
        return Err(ApiError::new(ErrorCode::CaptchaRequired));
    }
    let channel = match form.take("contact_channel").as_deref() {
        Some("email") => ContactChannel::Email,
        Some("phone") => ContactChannel::Phone,
        _ => {
            return Err(ApiError::field(
                ErrorCode::InvalidField,
                "contact_channel",
                "email_or_phone",
            ))
        }
    };
    let region = form.take("region").filter(|r| !r.is_empty());
    let contact = form.required("contact")?;
    let request = NewRequest {
        identifier: form.required("identifier")?,
        contact: parse_contact(channel, &contact, region.as_deref())?,
        region,
        description: form.required("description")?,
        device: form.take("device"),
        locale: form.take("locale"),
        files: form.files,
    };
    let opened = state.support.open(request, &captcha, &meta).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(SupportRequestOpened {
            request_id: opened.request_id,
            reference: opened.reference,
            status_token: opened.status_token,
            code_expires_at: opened.code_expires_at,
        }),
    ))
}

/// Confirm the contact given with the code sent to it (and the request's status token): the
/// request goes to staff's queue, and its status link to that contact.
#[utoipa::path(post, path = "/v1/support/requests/{request_id}/confirm", tag = "support",
    params(("request_id" = String, Path, description = "from the request's 202 answer")),
    request_body = ConfirmSupportContactRequest,
    responses(
        (status = 204, description = "confirmed; the request is in the queue"),
        (status = 400, description = "invalid_code, code_expired", body = ErrorBody),
        (status = 404, description = "not_found: no such request, or not its status token", body = ErrorBody),
        (status = 409, description = "nothing_to_confirm: confirmed already", body = ErrorBody),
    ))]
pub async fn confirm_contact(
    State(state): State<AppState>,
    Meta(meta): Meta,
    Path(request_id): Path<String>,
    Json(request): Json<ConfirmSupportContactRequest>,
) -> Result<StatusCode, ApiError> {
    state.support.confirm_contact(&request_id, &request.code, &request.status_token, &meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where a support request stands (`Authorization: Bearer <status token>`). Never staff's notes.
#[utoipa::path(get, path = "/v1/support/status", tag = "support", security(("bearer" = [])),
    responses(
        (status = 200, body = SupportStatusView),
        (status = 404, description = "not_found: no request has this status token", body = ErrorBody),
    ))]
pub async fn status(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<axum::Json<SupportStatusView>, ApiError> {
    // No token is a missing credential (401); a wrong one finds nothing (404).
    let token = bearer(&headers).ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let status = state.support.status(&token).await?;
    Ok(axum::Json(view(status)))
}

pub fn view(status: Status) -> SupportStatusView {
    SupportStatusView {
        reference: status.reference,
        state: status.state,
        created_at: status.created_at,
        updated_at: status.updated_at,
        proofs: status.proofs,
    }
}

/// The text fields and files of a form as they came.
#[derive(Default)]
struct Form {
    text: Vec<(String, String)>,
    files: Vec<(ProofKind, Vec<u8>)>,
}

impl Form {
    fn take(&mut self, name: &str) -> Option<String> {
        let at = self.text.iter().position(|(n, _)| n == name)?;
        Some(self.text.remove(at).1)
    }

    fn required(&mut self, name: &'static str) -> Result<String, ApiError> {
        self.take(name)
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| ApiError::field(ErrorCode::InvalidField, name, "required"))
    }
}

/// A field's bytes, at most `limit`: the read stops there, so a large file costs the service
/// no more than the limit.
async fn read(mut field: Field<'_>, limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::new(ErrorCode::PayloadTooLarge));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A broken body by what went wrong: too large (the body limit), or not multipart as sent.
fn multipart_error(error: MultipartError) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(ErrorCode::PayloadTooLarge)
    } else {
        ApiError::field(ErrorCode::InvalidField, "body", "not_multipart")
    }
}
