//! Declares the app's own commands (the one list, `src/commands/list.rs`) so that capabilities
//! can grant them one by one; `tauri.conf.json` is linked here from the root.

include!("src/commands/list.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
