//! On a server, a job's lookups are planned once per connection (issue #16,
//! the open job's p99): `job.get` reads in a lookup transaction
//! (src/store/mod.rs `lookup_tx`), so each of its statements gets the server's
//! one generic plan from its first run, where PostgreSQL would otherwise plan
//! it afresh for each of its first five runs. A read whose best plan depends
//! on its values (the board's states) is planned for them: they are written
//! into its text, and the server keeps that plan. What the
//! server planned is read from `pg_prepared_statements` on the counter's own
//! connection. Without a test server these say so and pass, unless
//! JOBCARD_REQUIRE_PG is set. Today's arrivals are planned once too. The
//! reads that need one column beside their
//! index's key are answered from the index alone (the last test).

use crate::common::Shop;
use serde_json::json;

/// (custom plans, generic plans) the server has made for this connection's
/// statements so far, this question's own statement left out.
fn plans(s: &mut Shop) -> (i64, i64) {
    plans_of(s, "%")
        .into_iter()
        .fold((0, 0), |(c, g), (custom, generic)| {
            (c + custom, g + generic)
        })
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
    // The board's reads are planned for the states they ask (the next test).
    s.call("job.board", json!({}));
    let board = plans(&mut s);
    assert!(board.0 > after.0, "{after:?} → {board:?}");
    // And the next plain read is back to the server's own choice: the
    // setting ended with the lookup's transaction.
    s.job(&approved);
    s.call("customer.get", json!({ "id": 1 }));
    assert!(plans(&mut s).0 > board.0);
}

/// (custom plans, generic plans) of each of the counter's statements whose
/// text is like `like`.
fn plans_of(s: &mut Shop, like: &str) -> Vec<(i64, i64)> {
    let checks = s.core.checks();
    let sql = checks.sql();
    let mut st = sql
        .prepare(
            "SELECT custom_plans, generic_plans FROM pg_prepared_statements
             WHERE statement LIKE ?1 AND statement NOT LIKE '%pg_prepared_statements%'",
        )
        .unwrap();
    let rows = st
        .query_map([like], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

/// Adds `n` copies of each of `table`'s rows that `filter` (a `WHERE`
/// clause, or nothing) picks: every column copied but the id, the number
/// (`number-1` … `number-n`) and `set`'s columns, given as SQL.
fn copy_rows(s: &mut Shop, table: &str, filter: &str, set: &[(&str, &str)], n: u32) {
    let checks = s.core.checks();
    let sql = checks.sql();
    let mut mine = vec!["'id'".to_string(), "'number'".to_string()];
    mine.extend(set.iter().map(|(c, _)| format!("'{c}'")));
    let columns: Vec<String> = sql
        .prepare(&format!(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1
               AND column_name NOT IN ({}) ORDER BY ordinal_position",
            mine.join(", ")
        ))
        .unwrap()
        .query_map([table], |r| r.get(0))
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let columns = columns.join(", ");
    let names: String = set.iter().map(|(c, _)| format!("{c}, ")).collect();
    let values: String = set.iter().map(|(_, v)| format!("{v}, ")).collect();
    sql.execute_batch(&format!(
        "INSERT INTO {table} (number, {names}{columns})
         SELECT number || '-' || n, {values}{columns}
         FROM {table}, generate_series(1, {n}) AS n {filter}"
    ))
    .unwrap();
}

/// The board asks for the jobs in each open state and, of its cards, when
/// each entered its state and was last said ready. Its states and actions
/// are written into those statements (store/driver `code_literal`), so the
/// server plans each for them in its first runs and then keeps that plan. As
/// parameters, on a shop of mostly delivered jobs, a plan for "some state"
/// looked dearer than each run's own, and the server planned every board
/// afresh: 0.76 ms of a board's time on the ten-year shop
/// (docs/benchmarks.md).
#[test]
fn the_boards_reads_are_planned_for_their_states_then_kept() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let (open, _, _) = s.approved();
    // Years of delivered jobs beside the few open ones, as a shop has them.
    let one = format!("WHERE number = '{open}'");
    copy_rows(&mut s, "jobs", &one, &[("state", "'delivered'")], 3000);
    s.core.checks().sql().execute_batch("ANALYZE jobs").unwrap();
    for _ in 0..10 {
        let board = s.call("job.board", json!({}));
        assert!(board.to_string().contains(&open), "{board}");
    }
    for like in [
        "%FROM jobs WHERE state = %",
        "%SELECT max(id) FROM job_events%",
    ] {
        let plans = plans_of(&mut s, like);
        assert!(!plans.is_empty(), "{like}");
        for (custom, generic) in plans {
            assert!(
                custom <= 5 && generic >= 5,
                "{like}: planned {custom} times for its values, {generic} runs on the plan kept"
            );
        }
    }
}

/// Today's arrivals, the counter's morning screen, read in a lookup
/// transaction too: the day's appointments come from one range of the
/// `(day, starts_at)` index whatever the day, so the server plans them once
/// (on the moved full shop 1.1 ms a run against 2.0 planned each time).
#[test]
fn todays_arrivals_are_planned_once_on_the_server() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let booked: Vec<_> = [
        (s.car, "2026-11-02T11:00:00Z"),
        (s.phone_item, "2026-11-02T14:00:00Z"),
    ]
    .into_iter()
    .map(|(item, at)| {
        s.call(
            "appointment.book",
            json!({ "staff_id": s.counter, "customer": { "id": s.customer },
                "item": { "id": item }, "starts_at": at, "minutes": 60, "work": "Service" }),
        )["appointment"]["id"]
            .clone()
    })
    .collect();
    let before = plans(&mut s);
    for _ in 0..7 {
        let today = s.call("appointment.arrivals", json!({}));
        let due: Vec<_> = today["due"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].clone())
            .collect();
        assert_eq!(due, booked, "{today}");
    }
    let after = plans(&mut s);
    assert_eq!(
        after.0, before.0,
        "no arrivals list planned for its own day"
    );
    assert!(after.1 - before.1 >= 7 * 2, "{before:?} → {after:?}");
}

