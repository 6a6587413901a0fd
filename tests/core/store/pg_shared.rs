//! A read transaction's page of many reads shared with a second connection
//! (src/store/pg/client.rs `pipeline_shared`, issue #16): the second reads in
//! the first one's snapshot, so the page shows one moment of the shop even
//! when another counter commits between them; a server that takes no second
//! connection, or ends it, costs the counter nothing but the overlap. Without
//! a test server these say so and pass, unless JOBCARD_REQUIRE_PG is set.

use crate::common::{fresh_pg_database, Shop};
use jobcard::store::driver::read::Read;
use serde_json::json;

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
    let (mine, mine_pid, theirs, theirs_pid) = tx
        .together_shared((
            count_customers(),
            count_customers(),
            server_process(),
            server_process(),
        ))
        .map(|(a, b, c, d)| (a, c, b, d))
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

#[test]
fn a_second_connection_the_server_ended_is_made_again() {
    let Some(url) = fresh_pg_database() else {
        return;
    };
    let mut s = Shop::on_server_at(url.clone()).unwrap();
    let (job, _, _) = s.approved();
    let mut other = jobcard::Core::connect(&url).unwrap();
    let (_, _, (_, second)) = counted_around_a_commit(&mut s, &mut other);
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let ended: bool = admin
        .query_one("SELECT pg_terminate_backend($1)", &[&second])
        .unwrap()
        .get(0);
    assert!(ended);
    // The counter opens the job as if nothing happened, and a new second
    // connection reads with it.
    assert_eq!(s.job(&job)["job"]["number"], json!(job));
    let (_, _, (first, again)) = counted_around_a_commit(&mut s, &mut other);
    assert_ne!(again, second);
    assert_ne!(again, first);
}

#[test]
fn a_server_that_takes_no_second_connection_still_opens_the_job() {
    let Some(url) = fresh_pg_database() else {
        return;
    };
    let mut s = Shop::on_server_at(url.clone()).unwrap();
    let (job, _, _) = s.approved();
    // What the page shows, but for whether the job is late: the test shop's
    // clock is not this core's.
    let page = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("overdue");
        v
    };
    let whole = page(s.job(&job));
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
    let seen = one.call("job.get", json!({ "job": job })).unwrap();
    assert_eq!(page(seen), whole);
    let connections: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
            &[&role],
        )
        .unwrap()
        .get(0);
    assert_eq!(connections, 1, "the page was read on the one connection");
    // And again, with the second connection known to be refused.
    let again = one.call("job.get", json!({ "job": job })).unwrap();
    assert_eq!(page(again), whole);
    drop(one);
    admin
        .batch_execute(&format!("DROP OWNED BY {role}; DROP ROLE {role};"))
        .unwrap();
}
