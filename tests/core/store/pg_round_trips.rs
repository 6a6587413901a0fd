//! How many times a command waits for the server (issue #16): on a shop's
//! network each wait is a round trip of a few tenths of a millisecond, so
//! opening a job is held to one wait — its `BEGIN` goes with its first
//! statements (src/store/driver/pg_run.rs `Begun`), the job and everything
//! its page shows go together, keyed by the job's number (views/job.rs,
//! src/store/driver/key.rs), then the `COMMIT` is sent and, a read's, not
//! waited for. A command that asks the server nothing sends nothing. The
//! turns are counted by a relay between the counter and the test server
//! that notes each time the counter speaks after the server did; it can
//! also hold the server's answers back from a `COMMIT` on, which shows what
//! the counter waits for. Without a test server these say so and pass,
//! unless JOBCARD_REQUIRE_PG is set.

use crate::common::Shop;
use serde_json::json;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::Duration;

/// Who spoke last on the relayed connection, how many times the counter
/// spoke after the server (its round trips) and how many `COMMIT`s it sent;
/// with `hold_commits`, the server's answers are held back from the moment
/// the counter sends a `COMMIT` until the test lets them go (`holding`).
#[derive(Default)]
struct Turns {
    counter_spoke_last: bool,
    round_trips: usize,
    commits: usize,
    hold_commits: bool,
    holding: bool,
}

/// The relay's turns, and what the test and the held side wait on.
type Shared = (Mutex<Turns>, Condvar);

/// A relay on a loopback port to the test server's TCP port: answers its
/// own connection string (the database and schema of `url`) and the count.
fn relay(url: &str) -> (String, Arc<Shared>) {
    let server = std::env::var("JOBCARD_TEST_PG").unwrap();
    let tcp = std::env::var("JOBCARD_TEST_PG_TCP").expect("test.sh names the TCP port");
    let port = |conn: &str| {
        conn.split_whitespace()
            .find_map(|kv| kv.strip_prefix("port="))
            .unwrap()
            .to_string()
    };
    let target = format!("127.0.0.1:{}", port(&tcp));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let relayed = format!(
        "host=127.0.0.1 port={} user=jobcard sslmode=disable",
        listener.local_addr().unwrap().port()
    );
    let turns = Arc::new((Mutex::new(Turns::default()), Condvar::new()));
    let counted = turns.clone();
    std::thread::spawn(move || {
        for counter in listener.incoming() {
            let counter = counter.unwrap();
            let server = TcpStream::connect(&target).unwrap();
            for (from, to, by_counter) in [
                (
                    counter.try_clone().unwrap(),
                    server.try_clone().unwrap(),
                    true,
                ),
                (server, counter, false),
            ] {
                let turns = counted.clone();
                std::thread::spawn(move || pump(from, to, by_counter, &turns));
            }
        }
    });
    (url.replace(&server, &relayed), turns)
}

