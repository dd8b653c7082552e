//! The kiosk support station's window through Tauri's mock runtime and IPC layer, with the real
//! context and its capabilities (`capabilities/kiosk.json`), against the embedded service or a
//! separately started one: it may call only a station's commands (a walk-in customer's, and
//! at a staffed station its staff's), ending a session forgets the customer and ends a shift,
//! and a shift and a customer never share state.
//! (`tests/window.rs` drives the real kiosk window: the screen, the idle wipe, the traces.)
#![allow(clippy::unwrap_used)]

mod support;

use regain_e2e::authenticator::Authenticator;
use regain_e2e::{run_cli, Server};
use serde_json::{json, Value};
use support::*;

/// What the capability layer answers for a command the window is not granted.
fn refused_by_the_capability(result: Result<Value, Value>, cmd: &str) {
    let error = result.expect_err(cmd);
    let text = error.to_string();
    assert!(text.contains("not allowed"), "{cmd}: {text}");
}

#[test]
fn a_kiosk_window_may_call_only_the_stations_commands() {
    let app = TestApp::kiosk();
    let status = app.ok("app_status", json!({}));
    assert_eq!(status["kiosk"]["idle_seconds"], 120);
    assert_eq!(status["kiosk"]["countdown_seconds"], 20);
    assert_eq!(status["demo"], Value::Null, "no demo password on a shared screen");
    let kiosk = regain_app_lib::commands::KIOSK_COMMANDS;
    let others: Vec<&str> =
        regain_app_lib::commands::COMMANDS.iter().copied().filter(|c| !kiosk.contains(c)).collect();
    assert!(others.contains(&"sign_in") && others.contains(&"set_backend"), "{others:?}");
    for cmd in others {
        // Refused before its arguments are even read.
        refused_by_the_capability(app.invoke(cmd, json!({})), cmd);
    }

    let personal = TestApp::local();
    for cmd in regain_app_lib::commands::KIOSK_ONLY {
        refused_by_the_capability(personal.invoke(cmd, json!({})), cmd);
    }

    // A walk-in kiosk (no station key placed) is no staffed station.
    assert_eq!(status["kiosk"]["staffed"], false);
    let sign_in = json!({"username": "mira", "password": STAFF_PASSWORD, "totp": "123456"});
    assert_eq!(app.code("staff_sign_in", sign_in), "not_a_station");
    assert_eq!(app.code("staff_queue", json!({})), "not_on_shift");
}

const STAFF_PASSWORD: &str = "harbour lamp nine violet kettles";

