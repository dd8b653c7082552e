//! What the app holds while it runs: its settings, the backend it talks to (a remote service
//! or the embedded local one), the signed-in session and the recovery in progress.
//!
//! Secrets held here (the access and refresh tokens, the solved captcha, the reset token) stay
//! in Rust: no command returns them to the web UI. At a kiosk, [`AppState::wipe`] drops them
//! all between customers (each `Secret` zeroizes its bytes as it goes).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use regain_client::Client;
use regain_protocol::Secret;
use regain_server::local::Embedded;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::error::{AppError, LocalCode};
use crate::station::{KioskSettings, Station};
use crate::vault::{CredentialStore, Memory};

/// The key of the embedded backend in the keyring (its port changes at every launch).
pub const LOCAL_BACKEND: &str = "local";

/// Persisted in `settings.json` in the app's config directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The recovery service; none means the embedded local one.
    #[serde(default)]
    pub backend_url: Option<String>,
    /// The UI language the person chose (`en`, `zh-CN`, `ar`, …).
    #[serde(default)]
    pub language: Option<String>,
}

/// The service the app talks to.
#[derive(Debug)]
pub struct Backend {
    pub client: Client,
    /// `local`, or the base URL: names the keyring entry of this backend's session.
    pub key: String,
    /// The embedded service, when this is local mode. Dropping it stops it.
    pub local: Option<Embedded>,
}

impl Backend {
    pub fn is_local(&self) -> bool {
        self.local.is_some()
    }
}

/// A signed-in session.
#[derive(Debug)]
pub struct Session {
    pub account_id: u64,
    pub access_token: Secret<String>,
    pub access_expires_at: i64,
    pub refresh_token: Secret<String>,
}

impl Session {
    /// A session whose device is locked: only its refresh token is of use, to unlock it.
    pub fn locked(account_id: u64, refresh_token: Secret<String>) -> Self {
        Self {
            account_id,
            access_token: Secret::new(String::new()),
            access_expires_at: 0,
            refresh_token,
        }
    }
}

impl From<regain_protocol::SessionGrant> for Session {
    fn from(grant: regain_protocol::SessionGrant) -> Self {
        Self {
            account_id: grant.account_id,
            access_token: grant.access_token,
            access_expires_at: grant.access_expires_at,
            refresh_token: grant.refresh_token,
        }
    }
}

/// A sign-in waiting for its second factor: the service's token for it, and whether to keep the
/// session in the keyring once it starts.
#[derive(Debug)]
pub struct PendingSignIn {
    pub token: Secret<String>,
    pub remember: bool,
}

type BackendSlot = Option<Result<Arc<Backend>, AppError>>;

#[derive(Debug)]
pub struct AppState {
    /// A personal device, or a kiosk support station.
    pub station: Station,
    pub data_dir: PathBuf,
    /// The person's downloads folder, where recovery codes are saved when they ask.
    pub downloads: Option<PathBuf>,
    /// Where the settings are saved; none at a kiosk, which keeps nothing.
    settings_path: Option<PathBuf>,
    pub settings: Mutex<Settings>,
    /// Whether `REGAIN_BACKEND_URL` chose the backend for this run.
    pub backend_from_env: bool,
    backend: watch::Sender<BackendSlot>,
    pub vault: Arc<dyn CredentialStore>,
    pub session: tokio::sync::Mutex<Option<Session>>,
    /// A sign-in whose second factor is still to come.
    pub pending_sign_in: tokio::sync::Mutex<Option<PendingSignIn>>,
    /// The recovery in progress.
    pub recovery: tokio::sync::Mutex<regain_client::RecoverySession>,
    /// The support request filed in this run, if any (memory only).
    pub support: tokio::sync::Mutex<Option<SupportTicket>>,
    /// At a staffed station, the member of staff on shift: apart from everything above, which
    /// is the customer's.
    pub staff: tokio::sync::Mutex<Option<StaffShift>>,
    /// How many times a session was wiped: a staff sign-in that a wipe overtook keeps nothing.
    pub wipes: std::sync::atomic::AtomicU64,
    /// A kiosk's temporary directory: its webview's storage and the embedded demo service's
    /// database, outside the app's data directory; removed by [`AppState::shutdown`].
    scratch: Mutex<Option<tempfile::TempDir>>,
    /// Clears a kiosk's webview (browsing data, then a fresh page), set once its window exists.
    pub screen: ScreenClearer,
    /// At a kiosk with the embedded demo service, the newest message of the dev inbox when the
    /// last session was wiped: the inbox shows only what came after, never the last customer's.
    pub inbox_after: Mutex<u64>,
}

