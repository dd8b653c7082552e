//! The soak: a mixed load held against a running local-mode `regain-server` for a while, with
//! what it did, each answer's status, the p50 and p99 of every kind of request and the server's
//! RSS, minute by minute.
//!
//! `CLIENTS` workers, each with its own share of `ACCOUNTS` real accounts (prepared untimed,
//! contacts confirmed through the dev inbox), take turns at four scenarios:
//!
//! - a **recovery** of one of its accounts by email, phone number or account ID, the code sent
//!   by email or SMS, a wrong code first in one recovery of five, the right code read from the
//!   dev inbox, a new password (never one used before), and a sign-in with it;
//! - a **decoy**: a flow for an identifier that names no account, a code "sent", a wrong code;
//! - **sign-ins**: a wrong password, then the right one;
//! - a **captcha** fetched and a health check, the cheapest requests there are.
//!
//! Every request has a timeout and every loop a bound: a worker stops at the deadline, and a
//! wait for a code gives up after 30 s (counted as an error). Any answer other than the one the
//! scenario expects is an error; 5xx are counted apart. Exits non-zero on any error.
//! A benchmark, not a test: `scripts/soak` starts the release server and writes the results.
//!   regain-soak BASE_URL SECONDS CLIENTS ACCOUNTS SERVER_PID
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use regain_load::{email_of, phone_of, quantile, Answer, Client, PASSWORD};
use serde_json::json;

/// What a recovery code's message says, by email and by SMS (English); no notice says it.
const RECOVERY_CODE: &str = "recovery code";

/// What one minute of the soak saw.
#[derive(Default)]
struct Minute {
    /// Milliseconds, by kind of request.
    latencies: BTreeMap<&'static str, Vec<f64>>,
    server_errors: u64,
    unexpected: u64,
    scenarios: u64,
}

struct Stats {
    started: Instant,
    /// The soak's length in whole minutes: what finishes after the deadline counts in the last.
    minutes_in_all: usize,
    minutes: Mutex<Vec<Minute>>,
    /// The first few unexpected answers, for the report (bodies carry codes, never secrets).
    first_errors: Mutex<Vec<String>>,
}

impl Stats {
    fn minute(&self) -> usize {
        let minute = (self.started.elapsed().as_secs() / 60) as usize;
        minute.min(self.minutes_in_all - 1)
    }

    fn with<R>(&self, f: impl FnOnce(&mut Minute) -> R) -> R {
        let index = self.minute();
        let mut minutes = self.minutes.lock().unwrap_or_else(|p| p.into_inner());
        if minutes.len() <= index {
            minutes.resize_with(index + 1, Minute::default);
        }
        f(&mut minutes[index])
    }

    /// Records `answer` to a request of `kind`; an error when its status is not `wanted`.
    fn check(&self, kind: &'static str, answer: &Answer, wanted: u16) -> anyhow::Result<()> {
        self.with(|m| {
            m.latencies.entry(kind).or_default().push(answer.took.as_secs_f64() * 1e3);
            if answer.status >= 500 {
                m.server_errors += 1;
            }
        });
        if answer.status == wanted {
            return Ok(());
        }
        bail!("{kind} answered {} instead of {wanted}: {}", answer.status, answer.body)
    }

    fn failed(&self, error: &anyhow::Error) {
        self.with(|m| m.unexpected += 1);
        let mut first = self.first_errors.lock().unwrap_or_else(|p| p.into_inner());
        if first.len() < 20 {
            first.push(format!("{:>4} s  {error:#}", self.started.elapsed().as_secs()));
        }
    }
}

/// One worker's own accounts and what it knows of them.
struct Worker {
    client: Client,
    stats: Arc<Stats>,
    /// (pair index, account ID, current password, recoveries so far)
    accounts: Vec<(usize, u64, String, u32)>,
    turn: usize,
}

