//! The operator's command line of `regain-server`: serve, migrate, accounts, flows, events and
//! the configuration check. `main.rs` only calls [`main`]; each command lives in a file of its
//! own here (ripgrep's `crates/core` is the model).
#![allow(clippy::print_stdout)]

mod account;
mod inspect;
mod serve;
mod staff;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::{app, logging};

#[derive(Debug, Parser)]
#[command(name = "regain-server", version, about = "Regain's account recovery service")]
struct Cli {
    /// The TOML configuration file (see regain.example.toml).
    #[arg(long, global = true, env = "REGAIN_CONFIG")]
    config: Option<PathBuf>,
    /// Where the SQLite database lives (overrides server.data_dir).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Local mode: SQLite in the data dir (or server.database_url's database), messages kept
    /// in the dev outbox instead of sent, a generated secret, and a demo account. Loopback only.
    #[arg(long, global = true)]
    local: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP API and the courier.
    Serve {
        /// Address to listen on (overrides server.listen); port 0 picks a free one.
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Apply the database migrations that are not applied yet, and list them.
    Migrate,
    /// Create, show and list accounts.
    Account {
        #[command(subcommand)]
        command: AccountCommand,
    },
    /// Inspect a recovery flow (no secret is ever shown).
    Recovery {
        #[command(subcommand)]
        command: RecoveryCommand,
    },
    /// An account's security events, newest first (by email, phone or account ID).
    Events {
        identifier: String,
        #[arg(long)]
        region: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Create members of staff (who review support requests) and read their audit.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Validate the configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
enum AccountCommand {
    /// Create an account; the password is read from standard input, never from arguments.
    Create {
        #[arg(long)]
        display_name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// Region for a national phone number (ISO 3166, e.g. CN).
        #[arg(long)]
        region: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        birthday: Option<String>,
        /// Take the contacts as confirmed (the operator vouches for them) instead of sending codes.
        #[arg(long)]
        confirmed: bool,
    },
    /// Show one account (contacts masked) by email, phone or account ID.
    Show {
        identifier: String,
        #[arg(long)]
        region: Option<String>,
    },
    /// List accounts by ascending account ID.
    List {
        #[arg(long, default_value_t = 0)]
        after: u64,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// Create a member of staff; the password (15 characters or more) is read from standard
    /// input. Prints the authenticator's key once: they must add it to their app now.
    Create {
        #[arg(long)]
        username: String,
        /// agent or supervisor.
        #[arg(long, default_value = "agent")]
        role: String,
    },
    /// Register a staffed support station: prints its key once, for the station's
    /// `kiosk.toml` (`station_key`). Only shifts signed in there may record what staff saw in
    /// person.
    AddStation {
        #[arg(long)]
        name: String,
    },
    /// Retire a station (lost, stolen or replaced): its key starts no more shifts, and the
    /// shifts begun there end now. Its name stays taken, for the audit: register the
    /// replacement under a new one.
    RetireStation {
        #[arg(long)]
        name: String,
    },
    /// Every staff action, newest first, as JSON lines: who, when, what, from where.
    Audit {
        /// Only this support request's.
        #[arg(long)]
        request: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
enum RecoveryCommand {
    /// A flow's state, gates and counters, and its events, as JSON lines.
    Show { flow_id: String },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print every problem with the configuration at once; exit 1 if there is any.
    Check,
}

/// Parses the command line, runs the command, and says what went wrong if it failed.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn load(cli: &Cli) -> anyhow::Result<Config> {
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(dir) = &cli.data_dir {
        config.server.data_dir.clone_from(dir);
    }
    Ok(config)
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Config { command: ConfigCommand::Check } = &cli.command {
        return Ok(config_check(&cli));
    }
    let mut config = load(&cli)?;
    logging::init(&config.log);
    match cli.command {
        Command::Serve { listen } => {
            if let Some(listen) = listen {
                config.server.listen = listen;
            }
            serve::serve(config, cli.local).await?;
        }
        Command::Migrate => {
            let store = app::open_store(&config).await?;
            store.migrate().await.context("applying migrations")?;
            for (version, description) in store.applied_migrations().await? {
                println!("{version} {description}");
            }
        }
        Command::Account { command } => account::run(command, &config, cli.local).await?,
        Command::Staff { command } => staff::run(command, &config, cli.local).await?,
        Command::Recovery { command: RecoveryCommand::Show { flow_id } } => {
            inspect::flow(&config, cli.local, &flow_id).await?;
        }
        Command::Events { identifier, region, limit } => {
            inspect::events(&config, cli.local, &identifier, region.as_deref(), limit).await?;
        }
        Command::Config { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

fn config_check(cli: &Cli) -> ExitCode {
    let problems = match load(cli) {
        Ok(config) => config.problems(cli.local),
        Err(error) => match error.downcast::<crate::config::ConfigErrors>() {
            Ok(errors) => errors.0,
            Err(other) => vec![other.to_string()],
        },
    };
    if problems.is_empty() {
        println!("configuration is valid");
        ExitCode::SUCCESS
    } else {
        println!("{}", crate::config::ConfigErrors(problems));
        ExitCode::FAILURE
    }
}

/// A domain error as the operator reads it.
fn describe(error: regain_recovery::Error) -> anyhow::Error {
    match error {
        regain_recovery::Error::WeakPassword { verdict, .. } => anyhow::anyhow!(
            "the password is refused: {}",
            verdict.reasons.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}