/// What clears a kiosk's screen: set by the app at start, with the real window (the commands
/// are compiled for every runtime, the window's methods only for the one that runs).
#[derive(Default)]
pub struct ScreenClearer(std::sync::OnceLock<Box<dyn Fn() -> tauri::Result<()> + Send + Sync>>);

impl ScreenClearer {
    pub fn set(&self, clear: impl Fn() -> tauri::Result<()> + Send + Sync + 'static) {
        let _ = self.0.set(Box::new(clear));
    }
}

impl std::fmt::Debug for ScreenClearer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "ScreenClearer(set)"
        } else {
            "ScreenClearer(unset)"
        })
    }
}

/// A member of staff's shift at a staffed station: the service's token for it (never sent to
/// the web UI) and what the screens show of it.
#[derive(Debug)]
pub struct StaffShift {
    pub token: Secret<String>,
    pub view: ShiftView,
}

/// A shift as the staff screens see it (its token stays in Rust).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ShiftView {
    pub username: String,
    pub role: regain_protocol::StaffRole,
    /// The station's name, as the service registered it.
    pub station: Option<String>,
    #[specta(type = u32)]
    pub expires_at: i64,
}

/// A support request filed from this app: what follows it. The status token is the secret
/// part of its status link.
#[derive(Debug)]
pub struct SupportTicket {
    pub request_id: String,
    pub reference: String,
    pub status_token: Secret<String>,
}

impl AppState {
    /// Reads the settings (`REGAIN_BACKEND_URL` overrides the saved backend for this run).
    pub fn new(data_dir: PathBuf, config_dir: &Path, vault: Arc<dyn CredentialStore>) -> Self {
        let settings_path = config_dir.join("settings.json");
        let mut settings: Settings = std::fs::read(&settings_path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let from_env = backend_from_env();
        let overridden = from_env.is_some();
        if overridden {
            settings.backend_url = from_env;
        }
        Self::assemble(
            Station::Personal,
            data_dir,
            Some(settings_path),
            settings,
            overridden,
            vault,
            None,
        )
    }

    /// A kiosk: the backend its settings name (`REGAIN_BACKEND_URL` overrides it for this run),
    /// sessions in memory only, no settings file read or written, no downloads folder, and the
    /// embedded demo service, if that is the backend, in a temporary directory.
    pub fn kiosk(kiosk: &KioskSettings) -> std::io::Result<Self> {
        remove_kiosk_leftovers(&std::env::temp_dir());
        let prefix = format!("{KIOSK_SCRATCH}{}-", std::process::id());
        let scratch = tempfile::Builder::new().prefix(&prefix).tempdir()?;
        let from_env = backend_from_env();
        let overridden = from_env.is_some();
        let settings = Settings {
            backend_url: from_env.or_else(|| kiosk.backend_url.clone()),
            language: None,
        };
        Ok(Self::assemble(
            Station::Kiosk(kiosk.clone()),
            scratch.path().to_owned(),
            None,
            settings,
            overridden,
            Arc::new(Memory::default()),
            Some(scratch),
        ))
    }

    fn assemble(
        station: Station,
        data_dir: PathBuf,
        settings_path: Option<PathBuf>,
        settings: Settings,
        backend_from_env: bool,
        vault: Arc<dyn CredentialStore>,
        scratch: Option<tempfile::TempDir>,
    ) -> Self {
        Self {
            station,
            data_dir,
            downloads: None,
            settings_path,
            settings: Mutex::new(settings),
            backend_from_env,
            backend: watch::Sender::new(None),
            vault,
            session: tokio::sync::Mutex::new(None),
            pending_sign_in: tokio::sync::Mutex::new(None),
            recovery: tokio::sync::Mutex::new(regain_client::RecoverySession::default()),
            support: tokio::sync::Mutex::new(None),
            staff: tokio::sync::Mutex::new(None),
            wipes: std::sync::atomic::AtomicU64::new(0),
            scratch: Mutex::new(scratch),
            screen: ScreenClearer::default(),
            inbox_after: Mutex::new(0),
        }
    }

    /// Forgets what belongs to the person at the service: the session and a sign-in half done,
    /// the recovery in progress with its captcha and reset token, the support request and its
    /// status token. The backend stays.
    pub async fn forget_person(&self) {
        *self.session.lock().await = None;
        *self.pending_sign_in.lock().await = None;
        *self.recovery.lock().await = regain_client::RecoverySession::default();
        *self.support.lock().await = None;
    }

    /// A kiosk's end of a session, a customer's or a member of staff's: the shift ended at the
    /// service, [`AppState::forget_person`], the language chosen, and, with the embedded demo
    /// service, the dev inbox's messages so far.
    pub async fn wipe(&self) {
        self.wipes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let shift = self.staff.lock().await.take();
        self.forget_person().await;
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).language = None;
        let Ok(backend) = self.backend().await else { return };
        if let Some(shift) = shift {
            end_shift(&backend, &shift.token).await;
        }
        if backend.is_local() {
            let newest = match backend.client.dev_outbox().await {
                Ok(outbox) => outbox.messages.iter().filter_map(|m| m.id.parse().ok()).max(),
                Err(error) => {
                    tracing::error!("the dev inbox could not be read at a wipe: {error}");
                    // Unread, it shows nothing again: better than the last customer's codes.
                    Some(u64::MAX)
                }
            };
            let mut after = self.inbox_after.lock().unwrap_or_else(|p| p.into_inner());
            *after = newest.unwrap_or(0).max(*after);
        }
    }

