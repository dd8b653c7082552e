use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::Message;

const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;

/// Seals queued messages at rest with ChaCha20-Poly1305, so the outbox table holds neither the
/// code nor the full recipient in plain text (SECURITY.md S06). The key is derived from the
/// server's secret; a message sealed under another secret does not open.
#[derive(Clone)]
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(<key redacted>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the sealed message is damaged or was sealed under another key")]
    Damaged,
}

impl Sealer {
    /// A sealer whose key is derived from `server_secret` for this one purpose.
    pub fn new(server_secret: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_secret)
            .expect("HMAC takes a key of any length");
        mac.update(b"regain/outbox-seal/v1");
        let key = mac.finalize().into_bytes();
        Self { cipher: ChaCha20Poly1305::new(Key::from_slice(&key)) }
    }

    pub fn seal(&self, message: &Message) -> Vec<u8> {
        let plain = serde_json::to_vec(message).expect("a message always serialises");
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain.as_slice())
            .expect("encryption of an in-memory buffer does not fail");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Message, SealError> {
        if sealed.len() < 1 + NONCE_LEN || sealed[0] != VERSION {
            return Err(SealError::Damaged);
        }
        let (nonce, body) = sealed[1..].split_at(NONCE_LEN);
        let plain =
            self.cipher.decrypt(Nonce::from_slice(nonce), body).map_err(|_| SealError::Damaged)?;
        serde_json::from_slice(&plain).map_err(|_| SealError::Damaged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChannelKind;

    fn message() -> Message {
        Message {
            channel: ChannelKind::Email,
            to: "jane@example.com".into(),
            subject: Some("Your code".into()),
            body: "Your code is 493027.".into(),
        }
    }

    #[test]
    fn round_trips_and_hides_the_content() {
        let sealer = Sealer::new(b"a server secret of some length!!");
        let sealed = sealer.seal(&message());
        let as_text = String::from_utf8_lossy(&sealed);
        assert!(!as_text.contains("493027") && !as_text.contains("jane"));
        assert_eq!(sealer.open(&sealed).expect("opens"), message());
    }

    #[test]
    fn another_key_or_a_flipped_bit_does_not_open() {
        let sealed = Sealer::new(b"one secret").seal(&message());
        assert!(Sealer::new(b"another secret").open(&sealed).is_err());
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(Sealer::new(b"one secret").open(&flipped).is_err());
    }
}
