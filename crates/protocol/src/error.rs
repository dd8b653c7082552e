use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every failure the service can answer with, as a stable `snake_case` code.
///
/// The set is closed: a client (the app's UI keeps one table from code to presentation) may
/// match on it exhaustively. Add a variant only when a client is going to act on it; otherwise
/// reuse the nearest one. Each variant's doc names its HTTP status, which [`ErrorCode::status`]
/// returns.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not well-formed JSON.
    InvalidJson,
    /// 400: the body names a field this endpoint does not take.
    UnknownField,
    /// 422: a field is missing, has the wrong type or an unusable value; see `fields`.
    InvalidField,
    /// 422: the email address cannot be an email address.
    InvalidEmail,
    /// 422: the phone number is not a valid number (for the given region, if national).
    InvalidPhone,
    /// 422: the password does not meet the password policy; `fields` carries the reasons.
    WeakPassword,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 415: an uploaded file is not a JPEG, PNG, WebP or PDF by its content, whatever its name.
    UnsupportedFileType,
    /// 422: an uploaded file starts like a picture or a PDF but does not decode: damaged,
    /// truncated, or too large once unpacked.
    DamagedFile,
    /// 413: the body is larger than the endpoint accepts (64 KiB for JSON).
    PayloadTooLarge,
    /// 409: the email or phone is already a contact of another account.
    ContactInUse,
    /// 401: the identifier and password do not match an account. Said the same way for an
    /// unknown account and a wrong password.
    InvalidCredentials,
    /// 401: the request needs a valid access token and has none, or an expired or revoked one.
    Unauthenticated,
    /// 401: the refresh token is unknown, expired, already used or revoked.
    InvalidRefreshToken,
    /// 400: the one-time code is not the one we sent.
    InvalidCode,
    /// 400: the code is no longer valid (expired, superseded, used, or too many wrong tries);
    /// ask for a new one.
    CodeExpired,
    /// 409: there is nothing to confirm (no such contact, or it is confirmed already).
    NothingToConfirm,
    /// 429: too many requests; `retry_after_secs` says when to try again.
    RateLimited,
    /// 400: starting recovery needs the "I'm not a robot" check.
    CaptchaRequired,
    /// 400: the captcha solution is not a solution of a challenge we issued.
    CaptchaInvalid,
    /// 400: this captcha solution was already used.
    CaptchaReplayed,
    /// 400: the captcha challenge expired.
    CaptchaExpired,
    /// 410: the recovery flow is over (30 minutes passed, or it completed).
    FlowExpired,
    /// 423: too many wrong codes or answers ended this flow.
    FlowLocked,
    /// 409: the flow is not at a step that accepts this request.
    FlowState,
    /// 422: the method is not offered for this flow now.
    MethodUnavailable,
    /// 409: not enough recovery contacts have vouched yet; the flow stays as it is.
    VouchesPending,
    /// 409: the waiting period after recovery contacts vouched is not over;
    /// `retry_after_secs` says how long is left.
    WaitingPeriod,
    /// 429: this flow sent as many codes as it may; `retry_after_secs` is unset.
    SendLimitReached,
    /// 400: the answers to the security questions are not right.
    InvalidAnswers,
    /// 400: the emailed link is unknown, used or expired.
    InvalidLink,
    /// 400: the reset token is unknown, used or expired.
    InvalidResetToken,
    /// 403: this change needs a recent sign-in; sign in again first.
    ReauthenticationRequired,
    /// 400: this code was right but was used already; an authenticator's code works once, so
    /// wait for the next one (or use another recovery code).
    CodeAlreadyUsed,
    /// 409: the account has an authenticator already; turn it off before setting up another.
    SecondFactorExists,
    /// 410: the sign-in waited too long for its second step, or had too many wrong codes; sign
    /// in again.
    SignInExpired,
    /// 409: the password is shorter than a password alone may be; choose a longer one before
    /// turning the second factor off.
    LongerPasswordNeeded,
    /// 409: this is the account's last confirmed contact and it has no second factor: add
    /// another contact (or turn on two-step verification) before removing it.
    LastContact,
    /// 423: this device was marked lost by the account's owner; the account's current password
    /// (and second factor) unlocks it at `POST /v1/sessions/unlock`.
    DeviceLocked,
    /// 409: another member of staff has claimed this support request.
    AlreadyClaimed,
    /// 403: this member of staff may not do this (a role that does not allow it, a request
    /// claimed by someone else, or a second approval by the first approver).
    NotPermitted,
    /// 409: the support request is not at a step that accepts this (decided already, not yet
    /// confirmed, or not waiting for a second approval).
    RequestState,
    /// 404: no such resource or route.
    NotFound,
    /// 405: the route exists but not with this method.
    MethodNotAllowed,
    /// 421: local mode answers only requests addressed to this computer (`localhost`, a
    /// loopback address), so that no web page can reach it through DNS rebinding.
    HostNotAllowed,
    /// 503: the database is busy with other writers; nothing was changed. Try again after
    /// `retry_after_secs`.
    Busy,
    /// 500: something went wrong on our side; the detail is in the server's log, never here.
    Internal,
}

