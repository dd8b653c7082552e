//! A recovery in its waiting period (days, after the account's recovery contacts vouched):
//! kept in the keyring with the secret that finishes it, as a session is, so that the app finds
//! it again after a restart; offered this device's refresh token of an account as evidence that
//! shortens the wait; forgotten once the password is set, the recovery abandoned, or the
//! service says it is over. A kiosk keeps none of it: vouching is not offered there.

use regain_protocol::{ErrorCode, FlowState, FlowView};

use crate::error::AppError;
use crate::state::{AppState, Backend};
use crate::vault::WaitingRecovery;

/// The waiting recovery the keyring holds, taken up as the recovery in progress when none is:
/// `None` when there is none, or it is over (then forgotten). An error that says nothing of the
/// recovery (the service unreachable) keeps it for the next try.
pub async fn resume(state: &AppState) -> Result<Option<FlowView>, AppError> {
    if state.station.kiosk().is_some() {
        return Ok(None);
    }
    let backend = state.backend().await?;
    let mut walk = state.recovery.lock().await;
    if walk.flow().is_some() {
        return Ok(None);
    }
    let Some(kept) = load(state, &backend).await else { return Ok(None) };
    match walk.resume(&backend.client, &kept.flow_id, &kept.wait_token).await {
        Ok(flow) if flow.state == FlowState::Waiting => Ok(Some(flow)),
        Ok(_) => {
            // Past its wait (the new-password step's token was this run's only) or ended.
            walk.cancel();
            drop(walk);
            forget(state, &kept.flow_id).await;
            Ok(None)
        }
        Err(error) => {
            walk.cancel();
            drop(walk);
            let error = AppError::from(error);
            if error.is(ErrorCode::NotFound) || error.is(ErrorCode::FlowExpired) {
                forget(state, &kept.flow_id).await;
                return Ok(None);
            }
            Err(error)
        }
    }
}

/// A flow that just began its waiting period: kept, and shown this device's refresh token of
/// an account if it has one (a device the account knew shortens the wait; the service refuses
/// another account's, a revoked session's or a lost device's, and the flow stays as it was).
pub async fn began(state: &AppState, flow: FlowView) -> FlowView {
    if flow.state != FlowState::Waiting || state.station.kiosk().is_some() {
        return flow;
    }
    let Ok(backend) = state.backend().await else { return flow };
    let wait_token = state.recovery.lock().await.wait_token().cloned();
    if let Some(wait_token) = wait_token {
        save(state, &backend, WaitingRecovery { flow_id: flow.flow_id.clone(), wait_token }).await;
    }
    let Some(token) = crate::account::device_token(state).await else { return flow };
    match state.recovery.lock().await.known_device(&backend.client, &token).await {
        Ok(shorter) => shorter,
        Err(_) => flow,
    }
}

/// Forgets the kept waiting recovery if it is `flow_id`'s (its password set, or it was
/// abandoned); another one kept stays.
pub async fn forget(state: &AppState, flow_id: &str) {
    if state.station.kiosk().is_some() {
        return;
    }
    let Ok(backend) = state.backend().await else { return };
    if load(state, &backend).await.is_none_or(|kept| kept.flow_id != flow_id) {
        return;
    }
    let (vault, key) = (state.vault.clone(), backend.key.clone());
    keyring(move || vault.clear_waiting(&key)).await;
}

async fn load(state: &AppState, backend: &Backend) -> Option<WaitingRecovery> {
    let (vault, key) = (state.vault.clone(), backend.key.clone());
    keyring(move || vault.load_waiting(&key)).await.flatten()
}

async fn save(state: &AppState, backend: &Backend, waiting: WaitingRecovery) {
    let (vault, key) = (state.vault.clone(), backend.key.clone());
    keyring(move || vault.save_waiting(&key, &waiting)).await;
}

/// A keyring call off the async runtime. A keyring that is not there only means the app will
/// not find the recovery again after a restart: said in the log, never an error to the person.
async fn keyring<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, crate::vault::VaultError> + Send + 'static,
) -> Option<T> {
    match tokio::task::spawn_blocking(call).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(error)) => {
            tracing::warn!("keyring: {error}");
            None
        }
        Err(_) => None,
    }
}
