//! The `jobcard` binary: `call`, `commands` and `demo` on a real file.

use serde_json::Value;
use std::process::Command;

/// Runs the `jobcard` binary: whether it succeeded, its output and its errors.
pub(super) fn jobcard(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn commands_lists_every_command_with_its_input_shape() {
    let (ok, out, _) = jobcard(&["commands"]);
    assert!(ok);
    for name in jobcard::api::commands().iter().map(|c| c.name) {
        assert!(out.contains(&format!("{name}  ")), "{name} missing");
    }
    assert!(out.contains("\"complaint\""), "input shapes are printed");
}

#[test]
fn call_prints_json_and_errors_go_to_stderr_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let db = db.to_str().unwrap();
    let (ok, out, _) = jobcard(&[
        "--db",
        db,
        "call",
        "shop.setup",
        r#"{"settings":{"legal_name":"CLI Garage"},"manager_name":"Ann","manager_secret":"2468"}"#,
    ]);
    assert!(ok);
    let staff: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(staff["name"], "Ann");
    let (ok, out, err) = jobcard(&["--db", db, "call", "job.get", r#"{"job":"J0"}"#]);
    assert!(!ok);
    assert!(out.is_empty());
    let e: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "not_found");
    let (ok, _, err) = jobcard(&["--db", db, "call", "job.get", "{not json"]);
    assert!(!ok);
    let e: Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "invalid_input");
}

