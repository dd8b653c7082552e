//! The signed-in session: signing in and out, the session remembered in the OS keyring across
//! launches (only the refresh token and the account ID, never the password), the access token
//! refreshed when it expires, and what a password reset ends. The commands in
//! `commands::session` are one call each into here.

use std::future::Future;
use std::sync::Arc;

use regain_client::SignedIn;
use regain_protocol::{
    AccountView, DeviceInfo, ErrorCode, Platform, SecondFactorMethod, SecondFactorRequest, Secret,
    SecurityEventView, SessionGrant, SessionView, SignInRequest, UnlockRequest,
};
use serde::Serialize;

use crate::error::{AppError, LocalCode};
use crate::state::{AppState, Backend, PendingSignIn, Session};
use crate::vault::{StoredSession, VaultError};

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SessionStatus {
    /// The signed-in account, contacts masked; none when signed out.
    pub account: Option<AccountView>,
    /// Whether the session is kept in the OS keyring for the next launch.
    pub remembered: bool,
    /// Why the session could not be remembered or restored (`keyring_unavailable`).
    pub keyring_error: Option<AppError>,
    /// The password was right and the account asks for its second factor next: finish with
    /// `finish_sign_in`. The sign-in's token stays here, in Rust.
    pub second_factor: Option<SecondFactorPrompt>,
    /// The owner marked this device lost: it is locked until `unlock_device` is given the
    /// account's current password (and second factor). Survives a restart: the session stays
    /// in the keyring, locked.
    pub locked: bool,
}

/// What the second step of a sign-in accepts, and until when.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SecondFactorPrompt {
    pub methods: Vec<SecondFactorMethod>,
    /// Unix seconds.
    #[specta(type = u32)]
    pub expires_at: i64,
}

impl SessionStatus {
    fn signed_out(keyring_error: Option<AppError>) -> Self {
        Self { account: None, remembered: false, keyring_error, second_factor: None, locked: false }
    }

    fn signed_in(account: AccountView, remembered: bool, keyring_error: Option<AppError>) -> Self {
        Self {
            account: Some(account),
            remembered,
            keyring_error,
            second_factor: None,
            locked: false,
        }
    }

    fn locked(remembered: bool) -> Self {
        Self { locked: true, remembered, ..Self::signed_out(None) }
    }
}

/// This device as the owner will see it among their devices: the computer's name, and its
/// operating system.
pub fn this_device() -> DeviceInfo {
    let name = hostname::get()
        .ok()
        .and_then(|name| name.into_string().ok())
        .map(|name| name.chars().filter(|c| !c.is_control()).take(64).collect::<String>())
        .filter(|name| !name.trim().is_empty());
    let platform = match std::env::consts::OS {
        "linux" => Platform::Linux,
        "windows" => Platform::Windows,
        "macos" => Platform::Macos,
        "android" => Platform::Android,
        "ios" => Platform::Ios,
        _ => Platform::Other,
    };
    DeviceInfo { name, platform: Some(platform) }
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SecurityOverview {
    pub account: AccountView,
    pub sessions: Vec<SessionView>,
    /// Recent security activity, newest first.
    pub events: Vec<SecurityEventView>,
}

/// Runs blocking work (keyring, proof of work) off the async runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::app(LocalCode::Network, "a background task stopped unexpectedly"))
}

/// Signs in. With `remember`, the refresh token goes into the OS keyring; when the keyring is
/// unavailable the person is still signed in, for this run only, and `keyring_error` says why.
pub async fn sign_in(
    state: &AppState,
    identifier: &str,
    password: Secret<String>,
    region: Option<String>,
    remember: bool,
) -> Result<SessionStatus, AppError> {
    let backend = state.backend().await?;
    let request = SignInRequest {
        identifier: identifier.trim().to_owned(),
        password,
        region: region.filter(|r| !r.is_empty()),
        device: Some(this_device()),
    };
    let grant = match backend.client.sign_in(&request).await? {
        SignedIn::Session(grant) => grant,
        SignedIn::SecondFactor(challenge) => {
            let prompt = SecondFactorPrompt {
                methods: challenge.methods.clone(),
                expires_at: challenge.expires_at,
            };
            *state.pending_sign_in.lock().await =
                Some(PendingSignIn { token: challenge.token, remember });
            return Ok(SessionStatus {
                second_factor: Some(prompt),
                ..SessionStatus::signed_out(None)
            });
        }
    };
    start(state, &backend, grant, remember).await
}

