//! The staffed station's side (a kiosk whose `kiosk.toml` holds a station key): a member of
//! staff's shift, signed in with their own password and authenticator code and the station's
//! key; the queue; a request's detail with its proofs blurred until a clear view is asked for
//! (each audited by the service); and the decision. The shift's token stays in Rust, apart
//! from the customer's state, and the station's key never leaves it. Staff see no password
//! field of a customer's here: the service carries none to them.
//!
//! The service decides what staff may do: these commands pass requests through, and a shift
//! not at a station (no key) is offered nothing that needs one.

use base64::Engine as _;
use regain_protocol::{
    DecisionRequest, DecisionView, Queue, SecondReviewRequest, Secret, StaffRequestView,
    StaffSignInRequest, StaffWaitingView,
};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, LocalCode};
pub use crate::state::ShiftView;
use crate::state::{end_shift, AppState, StaffShift};

/// A proof's file as the review screen draws it: its content type and its bytes as base64.
/// Held by the page only while it shows; a wipe reloads the page and drops it.
#[derive(Clone, Serialize, specta::Type)]
pub struct ProofFileView {
    pub content_type: String,
    pub base64: String,
}

impl std::fmt::Debug for ProofFileView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProofFileView").field("content_type", &self.content_type).finish()
    }
}

/// Starts a member of staff's shift at this station. Whatever a customer left is forgotten
/// first: the two never share state.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_sign_in(
    state: State<'_, AppState>,
    username: String,
    password: Secret<String>,
    totp: Secret<String>,
) -> Result<ShiftView, AppError> {
    let station_key =
        state.station.kiosk().and_then(|k| k.station_key.clone()).ok_or_else(|| {
            AppError::app(LocalCode::NotAStation, "this is not a staffed station")
        })?;
    let backend = state.backend().await?;
    let wipes = state.wipes.load(std::sync::atomic::Ordering::SeqCst);
    state.forget_person().await;
    state.settings.lock().unwrap_or_else(|p| p.into_inner()).language = None;
    let request = StaffSignInRequest {
        username: username.trim().to_owned(),
        password,
        totp: Secret::new(regain_protocol::digits::normalize_code(totp.expose())),
        station_key: Some(station_key),
    };
    let session = backend.client.staff_sign_in(&request).await?;
    let view = ShiftView {
        username: session.username,
        role: session.role,
        station: session.station,
        expires_at: session.expires_at,
    };
    let mut staff = state.staff.lock().await;
    if state.wipes.load(std::sync::atomic::Ordering::SeqCst) != wipes {
        // The session ended (Cancel, the idle countdown) while this sign-in was on its way.
        drop(staff);
        end_shift(&backend, &session.token).await;
        return Err(AppError::app(LocalCode::NotOnShift, "the session ended during the sign-in"));
    }
    let previous = staff.replace(StaffShift { token: session.token, view: view.clone() });
    drop(staff);
    if let Some(previous) = previous {
        end_shift(&backend, &previous.token).await;
    }
    tracing::info!("a staff shift started at this station");
    Ok(view)
}

/// The shift on at this station, if any.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_shift(state: State<'_, AppState>) -> Result<Option<ShiftView>, AppError> {
    Ok(state.staff.lock().await.as_ref().map(|shift| shift.view.clone()))
}

/// The queue: requests waiting for a reviewer and those in review, oldest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_queue(state: State<'_, AppState>) -> Result<Queue, AppError> {
    on_shift(&state, |backend, token| async move { backend.client.staff_queue(&token).await }).await
}

/// Opens a request: claims it first when `claim` (one reviewer at a time), then reads it (each
/// look audited). A supervisor opens one waiting for their second approval without claiming.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_open_request(
    state: State<'_, AppState>,
    request_id: String,
    claim: bool,
) -> Result<StaffRequestView, AppError> {
    on_shift(&state, |backend, token| async move {
        if claim {
            backend.client.staff_claim(&token, &request_id).await?;
        }
        backend.client.staff_request(&token, &request_id).await
    })
    .await
}

/// A proof of a request: blurred, or, when `clear`, as kept (the service audits the look and
/// tells the account's owner).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_proof(
    state: State<'_, AppState>,
    request_id: String,
    position: u32,
    clear: bool,
) -> Result<ProofFileView, AppError> {
    let (content_type, bytes) = on_shift(&state, |backend, token| async move {
        backend.client.staff_proof(&token, &request_id, position, clear).await
    })
    .await?;
    Ok(ProofFileView {
        content_type,
        base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// The reviewer's decision on the request they claimed.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_decide(
    state: State<'_, AppState>,
    request_id: String,
    decision: DecisionRequest,
) -> Result<DecisionView, AppError> {
    on_shift(&state, |backend, token| async move {
        backend.client.staff_decide(&token, &request_id, &decision).await
    })
    .await
}

/// A supervisor's second review of another member's approval (four eyes).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_second_review(
    state: State<'_, AppState>,
    request_id: String,
    review: SecondReviewRequest,
) -> Result<DecisionView, AppError> {
    on_shift(&state, |backend, token| async move {
        backend.client.staff_second_review(&token, &request_id, &review).await
    })
    .await
}

/// A recovery waiting after recovery contacts vouched, by the reference the person shows:
/// the account's name to compare with their identity document (audited by the service).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_waiting(
    state: State<'_, AppState>,
    reference: String,
) -> Result<StaffWaitingView, AppError> {
    on_shift(&state, |backend, token| async move {
        backend.client.staff_waiting(&token, &reference).await
    })
    .await
}

/// The person's identity document was seen here and matches the account's name: their
/// waiting period shortens (once). Audited with the station.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn staff_seen_in_person(
    state: State<'_, AppState>,
    reference: String,
) -> Result<StaffWaitingView, AppError> {
    on_shift(&state, |backend, token| async move {
        backend.client.staff_seen_in_person(&token, &reference).await
    })
    .await
}

/// Runs `call` with the backend and the shift's token (as `account::authorized` does with an
/// account's session). A shift the service ended (its end, its idle time, the station retired)
/// is forgotten here too, so the screens go back to the sign-in.
async fn on_shift<T, F, Fut>(state: &AppState, call: F) -> Result<T, AppError>
where
    F: FnOnce(std::sync::Arc<crate::state::Backend>, Secret<String>) -> Fut,
    Fut: std::future::Future<Output = Result<T, regain_client::Error>>,
{
    let backend = state.backend().await?;
    let token =
        state.staff.lock().await.as_ref().map(|shift| shift.token.clone()).ok_or_else(|| {
            AppError::app(LocalCode::NotOnShift, "no member of staff is signed in")
        })?;
    let error = match call(backend, token).await {
        Ok(answer) => return Ok(answer),
        Err(error) => AppError::from(error),
    };
    if error.is(regain_protocol::ErrorCode::Unauthenticated) {
        *state.staff.lock().await = None;
    }
    Err(error)
}
