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
    /// TLS: when the server offers it (left out), always, always with the
    /// server's certificate checked, or never.
    pub encryption: Option<Encryption>,
    /// The shop's certificate authority: a PEM file on this PC, which signed
    /// the server's certificate (with `Encryption::Verified`); left out, the
    /// authorities this computer trusts.
    pub authority: Option<String>,
    /// A libpq connection string or `postgresql://` URL given whole, instead
    /// of the fields above (checked when the server is reached).
    pub connection_string: Option<String>,
}

/// Whether the connection to the server is encrypted (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Encryption {
    /// TLS when the server offers it, else unencrypted (`prefer`).
    #[default]
    WhenOffered,
    /// Only over TLS: a server without it is refused (`require`).
    Always,
    /// Only over TLS, to a server whose certificate the shop's authority (or,
    /// with none given, one this computer trusts) signed for the name or
    /// address given (`verify-full`).
    Verified,
    /// Never asks for TLS (`disable`).
    Never,
}

impl Encryption {
    fn sslmode(self) -> &'static str {
        match self {
            Encryption::WhenOffered => "prefer",
            Encryption::Always => "require",
            Encryption::Verified => "verify-full",
            Encryption::Never => "disable",
        }
    }
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
    /// Whether this counter's connection to it is encrypted (TLS).
    pub encrypted: bool,
    /// Whether the server's certificate was checked against an authority
    /// (the shop's, or one this computer trusts), name included.
    pub verified: bool,
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
    /// Whether the connection was encrypted (TLS).
    pub encrypted: bool,
    /// Whether the server's certificate was checked against an authority
    /// (the shop's, or one this computer trusts), name included.
    pub verified: bool,
}

/// The shop's size on its server against the server's own memory for data
/// (`shared_buffers`), in bytes: a shop that fits is answered from memory
/// once loaded (store/pg/memory.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServerMemory {
    /// The shop's tables, indexes and TOAST.
    pub shop_bytes: i64,
    pub buffers_bytes: i64,
}

impl ServerMemory {
    /// Whether the buffers can hold the whole shop.
    pub fn fits(&self) -> bool {
        self.shop_bytes <= self.buffers_bytes
    }
}

/// How far a running move to the server is: which step, on which table.
/// On a ten-year shop the comparing and the tidying take minutes of their
/// own after the copy, so the counter is told which one is running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct MoveProgress {
    pub step: MoveStep,
    pub table: String,
    /// Rows copied (copy), tables done (compare, tidy) or links checked
    /// (check; the table named holds the one being checked); 0 (write out).
    pub done: i64,
    /// The table's rows (copy), the tables (compare, tidy), the links
    /// (check); 1 (write out).
    pub total: i64,
}