#[test]
fn demo_builds_a_shop_with_jobs_in_every_state() {
    for lang in ["en", "zh-CN"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let db = db.to_str().unwrap();
        let (ok, out, err) = jobcard(&["--db", db, "demo", "--lang", lang]);
        assert!(ok, "{err}");
        let summary: Value = serde_json::from_str(&out).unwrap();
        assert!(summary["customers"].as_u64().unwrap() >= 30);
        for state in [
            "received",
            "inspected",
            "estimated",
            "awaiting_approval",
            "approved",
            "in_work",
            "cancelled",
        ] {
            let number = summary["jobs"][state]
                .as_str()
                .unwrap_or_else(|| panic!("no {state} job"));
            let (ok, out, _) = jobcard(&[
                "--db",
                db,
                "call",
                "job.get",
                &format!(r#"{{"job":"{number}"}}"#),
            ]);
            assert!(ok);
            let job: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(job["job"]["state"], state);
        }
        let declined = summary["with_declined_line"].as_str().unwrap();
        let (_, out, _) = jobcard(&[
            "--db",
            db,
            "call",
            "job.get",
            &format!(r#"{{"job":"{declined}"}}"#),
        ]);
        let job: Value = serde_json::from_str(&out).unwrap();
        assert!(job["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["status"] == "declined"));
        let sup = summary["with_supplement"].as_str().unwrap();
        let (_, out, _) = jobcard(&[
            "--db",
            db,
            "call",
            "job.get",
            &format!(r#"{{"job":"{sup}"}}"#),
        ]);
        let job: Value = serde_json::from_str(&out).unwrap();
        let approvals = job["approvals"].as_array().unwrap();
        assert!(approvals
            .iter()
            .any(|a| a["supplement"].as_i64() > Some(0) && a["previous_total"].as_i64() > Some(0)));
        let call = |cmd: &str, input: String| -> Value {
            let (ok, out, err) = jobcard(&["--db", db, "call", cmd, &input]);
            assert!(ok, "{cmd}: {err}");
            serde_json::from_str(&out).unwrap()
        };
        let statuses: Vec<String> = summary["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                call(
                    "invoice.get",
                    format!(r#"{{"invoice":"{}"}}"#, n.as_str().unwrap()),
                )["status"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(statuses, ["paid", "part_paid"]);
        let cn = summary["credit_notes"][0].as_str().unwrap();
        assert!(
            call("credit_note.get", format!(r#"{{"credit_note":"{cn}"}}"#))["total"]
                .as_i64()
                .unwrap()
                > 0
        );
        for card in summary["guarantee_cards"].as_array().unwrap() {
            let st = call(
                "guarantee.lookup",
                format!(r#"{{"card":"{}"}}"#, card.as_str().unwrap()),
            );
            assert_eq!(st[0]["cover"]["validity"], "valid");
        }
        let claim = call(
            "job.get",
            format!(r#"{{"job":"{}"}}"#, summary["claim"].as_str().unwrap()),
        );
        assert!(claim["job"]["claim_card_id"].is_i64());
        assert_eq!(claim["lines"][0]["covered_by_card"], true);
        assert!(!call("parts.low_stock", "{}".into())
            .as_array()
            .unwrap()
            .is_empty());
        // Every document prints from the command line.
        let prints = [
            ("ticket", summary["jobs"]["inspected"].clone()),
            ("estimate", summary["jobs"]["awaiting_approval"].clone()),
            ("invoice", summary["invoices"][0].clone()),
            ("credit-note", summary["credit_notes"][0].clone()),
            ("receipt", summary["invoices"][1].clone()),
            ("card", summary["guarantee_cards"][0].clone()),
            ("certificate", summary["jobs"]["delivered"].clone()),
            ("label", summary["jobs"]["received"].clone()),
        ];
        for (kind, number) in prints {
            let out_pdf = dir.path().join(format!("{kind}.pdf"));
            let (ok, out, err) = jobcard(&[
                "--db",
                db,
                "print",
                kind,
                number.as_str().unwrap(),
                "--out",
                out_pdf.to_str().unwrap(),
                "--lang",
                lang,
            ]);
            assert!(ok, "{kind}: {err}");
            assert!(out.contains("\"bytes\""));
            assert!(std::fs::read(&out_pdf).unwrap().starts_with(b"%PDF-"));
        }
        let (ok, _, err) = jobcard(&["--db", db, "print", "poster", "X", "--out", "/tmp/x.pdf"]);
        assert!(!ok && err.contains("invalid_input"));
        if lang == "zh-CN" {
            let (_, out, _) = jobcard(&["--db", db, "call", "search", r#"{"query":"小明"}"#]);
            assert!(out.contains("王小明"));
        }
        // A second demo into the same shop is refused, not doubled.
        let (ok, _, err) = jobcard(&["--db", db, "demo"]);
        assert!(!ok && err.contains("invalid_state"));
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .arg("commands")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader is gone before the listing starts (as with `| head -0`): every
    // write meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}

#[test]
fn input_that_is_not_utf8_is_invalid_input_not_an_internal_error() {
    use std::io::Write as _;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .args(["--db", db.to_str().unwrap(), "call", "settings.get", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&[0x7b, 0xff, 0xfe, 0x7d])
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "invalid_input", "{err}");
}

#[test]
fn acting_from_the_command_line_needs_the_person_s_pin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pin.db");
    let db = db.to_str().unwrap();
    let (ok, _, err) = jobcard(&[
        "--db",
        db,
        "call",
        "shop.setup",
        r#"{"settings":{"legal_name":"PIN Garage"},"manager_name":"Ann Lee","manager_secret":"2468"}"#,
    ]);
    assert!(ok, "{err}");
    let create =
        r#"{"staff_id":1,"customer":{"kind":"person","name":"Bo","phones":["13800000000"]}}"#;
    let run = |args: &[&str], pin: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_jobcard"));
        c.args(args).env_remove("JOBCARD_PIN");
        if let Some(p) = pin {
            c.env("JOBCARD_PIN", p);
        }
        let out = c.output().unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // Without --as the file's owner may read but not act, whatever staff_id says.
    let (ok, _, err) = run(&["--db", db, "call", "customer.create", create], None);
    assert!(!ok);
    assert!(err.contains("sign_in_required"), "{err}");
    let (ok, _, _) = run(&["--db", db, "call", "settings.get"], None);
    assert!(ok);
    // A wrong PIN, or none, or nobody by that name, is refused; the right PIN acts.
    let act = |who: &str, pin: Option<&str>| {
        run(
            &["--db", db, "--as", who, "call", "customer.create", create],
            pin,
        )
    };
    for (who, pin, says) in [
        ("Ann Lee", Some("1111"), "Wrong PIN"),
        ("ann lee", None, "JOBCARD_PIN"),
        ("Nobody", Some("2468"), "not_found"),
    ] {
        let (ok, _, err) = act(who, pin);
        assert!(!ok, "{who}");
        assert!(err.contains(says), "{who}: {err}");
    }
    let (ok, out, err) = act("Ann Lee", Some("2468"));
    assert!(ok, "{err}");
    let c: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(c["name"], "Bo");
}
