use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{Random, Secret};

/// The key one-time codes are MACed with before they are stored (SECURITY.md S06: only an
/// HMAC of a code is ever stored). Derived from the server's secret for this one purpose.
#[derive(Debug, Clone)]
pub struct CodeKey(Secret<[u8; 32]>);

impl CodeKey {
    pub fn derive(server_secret: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_secret).expect("any key length");
        mac.update(b"regain/code-mac/v1");
        Self(Secret::new(mac.finalize().into_bytes().into()))
    }

    /// The MAC of `code`, bound to what it is for (`purpose`) and to whom (`scope`), so a code
    /// of one flow or account can never pass in another.
    pub fn mac(&self, purpose: &str, scope: &str, code: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(self.0.expose()).expect("any key length");
        for part in [purpose, scope, code] {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part.as_bytes());
        }
        hex(&mac.finalize().into_bytes())
    }

    /// Whether `code` is the one whose MAC is `stored`, in constant time.
    pub fn verify(&self, purpose: &str, scope: &str, code: &str, stored: &str) -> bool {
        self.mac(purpose, scope, code).as_bytes().ct_eq(stored.as_bytes()).into()
    }
}

/// A key that seals what the service must read back but never store in plain text (an
/// authenticator's secret) with ChaCha20-Poly1305. Derived from the server's secret for one
/// purpose; each sealed value is bound to its owner (`bound_to`, the account), so a sealed value
/// copied to another row does not open there.
#[derive(Clone)]
pub struct SealKey {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(<redacted>)")
    }
}

const SEAL_VERSION: u8 = 1;
const SEAL_NONCE: usize = 12;

impl SealKey {
    pub fn derive(server_secret: &[u8], purpose: &str) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_secret).expect("any key length");
        mac.update(b"regain/seal/v1/");
        mac.update(purpose.as_bytes());
        Self { cipher: ChaCha20Poly1305::new(Key::from_slice(&mac.finalize().into_bytes())) }
    }

    /// A key of its own (a support request's files are sealed under one per request).
    pub fn from_key(key: &[u8; 32]) -> Self {
        Self { cipher: ChaCha20Poly1305::new(Key::from_slice(key)) }
    }

    /// `plain` sealed under a fresh nonce: version, nonce, ciphertext and tag.
    pub fn seal(&self, random: &dyn Random, plain: &[u8], bound_to: &str) -> Vec<u8> {
        let mut nonce = [0u8; SEAL_NONCE];
        random.fill(&mut nonce);
        let payload = Payload { msg: plain, aad: bound_to.as_bytes() };
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), payload)
            .expect("encryption of an in-memory buffer does not fail");
        let mut out = Vec::with_capacity(1 + SEAL_NONCE + sealed.len());
        out.push(SEAL_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// The plain value, or `None` when it is damaged, sealed under another key or bound to
    /// another owner.
    pub fn open(&self, sealed: &[u8], bound_to: &str) -> Option<Secret<Vec<u8>>> {
        if sealed.len() < 1 + SEAL_NONCE || sealed[0] != SEAL_VERSION {
            return None;
        }
        let (nonce, body) = sealed[1..].split_at(SEAL_NONCE);
        let payload = Payload { msg: body, aad: bound_to.as_bytes() };
        self.cipher.decrypt(Nonce::from_slice(nonce), payload).ok().map(Secret::new)
    }
}

/// A 6-digit code, uniform over 000000-999999, from the injected CSPRNG.
pub fn six_digit_code(random: &dyn Random) -> Secret<String> {
    digit_code(random, 6)
}

/// A code of `digits` decimal digits (at most 19), uniform, from the injected CSPRNG.
pub fn digit_code(random: &dyn Random, digits: u32) -> Secret<String> {
    let bound = 10u64.pow(digits.min(19));
    Secret::new(format!("{:0width$}", random.below(bound), width = digits as usize))
}

