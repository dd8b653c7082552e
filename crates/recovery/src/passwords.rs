use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::{Error, Secret};

/// argon2id cost parameters (SECURITY.md S16: at least m=19456 KiB, t=2, p=1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        Self { memory_kib: 19_456, iterations: 2, parallelism: 1 }
    }
}

impl HashParams {
    /// Problems with these numbers (for `config check`): never weaker than OWASP's minimum.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let floor = Self::default();
        if self.memory_kib < floor.memory_kib {
            problems.push(format!("argon2.memory_kib must be at least {}", floor.memory_kib));
        }
        if self.iterations < floor.iterations {
            problems.push(format!("argon2.iterations must be at least {}", floor.iterations));
        }
        if self.parallelism < 1 {
            problems.push("argon2.parallelism must be at least 1".to_owned());
        }
        problems
    }
}

/// Hashes and verifies passwords (and, later, security answers and recovery codes) with
/// argon2id on tokio's blocking pool, never on the async executor: one hash takes tens of
/// milliseconds of CPU and would stall every other request on that worker thread.
#[derive(Clone)]
pub struct Passwords {
    argon: Arc<Argon2<'static>>,
    /// A real hash of a random password: verified against when the account does not exist, so
    /// "no such account" costs the same time as "wrong password".
    decoy: Arc<String>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords").field("params", self.argon.params()).finish()
    }
}

impl Passwords {
    pub fn new(params: HashParams) -> Result<Self, Error> {
        let params = Params::new(params.memory_kib, params.iterations, params.parallelism, None)
            .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let salt = SaltString::generate(&mut OsRng);
        let decoy = argon
            .hash_password(salt.as_str().as_bytes(), &salt)
            .map_err(|e| Error::Internal(format!("argon2: {e}")))?
            .to_string();
        Ok(Self { argon: Arc::new(argon), decoy: Arc::new(decoy) })
    }

    /// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of the NFKC form of `secret`, on
    /// tokio's blocking pool.
    pub async fn hash(&self, secret: &Secret<String>) -> Result<String, Error> {
        let this = self.clone();
        let secret = secret.clone();
        tokio::task::spawn_blocking(move || this.hash_blocking(&secret))
            .await
            .map_err(|e| Error::Internal(format!("hashing task: {e}")))?
    }

    /// [`Passwords::hash`] on the calling thread: for benchmarks and blocking contexts only.
    pub fn hash_blocking(&self, secret: &Secret<String>) -> Result<String, Error> {
        let normalized = regain_policy::normalize(secret.expose());
        let salt = SaltString::generate(&mut OsRng);
        self.argon
            .hash_password(normalized.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("argon2: {e}")))
    }

    /// Whether `secret` matches `stored`. With no stored hash (unknown account) it verifies
    /// against the decoy and answers `false`, in the same time.
    pub async fn verify(&self, secret: &Secret<String>, stored: Option<&str>) -> bool {
        let known = stored.is_some();
        let stored = stored.map_or_else(|| self.decoy.as_str().to_owned(), ToOwned::to_owned);
        let argon = self.argon.clone();
        let normalized = regain_policy::normalize(secret.expose());
        let matched = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored)
                .map(|parsed| argon.verify_password(normalized.as_bytes(), &parsed).is_ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        known && matched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_at_the_floor_and_verify() {
        let passwords = Passwords::new(HashParams::default()).expect("params");
        let secret = Secret::new("correct horse battery staple".to_owned());
        let hash = passwords.hash(&secret).await.expect("hashes");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(passwords.verify(&secret, Some(&hash)).await);
        assert!(!passwords.verify(&Secret::new("wrong".into()), Some(&hash)).await);
        assert!(!passwords.verify(&secret, None).await);
    }

    #[tokio::test]
    async fn the_nfkc_form_is_hashed() {
        let passwords = Passwords::new(HashParams::default()).expect("params");
        let hash = passwords
            .hash(&Secret::new("ｐａｓｓｗｏｒｄ１２３４５６７８".into()))
            .await
            .expect("hashes");
        assert!(passwords.verify(&Secret::new("password12345678".into()), Some(&hash)).await);
    }
}
