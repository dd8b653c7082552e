//! The parts of a desktop session the app's tests start for themselves, each a process stopped
//! by its ID: an X server (Xvfb), a private D-Bus session bus with gnome-keyring's Secret
//! Service on it, and `tauri-driver` for WebDriver. `secret-tool` reads the keyring as any other
//! program on the desktop would.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process killed by its ID when dropped.
#[derive(Debug)]
pub struct Daemon(pub Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits up to 20 s for `ready`.
pub fn wait_until(mut ready: impl FnMut() -> bool, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A session bus and the Secret Service on it, unlocked, with everything under `dir`.
#[derive(Debug)]
pub struct SecretService {
    // Stopped keyring first, then its bus.
    _keyring: Daemon,
    _bus: Daemon,
    /// `DBUS_SESSION_BUS_ADDRESS` for programs that should use it.
    pub address: String,
}

impl SecretService {
    pub fn start(dir: &Path) -> Self {
        let socket = dir.join("bus");
        let address = format!("unix:path={}", socket.display());
        let bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--address", &address])
            .stdout(Stdio::null())
            // Its notes on activating the accessibility bus for each app are noise here.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian's dbus-daemon) is needed; run scripts/setup");
        let bus = Daemon(bus);
        wait_until(|| socket.exists(), "the session bus");
        let runtime = dir.join("runtime");
        let data = dir.join("keyring-data");
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
        let keyring = Daemon(keyring);
        // Ready once it owns its name; asking earlier would have the bus start another one.
        wait_until(
            || {
                Command::new("dbus-send")
                    .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus"])
                    .args(["/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner"])
                    .arg("string:org.freedesktop.secrets")
                    .env("DBUS_SESSION_BUS_ADDRESS", &address)
                    .output()
                    .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
            },
            "the Secret Service",
        );
        Self { _keyring: keyring, _bus: bus, address }
    }

    /// `secret-tool lookup service <service> username <user>`: the stored secret, if any.
    pub fn lookup(&self, service: &str, user: &str) -> Option<String> {
        secret_tool_lookup(&self.address, service, user)
    }
}

/// `secret-tool lookup service <service> username <user>` on the session bus at `address`.
pub fn secret_tool_lookup(address: &str, service: &str, user: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", user])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output()
        .expect("secret-tool (Debian's libsecret-tools) is needed; run scripts/setup");
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// An X server of its own (Xvfb, 24-bit, 1280 × 800), on the first free display.
#[derive(Debug)]
pub struct Xvfb {
    _server: Daemon,
    /// `:N`, for `DISPLAY`.
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Self {
        let mut server = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb (Debian's xvfb) is needed; run scripts/setup");
        let mut line = String::new();
        BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb did not report its display");
        Self { _server: Daemon(server), display: format!(":{number}") }
    }
}
