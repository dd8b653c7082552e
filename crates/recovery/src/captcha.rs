//! The "I'm not a robot" check: ALTCHA v2 proof of work (PBKDF2/SHA-256, deterministic mode).
//! Challenges are signed with a key derived from the server secret; a solution works once
//! (the store remembers spent ones until they expire), expires with its challenge, and is bound
//! to it by the signature (SECURITY.md S05).

use std::sync::Arc;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::store::ThrottleStore;
use crate::{Clock, Error, Random};

/// How hard the proof of work is. The client derives `counter` keys of `cost` PBKDF2 rounds
/// each, the counter being drawn between the two bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptchaSettings {
    pub cost: u32,
    pub counter_min: u32,
    pub counter_max: u32,
    pub ttl_secs: i64,
}

impl Default for CaptchaSettings {
    fn default() -> Self {
        // About half a second of work in the app on a phone-class CPU.
        Self { cost: 100, counter_min: 1_000, counter_max: 5_000, ttl_secs: 600 }
    }
}

/// A redeemable solution: its challenge's signature (the key it is spent under) and when that
/// challenge expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub signature: String,
    pub expires_at: i64,
}

#[derive(Clone)]
pub struct Captcha {
    signature_secret: String,
    key_secret: String,
    settings: CaptchaSettings,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    /// Where spent solutions are remembered until they expire.
    spent: Arc<dyn ThrottleStore>,
}

impl std::fmt::Debug for Captcha {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Captcha").field("settings", &self.settings).finish_non_exhaustive()
    }
}

fn derive(server_secret: &[u8], purpose: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_secret).expect("any key length");
    mac.update(purpose.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

impl Captcha {
    pub fn new(
        server_secret: &[u8],
        settings: CaptchaSettings,
        clock: Arc<dyn Clock>,
        random: Arc<dyn Random>,
        spent: Arc<dyn ThrottleStore>,
    ) -> Self {
        Self {
            signature_secret: derive(server_secret, "regain/captcha-signature/v1"),
            key_secret: derive(server_secret, "regain/captcha-key/v1"),
            settings,
            clock,
            random,
            spent,
        }
    }

    /// Checks a solved payload and spends it, so that it works once on every instance.
    pub async fn redeem(&self, payload: &str) -> Result<(), Error> {
        let ticket = self.check(payload)?;
        if !self.spent.spend_captcha(&ticket.signature, ticket.expires_at, self.clock.now()).await?
        {
            return Err(Error::CaptchaReplayed);
        }
        Ok(())
    }

    /// A new signed challenge, as the JSON an ALTCHA solver takes.
    pub fn challenge(&self) -> Result<serde_json::Value, Error> {
        let span =
            u64::from(self.settings.counter_max.saturating_sub(self.settings.counter_min)) + 1;
        let counter =
            self.settings.counter_min + u32::try_from(self.random.below(span)).unwrap_or(0);
        let challenge = altcha::create_challenge(altcha::CreateChallengeOptions {
            algorithm: "PBKDF2/SHA-256".to_owned(),
            cost: self.settings.cost,
            counter: Some(counter),
            expires_at: Some(self.clock.now() + self.settings.ttl_secs),
            hmac_signature_secret: Some(self.signature_secret.clone()),
            hmac_key_signature_secret: Some(self.key_secret.clone()),
            ..Default::default()
        })
        .map_err(|e| Error::Internal(format!("captcha: {e}")))?;
        serde_json::to_value(challenge).map_err(|e| Error::Internal(format!("captcha: {e}")))
    }

    /// Checks a solved payload (base64 of `{"challenge","solution"}`); the caller spends the
    /// ticket so that it works once.
    pub fn check(&self, payload: &str) -> Result<Ticket, Error> {
        let payload = payload.trim();
        if payload.is_empty() {
            return Err(Error::CaptchaRequired);
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .map_err(|_| Error::CaptchaInvalid)?;
        let parsed: altcha::Payload =
            serde_json::from_slice(&decoded).map_err(|_| Error::CaptchaInvalid)?;
        let result = altcha::verify_solution(altcha::VerifySolutionOptions {
            hmac_key_signature_secret: Some(self.key_secret.clone()),
            ..altcha::VerifySolutionOptions::new(
                &parsed.challenge,
                &parsed.solution,
                &self.signature_secret,
            )
        })
        .map_err(|_| Error::CaptchaInvalid)?;
        if result.expired {
            return Err(Error::CaptchaExpired);
        }
        if !result.verified {
            return Err(Error::CaptchaInvalid);
        }
        // The library checks expiry on the system clock; ours is the injected one.
        let expires_at = parsed.challenge.parameters.expires_at.ok_or(Error::CaptchaInvalid)?;
        if expires_at <= self.clock.now() {
            return Err(Error::CaptchaExpired);
        }
        let signature = parsed.challenge.signature.ok_or(Error::CaptchaInvalid)?;
        Ok(Ticket { signature, expires_at })
    }
}
