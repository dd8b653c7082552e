//! The interleaved enumeration probe: does any answer about an existing account take another
//! time than the same answer about an identifier that names no account?
//!
//! For each kind of request, `PAIRS` pairs: one request about a real account of a running
//! local-mode server and one about an unknown identifier of the same kind, in alternating order,
//! one at a time over one keep-alive connection. Pair `i` has its own real account (signed up
//! and confirmed through the dev inbox beforehand, all at one email domain and one phone country,
//! as a company's would be) and its own unknown identifiers, so that every probe asks about each
//! identifier for the first time and no budget is ever spent. Whatever a pair needs beforehand
//! (a solved captcha, a flow waiting for its code) is prepared untimed. Prints, per probe, both medians,
//! their difference, how often the existing side was slower, and the Mann-Whitney U test's
//! two-sided p-value (normal approximation with ties). A benchmark, not a test:
//! `scripts/measure-enumeration` starts the release server and writes the results.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::{json, Value};

const PASSWORD: &str = "copper lantern drift 2024";

struct Probe {
    base: String,
    http: reqwest::Client,
    /// The real accounts' IDs, by pair.
    accounts: Vec<u64>,
}

impl Probe {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value, Duration)> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let started = Instant::now();
        let response = request.send().await?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await?;
        let took = started.elapsed();
        let value = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes)? };
        Ok((status, value, took))
    }

    async fn post(&self, path: &str, body: Value) -> anyhow::Result<(u16, Value, Duration)> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    async fn captcha(&self) -> anyhow::Result<String> {
        let (_, challenge, _) =
            self.call(reqwest::Method::GET, "/v1/captcha/challenge", None).await?;
        Ok(regain_client::captcha::solve(&challenge)?.into_exposed())
    }

    /// A new flow for `identifier` (untimed).
    async fn flow(&self, identifier: &str) -> anyhow::Result<String> {
        let captcha = self.captcha().await?;
        let (status, flow, _) = self
            .post("/v1/recovery/flows", json!({"identifier": identifier, "captcha": captcha}))
            .await?;
        if status != 201 {
            bail!("starting a flow answered {status}: {flow}");
        }
        Ok(flow["flow_id"].as_str().context("a flow ID")?.to_owned())
    }

    async fn challenge(&self, flow: &str) -> anyhow::Result<Duration> {
        let (status, body, took) = self
            .post(&format!("/v1/recovery/flows/{flow}/challenge"), json!({"method": "email"}))
            .await?;
        if status != 200 {
            bail!("the challenge answered {status}: {body}");
        }
        Ok(took)
    }
}

/// The identifier of the `kind` of pair `i`: its real account's, or an unknown one.
fn identifier(probe: &Probe, kind: &str, existing: bool, i: usize) -> String {
    match (kind, existing) {
        ("email", true) => format!("real{i}@corp.example"),
        ("email", false) => format!("nobody{i}@corp.example"),
        ("phone", true) => format!("+447400{}", 100_000 + i),
        ("phone", false) => format!("+447400{}", 600_000 + i),
        (_, true) => probe.accounts[i].to_string(),
        (_, false) => (1_000_000_007 + 7_919 * i as u64).to_string(),
    }
}

