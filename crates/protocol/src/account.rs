use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, SecondFactorView, Secret, SessionGrant};

/// `POST /v1/accounts`: create an account. At least one of `email` and `phone` is required,
/// so that the account can be recovered. The answer is the same whether or not an email or
/// phone is already someone's: the new account only claims it until it is confirmed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignUpRequest {
    /// The name shown to the person and to support staff, 1 to 100 characters.
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A phone number: international (`+86 138 0013 8000`) or national with `region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// ISO 3166 region (`CN`, `GB`) used to read a national phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `YYYY-MM-DD`; used only to keep the birthday out of passwords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub password: Secret<String>,
    /// Preferred language of messages (`en`, `zh-CN`); English when absent or unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The solved "I'm not a robot" challenge (`GET /v1/captcha/challenge`), base64; it works
    /// once.
    #[schema(min_length = 1)]
    pub captcha: String,
    /// The device signing up (and so signed in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<crate::DeviceInfo>,
}

/// Answer of a successful sign-up: the new account, signed in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignUpResponse {
    pub account: AccountView,
    pub session: SessionGrant,
}

/// An account as its owner sees it. Contacts are masked even here: the full values are
/// already known to the owner and need not travel again.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AccountView {
    /// The numeric account ID, usable to sign in and to recover.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub account_id: u64,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<ContactView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<ContactView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    pub has_security_questions: bool,
    pub second_factor: SecondFactorView,
    /// The language the account's messages are in: the BCP 47 tag its owner chose.
    pub locale: String,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
}

/// `PUT /v1/me/locale`: the language the account's emails, SMS and pages are in, a BCP 47 tag
/// (`hi`, `pt-BR`, `zh-Hans-CN`), as the app sets it when its owner changes the app's language.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocaleRequest {
    pub locale: String,
}

/// A contact (email or phone) of an account, masked (`j•••@example.com`, `+86 ••• •••• 12`).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContactView {
    pub masked: String,
    /// Only a confirmed contact is ever used for recovery.
    pub confirmed: bool,
    /// A new value waiting for its code to replace this one, masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
}

/// Where a confirmation code goes.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Email,
    Phone,
}

/// `POST /v1/me/contacts`: a new email or phone number for the account (in place of the current
/// one, once confirmed).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddContactRequest {
    pub channel: ContactChannel,
    /// The email address, or the phone number (international, or national with `region`).
    pub value: String,
    /// ISO 3166 region used to read a national phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// `POST /v1/me/contacts/confirm`: the code sent to a new contact.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmContactRequest {
    pub channel: ContactChannel,
    #[serde(with = "exposed")]
    #[schema(value_type = String, example = "123456")]
    pub code: Secret<String>,
}

/// `POST /v1/me/contacts/resend`: send a new confirmation code, superseding the last one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResendConfirmationRequest {
    pub channel: ContactChannel,
}

/// `POST /v1/me/password`: change the password of the signed-in account. Every other session
/// ends; this one stays signed in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub current_password: Secret<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String, format = Password)]
    pub new_password: Secret<String>,
}
