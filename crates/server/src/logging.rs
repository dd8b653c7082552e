//! Structured logs with `tracing`, to standard error.
//!
//! Secrets cannot reach a log by accident: codes, passwords and tokens are `Secret` (its
//! `Debug` is `<redacted>`, it has no `Display`), contacts are `Email`/`Phone` (their `Debug`
//! and `Display` are masks), messages' `Debug` hides recipient and body, and the HTTP trace
//! logs the matched route, never the URI. The end-to-end test greps the server's log for every
//! secret it used.

use std::io::IsTerminal as _;

use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber. `RUST_LOG`, when set, wins over the configured level.
pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&config.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let _ = match config.format {
        LogFormat::Pretty => builder.with_target(false).try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
