//! What the services are built from, made once: the store, the clock, randomness, the keys
//! derived from the server secret, the hasher and the password rules, the notifier, the
//! throttle, the captcha and the check of second factors. Each service takes from it only
//! what it uses, and its fields say what that is (Kratos's handler dependencies).

use std::sync::Arc;

use regain_courier::Sealer;
use tokio::sync::Notify;

use crate::captcha::{Captcha, CaptchaSettings};
use crate::factors::{self, FactorCheck};
use crate::notify::Notifier;
use crate::rules::PasswordRules;
use crate::secrets::{CodeKey, SealKey};
use crate::store::Store;
use crate::throttle::{SendBudgets, Throttle};
use crate::{Clock, Error, HashParams, Passwords, Random};

/// The settings the shared components need.
#[derive(Debug, Clone)]
pub struct DepsSettings {
    pub hash: HashParams,
    /// The hashing pool: its workers and how many hashes may wait.
    pub hash_pool: crate::PoolSize,
    pub policy: regain_policy::Settings,
    pub sends: SendBudgets,
    pub captcha: CaptchaSettings,
    /// Where links in messages point. Never taken from a request.
    pub public_origin: String,
}

impl Default for DepsSettings {
    fn default() -> Self {
        Self {
            hash: HashParams::default(),
            hash_pool: crate::PoolSize::default(),
            policy: regain_policy::Settings::default(),
            sends: SendBudgets::default(),
            captcha: CaptchaSettings::default(),
            public_origin: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// The shared components.
#[derive(Clone)]
pub struct Deps {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub random: Arc<dyn Random>,
    pub keys: CodeKey,
    /// Seals authenticators' secrets at rest.
    pub seal: SealKey,
    pub passwords: Passwords,
    pub rules: PasswordRules,
    pub notifier: Notifier,
    pub throttle: Throttle,
    pub captcha: Captcha,
    /// Checks second factors, for sign-in and recovery alike.
    pub factors: FactorCheck,
}

impl std::fmt::Debug for Deps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deps").field("store", &self.store).finish_non_exhaustive()
    }
}

impl Deps {
    /// `courier` is woken whenever a message is queued.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        random: Arc<dyn Random>,
        server_secret: &[u8],
        courier: Arc<Notify>,
        settings: DepsSettings,
    ) -> Result<Self, Error> {
        let keys = CodeKey::derive(server_secret);
        let passwords = Passwords::with_pool(settings.hash, settings.hash_pool)?;
        let rules = PasswordRules::new(settings.policy, passwords.clone(), store.clone());
        let notifier = Notifier::new(
            Sealer::new(server_secret),
            random.clone(),
            keys.clone(),
            courier,
            &settings.public_origin,
        );
        let throttle = Throttle::new(store.clone(), keys.clone(), settings.sends);
        let captcha = Captcha::new(
            server_secret,
            settings.captcha,
            clock.clone(),
            random.clone(),
            store.clone(),
        );
        let seal = SealKey::derive(server_secret, factors::SEAL_PURPOSE);
        let factors =
            FactorCheck::new(store.clone(), seal.clone(), keys.clone(), passwords.clone());
        Ok(Self {
            store,
            clock,
            random,
            keys,
            seal,
            passwords,
            rules,
            notifier,
            throttle,
            captcha,
            factors,
        })
    }
}
