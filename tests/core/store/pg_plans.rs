//! On a server, a job's lookups are planned once per connection (issue #16,
//! the open job's p99): `job.get` reads in a lookup transaction
//! (src/store/mod.rs `lookup_tx`), so each of its statements gets the server's
//! one generic plan from its first run, where PostgreSQL would otherwise plan
//! it afresh for each of its first five runs. A read whose best plan depends
//! on its values (the board's states) is still planned for them. What the
//! server planned is read from `pg_prepared_statements` on the counter's own
//! connection. Without a test server these say so and pass, unless
//! JOBCARD_REQUIRE_PG is set.

use crate::common::Shop;
use serde_json::json;

/// (custom plans, generic plans) the server has made for this connection's
/// statements so far, this question's own statement left out.
fn plans(s: &mut Shop) -> (i64, i64) {
    s.core
        .checks()
        .sql()
        .query_row(
            "SELECT CAST(COALESCE(SUM(custom_plans), 0) AS BIGINT),
                    CAST(COALESCE(SUM(generic_plans), 0) AS BIGINT)
             FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn a_jobs_lookups_are_planned_once_on_the_server() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let (approved, _, _) = s.approved();
    let received = s.receive();
    let before = plans(&mut s);
    // Seven openings, the first of each statement on this connection among them.
    for job in [&approved, &received].into_iter().cycle().take(7) {
        let detail = s.job(job);
        assert_eq!(detail["job"]["number"], json!(job));
    }
    let after = plans(&mut s);
    assert_eq!(after.0, before.0, "no opening planned for its own values");
    assert!(
        after.1 - before.1 >= 7 * 10,
        "each opening ran its dozen lookups on the one plan: {before:?} → {after:?}"
    );
    // The board's reads are still planned for the states they ask.
    s.call("job.board", json!({}));
    let board = plans(&mut s);
    assert!(board.0 > after.0, "{after:?} → {board:?}");
    // And the next plain read is back to the server's own choice: the
    // setting ended with the lookup's transaction.
    s.job(&approved);
    s.call("customer.get", json!({ "id": 1 }));
    assert!(plans(&mut s).0 > board.0);
}
