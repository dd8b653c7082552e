//! `regain`: the terminal client of the recovery service, for people at a terminal and for
//! support engineers' scripts. Prompts go to stderr as whole lines and answers are read a line
//! at a time from stdin, so a script can drive it through pipes; passwords are read without
//! echo when stdin is a terminal. Nothing secret is ever printed.
#![allow(clippy::print_stdout)]

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::{Parser, Subcommand};
use regain_client::{Client, Error, RecoverySession, SignedIn, WalkError};
use regain_protocol::{
    DeviceInfo, FlowState, FlowView, Platform, RecoveryMethod, SecondFactorMethod,
    SecondFactorRequest, Secret, SignInRequest,
};

#[derive(Debug, Parser)]
#[command(name = "regain", version, about = "Recover a Regain account from the terminal")]
struct Cli {
    /// The recovery service: https://…, or http:// to this computer.
    #[arg(long, env = "REGAIN_SERVER", default_value = "http://127.0.0.1:8080", global = true)]
    server: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Is the service up? With --flow, where that recovery stands.
    Status {
        #[arg(long)]
        flow: Option<String>,
    },
    /// Sign in (the password is read from stdin) and show the account, its contacts masked.
    SignIn {
        /// Email, phone number or account ID.
        identifier: String,
        /// Region for a national phone number (`GB`, `CN`).
        #[arg(long)]
        region: Option<String>,
    },
    /// Forgot the password: prove ownership with a code or the security questions, then set
    /// a new password.
    Recover {
        /// Email, phone number or account ID.
        identifier: String,
        #[arg(long)]
        region: Option<String>,
        /// Where the code goes: sms, email or security_questions (asked when absent).
        #[arg(long, value_parser = parse_method)]
        method: Option<RecoveryMethod>,
    },
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("expected sms, email or security_questions")]
struct UnknownMethod;

