//! The server's certificate checked against the shop's own certificate
//! authority or the ones the computer trusts (src/store/pg/tls.rs, libpq's
//! `verify-ca`, `verify-full` and `sslrootcert=system`):
//! how a connection string asking for it is read, what the driver is given,
//! and, on the throwaway cluster (whose certificate for localhost and
//! 127.0.0.1 the test authority signed; scripts/pg-cluster.sh), a counter
//! that reaches the shop's server, one that refuses a server another
//! authority vouches for or whose certificate is for another name, the
//! authority's file missing or not one, a shop working and backed up
//! (`pg_dump`, which is libpq) over a checked connection, and the command
//! line checking by the computer's authorities (`SSL_CERT_FILE` stands for
//! the computer's store, which holds no test authority).

use jobcard::model::server::{Encryption, ServerAddress};
use jobcard::store::pg::connection::checked;
use jobcard::store::pg::tls::{options, Check, Roots};
use jobcard::ErrorCode;
use std::path::{Path, PathBuf};

#[test]
fn a_checking_mode_is_taken_out_of_what_the_driver_reads() {
    let plain = options("host=a sslmode=require").unwrap();
    assert_eq!(plain.check, Check::Handshake);
    assert_eq!(plain.conn, "host=a sslmode=require");

    let full =
        options(r"host = a  sslmode=verify-full sslrootcert='/shop ca/it\'s.crt' password='p w\\'")
            .unwrap();
    assert_eq!(
        full.check,
        Check::Authority {
            roots: Roots::File(PathBuf::from("/shop ca/it's.crt")),
            name: true
        }
    );
    assert_eq!(full.conn, r"host='a' password='p w\\' sslmode=require");
    let parsed: tokio_postgres::Config = full.conn.parse().unwrap();
    assert_eq!(parsed.get_password(), Some(&b"p w\\"[..]));

    let url = options(
        "postgresql://counter@shop/jobcard?sslmode=verify-ca&sslrootcert=%2Fshop%20ca%2Fca.crt&application_name=front",
    )
    .unwrap();
    assert_eq!(
        url.check,
        Check::Authority {
            roots: Roots::File(PathBuf::from("/shop ca/ca.crt")),
            name: false
        }
    );
    assert_eq!(
        url.conn,
        "postgresql://counter@shop/jobcard?application_name=front&sslmode=require"
    );
    // The computer's own authorities: the name is checked too, asked or not.
    for system in [
        "host=a sslrootcert=system",
        "host=a sslmode=verify-full sslrootcert=' system '",
    ] {
        let o = options(system).unwrap();
        assert_eq!(
            o.check,
            Check::Authority {
                roots: Roots::System,
                name: true
            },
            "{system}"
        );
        assert_eq!(o.conn, "host='a' sslmode=require");
    }
    // A later value wins, as in libpq.
    assert_eq!(
        options("host=a sslmode=verify-full sslmode=prefer")
            .unwrap()
            .check,
        Check::Handshake
    );

    for (bad, field) in [
        ("host=a sslmode=verify-full", "authority"),
        ("host=a sslmode=verify-ca sslrootcert=''", "authority"),
        (
            "host=a sslmode=verify-ca sslrootcert=system",
            "connection_string",
        ),
        (
            "host=a sslmode=require sslrootcert=system",
            "connection_string",
        ),
        ("host='open sslmode=verify-full", "connection_string"),
        ("host=a sslmode", "connection_string"),
        (
            "postgresql://h/d?sslmode=verify-full&sslrootcert=%zz",
            "connection_string",
        ),
        (
            "postgresql://h/d?sslmode=verify-full&sslrootcert=%FF",
            "connection_string",
        ),
    ] {
        let e = options(bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{bad}: {e:?}");
        assert!(!e.message_zh.is_empty());
    }
    // A string asking for the check passes the driver's reading, and keeps
    // its words for libpq (pg_dump).
    assert_eq!(
        checked("host=a sslmode=verify-full sslrootcert=ca.crt").unwrap(),
        "host=a sslmode=verify-full sslrootcert=ca.crt connect_timeout=5"
    );
}

/// The test cluster over TCP and its authority's file, when there is one.
fn cluster() -> Option<(String, PathBuf)> {
    crate::common::fresh_pg_database()?;
    let tcp = std::env::var("JOBCARD_TEST_PG_TCP").expect("test.sh names the TCP port");
    let ca = std::env::var("JOBCARD_TEST_PG_CA").expect("test.sh names the authority");
    Some((tcp, PathBuf::from(ca)))
}

fn probe(conn: &str) -> jobcard::Result<jobcard::model::server::ServerProbe> {
    jobcard::api::server::probe(&checked(conn)?)
}

#[test]
fn a_counter_reaches_only_the_server_the_shops_authority_vouches_for() {
    let Some((tcp, ca)) = cluster() else {
        return;
    };
    let with =
        |mode: &str, file: &Path| format!("{tcp} sslmode={mode} sslrootcert='{}'", file.display());
    let full = probe(&with("verify-full", &ca)).unwrap();
    assert!(full.encrypted && full.verified, "{full:?}");
    let ca_only = probe(&with("verify-ca", &ca)).unwrap();
    assert!(ca_only.encrypted && !ca_only.verified, "{ca_only:?}");
    let unchecked = probe(&format!("{tcp} sslmode=require")).unwrap();
    assert!(unchecked.encrypted && !unchecked.verified);

    // The certificate names localhost too; any other name is refused under
    // verify-full (hostaddr reaches the same server), and passes verify-ca.
    let named = |name: &str, mode: &str| {
        with(mode, &ca).replace("host=127.0.0.1", &format!("host={name} hostaddr=127.0.0.1"))
    };
    assert!(probe(&named("localhost", "verify-full")).unwrap().verified);
    let elsewhere = probe(&named("shop-server.example", "verify-full")).unwrap_err();
    assert_eq!(elsewhere.code, ErrorCode::Storage);
    assert!(
        elsewhere
            .message
            .contains("not made out to the server's name"),
        "{elsewhere:?}"
    );
    assert!(elsewhere.message_zh.contains("服务器证书"));
    assert!(probe(&named("shop-server.example", "verify-ca")).is_ok());

    // Another authority's word is not the shop's.
    let stranger = ca.with_file_name("stranger-ca.crt");
    let refused = probe(&with("verify-full", &stranger)).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Storage);
    assert!(
        refused
            .message
            .contains("not signed by the shop's certificate authority"),
        "{refused:?}"
    );
    assert!(refused.message.contains("stranger-ca.crt"));
    // The shop's authority among others in one file is enough.
    let both = ca.with_file_name("both.crt");
    let pem = [
        std::fs::read(&stranger).unwrap(),
        std::fs::read(&ca).unwrap(),
    ]
    .concat();
    std::fs::write(&both, pem).unwrap();
    assert!(probe(&with("verify-full", &both)).unwrap().verified);

    // The authority's file missing, or not a certificate: said at its field,
    // before the server is reached.
    let missing = probe(&with("verify-full", &ca.with_file_name("nowhere.crt"))).unwrap_err();
    assert_eq!(missing.field.as_deref(), Some("authority"), "{missing:?}");
    assert!(missing.message.contains("nowhere.crt"));
    let not_pem = probe(&with("verify-full", &ca.with_file_name("server.ext"))).unwrap_err();
    assert_eq!(not_pem.field.as_deref(), Some("authority"), "{not_pem:?}");
    assert!(not_pem.message.contains("holds no certificate"));
    assert!(not_pem.message_zh.contains("没有证书"));
    let huge = ca.with_file_name("huge.crt");
    std::fs::write(&huge, vec![b'A'; (1 << 20) + 1]).unwrap();
    let too_big = probe(&with("verify-full", &huge)).unwrap_err();
    assert_eq!(too_big.field.as_deref(), Some("authority"), "{too_big:?}");
    assert!(too_big.message.contains("too big"));

    // A socket offers no TLS: a check asked for there is refused.
    let socket = std::env::var("JOBCARD_TEST_PG").unwrap();
    assert!(probe(&format!(
        "{socket} sslmode=verify-full sslrootcert='{}'",
        ca.display()
    ))
    .is_err());

    // The fields ask for it as chosen.
    let port: i64 = tcp
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("port="))
        .unwrap()
        .parse()
        .unwrap();
    let address = ServerAddress {
        host: "127.0.0.1".into(),
        port: Some(port),
        database: "postgres".into(),
        user: "jobcard".into(),
        password: None,
        encryption: Some(Encryption::Verified),
        authority: Some(ca.display().to_string()),
        connection_string: None,
    };
    assert!(probe(&address.connection().unwrap()).unwrap().verified);
}

