use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

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

/// How many hashes run at once, how many may wait for a worker, and how long a request waits
/// for a place in that queue before it is answered `busy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSize {
    pub workers: usize,
    pub queue: usize,
    pub wait: Duration,
}

impl Default for PoolSize {
    /// As many workers as cores; a queue of 32 per worker; two seconds' wait for a place.
    fn default() -> Self {
        let workers = std::thread::available_parallelism().map_or(2, usize::from);
        Self { workers, queue: 32 * workers, wait: Duration::from_secs(2) }
    }
}

/// A worker gives its memory back after this long without work (an idle app keeps none).
const IDLE_RELEASE: Duration = Duration::from_secs(30);

/// Hashes and verifies passwords, security answers and recovery codes with argon2id on a
/// bounded pool of its own threads, never on the async executor (one hash takes tens of
/// milliseconds of CPU) nor on tokio's blocking pool, which grows to hundreds of threads each
/// allocating its own 19 MiB: here each worker keeps one memory block and reuses it for every
/// hash, so memory under a flood stays at workers × 19 MiB, and requests beyond the queue are
/// refused at once (`busy`, 503) rather than bought with memory.
#[derive(Clone)]
pub struct Passwords {
    argon: Arc<Argon2<'static>>,
    /// A real hash of a random password: verified against when the account does not exist, so
    /// "no such account" costs the same time as "wrong password".
    decoy: Arc<String>,
    jobs: mpsc::SyncSender<Job>,
    wait: Duration,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords").field("params", self.argon.params()).finish()
    }
}

/// One piece of work for the pool, with where its answer goes.
enum Job {
    Hash { secret: Secret<String>, reply: tokio::sync::oneshot::Sender<Result<String, Error>> },
    Verify { secret: Secret<String>, stored: String, reply: tokio::sync::oneshot::Sender<bool> },
}

impl Passwords {
    pub fn new(params: HashParams) -> Result<Self, Error> {
        Self::with_pool(params, PoolSize::default())
    }

    pub fn with_pool(params: HashParams, size: PoolSize) -> Result<Self, Error> {
        let params = Params::new(params.memory_kib, params.iterations, params.parallelism, None)
            .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?;
        let argon = Arc::new(Argon2::new(Algorithm::Argon2id, Version::V0x13, params));
        let salt = SaltString::generate(&mut OsRng);
        let decoy = argon
            .hash_password(salt.as_str().as_bytes(), &salt)
            .map_err(|e| Error::Internal(format!("argon2: {e}")))?
            .to_string();
        let (jobs, queue) = mpsc::sync_channel::<Job>(size.queue);
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..size.workers.max(1) {
            let (argon, queue) = (argon.clone(), queue.clone());
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || work(&argon, &queue))
                .map_err(|e| Error::Internal(format!("starting a hashing thread: {e}")))?;
        }
        Ok(Self { argon, decoy: Arc::new(decoy), jobs, wait: size.wait })
    }

    /// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of the NFKC form of `secret`.
    pub async fn hash(&self, secret: &Secret<String>) -> Result<String, Error> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.submit(Job::Hash { secret: secret.clone(), reply }).await?;
        answer.await.map_err(|_| Error::Internal("a hashing thread stopped".into()))?
    }

    /// [`Passwords::hash`] on the calling thread: for benchmarks and blocking contexts only.
    pub fn hash_blocking(&self, secret: &Secret<String>) -> Result<String, Error> {
        hash_with(&self.argon, secret, &mut Vec::new())
    }

    /// Whether `secret` matches `stored`. With no stored hash (unknown account) it verifies
    /// against the decoy and answers `false`, in the same time. `busy` when the pool's queue is
    /// full: never a wrong answer for a right password.
    pub async fn verify(
        &self,
        secret: &Secret<String>,
        stored: Option<&str>,
    ) -> Result<bool, Error> {
        let known = stored.is_some();
        let stored = stored.map_or_else(|| self.decoy.as_str().to_owned(), ToOwned::to_owned);
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.submit(Job::Verify { secret: secret.clone(), stored, reply }).await?;
        let matched =
            answer.await.map_err(|_| Error::Internal("a hashing thread stopped".into()))?;
        Ok(known && matched)
    }

    /// Queues `job`, waiting up to the pool's wait for a place (a burst passes; a flood is
    /// refused): `busy` after that, so that a proof's attempt counted before its hash is
    /// rarely spent on an answer that is neither right nor wrong.
    async fn submit(&self, mut job: Job) -> Result<(), Error> {
        let deadline = tokio::time::Instant::now() + self.wait;
        loop {
            match self.jobs.try_send(job) {
                Ok(()) => return Ok(()),
                Err(mpsc::TrySendError::Full(back)) if tokio::time::Instant::now() < deadline => {
                    job = back;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err(mpsc::TrySendError::Full(_)) => {
                    tracing::warn!("the hashing queue stayed full; refused with busy");
                    return Err(Error::Overloaded);
                }
                Err(mpsc::TrySendError::Disconnected(_)) => {
                    return Err(Error::Internal("the hashing threads stopped".into()));
                }
            }
        }
    }
}