    /// Refuses a customer's command while a member of staff is on shift here: the two never
    /// share the station's state, whatever the screens do.
    pub async fn ensure_no_shift(&self) -> Result<(), AppError> {
        if self.staff.lock().await.is_some() {
            return Err(AppError::app(
                LocalCode::StaffOnShift,
                "a member of staff is signed in at this station",
            ));
        }
        Ok(())
    }

    /// Clears the kiosk's webview, when the app has one to clear (not under the mock runtime).
    pub fn clear_screen(&self) -> tauri::Result<()> {
        self.screen.0.get().map_or(Ok(()), |clear| clear())
    }

    pub fn settings(&self) -> Settings {
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the settings and writes them (owner-only) to the config directory; a kiosk's
    /// change lasts until its session is wiped.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<(), AppError> {
        let mut settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        change(&mut settings);
        let Some(settings_path) = &self.settings_path else { return Ok(()) };
        let mut saved = settings.clone();
        if self.backend_from_env {
            // The environment chose the backend for this run only.
            saved.backend_url = std::fs::read(settings_path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
                .and_then(|s| s.backend_url);
        }
        let write = || -> std::io::Result<()> {
            if let Some(parent) = settings_path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let json = serde_json::to_vec_pretty(&saved).map_err(std::io::Error::other)?;
            std::fs::write(settings_path, json)
        };
        write().map_err(|e| {
            AppError::app(
                LocalCode::SettingsUnsaved,
                format!("the settings could not be saved: {e}"),
            )
        })
    }

    /// Connects to the configured backend: a client of the remote service, or the embedded
    /// local service started on loopback with its SQLite file in the data directory.
    pub async fn connect(&self) {
        let url = self.settings().backend_url;
        let result = open_backend(url.as_deref(), &self.data_dir).await.map(Arc::new);
        if let Err(error) = &result {
            tracing::error!(code = ?error.code, "the backend is not available: {error}");
        }
        self.backend.send_replace(Some(result));
    }

    /// Replaces the backend (the old embedded one, if any, stops).
    pub fn replace_backend(&self, backend: Backend) {
        self.backend.send_replace(Some(Ok(Arc::new(backend))));
    }

    /// The backend, waiting for it while it starts.
    pub async fn backend(&self) -> Result<Arc<Backend>, AppError> {
        let mut receiver = self.backend.subscribe();
        let slot = receiver.wait_for(Option::is_some).await.map_err(|_| {
            AppError::app(LocalCode::LocalBackendFailed, "the app is shutting down")
        })?;
        slot.clone()
            .unwrap_or_else(|| Err(AppError::app(LocalCode::LocalBackendFailed, "no backend")))
    }

    /// Stops the embedded backend, if any, and removes a kiosk's temporary directory (at exit:
    /// the event loop ends the process without dropping the state).
    pub fn shutdown(&self) {
        self.backend.send_replace(None);
        let scratch = self.scratch.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(Err(error)) = scratch.map(tempfile::TempDir::close) {
            tracing::error!("the kiosk's temporary directory was not removed: {error}");
        }
    }
}

/// Ends a staff shift at the service, waiting a few seconds at most: the station forgets it
/// either way, and the service ends it at its idle time if this does not get through.
pub async fn end_shift(backend: &Backend, token: &Secret<String>) {
    let ended = tokio::time::timeout(
        std::time::Duration::from_secs(3),
        backend.client.staff_sign_out(token),
    )
    .await;
    match ended {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::warn!("a staff shift could not be ended at the service: {error}")
        }
        Err(_) => tracing::warn!("a staff shift's end did not reach the service in time"),
    }
}

