//! The server's configuration: a TOML file (see `regain.example.toml` at the repository root
//! for every key with its default and meaning), overridden by environment variables named
//! `REGAIN_<SECTION>__<KEY>` (for example `REGAIN_SERVER__SECRET`,
//! `REGAIN_COURIER__SMTP__PASSWORD`), overridden in turn by command-line flags.
//!
//! Defaults are the safe ones; [`Config::problems`] lists every problem at once.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use regain_courier::{SmsGatewaySettings, SmtpSettings};
use regain_protocol::Secret;
use regain_recovery::HashParams;
use serde::{Deserialize, Serialize};

/// Shortest accepted server secret, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub log: LogConfig,
    pub argon2: Argon2Config,
    pub password: regain_policy::Settings,
    pub accounts: AccountsConfig,
    pub sessions: SessionsConfig,
    pub codes: CodesConfig,
    pub captcha: CaptchaConfig,
    pub recovery: RecoveryConfig,
    pub support: SupportConfig,
    pub courier: CourierConfig,
}

/// Support requests, the staff who review them, and the assisted recovery an approval starts.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SupportConfig {
    /// The waiting period of an assisted recovery: every old contact may cancel it meanwhile.
    pub wait_hours: i64,
    /// How long the recovery pass works once it is sent.
    pub pass_ttl_hours: i64,
    /// How long a decided request's files are kept before they are erased.
    pub retention_days: i64,
    /// Recovery activity this recent makes an approval need a supervisor's second approval.
    pub four_eyes_days: i64,
    /// A staff member's shift: the longest a staff session lasts.
    pub shift_hours: i64,
    /// A staff session unused this long ends.
    pub idle_minutes: i64,
    /// How often passes whose waiting period is over are sent and old files erased.
    pub tick_seconds: i64,
    /// Support requests filed from one client address, and about one identifier.
    pub requests_per_ip: BudgetConfig,
    pub requests_per_identifier: BudgetConfig,
}

impl Default for SupportConfig {
    fn default() -> Self {
        let d = regain_recovery::support::staff::StaffSettings::default();
        let requests = regain_recovery::SupportSettings::default();
        Self {
            wait_hours: d.wait_secs / 3600,
            pass_ttl_hours: d.pass_ttl_secs / 3600,
            retention_days: d.retention_secs / 86_400,
            four_eyes_days: d.four_eyes_window_secs / 86_400,
            shift_hours: d.shift_secs / 3600,
            idle_minutes: d.idle_secs / 60,
            tick_seconds: d.tick_secs,
            requests_per_ip: requests.per_ip.into(),
            requests_per_identifier: requests.per_identifier.into(),
        }
    }
}

impl SupportConfig {
    pub fn settings(&self) -> regain_recovery::support::staff::StaffSettings {
        regain_recovery::support::staff::StaffSettings {
            wait_secs: self.wait_hours * 3600,
            pass_ttl_secs: self.pass_ttl_hours * 3600,
            retention_secs: self.retention_days * 86_400,
            four_eyes_window_secs: self.four_eyes_days * 86_400,
            shift_secs: self.shift_hours * 3600,
            idle_secs: self.idle_minutes * 60,
            tick_secs: self.tick_seconds,
            ..regain_recovery::support::staff::StaffSettings::default()
        }
    }

