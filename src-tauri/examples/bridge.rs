//! Test-only: the app's commands served over loopback HTTP, so that the browser tests can run
//! the built UI in Chromium against the same Rust command code as the app, with the real
//! recovery service behind it (local mode, or `REGAIN_BACKEND_URL`).
//!
//! Each command goes through Tauri's IPC layer in its mock runtime, with the app's real context
//! and capabilities, exactly as in `tests/commands.rs`. The browser side is a small shim that
//! replaces `window.__TAURI_INTERNALS__.invoke` with a `fetch` to this bridge
//! (`ui/e2e/bridge.ts`). Never part of the app: an example, built by `cargo test`.
//!
//! ```text
//! cargo run -p regain-app --example bridge -- [--port 0] [--dist ui/dist]
//! POST /__bridge/invoke/{command}   the command's JSON arguments → {"ok": …} or {"err": …}
//! POST /__bridge/reset              a fresh app: new data directory, demo account, no session
//! POST /__bridge/reset?station=staffed  a fresh staffed kiosk, against a service of its own
//!                                   with the demo account, a member of staff and the station
//! GET  /__bridge/service            {"base_url": …} of the recovery service the app talks to
//! GET  /__bridge/staff              {"username", "password", "totp_secret"} at a staffed kiosk
//! GET  /…                           the built UI, under the app's content security policy
//! ```
#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use support::TestApp;
use tauri::test::MockRuntime;
use tauri::{Manager as _, WebviewWindow};

struct Bridge {
    /// The current app's window: commands run on the blocking pool through it.
    window: RwLock<WebviewWindow<MockRuntime>>,
    /// Asks the owner thread for a fresh app, which answers with its window.
    fresh: std::sync::Mutex<mpsc::Sender<Fresh>>,
    /// At a staffed kiosk, its member of staff's sign-in.
    staff: RwLock<Option<Value>>,
    dist: PathBuf,
    csp: HeaderValue,
}

type Shared = Arc<Bridge>;

/// A request for a fresh app: which kind, and where to answer with its window (and, at a
/// staffed kiosk, its member of staff's sign-in).
struct Fresh {
    staffed: bool,
    reply: mpsc::Sender<anyhow::Result<(WebviewWindow<MockRuntime>, Option<Value>)>>,
}

/// A member of staff's own password at the bridge's staffed kiosk.
const STAFF_PASSWORD: &str = "harbour lamp nine violet kettles";

fn main() -> anyhow::Result<()> {
    let mut port = 0u16;
    let mut dist = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/dist"));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(value)) => port = value.parse()?,
            ("--dist", Some(value)) => dist = value.into(),
            _ => anyhow::bail!("usage: bridge [--port N] [--dist DIR]"),
        }
    }
    anyhow::ensure!(dist.join("index.html").is_file(), "no built UI in {}", dist.display());

    // One runtime for the server, the commands and the embedded service.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    tauri::async_runtime::set(runtime.handle().clone());
    runtime.block_on(async move {
        let fresh = owner(tauri::async_runtime::handle());
        let (window, _) = new_window(&fresh, false).await?;
        let bridge = Arc::new(Bridge {
            window: RwLock::new(window),
            fresh: std::sync::Mutex::new(fresh),
            staff: RwLock::new(None),
            dist,
            csp: csp()?,
        });
        let router = Router::new()
            .route("/__bridge/invoke/{command}", post(invoke))
            .route("/__bridge/reset", post(reset))
            .route("/__bridge/service", get(service))
            .route("/__bridge/staff", get(staff))
            .fallback(get(static_file))
            .with_state(bridge);
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        println!("bridge: listening on http://{}", listener.local_addr()?);
        axum::serve(listener, router).await?;
        Ok(())
    })
}

/// The thread that owns the app (Tauri's `App` stays on one thread): on each request it starts
/// a fresh one in a new data directory, answers with its window, then drops the old one, which
/// stops its embedded service (or its staffed kiosk's service) and removes its data.
fn owner(runtime: tauri::async_runtime::RuntimeHandle) -> mpsc::Sender<Fresh> {
    let (requests, incoming) = mpsc::channel::<Fresh>();
    std::thread::spawn(move || {
        let _entered = runtime.inner().enter();
        let mut current: Option<(TestApp, Option<StaffedService>)> = None;
        for Fresh { staffed, reply } in incoming {
            if !staffed {
                let app = TestApp::local();
                let _ = reply.send(Ok((app.window(), None)));
                current = Some((app, None));
                continue;
            }
            match tauri::async_runtime::block_on(StaffedService::start()) {
                Ok(service) => {
                    let app = TestApp::kiosk_with(&regain_app_lib::station::KioskSettings {
                        backend_url: Some(service.base_url.clone()),
                        station_key: Some(service.station_key.clone()),
                        idle_seconds: 3600,
                        ..Default::default()
                    });
                    let staff = json!({
                        "username": "mira",
                        "password": STAFF_PASSWORD,
                        "totp_secret": service.totp_secret,
                    });
                    let _ = reply.send(Ok((app.window(), Some(staff))));
                    current = Some((app, Some(service)));
                }
                Err(error) => {
                    let _ = reply.send(Err(error));
                }
            }
        }
        drop(current);
    });
    requests
}