impl ErrorCode {
    /// The HTTP status this code is always answered with.
    /// Every code, for clients that keep a table from code to presentation.
    pub const ALL: [ErrorCode; 47] = [
        Self::InvalidJson,
        Self::UnknownField,
        Self::InvalidField,
        Self::InvalidEmail,
        Self::InvalidPhone,
        Self::WeakPassword,
        Self::UnsupportedMediaType,
        Self::UnsupportedFileType,
        Self::DamagedFile,
        Self::PayloadTooLarge,
        Self::ContactInUse,
        Self::InvalidCredentials,
        Self::Unauthenticated,
        Self::InvalidRefreshToken,
        Self::InvalidCode,
        Self::CodeExpired,
        Self::NothingToConfirm,
        Self::RateLimited,
        Self::CaptchaRequired,
        Self::CaptchaInvalid,
        Self::CaptchaReplayed,
        Self::CaptchaExpired,
        Self::FlowExpired,
        Self::FlowLocked,
        Self::FlowState,
        Self::MethodUnavailable,
        Self::VouchesPending,
        Self::WaitingPeriod,
        Self::SendLimitReached,
        Self::InvalidAnswers,
        Self::InvalidLink,
        Self::InvalidResetToken,
        Self::ReauthenticationRequired,
        Self::CodeAlreadyUsed,
        Self::SecondFactorExists,
        Self::SignInExpired,
        Self::LongerPasswordNeeded,
        Self::LastContact,
        Self::DeviceLocked,
        Self::AlreadyClaimed,
        Self::NotPermitted,
        Self::RequestState,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::HostNotAllowed,
        Self::Busy,
        Self::Internal,
    ];

