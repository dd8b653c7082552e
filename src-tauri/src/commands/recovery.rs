//! The recovery protocol as the UI walks it: "I'm not a robot" → identify the account →
//! choose where the code goes → enter it (or answer the questions, or open the emailed link)
//! → set a new password. The solved captcha and the reset token never leave Rust.

use std::time::{Duration, Instant};

use regain_protocol::{
    ErrorCode, FlowView, RecoveryMethod, Secret, SetPasswordRequest, StartRecoveryRequest,
    VerifyRequest, VerifyResponse,
};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::{AppError, LocalCode};
use crate::state::{AppState, Backend, RecoveryState};

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
    let backend = state.backend().await?;
    let challenge = backend.client.captcha_challenge().await?;
    let started = Instant::now();
    let mut work = tokio::task::spawn_blocking(move || regain_client::captcha::solve(&challenge.0));
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let solved = loop {
        tokio::select! {
            result = &mut work => break result,
            _ = tick.tick() => {
                let elapsed_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
                let _ = on_progress.send(CaptchaProgress { elapsed_ms, done: false });
            }
        }
    };
    let solved = solved
        .map_err(|_| AppError::app(LocalCode::CaptchaUnsolved, "the check stopped unexpectedly"))?
        .map_err(|e| AppError::app(LocalCode::CaptchaUnsolved, e.to_string()))?;
    let elapsed_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    tracing::debug!(elapsed_ms, "captcha solved");
    let _ = on_progress.send(CaptchaProgress { elapsed_ms, done: true });
    state.recovery.lock().await.captcha = Some(solved);
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
    let mut recovery = state.recovery.lock().await;
    let Some(captcha) = recovery.captcha.take() else {
        return Err(AppError::app(LocalCode::CaptchaUnsolved, "solve the check first"));
    };
    let identifier = identifier.trim().to_owned();
    let request = StartRecoveryRequest {
        identifier: identifier.clone(),
        region: region.filter(|r| !r.is_empty()),
        captcha: captcha.into_exposed(),
    };
    let flow = backend.client.start_recovery(&request).await?;
    *recovery = RecoveryState {
        captcha: None,
        identifier: Some(identifier),
        flow: Some(flow.clone()),
        reset_token: None,
    };
    Ok(flow)
}

/// Sends a code by `method`, or shows the security questions.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn choose_method(
    state: State<'_, AppState>,
    method: RecoveryMethod,
) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    let flow_id = flow_id(&recovery)?;
    let result = backend.client.challenge(&flow_id, method).await;
    settle(&backend, &mut recovery, &flow_id, result.map_err(AppError::from)).await
}

/// Sends a new code by the current method (after the resend countdown).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn resend_code(state: State<'_, AppState>) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    let flow_id = flow_id(&recovery)?;
    let method = recovery
        .flow
        .as_ref()
        .and_then(|f| f.challenge.as_ref())
        .map(|c| c.method)
        .ok_or_else(|| AppError::service(ErrorCode::FlowState))?;
    let result = backend.client.challenge(&flow_id, method).await;
    settle(&backend, &mut recovery, &flow_id, result.map_err(AppError::from)).await
}

/// The recovery in progress as the service sees it now (delivery state, tries left), or
/// none. The UI polls it while a code is on its way.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn current_recovery(state: State<'_, AppState>) -> Result<Option<FlowView>, AppError> {
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    let Some(flow_id) = recovery.flow.as_ref().map(|f| f.flow_id.clone()) else { return Ok(None) };
    let flow = backend.client.flow(&flow_id).await?;
    recovery.flow = Some(flow.clone());
    Ok(Some(flow))
}

/// Checks the code. Spaces and dashes are ignored and digits of any script (٣, ३, ３) count
/// as ASCII digits, so a pasted or dictated code works.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn verify_code(state: State<'_, AppState>, code: String) -> Result<FlowView, AppError> {
    let request = VerifyRequest {
        code: Some(Secret::new(regain_protocol::digits::normalize_code(&code))),
        ..Default::default()
    };
    verify(&state, request).await
}

/// Checks the answers to the security questions, in their order.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn answer_questions(
    state: State<'_, AppState>,
    answers: Vec<String>,
) -> Result<FlowView, AppError> {
    let answers = answers.into_iter().map(Secret::new).collect();
    verify(&state, VerifyRequest { answers: Some(answers), ..Default::default() }).await
}

/// Opens an emailed recovery link (`regain://recover?flow=…&token=…`, or the https form) in
/// the app: the flow it names becomes the recovery in progress, proven by the link.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn open_recovery_link(
    state: State<'_, AppState>,
    link: String,
) -> Result<FlowView, AppError> {
    open_link(&state, &link).await
}