/// Signs up and confirms the real accounts of `pairs` pairs, fifty at a time, reading their
/// codes from the dev inbox.
async fn population(probe: &mut Probe, pairs: usize) -> anyhow::Result<()> {
    for batch in (0..pairs).collect::<Vec<_>>().chunks(50) {
        let mut sessions = Vec::new();
        for &i in batch {
            let body = json!({"display_name": "Probe Person",
                "email": identifier(probe, "email", true, i),
                "phone": identifier(probe, "phone", true, i),
                "password": PASSWORD, "captcha": probe.captcha().await?});
            let (status, reply, _) = probe.post("/v1/accounts", body).await?;
            if status != 201 {
                bail!("preparing account {i}: {status} {reply}");
            }
            probe.accounts.push(reply["account"]["account_id"].as_u64().context("an account ID")?);
            let token = reply["session"]["access_token"].as_str().context("a token")?.to_owned();
            sessions.push((i, token));
        }
        // The courier delivers in the background: wait until every code of the batch is there.
        let wanted = 2 * sessions.len();
        let mut messages = Vec::new();
        for _ in 0..500 {
            let (_, outbox, _) = probe.call(reqwest::Method::GET, "/v1/dev/outbox", None).await?;
            messages = outbox["messages"].as_array().context("the dev inbox")?.clone();
            let arrived = sessions
                .iter()
                .flat_map(|(i, _)| {
                    [identifier(probe, "email", true, *i), identifier(probe, "phone", true, *i)]
                })
                .filter(|to| messages.iter().any(|m| m["to"] == to.as_str()))
                .count();
            if arrived == wanted {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        for (i, token) in sessions {
            for channel in ["email", "phone"] {
                let to = identifier(probe, channel, true, i);
                let body = messages
                    .iter()
                    .find(|m| m["to"] == to.as_str())
                    .and_then(|m| m["body"].as_str())
                    .context("a code")?;
                let code = body
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|run| run.len() == 6)
                    .context("six digits")?;
                let confirmed = probe
                    .http
                    .post(format!("{}/v1/me/contacts/confirm", probe.base))
                    .bearer_auth(&token)
                    .json(&json!({"channel": channel, "code": code}))
                    .send()
                    .await?;
                if confirmed.status() != 204 {
                    bail!("confirming account {i}'s {channel}: {}", confirmed.status());
                }
            }
        }
    }
    Ok(())
}

/// One timed request of `probe` for the existing side or the unknown side.
async fn measure(probe: &Probe, name: &str, existing: bool, i: usize) -> anyhow::Result<Duration> {
    match name {
        "start (email)" | "start (phone)" | "start (account ID)" => {
            let kind = name.trim_start_matches("start (").trim_end_matches(')');
            let identifier = identifier(probe, kind, existing, i);
            let captcha = probe.captcha().await?;
            let (status, body, took) = probe
                .post("/v1/recovery/flows", json!({"identifier": identifier, "captcha": captcha}))
                .await?;
            if status != 201 {
                bail!("{name} answered {status}: {body}");
            }
            Ok(took)
        }
        "code send" => {
            let flow = probe.flow(&identifier(probe, "email", existing, i)).await?;
            probe.challenge(&flow).await
        }
        "wrong code" => {
            let flow = probe.flow(&identifier(probe, "email", existing, i)).await?;
            probe.challenge(&flow).await?;
            let (status, body, took) = probe
                .post(&format!("/v1/recovery/flows/{flow}/verify"), json!({"code": "000000"}))
                .await?;
            if status != 400 {
                bail!("a wrong code answered {status}: {body}");
            }
            Ok(took)
        }
        "sign-in" => {
            let identifier = identifier(probe, "email", existing, i);
            let body =
                json!({"identifier": identifier, "password": "not the right password at all"});
            let (status, reply, took) = probe.post("/v1/sessions", body).await?;
            if status != 401 {
                bail!("a wrong sign-in answered {status}: {reply}");
            }
            Ok(took)
        }
        "sign-up" => {
            let email = if existing {
                identifier(probe, "email", true, i)
            } else {
                format!("fresh{i}@corp.example")
            };
            let captcha = probe.captcha().await?;
            let body = json!({"display_name": "Probe Person", "email": email,
                "password": PASSWORD, "captcha": captcha});
            let (status, reply, took) = probe.post("/v1/accounts", body).await?;
            if status != 201 {
                bail!("sign-up answered {status}: {reply}");
            }
            Ok(took)
        }
        "delivery (until sent)" => {
            let flow = probe.flow(&identifier(probe, "email", existing, i)).await?;
            let started = Instant::now();
            probe.challenge(&flow).await?;
            loop {
                let (_, view, _) = probe
                    .call(reqwest::Method::GET, &format!("/v1/recovery/flows/{flow}"), None)
                    .await?;
                match view["challenge"]["delivery"].as_str() {
                    Some("sent") => return Ok(started.elapsed()),
                    Some("sending") => tokio::time::sleep(Duration::from_millis(1)).await,
                    other => bail!("delivery became {other:?}"),
                }
                if started.elapsed() > Duration::from_secs(10) {
                    bail!("never sent");
                }
            }
        }
        other => bail!("no probe named {other}"),
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The Mann-Whitney U test of `a` against `b`: (z, two-sided p), ties given their mean rank.
fn mann_whitney(a: &[f64], b: &[f64]) -> (f64, f64) {
    let mut all: Vec<(f64, bool)> =
        a.iter().map(|&v| (v, true)).chain(b.iter().map(|&v| (v, false))).collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    let n = all.len() as f64;
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let (mut rank_sum_a, mut ties) = (0.0, 0.0);
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j + 1 < all.len() && all[j + 1].0 == all[i].0 {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        rank_sum_a += all[i..=j].iter().filter(|(_, from_a)| *from_a).count() as f64 * mean_rank;
        i = j + 1;
    }
    let u = rank_sum_a - n1 * (n1 + 1.0) / 2.0;
    let sd = (n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    let z = (u - n1 * n2 / 2.0) / sd;
    (z, erfc(z.abs() / std::f64::consts::SQRT_2))
}

/// The complementary error function (Numerical Recipes' `erfcc`, fractional error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let base = args.next().context("usage: regain-enumeration BASE_URL [PAIRS] [PROBE...]")?;
    let pairs: usize = args.next().map(|p| p.parse()).transpose()?.unwrap_or(200);
    let mut names: Vec<String> = args.collect();
    if names.is_empty() {
        names = [
            "start (email)",
            "start (phone)",
            "start (account ID)",
            "code send",
            "wrong code",
            "sign-in",
            "sign-up",
            "delivery (until sent)",
        ]
        .map(ToOwned::to_owned)
        .to_vec();
    }
    let http = reqwest::Client::builder().pool_max_idle_per_host(1).build()?;
    let mut probe = Probe { base, http, accounts: Vec::new() };
    // Pairs 0..PAIRS are measured; the ten after them warm up.
    population(&mut probe, pairs + 10).await?;

    println!(
        "{:<22} {:>6} {:>13} {:>13} {:>9} {:>8} {:>7} {:>7}",
        "probe", "pairs", "existing p50", "unknown p50", "diff", "ex>unk", "z", "p"
    );
    for name in &names {
        // Warm-up, untimed: both sides, a few times.
        for i in pairs..pairs + 10 {
            measure(&probe, name, true, i).await?;
            measure(&probe, name, false, i).await?;
        }
        let (mut existing, mut unknown) = (Vec::with_capacity(pairs), Vec::with_capacity(pairs));
        for i in 0..pairs {
            // Alternate which side goes first, so that neither always follows the other.
            let first_existing = i % 2 == 0;
            let a = measure(&probe, name, first_existing, i).await?;
            let b = measure(&probe, name, !first_existing, i).await?;
            let (e, u) = if first_existing { (a, b) } else { (b, a) };
            existing.push(e.as_secs_f64() * 1e6);
            unknown.push(u.as_secs_f64() * 1e6);
        }
        let slower =
            existing.iter().zip(&unknown).filter(|(e, u)| e > u).count() as f64 / pairs as f64;
        let (z, p) = mann_whitney(&existing, &unknown);
        let (me, mu) = (median(&existing), median(&unknown));
        println!(
            "{name:<22} {pairs:>6} {:>10.1} µs {:>10.1} µs {:>+6.1} µs {:>8.2} {z:>7.2} {p:>7.3}",
            me,
            mu,
            me - mu,
            slower
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mann_whitney_separates_shifted_samples_and_not_equal_ones() {
        let a: Vec<f64> = (0..200).map(f64::from).collect();
        let shifted: Vec<f64> = a.iter().map(|v| v + 60.0).collect();
        let (z, p) = mann_whitney(&a, &shifted);
        assert!(z < -5.0 && p < 1e-6, "z {z}, p {p}");
        let (z, p) = mann_whitney(&a, &a);
        assert!(z.abs() < 1e-9 && (p - 1.0).abs() < 1e-6, "z {z}, p {p}");
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-6);
        assert!((erfc(-1.0) - 1.842_700_793).abs() < 1e-6);
    }
}