/// An invoiced shop in a database of its own (its `public` schema), reached
/// over TCP with the certificate checked against the test authority; and
/// that database's address over TCP, with no TLS options.
fn checked_shop(tcp: &str, ca: &Path) -> (crate::common::Shop, String) {
    let socket = std::env::var("JOBCARD_TEST_PG").unwrap();
    let on_tcp = crate::common::fresh_pg_public_database()
        .unwrap()
        .replace(&socket, tcp);
    let mut s = crate::common::Shop::on_server_at(format!(
        "{on_tcp} sslmode=verify-full sslrootcert='{}'",
        ca.display()
    ))
    .unwrap();
    s.invoiced();
    (s, on_tcp)
}

#[test]
fn a_shop_works_and_backs_up_over_a_checked_connection() {
    let Some((tcp, ca)) = cluster() else {
        return;
    };
    let (mut s, _) = checked_shop(&tcp, &ca);
    let kept = s.core.where_kept();
    assert!(
        kept.server
            .as_ref()
            .is_some_and(|k| k.encrypted && k.verified),
        "{kept:?}"
    );
    let folder = s.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let mut settings = s.call("settings.get", serde_json::json!({}));
    settings["backup"]["folder"] = serde_json::json!(folder.display().to_string());
    let m = s.manager;
    s.call(
        "settings.update",
        serde_json::json!({ "staff_id": m, "settings": settings }),
    );
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    assert!(b.verified && b.path.ends_with(".pgdump"), "{b:?}");
}

