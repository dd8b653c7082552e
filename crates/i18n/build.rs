//! Finds the catalogs: every `locales/<tag>.ftl` is a language Regain speaks, so a sixteenth
//! language is one file and nothing else.

use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("locales");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut catalogs: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("crates/i18n/locales is readable")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .map(|path| {
            println!("cargo::rerun-if-changed={}", path.display());
            let tag = path.file_stem().expect("a file name").to_string_lossy().into_owned();
            (tag, path.display().to_string())
        })
        .collect();
    catalogs.sort();
    let entries: String = catalogs
        .iter()
        .map(|(tag, path)| format!("    ({tag:?}, include_str!({path:?})),\n"))
        .collect();
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("catalogs.rs");
    fs::write(out, format!("const CATALOGS: &[(&str, &str)] = &[\n{entries}];\n"))
        .expect("OUT_DIR is writable");
}
