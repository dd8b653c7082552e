//! The tree's rules that no compiler checks: within a crate, no two modules import each other,
//! directly or around a circle (a module may use its children and its parent's other
//! children, but what it uses must not use it back).
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The module path of a file under `src` (`recovery/methods/mod.rs` → `recovery::methods`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    parts
}

/// The code of a file without its comments and its unit tests.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths after each `crate::` and `super::` in `code`, as segments.
fn references(code: &str, root: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices(&format!("{root}::")) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + root.len() + 2..];
        let path: String =
            rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        found.push(path.split("::").filter(|s| !s.is_empty()).map(ToOwned::to_owned).collect());
    }
    found
}

/// Module → the modules it uses, at `depth` segments (1: the crate's top-level modules).
fn graph(src: &Path, depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let files = sources(src);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let cut = |path: &[String]| path.iter().take(depth).cloned().collect::<Vec<_>>().join("::");
    for file in &files {
        let me = module_of(src, file);
        let is_mod = file.file_stem().is_some_and(|s| s == "mod");
        let text = code(&std::fs::read_to_string(file).unwrap());
        let parent: Vec<String> = if is_mod || me.is_empty() {
            me[..me.len().saturating_sub(1)].to_vec()
        } else {
            me[..me.len() - 1].to_vec()
        };
        let targets = references(&text, "crate")
            .into_iter()
            .chain(references(&text, "super").into_iter().map(|p| [parent.clone(), p].concat()));
        for target in targets {
            let mut module = Vec::new();
            for segment in target {
                module.push(segment);
                if !modules.contains(&module) {
                    module.pop();
                    break;
                }
            }
            let (from, to) = (cut(&me), cut(&module));
            let nested =
                from.starts_with(&format!("{to}::")) || to.starts_with(&format!("{from}::"));
            if from != to && !from.is_empty() && !to.is_empty() && !nested {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    edges
}

/// The strongly connected components of more than one module (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        found: Vec<Vec<String>>,
    }
    fn visit(walk: &mut Walk<'_>, node: &str) {
        let n = walk.index.len();
        walk.index.insert(node.to_owned(), n);
        walk.low.insert(node.to_owned(), n);
        walk.stack.push(node.to_owned());
        for next in walk.graph.get(node).cloned().unwrap_or_default() {
            if !walk.index.contains_key(&next) {
                visit(walk, &next);
                let low = walk.low[node].min(walk.low[&next]);
                walk.low.insert(node.to_owned(), low);
            } else if walk.stack.contains(&next) {
                let low = walk.low[node].min(walk.index[&next]);
                walk.low.insert(node.to_owned(), low);
            }
        }
        if walk.low[node] == walk.index[node] {
            let mut component = Vec::new();
            while let Some(top) = walk.stack.pop() {
                let done = top == node;
                component.push(top);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                walk.found.push(component);
            }
        }
    }
    let nodes: BTreeSet<String> =
        graph.keys().cloned().chain(graph.values().flatten().cloned()).collect();
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for node in nodes {
        if !walk.index.contains_key(&node) {
            visit(&mut walk, &node);
        }
    }
    walk.found
}

#[test]
fn no_two_modules_of_a_crate_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let crates = ["protocol", "policy", "recovery", "courier", "server", "client"]
        .map(|name| root.join("crates").join(name).join("src"));
    for src in crates.iter().chain([&root.join("src-tauri/src")]) {
        for depth in [1, 2] {
            let found = circles(&graph(src, depth));
            assert!(found.is_empty(), "{}: modules in a circle: {found:?}", src.display());
        }
    }
}

#[test]
fn the_circle_check_sees_a_circle() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    graph.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    graph.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    graph.insert("d".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(circles(&graph), [["a", "b", "c"]]);
    let text = "use crate::store::Store; use super::decoy; my_crate::x; // crate::comment";
    assert_eq!(references(&code(text), "crate"), [["store", "Store"]]);
}
