//! Reads run together (src/store/driver/read.rs), on whichever backend this
//! pass runs: on the server they are sent at once and answered in one round
//! trip; on a file they run in turn. Either way each answers what it would
//! alone, in the order asked, and a read that fails leaves the connection
//! as good as before.

use crate::common::*;
use jobcard::store::driver::read::Read;
use jobcard::store::Reads;

#[test]
fn reads_together_answer_what_each_answers_alone_in_order() {
    let mut s = Shop::new();
    let (j, _, _) = s.approved();
    let customer = s.customer;
    let jobs = || {
        Read::all("SELECT number FROM jobs ORDER BY id", (), |r| {
            r.get::<_, String>(0)
        })
    };
    let name = || {
        Read::first(
            "SELECT name FROM customers WHERE id = ?1",
            [customer],
            |r| r.get::<_, String>(0),
        )
    };
    let nobody = || {
        Read::first("SELECT name FROM customers WHERE id = ?1", [-1_i64], |r| {
            r.get::<_, String>(0)
        })
    };
    let lines = || {
        Read::one("SELECT COUNT(*) FROM estimate_lines", (), |r| {
            r.get::<_, i64>(0)
        })
    };

    let sql = s.core.checks();
    let alone = (
        jobs().run(sql.sql()).unwrap(),
        name().run(sql.sql()).unwrap(),
        nobody().run(sql.sql()).unwrap(),
        lines().run(sql.sql()).unwrap(),
    );
    let together = (jobs(), name(), nobody(), lines()).run(sql.sql()).unwrap();
    assert_eq!(together, alone);
    assert_eq!(together.0, vec![j]);
    assert!(together.1.is_some());
    assert_eq!(together.2, None);
    assert!(together.3 >= 2);

    // Many of one kind, and reads nested in reads, answer in the order asked.
    let many: Vec<_> = (0..300_i64)
        .map(|i| Read::one("SELECT CAST(?1 AS BIGINT) * 2", [i], |r| r.get::<_, i64>(0)))
        .collect();
    let doubled = many.run(sql.sql()).unwrap();
    assert_eq!(doubled, (0..300).map(|i| i * 2).collect::<Vec<_>>());
    let nested = ((jobs(), lines()), vec![name(), nobody()])
        .then(|((jobs, n), names)| Ok((jobs.len(), n, names.len())))
        .run(sql.sql())
        .unwrap();
    assert_eq!(nested, (1, together.3, 2));
    let none: Vec<Read<'_, i64>> = Vec::new();
    assert!(none.run(sql.sql()).unwrap().is_empty());
}

#[test]
fn a_read_that_fails_among_others_is_an_error_and_the_connection_goes_on() {
    let mut s = Shop::new();
    let (j, _, _) = s.approved();
    {
        let sql = s.core.checks();
        // 1 / 0: an error on the server, NULL on a file (then no number).
        let broken = || {
            Read::one("SELECT 1 / (CAST(?1 AS BIGINT) - 1)", [1_i64], |r| {
                r.get::<_, i64>(0)
            })
        };
        let fine = || Read::one("SELECT COUNT(*) FROM jobs", (), |r| r.get::<_, i64>(0));
        assert!((fine(), broken(), fine()).run(sql.sql()).is_err());
        assert!(vec![broken(), fine()].run(sql.sql()).is_err());
        assert_eq!((fine(), fine()).run(sql.sql()).unwrap(), (1, 1));
    }
    // Commands after it see the shop as it was.
    let d = s.job(&j);
    assert_eq!(d["job"]["state"], "approved");
}

#[test]
fn the_open_job_reads_its_parts_together_and_misses_none() {
    let mut s = Shop::new();
    let (j, _, _) = s.invoiced();
    let d = s.job(&j);
    // Each part of the detail, from its own query in the one batch.
    assert_eq!(d["customer"]["id"], s.customer);
    assert!(!d["customer"]["phones"].as_array().unwrap().is_empty());
    assert_eq!(d["item"]["id"], s.car);
    assert!(d["inspection"]["findings"].as_array().is_some());
    let approvals = d["approvals"].as_array().unwrap();
    assert!(!approvals.is_empty());
    for a in approvals {
        assert!(
            !a["lines"].as_array().unwrap().is_empty(),
            "every approval carries its lines: {a}"
        );
    }
    assert!(d["invoice_number"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(!d["history"].as_array().unwrap().is_empty());
    assert!(d["totals"]["approved_ceiling"].as_i64().unwrap() > 0);
}

/// The open job reads its approvals without their lines' words and gives
/// them from the job's own lines (views/job.rs): each approval shows the
/// lines it decided as the approval itself reads them, in the estimate's
/// order, a supplement's and a line taken off the estimate since included.
#[test]
fn each_approval_on_the_open_job_has_the_lines_it_decided() {
    let mut s = Shop::new();
    let (j, labour, part) = s.awaiting();
    let recorded = s.approve_by_phone(&j, &[labour], &[part]);
    let d = s.job(&j);
    assert_eq!(d["approvals"].as_array().unwrap().len(), 1);
    assert_eq!(d["approvals"][0]["lines"], recorded["lines"]);
    assert_eq!(d["approvals"][0]["lines"].as_array().unwrap().len(), 2);
    let extra = s.add_labour(&j, "Replace corroded brake line", "0.5");
    let fluid = s.add_part(&j, "Brake fluid DOT4", "1", 4_000);
    s.call(
        "estimate.submit",
        serde_json::json!({ "staff_id": s.counter, "job": j }),
    );
    let supplement = s.approve_by_phone(&j, &[fluid, extra], &[]);
    s.call(
        "estimate.remove_line",
        serde_json::json!({ "staff_id": s.counter, "line_id": labour }),
    );
    let d = s.job(&j);
    assert!(!d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == labour));
    let approvals = d["approvals"].as_array().unwrap();
    assert_eq!(approvals.len(), 2);
    assert_eq!(approvals[0]["lines"], recorded["lines"]);
    assert_eq!(approvals[1]["lines"], supplement["lines"]);
    let words: Vec<&str> = approvals[1]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["description"].as_str().unwrap())
        .collect();
    assert_eq!(words, ["Replace corroded brake line", "Brake fluid DOT4"]);
}