/// A worker: takes jobs until every `Passwords` is dropped, with one memory block reused for
/// every hash at the service's parameters, given back after a while without work.
fn work(argon: &Argon2<'static>, queue: &Mutex<mpsc::Receiver<Job>>) {
    let mut memory: Vec<Block> = Vec::new();
    loop {
        let next = {
            let Ok(queue) = queue.lock() else { return };
            queue.recv_timeout(IDLE_RELEASE)
        };
        // A panic in one job (a reply dropped answers its caller "internal") never takes a
        // worker away from the pool.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match next {
            Ok(Job::Hash { secret, reply }) => {
                let _ = reply.send(hash_with(argon, &secret, &mut memory));
                true
            }
            Ok(Job::Verify { secret, stored, reply }) => {
                let _ = reply.send(verify_with(argon, &secret, &stored, &mut memory));
                true
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                memory = Vec::new();
                true
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => false,
        }));
        match outcome {
            Ok(true) => {}
            Ok(false) => return,
            Err(_) => {
                tracing::error!("a hashing job panicked; the worker goes on");
                memory = Vec::new();
            }
        }
    }
}

/// `memory` sized for `params`, allocated the first time only.
fn blocks_for<'a>(memory: &'a mut Vec<Block>, params: &Params) -> &'a mut [Block] {
    let needed = params.block_count();
    if memory.len() != needed {
        *memory = vec![Block::default(); needed];
    }
    memory
}

fn hash_with(
    argon: &Argon2<'static>,
    secret: &Secret<String>,
    memory: &mut Vec<Block>,
) -> Result<String, Error> {
    let normalized = Secret::new(regain_policy::normalize(secret.expose()));
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes =
        salt.decode_b64(&mut salt_bytes).map_err(|e| Error::Internal(format!("salt: {e}")))?;
    let length = argon.params().output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let blocks = blocks_for(memory, argon.params());
    let output = Output::init_with(length, |out| {
        argon
            .hash_password_into_with_memory(
                normalized.expose().as_bytes(),
                salt_bytes,
                out,
                &mut *blocks,
            )
            .map_err(|_| argon2::password_hash::Error::Crypto)
    })
    .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    let hash = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params())
            .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// Recomputes the stored hash's own parameters over `secret` and compares in constant time. A
