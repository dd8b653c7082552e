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
//! their difference, the Mann-Whitney U test's two-sided p-value (normal approximation with
//! ties), and, since the pairs are measured side by side, how often the existing side of a pair
//! was the slower with the sign test's two-sided p-value: a paired test cancels the drift of a
//! long run, so it can see a steady per-pair difference the rank test misses. A benchmark, not a
//! test:
//! `scripts/measure-enumeration` starts the release server and writes the results.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use regain_load::{email_of, phone_of, Client, PASSWORD};
use serde_json::json;

struct Probe {
    client: Client,
    /// The real accounts' IDs, by pair.
    accounts: Vec<u64>,
}

/// The identifier of the `kind` of pair `i`: its real account's, or an unknown one.
fn identifier(probe: &Probe, kind: &str, existing: bool, i: usize) -> String {
    match (kind, existing) {
        ("email", true) => email_of(i),
        ("email", false) => format!("nobody{i}@corp.example"),
        ("phone", true) => phone_of(i),
        ("phone", false) => format!("+447400{}", 600_000 + i),
        (_, true) => probe.accounts[i].to_string(),
        (_, false) => (1_000_000_007 + 7_919 * i as u64).to_string(),
    }
}

/// One timed request of `probe` for the existing side or the unknown side.
async fn measure(probe: &Probe, name: &str, existing: bool, i: usize) -> anyhow::Result<Duration> {
    let client = &probe.client;
    match name {
        "start (email)" | "start (phone)" | "start (account ID)" => {
            let kind = name.trim_start_matches("start (").trim_end_matches(')');
            let identifier = identifier(probe, kind, existing, i);
            let captcha = client.captcha().await?;
            let answer = client
                .post("/v1/recovery/flows", json!({"identifier": identifier, "captcha": captcha}))
                .await?;
            let took = answer.took;
            answer.expect(201, name)?;
            Ok(took)
        }
        "code send" => {
            let flow = client.flow(&identifier(probe, "email", existing, i)).await?;
            let answer = client.challenge(&flow, "email").await?;
            let took = answer.took;
            answer.expect(200, "the challenge")?;
            Ok(took)
        }
        "wrong code" => {
            let flow = client.flow(&identifier(probe, "email", existing, i)).await?;
            client.challenge(&flow, "email").await?.expect(200, "the challenge")?;
            let answer = client
                .post(&format!("/v1/recovery/flows/{flow}/verify"), json!({"code": "000000"}))
                .await?;
            let took = answer.took;
            answer.expect(400, "a wrong code")?;
            Ok(took)
        }
        "sign-in" => {
            let identifier = identifier(probe, "email", existing, i);
            let body =
                json!({"identifier": identifier, "password": "not the right password at all"});
            let answer = client.post("/v1/sessions", body).await?;
            let took = answer.took;
            answer.expect(401, "a wrong sign-in")?;
            Ok(took)
        }
        "sign-up" => {
            let email = if existing { email_of(i) } else { format!("fresh{i}@corp.example") };
            let captcha = client.captcha().await?;
            let body = json!({"display_name": "Probe Person", "email": email,
                "password": PASSWORD, "captcha": captcha});
            let answer = client.post("/v1/accounts", body).await?;
            let took = answer.took;
            answer.expect(201, "sign-up")?;
            Ok(took)
        }
        "support request" => {
            // By the identifier as remembered, with a new way to reach the person and a
            // device's IMEI as the proof (multipart, as the app sends it).
            let kind = ["email", "phone", "account ID"][i % 3];
            let form = reqwest::multipart::Form::new()
                .text("identifier", identifier(probe, kind, existing, i))
                .text("contact_channel", "email")
                .text("contact", format!("reach{i}-{existing}@elsewhere.example"))
                .text("description", "I lost my phone and no longer use that email.")
                .text("device", "490154203237518")
                .text("captcha", client.captcha().await?);
            let request =
                client.http.post(format!("{}/v1/support/requests", client.base)).multipart(form);
            let answer = client.send(request).await?;
            let took = answer.took;
            answer.expect(202, "a support request")?;
            Ok(took)
        }
        "delivery (until sent)" => {
            let flow = client.flow(&identifier(probe, "email", existing, i)).await?;
            let started = Instant::now();
            client.challenge(&flow, "email").await?.expect(200, "the challenge")?;
            loop {
                let view = client.get(&format!("/v1/recovery/flows/{flow}")).await?.body;
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

/// The sign test of pairs `(a[i], b[i])`: (share of pairs where `a` is the larger, two-sided p
/// by the normal approximation; ties count half each way).
fn sign_test(a: &[f64], b: &[f64]) -> (f64, f64) {
    let n = a.len() as f64;
    let larger: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| match x.total_cmp(y) {
            std::cmp::Ordering::Greater => 1.0,
            std::cmp::Ordering::Equal => 0.5,
            std::cmp::Ordering::Less => 0.0,
        })
        .sum();
    let z = (larger - n / 2.0) / (n / 4.0).sqrt();
    (larger / n, erfc(z.abs() / std::f64::consts::SQRT_2))
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
            "support request",
            "delivery (until sent)",
        ]
        .map(ToOwned::to_owned)
        .to_vec();
    }
    let client = Client::new(base, 1)?;
    // Pairs 0..PAIRS are measured; the ten after them warm up.
    let accounts = client.population(0..pairs + 10).await?;
    let probe = Probe { client, accounts };

    println!(
        "{:<22} {:>6} {:>13} {:>13} {:>9} {:>7} {:>7} {:>8} {:>7}",
        "probe", "pairs", "existing p50", "unknown p50", "diff", "z", "p", "ex>unk", "sign p"
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
        let (slower, sign_p) = sign_test(&existing, &unknown);
        let (z, p) = mann_whitney(&existing, &unknown);
        let (me, mu) = (median(&existing), median(&unknown));
        println!(
            "{name:<22} {pairs:>6} {:>10.1} µs {:>10.1} µs {:>+6.1} µs {z:>7.2} {p:>7.3} {slower:>8.2} {sign_p:>7.3}",
            me,
            mu,
            me - mu,
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
    fn the_sign_test_sees_a_steady_per_pair_difference_and_not_a_fair_one() {
        // Interleaved drift: a rank test of the two samples sees nothing, the pairs everything.
        let a: Vec<f64> = (0..400).map(|i| f64::from(i) * 10.0).collect();
        let steady: Vec<f64> = a.iter().map(|v| v - 1.0).collect();
        assert!(mann_whitney(&a, &steady).1 > 0.5);
        let (share, p) = sign_test(&a, &steady);
        assert!((share - 1.0).abs() < 1e-9 && p < 1e-6, "share {share}, p {p}");
        let fair: Vec<f64> =
            a.iter().enumerate().map(|(i, v)| v + if i % 2 == 0 { 1.0 } else { -1.0 }).collect();
        let (share, p) = sign_test(&a, &fair);
        assert!((share - 0.5).abs() < 1e-9 && (p - 1.0).abs() < 1e-6, "share {share}, p {p}");
        assert_eq!(sign_test(&a, &a).0, 0.5, "ties count half each way");
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-6);
        assert!((erfc(-1.0) - 1.842_700_793).abs() < 1e-6);
    }
}
