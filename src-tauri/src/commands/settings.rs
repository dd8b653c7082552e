//! App settings: which recovery service to use, and the UI language.

use serde::Serialize;
use tauri::State;

use crate::error::AppError;
use crate::state::{open_backend, AppState};

/// The documented demo account of local mode, shown on the sign-in screen there.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DemoAccount {
    pub email: String,
    pub phone: String,
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackendMode {
    /// The embedded service with its demo account and dev inbox.
    Local,
    Remote,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppStatus {
    pub version: String,
    pub mode: BackendMode,
    /// The remote service's address (none in local mode).
    pub backend_url: Option<String>,
    pub language: Option<String>,
    pub demo: Option<DemoAccount>,
    /// Set when the app runs as a kiosk support station: its idle timings.
    pub kiosk: Option<KioskTimes>,
}

/// How long a kiosk waits for a touch before its countdown, and how long the countdown runs.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
pub struct KioskTimes {
    pub idle_seconds: u32,
    pub countdown_seconds: u32,
    /// A staffed station (its key is placed): staff sign in here too.
    pub staffed: bool,
}

/// Where the app stands: which backend, which language. Waits for the local service to start.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, AppError> {
    status(&state).await
}

pub(crate) async fn status(state: &AppState) -> Result<AppStatus, AppError> {
    let backend = state.backend().await?;
    let settings = state.settings();
    let local = backend.is_local();
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        mode: if local { BackendMode::Local } else { BackendMode::Remote },
        backend_url: (!local).then(|| backend.client.base_url().to_string()),
        language: settings.language,
        // A station's screen is shared: never the demo account's password on it.
        demo: (local && state.station.kiosk().is_none()).then(|| DemoAccount {
            email: regain_server::local::DEMO_EMAIL.to_owned(),
            phone: regain_server::local::DEMO_PHONE.to_owned(),
            password: regain_server::local::DEMO_PASSWORD.to_owned(),
        }),
        kiosk: state.station.kiosk().map(|k| KioskTimes {
            idle_seconds: k.idle_seconds,
            countdown_seconds: k.countdown_seconds,
            staffed: k.station_key.is_some(),
        }),
    })
}

/// Uses the recovery service at `url` (checked: `https://`, or `http://` to this computer, and
/// it must answer), or the embedded local one when `url` is none. Ends the session and the
/// recovery in progress, which belong to the previous service.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn set_backend(
    state: State<'_, AppState>,
    url: Option<String>,
) -> Result<AppStatus, AppError> {
    let url = url.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    let backend = open_backend(url.as_deref(), &state.data_dir).await?;
    if !backend.is_local() {
        backend.client.health().await?;
    }
    state.update_settings(|s| s.backend_url = url)?;
    // The session, the recovery and a request's status token are the previous service's.
    state.forget_person().await;
    state.replace_backend(backend);
    status(&state).await
}

/// Remembers the UI language (a BCP 47 tag the UI offers).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state))]
pub async fn set_language(state: State<'_, AppState>, language: String) -> Result<(), AppError> {
    let language = language.trim().to_owned();
    let valid = !language.is_empty()
        && language.len() <= 16
        && language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !valid {
        return Err(AppError::service(regain_protocol::ErrorCode::InvalidField));
    }
    state.update_settings(|s| s.language = Some(language.clone()))?;
    // A signed-in person's messages follow the app's language (a preference: if the service
    // cannot be told now, the app's own choice still holds).
    if state.session.lock().await.is_some() {
        let request = regain_protocol::LocaleRequest { locale: language };
        let told = crate::account::authorized(&state, |backend, token| {
            let request = request.clone();
            async move { backend.client.set_locale(&token, &request).await }
        })
        .await;
        if let Err(error) = told {
            tracing::warn!(code = ?error.code, "the account's language could not be updated");
        }
    }
    Ok(())
}
