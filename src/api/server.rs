//! Where the shop is kept, and its move from a file on this PC to the shop's
//! PostgreSQL server: which one this counter uses (never its password), what
//! a server answers when reached (its version, whether it holds a shop), and
//! the move itself — the server's schema brought up to date, every table
//! copied and compared (store/transfer.rs), the file left as it was. Before
//! the shop is set up anyone at the first start may choose; after, it needs
//! the settings permission (a manager), and the move is on the audit chain.
//! The command line moves as the file's owner (`jobcard --db FILE --server
//! CONN move-to-server`). The shop's size against the server's memory, and
//! loading it there, are maintenance for whoever holds the server's
//! connection string (`jobcard --server CONN warm`), like the integrity
//! check: they read, and change nothing. Tests: tests/core/store/pg.rs,
//! tests/core/store/pg_move.rs, tests/core/store/pg_memory.rs.

use super::{Core, Need};
use crate::base::error::{Error, ErrorCode, Result};
use crate::model::access::Permission;
use crate::model::server::{ServerAddress, ServerMemory, ServerProbe, ServerShown, WhereKept};
use crate::store::{self, transfer::TableCheck};
use serde_json::json;

/// What the connection string `conn` names, for the screen.
fn shown(conn: &str, encrypted: bool) -> Option<ServerShown> {
    let c: tokio_postgres::Config = store::pg::tls::options(conn).ok()?.conn.parse().ok()?;
    let host = match c.get_hosts().first()? {
        tokio_postgres::config::Host::Tcp(h) => h.clone(),
        tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
    };
    Some(ServerShown {
        host,
        port: c.get_ports().first().copied().map_or(5432, i64::from),
        database: c.get_dbname().unwrap_or_default().to_string(),
        user: c.get_user().unwrap_or_default().to_string(),
        encrypted,
        verified: encrypted && verified(conn),
    })
}

/// Whether connecting to `conn` checks the server's certificate against the
/// shop's authority, name included (`verify-full`): a connection made is
/// then one to the shop's own server.
fn verified(conn: &str) -> bool {
    store::pg::tls::options(conn)
        .is_ok_and(|o| matches!(o.check, store::pg::tls::Check::Authority { name: true, .. }))
}

/// Reaches `conn` and says what is there, writing nothing.
pub fn probe(conn: &str) -> Result<ServerProbe> {
    let failed = |e: tokio_postgres::Error| Error::from(store::driver::SqlError::Pg(e));
    let mut c = store::pg::connection::open(conn)?;
    let encrypted = store::pg::connection::encrypted(&mut c).map_err(failed)?;
    let version: String = c
        .query_one("SHOW server_version", &[])
        .map_err(failed)?
        .get(0);
    let has = |c: &mut store::pg::client::Client, t: &str| -> Result<bool> {
        Ok(c.query_one("SELECT to_regclass($1) IS NOT NULL", &[&t])
            .map_err(failed)?
            .get(0))
    };
    let schema = if has(&mut c, "jobcard_schema")? {
        c.query_one("SELECT max(version) FROM jobcard_schema", &[])
            .map_err(failed)?
            .get::<_, Option<i64>>(0)
    } else {
        None
    };
    let holds_shop = has(&mut c, "staff")?
        && c.query_one("SELECT count(*) > 0 FROM staff", &[])
            .map_err(failed)?
            .get::<_, bool>(0);
    Ok(ServerProbe {
        version,
        schema,
        holds_shop,
        encrypted,
        verified: encrypted && verified(conn),
    })
}

impl Core {
    /// Whoever may choose where the shop is kept: anyone before the shop is
    /// set up; after, a person with the settings permission (their id).
    fn admit_keeper(&mut self, action: &str) -> Result<Option<i64>> {
        let set_up = self.ctx_read(|ctx| Ok(store::staff::count(ctx.tx)? > 0))?;
        if !set_up {
            return Ok(None);
        }
        let now = self.now();
        let acting = self.access.admit(
            action,
            Need::Permission(Permission::Settings),
            true,
            &mut json!({}),
            now,
        )?;
        if let Some(id) = acting {
            self.ctx_read(|ctx| crate::shop::access::require(ctx, id, Permission::Settings))?;
        }
        Ok(acting)
    }

    /// Where this counter keeps the shop.
    pub fn where_kept(&self) -> WhereKept {
        WhereKept {
            file: self.path.as_ref().map(|p| p.display().to_string()),
            server: self
                .server
                .as_deref()
                .and_then(|conn| shown(conn, self.db.encrypted().unwrap_or(false))),
        }
    }

    /// Reaches the server at `address` and says what it holds.
    pub fn probe_server(&mut self, address: &ServerAddress) -> Result<ServerProbe> {
        let conn = store::pg::connection::checked(&address.connection()?)?;
        self.admit_keeper("server.probe")?;
        probe(&conn)
    }

    /// The connection string for `address`, when this person may choose it
    /// (the shell then keeps it in server.conn and reconnects).
    pub fn choose_server(&mut self, address: &ServerAddress) -> Result<String> {
        let conn = store::pg::connection::checked(&address.connection()?)?;
        self.admit_keeper("server.use")?;
        Ok(conn)
    }

    /// Whether this person may take the counter back to the shop file on
    /// this PC (the server keeps its copy).
    pub fn choose_file(&mut self) -> Result<()> {
        self.admit_keeper("server.leave").map(|_| ())
    }

    /// The shop's size on its server against the server's buffers (none: a
    /// shop file).
    pub fn server_memory(&mut self) -> Result<Option<ServerMemory>> {
        store::server_memory(&mut self.db)
    }

    /// Loads the whole shop into its server's buffers, so old jobs open from
    /// memory (store/pg/memory.rs); `progress` is told bytes done of all.
    /// Answers the blocks read.
    pub fn warm_server(&mut self, progress: &mut dyn FnMut(i64, i64)) -> Result<i64> {
        store::warm_server(&mut self.db, progress)
    }

    /// Copies this shop (a file) onto the empty server at `server` (a libpq
    /// connection string); `progress` is told each step, table by table.
    pub fn move_to_server(
        &mut self,
        server: &str,
        progress: &mut store::transfer::Progress<'_>,
    ) -> Result<Vec<TableCheck>> {
        if self.path.is_none() {
            return Err(Error::new(
                ErrorCode::InvalidState,
                "This counter already works on a server; only a shop file moves",
                "本终端已在使用服务器；只有店铺文件可以迁移",
            ));
        }
        let acting = self.admit_keeper("server.move")?;
        let mut target = store::connect(server)?;
        let checks = store::transfer::to_server(&mut self.db, &mut target, progress)?;
        drop(target);
        let rows: i64 = checks.iter().map(|c| c.file.rows).sum();
        let from = self.path.as_ref().map(|p| p.display().to_string());
        let content = json!({ "from": from, "tables": checks.len(), "rows": rows });
        // The move goes on the shop's chain where the shop now lives; the
        // file stays exactly as it was.
        let mut moved = Core::connect(server)?;
        moved.set_now(self.fixed_now);
        moved.ctx_write(|ctx| crate::shop::audit::append(ctx, acting, "server.move", &content))?;
        Ok(checks)
    }
}
