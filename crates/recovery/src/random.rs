use rand::RngCore;

/// The source of randomness for codes, tokens and ids, injected like the clock. The real one
/// is the operating system's CSPRNG; tests may pass a seeded one to make ids predictable.
pub trait Random: Send + Sync + std::fmt::Debug {
    fn fill(&self, buf: &mut [u8]);

    fn u64(&self) -> u64 {
        let mut buf = [0u8; 8];
        self.fill(&mut buf);
        u64::from_le_bytes(buf)
    }

    /// A uniform number in `0..bound` (rejection sampling, no modulo bias).
    fn below(&self, bound: u64) -> u64 {
        assert!(bound > 0, "bound must be positive");
        let zone = u64::MAX - (u64::MAX % bound);
        loop {
            let value = self.u64();
            if value < zone {
                return value % bound;
            }
        }
    }
}

/// The operating system's CSPRNG.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        rand::rngs::OsRng.fill_bytes(buf);
    }
}
