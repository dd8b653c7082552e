//! Recovery contacts in the security centre: the owner's (invite, remove, how many must vouch)
//! and the contact's (answer an invitation, step down). Each is one call to the service with
//! the signed-in session, answered with the lists as they now stand.

use regain_client::VouchingAnswer;
use regain_protocol::{
    InviteRecoveryContactRequest, RecoveryContactsView, Secret, VouchThresholdRequest,
};
use serde::Deserialize;
use tauri::State;

use crate::account::authorized;
use crate::error::AppError;
use crate::state::AppState;

/// What a recovery contact, or an invited one, says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Vouching {
    Accept,
    Decline,
    StepDown,
}

/// The account's recovery contacts and how many must vouch, and whom it vouches for.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn recovery_contacts(
    state: State<'_, AppState>,
) -> Result<RecoveryContactsView, AppError> {
    lists(&state).await
}

/// Invites the account an email, phone number or account ID names (needs a recent sign-in).
#[tauri::command]
#[specta::specta]
// The identifier is a full contact: never logged.
#[tracing::instrument(skip_all)]
pub async fn invite_recovery_contact(
    state: State<'_, AppState>,
    identifier: String,
    region: Option<String>,
) -> Result<RecoveryContactsView, AppError> {
    let request = InviteRecoveryContactRequest { identifier: identifier.trim().to_owned(), region };
    authorized(&state, |backend, token| {
        let request = request.clone();
        async move { backend.client.invite_recovery_contact(&token, &request).await }
    })
    .await?;
    lists(&state).await
}

/// Removes a recovery contact or withdraws an invitation (needs a recent sign-in).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn remove_recovery_contact(
    state: State<'_, AppState>,
    id: String,
) -> Result<RecoveryContactsView, AppError> {
    authorized(&state, |backend, token| {
        let id = id.clone();
        async move { backend.client.remove_recovery_contact(&token, &id).await }
    })
    .await?;
    lists(&state).await
}

/// How many accepted contacts must vouch (needs a recent sign-in).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn set_vouch_threshold(
    state: State<'_, AppState>,
    threshold: u32,
    confirm_weaker: bool,
) -> Result<RecoveryContactsView, AppError> {
    let request = VouchThresholdRequest { threshold, confirm_weaker };
    authorized(&state, |backend, token| {
        let request = request.clone();
        async move { backend.client.set_vouch_threshold(&token, &request).await }
    })
    .await
}

/// Accepts or declines an invitation to be someone's recovery contact, or steps down.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn answer_vouching(
    state: State<'_, AppState>,
    id: String,
    answer: Vouching,
) -> Result<RecoveryContactsView, AppError> {
    let answer = match answer {
        Vouching::Accept => VouchingAnswer::Accept,
        Vouching::Decline => VouchingAnswer::Decline,
        Vouching::StepDown => VouchingAnswer::StepDown,
    };
    authorized(&state, |backend, token| {
        let id = id.clone();
        async move { backend.client.answer_vouching(&token, &id, answer).await }
    })
    .await?;
    lists(&state).await
}

async fn lists(state: &AppState) -> Result<RecoveryContactsView, AppError> {
    authorized(
        state,
        |backend, token| async move { backend.client.recovery_contacts(&token).await },
    )
    .await
}

/// Vouches for someone who asks now, with the code they read out (after the app's warning).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vouch(
    state: State<'_, AppState>,
    id: String,
    code: Secret<String>,
) -> Result<RecoveryContactsView, AppError> {
    let code = Secret::new(regain_protocol::digits::normalize_code(code.expose()));
    authorized(&state, |backend, token| {
        let (id, code) = (id.clone(), code.clone());
        async move { backend.client.vouch(&token, &id, &code).await }
    })
    .await?;
    lists(&state).await
}

/// Declines to vouch, or says "I don't know about this" (`dont_know`): the request ends and
/// the account's owner is told.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn decline_vouch(
    state: State<'_, AppState>,
    id: String,
    dont_know: bool,
) -> Result<RecoveryContactsView, AppError> {
    authorized(&state, |backend, token| {
        let id = id.clone();
        async move { backend.client.decline_vouch(&token, &id, dont_know).await }
    })
    .await?;
    lists(&state).await
}
