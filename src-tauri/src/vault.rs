//! Where a remembered session lives: the OS keyring (Secret Service on Linux, Keychain on
//! macOS and iOS, Credential Manager on Windows, the Android Keystore), or memory.
//!
//! Only the refresh token and the account ID are stored, never a password. Each backend has
//! its own entry (`local` for the embedded one), so a token is never offered to another
//! service. A missing or locked keyring is [`VaultError::Unavailable`]: the app then still
//! signs in and recovers, it only cannot remember the session.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use regain_protocol::Secret;
use serde::{Deserialize, Serialize};

/// The keyring service name of every entry (`secret-tool lookup service app.regain.desktop …`).
pub const SERVICE: &str = "app.regain.desktop";

/// What is remembered of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSession {
    pub account_id: u64,
    #[serde(with = "regain_protocol::exposed")]
    pub refresh_token: Secret<String>,
}

/// A recovery in its waiting period (days, after recovery contacts vouched): its flow and the
/// secret that finishes it, which together open the new-password step once the wait is over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingRecovery {
    pub flow_id: String,
    #[serde(with = "regain_protocol::exposed")]
    pub wait_token: Secret<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// No keyring service, or it is locked. The detail names the platform's reason.
    #[error("the system keyring is not available: {0}")]
    Unavailable(String),
    /// An entry exists but is not ours to read (corrupt or written by something else).
    #[error("the remembered session could not be read")]
    Unreadable,
}

/// A place to keep a session between launches. Calls may block (D-Bus, Keychain): call them
/// from `spawn_blocking`.
pub trait CredentialStore: Send + Sync + std::fmt::Debug {
    fn save(&self, backend: &str, session: &StoredSession) -> Result<(), VaultError>;
    fn load(&self, backend: &str) -> Result<Option<StoredSession>, VaultError>;
    fn clear(&self, backend: &str) -> Result<(), VaultError>;
    /// A recovery in its waiting period, kept so that the app finds it again after a restart;
    /// it opens the new-password step once the wait is over, so it is kept as a session is.
    fn save_waiting(&self, backend: &str, waiting: &WaitingRecovery) -> Result<(), VaultError>;
    fn load_waiting(&self, backend: &str) -> Result<Option<WaitingRecovery>, VaultError>;
    fn clear_waiting(&self, backend: &str) -> Result<(), VaultError>;
}

/// The OS keyring, through keyring-core and the platform's native store. The store is opened
/// on first use and opened again after a failure, so a keyring that appears later (unlocked,
/// or its daemon started) is picked up.
#[derive(Debug, Default)]
pub struct Keyring {
    store: Mutex<Option<Arc<keyring_core::CredentialStore>>>,
}

impl Keyring {
    pub fn new() -> Self {
        Self::default()
    }

    fn entry(&self, backend: &str) -> Result<keyring_core::Entry, VaultError> {
        self.entry_of(&user(backend))
    }

    fn entry_of(&self, user: &str) -> Result<keyring_core::Entry, VaultError> {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let store = match guard.as_ref() {
            Some(store) => store.clone(),
            None => {
                let store = native_store().map_err(unavailable)?;
                *guard = Some(store.clone());
                store
            }
        };
        store.build(SERVICE, user, None).map_err(|error| {
            *guard = None;
            unavailable(error)
        })
    }

