//! The UI's TypeScript bindings are generated from the Rust commands and types; this test
//! fails when the committed file drifts from them. Regenerate with
//! `REGAIN_WRITE_BINDINGS=1 cargo test -p regain-app --test bindings`.
#![allow(clippy::unwrap_used)]

use std::path::Path;

#[test]
fn committed_bindings_match_the_commands() {
    let generated = regain_app_lib::typescript_bindings().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    if std::env::var_os("REGAIN_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings.ts is out of date: run `REGAIN_WRITE_BINDINGS=1 cargo test -p regain-app --test bindings`"
    );
}
