//! `evaluate` with an account's context, for 8-, 16-, 40- and 100-character passwords: fast enough
//! to run on every keystroke? Target: under 2 ms median at 16 characters.
//!
//! `cargo bench -p regain-policy --bench evaluate` prints criterion's estimates and, first, the
//! median and 99th percentile of 2,000 single calls per input (criterion reports means of
//! batches, which hide the tail).
#![allow(clippy::print_stderr)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use regain_policy::{evaluate, Context, Settings};

const INPUTS: [(&str, &str); 4] = [
    ("8 chars", "k8Jd2Lq0"),
    ("16 chars", "tangerine orbit7"),
    ("40 chars", "quiet tangerine orbit saddle meadow 1987"),
    // zxcvbn sees at most 100 code points, so this is the worst case of any length.
    (
        "100 chars",
        "quiet tangerine orbit saddle meadow 1987 copper fennel glacier mosaic saffron tundra beacon willow x",
    ),
];

fn context() -> Context {
    Context::new()
        .name("Li Wei")
        .email("li.wei@example.com")
        .phone("+8613800138000", 86)
        .account_id(1_234_567_890)
        .birthday("1990-04-12")
}

fn percentiles(context: &Context, settings: &Settings) {
    for (name, password) in INPUTS {
        let mut samples: Vec<f64> = (0..2000)
            .map(|_| {
                let start = Instant::now();
                black_box(evaluate(black_box(password), context, settings));
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        eprintln!(
            "evaluate {name}: median {:.0} µs, p99 {:.0} µs (2000 calls)",
            samples[samples.len() / 2],
            samples[samples.len() * 99 / 100]
        );
    }
}

fn bench(c: &mut Criterion) {
    let context = context();
    let settings = Settings::default();
    percentiles(&context, &settings);
    let mut group = c.benchmark_group("evaluate");
    for (name, password) in INPUTS {
        group.bench_function(name, |b| {
            b.iter(|| evaluate(black_box(password), &context, &settings))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
