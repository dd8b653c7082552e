//! The app under Tauri's mock runtime, driven exactly as the web UI invokes it: through the
//! IPC layer, with the real context and its capabilities, against the real recovery service.
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::Arc;

use regain_app_lib::vault::{CredentialStore, Memory};
use regain_app_lib::{specta_builder, AppState};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

pub const DEMO_EMAIL: &str = "demo@example.com";
pub const DEMO_PHONE: &str = "+12015550123";
pub const DEMO_PASSWORD: &str = "maple otter lantern 47";
pub const NEW_PASSWORD: &str = "quiet heron builds copper kites";

pub struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    pub vault: Arc<dyn CredentialStore>,
    _dirs: tempfile::TempDir,
}

impl TestApp {
    /// The app in local mode: the embedded service in a fresh data directory.
    pub fn local() -> Self {
        Self::with_vault(Arc::new(Memory::default()))
    }

    /// Local mode with sessions remembered in `vault`.
    pub fn with_vault(vault: Arc<dyn CredentialStore>) -> Self {
        let dirs = tempfile::tempdir().unwrap();
        let state =
            AppState::new(dirs.path().join("data"), &dirs.path().join("config"), vault.clone());
        Self::with_state(state, "main", dirs)
    }

    /// The app with `state`, connected, in a window labelled `label` (whose capability applies).
    fn with_state(state: AppState, label: &str, dirs: tempfile::TempDir) -> Self {
        let vault = state.vault.clone();
        tauri::async_runtime::block_on(state.connect());
        let app = mock_builder()
            .invoke_handler(specta_builder::<MockRuntime>().invoke_handler())
            .manage(state)
            .build(regain_app_lib::context())
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, label, Default::default()).build().unwrap();
        Self { _app: app, window, vault, _dirs: dirs }
    }

    /// The app as a kiosk support station (default settings), in its kiosk window, with the
    /// embedded demo service.
    pub fn kiosk() -> Self {
        Self::kiosk_with(&regain_app_lib::station::KioskSettings::default())
    }

    /// The app as a kiosk support station with `settings` (a staffed one, another service).
    pub fn kiosk_with(settings: &regain_app_lib::station::KioskSettings) -> Self {
        let state = AppState::kiosk(settings).unwrap();
        let label = regain_app_lib::station::KIOSK_WINDOW;
        Self::with_state(state, label, tempfile::tempdir().unwrap())
    }

    /// The same app closed and opened again: its data directory and keyring kept.
    pub fn restarted(self) -> Self {
        let Self { _app: app, window, vault, _dirs: dirs } = self;
        drop(window);
        drop(app);
        let state = AppState::new(dirs.path().join("data"), &dirs.path().join("config"), vault);
        Self::with_state(state, "main", dirs)
    }

    /// The app's state.
    pub fn state(&self) -> tauri::State<'_, AppState> {
        use tauri::Manager as _;
        self.window.state::<AppState>()
    }

    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    /// The app's window, for invoking from another thread (the app itself stays on this one).
    pub fn window(&self) -> WebviewWindow<MockRuntime> {
        self.window.clone()
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// The stable code of a command's error.
    pub fn code(&self, cmd: &str, args: Value) -> String {
        let error = self.invoke(cmd, args).expect_err(cmd);
        assert!(error["message"].is_string(), "{error}");
        error["code"].as_str().unwrap().to_owned()
    }

    pub fn solve_captcha(&self) {
        // The channel the UI passes; the mock webview drops its messages.
        self.ok("solve_captcha", json!({"onProgress": "__CHANNEL__:7"}));
    }

    pub fn start(&self, identifier: &str) -> Value {
        self.solve_captcha();
        self.ok("start_recovery", json!({"identifier": identifier, "region": null}))
    }

    /// The newest message of the dev inbox to `to`.
    pub fn message_to(&self, to: &str) -> Value {
        for _ in 0..100 {
            let inbox = self.ok("dev_inbox", json!({}));
            let found =
                inbox["messages"].as_array().unwrap().iter().find(|m| m["to"] == to).cloned();
            if let Some(message) = found {
                return message;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("no message to {to}");
    }

    pub fn sign_in(&self, password: &str, remember: bool) -> Result<Value, Value> {
        self.invoke(
            "sign_in",
            json!({"identifier": DEMO_EMAIL, "password": password, "region": null, "remember": remember}),
        )
    }
}

/// `cmd` invoked in `window` through Tauri's IPC layer, as the web UI invokes it.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}
