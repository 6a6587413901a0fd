//! The one place a connection to the shop's server is opened (the store,
//! its reconnect, backups, and the settings screen's check all come here).
//! TLS follows the connection string's `sslmode`, as libpq's does: tls.rs.
//! Tests: tests/core/store/pg.rs (a throwaway cluster with TLS on and off).

use super::client::Client;
use super::tls;
use crate::base::error::{Error, Result};
use crate::store::driver::SqlError;

/// A connection string as given (key=value pairs or a `postgresql://` URL),
/// checked for what the driver understands and for a server to reach; one
/// that waits at most 5 s for the server unless it says otherwise.
pub fn checked(conn: &str) -> Result<String> {
    let options = tls::options(conn)?;
    let config: tokio_postgres::Config = options.conn.parse().map_err(|e| {
        Error::invalid(
            "connection_string",
            format!("The connection string is not one PostgreSQL understands: {e}"),
            format!("PostgreSQL 无法识别此连接字符串：{e}"),
        )
    })?;
    if config.get_hosts().is_empty() {
        return Err(Error::invalid(
            "connection_string",
            "The connection string names no server (host)",
            "连接字符串未指明服务器（host）",
        ));
    }
    if config.get_connect_timeout().is_some() {
        return Ok(conn.to_string());
    }
    let url = conn.starts_with("postgres://") || conn.starts_with("postgresql://");
    Ok(match (url, conn.contains('?')) {
        (true, true) => format!("{conn}&connect_timeout=5"),
        (true, false) => format!("{conn}?connect_timeout=5"),
        (false, _) => format!("{conn} connect_timeout=5"),
    })
}

/// Opens a connection to `conn` (a libpq connection string), with a runtime
/// of its own to wait on (client.rs).
pub fn open(conn: &str) -> Result<Client> {
    let options = tls::options(conn)?;
    let tls = tls::connector(&options.check)?;
    let config: tokio_postgres::Config = options.conn.parse().map_err(SqlError::Pg)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| {
            Error::internal(format!("cannot start the server connection's runtime: {e}"))
        })?;
    let (client, connection) = runtime
        .block_on(config.connect(tls.clone()))
        .map_err(|e| tls::refused(&e, &options).unwrap_or_else(|| SqlError::Pg(e).into()))?;
    let mut client = Client::new(runtime, client, connection);
    // A second one, for shared reads, is made alike (client.rs).
    client.keep_recipe(config, tls);
    Ok(client)
}

/// Whether `client`'s connection is encrypted.
pub fn encrypted(client: &mut Client) -> std::result::Result<bool, tokio_postgres::Error> {
    let row = client.query_one(
        "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
        &[],
    )?;
    Ok(row.get(0))
}
