//! Proven, not promised (src/store/mod.rs durability, src/cli/batch.rs): a
//! writer killed with SIGKILL at random moments keeps every change it had
//! answered and nothing half-written; writers on one file at once (threads with
//! their own connections, and command-line processes) get clear, retryable
//! errors at worst, and invoice numbers stay unique and gapless.

use crate::common::Shop;
use jobcard::{Core, ErrorCode};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// A small deterministic generator, so a failure can be replayed.
struct Dice(u64);
impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_writer_killed_at_random_moments_keeps_all_it_answered() {
    let s = Shop::new();
    let path = s.dir.path().join("shop.db");
    let dir = s.dir;
    drop(s.core);
    let mut dice = Dice(20261123);
    let mut answered: Vec<(i64, String)> = Vec::new();
    for round in 0..200 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jobcard"))
            .args(["--db", path.to_str().unwrap(), "--as", "Helen", "batch"])
            .env("JOBCARD_PIN", "2468")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let sent = dice.roll(8) as usize;
        let mut names = Vec::new();
        for k in 0..sent {
            let name = format!("Crash {round}-{k}");
            let line = json!({ "command": "customer.create", "input": { "customer": {
                "kind": "person", "name": name, "phones": [format!("139{round:04}{k:04}")] } } });
            let _ = writeln!(stdin, "{line}");
            names.push(name);
        }
        let _ = stdin.flush();
        // Read some of the answers, then kill it, sometimes after a short wait.
        let wait_for = dice.roll(sent as u64 + 1) as usize;
        for name in names.iter().take(wait_for) {
            let mut text = String::new();
            if stdout.read_line(&mut text).unwrap_or(0) == 0 {
                break;
            }
            let v: Value = serde_json::from_str(&text).unwrap();
            let id = v["ok"]["id"].as_i64().unwrap_or_else(|| panic!("{v}"));
            answered.push((id, name.clone()));
        }
        if dice.roll(2) == 0 {
            std::thread::sleep(std::time::Duration::from_millis(dice.roll(15)));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
    }
    assert!(
        answered.len() > 100,
        "the test must see real answers: {}",
        answered.len()
    );
    let mut core = Core::open(&path).unwrap();
    for (id, name) in &answered {
        let c = core.call("customer.get", json!({ "id": id })).unwrap();
        assert_eq!(&c["customer"]["name"], name);
    }
    // Nothing half-written: every customer that exists has its phone.
    let orphans: i64 = core
        .connection()
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM customers c WHERE NOT EXISTS
             (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    assert_eq!(core.check_integrity(true).unwrap().integrity, "ok");
    let chain: jobcard::model::audit::ChainReport = core.exec("audit.verify", json!({})).unwrap();
    assert!(chain.intact, "{chain:?}");
    drop(dir);
}

#[test]
fn concurrent_writers_issue_unique_gapless_invoice_numbers() {
    let mut s = Shop::new();
    let jobs: Vec<String> = (0..24).map(|_| s.ready().0).collect();
    let path = s.dir.path().join("shop.db");
    let c = s.counter;
    let m = s.manager;
    s.call(
        "staff.set_secret",
        json!({ "staff_id": m, "id": c, "secret": "1357" }),
    );
    let now = s.core.fixed_now();
    // Eight threads, each with its own connection, two jobs each ...
    let threads: Vec<_> = jobs[..16]
        .chunks(2)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let path = path.clone();
            std::thread::spawn(move || {
                let mut core = Core::open(&path).unwrap();
                core.set_now(now);
                let mut numbers = Vec::new();
                for job in chunk {
                    loop {
                        match core.call("invoice.issue", json!({ "staff_id": c, "job": job })) {
                            Ok(v) => {
                                numbers.push(
                                    v["invoice"]["invoice"]["number"]
                                        .as_str()
                                        .unwrap()
                                        .to_string(),
                                );
                                break;
                            }
                            Err(e) if e.code == ErrorCode::Busy => continue,
                            Err(e) => panic!("{e:?}"),
                        }
                    }
                }
                numbers
            })
        })
        .collect();
    // ... and eight command-line processes at the same time, one job each.
    let procs: Vec<_> = jobs[16..]
        .iter()
        .map(|job| {
            Command::new(env!("CARGO_BIN_EXE_jobcard"))
                .args([
                    "--db",
                    path.to_str().unwrap(),
                    "--as",
                    "Tom",
                    "call",
                    "invoice.issue",
                ])
                .arg(json!({ "job": job }).to_string())
                .env("JOBCARD_PIN", "1357")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    for p in procs {
        let out = p.wait_with_output().unwrap();
        if out.status.success() {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            numbers.push(
                v["invoice"]["invoice"]["number"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        } else {
            // The only acceptable failure is the retryable one.
            let e: Value = serde_json::from_slice(&out.stderr).unwrap();
            assert_eq!(e["code"], "busy", "{e}");
        }
    }
    let mut seq: Vec<i64> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    seq.sort_unstable();
    let n = seq.len() as i64;
    assert!(n >= 16);
    assert_eq!(
        seq,
        (1..=n).collect::<Vec<_>>(),
        "unique and gapless: {numbers:?}"
    );
}
