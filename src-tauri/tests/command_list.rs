//! The app's commands are written down once (`src/commands/list.rs`); what registers them
//! (`lib.rs`, through the generated bindings) and what grants them (`capabilities/base.json`)
//! must name exactly the same commands (Tauri's plugins check theirs the same way).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

#[test]
fn the_registered_the_granted_and_the_listed_commands_are_the_same() {
    let listed: BTreeSet<String> =
        regain_app_lib::commands::COMMANDS.iter().map(|c| (*c).to_owned()).collect();

    let bindings = regain_app_lib::typescript_bindings().unwrap();
    let registered: BTreeSet<String> = bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter(|rest| rest.starts_with('(') || rest.starts_with('<'))
        .filter_map(|call| call.split('"').nth(1).map(ToOwned::to_owned))
        .collect();
    assert_eq!(registered, listed, "lib.rs registers what the list names");

    let capability: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/base.json"))
            .unwrap(),
    )
    .unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect();
    assert_eq!(granted, listed, "the base capability grants what the list names");
    assert_eq!(listed.len(), regain_app_lib::commands::COMMANDS.len(), "listed once each");
}
