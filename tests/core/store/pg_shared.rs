//! A read transaction's screen of many reads shared with a second connection
//! (src/store/pg/client/second.rs, issue #16): the second reads in the first
//! one's snapshot, so the screen shows one moment of the shop even when
//! another counter commits between them; the board and a customer's history
//! read this way; a server that takes no second connection, or ends it,
//! costs the counter nothing but the overlap. Without a test server these
//! say so and pass, unless JOBCARD_REQUIRE_PG is set.

use crate::common::{fresh_pg_database, fresh_pg_public_database, Shop};
use jobcard::store::driver::read::Read;
use serde_json::{json, Value};

fn count_customers<'a>() -> Read<'a, i64> {
    Read::one("SELECT COUNT(*) FROM customers", (), |r| r.get::<_, i64>(0))
}

fn server_process<'a>() -> Read<'a, i32> {
    Read::one("SELECT pg_backend_pid()", (), |r| r.get::<_, i32>(0))
}

/// Counts the customers at the start of a read transaction, lets another
/// counter add one, then reads the count again shared: (the count before,
/// the counts each connection read, the two server processes).
fn counted_around_a_commit(
    s: &mut Shop,
    other: &mut jobcard::Core,
) -> (i64, (i64, i64), (i32, i32)) {
    let tx = jobcard::store::read_tx(s.core.db()).unwrap();
    let before = tx.together(count_customers()).unwrap();
    let staff = s.counter;
    other
        .call(
            "customer.create",
            json!({ "staff_id": staff, "customer": { "kind": "person", "name": "Li Lei",
                    "phones": [format!("139{:08}", before)] } }),
        )
        .unwrap();
    // Every other read goes to the second connection: 0 and 2 here, 1 and 3 there.
    let (mine, theirs, mine_pid, theirs_pid) = tx
        .together_shared((
            count_customers(),
            count_customers(),
            server_process(),
            server_process(),
        ))
        .unwrap();
    (before, (mine, theirs), (mine_pid, theirs_pid))
}

#[test]
fn shared_reads_see_the_snapshot_their_transaction_took() {
    let Some(url) = fresh_pg_database() else {
        return;
    };
    let mut s = Shop::on_server_at(url.clone()).unwrap();
    let mut other = jobcard::Core::connect(&url).unwrap();
    let (before, (mine, theirs), (mine_pid, theirs_pid)) =
        counted_around_a_commit(&mut s, &mut other);
    assert_ne!(mine_pid, theirs_pid, "two server processes read");
    assert_eq!(
        (mine, theirs),
        (before, before),
        "the customer added meanwhile is in neither half"
    );
    // The next transaction sees it, on both.
    let (after, (mine, theirs), _) = counted_around_a_commit(&mut s, &mut other);
    assert_eq!((after, mine, theirs), (before + 1, before + 1, before + 1));
}

/// The server processes on this shop's own database other than the asker's.
fn connections(admin: &mut postgres::Client) -> i64 {
    admin
        .query_one(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn the_board_and_a_history_read_on_two_connections_and_the_open_job_on_one() {
    let Some(url) = fresh_pg_public_database() else {
        return;
    };
    let mut s = Shop::on_server_at(url.clone()).unwrap();
    let (job, _, _) = s.approved();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let alone = connections(&mut admin);
    assert_eq!(s.job(&job)["job"]["number"], json!(job));
    assert_eq!(connections(&mut admin), alone, "the open job reads alone");
    let board = s.call("job.board", json!({}));
    assert_eq!(
        connections(&mut admin),
        alone + 1,
        "the board made the second"
    );
    let history = s.call("history.customer", json!({ "id": s.customer }));
    assert_eq!(
        connections(&mut admin),
        alone + 1,
        "and the history used it"
    );
    assert!(numbers_on(&board).contains(&job), "{board}");
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["job_number"] == json!(job)),
        "{history}"
    );
}

/// The job numbers on a board's cards, in order.
fn numbers_on(board: &Value) -> Vec<String> {
    let mut numbers: Vec<String> = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["jobs"].as_array().unwrap())
        .map(|card| card["number"].as_str().unwrap().to_string())
        .collect();
    numbers.sort();
    numbers
}

#[test]
fn a_second_connection_the_server_ended_is_made_again() {
    let Some(url) = fresh_pg_database() else {
        return;
    };
    let mut s = Shop::on_server_at(url.clone()).unwrap();
    s.approved();
    let before = s.call("job.board", json!({}));
    let mut other = jobcard::Core::connect(&url).unwrap();
    let (_, _, (_, second)) = counted_around_a_commit(&mut s, &mut other);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let ended: bool = admin
        .query_one("SELECT pg_terminate_backend($1)", &[&second])
        .unwrap()
        .get(0);
    assert!(ended);
    // The counter's board comes as if nothing happened, and a new second
    // connection reads with it.
    let board = s.call("job.board", json!({}));
    assert_eq!(numbers_on(&board), numbers_on(&before));
    assert!(!numbers_on(&board).is_empty());
    let (_, _, (first, again)) = counted_around_a_commit(&mut s, &mut other);
    assert_ne!(again, second);
    assert_ne!(again, first);
}

#[test]
fn a_server_that_takes_no_second_connection_still_shows_the_board() {
    let Some(url) = fresh_pg_database() else {
        return;
    };
    let mut s = Shop::on_server_at(url.clone()).unwrap();
    s.approved();
    // The screens as read on two connections.
    let board = s.call("job.board", json!({}));
    let history = s.call("history.customer", json!({ "id": s.customer }));
    // A person allowed one connection at a time (a superuser is never
    // limited), given the shop's schema.
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let schema: String = admin
        .query_one("SELECT current_schema()::text", &[])
        .unwrap()
        .get(0);
    // Roles are the cluster's: this test process's own name.
    let role = format!("one_at_a_time_{}_{schema}", std::process::id());
    admin
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN CONNECTION LIMIT 1;
             GRANT ALL ON SCHEMA {schema} TO {role};
             GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {role};
             GRANT ALL ON ALL SEQUENCES IN SCHEMA {schema} TO {role};"
        ))
        .unwrap();
    let limited = url.replace("user=jobcard", &format!("user={role}"));
    assert_ne!(limited, url);
    let mut one = jobcard::Core::connect(&limited).unwrap();
    let customer = s.customer;
    // Read alone, the same screens: the same history, and the board's same
    // jobs (in the sections of this core's own day).
    let seen_history = one
        .call("history.customer", json!({ "id": customer }))
        .unwrap();
    assert_eq!(seen_history, history);
    let seen_board = one.call("job.board", json!({})).unwrap();
    assert_eq!(numbers_on(&seen_board), numbers_on(&board));
    assert!(!numbers_on(&board).is_empty());
    let connections: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
            &[&role],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        connections, 1,
        "the screens were read on the one connection"
    );
    // And again, with the second connection known to be refused.
    assert_eq!(
        one.call("history.customer", json!({ "id": customer }))
            .unwrap(),
        history
    );
    drop(one);
    admin
        .batch_execute(&format!("DROP OWNED BY {role}; DROP ROLE {role};"))
        .unwrap();
}