pub(crate) async fn open_link(state: &AppState, link: &str) -> Result<FlowView, AppError> {
    let (flow_id, token) =
        parse_link(link).ok_or_else(|| AppError::service(ErrorCode::InvalidLink))?;
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    if recovery.flow.as_ref().map(|f| f.flow_id.as_str()) != Some(flow_id.as_str()) {
        *recovery = RecoveryState::default();
    }
    let request = VerifyRequest { link_token: Some(token), ..Default::default() };
    let result = backend.client.verify(&flow_id, &request).await;
    accept(&backend, &mut recovery, &flow_id, result).await
}

/// Sets the new password with the reset token. Every session of the account ends, this app's
/// included; the person signs in again with the new password.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn set_new_password(
    state: State<'_, AppState>,
    password: String,
) -> Result<(), AppError> {
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    let flow_id = flow_id(&recovery)?;
    let reset_token = recovery
        .reset_token
        .clone()
        .ok_or_else(|| AppError::service(ErrorCode::InvalidResetToken))?;
    let request = SetPasswordRequest { reset_token, new_password: Secret::new(password) };
    backend.client.set_password(&flow_id, &request).await?;
    *recovery = RecoveryState::default();
    drop(recovery);
    *state.session.lock().await = None;
    let _ = super::session::forget_session(state.inner(), &backend).await;
    Ok(())
}

/// Abandons the recovery in progress (going back to the start).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn cancel_recovery(state: State<'_, AppState>) -> Result<(), AppError> {
    *state.recovery.lock().await = RecoveryState::default();
    Ok(())
}

async fn verify(state: &AppState, request: VerifyRequest) -> Result<FlowView, AppError> {
    let backend = state.backend().await?;
    let mut recovery = state.recovery.lock().await;
    let flow_id = flow_id(&recovery)?;
    let result = backend.client.verify(&flow_id, &request).await;
    accept(&backend, &mut recovery, &flow_id, result).await
}

async fn accept(
    backend: &Backend,
    recovery: &mut RecoveryState,
    flow_id: &str,
    result: Result<VerifyResponse, regain_client::Error>,
) -> Result<FlowView, AppError> {
    let result = result.map_err(AppError::from).map(|verified| {
        if let Some(token) = verified.reset_token {
            recovery.reset_token = Some(token);
        }
        verified.flow
    });
    settle(backend, recovery, flow_id, result).await
}

/// Keeps the flow up to date: on success its new view, on a refused proof the service's view
/// (tries left, locked), so the UI shows where things stand beside the error.
async fn settle(
    backend: &Backend,
    recovery: &mut RecoveryState,
    flow_id: &str,
    result: Result<FlowView, AppError>,
) -> Result<FlowView, AppError> {
    match result {
        Ok(flow) => {
            recovery.flow = Some(flow.clone());
            Ok(flow)
        }
        Err(error) => {
            if let Ok(flow) = backend.client.flow(flow_id).await {
                recovery.flow = Some(flow);
            }
            Err(error)
        }
    }
}

fn flow_id(recovery: &RecoveryState) -> Result<String, AppError> {
    recovery
        .flow
        .as_ref()
        .map(|f| f.flow_id.clone())
        .ok_or_else(|| AppError::app(LocalCode::NoRecovery, "start a recovery first"))
}

/// `regain://recover?flow=F&token=T`, or the service's `https://…/recover/link?flow=F&token=T`.
fn parse_link(link: &str) -> Option<(String, Secret<String>)> {
    let url = url::Url::parse(link.trim()).ok()?;
    let path_ok = match url.scheme() {
        "regain" => url.host_str() == Some("recover") || url.path().trim_matches('/') == "recover",
        "https" | "http" => url.path().ends_with("/recover/link"),
        _ => false,
    };
    if !path_ok {
        return None;
    }
    let mut flow = None;
    let mut token = None;
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "flow" => flow = Some(value.into_owned()),
            "token" => token = Some(Secret::new(value.into_owned())),
            _ => {}
        }
    }
    Some((flow?, token?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_a_flow_and_a_token() {
        let (flow, token) = parse_link("regain://recover?flow=f_1&token=t0k").expect("parses");
        assert_eq!((flow.as_str(), token.expose().as_str()), ("f_1", "t0k"));
        assert!(parse_link("https://r.example/recover/link?flow=f&token=t").is_some());
        assert!(parse_link("regain://settings?flow=f&token=t").is_none());
        assert!(parse_link("regain://recover?flow=f").is_none());
        assert!(parse_link("not a url").is_none());
    }
}