/// The second step of a sign-in: a code of the authenticator app or a recovery code. The
/// sign-in stays pending after a wrong code (the service counts the tries) and ends when the
/// service says it has.
pub async fn finish_sign_in(
    state: &AppState,
    method: SecondFactorMethod,
    code: Secret<String>,
) -> Result<SessionStatus, AppError> {
    let backend = state.backend().await?;
    let mut pending = state.pending_sign_in.lock().await;
    let Some(waiting) = pending.as_ref() else {
        return Err(AppError::service(ErrorCode::SignInExpired));
    };
    let request = SecondFactorRequest { token: waiting.token.clone(), method, code };
    let remember = waiting.remember;
    match backend.client.second_factor(&request).await {
        Ok(grant) => {
            *pending = None;
            drop(pending);
            start(state, &backend, grant, remember).await
        }
        Err(error) => {
            let error = AppError::from(error);
            if error.is(ErrorCode::SignInExpired) {
                *pending = None;
            }
            Err(error)
        }
    }
}

/// Takes a new session: the account it belongs to, remembered in the keyring when asked.
async fn start(
    state: &AppState,
    backend: &Backend,
    grant: SessionGrant,
    remember: bool,
) -> Result<SessionStatus, AppError> {
    let account = backend.client.me(&grant.access_token).await?;
    let session = Session::from(grant);
    let keyring_error = if remember {
        remember_session(state, backend, &session).await.err()
    } else {
        // A session remembered earlier is not this one; whether it can be removed does not
        // change this sign-in.
        let _ = forget_session(state, backend).await;
        None
    };
    *state.session.lock().await = Some(session);
    Ok(SessionStatus::signed_in(account, remember && keyring_error.is_none(), keyring_error))
}

/// Signs out: ends the session at the service and removes it from the keyring.
pub async fn sign_out(state: &AppState) -> Result<SessionStatus, AppError> {
    let backend = state.backend().await?;
    let session = state.session.lock().await.take();
    if let Some(session) = session {
        match backend.client.sign_out(&session.access_token).await {
            Ok(()) => {}
            // Already over (expired or revoked by a password reset): nothing to end.
            Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {}
            Err(error) => {
                *state.session.lock().await = Some(session);
                return Err(error.into());
            }
        }
    }
    let keyring_error = forget_session(state, &backend).await.err();
    Ok(SessionStatus::signed_out(keyring_error))
}

/// The signed-in account, restoring a remembered session from the keyring at first call.
pub async fn status(state: &AppState) -> Result<SessionStatus, AppError> {
    let backend = state.backend().await?;
    let mut guard = state.session.lock().await;
    if let Some(session) = guard.as_mut() {
        match current_account(state, &backend, session).await {
            Ok(account) => {
                let remembered = load_remembered(state, &backend).await.ok().flatten().is_some();
                return Ok(SessionStatus::signed_in(account, remembered, None));
            }
            Err(error) if error.is(ErrorCode::DeviceLocked) => {
                let remembered = load_remembered(state, &backend).await.ok().flatten().is_some();
                return Ok(SessionStatus::locked(remembered));
            }
            Err(error) if ends_session(&error) => *guard = None,
            Err(error) => return Err(error),
        }
    }
    let stored = match load_remembered(state, &backend).await {
        Ok(stored) => stored,
        Err(error) => return Ok(SessionStatus::signed_out(Some(error))),
    };
    let Some(stored) = stored else {
        return Ok(SessionStatus::signed_out(None));
    };
    let grant = match backend.client.refresh(&stored.refresh_token).await {
        Ok(grant) => grant,
        Err(error) => {
            let error = AppError::from(error);
            if error.is(ErrorCode::DeviceLocked) {
                // Kept, locked: its refresh token is what names this device to unlock it.
                *guard = Some(Session::locked(stored.account_id, stored.refresh_token));
                return Ok(SessionStatus::locked(true));
            }
            if ends_session(&error) {
                let keyring_error = forget_session(state, &backend).await.err();
                return Ok(SessionStatus::signed_out(keyring_error));
            }
            return Err(error);
        }
    };
    let mut session = Session::from(grant);
    let keyring_error = remember_session(state, &backend, &session).await.err();
    let account = current_account(state, &backend, &mut session).await?;
    *guard = Some(session);
    Ok(SessionStatus::signed_in(account, keyring_error.is_none(), keyring_error))
}

/// Unlocks this device, marked lost by the account's owner, with the account's current
/// password and, for an account with a second factor, a code of it.
pub async fn unlock(
    state: &AppState,
    password: Secret<String>,
    method: Option<SecondFactorMethod>,
    code: Option<Secret<String>>,
) -> Result<SessionStatus, AppError> {
    let backend = state.backend().await?;
    let mut guard = state.session.lock().await;
    let Some(session) = guard.as_ref() else {
        return Err(AppError::app(LocalCode::NotSignedIn, "sign in first"));
    };
    let request =
        UnlockRequest { refresh_token: session.refresh_token.clone(), password, method, code };
    let grant = backend.client.unlock(&request).await?;
    // Kept at once: the old refresh token is spent, and presenting it again would revoke this.
    let session = guard.insert(Session::from(grant));
    let remembered = load_remembered(state, &backend).await.ok().flatten().is_some();
    let keyring_error =
        if remembered { remember_session(state, &backend, session).await.err() } else { None };
    let account = backend.client.me(&session.access_token).await?;
    Ok(SessionStatus::signed_in(account, remembered && keyring_error.is_none(), keyring_error))
}