    /// The code as it is on the wire (`invalid_code`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidJson => "invalid_json",
            Self::UnknownField => "unknown_field",
            Self::InvalidField => "invalid_field",
            Self::InvalidEmail => "invalid_email",
            Self::InvalidPhone => "invalid_phone",
            Self::WeakPassword => "weak_password",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::UnsupportedFileType => "unsupported_file_type",
            Self::DamagedFile => "damaged_file",
            Self::PayloadTooLarge => "payload_too_large",
            Self::ContactInUse => "contact_in_use",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidRefreshToken => "invalid_refresh_token",
            Self::InvalidCode => "invalid_code",
            Self::CodeExpired => "code_expired",
            Self::NothingToConfirm => "nothing_to_confirm",
            Self::RateLimited => "rate_limited",
            Self::CaptchaRequired => "captcha_required",
            Self::CaptchaInvalid => "captcha_invalid",
            Self::CaptchaReplayed => "captcha_replayed",
            Self::CaptchaExpired => "captcha_expired",
            Self::FlowExpired => "flow_expired",
            Self::FlowLocked => "flow_locked",
            Self::FlowState => "flow_state",
            Self::MethodUnavailable => "method_unavailable",
            Self::VouchesPending => "vouches_pending",
            Self::WaitingPeriod => "waiting_period",
            Self::SendLimitReached => "send_limit_reached",
            Self::InvalidAnswers => "invalid_answers",
            Self::InvalidLink => "invalid_link",
            Self::InvalidResetToken => "invalid_reset_token",
            Self::ReauthenticationRequired => "reauthentication_required",
            Self::CodeAlreadyUsed => "code_already_used",
            Self::SecondFactorExists => "second_factor_exists",
            Self::SignInExpired => "sign_in_expired",
            Self::LongerPasswordNeeded => "longer_password_needed",
            Self::LastContact => "last_contact",
            Self::DeviceLocked => "device_locked",
            Self::AlreadyClaimed => "already_claimed",
            Self::NotPermitted => "not_permitted",
            Self::RequestState => "request_state",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::HostNotAllowed => "host_not_allowed",
            Self::Busy => "busy",
            Self::Internal => "internal",
        }
    }

    pub fn status(self) -> u16 {
        match self {
            Self::InvalidJson
            | Self::UnknownField
            | Self::InvalidCode
            | Self::CodeExpired
            | Self::CaptchaRequired
            | Self::CaptchaInvalid
            | Self::CaptchaReplayed
            | Self::CaptchaExpired
            | Self::InvalidAnswers
            | Self::InvalidLink
            | Self::InvalidResetToken
            | Self::CodeAlreadyUsed => 400,
            Self::ReauthenticationRequired | Self::NotPermitted => 403,
            Self::FlowExpired | Self::SignInExpired => 410,
            Self::FlowLocked | Self::DeviceLocked => 423,
            Self::FlowState | Self::VouchesPending | Self::WaitingPeriod => 409,
            Self::MethodUnavailable => 422,
            Self::SendLimitReached => 429,
            Self::InvalidCredentials | Self::Unauthenticated | Self::InvalidRefreshToken => 401,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::HostNotAllowed => 421,
            Self::ContactInUse
            | Self::NothingToConfirm
            | Self::SecondFactorExists
            | Self::LongerPasswordNeeded
            | Self::LastContact
            | Self::AlreadyClaimed
            | Self::RequestState => 409,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType | Self::UnsupportedFileType => 415,
            Self::InvalidField
            | Self::InvalidEmail
            | Self::InvalidPhone
            | Self::WeakPassword
            | Self::DamagedFile => 422,
            Self::RateLimited => 429,
            Self::Busy => 503,
            Self::Internal => 500,
        }
    }

    /// A default English message that tells the person what to do next. Clients show their own
    /// localised text keyed by the code; this one is for logs of clients and for curl users.
    pub fn message(self) -> &'static str {
        match self {
            Self::InvalidJson => "The request body is not valid JSON. Check the request and send it again.",
            Self::UnknownField => "The request has a field this endpoint does not take. Remove it and send again.",
            Self::InvalidField => "Some fields are missing or not valid. Correct the fields listed and send again.",
            Self::InvalidEmail => "That is not a valid email address. Check it and try again.",
            Self::InvalidPhone => "That is not a valid phone number. Include the country code, for example +44 7400 123456.",
            Self::WeakPassword => "Choose a stronger password. The reasons are listed with the field.",
            Self::UnsupportedMediaType => "Send the request body as application/json.",
            Self::UnsupportedFileType => "That file is not a photo (JPEG, PNG or WebP) or a PDF. Send one of those.",
            Self::DamagedFile => "That file could not be read: it may be damaged or too large. Take the photo again or send another file.",
            Self::PayloadTooLarge => "The request body is too large. JSON bodies are limited to 64 KiB.",
            Self::ContactInUse => "That email or phone number is already used by another account. Sign in to that account, or recover it.",
            Self::InvalidCredentials => "The account or password is not right. Try again, or recover your password.",
            Self::Unauthenticated => "Your session has ended. Sign in again.",
            Self::InvalidRefreshToken => "Your session has ended. Sign in again.",
            Self::InvalidCode => "That code is not right. Check the latest message we sent and try again.",
            Self::CodeExpired => "That code is no longer valid. Ask for a new one.",
            Self::NothingToConfirm => "There is nothing to confirm: the contact is missing or already confirmed.",
            Self::RateLimited => "Too many attempts. Wait a moment and try again.",
            Self::CaptchaRequired => "Confirm that you are not a robot, then try again.",
            Self::CaptchaInvalid => "The \"I'm not a robot\" check did not pass. Try it again.",
            Self::CaptchaReplayed => "That \"I'm not a robot\" check was already used. Do it again.",
            Self::CaptchaExpired => "The \"I'm not a robot\" check expired. Do it again.",
            Self::FlowExpired => "This recovery has ended. Start again.",
            Self::FlowLocked => "Too many wrong tries ended this recovery. Start again later, or contact support.",
            Self::FlowState => "This step is not available now. Go back and continue from where you are.",
            Self::MethodUnavailable => "That way of proving it is you is not available. Choose another.",
            Self::VouchesPending => "Not enough of your recovery contacts have vouched yet.",
            Self::WaitingPeriod => "The waiting period is not over yet.",
            Self::SendLimitReached => "We have sent as many codes as we can for this recovery. Use the last one, or choose another way.",
            Self::InvalidAnswers => "The answers are not right. Check them and try again.",
            Self::InvalidLink => "This link no longer works. Ask for a new code.",
            Self::InvalidResetToken => "This reset is no longer valid. Start recovery again.",
            Self::ReauthenticationRequired => "For your security, confirm your password before making this change.",
            Self::CodeAlreadyUsed => "That code was already used. Wait for the next code in your authenticator app, or use another recovery code.",
            Self::SecondFactorExists => "Two-step verification is already on. Turn it off before setting up another authenticator app.",
            Self::SignInExpired => "This sign-in has ended. Sign in again.",
            Self::LongerPasswordNeeded => "Your password is too short to protect the account on its own. Choose a password of at least 15 characters first.",
            Self::DeviceLocked => "This device was marked as lost. Enter the account's password to unlock it.",
            Self::LastContact => "This is the only way we can reach you. Add another email or phone number, or turn on two-step verification, before removing it.",
            Self::AlreadyClaimed => "Another member of staff is reviewing this request.",
            Self::NotPermitted => "Your role does not allow this, or the request is someone else's to decide.",
            Self::RequestState => "This request is not at a step that accepts this. Reload it.",
            Self::NotFound => "There is nothing here. Check the address.",
            Self::MethodNotAllowed => "This address does not accept that method.",
            Self::HostNotAllowed => "This local service answers only to localhost. Open it at http://localhost or http://127.0.0.1.",
            Self::Busy => "We are busy right now and nothing was changed. Try again in a moment.",
            Self::Internal => "Something went wrong on our side. Try again in a moment.",
        }
    }
}