/// A staffed kiosk's own recovery service, in this process: local mode (the demo account, the
/// capture courier), a member of staff, and the station registered. Stops when dropped.
struct StaffedService {
    base_url: String,
    station_key: regain_protocol::Secret<String>,
    totp_secret: String,
    _stop: tokio::sync::oneshot::Sender<()>,
    _dir: tempfile::TempDir,
}

impl StaffedService {
    async fn start() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let mut config = regain_server::config::Config::default();
        config.server.listen = address;
        config.server.data_dir = dir.path().to_path_buf();
        config.server.public_origin = format!("http://{address}");
        let service = regain_server::app::build(&config, true).await?;
        regain_server::local::seed_demo(&service.state.accounts).await?;
        let staff = &service.state.staff;
        let password = regain_protocol::Secret::new(STAFF_PASSWORD.to_owned());
        let member = staff
            .create("mira", regain_protocol::StaffRole::Agent, &password)
            .await
            .map_err(|e| anyhow::anyhow!("creating the member of staff: {e}"))?;
        let station = staff
            .register_station("tour-desk-1")
            .await
            .map_err(|e| anyhow::anyhow!("registering the station: {e}"))?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(regain_server::app::serve(service, listener, async {
            let _ = stopped.await;
        }));
        Ok(Self {
            base_url: format!("http://{address}"),
            station_key: station.key,
            totp_secret: member.totp_secret.expose().to_owned(),
            _stop: stop,
            _dir: dir,
        })
    }
}

async fn new_window(
    fresh: &mpsc::Sender<Fresh>,
    staffed: bool,
) -> anyhow::Result<(WebviewWindow<MockRuntime>, Option<Value>)> {
    let (reply, answer) = mpsc::channel();
    fresh.send(Fresh { staffed, reply })?;
    tokio::task::spawn_blocking(move || answer.recv()).await??
}

/// The app's own policy from `tauri.conf.json`, with the IPC origins replaced by this one.
fn csp() -> anyhow::Result<HeaderValue> {
    let config: Value = serde_json::from_str(include_str!("../../tauri.conf.json"))?;
    let csp = config["app"]["security"]["csp"].as_str().unwrap_or_default();
    Ok(HeaderValue::from_str(
        &csp.replace("connect-src ipc: http://ipc.localhost", "connect-src 'self'"),
    )?)
}

async fn invoke(
    State(bridge): State<Shared>,
    UrlPath(command): UrlPath<String>,
    Json(args): Json<Value>,
) -> Json<Value> {
    let window = bridge.window.read().unwrap().clone();
    let answer =
        tokio::task::spawn_blocking(move || support::invoke(&window, &command, args)).await;
    Json(match answer {
        Ok(Ok(value)) => json!({ "ok": value }),
        Ok(Err(error)) => json!({ "err": error }),
        Err(panicked) => {
            json!({ "err": { "code": "bridge_failed", "message": panicked.to_string() } })
        }
    })
}

#[derive(serde::Deserialize)]
struct ResetQuery {
    station: Option<String>,
}

async fn reset(State(bridge): State<Shared>, Query(query): Query<ResetQuery>) -> StatusCode {
    let fresh = bridge.fresh.lock().unwrap().clone();
    let staffed = query.station.as_deref() == Some("staffed");
    match new_window(&fresh, staffed).await {
        Ok((window, staff)) => {
            *bridge.window.write().unwrap() = window;
            *bridge.staff.write().unwrap() = staff;
            StatusCode::NO_CONTENT
        }
        Err(error) => {
            eprintln!("bridge: no fresh app: {error:#}");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// The staffed kiosk's member of staff: what they would type to sign in, and their
/// authenticator's key (the test computes the code as their app would).
async fn staff(State(bridge): State<Shared>) -> Response {
    match bridge.staff.read().unwrap().clone() {
        Some(staff) => Json(staff).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Where the current app's recovery service listens, for tests that arrange an account
/// through its API (what another device of the person's would do).
async fn service(State(bridge): State<Shared>) -> Response {
    let window = bridge.window.read().unwrap().clone();
    let state = window.state::<regain_app_lib::AppState>();
    match state.backend().await {
        Ok(backend) => {
            Json(json!({ "base_url": backend.client.base_url().to_string() })).into_response()
        }
        Err(error) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "err": error }))).into_response()
        }
    }
}

async fn static_file(State(bridge): State<Shared>, uri: axum::http::Uri) -> Response {
    let relative = uri.path().trim_start_matches('/');
    let relative = if relative.is_empty() { "index.html" } else { relative };
    let inside = Path::new(relative).components().all(|c| matches!(c, Component::Normal(_)));
    let path = bridge.dist.join(relative);
    let Ok(bytes) = (if inside {
        tokio::fs::read(&path).await
    } else {
        Err(std::io::ErrorKind::NotFound.into())
    }) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (header::CONTENT_SECURITY_POLICY, bridge.csp.clone()),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}
