//! The client side of the "I'm not a robot" check: solving the service's ALTCHA v2
//! proof-of-work challenge. It is CPU work (about half a second); run it off any UI thread.

use base64::Engine as _;
use regain_protocol::Secret;

/// Why a challenge could not be solved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaptchaError {
    #[error("the service sent a challenge this client cannot read")]
    Unreadable,
    #[error("the challenge could not be solved in time")]
    Unsolved,
}

/// Solves a challenge (the JSON of `GET /v1/captcha/challenge`) and returns the payload that
/// `StartRecoveryRequest.captcha` takes. It works once.
pub fn solve(challenge: &serde_json::Value) -> Result<Secret<String>, CaptchaError> {
    let challenge: altcha::Challenge =
        serde_json::from_value(challenge.clone()).map_err(|_| CaptchaError::Unreadable)?;
    let solution = altcha::solve_challenge(altcha::SolveChallengeOptions::new(&challenge))
        .map_err(|_| CaptchaError::Unreadable)?
        .ok_or(CaptchaError::Unsolved)?;
    let payload = serde_json::to_vec(&altcha::Payload { challenge, solution })
        .map_err(|_| CaptchaError::Unreadable)?;
    Ok(Secret::new(base64::engine::general_purpose::STANDARD.encode(payload)))
}