    /// What the customer's side takes: the defaults, with the budgets set here.
    pub fn requests(&self) -> regain_recovery::SupportSettings {
        regain_recovery::SupportSettings {
            per_ip: self.requests_per_ip.into(),
            per_identifier: self.requests_per_identifier.into(),
            ..regain_recovery::SupportSettings::default()
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut within = |name: &str, value: i64, low: i64, high: i64, why: &str| {
            if !(low..=high).contains(&value) {
                problems.push(format!("support.{name} must be between {low} and {high}{why}"));
            }
        };
        within(
            "wait_hours",
            self.wait_hours,
            24,
            720,
            " (a day at least, so that every old contact can see the notice and cancel)",
        );
        within("pass_ttl_hours", self.pass_ttl_hours, 1, 72, "");
        within("retention_days", self.retention_days, 1, 365, "");
        within("four_eyes_days", self.four_eyes_days, 0, 365, "");
        within("shift_hours", self.shift_hours, 1, 12, "");
        within("idle_minutes", self.idle_minutes, 1, 60, "");
        within("tick_seconds", self.tick_seconds, 1, 600, "");
        for (name, budget) in [
            ("requests_per_ip", self.requests_per_ip),
            ("requests_per_identifier", self.requests_per_identifier),
        ] {
            if budget.limit == 0 || budget.window_secs < 60 {
                problems.push(format!(
                    "support.{name} needs a limit of at least 1 and a window of at least 60 s"
                ));
            }
        }
        problems
    }
}

/// The "I'm not a robot" proof of work (ALTCHA v2, PBKDF2/SHA-256).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CaptchaConfig {
    /// PBKDF2 rounds per try.
    pub cost: u32,
    /// The solver's number of tries is drawn between these.
    pub counter_min: u32,
    pub counter_max: u32,
    pub ttl_secs: i64,
}

impl Default for CaptchaConfig {
    fn default() -> Self {
        let d = regain_recovery::CaptchaSettings::default();
        Self {
            cost: d.cost,
            counter_min: d.counter_min,
            counter_max: d.counter_max,
            ttl_secs: d.ttl_secs,
        }
    }
}

/// How security questions may be used in recovery (SECURITY.md S13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionsConfig {
    #[default]
    Second,
    Sole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetConfig {
    pub limit: u32,
    pub window_secs: i64,
}

impl From<BudgetConfig> for regain_recovery::Budget {
    fn from(b: BudgetConfig) -> Self {
        Self { limit: b.limit, window_secs: b.window_secs }
    }
}

impl From<regain_recovery::Budget> for BudgetConfig {
    fn from(b: regain_recovery::Budget) -> Self {
        Self { limit: b.limit, window_secs: b.window_secs }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThrottleConfig {
    pub starts_per_identifier: BudgetConfig,
    pub starts_per_ip: BudgetConfig,
    pub starts_global: BudgetConfig,
    pub sends_per_destination: BudgetConfig,
    pub sms_per_country: BudgetConfig,
    pub failed_proofs: BudgetConfig,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        let b = regain_recovery::Budgets::default();
        let sends = regain_recovery::SendBudgets::default();
        Self {
            starts_per_identifier: b.starts_per_identifier.into(),
            starts_per_ip: b.starts_per_ip.into(),
            starts_global: b.starts_global.into(),
            sends_per_destination: sends.per_destination.into(),
            sms_per_country: sends.sms_per_country.into(),
            failed_proofs: b.failed_proofs.into(),
        }
    }
}

/// The recovery protocol's numbers (SECURITY.md S04, S07, S08).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecoveryConfig {
    pub flow_ttl_secs: i64,
    pub code_ttl_secs: i64,
    pub link_ttl_secs: i64,
    pub reset_ttl_secs: i64,
    pub resend_after_secs: i64,
    pub max_sends: u32,
    pub max_code_attempts: u32,
    pub max_question_attempts: u32,
    pub security_questions: QuestionsConfig,
    pub throttle: ThrottleConfig,
    pub vouching: VouchingConfig,
}

/// Vouching by recovery contacts (SECURITY.md S29): how long contacts have to answer, the
/// waiting period after enough vouched, and what each piece of evidence takes off it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VouchingConfig {
    pub ask_ttl_secs: i64,
    pub wait_secs: i64,
    pub evidence_secs: i64,
}

impl Default for VouchingConfig {
    fn default() -> Self {
        let d = regain_recovery::VouchingSettings::default();
        Self {
            ask_ttl_secs: d.ask_ttl_secs,
            wait_secs: d.wait_secs,
            evidence_secs: d.evidence_secs,
        }
    }
}

