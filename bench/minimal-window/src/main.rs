//! A Tauri 2 window with one static page and no commands: what any Tauri app costs, measured
//! beside Regain by `scripts/measure-footprint`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("minimal-window: {error}");
        std::process::exit(1);
    }
}