    fn forget_store(&self) {
        *self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

impl CredentialStore for Keyring {
    fn save(&self, backend: &str, session: &StoredSession) -> Result<(), VaultError> {
        let json = serde_json::to_string(session).map_err(|_| VaultError::Unreadable)?;
        self.entry(backend)?.set_password(&json).map_err(|error| {
            self.forget_store();
            unavailable(error)
        })
    }

    fn load(&self, backend: &str) -> Result<Option<StoredSession>, VaultError> {
        match self.entry(backend)?.get_password() {
            Ok(json) => serde_json::from_str(&json).map(Some).map_err(|_| VaultError::Unreadable),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(error) => {
                self.forget_store();
                Err(unavailable(error))
            }
        }
    }

    fn clear(&self, backend: &str) -> Result<(), VaultError> {
        self.delete(self.entry(backend)?)
    }

    fn save_waiting(&self, backend: &str, waiting: &WaitingRecovery) -> Result<(), VaultError> {
        let json = serde_json::to_string(waiting).map_err(|_| VaultError::Unreadable)?;
        self.entry_of(&waiting_user(backend))?.set_password(&json).map_err(|error| {
            self.forget_store();
            unavailable(error)
        })
    }

    fn load_waiting(&self, backend: &str) -> Result<Option<WaitingRecovery>, VaultError> {
        match self.entry_of(&waiting_user(backend))?.get_password() {
            Ok(json) => serde_json::from_str(&json).map(Some).map_err(|_| VaultError::Unreadable),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(error) => {
                self.forget_store();
                Err(unavailable(error))
            }
        }
    }

    fn clear_waiting(&self, backend: &str) -> Result<(), VaultError> {
        self.delete(self.entry_of(&waiting_user(backend))?)
    }
}

impl Keyring {
    fn delete(&self, entry: keyring_core::Entry) -> Result<(), VaultError> {
        match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(error) => {
                self.forget_store();
                Err(unavailable(error))
            }
        }
    }
}

/// The keyring user name of a backend's entry.
pub fn user(backend: &str) -> String {
    format!("session:{backend}")
}

/// The keyring user name of a backend's waiting recovery.
pub fn waiting_user(backend: &str) -> String {
    format!("waiting-recovery:{backend}")
}

fn unavailable(error: keyring_core::Error) -> VaultError {
    // The platform's message names the reason (no D-Bus session, locked collection); it never
    // contains the secret.
    VaultError::Unavailable(error.to_string())
}

#[cfg(any(target_os = "linux", target_os = "freebsd"))]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(any(target_os = "macos", target_os = "ios"))]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(target_os = "android")]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(android_native_keyring_store::Store::new()?)
}

/// Keeps sessions for this run only: for tests, and where no keyring may be used.
#[derive(Debug, Default)]
pub struct Memory {
    entries: Mutex<HashMap<String, StoredSession>>,
    waiting: Mutex<HashMap<String, WaitingRecovery>>,
}

impl CredentialStore for Memory {
    fn save(&self, backend: &str, session: &StoredSession) -> Result<(), VaultError> {
        self.lock().insert(backend.to_owned(), session.clone());
        Ok(())
    }

    fn load(&self, backend: &str) -> Result<Option<StoredSession>, VaultError> {
        Ok(self.lock().get(backend).cloned())
    }

    fn clear(&self, backend: &str) -> Result<(), VaultError> {
        self.lock().remove(backend);
        Ok(())
    }

    fn save_waiting(&self, backend: &str, waiting: &WaitingRecovery) -> Result<(), VaultError> {
        self.waiting_lock().insert(backend.to_owned(), waiting.clone());
        Ok(())
    }

    fn load_waiting(&self, backend: &str) -> Result<Option<WaitingRecovery>, VaultError> {
        Ok(self.waiting_lock().get(backend).cloned())
    }

    fn clear_waiting(&self, backend: &str) -> Result<(), VaultError> {
        self.waiting_lock().remove(backend);
        Ok(())
    }
}

impl Memory {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, StoredSession>> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn waiting_lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, WaitingRecovery>> {
        self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keeps_one_session_per_backend() {
        let vault = Memory::default();
        let session = StoredSession { account_id: 7, refresh_token: Secret::new("r".into()) };
        vault.save("local", &session).expect("saves");
        assert_eq!(vault.load("local").expect("loads"), Some(session));
        assert_eq!(vault.load("https://other.example").expect("loads"), None);
        vault.clear("local").expect("clears");
        assert_eq!(vault.load("local").expect("loads"), None);
    }

    #[test]
    fn a_waiting_recovery_never_debug_prints_its_secret() {
        let waiting = WaitingRecovery {
            flow_id: "rf_1".into(),
            wait_token: Secret::new("rgw_s3cr3t".into()),
        };
        assert!(!format!("{waiting:?}").contains("rgw_s3cr3t"));
    }

    #[test]
    fn a_stored_session_never_debug_prints_its_token() {
        let session = StoredSession { account_id: 7, refresh_token: Secret::new("r3fr3sh".into()) };
        assert!(!format!("{session:?}").contains("r3fr3sh"));
    }
}
