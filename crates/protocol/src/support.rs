//! Support requests, the last resort when no way of proving ownership works: what the person
//! files (as `multipart/form-data`, with proofs), the code that confirms how to reach them now,
//! and what the secret status link shows. Never what staff write to each other.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{exposed, ContactChannel, Secret};

/// `POST /v1/support/requests`, a `multipart/form-data` body. Text fields: `identifier`,
/// `region` (optional), `contact_channel` (`email` or `phone`), `contact`, `description`,
/// `captcha`, `device` (an IMEI or serial number, optional), `locale` (the language of the
/// messages to the contact given, optional). File fields: `id_document` and
/// `receipt`, up to five files in all, 10 MiB each; JPEG, PNG, WebP or PDF by their content.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupportRequestForm {
    /// The account's email, phone number or account ID, as the person remembers it.
    pub identifier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub contact_channel: ContactChannel,
    /// How to reach the person now: a new email or phone number, confirmed by a code first.
    pub contact: String,
    /// What happened, in their words (up to 2,000 characters).
    pub description: String,
    pub captcha: String,
    /// A device's IMEI (checked by its Luhn digit) or serial number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// The language the person files in (a BCP 47 tag, `zh-CN`): every message to the contact
    /// given is in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[schema(value_type = Vec<String>, format = Binary)]
    #[serde(default)]
    pub id_document: Vec<String>,
    #[schema(value_type = Vec<String>, format = Binary)]
    #[serde(default)]
    pub receipt: Vec<String>,
}

/// `202` answer of `POST /v1/support/requests`: the request waits for the code sent to the
/// contact given. The status token is the secret part of the status link; keep it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupportRequestOpened {
    pub request_id: String,
    /// What the person quotes to support (`RG-7K3M-9XQ2`).
    pub reference: String,
    #[serde(with = "exposed")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub status_token: Secret<String>,
    /// Unix seconds when the contact's code stops working.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub code_expires_at: i64,
}

/// `POST /v1/support/requests/{id}/confirm`: the code sent to the contact given, with the
/// status token the request was answered with.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmSupportContactRequest {
    #[serde(with = "exposed")]
    #[schema(value_type = String, example = "123456")]
    pub code: Secret<String>,
    #[serde(with = "exposed")]
    #[schema(value_type = String)]
    pub status_token: Secret<String>,
}

/// Where a support request stands.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportState {
    /// Waiting for the code sent to the contact given.
    AwaitingContact,
    /// In the queue for a member of staff.
    Open,
    /// A member of staff is looking at it.
    InReview,
    /// Approved: an assisted recovery is waiting out its waiting period.
    Approved,
    /// Refused; the person may file again with other proofs.
    Denied,
    /// Over (the recovery happened, was cancelled, or the request lapsed).
    Closed,
}

impl SupportState {
    pub const ALL: [Self; 6] = [
        Self::AwaitingContact,
        Self::Open,
        Self::InReview,
        Self::Approved,
        Self::Denied,
        Self::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingContact => "awaiting_contact",
            Self::Open => "open",
            Self::InReview => "in_review",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// `GET /v1/support/status` with the status token: where the request stands. Never staff's
/// notes, never who looked at it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SupportStatusView {
    pub reference: String,
    pub state: SupportState,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub created_at: i64,
    /// Unix seconds of the last change of state.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub updated_at: i64,
    /// The files kept with it, by kind (`id_document`, `receipt`), until it is decided.
    pub proofs: Vec<String>,
}
