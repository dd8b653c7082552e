//! Support requests, the last resort when no way of proving ownership works: the person files
//! one with proofs (a photo of an identity document, a receipt, a device's IMEI or serial),
//! confirms the contact they gave with the code sent there, and follows where it stands.
//!
//! The request's status token (the secret part of its status link) stays in Rust, in memory;
//! the same link also goes to the contact given. The files are passed through once and kept
//! nowhere by the app.

use base64::Engine as _;
use regain_client::{ProofFile, SupportFiling};
use regain_protocol::{ConfirmSupportContactRequest, ContactChannel, Secret, SupportStatusView};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::{AppError, LocalCode};
use crate::state::{AppState, SupportTicket};

/// What a proof is: the photo of an identity document, or a purchase receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProofKind {
    IdDocument,
    Receipt,
}

/// A file the person chose or photographed: what it is, its name, and its bytes as base64
/// (the IPC's JSON carries base64 at a third over the bytes; an array of numbers at four times).
#[derive(Deserialize, specta::Type)]
pub struct ProofUpload {
    pub kind: ProofKind,
    pub name: String,
    pub base64: String,
}

impl std::fmt::Debug for ProofUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProofUpload").field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// A request as the person files it.
#[derive(Debug, Deserialize, specta::Type)]
pub struct SupportForm {
    pub identifier: String,
    pub region: Option<String>,
    pub contact_channel: ContactChannel,
    /// How to reach the person now: a new email or phone number.
    pub contact: String,
    pub description: String,
    /// An IMEI or serial number.
    pub device: Option<String>,
    /// The language on screen (`zh-CN`): the messages to the contact given are in it.
    pub locale: String,
    pub proofs: Vec<ProofUpload>,
}

/// A request filed: what the person quotes to support, and until when the contact's code works.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SupportFiled {
    pub reference: String,
    #[specta(type = u32)]
    pub code_expires_at: i64,
}

/// Files a support request, spending the solved "I'm not a robot" check. A code goes to the
/// contact given; the request counts once it is confirmed.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn file_support_request(
    state: State<'_, AppState>,
    form: SupportForm,
) -> Result<SupportFiled, AppError> {
    let backend = state.backend().await?;
    let mut proofs = Vec::with_capacity(form.proofs.len());
    for proof in form.proofs {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(proof.base64.as_bytes())
            .map_err(|_| AppError::service(regain_protocol::ErrorCode::DamagedFile))?;
        let field = match proof.kind {
            ProofKind::IdDocument => "id_document",
            ProofKind::Receipt => "receipt",
        };
        proofs.push(ProofFile { field, file_name: proof.name, bytes });
    }
    // Held from before the captcha is spent to after the ticket is kept: a kiosk's wipe
    // meanwhile waits, and then forgets this ticket too, instead of the ticket landing after
    // the wipe for the next customer to find.
    let mut ticket = state.support.lock().await;
    let captcha = state.recovery.lock().await.take_captcha()?;
    let filing = SupportFiling {
        identifier: form.identifier.trim().to_owned(),
        region: form.region,
        contact_channel: form.contact_channel,
        contact: form.contact.trim().to_owned(),
        description: form.description,
        device: form.device,
        locale: Some(form.locale),
        captcha,
    };
    let opened = backend.client.open_support_request(&filing, proofs).await?;
    *ticket = Some(SupportTicket {
        request_id: opened.request_id,
        reference: opened.reference.clone(),
        status_token: opened.status_token,
    });
    Ok(SupportFiled { reference: opened.reference, code_expires_at: opened.code_expires_at })
}

/// Confirms the contact given with the code sent there: the request goes to staff's queue.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn confirm_support_contact(
    state: State<'_, AppState>,
    code: Secret<String>,
) -> Result<SupportStatusView, AppError> {
    let backend = state.backend().await?;
    let ticket = state.support.lock().await;
    let ticket = ticket.as_ref().ok_or_else(no_request)?;
    let request = ConfirmSupportContactRequest { code, status_token: ticket.status_token.clone() };
    backend.client.confirm_support_contact(&ticket.request_id, &request).await?;
    Ok(backend.client.support_status(&ticket.status_token).await?)
}

/// Where the request filed in this run stands, or none.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn support_status(
    state: State<'_, AppState>,
) -> Result<Option<SupportStatusView>, AppError> {
    let backend = state.backend().await?;
    let ticket = state.support.lock().await;
    match ticket.as_ref() {
        Some(ticket) => Ok(Some(backend.client.support_status(&ticket.status_token).await?)),
        None => Ok(None),
    }
}

fn no_request() -> AppError {
    AppError::app(LocalCode::NoSupportRequest, "no support request was filed in this run")
}
