//! RFC 6238 time-based codes (SECURITY.md S21): a 160-bit secret, 30-second steps, six digits
//! and SHA-1 (what every authenticator app reads), one step either side for a clock that
//! drifts. A check says which step the code matched, so that the store can refuse that step a
//! second time (RFC 6238 §5.2: a code is accepted once).

use totp_rs::{Algorithm, Builder, Totp};

use crate::{Error, Random, Secret};

/// Seconds per step.
pub const STEP_SECS: u64 = 30;
/// Bytes of a secret: 160 bits, RFC 4226's recommendation.
pub const SECRET_BYTES: usize = 20;
/// Digits of a code.
pub const DIGITS: u8 = 6;
/// Steps accepted either side of the current one.
pub const SKEW_STEPS: u16 = 1;
/// The issuer an authenticator app shows beside the code.
pub const ISSUER: &str = "Regain";

/// A new secret from the injected CSPRNG.
pub fn new_secret(random: &dyn Random) -> Secret<Vec<u8>> {
    let mut bytes = vec![0u8; SECRET_BYTES];
    random.fill(&mut bytes);
    Secret::new(bytes)
}

fn authenticator(secret: &[u8], account_name: &str) -> Result<Totp, Error> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_skew(SKEW_STEPS)
        .with_step_duration(STEP_SECS)
        .with_secret(secret.to_vec())
        .with_account_name(account_name)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| Error::Internal(format!("an authenticator could not be built: {e}")))
}

/// The secret as a person types it into an authenticator app: base32 in groups of four.
pub fn secret_text(secret: &[u8]) -> Result<Secret<String>, Error> {
    let plain = authenticator(secret, "")?.secret().to_base32();
    let groups: Vec<String> =
        plain.as_bytes().chunks(4).map(|g| String::from_utf8_lossy(g).into_owned()).collect();
    Ok(Secret::new(groups.join(" ")))
}

/// The `otpauth://` URI a QR code carries, labelled with the account ID (never a contact).
pub fn uri(secret: &[u8], account_id: u64) -> Result<Secret<String>, Error> {
    labelled_uri(secret, &account_id.to_string())
}

/// The `otpauth://` URI of an authenticator labelled `label` (a member of staff's username).
pub fn labelled_uri(secret: &[u8], label: &str) -> Result<Secret<String>, Error> {
    authenticator(secret, label)?
        .to_url()
        .map(Secret::new)
        .map_err(|e| Error::Internal(format!("an authenticator URI could not be made: {e}")))
}

/// The step `code` matches at `now` (the current one or one either side), compared in
/// constant time; `None` for a wrong code or one that is not six digits.
pub fn matching_step(secret: &[u8], code: &str, now: i64) -> Option<i64> {
    let digits = regain_protocol::digits::normalize_code(code);
    if digits.len() != usize::from(DIGITS) {
        return None;
    }
    let now = u64::try_from(now).ok()?;
    let step = authenticator(secret, "").ok()?.check(&digits, now)?;
    i64::try_from(step).ok()
}

/// The code of the step that holds `at` (for tests and for the decoy's equal work).
pub fn code_at(secret: &[u8], at: i64) -> Option<String> {
    let at = u64::try_from(at).ok()?;
    Some(authenticator(secret, "").ok()?.generate(at).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows (secret "12345678901234567890"), read at six digits as
    /// every authenticator app shows them: the last six of the RFC's eight.
    const RFC_6238_SHA1: [(i64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, eight) in RFC_6238_SHA1 {
            let six = &eight[2..];
            assert_eq!(code_at(secret, time).as_deref(), Some(six), "T = {time}");
            assert_eq!(matching_step(secret, six, time), Some(time / 30), "T = {time}");
        }
    }

    #[test]
    fn one_step_either_side_and_no_further() {
        let secret = b"12345678901234567890";
        let now = 1_234_567_890;
        for offset in [-1i64, 0, 1] {
            let code = code_at(secret, now + offset * 30).expect("code");
            assert_eq!(matching_step(secret, &code, now), Some(now / 30 + offset), "{offset}");
        }
        for offset in [-2i64, 2] {
            let code = code_at(secret, now + offset * 30).expect("code");
            assert_eq!(matching_step(secret, &code, now), None, "{offset} steps away");
        }
    }

    #[test]
    fn a_code_is_read_as_a_person_types_it() {
        let secret = b"12345678901234567890";
        assert_eq!(matching_step(secret, "890 059", 59), None, "another step's code");
        assert_eq!(matching_step(secret, "287 082", 59), Some(1));
        assert_eq!(matching_step(secret, "２８７０８２", 59), Some(1), "full-width digits");
        assert_eq!(matching_step(secret, "28708", 59), None);
        assert_eq!(matching_step(secret, "94287082", 59), None, "eight digits");
    }

    #[test]
    fn secrets_are_160_bits_and_read_in_groups() {
        let secret = new_secret(&crate::OsRandom);
        assert_eq!(secret.expose().len(), 20);
        let text = secret_text(b"12345678901234567890").expect("text");
        assert_eq!(text.expose(), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        let uri = uri(b"12345678901234567890", 1_234_567_890).expect("uri");
        assert_eq!(
            uri.expose(),
            "otpauth://totp/Regain:1234567890?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Regain"
        );
    }
}
