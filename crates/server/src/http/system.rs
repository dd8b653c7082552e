use axum::extract::State;
use axum::Json;
use regain_protocol::{DevMessage, DevOutbox, ErrorBody, ErrorCode, Health};

use super::{ApiError, AppState};

/// The service answers and its database is reachable.
#[utoipa::path(get, path = "/healthz", tag = "system",
    responses((status = 200, body = Health), (status = 500, body = ErrorBody)))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    if state.store.ping().await {
        Ok(Json(Health { status: "ok".to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() }))
    } else {
        Err(ApiError::internal("database did not answer the health check"))
    }
}

/// Local mode only: the messages the capture courier kept instead of sending, newest first.
#[utoipa::path(get, path = "/v1/dev/outbox", tag = "system",
    responses((status = 200, body = DevOutbox), (status = 404, body = ErrorBody)))]
pub async fn dev_outbox(State(state): State<AppState>) -> Result<Json<DevOutbox>, ApiError> {
    let capture = state.dev_outbox.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let messages = capture
        .messages()
        .into_iter()
        .map(|captured| DevMessage {
            id: captured.id.to_string(),
            channel: captured.message.channel.as_str().to_owned(),
            to: captured.message.to,
            subject: captured.message.subject,
            body: captured.message.body,
            created_at: captured.delivered_at,
        })
        .collect();
    Ok(Json(DevOutbox { messages }))
}