/// A staffed station (its `kiosk.toml` holds the key the operator registered) against a
/// separately started service: a shift starts by forgetting whatever a customer left; the
/// shift's token never reaches the UI; "End session" ends the shift at the service too, and
/// a customer's session then finds nothing of it.
#[test]
fn a_staff_shift_shares_nothing_with_a_customer_and_ends_with_the_session() {
    let server = Server::local();
    let data = server.data_dir.path().display().to_string();
    let cli = |args: &[&str], stdin: &str| {
        let mut all = vec!["--local", "--data-dir", &data];
        all.extend_from_slice(args);
        let (ok, out, err) = run_cli(&all, &[], stdin);
        assert!(ok, "{args:?}: {err}");
        out
    };
    let out = cli(&["staff", "add-station", "--name", "desk-1"], "");
    let key = out.lines().find_map(|l| l.strip_prefix("station_key = \"")).unwrap();
    let key = key.trim_end_matches('"').to_owned();
    let out = cli(&["staff", "create", "--username", "mira"], STAFF_PASSWORD);
    let authenticator = Authenticator::from_text(
        out.lines().find_map(|l| l.strip_prefix("or type this key: ")).unwrap(),
    );
    let app = TestApp::kiosk_with(&regain_app_lib::station::KioskSettings {
        backend_url: Some(server.base.clone()),
        station_key: Some(regain_protocol::Secret::new(key)),
        ..Default::default()
    });
    assert_eq!(app.ok("app_status", json!({}))["kiosk"]["staffed"], true);

    // A customer left a solved check and a language.
    app.solve_captcha();
    app.ok("set_language", json!({"language": "es"}));
    assert_eq!(app.ok("app_status", json!({}))["language"], "es");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let code = authenticator.code(i64::try_from(now.as_secs()).unwrap());
    let shift = app
        .ok("staff_sign_in", json!({"username": "mira", "password": STAFF_PASSWORD, "totp": code}));
    assert_eq!(shift["username"], "mira");
    assert_eq!(shift["station"], "desk-1");
    assert_eq!(shift["role"], "agent");
    let shown = shift.to_string();
    assert!(!shown.contains("rgt_") && !shown.contains("rgs_"), "no token or key shown: {shown}");
    let state = app.state();
    assert!(
        !tauri::async_runtime::block_on(state.recovery.lock()).has_captcha(),
        "the customer's solved check is gone"
    );
    assert_eq!(app.ok("app_status", json!({}))["language"], Value::Null, "and their language");
    // Nor does a customer's command run beside the shift, whatever the screens do.
    for (cmd, args) in [
        ("solve_captcha", json!({"onProgress": "__CHANNEL__:7"})),
        ("use_recovery_pass", json!({"pass": "rgp_abc"})),
        ("set_new_password", json!({"password": "quiet heron builds copper kites"})),
    ] {
        assert_eq!(app.code(cmd, args), "staff_on_shift", "{cmd}");
    }
    assert_eq!(app.ok("staff_queue", json!({}))["requests"], json!([]));
    assert_eq!(app.ok("staff_shift", json!({}))["username"], "mira");
    let token = tauri::async_runtime::block_on(state.staff.lock()).as_ref().unwrap().token.clone();

    app.ok("end_session", json!({}));
    assert_eq!(app.ok("staff_shift", json!({})), Value::Null, "the shift is forgotten");
    assert_eq!(app.code("staff_queue", json!({})), "not_on_shift");
    assert_eq!(app.ok("app_status", json!({}))["language"], Value::Null);
    let client = regain_client::Client::new(&server.base).unwrap();
    let ended = tauri::async_runtime::block_on(client.staff_queue(&token));
    assert!(
        matches!(ended, Err(regain_client::Error::Api { status: 401, .. })),
        "the shift's token no longer works at the service: {ended:?}"
    );
}

#[test]
fn ending_a_session_forgets_the_customer_their_request_and_their_messages() {
    const REACH: &str = "walk.in@example.org";
    let app = TestApp::kiosk();
    app.ok("set_language", json!({"language": "es"}));
    let flow = app.start(DEMO_EMAIL);
    assert_eq!(flow["state"], "choose_method");
    app.ok("choose_method", json!({"method": "sms"}));
    assert_eq!(app.ok("current_recovery", json!({}))["state"], "enter_code");
    assert_eq!(app.ok("app_status", json!({}))["language"], "es");
    app.solve_captcha();
    let form = json!({
        "identifier": DEMO_EMAIL, "region": null, "contact_channel": "email", "contact": REACH,
        "description": "Lost my phone.", "device": "490154203237518", "locale": "es", "proofs": [],
    });
    app.ok("file_support_request", json!({"form": form}));
    assert_eq!(app.ok("support_status", json!({}))["state"], "awaiting_contact");
    app.message_to(REACH);
    app.message_to(DEMO_PHONE);

    app.ok("end_session", json!({}));
    assert_eq!(app.ok("current_recovery", json!({})), Value::Null, "the recovery is gone");
    assert_eq!(app.code("verify_code", json!({"code": "123456"})), "no_recovery");
    assert_eq!(app.ok("support_status", json!({})), Value::Null, "so is the ticket");
    assert_eq!(app.ok("app_status", json!({}))["language"], Value::Null, "and the language");
    let inbox = app.ok("dev_inbox", json!({}));
    assert_eq!(inbox["messages"], json!([]), "the next customer sees none of the last one's codes");

    // The next customer's messages do show.
    app.start(DEMO_EMAIL);
    app.ok("choose_method", json!({"method": "sms"}));
    app.message_to(DEMO_PHONE);

    // Its data directory is a temporary one holding only the demo service's database, which
    // is the service's (a real station talks to the organisation's). What the webview keeps
    // on disk is searched by the window tests: the mock runtime has no webview.
    let state = app.state();
    let data_dir = state.data_dir.clone();
    assert!(data_dir.starts_with(std::env::temp_dir()), "{}", data_dir.display());
    let kept: Vec<String> = std::fs::read_dir(&data_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, ["local"], "only the demo service's folder");
}
