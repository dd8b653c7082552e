//! The recovery protocol as the UI walks it: "I'm not a robot" → identify the account →
//! choose where the code goes → enter it (or answer the questions, or open the emailed link)
//! → set a new password. Each command is one call into the walk (`regain_client`'s
//! `RecoverySession`), which keeps the solved captcha and the reset token out of the UI's reach.

use regain_protocol::{FlowView, RecoveryMethod, Secret};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

/// Progress of the proof of work, sent about ten times a second while it runs.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CaptchaProgress {
    pub elapsed_ms: u32,
    pub done: bool,
}

/// The "I'm not a robot" check: fetches a challenge and solves its proof of work on a
/// background thread, reporting progress. The solution is kept for the next start.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn solve_captcha(
    state: State<'_, AppState>,
    on_progress: Channel<CaptchaProgress>,
) -> Result<(), AppError> {
    state.ensure_no_shift().await?;
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    let progress = |elapsed_ms| {
        let _ = on_progress.send(CaptchaProgress { elapsed_ms, done: false });
    };
    recovery.solve_captcha(&backend.client, progress).await?;
    let _ = on_progress.send(CaptchaProgress { elapsed_ms: 0, done: true });
    Ok(())
}

/// Starts recovering the account `identifier` names (email, phone number or account ID),
/// spending the solved captcha. Unknown identifiers answer alike (SECURITY.md S01).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn start_recovery(
    state: State<'_, AppState>,
    identifier: String,
    region: Option<String>,
) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.start(&backend.client, &identifier, region).await?)
}

/// Sends a code by `method`, or shows the security questions.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn choose_method(
    state: State<'_, AppState>,
    method: RecoveryMethod,
) -> Result<FlowView, AppError> {
    if method == RecoveryMethod::RecoveryContacts && state.station.kiosk().is_some() {
        // Its wait takes days, far longer than a kiosk keeps anything of a customer.
        return Err(AppError::service(regain_protocol::ErrorCode::MethodUnavailable));
    }
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.choose(&backend.client, method).await?)
}

/// Sends a new code by the current method (after the resend countdown).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn resend_code(state: State<'_, AppState>) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.resend(&backend.client).await?)
}

/// The recovery in progress as the service sees it now (delivery state, tries left), or
/// none. The UI polls it while a code is on its way.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn current_recovery(state: State<'_, AppState>) -> Result<Option<FlowView>, AppError> {
    if let Some(resumed) = crate::waiting::resume(&state).await? {
        return Ok(Some(resumed));
    }
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.refresh(&backend.client).await?)
}

/// Checks the code. Spaces and dashes are ignored and digits of any script (٣, ३, ３) count
/// as ASCII digits, so a pasted or dictated code works.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn verify_code(
    state: State<'_, AppState>,
    code: Secret<String>,
) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    let flow = state.recovery.lock().await.verify_code(&backend.client, &code).await?;
    Ok(crate::waiting::began(&state, flow).await)
}

/// Checks the answers to the security questions, in their order.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn answer_questions(
    state: State<'_, AppState>,
    answers: Vec<Secret<String>>,
) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    let flow = state.recovery.lock().await.answer(&backend.client, answers).await?;
    Ok(crate::waiting::began(&state, flow).await)
}

/// Opens an emailed recovery link (`regain://recover?flow=…&token=…`, or the https form) in
/// the app: the flow it names becomes the recovery in progress, proven by the link.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn open_recovery_link(
    state: State<'_, AppState>,
    link: Secret<String>,
) -> Result<FlowView, AppError> {
    open_link(&state, &link).await
}

pub(crate) async fn open_link(
    state: &AppState,
    link: &Secret<String>,
) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.open_link(&backend.client, link).await?)
}

/// Uses the recovery pass an assisted recovery sent when its waiting period ended (the link
/// as it came, or the pass alone): its flow opens at the "choose a new password" step and
/// becomes the recovery in progress. The pass works once.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn use_recovery_pass(
    state: State<'_, AppState>,
    pass: Secret<String>,
) -> Result<FlowView, AppError> {
    state.ensure_no_shift().await?;
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.redeem_pass(&backend.client, &pass).await?)
}

/// Sets the new password with the reset token. Every session of the account ends, this app's
/// included; the person signs in again with the new password.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn set_new_password(
    state: State<'_, AppState>,
    password: Secret<String>,
) -> Result<(), AppError> {
    state.ensure_no_shift().await?;
    let flow_id = state.recovery.lock().await.flow().map(|flow| flow.flow_id.clone());
    crate::account::after_reset(&state, &password).await?;
    // A waiting recovery kept for this one is over too.
    if let Some(flow_id) = flow_id {
        crate::waiting::forget(&state, &flow_id).await;
    }
    Ok(())
}

/// Abandons the recovery in progress (going back to the start).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn cancel_recovery(state: State<'_, AppState>) -> Result<(), AppError> {
    let abandoned = {
        let mut walk = state.recovery.lock().await;
        let flow_id = walk.flow().map(|flow| flow.flow_id.clone());
        walk.cancel();
        flow_id
    };
    if let Some(flow_id) = abandoned {
        crate::waiting::forget(&state, &flow_id).await;
    }
    Ok(())
}

/// A code as the service compares it, for the code field to show as it is typed: the one
/// normaliser (`regain_protocol::digits`), so the screen and the service never disagree.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub fn normalize_code(code: Secret<String>) -> String {
    regain_protocol::digits::normalize_code(code.expose())
}

/// Proves that enough recovery contacts vouched, with the code the flow shows; the service
/// answers `vouches_pending` until they have. Past the last gate, the waiting period begins.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn confirm_vouches(state: State<'_, AppState>) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    let flow = state.recovery.lock().await.vouched(&backend.client).await?;
    Ok(crate::waiting::began(&state, flow).await)
}

/// Once the waiting period is over and nobody cancelled it: the "choose a new password" step.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn finish_waiting(state: State<'_, AppState>) -> Result<FlowView, AppError> {
    state.ensure_no_shift().await?;
    let backend = state.backend().await?;
    Ok(state.recovery.lock().await.finish_wait(&backend.client).await?)
}
