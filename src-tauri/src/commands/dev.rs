//! Local mode's dev inbox: what the courier would have sent, so the demo can be finished
//! without a real phone or mailbox.

use regain_protocol::DevOutbox;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// The captured messages, newest first (`not_found` outside local mode); at a kiosk, only those
/// since its last session was wiped.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn dev_inbox(state: State<'_, AppState>) -> Result<DevOutbox, AppError> {
    let backend = state.backend().await?;
    if !backend.is_local() {
        return Err(AppError::service(regain_protocol::ErrorCode::NotFound));
    }
    let mut outbox = backend.client.dev_outbox().await?;
    let after = *state.inbox_after.lock().unwrap_or_else(|p| p.into_inner());
    outbox.messages.retain(|m| m.id.parse::<u64>().is_ok_and(|id| id > after));
    Ok(outbox)
}
