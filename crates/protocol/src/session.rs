use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, AuthMethod, SecondFactorMethod, Secret};

/// The kind of system a signed-in app runs on.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Linux,
    Windows,
    Macos,
    Android,
    Ios,
    /// A staffed support station or a walk-in kiosk.
    Kiosk,
    /// The `regain` terminal client.
    Cli,
    Other,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Linux => "linux",
            Self::Windows => "windows",
            Self::Macos => "macos",
            Self::Android => "android",
            Self::Ios => "ios",
            Self::Kiosk => "kiosk",
            Self::Cli => "cli",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Linux,
            Self::Windows,
            Self::Macos,
            Self::Android,
            Self::Ios,
            Self::Kiosk,
            Self::Cli,
            Self::Other,
        ]
        .into_iter()
        .find(|p| p.as_str() == value)
    }
}

/// The app signing in, as the owner will see it among their devices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceInfo {
    /// A name the owner recognises (the computer's or phone's), up to 64 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 64)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
}

/// `POST /v1/sessions`: sign in with an email, a phone number or an account ID.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub identifier: String,
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub password: Secret<String>,
    /// ISO 3166 region used when `identifier` is a national phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The device signing in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceInfo>,
}

/// `POST /v1/sessions/unlock`: a device marked lost proves the account's current password
/// (and its second factor, if it has one) to be used again. The refresh token says which device.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnlockRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub refresh_token: Secret<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub password: Secret<String>,
    /// With `code`, for an account with a second factor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<SecondFactorMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::exposed_option")]
    #[schema(value_type = Option<String>)]
    pub code: Option<Secret<String>>,
}

/// `POST /v1/sessions/refresh`: trade a refresh token for a new pair. The old refresh token
/// stops working; presenting it again revokes the whole session (it was stolen or replayed).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub refresh_token: Secret<String>,
}

/// The credentials of a session. The access token goes in `Authorization: Bearer …`; the
/// refresh token is kept in the OS keyring by the app and used only at `/v1/sessions/refresh`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SessionGrant {
    pub session_id: String,
    pub account_id: u64,
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub access_token: Secret<String>,
    /// Unix seconds.
    pub access_expires_at: i64,
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub refresh_token: Secret<String>,
    /// Unix seconds.
    pub refresh_expires_at: i64,
}

/// One signed-in session of the caller's account.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    pub session_id: String,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
    /// Unix seconds of the last sign-in or refresh.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub last_used_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// What proved the owner when it signed in: the password, and the second factor if any.
    pub factors: Vec<AuthMethod>,
    /// The device's name, as the app gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Marked lost: the device is locked until the account's current password unlocks it.
    pub locked: bool,
    /// The session making this request.
    pub current: bool,
}

/// `GET /v1/sessions`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionList {
    pub sessions: Vec<SessionView>,
}
