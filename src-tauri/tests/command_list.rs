//! The app's commands are written down once (`src/commands/list.rs`); what registers them
//! (`lib.rs`, through the generated bindings) and what grants them (`capabilities/base.json`
//! for a personal device's window, `capabilities/kiosk.json` for a kiosk's) must name exactly
//! the commands the lists say (Tauri's plugins check theirs the same way).
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

    let kiosk_only = names(regain_app_lib::commands::KIOSK_ONLY);
    let (base, base_windows) = granted("base");
    let personal: BTreeSet<String> = listed.difference(&kiosk_only).cloned().collect();
    assert_eq!(base, personal, "the base capability grants what the list names but the kiosk's");
    assert_eq!(base_windows, ["main"]);
    let (kiosk, kiosk_windows) = granted("kiosk");
    assert_eq!(kiosk, names(regain_app_lib::commands::KIOSK_COMMANDS), "the kiosk's list");
    assert!(kiosk.is_subset(&listed) && kiosk_only.is_subset(&kiosk));
    assert_eq!(kiosk_windows, ["kiosk"]);
    assert_eq!(listed.len(), regain_app_lib::commands::COMMANDS.len(), "listed once each");
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|c| (*c).to_owned()).collect()
}

/// The app's commands a capability file grants, and the windows it applies to.
fn granted(capability: &str) -> (BTreeSet<String>, Vec<String>) {
    let path = format!("{}/capabilities/{capability}.json", env!("CARGO_MANIFEST_DIR"));
    let capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let commands = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect();
    let windows = serde_json::from_value(capability["windows"].clone()).unwrap();
    (commands, windows)
}