/// The one body every failure is answered with.
///
/// `message` is human text and may change; clients act on `code`. `fields` maps a request
/// field to the stable reasons it was refused (for example `new_password: ["too_short"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

impl ErrorBody {
    /// The body for `code` with its default message.
    pub fn new(code: ErrorCode) -> Self {
        Self { code, message: code.message().to_owned(), retry_after_secs: None, fields: None }
    }

    pub fn with_field(mut self, field: impl Into<String>, reason: impl Into<String>) -> Self {
        self.fields
            .get_or_insert_with(BTreeMap::new)
            .entry(field.into())
            .or_default()
            .push(reason.into());
        self
    }

    pub fn with_retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clients parse this exact shape; changing it is a breaking change of the protocol.
    #[test]
    fn error_body_json_is_pinned() {
        let body = ErrorBody::new(ErrorCode::RateLimited).with_retry_after(42);
        assert_eq!(
            serde_json::to_string(&body).expect("serialises"),
            r#"{"code":"rate_limited","message":"Too many attempts. Wait a moment and try again.","retry_after_secs":42}"#
        );

        let body = ErrorBody::new(ErrorCode::WeakPassword)
            .with_field("password", "too_short")
            .with_field("password", "common");
        assert_eq!(
            serde_json::to_string(&body).expect("serialises"),
            r#"{"code":"weak_password","message":"Choose a stronger password. The reasons are listed with the field.","fields":{"password":["too_short","common"]}}"#
        );
    }

    #[test]
    fn as_str_is_the_wire_form_of_every_code() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).expect("serialises"),
                serde_json::json!(code.as_str())
            );
        }
    }

    #[test]
    fn codes_are_snake_case_and_round_trip() {
        assert_eq!(
            serde_json::to_string(&ErrorCode::InvalidRefreshToken).expect("ok"),
            r#""invalid_refresh_token""#
        );
        let parsed: ErrorBody =
            serde_json::from_str(r#"{"code":"not_found","message":"x"}"#).expect("parses");
        assert_eq!(parsed.code, ErrorCode::NotFound);
    }

    #[test]
    fn every_status_is_a_client_or_server_error_and_every_message_a_sentence() {
        for code in ErrorCode::ALL {
            assert!((400..600).contains(&code.status()), "{code:?}");
            assert!(code.message().ends_with('.'), "{code:?} message should be a sentence");
        }
    }

    #[test]
    fn all_lists_each_code_once() {
        let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorCode::ALL.len());
    }
}
