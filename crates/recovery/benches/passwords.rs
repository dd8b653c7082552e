//! How long one argon2id hash takes at the configured floor (m=19456 KiB, t=2, p=1).
//! `cargo bench -p regain-recovery --bench passwords`
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use regain_recovery::{HashParams, Passwords, Secret};

fn argon2id(c: &mut Criterion) {
    let passwords = Passwords::new(HashParams::default()).expect("valid parameters");
    let secret = Secret::new("correct horse battery staple".to_owned());
    let mut group = c.benchmark_group("argon2id");
    group.sample_size(30);
    group.bench_function("hash m=19456,t=2,p=1", |b| {
        b.iter(|| passwords.hash_blocking(black_box(&secret)).expect("hashes"))
    });
    group.finish();
}

criterion_group!(benches, argon2id);
criterion_main!(benches);
