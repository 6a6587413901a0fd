//! How many times a command waits for the server (issue #16): on a shop's
//! network each wait is a round trip of a few tenths of a millisecond, so
//! opening a job is held to two — its `BEGIN` goes with its first statements
//! (src/store/driver/pg_run.rs `Begun`), the job and everything its page
//! shows go together, keyed by the job's number (views/job.rs,
//! src/store/driver/key.rs), then the `COMMIT`. A
//! command that asks the server nothing sends nothing. The waits are counted
//! by a relay between the counter and the test server that notes each time
//! the counter speaks after the server did. Without a test server these say
//! so and pass, unless JOBCARD_REQUIRE_PG is set.

use crate::common::Shop;
use serde_json::json;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// Who spoke last on the relayed connection, and how many times the counter
/// spoke after the server (its round trips).
#[derive(Default)]
struct Turns {
    counter_spoke_last: bool,
    round_trips: usize,
}

/// A relay on a loopback port to the test server's TCP port: answers its
/// own connection string (the database and schema of `url`) and the count.
fn relay(url: &str) -> (String, Arc<Mutex<Turns>>) {
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
    let turns = Arc::new(Mutex::new(Turns::default()));
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
/// other side cannot answer before it is noted).
fn pump(mut from: TcpStream, mut to: TcpStream, by_counter: bool, turns: &Mutex<Turns>) {
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
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Both);
}

fn round_trips(turns: &Mutex<Turns>, run: impl FnOnce()) -> usize {
    let before = turns.lock().unwrap().round_trips;
    run();
    turns.lock().unwrap().round_trips - before
}

#[test]
fn opening_a_job_waits_for_the_server_twice() {
    let Some(url) = crate::common::fresh_pg_database() else {
        return;
    };
    let (relayed, turns) = relay(&url);
    let mut s = Shop::on_server_at(relayed).unwrap();
    let (job, _, _) = s.approved();
    // The first opening on this connection prepares its statements.
    s.job(&job);
    let opening = round_trips(&turns, || {
        assert_eq!(s.job(&job)["job"]["number"], json!(job));
    });
    assert_eq!(opening, 2, "BEGIN with the job and its page, COMMIT");

    // A job that is not there: the lookup with its BEGIN, then the
    // transaction is ended.
    let missing = round_trips(&turns, || {
        let e = s.core.call("job.get", json!({ "job": "NO-SUCH-JOB" }));
        assert_eq!(e.unwrap_err().code, jobcard::ErrorCode::NotFound);
    });
    assert!(missing <= 2, "{missing}");

    // A write: its BEGIN and the shop's write lock go with its first
    // statement, and what it wrote holds.
    let written = round_trips(&turns, || {
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
        let prepared = ask(&mut s);
        let mut hits = json!(null);
        let waited = round_trips(&turns, || hits = ask(&mut s));
        assert_eq!(hits, prepared, "{query}");
        assert_eq!(waited, waits, "{query}: {hits}");
        assert_eq!(hits[0]["kind"], json!(kind), "{query}: {hits}");
        if !title.is_empty() {
            assert_eq!(hits[0]["title"], json!(title), "{query}: {hits}");
        }
    }
}
