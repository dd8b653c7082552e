//! The optional breach check, against a Have-I-Been-Pwned-compatible range API (k-anonymity):
//! only the first five hex characters of the password's SHA-1 leave the machine; the service
//! answers every suffix it knows under that prefix and the match is made here.
//!
//! A failure to reach the service never blocks anything: the answer is
//! [`BreachStatus::Unavailable`], the offline list still applies, and the verdict says so.

use std::time::Duration;

use sha1::{Digest, Sha1};

use crate::{normalize, BreachStatus};

/// A client of one range API, e.g. `https://api.pwnedpasswords.com/range/`.
#[derive(Debug, Clone)]
pub struct BreachChecker {
    range_url: String,
    http: reqwest::Client,
}

impl BreachChecker {
    pub fn new(range_url: &str, timeout: Duration) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(concat!("regain-policy/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { range_url: range_url.to_owned(), http })
    }

    /// Whether the NFKC form of `password` is in the breach corpus.
    pub async fn check(&self, password: &str) -> BreachStatus {
        let digest = Sha1::digest(normalize(password).as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02X}")).collect();
        let (prefix, suffix) = hex.split_at(5);
        let response = self
            .http
            .get(format!("{}{prefix}", self.range_url))
            // Padding hides from an observer how many suffixes the prefix has.
            .header("Add-Padding", "true")
            .send()
            .await;
        let body = match response {
            Ok(response) if response.status().is_success() => match response.text().await {
                Ok(body) => body,
                Err(_) => return BreachStatus::Unavailable,
            },
            _ => return BreachStatus::Unavailable,
        };
        body.lines()
            .filter_map(|line| line.trim().split_once(':'))
            .find(|(candidate, _)| candidate.eq_ignore_ascii_case(suffix))
            .and_then(|(_, count)| count.trim().parse::<u64>().ok())
            .filter(|&count| count > 0) // padding entries have a count of 0
            .map_or(BreachStatus::Clear, BreachStatus::Found)
    }
}
