//! What the side-by-side load (`scripts/measure-load`) needs before wrk runs, made untimed
//! against a running local-mode `regain-server`: solved captchas (one per flow start; a captcha
//! is spent once), real accounts with confirmed contacts, and flows at their last step (a reset
//! token each, the code read from the dev inbox), so that wrk measures one kind of request.
//!   regain-prepare captchas BASE_URL COUNT FILE    # one solved captcha per line
//!   regain-prepare accounts BASE_URL COUNT         # accounts 0..COUNT (email_of, phone_of)
//!   regain-prepare resets BASE_URL FROM COUNT FILE # "flow_id reset_token" per line
#![allow(clippy::print_stdout)]

use std::io::Write as _;
use std::time::Duration;

use anyhow::{bail, Context as _};
use regain_load::{email_of, Client};
use serde_json::json;

/// Requests in flight while preparing.
const PARALLEL: usize = 8;

const USAGE: &str = "usage: regain-prepare captchas BASE_URL COUNT FILE
       regain-prepare accounts BASE_URL COUNT
       regain-prepare resets BASE_URL FROM COUNT FILE";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |n: usize| args.get(n).map(String::as_str).context(USAGE);
    let client = Client::new(arg(2)?.to_owned(), PARALLEL)?;
    match arg(1)? {
        "captchas" => captchas(&client, arg(3)?.parse()?, arg(4)?).await,
        "accounts" => {
            let count: usize = arg(3)?.parse()?;
            client.population(0..count).await?;
            println!("{count} accounts");
            Ok(())
        }
        "resets" => resets(&client, arg(3)?.parse()?, arg(4)?.parse()?, arg(5)?).await,
        other => bail!("unknown step {other}\n{USAGE}"),
    }
}

async fn captchas(client: &Client, count: usize, file: &str) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    let mut done = 0;
    while done < count {
        let batch = (count - done).min(PARALLEL * 16);
        let mut tasks = Vec::with_capacity(batch);
        for _ in 0..batch {
            let client = client.clone();
            tasks.push(tokio::spawn(async move { client.captcha().await }));
        }
        for task in tasks {
            writeln!(out, "{}", task.await??)?;
        }
        done += batch;
    }
    out.flush()?;
    println!("{count} captchas");
    Ok(())
}

/// Flows for accounts FROM..FROM+COUNT, each at its last step: started, its code sent by email
/// and checked.
async fn resets(client: &Client, from: usize, count: usize, file: &str) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    for i in from..from + count {
        let email = email_of(i);
        let flow = client.flow(&email).await?;
        let after = client.newest_to(&email, "").await?.map_or(0, |m| m.id);
        client.challenge(&flow, "email").await?.expect(200, "sending the code")?;
        let message = client.wait_for(&email, "", after, Duration::from_secs(30)).await?;
        let code = message.code.context("a code")?;
        let verified = client
            .post(&format!("/v1/recovery/flows/{flow}/verify"), json!({"code": code}))
            .await?
            .expect(200, "checking the code")?;
        let token = verified["reset_token"].as_str().context("a reset token")?;
        writeln!(out, "{flow} {token}")?;
    }
    out.flush()?;
    println!("{count} flows at their last step");
    Ok(())
}