impl Worker {
    async fn recovery(&mut self) -> anyhow::Result<()> {
        let slot = self.turn % self.accounts.len();
        let (i, account_id, _, recoveries) = self.accounts[slot].clone();
        let identifier = match recoveries % 3 {
            0 => email_of(i),
            1 => phone_of(i),
            _ => account_id.to_string(),
        };
        let (method, to) =
            if recoveries % 2 == 0 { ("email", email_of(i)) } else { ("sms", phone_of(i)) };
        let client = &self.client;
        let captcha = client.captcha().await?;
        let started = client
            .post("/v1/recovery/flows", json!({"identifier": identifier, "captcha": captcha}))
            .await?;
        self.stats.check("start", &started, 201)?;
        let flow = started.body["flow_id"].as_str().context("a flow ID")?.to_owned();
        let before = client.newest_to(&to, RECOVERY_CODE).await?.map_or(0, |m| m.id);
        let challenge = client.challenge(&flow, method).await?;
        self.stats.check("challenge", &challenge, 200)?;
        let verify = format!("/v1/recovery/flows/{flow}/verify");
        if recoveries % 5 == 4 {
            let wrong = client.post(&verify, json!({"code": "000000"})).await?;
            self.stats.check("wrong code", &wrong, 400)?;
        }
        self.sent(&flow).await?;
        let message = client.wait_for(&to, RECOVERY_CODE, before, Duration::from_secs(30)).await?;
        let code = message.code.context("a code in the message")?;
        let verified = client.post(&verify, json!({"code": code})).await?;
        self.stats.check("right code", &verified, 200)?;
        let reset = verified.body["reset_token"].as_str().context("a reset token")?;
        let password = format!("{PASSWORD} soak {i} {}", recoveries + 1);
        let set = client
            .post(
                &format!("/v1/recovery/flows/{flow}/password"),
                json!({"reset_token": reset, "new_password": password}),
            )
            .await?;
        self.stats.check("reset", &set, 200)?;
        self.accounts[slot].2 = password.clone();
        self.accounts[slot].3 += 1;
        let right = json!({"identifier": email_of(i), "password": password});
        let signed_in = client.post("/v1/sessions", right).await?;
        self.stats.check("sign-in (right)", &signed_in, 201)
    }

    /// Waits until flow `flow`'s code has left (bounded: 30 s).
    async fn sent(&self, flow: &str) -> anyhow::Result<()> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let view = self.client.get(&format!("/v1/recovery/flows/{flow}")).await?;
            self.stats.check("flow state", &view, 200)?;
            match view.body["challenge"]["delivery"].as_str() {
                Some("sent") => return Ok(()),
                Some("sending") => tokio::time::sleep(Duration::from_millis(10)).await,
                other => bail!("the code's delivery became {other:?}"),
            }
        }
        bail!("the code was not sent within 30 s")
    }

    async fn decoy(&mut self, n: usize) -> anyhow::Result<()> {
        let client = &self.client;
        let captcha = client.captcha().await?;
        let identifier = format!("nobody{n}@corp.example");
        let started = client
            .post("/v1/recovery/flows", json!({"identifier": identifier, "captcha": captcha}))
            .await?;
        self.stats.check("start", &started, 201)?;
        let flow = started.body["flow_id"].as_str().context("a flow ID")?;
        let challenge = client.challenge(flow, "email").await?;
        self.stats.check("challenge", &challenge, 200)?;
        let verify = format!("/v1/recovery/flows/{flow}/verify");
        let wrong = client.post(&verify, json!({"code": "000000"})).await?;
        self.stats.check("wrong code", &wrong, 400)
    }

    async fn sign_ins(&mut self) -> anyhow::Result<()> {
        let (i, _, password, _) = &self.accounts[self.turn % self.accounts.len()];
        let wrong = json!({"identifier": phone_of(*i), "password": "not the right one at all"});
        self.stats.check(
            "sign-in (wrong)",
            &self.client.post("/v1/sessions", wrong).await?,
            401,
        )?;
        let right = json!({"identifier": phone_of(*i), "password": password});
        self.stats.check("sign-in (right)", &self.client.post("/v1/sessions", right).await?, 201)
    }

    async fn cheap(&mut self) -> anyhow::Result<()> {
        let captcha = self.client.get("/v1/captcha/challenge").await?;
        self.stats.check("captcha", &captcha, 200)?;
        self.stats.check("health", &self.client.get("/healthz").await?, 200)
    }

    async fn run(mut self, id: usize, deadline: Instant) {
        let mut n = 0;
        while Instant::now() < deadline {
            let outcome = match n % 4 {
                0 => self.recovery().await,
                1 => self.decoy(id * 1_000_000 + n).await,
                2 => self.sign_ins().await,
                _ => self.cheap().await,
            };
            self.stats.with(|m| m.scenarios += 1);
            if let Err(error) = outcome {
                self.stats.failed(&error);
            }
            n += 1;
            if n % 4 == 0 {
                self.turn += 1;
            }
        }
    }
}

