//! Second factors on the wire: setting up an authenticator app, the recovery codes shown once,
//! turning it off, the second step of a sign-in, and confirming the password before a
//! sensitive change.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, Secret};

/// A second factor a sign-in can be finished with.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecondFactorMethod {
    /// A six-digit code of the authenticator app.
    Totp,
    /// One of the recovery codes (twenty digits).
    RecoveryCode,
}

/// The account's second factor, as its owner sees it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorView {
    /// An authenticator app is set up and confirmed: sign-in and recovery ask for it.
    pub enabled: bool,
    /// Recovery codes not used yet (0 to 10).
    pub recovery_codes_left: u8,
}

/// Answer of `POST /v1/me/totp`: what the person copies into their authenticator app, by QR
/// code (`uri`) or by hand (`secret`). Shown once; nothing counts until a first code confirms.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TotpSetup {
    /// The secret in base32, in groups of four, for typing by hand.
    #[serde(with = "exposed")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub secret: Secret<String>,
    /// The `otpauth://totp/...` URI a QR code carries.
    #[serde(with = "exposed")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub uri: Secret<String>,
}

/// `POST /v1/me/totp/confirm`: the first code of the authenticator app being set up.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmTotpRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String, example = "123456")]
    pub code: Secret<String>,
}

/// Ten recovery codes, each good once, shown this once (`1234-5678-9012-3456-7890`).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecoveryCodes {
    #[serde(with = "exposed")]
    #[cfg_attr(feature = "specta", specta(type = Vec<String>))]
    #[schema(value_type = Vec<String>)]
    pub codes: Secret<Vec<String>>,
}

/// `POST /v1/me/totp/remove`: turn the second factor off, with the password and a current code
/// of the authenticator app (or a recovery code).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemoveSecondFactorRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub current_password: Secret<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String, example = "123456")]
    pub code: Secret<String>,
}

/// `POST /v1/me/reauthenticate`: confirm the password before a change that needs a recent
/// sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReauthenticateRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub password: Secret<String>,
}

/// `202` answer of `POST /v1/sessions` for an account with a second factor: the password was
/// right, and the sign-in goes on at `POST /v1/sessions/second-factor` with this token.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorChallenge {
    #[serde(with = "exposed")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub token: Secret<String>,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub expires_at: i64,
    pub methods: Vec<SecondFactorMethod>,
}

/// `POST /v1/sessions/second-factor`: the second step of a sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecondFactorRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub token: Secret<String>,
    pub method: SecondFactorMethod,
    #[serde(with = "exposed")]
    #[schema(value_type = String, example = "123456")]
    pub code: Secret<String>,
}