fn parse_method(value: &str) -> Result<RecoveryMethod, UnknownMethod> {
    RecoveryMethod::parse(&value.replace('-', "_")).ok_or(UnknownMethod)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("regain: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let client =
        Client::with_user_agent(&cli.server, concat!("regain-cli/", env!("CARGO_PKG_VERSION")))?;
    match cli.command {
        Command::Status { flow } => {
            let health = client.health().await.map_err(explain)?;
            println!("{} {} at {}", health.status, health.version, client.base_url());
            if let Some(flow) = flow {
                let view = client.flow(&flow).await.map_err(explain)?;
                describe_flow(&view);
            }
        }
        Command::SignIn { identifier, region } => {
            let password = Prompt::secret("Password:")?;
            let signed_in = client
                .sign_in(&SignInRequest {
                    identifier,
                    password,
                    region,
                    device: Some(DeviceInfo { name: None, platform: Some(Platform::Cli) }),
                })
                .await
                .map_err(explain)?;
            let grant = match signed_in {
                SignedIn::Session(grant) => grant,
                SignedIn::SecondFactor(challenge) => {
                    let code =
                        Prompt::secret("Code from your authenticator app (or a recovery code):")?;
                    // A recovery code has twenty digits; an authenticator's code six.
                    let digits = regain_protocol::digits::normalize_code(code.expose()).len();
                    let method = if digits > 8 {
                        SecondFactorMethod::RecoveryCode
                    } else {
                        SecondFactorMethod::Totp
                    };
                    let request = SecondFactorRequest { token: challenge.token, method, code };
                    client.second_factor(&request).await.map_err(explain)?
                }
            };
            let account = client.me(&grant.access_token).await.map_err(explain)?;
            println!("signed in as {} (account {})", account.display_name, account.account_id);
            for contact in [&account.email, &account.phone].into_iter().flatten() {
                let state = if contact.confirmed { "confirmed" } else { "not confirmed" };
                println!("  {} ({state})", contact.masked);
            }
            let sessions = client.sessions(&grant.access_token).await.map_err(explain)?;
            println!("  {} signed-in session(s)", sessions.sessions.len());
            client.sign_out(&grant.access_token).await.map_err(explain)?;
        }
        Command::Recover { identifier, region, method } => {
            recover(&client, identifier, region, method).await?;
        }
    }
    Ok(())
}

async fn recover(
    client: &Client,
    identifier: String,
    region: Option<String>,
    mut wanted: Option<RecoveryMethod>,
) -> anyhow::Result<()> {
    eprintln!("Checking that you are not a robot…");
    let mut walk = RecoverySession::default();
    walk.solve_captcha(client, |_| {}).await.map_err(explain)?;
    let mut flow = walk.start(client, &identifier, region).await.map_err(explain)?;
    loop {
        match flow.state {
            FlowState::ChooseMethod => {
                let method = match wanted.take() {
                    Some(method) if flow.methods.iter().any(|m| m.method == method) => method,
                    Some(method) => bail!("{} is not offered for this account", method.as_str()),
                    None => choose(&flow)?,
                };
                flow = walk.choose(client, method).await.map_err(explain)?;
            }
            FlowState::EnterCode => {
                let Some(challenge) = &flow.challenge else { bail!("the flow has no challenge") };
                if let Some(vouching) = &challenge.vouching {
                    Prompt::line(&format!(
                        "Call your recovery contacts and read each of them the code {}. \
                         {} of {} have vouched; press Enter when {} have:",
                        vouching.code, vouching.vouched, vouching.needed, vouching.needed
                    ))?;
                    walk.refresh(client).await.map_err(explain)?;
                    flow = carry_on(walk.vouched(client).await, &walk)?;
                    continue;
                }
                let answer = Prompt::line(&format!(
                    "Enter the code sent to {} ({} tries left; type \"resend\" for a new code):",
                    challenge.destination, challenge.attempts_left
                ))?;
                flow = if answer.eq_ignore_ascii_case("resend") {
                    carry_on(walk.resend(client).await, &walk)?
                } else {
                    carry_on(walk.verify_code(client, &Secret::new(answer)).await, &walk)?
                };
            }
            FlowState::AnswerQuestions => {
                let Some(challenge) = &flow.challenge else { bail!("the flow has no questions") };
                let mut answers = Vec::new();
                for question in &challenge.questions {
                    answers.push(Prompt::secret(question)?);
                }
                flow = carry_on(walk.answer(client, answers).await, &walk)?;
            }
            FlowState::ChoosePassword => {
                let new_password = Prompt::secret(
                    "New password (15 characters or more; a few unrelated words work well):",
                )?;
                let again = Prompt::secret("The same password again:")?;
                if new_password.expose() != again.expose() {
                    eprintln!("The two passwords differ; try again.");
                    continue;
                }
                match walk.set_password(client, &new_password).await {
                    Ok(()) => {
                        println!(
                            "Your password was changed. Every signed-in session was signed out."
                        );
                        return Ok(());
                    }
                    Err(WalkError::Service(Error::Api { body, .. }))
                        if body.code == regain_protocol::ErrorCode::WeakPassword =>
                    {
                        let reasons = body
                            .fields
                            .as_ref()
                            .and_then(|f| f.get("new_password"))
                            .map(|r| r.join(", "))
                            .unwrap_or_default();
                        eprintln!("{} ({reasons})", body.message);
                    }
                    Err(error) => return Err(explain(error)),
                }
            }
            FlowState::Waiting => {
                let ends_at = flow.waiting.as_ref().map_or(0, |w| w.ends_at);
                bail!(
                    "Your recovery contacts vouched. The waiting period ends at {ends_at} (Unix \
                     time); this command does not wait that long: recover with the Regain app to \
                     follow it to the end."
                )
            }
            FlowState::Complete => {
                println!("This recovery is already complete.");
                return Ok(());
            }
            FlowState::Locked => {
                bail!("Too many wrong answers: this recovery is locked. Start again later.")
            }
            FlowState::Expired => bail!("This recovery took too long and expired. Start again."),
        }
    }
}

/// A refused step is explained, and the walk carries on from where the service says the flow
/// stands (tries left, locked).
fn carry_on(
    result: Result<FlowView, WalkError>,
    walk: &RecoverySession,
) -> anyhow::Result<FlowView> {
    match result {
        Ok(flow) => Ok(flow),
        Err(error) => {
            eprintln!("{:#}", explain(error));
            walk.flow().cloned().ok_or_else(|| anyhow!("the recovery is over"))
        }
    }
}

fn choose(flow: &FlowView) -> anyhow::Result<RecoveryMethod> {
    eprintln!("Where should we send a code?");
    for (index, offer) in flow.methods.iter().enumerate() {
        eprintln!("  {}) {} — {}", index + 1, offer.method.as_str(), offer.destination);
    }
    loop {
        let answer = Prompt::line(&format!("Choose 1-{}:", flow.methods.len()))?;
        if let Some(offer) =
            answer.parse::<usize>().ok().and_then(|n| flow.methods.get(n.wrapping_sub(1)))
        {
            return Ok(offer.method);
        }
        if let Some(method) = RecoveryMethod::parse(&answer) {
            if flow.methods.iter().any(|m| m.method == method) {
                return Ok(method);
            }
        }
    }
}

fn describe_flow(flow: &FlowView) {
    println!(
        "flow {}: {:?}, {} of {} proofs",
        flow.flow_id, flow.state, flow.gates_passed, flow.gates_required
    );
    if let Some(challenge) = &flow.challenge {
        println!(
            "  {} to {}: {:?}, {} tries and {} sends left",
            challenge.method.as_str(),
            challenge.destination,
            challenge.delivery,
            challenge.attempts_left,
            challenge.sends_left
        );
    }
}

/// An error as a person reads it: the service's message, its stable code, and when to retry.
fn explain(error: impl Into<WalkError>) -> anyhow::Error {
    match error.into() {
        WalkError::Service(Error::Api { body, .. }) => {
            let retry =
                body.retry_after_secs.map(|s| format!("; try again in {s} s")).unwrap_or_default();
            anyhow!("{} [{}{retry}]", body.message, body.code.as_str())
        }
        other => anyhow!(other),
    }
}

/// Line-at-a-time prompts on stderr.
struct Prompt;

impl Prompt {
    fn line(prompt: &str) -> anyhow::Result<String> {
        Ok(Self::read(prompt)?.trim().to_owned())
    }

    fn secret(prompt: &str) -> anyhow::Result<Secret<String>> {
        if std::io::stdin().is_terminal() {
            let _ = std::io::stderr().flush();
            return Ok(Secret::new(rpassword::prompt_password(format!("{prompt} "))?));
        }
        Ok(Secret::new(Self::read(prompt)?.trim_end_matches(['\r', '\n']).to_owned()))
    }

    /// The prompt as a whole line on stderr, then one line of stdin.
    fn read(prompt: &str) -> anyhow::Result<String> {
        eprintln!("{prompt}");
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            bail!("no more input");
        }
        Ok(line)
    }
}
