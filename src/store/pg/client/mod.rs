//! A blocking connection to the shop's server that can send several queries
//! before reading any answer (pipelining). The store's commands are blocking,
//! one after another; the `postgres` crate's blocking client waits for each
//! answer before it sends the next question, so a screen of fifteen small
//! reads paid fifteen round trips. This client wraps `tokio-postgres` on a
//! runtime of its own, on the caller's thread: [`Client::pipeline`] sends a
//! screen's reads together and the server answers them in order, in one
//! round trip. Everything else is the blocking client's shape (`query`,
//! `execute`, `batch_execute` …). The server's notifications (another
//! counter's change, store/pg/mod.rs) are kept as they arrive and read
//! without waiting. Only connection.rs makes one.
//!
//! A read transaction's page of many reads can also be shared with a second
//! connection reading in its snapshot ([`Client::pipeline_shared`],
//! second.rs says why and how).
//!
//! Tests: tests/core/store/pg.rs and the core suite on the server; the
//! pipeline by every view that uses it (tests/core/job/, tests/core/records/).

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tokio::task::JoinHandle;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Error, Notification, Row, Statement, ToStatement};

mod second;

use second::{exported, Recipe, Second};
use tokio_postgres::Config;
use tokio_postgres_rustls::MakeRustlsConnect;

/// Parameters of one statement.
pub type Params<'p> = [&'p (dyn ToSql + Sync)];

/// One query of a shared pipeline: its SQL (to prepare it on the second
/// connection), its statement on the first, its parameters.
pub type SharedQuery<'q, 'p> = (&'q str, &'q Statement, &'q Params<'p>);

/// A connection to the server, used from one thread at a time.
pub struct Client {
    runtime: Runtime,
    /// Taken only when this is dropped (see `Drop`).
    inner: Option<tokio_postgres::Client>,
    /// The task reading the connection's socket.
    connection: Option<JoinHandle<()>>,
    /// How many times that task has run to a stop (each time, it has
    /// written every request queued before it ran).
    runs: Arc<AtomicU64>,
    notes: UnboundedReceiver<Notification>,
    /// How a second connection is made, once the store says what a session
    /// of its needs ([`Self::share_reads`]).
    recipe: Option<Recipe>,
    second: Second,
}

