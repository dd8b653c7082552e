//! What the load programs share: a client of a running local-mode `regain-server` that solves
//! its captcha, reads codes from its dev inbox, and prepares real accounts with confirmed
//! contacts. Benchmarks, not tests: `scripts/measure-enumeration` and `scripts/soak` start the
//! release server and run them.

use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::{json, Value};

/// The password every prepared account starts with.
pub const PASSWORD: &str = "copper lantern drift 2024";

/// The real account `i`'s email and phone number: one company's domain, one country.
pub fn email_of(i: usize) -> String {
    format!("real{i}@corp.example")
}

pub fn phone_of(i: usize) -> String {
    format!("+447400{}", 100_000 + i)
}

/// One answer: its status, its JSON body (`Null` when empty) and how long it took, from
/// sending to the last byte.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub took: Duration,
}

impl Answer {
    /// The body, when the status is `wanted`; otherwise what came instead.
    pub fn expect(self, wanted: u16, what: &str) -> anyhow::Result<Value> {
        if self.status != wanted {
            bail!("{what} answered {}: {}", self.status, self.body);
        }
        Ok(self.body)
    }
}

/// A message of the dev inbox, with the code in it.
#[derive(Debug, Clone)]
pub struct Delivered {
    pub id: u64,
    pub code: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    /// A client keeping at most `connections` idle keep-alive connections.
    pub fn new(base: String, connections: usize) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self { base, http })
    }

    /// Any request; `body` as JSON, with a bearer `token` when given.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> anyhow::Result<Answer> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    /// Sends a prepared request and times it.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> anyhow::Result<Answer> {
        let started = Instant::now();
        let response = request.send().await?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await?;
        let took = started.elapsed();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Answer { status, body, took })
    }

    pub async fn get(&self, path: &str) -> anyhow::Result<Answer> {
        self.call(reqwest::Method::GET, path, None, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> anyhow::Result<Answer> {
        self.call(reqwest::Method::POST, path, None, Some(body)).await
    }

    /// A solved "I'm not a robot" challenge.
    pub async fn captcha(&self) -> anyhow::Result<String> {
        let challenge = self.get("/v1/captcha/challenge").await?.expect(200, "the captcha")?;
        Ok(regain_client::captcha::solve(&challenge)?.into_exposed())
    }

    /// A new recovery flow for `identifier`.
    pub async fn flow(&self, identifier: &str) -> anyhow::Result<String> {
        let captcha = self.captcha().await?;
        let flow = self
            .post("/v1/recovery/flows", json!({"identifier": identifier, "captcha": captcha}))
            .await?
            .expect(201, "starting a flow")?;
        Ok(flow["flow_id"].as_str().context("a flow ID")?.to_owned())
    }

    /// Asks flow `flow` to send its code by `method` ("email" or "sms").
    pub async fn challenge(&self, flow: &str, method: &str) -> anyhow::Result<Answer> {
        self.post(&format!("/v1/recovery/flows/{flow}/challenge"), json!({"method": method})).await
    }

    /// The newest message to `to` in the dev inbox whose body says `marker`, with its code
    /// (six or ten digits).
    pub async fn newest_to(&self, to: &str, marker: &str) -> anyhow::Result<Option<Delivered>> {
        let outbox = self.get("/v1/dev/outbox").await?.expect(200, "the dev inbox")?;
        let messages = outbox["messages"].as_array().context("the dev inbox's messages")?;
        let says = |m: &&Value| m["body"].as_str().is_some_and(|body| body.contains(marker));
        Ok(messages.iter().filter(|m| m["to"] == to).find(says).map(|m| Delivered {
            id: m["id"].as_str().and_then(|id| id.parse().ok()).unwrap_or_default(),
            code: m["body"].as_str().and_then(code_in),
        }))
    }

    /// Waits (polling, up to `patience`) for a message to `to` saying `marker`, newer than
    /// `after`.
    pub async fn wait_for(
        &self,
        to: &str,
        marker: &str,
        after: u64,
        patience: Duration,
    ) -> anyhow::Result<Delivered> {
        let started = Instant::now();
        loop {
            if let Some(message) = self.newest_to(to, marker).await? {
                if message.id > after {
                    return Ok(message);
                }
            }
            if started.elapsed() > patience {
                bail!("no message arrived within {patience:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Signs up and confirms the real accounts `indices` (email and phone, fifty at a time,
    /// their codes read from the dev inbox); their account IDs, in order.
    pub async fn population(&self, indices: std::ops::Range<usize>) -> anyhow::Result<Vec<u64>> {
        let mut accounts = Vec::with_capacity(indices.len());
        for batch in indices.collect::<Vec<_>>().chunks(50) {
            let mut sessions = Vec::new();
            for &i in batch {
                let body = json!({"display_name": "Probe Person", "email": email_of(i),
                    "phone": phone_of(i), "password": PASSWORD, "captcha": self.captcha().await?});
                let reply = self
                    .post("/v1/accounts", body)
                    .await?
                    .expect(201, &format!("preparing account {i}"))?;
                accounts.push(reply["account"]["account_id"].as_u64().context("an account ID")?);
                let token = reply["session"]["access_token"].as_str().context("a token")?;
                sessions.push((i, token.to_owned()));
            }
            for (i, token) in sessions {
                for (channel, to) in [("email", email_of(i)), ("phone", phone_of(i))] {
                    let message = self.wait_for(&to, "", 0, Duration::from_secs(30)).await?;
                    let code = message.code.context("a code")?;
                    self.call(
                        reqwest::Method::POST,
                        "/v1/me/contacts/confirm",
                        Some(&token),
                        Some(json!({"channel": channel, "code": code})),
                    )
                    .await?
                    .expect(204, &format!("confirming account {i}'s {channel}"))?;
                }
            }
        }
        Ok(accounts)
    }
}

/// The first run of six or ten digits in `text`: a code as the service writes them.
pub fn code_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6 || run.len() == 10)
        .map(ToOwned::to_owned)
}

/// The `q` quantile (0..=1) of `values`, nearest rank; 0 when empty.
pub fn quantile(values: &[f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_whether_six_or_ten_digits_long() {
        assert_eq!(
            code_in("Your code is 123456. It works for 10 minutes.").as_deref(),
            Some("123456")
        );
        assert_eq!(code_in("Code 1234567890, from +44 7400").as_deref(), Some("1234567890"));
        assert_eq!(code_in("Expires in 10 minutes"), None);
    }

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&values, 0.5), 50.0);
        assert_eq!(quantile(&values, 0.99), 99.0);
        assert_eq!(quantile(&values, 1.0), 100.0);
        assert_eq!(quantile(&[], 0.99), 0.0);
    }
}