/// hash made with other parameters (an older cost) takes memory of its own for that once.
fn verify_with(
    argon: &Argon2<'static>,
    secret: &Secret<String>,
    stored: &str,
    memory: &mut Vec<Block>,
) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else { return false };
    let version = parsed.version.and_then(|v| Version::try_from(v).ok()).unwrap_or_default();
    let Ok(params) = Params::try_from(&parsed) else { return false };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else { return false };
    let normalized = Secret::new(regain_policy::normalize(secret.expose()));
    let same_cost = &params == argon.params();
    let hasher = Argon2::new(algorithm, version, params.clone());
    let mut own = Vec::new();
    let blocks =
        if same_cost { blocks_for(memory, &params) } else { blocks_for(&mut own, &params) };
    let computed = Output::init_with(expected.len(), |out| {
        hasher
            .hash_password_into_with_memory(
                normalized.expose().as_bytes(),
                salt_bytes,
                out,
                &mut *blocks,
            )
            .map_err(|_| argon2::password_hash::Error::Crypto)
    });
    computed.is_ok_and(|computed| computed == expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::PasswordVerifier as _;

    #[tokio::test]
    async fn hashes_are_argon2id_at_the_floor_and_verify() {
        let passwords = Passwords::new(HashParams::default()).expect("params");
        let secret = Secret::new("correct horse battery staple".to_owned());
        let hash = passwords.hash(&secret).await.expect("hashes");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(passwords.verify(&secret, Some(&hash)).await.expect("verified"));
        let wrong = Secret::new("wrong".into());
        assert!(!passwords.verify(&wrong, Some(&hash)).await.expect("verified"));
        assert!(!passwords.verify(&secret, None).await.expect("verified"));
    }

    #[tokio::test]
    async fn the_nfkc_form_is_hashed() {
        let passwords = Passwords::new(HashParams::default()).expect("params");
        let hash = passwords
            .hash(&Secret::new("ｐａｓｓｗｏｒｄ１２３４５６７８".into()))
            .await
            .expect("hashes");
        let plain = Secret::new("password12345678".into());
        assert!(passwords.verify(&plain, Some(&hash)).await.expect("verified"));
    }

    /// The pool's hashes are the argon2 crate's own, both ways, and a hash made at another
    /// cost (an older deployment's) still verifies.
    #[tokio::test]
    async fn the_pools_hashes_are_the_crates_and_older_costs_still_verify() {
        let passwords = Passwords::new(HashParams::default()).expect("params");
        let secret = Secret::new("violet harbour compass 1987".to_owned());
        let ours = passwords.hash(&secret).await.expect("hashes");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(Argon2::default().verify_password(secret.expose().as_bytes(), &parsed).is_ok());

        let older = Params::new(8 * 1024, 3, 1, None).expect("params");
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, older)
            .hash_password(secret.expose().as_bytes(), &salt)
            .expect("hashes")
            .to_string();
        assert!(passwords.verify(&secret, Some(&theirs)).await.expect("verified"));
        let wrong = Secret::new("violet harbour compass 1988".into());
        assert!(!passwords.verify(&wrong, Some(&theirs)).await.expect("verified"));
        assert!(!passwords.verify(&secret, Some("not a hash")).await.expect("verified"));
    }

    /// One worker, a queue of two and no wait: a burst of ten gets at most three through at
    /// once (one working, two waiting); the rest are refused at once with `busy`, and every
    /// one that got in is answered rightly.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_beyond_the_queue_is_refused_busy_not_queued_in_memory() {
        let size = PoolSize { workers: 1, queue: 2, wait: Duration::ZERO };
        let passwords = Passwords::with_pool(HashParams::default(), size).expect("params");
        let secret = Secret::new("correct horse battery staple".to_owned());
        let hash = passwords.hash(&secret).await.expect("hashes");
        let mut burst = Vec::new();
        for _ in 0..10 {
            let (passwords, secret, hash) = (passwords.clone(), secret.clone(), hash.clone());
            burst.push(tokio::spawn(async move { passwords.verify(&secret, Some(&hash)).await }));
        }
        let (mut right, mut busy) = (0, 0);
        for answer in burst {
            match answer.await.expect("joined") {
                Ok(true) => right += 1,
                Err(Error::Overloaded) => busy += 1,
                other => panic!("a wrong answer: {other:?}"),
            }
        }
        assert!((1..=3).contains(&right), "{right} got through");
        assert_eq!(right + busy, 10);
        // Once the burst is over, the pool answers again.
        assert!(passwords.verify(&secret, Some(&hash)).await.expect("verified"));
    }
}