/// What the server plans for the counter's own prepared statement whose text
/// is like `like`, run with `args` (its parameters, as SQL): the plan's
/// lines, as EXPLAIN prints them.
fn plan_of(s: &mut Shop, like: &str, args: &str) -> String {
    let checks = s.core.checks();
    let sql = checks.sql();
    let mut named = sql
        .prepare(
            "SELECT name FROM pg_prepared_statements
             WHERE statement LIKE ?1 AND statement NOT LIKE '%pg_prepared_statements%'",
        )
        .unwrap();
    let names: Vec<String> = named
        .query_map([like], |r| r.get(0))
        .unwrap()
        .map(|n| n.unwrap())
        .collect();
    let [name] = names.as_slice() else {
        panic!("one statement like {like}: {names:?}");
    };
    let mut explain = sql
        .prepare(&format!("EXPLAIN EXECUTE {name}({args})"))
        .unwrap();
    let lines = explain.query_map((), |r| r.get::<_, String>(0)).unwrap();
    lines.map(|l| l.unwrap()).collect::<Vec<_>>().join("\n")
}

/// The reads of an opening that need one column beside their index's key are
/// answered from the index alone on the server, so a cold opening reads no
/// table block for them (src/store/pg/sql/0005_covering_reads.sql).
#[test]
fn an_openings_narrow_reads_come_from_their_indexes_alone() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let (job, invoice, _) = s.invoiced();
    let detail = s.job(&job);
    assert_eq!(detail["invoice_number"], json!(invoice));
    assert!(!detail["card_numbers"].as_array().unwrap().is_empty());
    assert!(!detail["approvals"][0]["lines"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(detail["item"]["odometer"].is_i64(), "{}", detail["item"]);
    assert!(!detail["customer"]["phones"].as_array().unwrap().is_empty());
    {
        let checks = s.core.checks();
        let sql = checks.sql();
        // As the move and autovacuum leave a shop's tables; and the test
        // shop's few rows would otherwise be read whole, index or not.
        sql.execute_batch(
            "VACUUM (ANALYZE) invoices, odometer_readings, customer_phones, approval_lines, guarantee_cards, stock_movements",
        )
        .unwrap();
        sql.execute_batch("SET enable_seqscan = off; SET enable_bitmapscan = off")
            .unwrap();
    }
    for (like, index) in [
        (
            "%FROM invoices WHERE job_id = (SELECT id FROM jobs WHERE number = $1)",
            "invoices_job_number",
        ),
        (
            "%odometer_readings o%(SELECT item_id FROM jobs WHERE number = $1)",
            "odometer_readings_item_latest",
        ),
        (
            "%customer_phones WHERE customer_id = (SELECT customer_id FROM jobs WHERE number = $1)%",
            "customer_phones_pkey",
        ),
        (
            "%LEFT JOIN approval_lines al ON al.approval_id = a.id%(SELECT id FROM jobs WHERE number = $1)%",
            "approval_lines_pkey",
        ),
        (
            "%SELECT number FROM guarantee_cards WHERE job_id = (SELECT id FROM jobs WHERE number = $1)%",
            "guarantee_cards_job_numbers",
        ),
        (
            "%FROM stock_movements m WHERE m.line_id = estimate_lines.id%(SELECT id FROM jobs WHERE number = $1)%",
            "stock_movements_line_quantity",
        ),
    ] {
        let plan = plan_of(&mut s, like, &format!("'{job}'"));
        assert!(
            plan.contains(&format!("Index Only Scan Backward using {index}"))
                || plan.contains(&format!("Index Only Scan using {index}")),
            "{like}:\n{plan}"
        );
    }
    s.core
        .checks()
        .sql()
        .execute_batch("RESET enable_seqscan; RESET enable_bitmapscan")
        .unwrap();
}

/// The calls list's question of which cards still cover its items is
/// answered from the cards' item index alone on the server: a ten-year
/// shop's four cards an item read no table block
/// (src/store/pg/sql/0007_covering_card_terms.sql).
#[test]
fn the_calls_lists_card_terms_come_from_their_index_alone() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let (_, _, card) = s.delivered();
    let calls = s.call("callback.list", json!({ "day": "2026-11-05" }));
    assert_eq!(calls["calls"][0]["card_number"], json!(card), "{calls}");
    // Ten years of the phone's cards beside the car's one, as a real shop
    // has them: with one card in all, walking the whole primary key newest
    // first is the planner's cheapest way, index or not.
    let phone = s.phone_item.to_string();
    copy_rows(&mut s, "guarantee_cards", "", &[("item_id", &phone)], 2000);
    {
        let checks = s.core.checks();
        let sql = checks.sql();
        sql.execute_batch("VACUUM (ANALYZE) guarantee_cards")
            .unwrap();
        sql.execute_batch("SET enable_seqscan = off; SET enable_bitmapscan = off")
            .unwrap();
    }
    // The list's few items fill a chunk of eight (store/driver `id_chunks`).
    let items = vec![s.car.to_string(); 8].join(", ");
    let plan = plan_of(
        &mut s,
        "%SELECT item_id, number, starts_on, days FROM guarantee_cards%",
        &items,
    );
    assert!(
        plan.contains("Index Only Scan using guarantee_cards_item_terms"),
        "{plan}"
    );
    s.core
        .checks()
        .sql()
        .execute_batch("RESET enable_seqscan; RESET enable_bitmapscan")
        .unwrap();
}

