//! The harness of Regain's end-to-end tests: starts the real `regain-server` binary, a real
//! SMTP server (aiosmtpd, from Debian's `python3-aiosmtpd`) and a recording SMS gateway, all on
//! loopback, and stops each by its process ID when the test ends; and a PostgreSQL server
//! (Debian's `postgresql`) on a Unix socket, one per test binary, stopped by its process ID
//! when the binary ends ([`postgres`]).
//!
//! The binary is the one `cargo test --workspace` builds next to this test executable;
//! `REGAIN_SERVER_BIN` may name another. Owns no product code; other crates use it only in their tests.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

pub mod authenticator;
pub mod desktop;
pub mod faults;
pub mod postgres;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use serde_json::Value;

/// The `regain-server` binary built by this workspace.
pub fn server_binary() -> PathBuf {
    workspace_binary("regain-server", "REGAIN_SERVER_BIN")
}

/// The `regain` terminal client built by this workspace.
pub fn client_binary() -> PathBuf {
    workspace_binary("regain", "REGAIN_CLIENT_BIN")
}

/// The app (`regain-app`, with its bundled UI) built by this workspace; `REGAIN_APP_BIN` may
/// name another, such as a release build.
pub fn app_binary() -> PathBuf {
    workspace_binary("regain-app", "REGAIN_APP_BIN")
}

/// A binary that `cargo test --workspace` builds next to this test executable, unless the
/// environment variable `env` names another.
fn workspace_binary(name: &str, env: &str) -> PathBuf {
    if let Ok(path) = std::env::var(env) {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/<test> → target/<profile>/<name>
    let path = exe.parent().unwrap().parent().unwrap().join(name);
    assert!(
        path.exists(),
        "{} is missing: run the tests with `cargo test --workspace`",
        path.display()
    );
    path
}

/// A running `regain-server serve`, killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    pub base: String,
    pub data_dir: tempfile::TempDir,
    log: PathBuf,
    /// The command line and environment it was started with, for a restart.
    args: Vec<String>,
    env: Vec<(String, String)>,
}

impl Server {
    /// `serve --local` on a free loopback port with a fresh data directory.
    pub fn local() -> Self {
        Self::start(&["--local"], &[], None)
    }

