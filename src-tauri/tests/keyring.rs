//! The session in a real OS keyring: a private D-Bus session bus and gnome-keyring-daemon's
//! Secret Service, started by this test and stopped by process ID. `secret-tool` (libsecret)
//! reads what the app stored, as any other program on the desktop would.
//!
//! One test function: the keyring's address is process-wide (`DBUS_SESSION_BUS_ADDRESS`), so
//! the "no keyring" case and the real one run in order, in this binary of their own.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;

use regain_app_lib::vault::{self, CredentialStore, Keyring, StoredSession};
use regain_e2e::desktop::{wait_until, SecretService};
use regain_protocol::Secret;
use serde_json::json;
use support::*;

/// `secret-tool lookup service app.regain.desktop username session:local`.
fn secret_tool_lookup(keyring: &SecretService) -> Option<String> {
    keyring.lookup(vault::SERVICE, &vault::user("local"))
}

#[test]
fn the_session_lives_in_the_os_keyring_and_only_there() {
    let dir = tempfile::tempdir().unwrap();

    // No Secret Service: a clear `keyring_unavailable`, and signing in still works.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", dir.path().join("none").display()),
    );
    let error = Keyring::new().load("local").unwrap_err();
    assert!(matches!(error, vault::VaultError::Unavailable(_)), "{error:?}");
    let app = TestApp::with_vault(Arc::new(Keyring::new()));
    let signed_in = app.sign_in(DEMO_PASSWORD, true).unwrap();
    assert_eq!(signed_in["account"]["display_name"], "Alex Demo");
    assert_eq!(signed_in["remembered"], false);
    assert_eq!(signed_in["keyring_error"]["code"], "keyring_unavailable");
    app.ok("sign_out", json!({}));
    drop(app);

    // A real Secret Service.
    let keyring = SecretService::start(dir.path());
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    let probe = Keyring::new();
    wait_until(|| probe.load("probe").is_ok(), "the Secret Service");

    let stored = StoredSession { account_id: 1, refresh_token: Secret::new("probe-token".into()) };
    probe.save("probe", &stored).unwrap();
    assert_eq!(probe.load("probe").unwrap(), Some(stored));
    probe.clear("probe").unwrap();
    assert_eq!(probe.load("probe").unwrap(), None);

    let app = TestApp::with_vault(Arc::new(Keyring::new()));
    let signed_in = app.sign_in(DEMO_PASSWORD, true).unwrap();
    assert_eq!(signed_in["remembered"], true, "{signed_in}");
    let entry = secret_tool_lookup(&keyring).expect("the session is in the keyring");
    assert!(entry.contains("refresh_token"), "{entry}");
    assert!(!entry.contains(DEMO_PASSWORD), "the password is never stored");

    // A new launch (new state, same keyring) restores the session from it.
    let vault: Arc<dyn CredentialStore> = Arc::new(Keyring::new());
    let stored = vault.load("local").unwrap().unwrap();
    let relaunched = TestApp::with_vault(vault);
    // The relaunched app has its own embedded service (another data directory), which does not
    // know this token: the remembered session is refused and forgotten, not kept.
    let status = relaunched.ok("session_status", json!({}));
    assert_eq!(status["account"], serde_json::Value::Null);
    assert!(secret_tool_lookup(&keyring).is_none(), "a refused session is removed");
    // Put it back for the first app, which signs out and removes it again.
    Keyring::new().save("local", &stored).unwrap();
    let status = app.ok("session_status", json!({}));
    assert_eq!(status["remembered"], true);
    app.ok("sign_out", json!({}));
    assert!(secret_tool_lookup(&keyring).is_none(), "sign-out removes the entry");
}
