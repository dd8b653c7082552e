//! The one error every command returns: the service's stable codes plus the app's own, a
//! message safe to show, and what the UI needs to say what to do next. Nothing secret (a code,
//! a password, a token, a full contact) is ever put into one.

use std::collections::BTreeMap;

use regain_client::TransportKind;
use regain_protocol::ErrorCode;
use serde::Serialize;

/// Failures that happen in the app rather than in the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LocalCode {
    /// The request left but no usable answer came back (timeout, connection reset).
    Network,
    /// The recovery service could not be reached at all.
    BackendUnreachable,
    /// The service answered something this app does not understand (a version mismatch).
    BackendIncompatible,
    /// The embedded local service could not start.
    LocalBackendFailed,
    /// The OS keyring is missing or locked: the session cannot be remembered.
    KeyringUnavailable,
    /// The server address is not a valid URL.
    InvalidUrl,
    /// Plain `http://` to another machine: refused (SECURITY.md S26).
    InsecureUrl,
    /// A recovery step was asked for with no recovery in progress.
    NoRecovery,
    /// A support request's step was asked for with no request filed in this run.
    NoSupportRequest,
    /// Solve the "I'm not a robot" check first.
    CaptchaUnsolved,
    /// A session command without a signed-in session.
    NotSignedIn,
    /// The settings file could not be written.
    SettingsUnsaved,
    /// A kiosk's webview could not be cleared at the end of a session (the page reloads).
    ScreenNotCleared,
    /// A staff command at an app that is not a staffed station (no station key is placed).
    NotAStation,
    /// A staff command with no member of staff on shift at this station (or a sign-in that a
    /// wipe overtook).
    NotOnShift,
    /// A customer's command while a member of staff is on shift at this station.
    StaffOnShift,
}

/// A stable code: the service's, or the app's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(untagged)]
pub enum Code {
    Service(ErrorCode),
    App(LocalCode),
}

/// What a command failed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: Code,
    /// English text for logs and as a fallback; the UI shows its own text for `code`.
    pub message: String,
    /// For throttles: seconds until trying again makes sense.
    #[specta(type = Option<u32>)]
    pub retry_after_secs: Option<u64>,
    /// Field name → stable reasons (for example `new_password: ["too_short"]`).
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

impl AppError {
    pub fn app(code: LocalCode, message: impl Into<String>) -> Self {
        Self {
            code: Code::App(code),
            message: message.into(),
            retry_after_secs: None,
            fields: None,
        }
    }

    pub fn service(code: ErrorCode) -> Self {
        Self {
            code: Code::Service(code),
            message: code.message().to_owned(),
            retry_after_secs: None,
            fields: None,
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        self.code == Code::Service(code)
    }
}

impl From<regain_client::Error> for AppError {
    fn from(error: regain_client::Error) -> Self {
        match error {
            regain_client::Error::Api { body, .. } => Self {
                code: Code::Service(body.code),
                message: body.message,
                retry_after_secs: body.retry_after_secs,
                fields: body.fields,
            },
            regain_client::Error::Transport(failure) => {
                let code = match failure.kind {
                    TransportKind::Connect | TransportKind::Tls => LocalCode::BackendUnreachable,
                    TransportKind::Timeout | TransportKind::Protocol => LocalCode::Network,
                };
                Self::app(code, format!("the recovery service: {failure}"))
            }
            regain_client::Error::Decode(detail) => {
                Self::app(LocalCode::BackendIncompatible, detail)
            }
        }
    }
}

impl From<regain_client::WalkError> for AppError {
    fn from(error: regain_client::WalkError) -> Self {
        match error {
            regain_client::WalkError::Service(error) => error.into(),
            regain_client::WalkError::NoRecovery => {
                Self::app(LocalCode::NoRecovery, "start a recovery first")
            }
            regain_client::WalkError::CaptchaUnsolved => {
                Self::app(LocalCode::CaptchaUnsolved, "solve the check first")
            }
            regain_client::WalkError::CaptchaFailed(detail) => {
                Self::app(LocalCode::CaptchaUnsolved, detail)
            }
        }
    }
}

impl From<regain_client::UrlError> for AppError {
    fn from(error: regain_client::UrlError) -> Self {
        let code = match error {
            regain_client::UrlError::InsecureRemote { .. } => LocalCode::InsecureUrl,
            _ => LocalCode::InvalidUrl,
        };
        Self::app(code, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_flat_for_the_ui() {
        let service = AppError::service(ErrorCode::InvalidCode);
        let json = serde_json::to_value(&service).expect("serialises");
        assert_eq!(json["code"], "invalid_code");
        let local = AppError::app(LocalCode::KeyringUnavailable, "no keyring");
        let json = serde_json::to_value(&local).expect("serialises");
        assert_eq!(json["code"], "keyring_unavailable");
        assert_eq!(json["retry_after_secs"], serde_json::Value::Null);
    }
}
