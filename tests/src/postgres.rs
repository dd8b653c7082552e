//! A real PostgreSQL server of the tests' own: Debian's `postgresql` package, `initdb` into a
//! temporary folder and `postgres` listening only on a Unix socket in it, started once per test
//! binary and stopped by its process ID when the binary exits (a watcher waits on the test
//! process, then stops the server and removes its folder). Each caller gets a database of its
//! own. Run as root (as CI is), the server runs as Debian's `postgres` user, since PostgreSQL
//! refuses root.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The running server: its folder (data and socket), its process and the watcher that stops it.
#[derive(Debug)]
pub struct Postgres {
    folder: PathBuf,
    _server: Child,
    _watcher: Child,
}

static SERVER: OnceLock<Postgres> = OnceLock::new();
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The binaries of the newest PostgreSQL Debian installed.
fn bin_dir() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL (Debian's postgresql package) is needed; run scripts/setup --dev")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| bin.join("postgres").exists())
        .collect();
    versions.sort();
    versions.pop().expect("no PostgreSQL server under /usr/lib/postgresql").1
}

/// The `postgres` account's user and group IDs, when running as root.
fn run_as() -> Option<(u32, u32)> {
    if std::fs::metadata("/proc/self").ok()?.uid() != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let line = passwd.lines().find(|line| line.starts_with("postgres:"))?;
    let fields: Vec<&str> = line.split(':').collect();
    Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?))
}

/// `program` as `user`, in `folder` (which that user may enter, unlike root's home).
fn command(program: &Path, user: Option<(u32, u32)>, folder: &Path) -> Command {
    let mut command = Command::new(program);
    command.current_dir(folder);
    if let Some((uid, gid)) = user {
        command.uid(uid).gid(gid);
    }
    command
}

impl Postgres {
    /// The server of this test binary, started on first use.
    pub fn get() -> &'static Postgres {
        SERVER.get_or_init(Postgres::start)
    }

    fn start() -> Postgres {
        let bin = bin_dir();
        let user = run_as();
        // Removed by the watcher from its start on; until then by the guard.
        let guard = tempfile::Builder::new().prefix("regain-pg-").tempdir().unwrap();
        let folder = guard.path().to_owned();
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(&folder, Some(uid), Some(gid)).unwrap();
        }
        let data = folder.join("data");
        let initdb = command(&bin.join("initdb"), user, &folder)
            .args(["--auth=trust", "--username=regain", "--encoding=UTF8", "--locale=C.UTF-8"])
            .args(["--no-sync", "--no-instructions", "-D"])
            .arg(&data)
            .stdout(Stdio::null())
            .status()
            .expect("running initdb");
        assert!(initdb.success(), "initdb failed");
        // Durability is not what these tests check: no fsync, so a check costs milliseconds.
        let server = command(&bin.join("postgres"), user, &folder)
            .arg("-D")
            .arg(&data)
            .args(["-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=300"])
            .arg("-c")
            .arg(format!("unix_socket_directories={}", folder.display()))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(folder.join("server.log")).unwrap())
            .process_group(0)
            .spawn()
            .expect("starting postgres");
        let pid = server.id();
        // When this test binary ends, however it ends, the server stops and its folder goes.
        let watcher = Command::new("sh")
            .arg("-c")
            .arg(
                "while kill -0 \"$1\" 2>/dev/null; do sleep 0.5; done
                 kill -INT \"$2\"; while kill -0 \"$2\" 2>/dev/null; do sleep 0.1; done
                 rm -rf \"$3\"",
            )
            .args(["watch", &std::process::id().to_string(), &pid.to_string()])
            .arg(&folder)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("starting the server's watcher");
        let _ = guard.keep();
        let postgres = Postgres { folder, _server: server, _watcher: watcher };
        postgres.wait_until_ready();
        postgres
    }

    fn wait_until_ready(&self) {
        let socket = self.folder.join(".s.PGSQL.5432");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "PostgreSQL did not start: see {}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.folder.join("server.log")).unwrap_or_default()
    }

    /// The URL of `database` on this server, through its socket.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://regain@localhost/{database}?host={}", self.folder.display())
    }

    /// A new, empty database of its own for the caller: its URL.
    pub async fn database(&self) -> String {
        let name = format!("check_{}", DATABASES.fetch_add(1, Ordering::SeqCst));
        let mut admin = connect(&self.url("postgres")).await;
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
        self.url(&name)
    }
}

async fn connect(url: &str) -> sqlx::PgConnection {
    use sqlx::Connection as _;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match sqlx::PgConnection::connect(url).await {
            Ok(connection) => return connection,
            Err(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => panic!("connecting to the tests' PostgreSQL: {error}"),
        }
    }
}
