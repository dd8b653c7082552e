use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, AuthMethod, Secret};

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
    /// The session making this request.
    pub current: bool,
}

/// `GET /v1/sessions`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionList {
    pub sessions: Vec<SessionView>,
}