/// The resident set of process `pid`, in MiB.
fn rss_mib(pid: u32) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("VmRSS")?;
    let kib: f64 = line.split_whitespace().nth(1).context("a number")?.parse()?;
    Ok(kib / 1024.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let usage = "usage: regain-soak BASE_URL SECONDS CLIENTS ACCOUNTS SERVER_PID";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, seconds, clients, accounts, pid] = &args[..] else { bail!(usage) };
    let (seconds, clients): (u64, usize) = (seconds.parse()?, clients.parse()?);
    let (accounts, pid): (usize, u32) = (accounts.parse()?, pid.parse()?);
    if clients == 0 || accounts < clients {
        bail!("{usage}: at least one client, and an account for each");
    }

    let client = Client::new(base.clone(), clients)?;
    let prepared = Instant::now();
    let ids = client.population(0..accounts).await?;
    println!("prepared {accounts} accounts in {:.0} s", prepared.elapsed().as_secs_f64());

    let stats = Arc::new(Stats {
        started: Instant::now(),
        minutes_in_all: seconds.div_ceil(60).max(1) as usize,
        minutes: Mutex::new(Vec::new()),
        first_errors: Mutex::new(Vec::new()),
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..clients {
        let accounts =
            (w..accounts).step_by(clients).map(|i| (i, ids[i], PASSWORD.to_owned(), 0)).collect();
        let worker =
            Worker { client: client.clone(), stats: Arc::clone(&stats), accounts, turn: 0 };
        workers.spawn(worker.run(w, deadline));
    }
    // The server's RSS, every ten seconds while the load runs.
    let mut rss = vec![(0, rss_mib(pid)?)];
    while !workers.is_empty() {
        tokio::select! {
            _ = workers.join_next() => {}
            () = tokio::time::sleep(Duration::from_secs(10)) => {
                rss.push((stats.started.elapsed().as_secs(), rss_mib(pid)?));
            }
        }
    }
    rss.push((stats.started.elapsed().as_secs(), rss_mib(pid)?));
    report(&stats, &rss)
}

fn report(stats: &Stats, rss: &[(u64, f64)]) -> anyhow::Result<()> {
    let minutes = stats.minutes.lock().unwrap_or_else(|p| p.into_inner());
    let kinds: Vec<&'static str> = {
        let mut kinds: Vec<_> = minutes.iter().flat_map(|m| m.latencies.keys().copied()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    };
    println!(
        "\nminute  scenarios  requests  req/s   5xx  errors   p50 ms   p99 ms   RSS MiB (end)"
    );
    for (index, minute) in minutes.iter().enumerate() {
        let all: Vec<f64> = minute.latencies.values().flatten().copied().collect();
        let end = ((index + 1) * 60) as u64;
        let rss_end = rss.iter().rev().find(|(t, _)| *t <= end).map_or(0.0, |(_, r)| *r);
        println!(
            "{:>6} {:>10} {:>9} {:>6.0} {:>5} {:>7} {:>8.1} {:>8.1} {:>10.0}",
            index + 1,
            minute.scenarios,
            all.len(),
            all.len() as f64 / 60.0,
            minute.server_errors,
            minute.unexpected,
            quantile(&all, 0.5),
            quantile(&all, 0.99),
            rss_end
        );
    }
    println!(
        "\nkind of request        count   p50 ms   p99 ms  (first minute p99 -> last minute p99)"
    );
    for kind in &kinds {
        let all: Vec<f64> =
            minutes.iter().filter_map(|m| m.latencies.get(kind)).flatten().copied().collect();
        let p99_of = |m: Option<&Minute>| {
            m.and_then(|m| m.latencies.get(kind)).map_or(0.0, |v| quantile(v, 0.99))
        };
        println!(
            "{kind:<20} {:>7} {:>8.1} {:>8.1}  ({:.1} -> {:.1})",
            all.len(),
            quantile(&all, 0.5),
            quantile(&all, 0.99),
            p99_of(minutes.first()),
            p99_of(minutes.last()),
        );
    }
    let samples: Vec<String> = rss.iter().map(|(t, r)| format!("{t}s {r:.0}")).collect();
    println!("\nRSS MiB every 10 s: {}", samples.join(", "));
    // Growth after warm-up: from the end of the second minute to the end.
    let warm = rss.iter().rev().find(|(t, _)| *t <= 120).map_or(rss[0].1, |(_, r)| *r);
    let last = rss.last().map_or(0.0, |(_, r)| *r);
    let growth = (last - warm) / warm * 100.0;
    println!("RSS after warm-up (120 s) {warm:.0} MiB, at the end {last:.0} MiB: {growth:+.1}%");
    let server_errors: u64 = minutes.iter().map(|m| m.server_errors).sum();
    let unexpected: u64 = minutes.iter().map(|m| m.unexpected).sum();
    println!("5xx answers: {server_errors}; unexpected answers or failed scenarios: {unexpected}");
    for error in stats.first_errors.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        println!("  {error}");
    }
    if server_errors > 0 || unexpected > 0 || growth > 10.0 {
        bail!("the soak failed: {server_errors} 5xx, {unexpected} errors, RSS {growth:+.1}%");
    }
    Ok(())
}
