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
//! without waiting. Only connection.rs makes one. Tests: tests/core/store/pg.rs
//! and the core suite on the server; the pipeline by every view that uses it
//! (tests/core/job/, tests/core/records/).

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use std::pin::pin;
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tokio::task::JoinHandle;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Error, Notification, Row, Statement, ToStatement};

/// Parameters of one statement.
pub type Params<'p> = [&'p (dyn ToSql + Sync)];

/// A connection to the server, used from one thread at a time.
pub struct Client {
    runtime: Runtime,
    /// Taken only when this is dropped (see `Drop`).
    inner: Option<tokio_postgres::Client>,
    /// The task reading the connection's socket.
    connection: Option<JoinHandle<()>>,
    notes: UnboundedReceiver<Notification>,
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
        let connection = runtime.spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll(cx));
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
            notes,
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