/// Copies one direction, noting who spoke before passing it on (so the
/// other side cannot answer before it is noted) and each `COMMIT` the
/// counter sends, and holding the server's words while the test holds them.
fn pump(mut from: TcpStream, mut to: TcpStream, by_counter: bool, shared: &Shared) {
    let (turns, changed) = shared;
    let mut buf = [0u8; 16384];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        {
            let mut t = turns.lock().unwrap();
            if by_counter && !t.counter_spoke_last {
                t.round_trips += 1;
            }
            t.counter_spoke_last = by_counter;
            if by_counter && buf[..n].windows(7).any(|w| w == b"COMMIT\0") {
                t.commits += 1;
                t.holding |= t.hold_commits;
            }
            changed.notify_all();
            while !by_counter && t.holding {
                t = changed.wait(t).unwrap();
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Both);
}

/// How many times the counter spoke after the server while `run` ran. A
/// read's `COMMIT` is not waited for, so with `ends_in_commit` this first
/// waits (a minute at most) for the relay to have passed it on and the
/// server's answer back: counted with its command, and the next command's
/// first words counted as its own turn.
fn round_trips(shared: &Shared, ends_in_commit: bool, run: impl FnOnce()) -> usize {
    let (before, commits) = {
        let t = shared.0.lock().unwrap();
        (t.round_trips, t.commits)
    };
    run();
    if ends_in_commit {
        wait_until(shared, "no COMMIT reached the server", |t| {
            t.commits > commits && !t.counter_spoke_last
        });
    }
    shared.0.lock().unwrap().round_trips - before
}

/// Waits (a minute at most, then fails saying `why`) until the relay's
/// turns are as `done` says.
fn wait_until(shared: &Shared, why: &str, done: impl Fn(&Turns) -> bool) {
    let mut t = shared.0.lock().unwrap();
    while !done(&t) {
        let (next, waited) = shared.1.wait_timeout(t, Duration::from_secs(60)).unwrap();
        assert!(!waited.timed_out(), "{why}");
        t = next;
    }
}

/// Holds the server's answers from the next `COMMIT` on (`hold`), or lets
/// them go and stops holding.
fn hold_commits(shared: &Shared, hold: bool) {
    let mut t = shared.0.lock().unwrap();
    t.hold_commits = hold;
    if !hold {
        t.holding = false;
        shared.1.notify_all();
    }
}

/// Runs `name` with the shop's core on a thread of its own and the server's
/// answers held from the next `COMMIT` on; answers whether it had answered
/// (and succeeded) after `patience` (nothing if not), then lets the answers
/// go and answers whether it succeeded in the end.
fn call_held(
    s: &mut Shop,
    shared: &Shared,
    name: &'static str,
    input: serde_json::Value,
    patience: Duration,
) -> (Option<bool>, bool) {
    let core = std::mem::replace(&mut s.core, jobcard::Core::open_in_memory().unwrap());
    let (send, answered) = mpsc::channel();
    hold_commits(shared, true);
    let worker = std::thread::spawn(move || {
        let mut core = core;
        let ok = core.call(name, input).is_ok();
        send.send(ok).unwrap();
        core
    });
    let early = answered.recv_timeout(patience).ok();
    hold_commits(shared, false);
    let ok = early.unwrap_or_else(|| answered.recv().unwrap());
    s.core = worker.join().unwrap();
    (early, ok)
}

/// A read's `COMMIT` is sent and not waited for (src/store/driver/pg_run.rs
/// `Begun::commit`): with the server's answer to it held back, opening a job
/// still answers (a call still waiting after a minute is taken as waiting
/// for good), and that answer is read before the next command's. A write's
/// `COMMIT` is waited for: what it wrote is durable when it answers.
#[test]
fn a_reads_commit_is_not_waited_for_and_a_writes_is() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let (relayed, shared) = relay(&url);
    let mut s = Shop::on_server_at(relayed).unwrap();
    let (job, _, _) = s.approved();
    round_trips(&shared, true, || {
        s.job(&job);
    });

    let opening = json!({ "job": job });
    let commits = shared.0.lock().unwrap().commits;
    let (early, _) = call_held(&mut s, &shared, "job.get", opening, Duration::from_secs(60));
    assert_eq!(
        early,
        Some(true),
        "the opening waited for its COMMIT's answer"
    );
    // Its COMMIT was sent before it answered: it reaches the server with
    // the counter idle (no transaction is left open until the next command).
    wait_until(&shared, "the COMMIT waited for the next command", |t| {
        t.commits > commits
    });
    // The held answer is read first; the next opening goes on.
    round_trips(&shared, true, || {
        assert_eq!(s.job(&job)["job"]["number"], json!(job));
    });

    let change = json!({ "job": job, "staff_id": s.counter, "promised_at": "2026-11-05T09:00:00Z",
                         "reason": "Part arrives Wednesday", "customer_told": true });
    let patience = Duration::from_millis(500);
    let (early, ok) = call_held(&mut s, &shared, "job.change_promise", change, patience);
    assert_eq!(early, None, "a write answered before its COMMIT was");
    assert!(ok);
    assert_eq!(
        s.job(&job)["promise_changes"][0]["reason"],
        json!("Part arrives Wednesday")
    );
}

