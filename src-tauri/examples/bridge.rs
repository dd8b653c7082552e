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
//! GET  /__bridge/service            {"base_url": …} of the recovery service the app talks to
//! GET  /…                           the built UI, under the app's content security policy
//! ```
#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

use axum::extract::{Path as UrlPath, State};
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
    fresh: std::sync::Mutex<mpsc::Sender<mpsc::Sender<WebviewWindow<MockRuntime>>>>,
    dist: PathBuf,
    csp: HeaderValue,
}

type Shared = Arc<Bridge>;

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
        let window = new_window(&fresh).await?;
        let bridge = Arc::new(Bridge {
            window: RwLock::new(window),
            fresh: std::sync::Mutex::new(fresh),
            dist,
            csp: csp()?,
        });
        let router = Router::new()
            .route("/__bridge/invoke/{command}", post(invoke))
            .route("/__bridge/reset", post(reset))
            .route("/__bridge/service", get(service))
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
/// stops its embedded service and removes its data.
fn owner(
    runtime: tauri::async_runtime::RuntimeHandle,
) -> mpsc::Sender<mpsc::Sender<WebviewWindow<MockRuntime>>> {
    let (requests, incoming) = mpsc::channel::<mpsc::Sender<WebviewWindow<MockRuntime>>>();
    std::thread::spawn(move || {
        let _entered = runtime.inner().enter();
        let mut current: Option<TestApp> = None;
        for reply in incoming {
            let app = TestApp::local();
            let _ = reply.send(app.window());
            current = Some(app);
        }
        drop(current);
    });
    requests
}

async fn new_window(
    fresh: &mpsc::Sender<mpsc::Sender<WebviewWindow<MockRuntime>>>,
) -> anyhow::Result<WebviewWindow<MockRuntime>> {
    let (reply, answer) = mpsc::channel();
    fresh.send(reply)?;
    Ok(tokio::task::spawn_blocking(move || answer.recv()).await??)
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

async fn reset(State(bridge): State<Shared>) -> StatusCode {
    let fresh = bridge.fresh.lock().unwrap().clone();
    match new_window(&fresh).await {
        Ok(window) => {
            *bridge.window.write().unwrap() = window;
            StatusCode::NO_CONTENT
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
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
