//! The shop loaded into its server's memory (src/store/pg/memory.rs,
//! issue #16's open job on an old shop): its size is measured against the
//! server's `shared_buffers`, every block of its tables, indexes and TOAST is
//! read in, `pg_prewarm` is installed beside `pg_trgm` in `public` and the
//! shop's backup still verifies; a role that may not install the extension
//! is told who can; a shop larger than the buffers (on a tiny cluster of
//! the test's own) is refused; a shop file has nothing to load. The command line's
//! `warm` answers the same. On the throwaway cluster (JOBCARD_TEST_PG);
//! without one the server tests say so and pass.

use crate::common::{fresh_pg_database, Shop};
use jobcard::ErrorCode;
use serde_json::{json, Value};
use std::process::Command;

/// Whether the database at `url` has `pg_prewarm` installed.
fn prewarm_installed(url: &str) -> bool {
    postgres::Client::connect(url, postgres::NoTls)
        .unwrap()
        .query_one(
            "SELECT count(*) > 0 FROM pg_extension WHERE extname = 'pg_prewarm'",
            &[],
        )
        .unwrap()
        .get(0)
}

/// The server's block size, in bytes.
fn block_size(s: &mut Shop) -> i64 {
    let checks = s.core.checks();
    let sql = checks.sql();
    sql.query_row("SELECT current_setting('block_size')::bigint", (), |r| {
        r.get::<_, i64>(0)
    })
    .unwrap()
}

#[test]
fn a_server_shop_is_loaded_into_the_servers_memory_and_still_backs_up() {
    // In the `public` schema, as a shop's own server holds it: the
    // extension then lands in the shop's own schema, which its dump leaves out.
    let Some(mut s) = Shop::on_test_server_public() else {
        return;
    };
    s.invoiced();
    let before = s.core.server_memory().unwrap().expect("a server shop");
    assert!(
        before.shop_bytes > 0 && before.buffers_bytes > 0,
        "{before:?}"
    );
    assert!(
        before.fits(),
        "the test cluster's 128 MB hold a test shop: {before:?}"
    );

    let mut told = Vec::new();
    let blocks = s
        .core
        .warm_server(&mut |done, all| told.push((done, all)))
        .unwrap();
    // Every relation read whole: as many blocks as the shop is large.
    assert_eq!(blocks * block_size(&mut s), before.shop_bytes);
    assert!(told.len() > 20, "told relation by relation: {}", told.len());
    assert!(told
        .windows(2)
        .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1));
    assert_eq!(
        told.last().copied(),
        Some((before.shop_bytes, before.shop_bytes))
    );

    // What the server's buffers now hold of this database's own relations
    // (the shop's alone, in a database of its own), main forks: every block
    // of the shop, so no relation of it was left out of the count.
    let checks = s.core.checks();
    checks
        .sql()
        .execute_batch("CREATE EXTENSION IF NOT EXISTS pg_buffercache SCHEMA public")
        .unwrap();
    let held = checks
        .sql()
        .query_row(
            "SELECT count(*) FROM public.pg_buffercache b JOIN pg_class c \
             ON b.relfilenode = pg_relation_filenode(c.oid) \
             WHERE b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) \
             AND b.relforknumber = 0 AND c.oid >= 16384",
            (),
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    assert_eq!(held, blocks);
    let schema = checks
        .sql()
        .query_row(
            "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n \
             ON n.oid = e.extnamespace WHERE e.extname = 'pg_prewarm'",
            (),
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    assert_eq!(schema, "public");

    // Again, with the extension in place; and the shop goes on as before.
    assert_eq!(s.core.warm_server(&mut |_, _| {}).unwrap(), blocks);
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    assert!(b.verified, "{b:?}");
    let (job, _, _) = s.invoiced();
    assert_eq!(s.job(&job)["job"]["state"], json!("invoiced"));

    // The command line answers the same sizes and blocks (the shop has grown).
    let url = s.server.clone().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .args(["--server", &url, "warm"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let now = s.core.server_memory().unwrap().unwrap();
    assert_eq!(v["memory"]["shop_bytes"], json!(now.shop_bytes), "{v}");
    assert_eq!(v["memory"]["buffers_bytes"], json!(now.buffers_bytes));
    assert_eq!(
        v["blocks"].as_i64().unwrap() * block_size(&mut s),
        now.shop_bytes
    );
}

/// A shop's own role is usually no superuser: it may not install
/// `pg_prewarm`, and is told who can; nothing else changes.
#[test]
fn a_role_that_may_not_install_pg_prewarm_is_told_who_can() {
    let Some(_) = fresh_pg_database() else { return };
    let server = std::env::var("JOBCARD_TEST_PG").unwrap();
    let role = format!("jobcard_warm_{}", std::process::id());
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    for sql in [
        format!("CREATE ROLE {role} LOGIN NOSUPERUSER"),
        format!("CREATE DATABASE {role} OWNER {role}"),
    ] {
        admin.batch_execute(&sql).unwrap();
    }
    let url = format!("{server} user={role} dbname={role}");
    let Some(mut s) = Shop::on_server_at(url.clone()) else {
        return;
    };
    let memory = s.core.server_memory().unwrap().unwrap();
    assert!(memory.shop_bytes > 0);
    let e = s.core.warm_server(&mut |_, _| {}).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidState, "{e:?}");
    assert!(
        e.message.contains("CREATE EXTENSION pg_prewarm"),
        "{}",
        e.message
    );
    assert!(e.message_zh.contains("pg_prewarm"), "{}", e.message_zh);
    assert!(!prewarm_installed(&url));
    // The counter goes on working on the same connection.
    let job = s.receive();
    assert_eq!(s.state(&job), "received");
}

/// A throwaway cluster of the test's own with the smallest buffers the
/// server allows (16 blocks), started by the test cluster's script and
/// stopped when dropped.
struct TinyCluster {
    dir: String,
    url: String,
}

impl TinyCluster {
    fn start() -> TinyCluster {
        let out = Command::new("bash")
            .args(["scripts/pg-cluster.sh", "start"])
            .env("PG_SHARED_BUFFERS", "128kB")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let value = |name: &str| {
            said.split_whitespace()
                .find_map(|w| w.strip_prefix(&format!("{name}=")))
                .unwrap_or_else(|| panic!("no {name} in {said}"))
                .to_string()
        };
        let dir = value("PG_CLUSTER_DIR");
        let url = format!(
            "host={dir} port={} user=jobcard dbname=postgres",
            value("PG_PORT")
        );
        TinyCluster { dir, url }
    }
}

impl Drop for TinyCluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .args(["scripts/pg-cluster.sh", "stop", &self.dir])
            .status();
    }
}

