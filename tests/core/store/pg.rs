//! The store's contract on both backends, begun with numbering (issue #16):
//! eight clients issuing numbers at once, one transaction in five rolled back,
//! get unique, gapless numbers from the SQLite store and from the PostgreSQL
//! store alike; the PostgreSQL store migrates once, again as a no-op, and
//! refuses a database written by a newer Jobcard. PostgreSQL runs as the
//! throwaway cluster scripts/test.sh starts (JOBCARD_TEST_PG); without one these
//! say so and pass, unless JOBCARD_REQUIRE_PG is set (as test.sh sets it).

use jobcard::store::{self, pg};

fn fresh_database() -> Option<String> {
    crate::common::fresh_pg_database()
}

/// Eight clients, each taking 25 numbers in their own transactions, every
/// fifth rolled back: the committed numbers are exactly 1..=N.
fn contract(take: impl Fn(usize) -> Vec<i64> + Sync) {
    let got: Vec<i64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|c| {
                s.spawn({
                    let take = &take;
                    move || take(c)
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut sorted = got.clone();
    sorted.sort_unstable();
    assert_eq!(sorted.len(), 8 * 20, "each client kept four in five");
    assert_eq!(
        sorted,
        (1..=sorted.len() as i64).collect::<Vec<_>>(),
        "unique and gapless"
    );
}

#[test]
fn sqlite_numbers_are_unique_and_gapless_under_eight_clients() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    drop(store::open(&path).unwrap());
    contract(|_| {
        let mut db = store::open(&path).unwrap();
        let mut kept = Vec::new();
        for k in 0..25 {
            let tx = store::write_tx(&mut db).unwrap();
            let n = store::numbers::next(&tx, "invoice").unwrap();
            if k % 5 == 4 {
                continue; // dropped: rolled back, the number given back
            }
            tx.commit().unwrap();
            kept.push(n);
        }
        kept
    });
}

#[test]
fn postgres_numbers_are_unique_and_gapless_under_eight_clients() {
    let Some(url) = fresh_database() else { return };
    drop(pg::connect(&url).unwrap());
    contract(|_| {
        let mut db = store::connect(&url).unwrap();
        let mut kept = Vec::new();
        for k in 0..25 {
            let tx = store::write_tx(&mut db).unwrap();
            let n = store::numbers::next(&tx, "invoice").unwrap();
            if k % 5 == 4 {
                continue; // dropped: rolled back, the number given back
            }
            tx.commit().unwrap();
            kept.push(n);
        }
        kept
    });
}

#[test]
fn postgres_migrates_once_and_refuses_a_newer_schema() {
    let Some(url) = fresh_database() else { return };
    let mut db = pg::connect(&url).unwrap();
    assert_eq!(pg::version(&mut db).unwrap(), pg::latest_version());
    drop(db);
    // Again: nothing to do, nothing lost.
    let mut db = store::connect(&url).unwrap();
    let tx = store::write_tx(&mut db).unwrap();
    assert_eq!(store::numbers::next(&tx, "job").unwrap(), 1);
    tx.commit().unwrap();
    drop(db);
    let mut db = store::connect(&url).unwrap();
    let tx = store::write_tx(&mut db).unwrap();
    assert_eq!(store::numbers::next(&tx, "job").unwrap(), 2);
    tx.commit().unwrap();
    // A newer Jobcard wrote here: refused, never written into.
    let mut raw = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    raw.execute("INSERT INTO jobcard_schema (version) VALUES (999)", &[])
        .unwrap();
    let e = pg::connect(&url).err().expect("a newer schema is refused");
    assert_eq!(e.code, jobcard::ErrorCode::DatabaseTooNew);
    assert!(!e.message_zh.is_empty());
    // An unreachable server is a clear storage error, not a panic.
    let e = pg::connect("host=/nonexistent-socket-folder user=nobody dbname=none")
        .err()
        .expect("no server there");
    assert_eq!(e.code, jobcard::ErrorCode::Storage);
}

/// A shop on the server backs up through the same backup command: PostgreSQL's
/// own `pg_dump`, checked by restoring it into a scratch database, kept in the
/// folder with its manifest, and rotated with the file backups' rules.
#[test]
fn a_server_shop_backs_up_with_pg_dump_checked_by_restoring_it() {
    let Some(url) = fresh_database() else { return };
    let mut core = jobcard::Core::connect(&url).unwrap();
    jobcard::demo::build(&mut core, jobcard::model::settings::Lang::ZhCn).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let record = core.backup_into(Some(dir.path()), &mut |_| {}).unwrap();
    assert!(record.verified, "{record:?}");
    assert!(record.path.ends_with(".pgdump"), "{}", record.path);
    assert!(record.bytes > 10_000 && record.sha256.len() == 64);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{}.json", record.path)).unwrap())
            .unwrap();
    let digests = core.table_digests().unwrap();
    let jobs = digests.iter().find(|d| d.table == "jobs").unwrap().rows;
    assert!(jobs > 10);
    let dumped = manifest["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[0] == "jobs")
        .unwrap()[1]
        .as_i64()
        .unwrap();
    assert_eq!(dumped, jobs, "the restored dump holds every job");
    // The backup is on the record, as a file shop's is.
    let status = core.backup_status().unwrap();
    assert_eq!(status.last_good.unwrap().path, record.path);
    // A dump that cannot be written is an error that says so, not a backup.
    let e = jobcard::store::pg::dump::dump_verified(
        &url,
        std::path::Path::new("/nonexistent-folder/x.pgdump"),
    )
    .unwrap_err();
    assert!(e.message.contains("pg_dump"), "{e:?}");
}

/// The server's address, typed at the counter, becomes one connection string
/// the driver reads back field for field (a password with quotes and spaces
/// stays one value); a server is probed without being written to; before the
/// shop is set up anyone may choose, after it only a manager.
#[test]
fn a_server_address_is_probed_and_chosen_by_a_manager_only() {
    use jobcard::model::server::ServerAddress;
    let address = ServerAddress {
        host: "shop-server".into(),
        port: Some(6543),
        database: "jobcard".into(),
        user: "counter one".into(),
        password: Some("it's \\ secret".into()),
        encryption: None,
        authority: None,
        connection_string: None,
    };
    let conn = address.connection().unwrap();
    let parsed: postgres::Config = conn.parse().unwrap();
    assert_eq!(parsed.get_user(), Some("counter one"));
    assert_eq!(parsed.get_password(), Some(&b"it's \\ secret"[..]));
    assert_eq!(parsed.get_ports(), &[6543]);

    let Some(url) = fresh_database() else { return };
    let probe = jobcard::api::server::probe(&url).unwrap();
    assert!(probe.schema.is_none() && !probe.holds_shop, "{probe:?}");
    assert!(!probe.version.is_empty());
    let e =
        jobcard::api::server::probe("host=/nonexistent-socket-folder user=x dbname=y").unwrap_err();
    assert_eq!(e.code, jobcard::ErrorCode::Storage);
    assert!(e.message.contains("cannot be reached"), "{e:?}");

    // A set-up shop: only a manager chooses.
    let mut s = crate::common::Shop::new();
    let (m, counter) = (s.manager, s.counter);
    s.call(
        "staff.set_secret",
        serde_json::json!({ "staff_id": m, "id": counter, "secret": "1357" }),
    );
    s.core.lock(true);
    let local = ServerAddress {
        host: "localhost".into(),
        port: None,
        database: "jobcard".into(),
        user: "jobcard".into(),
        password: None,
        encryption: None,
        authority: None,
        connection_string: None,
    };
    assert_eq!(
        s.core.choose_server(&local).unwrap_err().code,
        jobcard::ErrorCode::SignInRequired
    );
    s.core.sign_in(counter, "1357").unwrap();
    assert_eq!(
        s.core.choose_server(&local).unwrap_err().code,
        jobcard::ErrorCode::Forbidden
    );
    s.core.sign_in(m, "2468").unwrap();
    assert!(s
        .core
        .choose_server(&local)
        .unwrap()
        .contains("host='localhost'"));
    // Where the counter keeps the shop: its file, or its server, never both.
    let where_kept = s.core.where_kept();
    assert!(where_kept.file.is_some() != where_kept.server.is_some());
    if let Some(server) = where_kept.server {
        assert!(!format!("{server:?}").contains("password"));
    }
}

/// The server drops the counter's connection (a restart, a network cut): the
/// next command connects again and runs, nothing confirmed before is lost, and
/// the counter still hears the other counters' changes.
#[test]
fn a_dropped_connection_is_made_again_at_the_next_command() {
    let Some(url) = fresh_database() else { return };
    let mut core = jobcard::Core::connect(&url).unwrap();
    let staff = core
        .call(
            "shop.setup",
            serde_json::json!({ "settings": { "legal_name": "Reconnect Garage" },
                "manager_name": "Helen", "manager_secret": "2468" }),
        )
        .unwrap();
    let manager = staff["id"].as_i64().unwrap();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    // Only this counter's own connection (other tests share the database).
    let cut = |admin: &mut postgres::Client, core: &mut jobcard::Core| {
        let pid: i64 = core
            .checks()
            .sql()
            .query_row("SELECT CAST(pg_backend_pid() AS BIGINT)", (), |r| r.get(0))
            .unwrap();
        admin
            .execute(
                "SELECT pg_terminate_backend(CAST($1 AS BIGINT)::int)",
                &[&pid],
            )
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    cut(&mut admin, &mut core);
    // A read, then a write, each on a connection made again.
    let list = core.call("staff.list", serde_json::json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    cut(&mut admin, &mut core);
    core.call(
        "customer.create",
        serde_json::json!({ "staff_id": manager, "customer": {
            "kind": "person", "name": "After The Cut", "phones": ["13900001111"] } }),
    )
    .unwrap();
    let found = core
        .call("search", serde_json::json!({ "query": "After The Cut" }))
        .unwrap();
    assert!(found.to_string().contains("After The Cut"), "{found}");
    // Still listening: another counter's change is heard.
    assert!(!core.changed_elsewhere().unwrap());
    let mut other = jobcard::Core::connect(&url).unwrap();
    other
        .call(
            "customer.create",
            serde_json::json!({ "staff_id": manager, "customer": {
                "kind": "person", "name": "Second Counter", "phones": ["13900002222"] } }),
        )
        .unwrap();
    assert!(core.changed_elsewhere().unwrap());
}

/// TLS as libpq's `sslmode` has it: over the loopback port, where the test
/// server offers TLS with a certificate of its own making, a counter's
/// connection is encrypted unless told never to; over the Unix socket, where
/// no server offers TLS, "always" is refused and the default goes on plain.
/// A connection string given whole is checked and gets a time limit.
#[test]
fn the_connection_is_encrypted_when_the_server_offers_tls() {
    use jobcard::model::server::{Encryption, ServerAddress};
    use jobcard::store::pg::connection::checked;
    assert_eq!(
        checked("postgresql://counter@shop-server/jobcard").unwrap(),
        "postgresql://counter@shop-server/jobcard?connect_timeout=5"
    );
    assert_eq!(
        checked("postgresql://shop-server/jobcard?sslmode=require").unwrap(),
        "postgresql://shop-server/jobcard?sslmode=require&connect_timeout=5"
    );
    assert_eq!(
        checked("host=shop-server connect_timeout=9").unwrap(),
        "host=shop-server connect_timeout=9"
    );
    for bad in [
        "dbname=jobcard",
        "host=a sslmode=sometimes",
        "nonsense",
        "host='open",
    ] {
        let e = checked(bad).unwrap_err();
        assert_eq!(
            e.field.as_deref(),
            Some("connection_string"),
            "{bad}: {e:?}"
        );
        assert!(!e.message_zh.is_empty());
    }

    let Some(socket) = fresh_database() else {
        return;
    };
    let tcp_server = std::env::var("JOBCARD_TEST_PG_TCP").expect("test.sh names the TCP port");
    let socket_server = std::env::var("JOBCARD_TEST_PG").unwrap();
    let tcp = socket.replace(&socket_server, &tcp_server);
    assert_ne!(tcp, socket);
    let probe = |conn: &str| jobcard::api::server::probe(&checked(conn).unwrap());
    assert!(probe(&tcp).unwrap().encrypted, "TLS when offered");
    assert!(probe(&format!("{tcp} sslmode=require")).unwrap().encrypted);
    assert!(!probe(&format!("{tcp} sslmode=disable")).unwrap().encrypted);
    assert!(!probe(&socket).unwrap().encrypted, "no TLS on a socket");
    let refused = probe(&format!("{socket} sslmode=require")).unwrap_err();
    assert_eq!(refused.code, jobcard::ErrorCode::Storage, "{refused:?}");

    // The fields ask for it as chosen.
    let host = tcp_server
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("port="))
        .unwrap()
        .parse::<i64>()
        .unwrap();
    let address = |encryption| ServerAddress {
        host: "127.0.0.1".into(),
        port: Some(host),
        database: "postgres".into(),
        user: "jobcard".into(),
        password: None,
        encryption,
        authority: None,
        connection_string: None,
    };
    assert!(
        probe(&address(None).connection().unwrap())
            .unwrap()
            .encrypted
    );
    assert!(
        probe(&address(Some(Encryption::Always)).connection().unwrap())
            .unwrap()
            .encrypted
    );
    assert!(
        !probe(&address(Some(Encryption::Never)).connection().unwrap())
            .unwrap()
            .encrypted
    );

    // A shop on the server over TLS says so where it says where it is kept.
    let core = jobcard::api::Core::connect(&tcp).unwrap();
    let kept = core.where_kept();
    assert!(
        kept.server.as_ref().is_some_and(|s| s.encrypted),
        "{kept:?}"
    );
}

/// A step only a shop file has, asked of a shop on a server, is refused
/// plainly in both languages (the Chinese message names the step in Chinese).
#[test]
fn a_file_only_step_on_a_server_is_refused_in_both_languages() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let mut core = jobcard::Core::connect(&url).unwrap();
    let Err(e) = core.connection() else {
        panic!("a shop on a server has no file connection");
    };
    assert_eq!(e.code, jobcard::ErrorCode::InvalidInput);
    assert!(e.message.contains("database server"), "{}", e.message);
    assert!(
        !e.message_zh.chars().any(|c| c.is_ascii_alphabetic()),
        "{}",
        e.message_zh
    );
}
