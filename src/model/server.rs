//! The shop's PostgreSQL server as a counter names it: host, port, database,
//! user and password, checked field by field and written as one libpq
//! connection string (values quoted, so a password with spaces or quotes
//! stays one value). Pure; connecting is store/pg/, choosing is api/server.rs.
//! Tests: beside the rules below, and tests/core/store/pg.rs.

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the shop's server is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ServerAddress {
    /// A name or address on the shop's network (or a Unix socket folder).
    pub host: String,
    /// 5432 when left out.
    pub port: Option<i64>,
    pub database: String,
    pub user: String,
    pub password: Option<String>,
}

/// Where this counter keeps the shop, as the settings screen shows it (never
/// the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct WhereKept {
    /// The shop file on this PC, when the shop is kept there.
    pub file: Option<String>,
    pub server: Option<ServerShown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct ServerShown {
    pub host: String,
    pub port: i64,
    pub database: String,
    pub user: String,
}

/// What a server answered when this counter reached it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct ServerProbe {
    /// PostgreSQL's version, as it reports it.
    pub version: String,
    /// The Jobcard schema it holds (none: an empty database).
    pub schema: Option<i64>,
    /// Whether a shop is set up on it (staff exist).
    pub holds_shop: bool,
}

/// How far a running move to the server is: the table being copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct MoveProgress {
    pub table: String,
    pub done: i64,
    pub total: i64,
}

fn text(field: &str, v: &str, max: usize, en: &str, zh: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() {
        return Err(Error::invalid(
            field,
            format!("Give the {en}"),
            format!("请填写{zh}"),
        ));
    }
    if v.len() > max || v.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("The {en} is too long or holds control characters"),
            format!("{zh}过长或包含控制字符"),
        ));
    }
    Ok(v.to_string())
}

/// A libpq value: quoted, with `\` and `'` escaped.
fn quoted(v: &str) -> String {
    format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))
}

impl ServerAddress {
    /// The address checked, as a connection string.
    pub fn connection(&self) -> Result<String> {
        let host = text(
            "host",
            &self.host,
            255,
            "server's name or address",
            "服务器名称或地址",
        )?;
        let port = self.port.unwrap_or(5432);
        if !(1..=65535).contains(&port) {
            return Err(Error::invalid(
                "port",
                "The port is a number from 1 to 65535 (PostgreSQL's is usually 5432)",
                "端口为 1 至 65535 之间的数字（PostgreSQL 通常为 5432）",
            ));
        }
        // PostgreSQL names are at most 63 bytes.
        let database = text(
            "database",
            &self.database,
            63,
            "database's name",
            "数据库名称",
        )?;
        let user = text("user", &self.user, 63, "user's name", "用户名")?;
        let mut s = format!(
            "host={} port={port} dbname={} user={} connect_timeout=5",
            quoted(&host),
            quoted(&database),
            quoted(&user)
        );
        if let Some(p) = self.password.as_deref().filter(|p| !p.is_empty()) {
            if p.len() > 1000 || p.chars().any(char::is_control) {
                return Err(Error::invalid(
                    "password",
                    "The password is too long or holds control characters",
                    "密码过长或包含控制字符",
                ));
            }
            s.push_str(&format!(" password={}", quoted(p)));
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(host: &str, port: Option<i64>, password: Option<&str>) -> ServerAddress {
        ServerAddress {
            host: host.into(),
            port,
            database: "jobcard".into(),
            user: "counter".into(),
            password: password.map(Into::into),
        }
    }

    #[test]
    fn values_are_quoted_and_checked_at_their_field() {
        assert_eq!(
            addr(" shop-server ", None, Some("it's a \\ pass")).connection().unwrap(),
            "host='shop-server' port=5432 dbname='jobcard' user='counter' connect_timeout=5 password='it\\'s a \\\\ pass'"
        );
        assert_eq!(
            addr("", None, None)
                .connection()
                .unwrap_err()
                .field
                .as_deref(),
            Some("host")
        );
        assert_eq!(
            addr("h", Some(0), None)
                .connection()
                .unwrap_err()
                .field
                .as_deref(),
            Some("port")
        );
        assert_eq!(
            addr("h", Some(70000), None)
                .connection()
                .unwrap_err()
                .field
                .as_deref(),
            Some("port")
        );
        assert_eq!(
            addr("h\u{0}x", None, None)
                .connection()
                .unwrap_err()
                .field
                .as_deref(),
            Some("host")
        );
        let long = ServerAddress {
            database: "d".repeat(64),
            ..addr("h", None, None)
        };
        assert_eq!(
            long.connection().unwrap_err().field.as_deref(),
            Some("database")
        );
        assert!(!addr("h", None, Some(""))
            .connection()
            .unwrap()
            .contains("password"));
    }
}