/// A shop larger than the server's buffers is not loaded: it would only push
/// out what they hold. The shop is told both sizes in both languages,
/// nothing is installed, and the command line refuses the same way.
#[test]
fn a_shop_larger_than_the_servers_buffers_is_not_loaded() {
    // Only where the test server is (its binaries are this cluster's).
    let Some(_) = fresh_pg_database() else { return };
    let cluster = TinyCluster::start();
    let mut admin = postgres::Client::connect(&cluster.url, postgres::NoTls).unwrap();
    admin.batch_execute("CREATE DATABASE shop").unwrap();
    let url = format!("{} dbname=shop", cluster.url);
    let Some(mut s) = Shop::on_server_at(url.clone()) else {
        return;
    };
    let memory = s.core.server_memory().unwrap().unwrap();
    assert_eq!(memory.buffers_bytes, 128 * 1024);
    assert!(!memory.fits(), "{memory:?}");

    let mut told = 0;
    let e = s.core.warm_server(&mut |_, _| told += 1).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidState, "{e:?}");
    // The shop's size as PostgreSQL's units say it: kB under a megabyte.
    let shop_mb = match memory.shop_bytes {
        b if b < 1 << 20 => format!("{} kB", b / 1024),
        b => format!("{:.0} MB", b as f64 / (1u64 << 20) as f64),
    };
    for (text, says) in [
        (
            &e.message,
            "larger than the server's shared_buffers (128 kB)",
        ),
        (&e.message_zh, "大于服务器的 shared_buffers（128 kB）"),
    ] {
        assert!(text.contains(says) && text.contains(&shop_mb), "{text}");
    }
    assert_eq!(told, 0);
    assert!(!prewarm_installed(&url));

    let out = Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .args(["--server", &url, "warm"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("invalid_state"),
        "{err}"
    );
    assert!(err.contains("shared_buffers"), "{err}");
    // The counter goes on working.
    let job = s.receive();
    assert_eq!(s.state(&job), "received");
}

#[test]
fn a_shop_file_has_no_server_memory_to_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut core = jobcard::Core::open(&dir.path().join("shop.db")).unwrap();
    assert_eq!(core.server_memory().unwrap(), None);
    let e = core.warm_server(&mut |_, _| {}).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidState);
    assert!(e.message.contains("file"), "{}", e.message);
}