#[test]
fn opening_a_job_speaks_to_the_server_twice_and_waits_once() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let (relayed, turns) = relay(&url);
    let mut s = Shop::on_server_at(relayed).unwrap();
    let (job, _, _) = s.approved();
    // The first opening on this connection prepares its statements.
    round_trips(&turns, true, || {
        s.job(&job);
    });
    let opening = round_trips(&turns, true, || {
        assert_eq!(s.job(&job)["job"]["number"], json!(job));
    });
    assert_eq!(opening, 2, "BEGIN with the job and its page, COMMIT");

    // A job that is not there: the lookup with its BEGIN, then the
    // transaction is ended.
    let missing = round_trips(&turns, false, || {
        let e = s.core.call("job.get", json!({ "job": "NO-SUCH-JOB" }));
        assert_eq!(e.unwrap_err().code, jobcard::ErrorCode::NotFound);
    });
    assert!(missing <= 2, "{missing}");

    // A write: its BEGIN and the shop's write lock go with its first
    // statement, and what it wrote holds.
    let written = round_trips(&turns, true, || {
        s.call(
            "job.change_promise",
            json!({ "job": job, "staff_id": s.counter, "promised_at": "2026-11-05T09:00:00Z",
                    "reason": "Part arrives Wednesday", "customer_told": true }),
        );
    });
    assert!(written >= 2, "{written}");
    let mut other = jobcard::Core::connect(&url).unwrap();
    let seen = other.call("job.get", json!({ "job": job })).unwrap();
    assert_eq!(
        seen["promise_changes"][0]["reason"],
        json!("Part arrives Wednesday")
    );
}

/// The counter's search box on the server: its lookups (numbers, phones,
/// plates, pinyin, and the text search when nothing it finds can make that
/// unneeded) go together, then the hits are described together, then the
/// `COMMIT`; a job's last digits add one wait, for the numbers they make.
#[test]
fn a_search_waits_for_the_server_three_times_and_a_jobs_last_digits_four() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let (relayed, turns) = relay(&url);
    let mut s = Shop::on_server_at(relayed).unwrap();
    let (job, _, _) = s.approved();
    let digits: String = job
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let last_digits = digits.trim_start_matches('0').to_string();
    for (query, waits, kind, title) in [
        (job.as_str(), 3, "job", job.as_str()),
        ("王小明", 3, "customer", "王小明"),
        ("wxm", 3, "customer", "王小明"),
        ("13800138000", 3, "customer", "王小明"),
        ("粤B", 3, "item", ""),
        ("passat", 3, "item", ""),
        (last_digits.as_str(), 4, "job", job.as_str()),
    ] {
        let ask = |s: &mut Shop| s.call("search", json!({ "query": query }));
        // The first search on this connection prepares its statements.
        let mut prepared = json!(null);
        round_trips(&turns, true, || prepared = ask(&mut s));
        let mut hits = json!(null);
        let waited = round_trips(&turns, true, || hits = ask(&mut s));
        assert_eq!(hits, prepared, "{query}");
        assert_eq!(waited, waits, "{query}: {hits}");
        assert_eq!(hits[0]["kind"], json!(kind), "{query}: {hits}");
        if !title.is_empty() {
            assert_eq!(hits[0]["title"], json!(title), "{query}: {hits}");
        }
    }
}

/// Issuing an invoice, the counter's longest write: what the document shows
/// (the lines, the customer, the item, the approvals) is read in one wait and
/// once (for the document, then for its guarantee card), and the invoice it answers with (its document, payments,
/// credit notes and fapiao numbers) is read back in one wait; the person
/// acting and the roles holding the permission are read in one wait, and
/// the rule takes that person rather than reading them again (src/ctx.rs
/// `admitted`). 35 waits before, then 29 and 27 (docs/benchmarks.md); the approval
/// gate and the quality check still read for themselves.
#[test]
fn issuing_an_invoice_waits_for_the_server_at_most_24_times() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let (relayed, turns) = relay(&url);
    let mut s = Shop::on_server_at(relayed).unwrap();
    // The first on this connection prepares its statements.
    let _ = s.invoiced();
    let (job, _, _) = s.ready();
    let mut issued = json!(null);
    let waits = round_trips(&turns, true, || {
        issued = s.call(
            "invoice.issue",
            json!({ "staff_id": s.counter, "job": job }),
        );
    });
    assert!(waits <= 24, "{waits}");
    assert_eq!(issued["invoice"]["invoice"]["job_number"], json!(job));
    assert_eq!(issued["invoice"]["status"], json!("unpaid"));
    assert!(issued["guarantee_card"]["number"].is_string(), "{issued}");
}
