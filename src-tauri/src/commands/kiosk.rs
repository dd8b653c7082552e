//! The kiosk support station's own command: ending a session, a customer's or a member of
//! staff's, at once ("End session", the end of a visit, a shift's sign-out or hand-over) or
//! when the idle countdown runs out.

use tauri::State;

use crate::error::{AppError, LocalCode};
use crate::state::AppState;

/// Wipes the session, a customer's or a member of staff's: a staff shift ended at the service
/// (a few seconds at most) and forgotten, what Rust holds of the customer (session, recovery,
/// support request, language) dropped, their secrets (tokens, captcha, identifier) zeroized
/// as they go, the webview's browsing data cleared, and the page loaded afresh, which drops
/// every proof image and every value the screens held, back to the welcome screen. Only the
/// kiosk's capability grants it: a personal device's sessions are the owner's to end.
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
