//! The UI's TypeScript bindings are generated from the Rust types; the committed
//! copy must match what the types generate now, or the UI would compile against
//! shapes the core no longer has.

use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by its path relative to `dir`.
fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let fresh = tempfile::tempdir().unwrap();
    jobcard::bindings::write(fresh.path()).unwrap();
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let committed = read_dir(&committed_dir);
    let generated = read_dir(fresh.path());
    let stale: Vec<&String> = generated
        .iter()
        .filter(|(k, v)| committed.get(*k) != Some(v))
        .map(|(k, _)| k)
        .chain(committed.keys().filter(|k| !generated.contains_key(*k)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/bindings is out of date ({stale:?}); run `cargo run -- bindings`"
    );
    assert!(
        generated["commands.ts"].contains("\"job.receive\": { input: Receive; output: Received }")
    );
}
