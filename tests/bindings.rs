//! The UI's TypeScript bindings are generated from the Rust types; the committed
//! copy must match what the types generate now, or the UI would compile against
//! shapes the core no longer has.

use std::collections::BTreeMap;
use std::path::Path;

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ts"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let fresh = tempfile::tempdir().unwrap();
    jobcard::api::bindings::write(fresh.path()).unwrap();
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
