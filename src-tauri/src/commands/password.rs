//! Live strength guidance: the server's policy, evaluated locally on every pause in typing
//! (about 0.1 ms for 16 characters). The server evaluates again when the password is set, and
//! its verdict is final.

use regain_protocol::{PasswordReason, Secret};
use serde::Serialize;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Strength {
    /// Whether the server's policy would accept it (reuse is known only to the server).
    pub acceptable: bool,
    /// 0 (guessed at once) to 4 (very hard to guess).
    pub score: u8,
    /// What refuses it, in order.
    pub reasons: Vec<PasswordReason>,
    /// zxcvbn's warning, as a message key.
    pub warning: Option<String>,
    /// At most two of zxcvbn's suggestions, as message keys.
    pub suggestions: Vec<String>,
    /// Length in characters after normalisation, and the minimum that applies.
    pub length: u32,
    pub min_length: u32,
}

/// Evaluates `password` against the policy, with what the person typed to find the account
/// (an email, a phone number or an account ID) as personal words to keep out.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn evaluate_password(
    state: State<'_, AppState>,
    password: Secret<String>,
) -> Result<Strength, AppError> {
    let recovery = state.recovery.lock().await;
    let identifier = recovery.identifier().map(ToOwned::to_owned);
    let second_factor = recovery.passed_second_factor();
    drop(recovery);
    Ok(evaluate(password.expose(), identifier.as_deref(), second_factor))
}

/// The policy's verdict on `password`, with the identifier's words kept out and the minimum
/// length of an account with a second factor when it has one (S14).
pub fn evaluate(password: &str, identifier: Option<&str>, second_factor: bool) -> Strength {
    let mut context = regain_policy::Context::new().with_second_factor(second_factor);
    if let Some(identifier) = identifier.map(str::trim) {
        if identifier.contains('@') {
            context = context.email(identifier);
        } else if let Ok(account_id) = identifier.parse::<u64>() {
            context = context.account_id(account_id);
        } else {
            let digits: String = identifier.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 6 {
                // The country code is unknown here; the whole number and its last digits do.
                context = context.phone(&digits, 0);
            }
        }
    }
    let verdict = regain_policy::evaluate(password, &context, &regain_policy::Settings::default());
    Strength {
        acceptable: verdict.acceptable,
        score: verdict.score,
        reasons: verdict.reasons.iter().map(|r| named(*r)).collect(),
        warning: verdict.warning,
        suggestions: verdict.suggestions.into_iter().take(2).collect(),
        length: u32::try_from(verdict.length).unwrap_or(u32::MAX),
        min_length: u32::try_from(verdict.min_length).unwrap_or(u32::MAX),
    }
}

/// A policy reason by its name on the wire. Exhaustive: a new reason does not compile until
/// it has one (and so, through the bindings, a text in the UI).
fn named(reason: regain_policy::Reason) -> PasswordReason {
    use regain_policy::Reason;
    match reason {
        Reason::TooShort => PasswordReason::TooShort,
        Reason::TooLong => PasswordReason::TooLong,
        Reason::Common => PasswordReason::Common,
        Reason::Breached => PasswordReason::Breached,
        Reason::Personal => PasswordReason::Personal,
        Reason::TooGuessable => PasswordReason::TooGuessable,
        Reason::Reused => PasswordReason::Reused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_keeps_its_code_on_the_wire() {
        use regain_policy::Reason;
        for reason in [
            Reason::TooShort,
            Reason::TooLong,
            Reason::Common,
            Reason::Breached,
            Reason::Personal,
            Reason::TooGuessable,
            Reason::Reused,
        ] {
            assert_eq!(named(reason).as_str(), reason.code());
        }
    }

    #[test]
    fn guidance_names_the_rule_that_blocks() {
        let short = evaluate("maple", None, false);
        assert!(!short.acceptable);
        assert_eq!(short.reasons.first(), Some(&PasswordReason::TooShort));
        let personal = evaluate("alex.walker.alex.walker", Some("alex.walker@example.com"), false);
        assert!(personal.reasons.contains(&PasswordReason::Personal), "{personal:?}");
        let good = evaluate("quiet heron builds copper kites", Some("alex@example.com"), false);
        assert!(good.acceptable, "{good:?}");
        assert!(good.suggestions.len() <= 2);
    }

    #[test]
    fn a_second_factor_lowers_the_minimum_to_eight() {
        let alone = evaluate("Quokka#Fjord7", None, false);
        assert_eq!(
            (alone.min_length, alone.reasons.first()),
            (15, Some(&PasswordReason::TooShort))
        );
        let backed = evaluate("Quokka#Fjord7", None, true);
        assert_eq!(backed.min_length, 8);
        assert!(!backed.reasons.contains(&PasswordReason::TooShort), "{backed:?}");
    }
}
