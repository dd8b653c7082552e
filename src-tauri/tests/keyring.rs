//! The session in a real OS keyring: a private D-Bus session bus and gnome-keyring-daemon's
//! Secret Service, started by this test and stopped by process ID. `secret-tool` (libsecret)
//! reads what the app stored, as any other program on the desktop would.
//!
//! One test function: the keyring's address is process-wide (`DBUS_SESSION_BUS_ADDRESS`), so
//! the "no keyring" case and the real one run in order, in this binary of their own.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use regain_app_lib::vault::{self, CredentialStore, Keyring, StoredSession};
use regain_protocol::Secret;
use serde_json::json;
use support::*;

/// A process killed by its ID when dropped.
struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A session bus on a socket in `dir`, and the Secret Service on it, unlocked.
fn start_secret_service(dir: &Path) -> (Daemon, Daemon, String) {
    let socket = dir.join("bus");
    let address = format!("unix:path={}", socket.display());
    let bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--nopidfile", "--address", &address])
        .stdout(Stdio::null())
        .spawn()
        .expect("dbus-daemon (Debian's dbus-daemon) is needed; run scripts/setup");
    let bus = Daemon(bus);
    wait_until(|| socket.exists(), "the session bus");
    let runtime = dir.join("runtime");
    let data = dir.join("data");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let mut keyring = Command::new("gnome-keyring-daemon")
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_DATA_HOME", &data)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gnome-keyring-daemon (Debian's gnome-keyring) is needed; run scripts/setup");
    // The password of the new login keyring, on stdin.
    keyring.stdin.take().unwrap().write_all(b"test-keyring-password").unwrap();
    (bus, Daemon(keyring), address)
}

fn wait_until(mut ready: impl FnMut() -> bool, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `secret-tool lookup service app.regain.desktop username session:local`.
fn secret_tool_lookup(address: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", vault::SERVICE, "username", &vault::user("local")])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output()
        .expect("secret-tool (Debian's libsecret-tools) is needed; run scripts/setup");
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
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
    let (_bus, _keyring, address) = start_secret_service(dir.path());
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
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
    let entry = secret_tool_lookup(&address).expect("the session is in the keyring");
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
    assert!(secret_tool_lookup(&address).is_none(), "a refused session is removed");
    // Put it back for the first app, which signs out and removes it again.
    Keyring::new().save("local", &stored).unwrap();
    let status = app.ok("session_status", json!({}));
    assert_eq!(status["remembered"], true);
    app.ok("sign_out", json!({}));
    assert!(secret_tool_lookup(&address).is_none(), "sign-out removes the entry");
}
