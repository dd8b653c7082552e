//! Regain's app: Tauri commands that run the recovery protocol against the recovery service,
//! the session kept in the OS keyring, and local mode (the service embedded in-process with
//! its demo account) when no service is configured.
//!
//! Owns: the commands ([`commands`]), their error type ([`error`]), the vault ([`vault`]),
//! the app's state and backends ([`state`]), and which station it runs as ([`station`]): a
//! person's own device, or a kiosk support station with one full-screen window that keeps
//! nothing. The protocol is the client crate's; the screens
//! are the web UI's (`ui/`), which calls only the generated bindings.

pub mod account;
pub mod commands;
pub mod error;
pub mod security_centre;
pub mod state;
pub mod station;
pub mod vault;
pub mod waiting;

use std::sync::Arc;

use tauri::{Emitter as _, Manager as _, Runtime, WebviewUrl, WebviewWindowBuilder};

pub use state::AppState;
use station::{Station, KIOSK_WINDOW};

/// The event the UI hears when an emailed recovery link opened the app; it then asks for
/// `current_recovery`.
pub const RECOVERY_LINK_EVENT: &str = "recovery-link";

/// Every command, for the invoke handler and for the TypeScript bindings.
pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    use commands::*;
    tauri_specta::Builder::<R>::new().commands(tauri_specta::collect_commands![
        settings::app_status,
        settings::set_backend,
        settings::set_language,
        recovery::solve_captcha,
        recovery::start_recovery,
        recovery::choose_method,
        recovery::resend_code,
        recovery::current_recovery,
        recovery::verify_code,
        recovery::answer_questions,
        recovery::open_recovery_link,
        recovery::set_new_password,
        recovery::cancel_recovery,
        recovery::normalize_code,
        recovery::confirm_vouches,
        recovery::finish_waiting,
        support::file_support_request,
        support::confirm_support_contact,
        support::support_status,
        password::evaluate_password,
        session::sign_in,
        session::finish_sign_in,
        session::sign_out,
        session::session_status,
        session::security_overview,
        security::security_checkup,
        security::change_password,
        security::set_security_questions,
        security::save_recovery_codes,
        security::begin_totp,
        security::confirm_totp,
        security::regenerate_recovery_codes,
        security::remove_second_factor,
        security::reauthenticate,
        security::add_contact,
        security::confirm_contact,
        security::resend_contact_code,
        security::remove_contact,
        security::cancel_contact_change,
        security::sign_out_device,
        security::mark_device_lost,
        security::unlock_device,
        circle::recovery_contacts,
        circle::invite_recovery_contact,
        circle::remove_recovery_contact,
        circle::set_vouch_threshold,
        circle::answer_vouching,
        circle::vouch,
        circle::decline_vouch,
        dev::dev_inbox,
        kiosk::end_session,
        recovery::use_recovery_pass,
        staff::staff_sign_in,
        staff::staff_shift,
        staff::staff_queue,
        staff::staff_open_request,
        staff::staff_proof,
        staff::staff_decide,
        staff::staff_second_review,
        staff::staff_waiting,
        staff::staff_seen_in_person,
    ])
}

/// Why the TypeScript bindings could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum BindingsError {
    #[error("exporting the bindings: {0}")]
    Export(#[from] specta_typescript::Error),
    #[error("writing or reading the bindings file: {0}")]
    Io(#[from] std::io::Error),
}

/// The TypeScript bindings as they are generated now (`ui/src/lib/bindings.ts` holds them).
pub fn typescript_bindings() -> Result<String, BindingsError> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bindings.ts");
    specta_builder::<tauri::Wry>().export(
        specta_typescript::Typescript::default().header(
            "// Generated from the Rust commands by tauri-specta: do not edit.\n// Regenerate: REGAIN_WRITE_BINDINGS=1 cargo test -p regain-app --test bindings\n",
        ),
        &path,
    )?;
    Ok(std::fs::read_to_string(&path)?)
}

