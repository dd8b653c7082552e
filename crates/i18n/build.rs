//! Finds the catalogs: every `locales/<tag>.ftl` is a language Regain speaks, so a sixteenth
//! language is one file and nothing else. Each is parsed here, so a file that does not parse
//! or names a message twice fails the build rather than the first message sent.

use std::collections::HashSet;
use std::path::Path;
use std::{env, fs};

use fluent_syntax::ast::Entry;

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
            check(&tag, &fs::read_to_string(&path).expect("a readable catalog"));
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

/// Panics (failing the build) on a catalog that does not parse or defines an entry twice.
fn check(tag: &str, source: &str) {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("locales/{tag}.ftl does not parse: {errors:?}"));
    let mut seen = HashSet::new();
    for entry in resource.body {
        let name = match entry {
            Entry::Message(m) => m.id.name.to_owned(),
            Entry::Term(t) => format!("-{}", t.id.name),
            _ => continue,
        };
        assert!(seen.insert(name.clone()), "locales/{tag}.ftl defines {name} twice");
    }
}