/// The command line on the cluster over `conn`, trusting what `roots` holds
/// as this computer's authorities, its temporary files in `tmp`.
fn as_computer_trusting(
    roots: &Path,
    tmp: &Path,
    conn: &str,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .env("SSL_CERT_FILE", roots)
        .env("TMPDIR", tmp)
        .env_remove("SSL_CERT_DIR")
        .args(["--server", conn])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_computers_own_authorities_check_the_server_by_name() {
    let Some((tcp, ca)) = cluster() else {
        return;
    };
    // Set up over the shop's authority, then left to the command line.
    let (s, on_tcp) = checked_shop(&tcp, &ca);
    drop(s);
    let system = format!("{on_tcp} sslrootcert=system");
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let run = |roots: &Path, conn: &str| {
        as_computer_trusting(roots, tmp.path(), conn, &["backup", "--to", to])
    };

    // A computer that trusts the shop's authority (as one whose company
    // installed it, or with a public authority's certificate) reaches the
    // server and backs it up: pg_dump (libpq 15 here, which knows no
    // `system`) is given the same authorities in a file of its own.
    // Both ways of asking: `verify-full` implied, and said (which libpq 15
    // would refuse, looking for a file called "system").
    for conn in [
        system.clone(),
        format!("{on_tcp} sslmode=verify-full sslrootcert=system"),
    ] {
        let out = run(&ca, &conn);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(record["verified"], true, "{record}");
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().collect();
    assert!(
        left.is_empty(),
        "the tools' authorities are removed: {left:?}"
    );

    // One that trusts only other authorities refuses the server, saying so.
    let stranger = ca.with_file_name("stranger-ca.crt");
    let out = run(&stranger, &system);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("any authority this computer trusts"),
        "{said}"
    );
    // The name is checked: another name is refused even by a trusted authority.
    let elsewhere = system.replace(
        "host=127.0.0.1",
        "host=shop-server.example hostaddr=127.0.0.1",
    );
    let out = run(&ca, &elsewhere);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("not made out to the server's name"), "{said}");
    // One with no authorities at all is told to name the shop's.
    let empty = folder.path().join("none.pem");
    std::fs::write(&empty, "").unwrap();
    let out = run(&empty, &system);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("trusts no certificate authority"), "{said}");
}
