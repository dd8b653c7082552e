//! The security centre: the authenticator app and recovery codes, contacts kept current,
//! devices, confirming the password, and unlocking this device when it was marked lost.

use regain_protocol::{AccountView, ContactChannel, SecondFactorMethod, Secret};
use tauri::State;

use crate::account::SessionStatus;
use crate::error::AppError;
pub use crate::security_centre::TotpEnrolment;
use crate::state::AppState;

/// The security checkup: what to do, with a score, and the last 30 days of activity.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn security_checkup(
    state: State<'_, AppState>,
) -> Result<regain_protocol::Checkup, AppError> {
    crate::security_centre::checkup(&state).await
}

/// Changes the password; every other device is signed out.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn change_password(
    state: State<'_, AppState>,
    current: Secret<String>,
    replacement: Secret<String>,
) -> Result<(), AppError> {
    crate::security_centre::change_password(&state, current, replacement).await
}

/// Replaces the security questions.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn set_security_questions(
    state: State<'_, AppState>,
    questions: Vec<String>,
    answers: Vec<Secret<String>>,
) -> Result<(), AppError> {
    crate::security_centre::set_security_questions(&state, questions, answers).await
}

/// Saves the recovery codes just shown as a text file in the downloads folder: its path.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn save_recovery_codes(
    state: State<'_, AppState>,
    codes: Vec<String>,
) -> Result<String, AppError> {
    let dir = state.downloads.clone().ok_or_else(|| {
        AppError::app(crate::error::LocalCode::SettingsUnsaved, "no downloads folder")
    })?;
    let path = crate::security_centre::save_codes(&dir, &codes)?;
    Ok(path.display().to_string())
}

/// Begins setting up an authenticator app: its secret and QR code, shown once.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn begin_totp(state: State<'_, AppState>) -> Result<TotpEnrolment, AppError> {
    crate::security_centre::begin_totp(&state).await
}

/// Confirms the authenticator with its first code: the recovery codes, shown once.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn confirm_totp(
    state: State<'_, AppState>,
    code: Secret<String>,
) -> Result<Vec<String>, AppError> {
    crate::security_centre::confirm_totp(&state, code).await
}

/// A new set of recovery codes, shown once.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn regenerate_recovery_codes(
    state: State<'_, AppState>,
) -> Result<Vec<String>, AppError> {
    crate::security_centre::regenerate_recovery_codes(&state).await
}

/// Turns two-step verification off.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn remove_second_factor(
    state: State<'_, AppState>,
    password: Secret<String>,
    code: Secret<String>,
) -> Result<(), AppError> {
    crate::security_centre::remove_second_factor(&state, password, code).await
}

/// Confirms the password before a change that needs a recent sign-in.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn reauthenticate(
    state: State<'_, AppState>,
    password: Secret<String>,
) -> Result<(), AppError> {
    crate::security_centre::reauthenticate(&state, password).await
}

/// Claims a new email or phone number; a code goes to it.
#[tauri::command]
#[specta::specta]
// The value is a full contact: never logged.
#[tracing::instrument(skip(state, value))]
pub async fn add_contact(
    state: State<'_, AppState>,
    channel: ContactChannel,
    value: String,
    region: Option<String>,
) -> Result<AccountView, AppError> {
    crate::security_centre::add_contact(&state, channel, value, region).await
}

/// Confirms a new contact with its code.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state, code))]
pub async fn confirm_contact(
    state: State<'_, AppState>,
    channel: ContactChannel,
    code: Secret<String>,
) -> Result<(), AppError> {
    crate::security_centre::confirm_contact(&state, channel, code).await
}

/// Sends a new contact a new code.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn resend_contact_code(
    state: State<'_, AppState>,
    channel: ContactChannel,
) -> Result<(), AppError> {
    crate::security_centre::resend_contact_code(&state, channel).await
}

/// Drops a new email or phone number still waiting for its code.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn cancel_contact_change(
    state: State<'_, AppState>,
    channel: ContactChannel,
) -> Result<(), AppError> {
    crate::security_centre::cancel_contact_change(&state, channel).await
}

/// Removes the email or the phone number.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn remove_contact(
    state: State<'_, AppState>,
    channel: ContactChannel,
) -> Result<(), AppError> {
    crate::security_centre::remove_contact(&state, channel).await
}

/// Signs another device of the account out.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn sign_out_device(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<(), AppError> {
    crate::security_centre::sign_out_device(&state, session_id).await
}

/// Marks another device of the account lost: it locks at once.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn mark_device_lost(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<(), AppError> {
    crate::security_centre::mark_device_lost(&state, session_id).await
}

/// Unlocks this device, marked lost, with the account's current password (and second factor).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state, password, code))]
pub async fn unlock_device(
    state: State<'_, AppState>,
    password: Secret<String>,
    method: Option<SecondFactorMethod>,
    code: Option<Secret<String>>,
) -> Result<SessionStatus, AppError> {
    crate::account::unlock(&state, password, method, code).await
}