/// A shop already on the server at schema 4 gets the covering indexes of
/// schemas 5, 6 and 7 when a new Jobcard connects: every row kept, and its
/// openings read the same.
#[test]
fn a_server_shop_from_schema_4_takes_the_covering_indexes_with_nothing_lost() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let mut core = jobcard::Core::connect(&url).unwrap();
    jobcard::demo::build(&mut core, jobcard::model::settings::Lang::En).unwrap();
    let digests = core.table_digests().unwrap();
    let board = core.call("job.board", json!({})).unwrap();
    let job = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["jobs"].as_array().unwrap())
        .find_map(|j| j["number"].as_str())
        .expect("the demo shop has jobs on its board")
        .to_string();
    let opened = core.call("job.get", json!({ "job": job })).unwrap();
    drop(core);
    // Schema 4 as it was shipped (src/store/pg/sql/0002_shop.sql).
    let mut raw = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    raw.batch_execute(
        "BEGIN;
         DROP INDEX guarantee_cards_item_terms;
         CREATE INDEX guarantee_cards_item ON guarantee_cards(item_id);
         DELETE FROM jobcard_schema WHERE version = 7;
         ALTER TABLE approval_lines DROP CONSTRAINT approval_lines_pkey,
             ADD PRIMARY KEY (approval_id, line_id);
         DROP INDEX guarantee_cards_job_numbers;
         CREATE INDEX guarantee_cards_job ON guarantee_cards(job_id);
         DROP INDEX stock_movements_line_quantity;
         DROP INDEX stock_movements_job;
         CREATE INDEX stock_movements_line ON stock_movements(line_id);
         DELETE FROM jobcard_schema WHERE version = 6;
         DROP INDEX odometer_readings_item_latest;
         CREATE INDEX odometer_readings_item ON odometer_readings(item_id, at);
         ALTER TABLE customer_phones DROP CONSTRAINT customer_phones_pkey,
             ADD PRIMARY KEY (customer_id, position);
         DROP INDEX invoices_job_number;
         CREATE INDEX invoices_job ON invoices(job_id);
         DELETE FROM jobcard_schema WHERE version = 5;
         COMMIT",
    )
    .unwrap();
    drop(raw);
    let mut core = jobcard::Core::connect(&url).unwrap();
    assert_eq!(core.table_digests().unwrap(), digests);
    assert_eq!(core.call("job.get", json!({ "job": job })).unwrap(), opened);
    let mut raw = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let indexes: Vec<String> = raw
        .query(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN
             ('odometer_readings_item_latest', 'customer_phones_pkey', 'invoices_job_number',
              'approval_lines_pkey', 'guarantee_cards_job_numbers', 'stock_movements_line_quantity',
              'guarantee_cards_item_terms')
             ORDER BY indexname",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(indexes.len(), 7, "{indexes:?}");
    assert!(indexes.iter().all(|d| d.contains("INCLUDE")), "{indexes:?}");
    let version: i64 = raw
        .query_one("SELECT max(version) FROM jobcard_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, jobcard::store::pg::latest_version());
}

/// The search box, asked at every key the counter types, is a lookup too:
/// its b-tree reads by a number's, phone's, plate's or name's start have one
/// best plan whatever the start (each read in its index's order), so the
/// server plans them once. Planned afresh they cost 0.02–0.05 ms each on the
/// ten-year shop, ten times their run. The trigram read of a text anywhere
/// is planned for each text (driver/read.rs `planned_each_time`), and the
/// reads after it in the same search are planned once again.
#[test]
fn a_searchs_lookups_are_planned_once_and_its_text_for_each_text() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let job = s.receive();
    s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "John Johnson", "phones": ["+1 555 0142"] } }),
    );
    let lookups = [
        "%FROM jobs WHERE number >= %",
        "%FROM invoices WHERE number >= %",
        "%FROM guarantee_cards WHERE number >= %",
        "%FROM items WHERE plate >= %",
        "%FROM items WHERE vin >= %",
        "%FROM items WHERE serial >= %",
        "%FROM customer_phones WHERE phone >= %",
        "%FROM customer_name_keys WHERE key = %",
        "%FROM search_bigrams g%",
        "%WHERE lower(name) >= %",
        "%FROM jobs j%",
    ];
    let texts = "%WHERE d.body ILIKE%";
    let custom = |s: &mut Shop, like: &str| plans_of(s, like).iter().map(|p| p.0).sum::<i64>();
    let before: Vec<i64> = lookups.iter().map(|l| custom(&mut s, l)).collect();
    let texts_before = custom(&mut s, texts);
    let queries = [
        (job.as_str(), "job"),
        ("1380013", "customer"),
        ("粤B12", "item"),
        ("王小明", "customer"),
        ("小明", "customer"),
        ("jo", "customer"),
        ("wxm", "customer"),
    ];
    for _ in 0..7 {
        for (q, kind) in queries {
            let hits = s.call("search", json!({ "query": q }));
            assert_eq!(hits[0]["kind"], kind, "{q}: {hits}");
        }
    }
    for (like, before) in lookups.iter().zip(before) {
        assert!(!plans_of(&mut s, like).is_empty(), "{like} was not asked");
        assert_eq!(
            custom(&mut s, like),
            before,
            "{like} planned for its values"
        );
    }
    // 粤B12, 王小明 and wxm (three characters or more, not a number's
    // digits): seven times each, each planned for its text.
    assert_eq!(custom(&mut s, texts) - texts_before, 3 * 7);
}