impl Client {
    /// Wraps a connection just made on `runtime`: its socket is read by a
    /// task that runs whenever this client waits for the server.
    pub(super) fn new(
        runtime: Runtime,
        inner: tokio_postgres::Client,
        mut connection: impl ConnectionStream + Send + 'static,
    ) -> Client {
        let (send, notes) = unbounded_channel();
        let runs = Arc::new(AtomicU64::new(0));
        let counted = runs.clone();
        let connection = runtime.spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| {
                let polled = connection.poll(cx);
                if polled.is_pending() {
                    counted.fetch_add(1, Ordering::Release);
                }
                polled
            });
            while let Some(m) = messages.next().await {
                match m {
                    Ok(AsyncMessage::Notification(n)) => {
                        // The receiver is gone only when the client is.
                        let _ = send.send(n);
                    }
                    // Notices (a table already there, …) say nothing the
                    // counter needs.
                    Ok(_) => {}
                    // The connection is over: the client sees it closed.
                    Err(_) => break,
                }
            }
        });
        Client {
            runtime,
            inner: Some(inner),
            connection: Some(connection),
            runs,
            notes,
            recipe: None,
            second: Second::Unmade,
        }
    }

    /// Keeps what this connection was made with (connection.rs).
    pub(super) fn keep_recipe(&mut self, config: Config, tls: MakeRustlsConnect) {
        self.recipe = Some(Recipe {
            config,
            tls,
            setup: None,
        });
    }

    /// Lets read transactions share their reads with a second connection,
    /// given the session settings it must have (the store's, pg/mod.rs).
    pub(super) fn share_reads(&mut self, setup: &str) {
        if let Some(r) = &mut self.recipe {
            r.setup = Some(setup.to_string());
        }
    }

    fn inner(&self) -> &tokio_postgres::Client {
        self.inner
            .as_ref()
            .expect("the client is taken only when it is dropped")
    }

    pub fn batch_execute(&mut self, sql: &str) -> Result<(), Error> {
        self.runtime.block_on(self.inner().batch_execute(sql))
    }

    pub fn prepare(&mut self, sql: &str) -> Result<Statement, Error> {
        self.runtime.block_on(self.inner().prepare(sql))
    }

    pub fn query<T>(&mut self, st: &T, p: &Params<'_>) -> Result<Vec<Row>, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.runtime.block_on(self.inner().query(st, p))
    }

    pub fn query_one<T>(&mut self, st: &T, p: &Params<'_>) -> Result<Row, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.runtime.block_on(self.inner().query_one(st, p))
    }

    pub fn query_opt<T>(&mut self, st: &T, p: &Params<'_>) -> Result<Option<Row>, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.runtime.block_on(self.inner().query_opt(st, p))
    }

    pub fn execute<T>(&mut self, st: &T, p: &Params<'_>) -> Result<u64, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.runtime.block_on(self.inner().execute(st, p))
    }

    /// Several prepared queries sent at once, their rows answered in order,
    /// after `lead` (a transaction's `BEGIN`, sent with its first statements
    /// rather than a round trip of its own) when there is one. In a
    /// transaction the first failure aborts the rest, as it would one at a
    /// time; the first error is the answer.
    pub fn pipeline(
        &mut self,
        lead: Option<&str>,
        queries: &[(&Statement, &Params<'_>)],
    ) -> Result<Vec<Vec<Row>>, Error> {
        let inner = self.inner();
        // Each request is sent when it is first polled; joining them polls
        // every one, the lead first, before waiting for any answer.
        self.runtime.block_on(async {
            let (_, rows) = futures_util::future::try_join(
                lead_of(inner, lead),
                futures_util::future::try_join_all(
                    queries.iter().map(|(st, p)| inner.query(*st, p)),
                ),
            )
            .await?;
            Ok(rows)
        })
    }

    /// One prepared statement's rows changed, after `lead` as [`Self::pipeline`].
    pub fn execute_after(
        &mut self,
        lead: Option<&str>,
        st: &Statement,
        p: &Params<'_>,
    ) -> Result<u64, Error> {
        let inner = self.inner();
        self.runtime.block_on(async {
            let (_, n) =
                futures_util::future::try_join(lead_of(inner, lead), inner.execute(st, p)).await?;
            Ok(n)
        })
    }

    /// Reads in a `REPEATABLE READ READ ONLY` transaction sent at once,
    /// after `lead` as [`Self::pipeline`], every other one on the second
    /// connection, which first takes this transaction's snapshot. The
    /// answers come back in the order asked. When there is no second
    /// connection to be had they all go on this one.
    pub fn pipeline_shared(
        &mut self,
        lead: Option<&str>,
        queries: &[SharedQuery<'_, '_>],
    ) -> Result<Vec<Vec<Row>>, Error> {
        let alone: Vec<_> = queries.iter().map(|(_, st, p)| (*st, *p)).collect();
        let theirs: Vec<_> = queries
            .iter()
            .skip(1)
            .step_by(2)
            .map(|(sql, _, p)| (*sql, *p))
            .collect();
        let sqls: Vec<&str> = theirs.iter().map(|(sql, _)| *sql).collect();
        if theirs.is_empty()
            || !self.second.ready(&self.runtime, self.recipe.as_ref())
            || self.second.prepare(&self.runtime, &sqls).is_err()
        {
            return self.pipeline(lead, &alone);
        }
        let Second::Open(reader) = &self.second else {
            unreachable!("ready made it")
        };
        let inner = self.inner();
        let answers = self.runtime.block_on(async {
            // The export is sent right after the lead and before this
            // connection's reads; only the second's reads wait for its answer.
            futures_util::future::try_join3(
                lead_of(inner, lead),
                reader.read_in(exported(inner), &theirs),
                futures_util::future::try_join_all(
                    alone.iter().step_by(2).map(|(st, p)| inner.query(*st, p)),
                ),
            )
            .await
        });
        let (_, theirs, mine) = match answers {
            Ok(a) => a,
            Err(_) if self.second.was_ended() && !self.inner().is_closed() => {
                // The server ended the second connection (an administrator,
                // its own limits): it is made again next time, and this
                // transaction, begun by now and read-only, reads alone; an
                // error of the first connection's own is met again there.
                self.second.close(&self.runtime);
                return self.pipeline(None, &alone);
            }
            Err(e) => return Err(e),
        };
        let (mut mine, mut theirs) = (mine.into_iter(), theirs.into_iter());
        Ok((0..queries.len())
            .map(|i| {
                if i % 2 == 0 {
                    mine.next()
                } else {
                    theirs.next()
                }
            })
            .map(Option::unwrap_or_default)
            .collect())
    }

    /// Sends `sql` (a simple query) without waiting for its answer: the
    /// request is queued, and this returns once the connection's task has
    /// run since and so written it to the socket; the task reads the answer
    /// and drops it the next time it runs (before the next command's
    /// answers, which come after it). For what cannot fail but by losing
    /// the connection: a read-only transaction's `COMMIT`.
    pub fn send(&mut self, sql: &str) {
        let inner = self.inner();
        let runs = &self.runs;
        self.runtime.block_on(async {
            let before = runs.load(Ordering::Acquire);
            let mut request = pin!(inner.batch_execute(sql));
            // Its first poll queues it; the answer is not awaited.
            std::future::poll_fn(|cx| {
                let _ = std::future::Future::poll(request.as_mut(), cx);
                std::task::Poll::Ready(())
            })
            .await;
            // The connection's task, woken by the queued request, runs
            // before this future is polled again. (A bound, should a
            // closed connection's task have ended: the next command finds
            // it closed.)
            for _ in 0..64 {
                tokio::task::yield_now().await;
                if runs.load(Ordering::Acquire) != before {
                    break;
                }
            }
        });
    }

    /// Lets the connection read what the server sent since the last command
    /// without asking anything: a connection the server ended (a restart, an
    /// administrator) is then seen as closed by [`Self::is_closed`]. The
    /// socket is polled without waiting; a few turns of the runtime let the
    /// connection's task run after the poll wakes it.
    pub fn settle(&mut self) {
        self.runtime.block_on(async {
            for _ in 0..4 {
                tokio::task::yield_now().await;
            }
        });
    }

    /// `COPY … FROM STDIN` with `data` in COPY's text format; the rows written.
    pub fn copy_in(&mut self, sql: &str, data: &[u8]) -> Result<u64, Error> {
        let inner = self.inner();
        self.runtime.block_on(async move {
            let mut sink = pin!(inner.copy_in::<_, Bytes>(sql).await?);
            sink.send(Bytes::copy_from_slice(data)).await?;
            sink.as_mut().finish().await
        })
    }

    /// Whether the server or the network ended the connection.
    pub fn is_closed(&self) -> bool {
        self.inner().is_closed()
    }

    /// The notifications received so far and not yet read (an empty round
    /// trip before this reads what the server sent meanwhile).
    pub fn notifications(&mut self) -> Vec<Notification> {
        let mut out = Vec::new();
        while let Ok(n) = self.notes.try_recv() {
            out.push(n);
        }
        out
    }
}

impl Drop for Client {
    /// Says goodbye to the server rather than cutting the socket: with the
    /// client gone the connection task sends PostgreSQL's Terminate and ends;
    /// it is given a second to, as the blocking client did.
    fn drop(&mut self) {
        self.second.close(&self.runtime);
        drop(self.inner.take());
        if let Some(task) = self.connection.take() {
            // The timer is made inside the runtime, which it needs.
            let _ = self
                .runtime
                .block_on(async { tokio::time::timeout(Duration::from_secs(1), task).await });
        }
    }
}

/// Runs `lead` (a simple query) when there is one.
async fn lead_of(inner: &tokio_postgres::Client, lead: Option<&str>) -> Result<(), Error> {
    match lead {
        Some(sql) => inner.batch_execute(sql).await,
        None => Ok(()),
    }
}

/// What a connection's socket yields besides answers (tokio-postgres's
/// `Connection`, whatever its stream type).
pub trait ConnectionStream {
    fn poll(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<AsyncMessage, Error>>>;
}

impl<S, T> ConnectionStream for tokio_postgres::Connection<S, T>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    fn poll(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<AsyncMessage, Error>>> {
        self.poll_message(cx)
    }
}
