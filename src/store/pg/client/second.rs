//! The second connection a read transaction shares a screen's reads with
//! (the client's `pipeline_shared`, mod.rs). A screen of many reads (the
//! board's cards: their discounts, lines, times and clocks; a customer's
//! history: ten reads for each of their jobs) is worked by one server
//! process, one read after another, while the machine has more cores and
//! its disk more than one read in flight. Every other read goes instead to
//! this connection, which reads in the first one's snapshot
//! (`pg_export_snapshot`, `SET TRANSACTION SNAPSHOT`, as `pg_dump --jobs`
//! does), so two server processes work at once and the screen still shows
//! one moment of the shop. Side by side on the full benchmark shop a
//! customer's history took 15–20 % less and the board about 10 % less, and
//! the reminder list's odometer histories are read here beside its rows. The
//! open job, whose reads are few and small, is not shared: tried again on a
//! full shop whose jobs come from the disk, its median fell by a tenth but
//! its p99, its target, rose (docs/benchmarks.md). Only read transactions
//! share: a write's reads must see its own changes.
//!
//! The connection is made the first time it is wanted, with what the first
//! was made with; when the server will not take it (its connections all
//! taken) the reads go on the first alone, as before, until the counter
//! connects again; one the server ended is made again. It runs on the
//! first connection's runtime, so one wait drives both.
//!
//! Tests: tests/core/store/pg_shared.rs (one snapshot; the board and a
//! history on two connections; a second connection refused or ended).

use std::collections::HashMap;
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Config, Error, Row, SimpleQueryMessage, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

/// What the first connection was made with, to make the second alike.
pub struct Recipe {
    pub config: Config,
    pub tls: MakeRustlsConnect,
    /// The session's settings (time zone, planner costs), sent first; none
    /// until the store asks for shared reads.
    pub setup: Option<String>,
}

/// The second connection, for reads shared in one snapshot.
pub enum Second {
    /// Not wanted yet, or ended.
    Unmade,
    Open(Box<Reader>),
    /// The server would not take another connection: reads stay on the
    /// first until the counter connects again (pg/mod.rs `reconnect`).
    Refused,
}

/// The open second connection and the statements it has prepared.
pub struct Reader {
    inner: tokio_postgres::Client,
    connection: JoinHandle<()>,
    /// Its prepared statements, by their SQL.
    statements: HashMap<String, Statement>,
}

impl Second {
    /// Whether the second connection is there, making it (on `runtime`, by
    /// `recipe`) if it was never made or the server ended it.
    pub fn ready(&mut self, runtime: &Runtime, recipe: Option<&Recipe>) -> bool {
        if let Second::Open(h) = self {
            if !h.inner.is_closed() {
                return true;
            }
            self.close(runtime);
        }
        if !matches!(self, Second::Unmade) {
            return false;
        }
        let Some(Recipe {
            config,
            tls,
            setup: Some(setup),
        }) = recipe
        else {
            return false;
        };
        let made = runtime.block_on(async {
            let (inner, connection) = config.connect(tls.clone()).await?;
            let connection = tokio::spawn(async move {
                // Nothing but answers is wanted from it; it ends with the client.
                let _ = connection.await;
            });
            inner.batch_execute(setup).await?;
            Ok::<_, Error>((inner, connection))
        });
        *self = match made {
            Ok((inner, connection)) => Second::Open(Box::new(Reader {
                inner,
                connection,
                statements: HashMap::new(),
            })),
            Err(_) => Second::Refused,
        };
        matches!(self, Second::Open(_))
    }

    /// Prepares the statements `sqls` it has not prepared yet, together.
    pub fn prepare(&mut self, runtime: &Runtime, sqls: &[&str]) -> Result<(), Error> {
        let Second::Open(reader) = self else {
            return Ok(());
        };
        let mut missing: Vec<&str> = sqls
            .iter()
            .copied()
            .filter(|sql| !reader.statements.contains_key(*sql))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        let prepared = runtime.block_on(futures_util::future::try_join_all(
            missing.iter().map(|sql| reader.inner.prepare(sql)),
        ));
        match prepared {
            Ok(sts) => {
                for (sql, st) in missing.into_iter().zip(sts) {
                    reader.statements.insert(sql.to_string(), st);
                }
                Ok(())
            }
            Err(e) => {
                if reader.inner.is_closed() {
                    self.close(runtime);
                }
                Err(e)
            }
        }
    }

    /// Whether it was open and the server has ended it.
    pub fn was_ended(&self) -> bool {
        matches!(self, Second::Open(h) if h.inner.is_closed())
    }

    /// Ends it politely; the next shared read makes it again.
    pub fn close(&mut self, runtime: &Runtime) {
        if let Second::Open(reader) = std::mem::replace(self, Second::Unmade) {
            let Reader {
                inner, connection, ..
            } = *reader;
            drop(inner);
            let _ = runtime
                .block_on(async { tokio::time::timeout(Duration::from_secs(1), connection).await });
        }
    }
}

impl Reader {
    /// Runs `queries` (their SQL, prepared by [`Second::prepare`], and
    /// parameters) in one read-only transaction in the snapshot `snapshot`
    /// names once it comes. All are sent at once, the `COMMIT` with them.
    pub async fn read_in(
        &self,
        snapshot: impl std::future::Future<Output = Result<String, Error>>,
        queries: &[(&str, &[&(dyn ToSql + Sync)])],
    ) -> Result<Vec<Vec<Row>>, Error> {
        let snapshot = snapshot.await?;
        let begin = format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; \
             SET TRANSACTION SNAPSHOT '{snapshot}'"
        );
        let (_, rows, _) = futures_util::future::try_join3(
            self.inner.batch_execute(&begin),
            futures_util::future::try_join_all(
                queries
                    .iter()
                    .map(|(sql, p)| self.inner.query(&self.statements[*sql], p)),
            ),
            // A read that failed aborted the transaction: this ends it all
            // the same.
            self.inner.batch_execute("COMMIT"),
        )
        .await?;
        Ok(rows)
    }
}

/// Exports `inner`'s transaction's snapshot for another connection to read in.
pub async fn exported(inner: &tokio_postgres::Client) -> Result<String, Error> {
    let answer = inner.simple_query("SELECT pg_export_snapshot()").await?;
    Ok(answer
        .iter()
        .find_map(|m| match m {
            SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
            _ => None,
        })
        .unwrap_or_default())
}