/// A bearer token: a readable prefix (so a leaked one is recognisable by secret scanners) and
/// 256 random bits.
pub fn token(random: &dyn Random, prefix: &str) -> Secret<String> {
    let mut bytes = [0u8; 32];
    random.fill(&mut bytes);
    Secret::new(format!(
        "{prefix}_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

/// Letters of a reference: Crockford's base32, without I, L, O and U, read aloud easily.
const REFERENCE_LETTERS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A reference a person can read out (a support request's, a waiting recovery's): `RG-` and
/// two groups of four.
pub fn reference(random: &dyn Random) -> String {
    let mut bytes = [0u8; 8];
    random.fill(&mut bytes);
    let letters: String =
        bytes.iter().map(|b| char::from(REFERENCE_LETTERS[usize::from(b & 31)])).collect();
    format!("RG-{}-{}", &letters[..4], &letters[4..])
}

/// A random identifier that is not a secret (a session id), 128 bits.
pub fn public_id(random: &dyn Random, prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    random.fill(&mut bytes);
    format!("{prefix}_{}", hex(&bytes))
}

/// SHA-256 of a token: what the store keeps. A token has 256 bits of entropy, so a fast hash
/// is enough; a leaked table does not yield usable tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(pub String);

impl TokenHash {
    pub fn of(token: &Secret<String>) -> Self {
        Self(hex(&Sha256::digest(token.expose().as_bytes())))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OsRandom;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_its_owner() {
        let key = SealKey::derive(&[7; 32], "totp");
        let sealed = key.seal(&OsRandom, b"twenty bytes secret!", "1234567890");
        assert!(!sealed.windows(6).any(|w| w == b"twenty"), "no plain text at rest");
        let opened = key.open(&sealed, "1234567890").expect("opens");
        assert_eq!(opened.expose().as_slice(), b"twenty bytes secret!");
        assert!(key.open(&sealed, "1234567891").is_none(), "bound to its owner");
        assert!(SealKey::derive(&[8; 32], "totp").open(&sealed, "1234567890").is_none());
        assert!(SealKey::derive(&[7; 32], "other").open(&sealed, "1234567890").is_none());
        let mut damaged = sealed.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(key.open(&damaged, "1234567890").is_none());
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..1000 {
            let code = six_digit_code(&OsRandom);
            assert_eq!(code.expose().len(), 6);
            assert!(code.expose().chars().all(|c| c.is_ascii_digit()));
        }
    }

    /// SECURITY.md S06: 10,000 codes are uniform. A chi-square test per digit position, with a
    /// threshold (9 degrees of freedom, p < 1e-6) that a fair source fails once in a million.
    #[test]
    fn ten_thousand_codes_are_uniform() {
        let mut counts = [[0u32; 10]; 6];
        for _ in 0..10_000 {
            let code = six_digit_code(&OsRandom);
            for (position, digit) in code.expose().bytes().enumerate() {
                counts[position][usize::from(digit - b'0')] += 1;
            }
        }
        for (position, row) in counts.iter().enumerate() {
            let chi2: f64 = row.iter().map(|&n| (f64::from(n) - 1000.0).powi(2) / 1000.0).sum();
            assert!(chi2 < 45.0, "position {position}: chi-square {chi2:.1}, counts {row:?}");
        }
    }

    #[test]
    fn macs_bind_purpose_and_scope() {
        let key = CodeKey::derive(b"secret");
        let stored = key.mac("confirm:email", "acct:1", "123456");
        assert!(key.verify("confirm:email", "acct:1", "123456", &stored));
        assert!(!key.verify("confirm:email", "acct:2", "123456", &stored));
        assert!(!key.verify("confirm:phone", "acct:1", "123456", &stored));
        assert!(!key.verify("confirm:email", "acct:1", "123457", &stored));
        assert!(!stored.contains("123456"));
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = token(&OsRandom, "rga");
        let b = token(&OsRandom, "rga");
        assert_ne!(a, b);
        assert!(a.expose().starts_with("rga_") && a.expose().len() == 4 + 43);
        assert_ne!(TokenHash::of(&a).0, *a.expose());
    }
}
