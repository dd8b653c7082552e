use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use regain_protocol::{ErrorBody, ErrorCode};
use regain_recovery::Error;

/// The one error every handler returns. The body is what the client sees; the detail of an
/// internal failure goes to the log only, never to the wire.
#[derive(Debug)]
pub struct ApiError {
    body: ErrorBody,
    detail: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self { body: ErrorBody::new(code), detail: None }
    }

    pub fn field(code: ErrorCode, field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { body: ErrorBody::new(code).with_field(field, reason), detail: None }
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Self { body: ErrorBody::new(ErrorCode::Internal), detail: Some(detail.into()) }
    }

    pub fn code(&self) -> ErrorCode {
        self.body.code
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        match error {
            Error::InvalidEmail => Self::field(ErrorCode::InvalidEmail, "email", "invalid"),
            Error::InvalidPhone => Self::field(ErrorCode::InvalidPhone, "phone", "invalid"),
            Error::InvalidField { field, reason } => {
                Self::field(ErrorCode::InvalidField, field, reason)
            }
            Error::WeakPassword { field, verdict } => {
                let mut body = ErrorBody::new(ErrorCode::WeakPassword);
                for reason in &verdict.reasons {
                    body = body.with_field(field, reason.code());
                }
                Self { body, detail: None }
            }
            Error::ContactInUse => Self::new(ErrorCode::ContactInUse),
            Error::InvalidCredentials => Self::new(ErrorCode::InvalidCredentials),
            Error::Unauthenticated => Self::new(ErrorCode::Unauthenticated),
            Error::InvalidRefreshToken => Self::new(ErrorCode::InvalidRefreshToken),
            Error::InvalidCode => Self::new(ErrorCode::InvalidCode),
            Error::CodeExpired => Self::new(ErrorCode::CodeExpired),
            Error::NothingToConfirm => Self::new(ErrorCode::NothingToConfirm),
            Error::RateLimited { retry_after_secs } => Self {
                body: ErrorBody::new(ErrorCode::RateLimited).with_retry_after(retry_after_secs),
                detail: None,
            },
            Error::CaptchaRequired => Self::new(ErrorCode::CaptchaRequired),
            Error::CaptchaInvalid => Self::new(ErrorCode::CaptchaInvalid),
            Error::CaptchaReplayed => Self::new(ErrorCode::CaptchaReplayed),
            Error::CaptchaExpired => Self::new(ErrorCode::CaptchaExpired),
            Error::FlowNotFound => Self::new(ErrorCode::NotFound),
            Error::FlowExpired => Self::new(ErrorCode::FlowExpired),
            Error::FlowLocked => Self::new(ErrorCode::FlowLocked),
            Error::FlowState => Self::new(ErrorCode::FlowState),
            Error::MethodUnavailable => Self::new(ErrorCode::MethodUnavailable),
            Error::VouchesPending => Self::new(ErrorCode::VouchesPending),
            Error::WaitingPeriod { retry_after_secs } => Self {
                body: ErrorBody::new(ErrorCode::WaitingPeriod).with_retry_after(retry_after_secs),
                detail: None,
            },
            Error::SendLimitReached => Self::new(ErrorCode::SendLimitReached),
            Error::InvalidAnswers => Self::new(ErrorCode::InvalidAnswers),
            Error::InvalidLink => Self::new(ErrorCode::InvalidLink),
            Error::InvalidResetToken => Self::new(ErrorCode::InvalidResetToken),
            Error::ReauthenticationRequired => Self::new(ErrorCode::ReauthenticationRequired),
            Error::CodeAlreadyUsed => Self::new(ErrorCode::CodeAlreadyUsed),
            Error::SecondFactorExists => Self::new(ErrorCode::SecondFactorExists),
            Error::SignInExpired => Self::new(ErrorCode::SignInExpired),
            Error::LongerPasswordNeeded => Self::new(ErrorCode::LongerPasswordNeeded),
            Error::LastContact => Self::new(ErrorCode::LastContact),
            Error::DeviceLocked => Self::new(ErrorCode::DeviceLocked),
            Error::NotFound => Self::new(ErrorCode::NotFound),
            Error::AlreadyClaimed => Self::new(ErrorCode::AlreadyClaimed),
            Error::NotPermitted => Self::new(ErrorCode::NotPermitted),
            Error::RequestState => Self::new(ErrorCode::RequestState),
            Error::UnsupportedFileType => Self::new(ErrorCode::UnsupportedFileType),
            Error::DamagedFile => Self::new(ErrorCode::DamagedFile),
            Error::Store(regain_recovery::StoreError::Busy) => Self {
                body: ErrorBody::new(ErrorCode::Busy).with_retry_after(1),
                detail: Some("the database is busy".to_owned()),
            },
            Error::Overloaded => Self {
                body: ErrorBody::new(ErrorCode::Busy).with_retry_after(1),
                detail: Some("the hashing queue is full".to_owned()),
            },
            Error::Store(store) => Self::internal(store.to_string()),
            Error::Internal(detail) => Self::internal(detail),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Some(detail) = &self.detail {
            tracing::error!(code = ?self.body.code, %detail, "request failed on our side");
        }
        let status = StatusCode::from_u16(self.body.code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = self.body.retry_after_secs;
        let mut response = (status, axum::Json(self.body)).into_response();
        if let Some(secs) = retry_after {
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}
