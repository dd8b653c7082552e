//! The kiosk support station's own command: ending a customer's session, at once ("End
//! session", or the end of a visit) or when the idle countdown runs out.

use tauri::State;

use crate::error::{AppError, LocalCode};
use crate::state::AppState;

/// Wipes the customer's session: what Rust holds of them (session, recovery, support request,
/// language) dropped, its secrets (tokens, captcha, identifier) zeroized as they go, the
/// webview's browsing data cleared, and the page loaded afresh, which drops every proof image
/// and every value the screens held, back to the welcome screen. Only the kiosk's capability
/// grants it: a personal device's sessions are the owner's to end.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn end_session(state: State<'_, AppState>) -> Result<(), AppError> {
    state.wipe().await;
    if let Err(error) = state.clear_screen() {
        // The Rust side is wiped either way; the page reloads itself when this fails.
        tracing::error!("the webview could not be cleared: {error}");
        return Err(AppError::app(LocalCode::ScreenNotCleared, "the screen could not be cleared"));
    }
    tracing::info!("a kiosk session was wiped");
    Ok(())
}