/// The app's context (config, bundled UI, capabilities) from the root `tauri.conf.json`.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Logs to stderr; `REGAIN_LOG` sets the filter (default `info`). Commands log their names and
/// outcomes only: no argument of theirs carries into a log.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("REGAIN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    init_logging();
    let commands = specta_builder::<tauri::Wry>();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_deep_link::init())
        .invoke_handler(commands.invoke_handler())
        .setup(|app| {
            let paths = app.path();
            let station = Station::choose(std::env::args(), &paths.app_config_dir()?)?;
            let state = match station.kiosk() {
                None => {
                    let mut state = AppState::new(
                        paths.app_data_dir()?,
                        &paths.app_config_dir()?,
                        Arc::new(vault::Keyring::new()),
                    );
                    state.downloads = paths.download_dir().ok();
                    state
                }
                Some(settings) => AppState::kiosk(settings)?,
            };
            app.manage(state);
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<AppState>().connect().await;
            });
            match station {
                Station::Personal => {
                    let config = app.config().app.windows.first().ok_or("no window configured")?;
                    WebviewWindowBuilder::from_config(app.handle(), config)?.build()?;
                    deep_links(app)?;
                }
                Station::Kiosk(_) => {
                    let webview_data = app.state::<AppState>().data_dir.join("webview");
                    kiosk_window(app, webview_data)?;
                    let handle = app.handle().clone();
                    app.state::<AppState>().screen.set(move || {
                        let window = handle
                            .get_webview_window(KIOSK_WINDOW)
                            .ok_or(tauri::Error::WebviewNotFound)?;
                        window.clear_all_browsing_data().and_then(|()| window.reload())
                    });
                    tracing::info!("started as a kiosk support station");
                }
            }
            Ok(())
        })
        .build(context())
        .unwrap_or_else(|error| {
            tracing::error!("the app could not start: {error}");
            std::process::exit(1);
        });
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            handle.state::<AppState>().shutdown();
        }
    });
}

/// A kiosk's one window: full screen, no decorations, no close button, and a close request
/// (Alt+F4, the window manager) refused; its webview's storage in `webview_data`, in the
/// station's temporary directory (cleared at the end of every session, removed at exit or, after
/// a crash, at the next start), and
/// without devtools, the webview's clipboard access (off unless asked for) or downloads. (Not WebKit's ephemeral mode: a webview in
/// it cannot be driven by WebDriver, so the window tests could not prove what ships.) Only
/// `capabilities/kiosk.json` applies to it. Locking the machine itself down (no other app, no
/// task switcher) is the operating system's part: see the README's "Running a support station".
fn kiosk_window(app: &tauri::App, webview_data: std::path::PathBuf) -> tauri::Result<()> {
    let mut builder = WebviewWindowBuilder::new(app, KIOSK_WINDOW, WebviewUrl::default());
    // Sized to the whole screen as well: a kiosk session often runs no window manager, and
    // without one, nothing honours a request for full screen.
    if let Some(monitor) = app.primary_monitor()? {
        let size = monitor.size().to_logical::<f64>(monitor.scale_factor());
        let origin = monitor.position().to_logical::<f64>(monitor.scale_factor());
        builder = builder.inner_size(size.width, size.height).position(origin.x, origin.y);
    }
    let window = builder
        .title("Regain")
        .fullscreen(true)
        .decorations(false)
        .closable(false)
        .minimizable(false)
        .resizable(false)
        .data_directory(webview_data)
        .devtools(false)
        .on_download(|_, _| false)
        .build()?;
    window.on_window_event(|event| {
        if let tauri::WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
        }
    });
    Ok(())
}

/// `regain://recover?flow=…&token=…` from the emailed link: proves the flow and tells the UI.
fn deep_links(app: &mut tauri::App) -> tauri::Result<()> {
    use tauri_plugin_deep_link::DeepLinkExt as _;
    #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
    if let Err(error) = app.deep_link().register_all() {
        tracing::warn!("the regain:// scheme could not be registered: {error}");
    }
    let open = |handle: tauri::AppHandle, urls: Vec<String>| {
        tauri::async_runtime::spawn(async move {
            for url in urls {
                let state = handle.state::<AppState>();
                if let Err(error) =
                    commands::recovery::open_link(&state, &regain_protocol::Secret::new(url)).await
                {
                    tracing::info!(code = ?error.code, "a recovery link was refused");
                }
                let _ = handle.emit(RECOVERY_LINK_EVENT, ());
            }
        });
    };
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        open(app.handle().clone(), urls.into_iter().map(String::from).collect());
    }
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        open(handle.clone(), event.urls().into_iter().map(String::from).collect());
    });
    Ok(())
}
