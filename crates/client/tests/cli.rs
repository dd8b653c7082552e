//! The `regain` binary's argument handling; its runs against a real server are in
//! `tests/client.rs` at the workspace root.
#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn a_plain_http_remote_server_is_refused_with_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_regain"))
        .args(["--server", "http://recover.example.com", "status"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("only allowed to this computer"), "{stderr}");
}

#[test]
fn an_unknown_method_is_refused_before_anything_is_sent() {
    let output = Command::new(env!("CARGO_BIN_EXE_regain"))
        .args(["recover", "demo@example.com", "--method", "carrier-pigeon"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("expected sms, email or security_questions"));
}
