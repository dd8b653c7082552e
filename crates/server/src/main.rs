//! `regain-server`: the recovery service's command line.
#![allow(clippy::print_stdout)]

use std::io::Read as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use regain_recovery::{Email, Identifier, NewAccountInput, Phone, Secret};
use regain_server::config::Config;
use regain_server::{app, local, logging};

#[derive(Debug, Parser)]
#[command(name = "regain-server", version, about = "Regain's account recovery service")]
struct Cli {
    /// The TOML configuration file (see regain.example.toml).
    #[arg(long, global = true, env = "REGAIN_CONFIG")]
    config: Option<PathBuf>,
    /// Where the SQLite database lives (overrides server.data_dir).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Local mode: SQLite in the data dir, messages kept in the dev outbox instead of sent,
    /// a generated secret, and a demo account. Loopback only.
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
enum RecoveryCommand {
    /// A flow's state, gates and counters, and its events, as JSON lines.
    Show { flow_id: String },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print every problem with the configuration at once; exit 1 if there is any.
    Check,
}

fn main() -> ExitCode {
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
            serve(config, cli.local).await?;
        }
        Command::Migrate => {
            let store = app::open_store(&config).await?;
            store.migrate().await.context("applying migrations")?;
            for (version, description) in store.applied_migrations().await? {
                println!("{version} {description}");
            }
        }
        Command::Account { command } => account(command, &config, cli.local).await?,
        Command::Recovery { command: RecoveryCommand::Show { flow_id } } => {
            let store = app::open_store(&config).await?;
            store.migrate().await.context("applying migrations")?;
            use regain_recovery::store::{EventStore as _, RecoveryStore as _};
            let flow = store
                .flow(&flow_id)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .context("no such flow")?;
            println!(
                "{}",
                serde_json::json!({
                    "flow_id": flow.id,
                    "account_id": flow.account_id,
                    "decoy": flow.is_decoy(),
                    "state": flow.state.as_str(),
                    "method": flow.method.map(|m| m.as_str()),
                    "gates_required": flow.gates_required,
                    "gates_passed": flow.gates_passed.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
                    "sends": flow.sends,
                    "code_attempts": flow.code_attempts,
                    "question_attempts": flow.question_attempts,
                    "created_at": flow.created_at,
                    "expires_at": flow.expires_at,
                    "completed_at": flow.completed_at,
                })
            );
            for event in store.flow_events(&flow_id).await.map_err(|e| anyhow::anyhow!("{e}"))? {
                print_event(&event);
            }
        }
        Command::Events { identifier, region, limit } => {
            let service = app::build(&config, cli.local).await?;
            let identifier = Identifier::parse(&identifier, region.as_deref())
                .map_err(|_| anyhow::anyhow!("not an email, phone number or account ID"))?;
            let account = service
                .state
                .accounts
                .find(&identifier)
                .await
                .map_err(describe)?
                .context("no such account")?;
            for event in service.state.accounts.events(account.id, limit).await.map_err(describe)? {
                print_event(&event);
            }
        }
        Command::Config { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

fn config_check(cli: &Cli) -> ExitCode {
    let problems = match load(cli) {
        Ok(config) => config.problems(cli.local),
        Err(error) => match error.downcast::<regain_server::config::ConfigErrors>() {
            Ok(errors) => errors.0,
            Err(other) => vec![other.to_string()],
        },
    };
    if problems.is_empty() {
        println!("configuration is valid");
        ExitCode::SUCCESS
    } else {
        println!("{}", regain_server::config::ConfigErrors(problems));
        ExitCode::FAILURE
    }
}

async fn serve(mut config: Config, local: bool) -> anyhow::Result<()> {
    // Before binding: local mode must not listen beyond loopback even for a moment.
    let problems = config.problems(local);
    if !problems.is_empty() {
        return Err(regain_server::config::ConfigErrors(problems).into());
    }
    let listener = tokio::net::TcpListener::bind(config.server.listen)
        .await
        .with_context(|| format!("listening on {}", config.server.listen))?;
    let address = listener.local_addr()?;
    if local {
        // Links in messages lead back to this very service, wherever it listens.
        config.server.public_origin = format!("http://{address}");
    }
    let service = app::build(&config, local).await?;
    if local {
        let demo = local::seed_demo(&service.state.accounts).await?;
        tracing::info!(account_id = demo, "demo account ready");
    }
    // One line on stdout, for people and for the tests that start this binary.
    println!("regain-server listening on http://{address}");
    if local {
        println!(
            "local mode: dev inbox at http://{address}/v1/dev/outbox, API spec at http://{address}/openapi.json\n\
             demo account: {} or {} with password \"{}\"",
            local::DEMO_EMAIL,
            local::DEMO_PHONE,
            local::DEMO_PASSWORD,
        );
    }
    app::serve(service, listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down");
}

async fn account(command: AccountCommand, config: &Config, local: bool) -> anyhow::Result<()> {
    let service = app::build(config, local).await?;
    let accounts = &service.state.accounts;
    match command {
        AccountCommand::Create { display_name, email, phone, region, birthday, confirmed } => {
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let input = NewAccountInput {
                display_name,
                email: email
                    .as_deref()
                    .map(Email::parse)
                    .transpose()
                    .map_err(|_| anyhow::anyhow!("--email is not a valid email address"))?,
                phone: phone
                    .as_deref()
                    .map(|p| Phone::parse(p, region.as_deref()))
                    .transpose()
                    .map_err(|_| {
                        anyhow::anyhow!(
                            "--phone is not a valid phone number (use +<country code> or --region)"
                        )
                    })?,
                birthday,
                password: Secret::new(password),
                locale: None,
            };
            let account = accounts.create(input, confirmed).await.map_err(describe)?;
            if !confirmed {
                // Deliver the confirmation codes before exiting.
                service
                    .worker
                    .tick(regain_recovery::Clock::now(&regain_recovery::SystemClock))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            print_account(&account)?;
        }
        AccountCommand::Show { identifier, region } => {
            let identifier = Identifier::parse(&identifier, region.as_deref())
                .map_err(|_| anyhow::anyhow!("not an email, phone number or account ID"))?;
            let account =
                accounts.find(&identifier).await.map_err(describe)?.context("no such account")?;
            print_account(&account)?;
        }
        AccountCommand::List { after, limit } => {
            for account in accounts.list(after, limit.min(1000)).await.map_err(describe)? {
                print_account(&account)?;
            }
        }
    }
    Ok(())
}

fn print_event(event: &regain_recovery::events::StoredEvent) {
    println!(
        "{}",
        serde_json::json!({
            "at": event.at,
            "kind": event.kind,
            "method": event.method,
            "outcome": event.outcome,
            "ip": event.ip,
            "flow_id": event.flow_id,
            "account_id": event.account_id,
        })
    );
}

fn print_account(account: &regain_recovery::Account) -> anyhow::Result<()> {
    let view = regain_server::http::account_view(account);
    println!("{}", serde_json::to_string(&view)?);
    Ok(())
}

fn describe(error: regain_recovery::Error) -> anyhow::Error {
    match error {
        regain_recovery::Error::WeakPassword { verdict, .. } => anyhow::anyhow!(
            "the password is refused: {}",
            verdict.reasons.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}
