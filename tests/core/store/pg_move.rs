//! Moving a shop from its file onto a server (store/transfer.rs, issue #16):
//! every table copied and compared, the file untouched, the server then
//! running the shop; the move ends with a checkpoint where the shop's role
//! may ask for one, and goes through all the same where it may not. Runs on
//! the throwaway cluster scripts/test.sh starts (JOBCARD_TEST_PG).

use jobcard::model::server::MoveStep;
use postgres::NoTls;

fn fresh_database() -> Option<String> {
    crate::common::fresh_pg_database()
}

/// How many checkpoints the server was asked for since its statistics began
/// (`pg_stat_checkpointer` from PostgreSQL 17, `pg_stat_bgwriter` before).
fn checkpoints_asked(url: &str) -> i64 {
    let mut c = postgres::Client::connect(url, NoTls).unwrap();
    let version: i32 = c
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .unwrap()
        .get(0);
    let sql = if version >= 170_000 {
        "SELECT num_requested FROM pg_stat_checkpointer"
    } else {
        "SELECT checkpoints_req FROM pg_stat_bgwriter"
    };
    c.query_one(sql, &[]).unwrap().get(0)
}

/// The demo shop (every kind of record: signed inspections, approvals,
/// invoices, credit notes, cards, complaints, a year of history) moves from
/// its file to an empty server: every table's count and checksum match, the
/// file is untouched, the server then runs the shop — its numbers and ids
/// continue after the file's — and a second move onto it is refused.
#[test]
fn a_shop_file_moves_to_the_server_table_for_table() {
    let Some(url) = fresh_database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut file = jobcard::Core::open(&dir.path().join("shop.db")).unwrap();
    let demo = jobcard::demo::build(&mut file, jobcard::model::settings::Lang::En).unwrap();
    let before = file.table_digests().unwrap();
    let asked = checkpoints_asked(&url);
    let mut seen = Vec::new();
    let checks = file
        .move_to_server(&url, &mut |p| {
            assert!(0 <= p.done && p.done <= p.total, "{p:?}");
            seen.push(p.clone());
        })
        .unwrap();
    assert_eq!(checks.len(), before.len(), "every table");
    assert!(checks.iter().all(|c| c.matches()), "{checks:?}");
    // Progress names every table at each step, in the move's order, and
    // ends with the checkpoint (the test cluster's role is a superuser).
    let steps: Vec<MoveStep> = seen.iter().map(|p| p.step).fold(Vec::new(), |mut v, s| {
        if v.last() != Some(&s) {
            v.push(s);
        }
        v
    });
    assert_eq!(
        steps,
        [
            MoveStep::Copy,
            MoveStep::Compare,
            MoveStep::Check,
            MoveStep::Tidy,
            MoveStep::WriteOut
        ]
    );
    for step in [MoveStep::Copy, MoveStep::Compare, MoveStep::Tidy] {
        let named = |t: &str| seen.iter().any(|p| p.step == step && p.table == t);
        assert!(
            checks.iter().all(|c| named(&c.table)),
            "{step:?} names every table"
        );
    }
    let copied = |t: &str| {
        seen.iter()
            .filter(|p| p.step == MoveStep::Copy && p.table == t)
            .map(|p| (p.done, p.total))
            .next_back()
    };
    for c in &checks {
        assert_eq!(
            copied(&c.table),
            Some((c.file.rows, c.file.rows)),
            "{}",
            c.table
        );
    }
    assert!(
        checkpoints_asked(&url) > asked,
        "the move ends with a checkpoint (the test cluster's role is a superuser)"
    );
    let moved: i64 = checks.iter().map(|c| c.file.rows).sum();
    assert!(moved > 1000, "the demo's records, {moved} rows");
    assert_eq!(
        file.table_digests().unwrap(),
        before,
        "the file is untouched"
    );

    // The links between records (set aside for the copy) are back, each as
    // a freshly set-up server has it.
    let fresh = fresh_database().unwrap();
    jobcard::Core::connect(&fresh).unwrap();
    assert_eq!(foreign_keys(&url), foreign_keys(&fresh));
    assert!(foreign_keys(&url).len() > 50);

    // The server runs the shop as the file did; its audit chain goes on
    // with the move itself.
    let mut server = jobcard::Core::connect(&url).unwrap();
    let on_server = server.table_digests().unwrap();
    let apart_from_audit = |d: &[jobcard::store::digest::TableDigest]| {
        d.iter()
            .filter(|t| t.table != "audit_log")
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(apart_from_audit(&on_server), apart_from_audit(&before));
    let audit = |d: &[jobcard::store::digest::TableDigest]| {
        d.iter().find(|t| t.table == "audit_log").unwrap().rows
    };
    assert_eq!(audit(&on_server), audit(&before) + 1);
    let chain = server.call("audit.verify", serde_json::json!({})).unwrap();
    assert_eq!(chain["intact"], true, "{chain}");
    let paid = &demo.invoices[0];
    let job = server
        .call("search", serde_json::json!({ "query": paid }))
        .unwrap();
    assert!(job.to_string().contains("job"), "{job}");
    let board = server.call("job.board", serde_json::json!({})).unwrap();
    assert!(board.to_string().contains("J20"), "{board}");
    // New records continue the file's numbers and ids.
    let highest_customer: i64 = file
        .checks()
        .sql()
        .query_row("SELECT max(id) FROM customers", (), |r| r.get(0))
        .unwrap();
    let c = server
        .call(
            "customer.create",
            serde_json::json!({ "staff_id": demo.staff[1].id, "customer": {
                "kind": "person", "name": "After The Move", "phones": ["13912340000"] } }),
        )
        .unwrap();
    assert_eq!(c["id"].as_i64().unwrap(), highest_customer + 1);

    // A server that holds a shop takes no second one.
    let e = file.move_to_server(&url, &mut |_| {}).unwrap_err();
    assert_eq!(e.code, jobcard::ErrorCode::InvalidState);
    assert!(!e.message_zh.is_empty());
}

/// Every foreign key in the shop's schema: its table, name and definition.
fn foreign_keys(url: &str) -> Vec<(String, String, String)> {
    let mut c = postgres::Client::connect(url, NoTls).unwrap();
    c.query(
        "SELECT t.relname::text, c.conname::text, pg_get_constraintdef(c.oid)
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
         ORDER BY 1, 2",
        &[],
    )
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .collect()
}

/// A file whose record points to one that is not there (written behind the
/// app's back, its foreign keys off) is refused at the link check, by table:
/// the server keeps nothing, its foreign keys stand, and the mended file
/// then moves.
#[test]
fn a_record_pointing_nowhere_refuses_the_move_and_the_server_keeps_nothing() {
    let Some(url) = fresh_database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut file = jobcard::Core::open(&dir.path().join("shop.db")).unwrap();
    jobcard::demo::build(&mut file, jobcard::model::settings::Lang::En).unwrap();
    let last_phone = "rowid = (SELECT max(rowid) FROM customer_phones)";
    let owner: i64 = file
        .checks()
        .sql()
        .query_row(
            &format!("SELECT customer_id FROM customer_phones WHERE {last_phone}"),
            (),
            |r| r.get(0),
        )
        .unwrap();
    let behind_the_back = |file: &mut jobcard::Core, customer: i64| {
        file.checks()
            .sql()
            .execute_batch(&format!(
                "PRAGMA foreign_keys = OFF;
                 UPDATE customer_phones SET customer_id = {customer} WHERE {last_phone};
                 PRAGMA foreign_keys = ON;"
            ))
            .unwrap();
    };
    behind_the_back(&mut file, 987_654_321);
    let mut steps = Vec::new();
    let e = file
        .move_to_server(&url, &mut |p| steps.push(p.step))
        .unwrap_err();
    assert_eq!(e.code, jobcard::ErrorCode::Storage, "{e:?}");
    assert!(e.message.contains("customer_phones"), "{}", e.message);
    assert!(e.message.contains("nothing was kept"), "{}", e.message);
    assert!(e.message_zh.contains("customer_phones"), "{}", e.message_zh);
    assert!(steps.contains(&MoveStep::Check) && !steps.contains(&MoveStep::Tidy));
    let mut c = postgres::Client::connect(&url, NoTls).unwrap();
    let held: i64 = c
        .query_one(
            "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM customer_phones)",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(held, 0, "the server keeps nothing");
    assert!(foreign_keys(&url).len() > 50, "its foreign keys stand");

    behind_the_back(&mut file, owner);
    let checks = file.move_to_server(&url, &mut |_| {}).unwrap();
    assert!(checks.iter().all(|c| c.matches()), "{checks:?}");
}

/// A shop's own role is usually no superuser and no member of
/// `pg_checkpoint`: its move leaves the checkpoint to the server and goes
/// through all the same, on a database the role owns.
#[test]
fn a_role_that_may_not_checkpoint_moves_a_shop_all_the_same() {
    let Some(_) = fresh_database() else { return };
    let server = std::env::var("JOBCARD_TEST_PG").unwrap();
    let role = format!("jobcard_plain_{}", std::process::id());
    let mut admin = postgres::Client::connect(&server, NoTls).unwrap();
    for sql in [
        format!("CREATE ROLE {role} LOGIN NOSUPERUSER"),
        format!("CREATE DATABASE {role} OWNER {role}"),
    ] {
        admin.batch_execute(&sql).unwrap();
    }
    let url = format!("{server} user={role} dbname={role}");
    let may: bool = postgres::Client::connect(&url, NoTls)
        .unwrap()
        .query_one(
            "SELECT rolsuper OR pg_has_role(current_user, 'pg_checkpoint', 'MEMBER') \
             FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(!may, "the role may not checkpoint");
    let dir = tempfile::tempdir().unwrap();
    let mut file = jobcard::Core::open(&dir.path().join("shop.db")).unwrap();
    jobcard::demo::build(&mut file, jobcard::model::settings::Lang::ZhCn).unwrap();
    let mut steps = Vec::new();
    let checks = file
        .move_to_server(&url, &mut |p| steps.push(p.step))
        .unwrap();
    assert!(checks.iter().all(|c| c.matches()), "{checks:?}");
    assert!(steps.contains(&MoveStep::Tidy));
    assert!(
        !steps.contains(&MoveStep::WriteOut),
        "no checkpoint asked for"
    );
    let mut server_shop = jobcard::Core::connect(&url).unwrap();
    let chain = server_shop
        .call("audit.verify", serde_json::json!({}))
        .unwrap();
    assert_eq!(chain["intact"], true, "{chain}");
}