impl Default for RecoveryConfig {
    fn default() -> Self {
        let d = regain_recovery::RecoverySettings::default();
        Self {
            flow_ttl_secs: d.flow_ttl_secs,
            code_ttl_secs: d.code_ttl_secs,
            link_ttl_secs: d.link_ttl_secs,
            reset_ttl_secs: d.reset_ttl_secs,
            resend_after_secs: d.resend_after_secs,
            max_sends: d.max_sends,
            max_code_attempts: d.max_code_attempts,
            max_question_attempts: d.max_question_attempts,
            security_questions: QuestionsConfig::Second,
            throttle: ThrottleConfig::default(),
            vouching: VouchingConfig::default(),
        }
    }
}

impl RecoveryConfig {
    pub fn settings(&self) -> regain_recovery::RecoverySettings {
        let t = self.throttle;
        regain_recovery::RecoverySettings {
            flow_ttl_secs: self.flow_ttl_secs,
            code_ttl_secs: self.code_ttl_secs,
            link_ttl_secs: self.link_ttl_secs,
            reset_ttl_secs: self.reset_ttl_secs,
            resend_after_secs: self.resend_after_secs,
            max_sends: self.max_sends,
            max_code_attempts: self.max_code_attempts,
            max_question_attempts: self.max_question_attempts,
            questions: match self.security_questions {
                QuestionsConfig::Second => regain_recovery::QuestionsPolicy::Second,
                QuestionsConfig::Sole => regain_recovery::QuestionsPolicy::Sole,
            },
            budgets: regain_recovery::Budgets {
                starts_per_identifier: t.starts_per_identifier.into(),
                starts_per_ip: t.starts_per_ip.into(),
                starts_global: t.starts_global.into(),
                failed_proofs: t.failed_proofs.into(),
            },
            vouching: regain_recovery::VouchingSettings {
                ask_ttl_secs: self.vouching.ask_ttl_secs,
                wait_secs: self.vouching.wait_secs,
                evidence_secs: self.vouching.evidence_secs,
                ..regain_recovery::VouchingSettings::default()
            },
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    /// Where the SQLite database (and, in local mode, the generated secret) live.
    pub data_dir: PathBuf,
    /// A `sqlite://` or `postgres://` URL; when empty, `regain.sqlite3` in `data_dir`. Set a
    /// PostgreSQL URL with its password through `REGAIN_SERVER__DATABASE_URL`, not in a file.
    /// A secret: it may hold that password, so it is never printed.
    #[serde(with = "regain_protocol::exposed")]
    pub database_url: Secret<String>,
    /// PostgreSQL only: the most connections one instance keeps (all instances together must
    /// stay under the server's `max_connections`).
    pub database_max_connections: u32,
    /// PostgreSQL only: how long one statement may run before the server cancels it (the
    /// request then fails as busy, and nothing it began is kept).
    pub database_statement_timeout_ms: u64,
    /// The origin links in emails point to. Never taken from a request's Host header.
    pub public_origin: String,
    /// Key material for code MACs, decoys and the sealed outbox: at least 32 bytes. Required
    /// outside local mode (set it with `REGAIN_SERVER__SECRET`, not in a file in a repository).
    #[serde(with = "regain_protocol::exposed")]
    pub secret: Secret<String>,
    /// A header your reverse proxy sets to the client's address (e.g. `x-real-ip`); empty
    /// means the TCP peer. Only set it behind a proxy that overwrites the header.
    pub client_ip_header: String,
    /// The least time an answer about an identifier takes, so a real account's answers cannot
    /// be told from an unknown one's by their time (S02): recovery starts, code sends and
    /// checks, a flow's state, support requests. 0 turns it off.
    pub timing_floor_ms: u64,
    /// The same for answers that hash a password: sign-in, sign-up, staff sign-in.
    pub password_timing_floor_ms: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("regain-data"),
            database_url: Secret::default(),
            database_max_connections: 16,
            database_statement_timeout_ms: 10_000,
            public_origin: "http://127.0.0.1:8080".to_owned(),
            secret: Secret::default(),
            client_ip_header: String::new(),
            timing_floor_ms: 10,
            password_timing_floor_ms: 60,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    #[default]
    Pretty,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    pub format: LogFormat,
    /// A `tracing` filter (`info`, `regain_server=debug,info`); `RUST_LOG` wins when set.
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self { format: LogFormat::Pretty, level: "info".to_owned() }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Argon2Config {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    /// Hashing threads, each with one memory block it reuses; 0: as many as cores.
    pub workers: usize,
    /// Hashes that may wait per worker; beyond, requests are refused `busy` (503).
    pub queue_per_worker: usize,
    /// How long a request waits for a place in that queue before `busy`.
    pub queue_wait_ms: u64,
}

impl Default for Argon2Config {
    fn default() -> Self {
        let floor = HashParams::default();
        Self {
            memory_kib: floor.memory_kib,
            iterations: floor.iterations,
            parallelism: floor.parallelism,
            workers: 0,
            queue_per_worker: 32,
            queue_wait_ms: 2000,
        }
    }
}

impl Argon2Config {
    /// The hashing pool these settings describe.
    pub fn pool(&self) -> regain_recovery::PoolSize {
        let workers = match self.workers {
            0 => regain_recovery::PoolSize::default().workers,
            n => n,
        };
        regain_recovery::PoolSize {
            workers,
            queue: workers * self.queue_per_worker.max(1),
            wait: std::time::Duration::from_millis(self.queue_wait_ms),
        }
    }

    pub fn params(&self) -> HashParams {
        HashParams {
            memory_kib: self.memory_kib,
            iterations: self.iterations,
            parallelism: self.parallelism,
        }
    }
}

/// Sign-up and the contacts of accounts.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountsConfig {
    /// Sign-ups per client address (each also needs the "I'm not a robot" check).
    pub sign_ups_per_ip: BudgetConfig,
    /// How long an unconfirmed email or phone stays claimed by an account before it lapses.
    pub unconfirmed_contact_ttl_secs: i64,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        let d = regain_recovery::AccountsSettings::default();
        Self {
            sign_ups_per_ip: d.sign_ups_per_ip.into(),
            unconfirmed_contact_ttl_secs: d.unconfirmed_contact_ttl_secs,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionsConfig {
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
    /// How long a sign-in waits for its second factor once the password was right.
    pub second_factor_ttl_secs: i64,
    /// Tries at the second factor per sign-in.
    pub second_factor_attempts: u32,
    /// Consecutive failed sign-ins an account takes (across every window and identifier)
    /// before even its right password is refused until a recovery sets a new one.
    pub max_failed_sign_ins: u32,
    pub throttle: SignInThrottleConfig,
}

impl Default for SessionsConfig {
    fn default() -> Self {
        let d = regain_recovery::AccountsSettings::default();
        Self {
            access_ttl_secs: d.access_ttl_secs,
            refresh_ttl_secs: d.refresh_ttl_secs,
            second_factor_ttl_secs: d.second_factor_ttl_secs,
            second_factor_attempts: d.second_factor_attempts,
            max_failed_sign_ins: d.max_failed_sign_ins,
            throttle: SignInThrottleConfig::default(),
        }
    }
}

/// Sign-in attempts allowed per identifier and per client address, per sliding window.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignInThrottleConfig {
    pub sign_ins_per_identifier: BudgetConfig,
    pub sign_ins_per_ip: BudgetConfig,
    /// Tries per account at a proof from a signed-in session or a pending sign-in (the second
    /// step, confirming the password, unlocking a lost device, turning the factor off), in a
    /// sliding window and a day.
    pub proofs_per_account: BudgetConfig,
    pub proofs_per_account_daily: BudgetConfig,
}

impl Default for SignInThrottleConfig {
    fn default() -> Self {
        let d = regain_recovery::AccountsSettings::default();
        Self {
            sign_ins_per_identifier: d.sign_ins_per_identifier.into(),
            sign_ins_per_ip: d.sign_ins_per_ip.into(),
            proofs_per_account: d.proofs_per_account.into(),
            proofs_per_account_daily: d.proofs_per_account_daily.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CodesConfig {
    pub ttl_secs: i64,
    pub max_attempts: u32,
    pub resend_after_secs: i64,
}

impl Default for CodesConfig {
    fn default() -> Self {
        Self { ttl_secs: 600, max_attempts: 5, resend_after_secs: 60 }
    }
}

/// Which channels deliver messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Keep messages in memory (the dev inbox). Local mode always uses this.
    #[default]
    Capture,
    /// Email through `[courier.smtp]`, SMS through `[courier.sms]`.
    Live,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CourierConfig {
    pub delivery: Delivery,
    pub smtp: Option<SmtpSettings>,
    pub sms: Option<SmsConfig>,
    pub retry: RetryConfig,
}

/// The SMS gateway: either every field of a gateway, or `preset = "twilio"` with its account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "preset", rename_all = "snake_case", deny_unknown_fields)]
pub enum SmsConfig {
    /// Any HTTP gateway, described field by field.
    Http(SmsGatewaySettings),
    /// Twilio, or a gateway with Twilio's API.
    Twilio(TwilioConfig),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwilioConfig {
    #[serde(default = "twilio_api_base")]
    pub api_base: String,
    pub account_sid: String,
    #[serde(with = "regain_protocol::exposed")]
    pub auth_token: Secret<String>,
    pub from: String,
}

/// Whether a database URL names PostgreSQL (`postgres://` or `postgresql://`, as libpq takes).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn twilio_api_base() -> String {
    "https://api.twilio.com".to_owned()
}

impl SmsConfig {
    pub fn gateway(&self) -> SmsGatewaySettings {
        match self {
            Self::Http(settings) => settings.clone(),
            Self::Twilio(t) => SmsGatewaySettings::twilio(
                &t.api_base,
                &t.account_sid,
                t.auth_token.expose(),
                &t.from,
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetryConfig {
    pub first_delay_secs: i64,
    pub max_delay_secs: i64,
    pub max_attempts: u32,
    /// How long one delivery attempt holds a message: after a crash, another instance (or
    /// this one, restarted) takes it again once this has passed. Longer than every channel's
    /// timeout.
    pub lease_secs: i64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        let policy = regain_courier::RetryPolicy::default();
        Self {
            first_delay_secs: policy.first_delay_secs,
            max_delay_secs: policy.max_delay_secs,
            max_attempts: policy.max_attempts,
            lease_secs: policy.lease_secs,
        }
    }
}

/// Reading the configuration failed; every message is listed.
#[derive(Debug)]
pub struct ConfigErrors(pub Vec<String>);

impl std::fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "the configuration has {} problem(s):", self.0.len())?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

impl Config {
    /// Defaults, then the file (if any), then `REGAIN_*__*` environment variables.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigErrors> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            if !file.exists() {
                return Err(ConfigErrors(vec![format!(
                    "config file {} does not exist",
                    file.display()
                )]));
            }
            figment = figment.merge(Toml::file(file));
        }
        figment = figment
            .merge(Env::prefixed("REGAIN_").filter(|key| key.as_str().contains("__")).split("__"));
        figment
            .extract()
            .map_err(|errors| ConfigErrors(errors.into_iter().map(|e| e.to_string()).collect()))
    }

    /// Every problem with these values, for a server started in local mode or not.
    pub fn problems(&self, local: bool) -> Vec<String> {
        let mut problems = Vec::new();
        if !local && self.server.secret.expose().len() < MIN_SECRET_LEN {
            problems.push(format!(
                "server.secret must be at least {MIN_SECRET_LEN} bytes outside local mode (set REGAIN_SERVER__SECRET)"
            ));
        }
        if local && !self.server.listen.ip().is_loopback() {
            problems.push(
                "local mode shows every message in the dev outbox, so it listens on loopback only"
                    .to_owned(),
            );
        }
        if !(self.server.public_origin.starts_with("https://")
            || self.server.public_origin.starts_with("http://127.0.0.1")
            || self.server.public_origin.starts_with("http://localhost")
            || self.server.public_origin.starts_with("http://[::1]"))
        {
            problems.push(
                "server.public_origin must be https:// (plain http only on loopback)".to_owned(),
            );
        }
        if self.server.public_origin.ends_with('/') {
            problems.push("server.public_origin must not end with '/'".to_owned());
        }
        let url = self.server.database_url.expose();
        if !url.is_empty() && !url.starts_with("sqlite:") && !is_postgres_url(url) {
            problems.push(
                "server.database_url must be a sqlite: or postgres: URL (or empty for the data directory's SQLite file)"
                    .to_owned(),
            );
        }
        if is_postgres_url(url) && !cfg!(feature = "postgres") {
            problems.push(
                "server.database_url names PostgreSQL, which this build leaves out (the app's embedded service runs on SQLite)"
                    .to_owned(),
            );
        }
        if !(1..=1000).contains(&self.server.database_max_connections) {
            problems.push("server.database_max_connections must be between 1 and 1000".to_owned());
        }
        if self.server.database_statement_timeout_ms < 100 {
            problems.push(
                "server.database_statement_timeout_ms must be at least 100 (a tenth of a second)"
                    .to_owned(),
            );
        }
        problems.extend(self.argon2.params().problems());
        problems.extend(self.support.problems());
        if !(1..=100).contains(&self.sessions.max_failed_sign_ins) {
            problems.push(
                "sessions.max_failed_sign_ins must be between 1 and 100 (NIST SP 800-63B-4 §3.2.2)"
                    .to_owned(),
            );
        }
        problems.extend(self.password.problems());
        if self.sessions.access_ttl_secs < 60 || self.sessions.access_ttl_secs > 3600 {
            problems.push("sessions.access_ttl_secs must be between 60 and 3600".to_owned());
        }
        if self.sessions.refresh_ttl_secs < self.sessions.access_ttl_secs {
            problems.push(
                "sessions.refresh_ttl_secs must not be shorter than access_ttl_secs".to_owned(),
            );
        }
        if self.codes.ttl_secs < 60 || self.codes.ttl_secs > 600 {
            problems.push("codes.ttl_secs must be between 60 and 600 (SECURITY.md S08)".to_owned());
        }
        if self.codes.max_attempts == 0 || self.codes.max_attempts > 5 {
            problems
                .push("codes.max_attempts must be between 1 and 5 (SECURITY.md S07)".to_owned());
        }
        if self.codes.resend_after_secs < 0 {
            problems.push("codes.resend_after_secs must not be negative".to_owned());
        }
        if !local && self.courier.delivery == Delivery::Capture {
            problems.push("courier.delivery = \"capture\" keeps messages in memory, which only local mode shows; set \"live\" with [courier.smtp] and/or [courier.sms]".to_owned());
        }
        if !local && self.courier.delivery == Delivery::Live {
            if self.courier.smtp.is_none() && self.courier.sms.is_none() {
                problems.push(
                    "courier.delivery = \"live\" needs [courier.smtp], [courier.sms] or both"
                        .to_owned(),
                );
            }
            if let Some(smtp) = &self.courier.smtp {
                if smtp.host.is_empty() {
                    problems.push("courier.smtp.host must not be empty".to_owned());
                }
                if !regain_courier::is_valid_mailbox(&smtp.from) {
                    problems.push(
                        "courier.smtp.from must be a mailbox like 'Regain <no-reply@example.com>'"
                            .to_owned(),
                    );
                }
                if smtp.username.is_some() != smtp.password.is_some() {
                    problems.push("courier.smtp.username and password go together".to_owned());
                }
            }
            if let Some(sms) = &self.courier.sms {
                let gateway = sms.gateway();
                if !(gateway.url.starts_with("https://")
                    || gateway.url.starts_with("http://127.0.0.1")
                    || gateway.url.starts_with("http://localhost"))
                {
                    problems.push(
                        "courier.sms.url must be https:// (plain http only on loopback)".to_owned(),
                    );
                }
                if !gateway.fields.values().any(|v| v.contains("{body}"))
                    || !gateway.fields.values().any(|v| v.contains("{to}"))
                {
                    problems.push("courier.sms.fields must place both {to} and {body}".to_owned());
                }
            }
        }
        let r = &self.recovery;
        if r.code_ttl_secs < 60
            || r.code_ttl_secs > 600
            || r.flow_ttl_secs > 1800
            || r.link_ttl_secs > 1800
        {
            problems.push("recovery: codes live at most 600 s, flows and links at most 1800 s (SECURITY.md S08)".to_owned());
        }
        let v = r.vouching;
        if v.wait_secs < 3600
            || v.evidence_secs < 0
            || v.wait_secs - 3 * v.evidence_secs < 3600
            || v.ask_ttl_secs < 600
        {
            problems.push("recovery.vouching: the waiting period, less every piece of evidence, stays at least an hour; contacts have at least 600 s to answer".to_owned());
        }
        if r.max_code_attempts == 0
            || r.max_code_attempts > 5
            || r.max_question_attempts == 0
            || r.max_question_attempts > 3
        {
            problems.push(
                "recovery: at most 5 code attempts and 3 question attempts per flow (S07, S13)"
                    .to_owned(),
            );
        }
        if r.max_sends == 0 || r.max_sends > 5 || r.resend_after_secs < 60 {
            problems
                .push("recovery: at most 5 sends per flow, at least 60 s apart (S08)".to_owned());
        }
        if self.server.timing_floor_ms > 1000 || self.server.password_timing_floor_ms > 1000 {
            problems.push(
                "server.timing_floor_ms and password_timing_floor_ms: at most 1000 (S02)"
                    .to_owned(),
            );
        }
        let t = &self.sessions.throttle;
        if !(1..=100).contains(&t.sign_ins_per_identifier.limit)
            || t.sign_ins_per_identifier.window_secs < 60
            || t.sign_ins_per_ip.limit == 0
            || t.sign_ins_per_ip.window_secs < 60
        {
            problems.push(
                "sessions.throttle: 1 to 100 sign-ins per identifier per window, at least 1 per address, windows of at least 60 s"
                    .to_owned(),
            );
        }
        if r.throttle.failed_proofs.limit > 10 || r.throttle.failed_proofs.window_secs < 24 * 3600 {
            problems.push("recovery.throttle.failed_proofs: at most 10 per 24 h (S07)".to_owned());
        }
        if self.captcha.cost == 0
            || self.captcha.counter_min > self.captcha.counter_max
            || self.captcha.ttl_secs > 600
        {
            problems.push(
                "captcha: cost >= 1, counter_min <= counter_max, ttl_secs <= 600 (S05)".to_owned(),
            );
        }
        if self.courier.retry.first_delay_secs < 1 || self.courier.retry.max_attempts == 0 {
            problems
                .push("courier.retry needs first_delay_secs >= 1 and max_attempts >= 1".to_owned());
        }
        let longest_timeout = [
            self.courier.smtp.as_ref().map(|smtp| smtp.timeout_secs),
            self.courier.sms.as_ref().map(|sms| sms.gateway().timeout_secs),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
        // The worker ends every attempt by three quarters of the lease, keeping the last quarter
        // to record the outcome: a channel's own timeout must fit inside that.
        if u64::try_from(self.courier.retry.lease_secs)
            .map_or(true, |lease| lease.saturating_mul(3) <= longest_timeout.saturating_mul(4))
        {
            problems.push(
                "courier.retry.lease_secs: three quarters of it must be longer than the SMTP and SMS timeouts, or a slow delivery is cut off and taken twice".to_owned(),
            );
        }
        problems
    }

    /// The server secret: the configured one, or in local mode the one kept beside the
    /// database (`data_dir/local-secret`, created owner-only when absent).
    pub fn secret(&self, local: bool) -> std::io::Result<Vec<u8>> {
        if !local {
            return Ok(self.server.secret.expose().as_bytes().to_vec());
        }
        let path = self.server.data_dir.join("local-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim();
            if existing.len() >= 64 {
                return Ok(existing.as_bytes().to_vec());
            }
        }
        std::fs::create_dir_all(&self.server.data_dir)?;
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        std::io::Write::write_all(&mut options.open(&path)?, hex.as_bytes())?;
        Ok(hex.into_bytes())
    }

    pub fn database_path(&self) -> PathBuf {
        self.server.data_dir.join("regain.sqlite3")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_in_local_mode_only() {
        let config = Config::default();
        assert!(config.problems(true).is_empty(), "{:?}", config.problems(true));
        let outside = config.problems(false);
        assert!(outside.iter().any(|p| p.contains("server.secret")), "{outside:?}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut config = Config::default();
        config.argon2.memory_kib = 1024;
        config.codes.max_attempts = 50;
        config.password.min_length_single_factor = 6;
        config.server.public_origin = "http://regain.example.com".into();
        assert!(config.problems(false).len() >= 5, "{:?}", config.problems(false));
    }

    #[test]
    fn the_database_url_and_its_password_are_never_printed() {
        let mut config = Config::default();
        config.server.database_url =
            "postgres://regain:hunter2@db.internal/regain".to_owned().into();
        assert!(config.problems(true).is_empty());
        assert!(!format!("{config:?}").contains("hunter2"), "Debug hides the URL");
        config.server.database_url = "mysql://regain:hunter2@db.internal/regain".to_owned().into();
        assert!(config.problems(true).iter().all(|problem| !problem.contains("hunter2")));
    }

    #[test]
    fn sign_in_budgets_are_bounded() {
        for (per_identifier, per_ip) in [(0, 100), (101, 100), (10, 0)] {
            let mut config = Config::default();
            config.sessions.throttle.sign_ins_per_identifier.limit = per_identifier;
            config.sessions.throttle.sign_ins_per_ip.limit = per_ip;
            let problems = config.problems(true);
            assert!(problems.iter().any(|p| p.starts_with("sessions.throttle")), "{problems:?}");
        }
    }

    #[test]
    fn a_delivery_lease_outlasts_every_channel_timeout() {
        let mut config = Config::default();
        config.courier.smtp = Some(SmtpSettings {
            host: "smtp.example.com".into(),
            port: 587,
            tls: regain_courier::SmtpTls::Starttls,
            username: None,
            password: None,
            from: "Regain <no-reply@example.com>".into(),
            timeout_secs: 15,
        });
        let lease_problem = |config: &Config| {
            config.problems(true).iter().any(|p| p.starts_with("courier.retry.lease_secs"))
        };
        assert!(!lease_problem(&config), "45 s of a 60 s lease outlast 15 s");
        config.courier.retry.lease_secs = 21;
        assert!(!lease_problem(&config), "15.75 s of a 21 s lease outlast 15 s");
        config.courier.retry.lease_secs = 20;
        assert!(
            lease_problem(&config),
            "15 s of a 20 s lease: an attempt is cut off at its timeout"
        );
        config.courier.retry.lease_secs = 16;
        assert!(lease_problem(&config), "longer than the timeout, but not its three quarters");
        config.courier.retry.lease_secs = -1;
        assert!(lease_problem(&config));
    }

    #[test]
    fn support_request_budgets_are_configurable_and_never_off() {
        let mut config = Config::default();
        assert_eq!(config.support.requests().per_ip.limit, 5);
        config.support.requests_per_identifier = BudgetConfig { limit: 40, window_secs: 3600 };
        assert_eq!(config.support.requests().per_identifier.limit, 40);
        assert!(config.problems(true).iter().all(|p| !p.contains("support.")));
        config.support.requests_per_ip.limit = 0;
        let problems = config.problems(true);
        assert!(problems.iter().any(|p| p.contains("support.requests_per_ip")), "{problems:?}");
    }

    #[test]
    fn the_example_file_parses_and_is_valid() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../regain.example.toml");
        let config = Config::load(Some(&example)).expect("the example parses");
        assert!(config.problems(true).is_empty(), "{:?}", config.problems(true));
    }
}
