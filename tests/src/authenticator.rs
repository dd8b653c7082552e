//! An authenticator app, as the tests' own: RFC 6238 codes from the secret a person reads off
//! the screen, written here from the RFC (HMAC-SHA-1, dynamic truncation) rather than taken
//! from the service's crate, so that a test which uses it checks the service against the
//! standard and not against itself. It passes the RFC's own vectors (its test below).

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// An authenticator holding one secret.
#[derive(Debug, Clone)]
pub struct Authenticator {
    secret: Vec<u8>,
}

impl Authenticator {
    /// From the secret as the service shows it: base32, in groups or not, any case.
    pub fn from_text(text: &str) -> Self {
        Self { secret: base32(text) }
    }

    pub fn from_bytes(secret: &[u8]) -> Self {
        Self { secret: secret.to_vec() }
    }

    /// The code of the 30-second step that holds `unix_time`, with `digits` digits.
    pub fn code_with(&self, unix_time: i64, digits: u32) -> String {
        let counter = u64::try_from(unix_time).unwrap() / 30;
        let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(&self.secret).unwrap();
        mac.update(&counter.to_be_bytes());
        let hash = mac.finalize().into_bytes();
        let offset = usize::from(hash[19] & 0x0f);
        let binary = u32::from_be_bytes([
            hash[offset],
            hash[offset + 1],
            hash[offset + 2],
            hash[offset + 3],
        ]) & 0x7fff_ffff;
        format!("{:0width$}", binary % 10u32.pow(digits), width = digits as usize)
    }

    /// The six-digit code an authenticator app shows at `unix_time`.
    pub fn code(&self, unix_time: i64) -> String {
        self.code_with(unix_time, 6)
    }
}

/// RFC 4648 base32, ignoring spaces and padding.
fn base32(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u32;
    let mut held = 0u32;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase()).unwrap();
        bits = (bits << 5) | u32::try_from(value).unwrap();
        held += 5;
        if held >= 8 {
            held -= 8;
            out.push(u8::try_from((bits >> held) & 0xff).unwrap());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_appendix_b_sha1_vectors() {
        let rfc = Authenticator::from_bytes(b"12345678901234567890");
        for (time, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(rfc.code_with(time, 8), code, "T = {time}");
        }
        assert_eq!(
            Authenticator::from_text("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ").secret,
            b"12345678901234567890"
        );
    }
}
