//! Signing in and out, and the session remembered in the OS keyring across launches.

use regain_protocol::Secret;
use tauri::State;

pub use crate::account::{SecondFactorPrompt, SecurityOverview, SessionStatus};
use crate::error::AppError;
use crate::state::AppState;

/// Signs in; with `remember`, the session is kept in the OS keyring (`crate::account`).
#[tauri::command]
#[specta::specta]
// The identifier is an email address or a phone number as typed: never logged.
#[tracing::instrument(skip(state, identifier, password))]
pub async fn sign_in(
    state: State<'_, AppState>,
    identifier: String,
    password: Secret<String>,
    region: Option<String>,
    remember: bool,
) -> Result<SessionStatus, AppError> {
    crate::account::sign_in(&state, &identifier, password, region, remember).await
}

/// The second step of a sign-in: a code of the authenticator app or a recovery code.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state, code))]
pub async fn finish_sign_in(
    state: State<'_, AppState>,
    method: regain_protocol::SecondFactorMethod,
    code: Secret<String>,
) -> Result<SessionStatus, AppError> {
    crate::account::finish_sign_in(&state, method, code).await
}

/// Signs out: ends the session at the service and removes it from the keyring.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn sign_out(state: State<'_, AppState>) -> Result<SessionStatus, AppError> {
    crate::account::sign_out(&state).await
}

/// The signed-in account, restoring a remembered session from the keyring at first call.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn session_status(state: State<'_, AppState>) -> Result<SessionStatus, AppError> {
    crate::account::status(&state).await
}

/// The account-security centre: the account, its signed-in sessions and recent activity.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn security_overview(state: State<'_, AppState>) -> Result<SecurityOverview, AppError> {
    crate::account::overview(&state).await
}