    /// `serve` with extra arguments, environment and an optional config file's contents.
    pub fn start(args: &[&str], env: &[(&str, &str)], config: Option<&str>) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let log = data_dir.path().join("server.log");
        let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        if let Some(config) = config {
            let path = data_dir.path().join("regain.toml");
            std::fs::write(&path, config).unwrap();
            args.extend(["--config".to_owned(), path.display().to_string()]);
        }
        let env: Vec<(String, String)> =
            env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let (child, base) = Self::spawn(data_dir.path(), &log, &args, &env);
        Self { child, base, data_dir, log, args, env }
    }

    /// Kills the server with SIGKILL, as a crash or a power cut would, and starts it again on
    /// the same data directory and settings (on a new port: `base` changes).
    pub fn kill_and_restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (child, base) = Self::spawn(self.data_dir.path(), &self.log, &self.args, &self.env);
        (self.child, self.base) = (child, base);
    }

    /// Starts `serve` and waits for the address it listens on; its stderr goes to `log`.
    fn spawn(
        data_dir: &Path,
        log: &Path,
        args: &[String],
        env: &[(String, String)],
    ) -> (Child, String) {
        let mut command = Command::new(server_binary());
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(args)
            .env_remove("RUST_LOG")
            .env("REGAIN_LOG__LEVEL", "debug")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(std::fs::File::options().create(true).append(true).open(log).unwrap());
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("regain-server listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let base = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(base) => base,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "the server did not start:\n{}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
        };
        (child, base)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Everything the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `regain-server` with `args` to completion, feeding `stdin`; returns (success, stdout, stderr).
pub fn run_cli(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (bool, String, String) {
    use std::io::Write as _;
    let mut child = Command::new(server_binary())
        .args(args)
        .env_remove("RUST_LOG")
        .env("REGAIN_LOG__LEVEL", "warn")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A free TCP port on loopback (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Polls `check` until it returns `Some`, for at most `timeout`.
pub fn wait_for<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A real SMTP server, aiosmtpd, writing what it receives to a Maildir. Killed when dropped.
#[derive(Debug)]
pub struct Smtpd {
    child: Child,
    pub port: u16,
    maildir: tempfile::TempDir,
}

impl Smtpd {
    pub fn start() -> Self {
        let python = python_with_aiosmtpd();
        let maildir = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir.path().join("Maildir"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut smtpd = Self { child, port, maildir };
        let up = wait_for(Duration::from_secs(15), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).ok()
        });
        if up.is_none() {
            let _ = smtpd.child.kill();
            panic!("aiosmtpd did not start on port {port}");
        }
        smtpd
    }

    /// Every message received so far, as raw RFC 5322 text.
    pub fn messages(&self) -> Vec<String> {
        let new = self.maildir.path().join("Maildir").join("new");
        let Ok(entries) = std::fs::read_dir(new) else { return Vec::new() };
        entries.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect()
    }

    /// Waits until `count` messages arrived.
    pub fn wait_for_messages(&self, count: usize) -> Vec<String> {
        wait_for(Duration::from_secs(20), || {
            let messages = self.messages();
            (messages.len() >= count).then_some(messages)
        })
        .unwrap_or_else(|| panic!("fewer than {count} messages arrived by SMTP"))
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Python that has aiosmtpd: `REGAIN_TEST_PYTHON`, Debian's `/usr/bin/python3`, or `python3`.
fn python_with_aiosmtpd() -> String {
    let candidates = [
        std::env::var("REGAIN_TEST_PYTHON").ok(),
        Some("/usr/bin/python3".into()),
        Some("python3".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|python| {
            Command::new(python)
                .args(["-c", "import aiosmtpd"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .expect("no Python with aiosmtpd: install Debian's python3-aiosmtpd (scripts/setup does)")
}

/// One request an SMS gateway received.
#[derive(Debug, Clone)]
pub struct GatewayRequest {
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
    /// How the gateway answered it (or, for [`GatewayAnswer::Hang`], did not).
    pub answer: GatewayAnswer,
}

/// How the recording gateway answers one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GatewayAnswer {
    Status(StatusCode),
    /// 429 with `Retry-After` in seconds.
    TooManyRequests {
        retry_after_secs: u64,
    },
    /// No answer at all, until the client gives up.
    Hang,
}

/// A recording HTTP SMS gateway on loopback. Answers with the statuses in `script` in order,
/// then 200 for ever.
#[derive(Debug, Clone)]
pub struct Gateway {
    pub base: String,
    seen: Arc<Mutex<Vec<GatewayRequest>>>,
    script: Arc<Mutex<Vec<GatewayAnswer>>>,
}

#[derive(Clone)]
struct GatewayState {
    seen: Arc<Mutex<Vec<GatewayRequest>>>,
    script: Arc<Mutex<Vec<GatewayAnswer>>>,
}

impl Gateway {
    pub async fn start(script: Vec<StatusCode>) -> Self {
        Self::scripted(script.into_iter().map(GatewayAnswer::Status).collect()).await
    }

    /// Answers the first requests as `script` says, in order, then 200 for ever.
    pub async fn scripted(script: Vec<GatewayAnswer>) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut script = script;
        script.reverse();
        let script = Arc::new(Mutex::new(script));
        let state = GatewayState { seen: seen.clone(), script: script.clone() };
        let app = axum::Router::new().fallback(gateway_record).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { base, seen, script }
    }

    /// From now on, 200 to every request: what is left of the script is dropped.
    pub fn recover(&self) {
        self.script.lock().unwrap().clear();
    }

    pub fn requests(&self) -> Vec<GatewayRequest> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests answered with success (the ones after the scripted failures).
    pub async fn wait_for_requests(&self, count: usize) -> Vec<GatewayRequest> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let requests = self.requests();
            if requests.len() >= count {
                return requests;
            }
            assert!(
                Instant::now() < deadline,
                "fewer than {count} requests reached the SMS gateway"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn gateway_record(
    State(state): State<GatewayState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    let answer =
        state.script.lock().unwrap().pop().unwrap_or(GatewayAnswer::Status(StatusCode::OK));
    state.seen.lock().unwrap().push(GatewayRequest {
        path: uri.path().to_owned(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        answer,
    });
    match answer {
        GatewayAnswer::Status(status) => status.into_response(),
        GatewayAnswer::TooManyRequests { retry_after_secs } => {
            (StatusCode::TOO_MANY_REQUESTS, [("retry-after", retry_after_secs.to_string())])
                .into_response()
        }
        GatewayAnswer::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::OK.into_response()
        }
    }
}

/// One API request: JSON body and bearer token optional; the answer's status and JSON body
/// (`null` when empty).
pub async fn send(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = client.request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    let json = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
    (status, json)
}

/// The first run of six or more ASCII digits in a text (a code: six digits, or ten once an
/// account's failed proofs reached their budget).
pub fn code_in(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() >= 6)
        .unwrap_or_else(|| panic!("no code in {text:?}"))
        .to_owned()
}

/// The value of every field replaced by its JSON type, every item of every list included:
/// what an observer can compare between two answers once ids, times and masks are set aside.
pub fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), shape(v))).collect(),
        Value::Array(items) => items.iter().map(shape).collect(),
        Value::String(_) => Value::from("string"),
        Value::Number(_) => Value::from("number"),
        Value::Bool(b) => Value::from(*b),
        Value::Null => Value::Null,
    }
}

/// A solved "I'm not a robot" challenge of the service at `base` (sign-up and recovery need one).
pub async fn solved_captcha(client: &reqwest::Client, base: &str) -> String {
    let url = format!("{base}/v1/captcha/challenge");
    let (status, challenge) = send(client, reqwest::Method::GET, url, None, None).await;
    assert_eq!(status, StatusCode::OK);
    regain_client::captcha::solve(&challenge).unwrap().into_exposed()
}

/// A header of a raw email (first occurrence, unfolded).
pub fn header(raw: &str, name: &str) -> Option<String> {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    raw.lines()
        .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
        .map(|line| line[prefix.len()..].trim().to_owned())
}

/// Form-decodes `a=b&c=d`.
pub fn form(body: &str) -> BTreeMap<String, String> {
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

fn percent_decode(s: &str) -> String {
    let s = s.replace('+', " ");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads the data dir's database files as text, for "nothing is stored in plain text" checks.
pub fn read_all(dir: &Path) -> String {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("regain.sqlite3") {
            all.extend(std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    String::from_utf8_lossy(&all).into_owned()
}