/// A kiosk's temporary directory's name: this prefix, the process ID, a dash, random letters.
const KIOSK_SCRATCH: &str = "regain-kiosk-";

/// Removes the temporary directories of kiosk runs that were killed before they could remove
/// their own (a crash, a power cut, a SIGKILL): those named for a process that no longer runs.
/// Where that cannot be told (off Linux), they stay for the system's own cleanup of its
/// temporary directory.
fn remove_kiosk_leftovers(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|name| name.strip_prefix(KIOSK_SCRATCH))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_runs(pid)) {
            if let Err(error) = std::fs::remove_dir_all(entry.path()) {
                tracing::error!("an earlier kiosk run's temporary directory stays: {error}");
            }
        }
    }
}

#[cfg(target_os = "linux")]
fn process_runs(pid: u32) -> bool {
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_runs(_pid: u32) -> bool {
    true
}

/// The backend `REGAIN_BACKEND_URL` names for this run, if it is set.
fn backend_from_env() -> Option<String> {
    std::env::var("REGAIN_BACKEND_URL").ok().filter(|v| !v.trim().is_empty())
}

/// A client of `url`, or the embedded local service when there is none.
pub async fn open_backend(url: Option<&str>, data_dir: &Path) -> Result<Backend, AppError> {
    let user_agent = concat!("Regain app/", env!("CARGO_PKG_VERSION"));
    match url {
        Some(url) => {
            let client = Client::with_user_agent(url, user_agent)?;
            let key = client.base_url().to_string();
            Ok(Backend { client, key, local: None })
        }
        None => {
            let dir = data_dir.join("local");
            let embedded = Embedded::start(&dir).await.map_err(|e| {
                AppError::app(
                    LocalCode::LocalBackendFailed,
                    format!("the local service did not start: {e:#}"),
                )
            })?;
            let client = Client::with_user_agent(embedded.base_url(), user_agent)?;
            Ok(Backend { client, key: LOCAL_BACKEND.to_owned(), local: Some(embedded) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_kiosk_runs_leftovers_go_and_a_running_ones_stay() {
        let temp = tempfile::tempdir().expect("a temporary directory");
        let dead = temp.path().join(format!("{KIOSK_SCRATCH}{}-abc123", u32::MAX));
        let alive = temp.path().join(format!("{KIOSK_SCRATCH}{}-def456", std::process::id()));
        let other = temp.path().join("regain-kiosk-notes");
        for dir in [&dead, &alive, &other] {
            std::fs::create_dir_all(dir.join("webview")).expect("created");
        }
        remove_kiosk_leftovers(temp.path());
        assert!(!dead.exists(), "a run whose process is gone");
        assert!(alive.exists(), "this run's own");
        assert!(other.exists(), "not a kiosk run's");
    }
}
