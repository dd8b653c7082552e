//! What the app holds while it runs: its settings, the backend it talks to (a remote service
//! or the embedded local one), the signed-in session and the recovery in progress.
//!
//! Secrets held here (the access and refresh tokens, the solved captcha, the reset token) stay
//! in Rust: no command returns them to the web UI.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use regain_client::Client;
use regain_protocol::Secret;
use regain_server::local::Embedded;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::error::{AppError, LocalCode};
use crate::vault::CredentialStore;

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
    pub data_dir: PathBuf,
    /// The person's downloads folder, where recovery codes are saved when they ask.
    pub downloads: Option<PathBuf>,
    settings_path: PathBuf,
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
        let from_env = std::env::var("REGAIN_BACKEND_URL").ok().filter(|v| !v.trim().is_empty());
        let backend_from_env = from_env.is_some();
        if from_env.is_some() {
            settings.backend_url = from_env;
        }
        Self {
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
        }
    }

    pub fn settings(&self) -> Settings {
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the settings and writes them (owner-only) to the config directory.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<(), AppError> {
        let mut settings = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        change(&mut settings);
        let mut saved = settings.clone();
        if self.backend_from_env {
            // The environment chose the backend for this run only.
            saved.backend_url = std::fs::read(&self.settings_path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
                .and_then(|s| s.backend_url);
        }
        let write = || -> std::io::Result<()> {
            if let Some(parent) = self.settings_path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let json = serde_json::to_vec_pretty(&saved).map_err(std::io::Error::other)?;
            std::fs::write(&self.settings_path, json)
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

    /// Stops the embedded backend, if any (at exit).
    pub fn shutdown(&self) {
        self.backend.send_replace(None);
    }
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