/// The steps of a move, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveStep {
    /// Every table copied onto the server.
    Copy,
    /// Each table's rows counted and hashed on both sides and compared.
    Compare,
    /// Each link between records (a foreign key) checked over the copy.
    Check,
    /// Each table vacuumed and analysed on the server.
    Tidy,
    /// The server asked to write the shop out to its disk (a checkpoint).
    WriteOut,
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
    /// The address checked, as a connection string (one given whole is
    /// checked for size here and parsed by the store when used).
    pub fn connection(&self) -> Result<String> {
        if let Some(whole) = self
            .connection_string
            .as_deref()
            .filter(|c| !c.trim().is_empty())
        {
            let whole = whole.trim();
            if whole.len() > 2000 || whole.chars().any(char::is_control) {
                return Err(Error::invalid(
                    "connection_string",
                    "The connection string is too long or holds control characters",
                    "连接字符串过长或包含控制字符",
                ));
            }
            return Ok(whole.to_string());
        }
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
            "host={} port={port} dbname={} user={} connect_timeout=5 sslmode={}",
            quoted(&host),
            quoted(&database),
            quoted(&user),
            self.encryption.unwrap_or_default().sslmode()
        );
        if self.encryption == Some(Encryption::Verified) {
            // No file: the authorities this computer trusts (libpq's
            // `sslrootcert=system`), for a server whose certificate a public
            // or company authority signed.
            let file = self.authority.as_deref().map(str::trim).unwrap_or("");
            if file.len() > 1000 || file.chars().any(char::is_control) {
                return Err(Error::invalid(
                    "authority",
                    "The certificate authority's file name is too long or holds control characters",
                    "证书颁发机构文件名过长或包含控制字符",
                ));
            }
            let file = if file.is_empty() { "system" } else { file };
            s.push_str(&format!(" sslrootcert={}", quoted(file)));
        }
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
            encryption: None,
            authority: None,
            connection_string: None,
        }
    }

    #[test]
    fn values_are_quoted_and_checked_at_their_field() {
        assert_eq!(
            addr(" shop-server ", None, Some("it's a \\ pass")).connection().unwrap(),
            "host='shop-server' port=5432 dbname='jobcard' user='counter' connect_timeout=5 sslmode=prefer password='it\\'s a \\\\ pass'"
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

    #[test]
    fn encryption_is_asked_for_as_chosen_and_a_whole_string_is_kept() {
        let always = ServerAddress {
            encryption: Some(Encryption::Always),
            ..addr("h", None, None)
        };
        assert!(always.connection().unwrap().contains("sslmode=require"));
        let never = ServerAddress {
            encryption: Some(Encryption::Never),
            ..addr("h", None, None)
        };
        assert!(never.connection().unwrap().contains("sslmode=disable"));
        let verified = |authority: Option<&str>| ServerAddress {
            encryption: Some(Encryption::Verified),
            authority: authority.map(Into::into),
            ..addr("h", None, None)
        };
        assert!(verified(Some(" C:\\Shop\\it's ca.crt "))
            .connection()
            .unwrap()
            .contains("sslmode=verify-full sslrootcert='C:\\\\Shop\\\\it\\'s ca.crt'"));
        // No file: the computer's own authorities.
        for none in [None, Some(" ")] {
            assert!(verified(none)
                .connection()
                .unwrap()
                .contains("sslmode=verify-full sslrootcert='system'"));
        }
        let e = verified(Some("a\nb")).connection().unwrap_err();
        assert_eq!(e.field.as_deref(), Some("authority"));
        let long = "x".repeat(1001);
        assert!(verified(Some(&long)).connection().is_err());
        // The authority counts only when checking is chosen.
        let ignored = ServerAddress {
            authority: Some("ca.crt".into()),
            ..addr("h", None, None)
        };
        assert!(!ignored.connection().unwrap().contains("sslrootcert"));
        // A whole string wins over the fields, which may then be empty.
        let whole = ServerAddress {
            connection_string: Some(" postgresql://counter@shop-server/jobcard ".into()),
            ..addr("", None, None)
        };
        assert_eq!(
            whole.connection().unwrap(),
            "postgresql://counter@shop-server/jobcard"
        );
        let blank = ServerAddress {
            connection_string: Some("  ".into()),
            ..addr("", None, None)
        };
        assert_eq!(
            blank.connection().unwrap_err().field.as_deref(),
            Some("host")
        );
        for hostile in ["x".repeat(2001), "host=a\ndbname=b".to_string()] {
            let bad = ServerAddress {
                connection_string: Some(hostile),
                ..addr("", None, None)
            };
            assert_eq!(
                bad.connection().unwrap_err().field.as_deref(),
                Some("connection_string")
            );
        }
    }

    #[test]
    fn a_shop_fits_buffers_as_large_as_it_and_no_smaller() {
        let m = |shop, buffers| ServerMemory {
            shop_bytes: shop,
            buffers_bytes: buffers,
        };
        assert!(m(512, 512).fits());
        assert!(m(0, 0).fits());
        assert!(!m(513, 512).fits());
        assert!(!m(i64::MAX, 16 << 30).fits());
    }
}