/// Runs `call` with the session's access token, renewing the token once when it has expired.
/// A device marked lost is answered `device_locked`, which the UI turns into its lock screen.
pub async fn authorized<T, F, Fut>(state: &AppState, call: F) -> Result<T, AppError>
where
    F: Fn(Arc<Backend>, Secret<String>) -> Fut,
    Fut: Future<Output = Result<T, regain_client::Error>>,
{
    let backend = state.backend().await?;
    let mut guard = state.session.lock().await;
    let Some(session) = guard.as_mut() else {
        return Err(AppError::app(LocalCode::NotSignedIn, "sign in first"));
    };
    match call(backend.clone(), session.access_token.clone()).await {
        Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {}
        other => return other.map_err(Into::into),
    }
    renew(state, &backend, session).await?;
    Ok(call(backend.clone(), session.access_token.clone()).await?)
}

/// The account, its signed-in sessions and recent activity.
pub async fn overview(state: &AppState) -> Result<SecurityOverview, AppError> {
    let backend = state.backend().await?;
    let mut guard = state.session.lock().await;
    let Some(session) = guard.as_mut() else {
        return Err(AppError::app(LocalCode::NotSignedIn, "sign in first"));
    };
    let account = current_account(state, &backend, session).await?;
    let sessions = backend.client.sessions(&session.access_token).await?.sessions;
    let events = backend.client.events(&session.access_token).await?.events;
    Ok(SecurityOverview { account, sessions, events })
}

/// Sets the new password of the recovery in progress. Every session of the account ends at
/// the service, so this app's is forgotten too, keyring included.
pub async fn after_reset(state: &AppState, password: &Secret<String>) -> Result<(), AppError> {
    let backend = state.backend().await?;
    state.recovery.lock().await.set_password(&backend.client, password).await?;
    *state.session.lock().await = None;
    let _ = forget_session(state, &backend).await;
    Ok(())
}

/// The refresh token this device holds of an account, if any (the session in memory, else the
/// one remembered in the keyring): evidence for a recovery's waiting period that this device
/// knew the account. The service counts it only for the flow's own account, and never for a
/// device marked lost.
pub async fn device_token(state: &AppState) -> Option<Secret<String>> {
    if let Some(session) = state.session.lock().await.as_ref() {
        return Some(session.refresh_token.clone());
    }
    let backend = state.backend().await.ok()?;
    load_remembered(state, &backend).await.ok().flatten().map(|stored| stored.refresh_token)
}

/// `GET /v1/me`, refreshing the access token once when it has expired.
async fn current_account(
    state: &AppState,
    backend: &Backend,
    session: &mut Session,
) -> Result<AccountView, AppError> {
    match backend.client.me(&session.access_token).await {
        Ok(account) => return Ok(account),
        Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {}
        Err(error) => return Err(error.into()),
    }
    renew(state, backend, session).await?;
    Ok(backend.client.me(&session.access_token).await?)
}

/// New tokens for an expired access token, kept in the keyring when the session is.
async fn renew(state: &AppState, backend: &Backend, session: &mut Session) -> Result<(), AppError> {
    let grant = backend.client.refresh(&session.refresh_token).await?;
    *session = Session::from(grant);
    if load_remembered(state, backend).await.ok().flatten().is_some() {
        let _ = remember_session(state, backend, session).await;
    }
    Ok(())
}

/// Errors after which the session is over for good.
fn ends_session(error: &AppError) -> bool {
    error.is(ErrorCode::Unauthenticated) || error.is(ErrorCode::InvalidRefreshToken)
}

async fn remember_session(
    state: &AppState,
    backend: &Backend,
    session: &Session,
) -> Result<(), AppError> {
    let vault = state.vault.clone();
    let key = backend.key.clone();
    let stored = StoredSession {
        account_id: session.account_id,
        refresh_token: session.refresh_token.clone(),
    };
    blocking(move || vault.save(&key, &stored)).await?.map_err(keyring_error)
}

async fn load_remembered(
    state: &AppState,
    backend: &Backend,
) -> Result<Option<StoredSession>, AppError> {
    let vault = state.vault.clone();
    let key = backend.key.clone();
    blocking(move || vault.load(&key)).await?.map_err(keyring_error)
}

async fn forget_session(state: &AppState, backend: &Backend) -> Result<(), AppError> {
    let vault = state.vault.clone();
    let key = backend.key.clone();
    blocking(move || vault.clear(&key)).await?.map_err(keyring_error)
}

fn keyring_error(error: VaultError) -> AppError {
    tracing::warn!("keyring: {error}");
    AppError::app(LocalCode::KeyringUnavailable, error.to_string())
}
