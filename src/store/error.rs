//! How SQLite's errors reach the counter: busy, disk full, damaged file and
//! broken data rules each get a clear code and words in both languages; the
//! driver's text never decides anything above the store. Tested in
//! tests/core/store/contract.rs (busy and damaged files) and beside the store;
//! the server's (PostgreSQL) errors map by SQLSTATE onto the same codes.

use crate::base::error::{Error, ErrorCode};

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DatabaseBusy | C::DatabaseLocked => Error::new(
                    ErrorCode::Busy,
                    "Another counter is saving at this moment; try again",
                    "其他终端正在保存，请重试",
                ),
                C::DiskFull => Error::new(
                    ErrorCode::Storage,
                    "The disk is full; nothing was saved",
                    "磁盘已满，未保存任何内容",
                ),
                C::DatabaseCorrupt | C::NotADatabase => Error::new(
                    ErrorCode::DatabaseCorrupt,
                    format!("The database file is damaged: {e}"),
                    format!("数据库文件已损坏：{e}"),
                ),
                C::ConstraintViolation => Error::new(
                    ErrorCode::InvalidInput,
                    format!("The change breaks a data rule: {e}"),
                    format!("该修改违反数据规则：{e}"),
                ),
                _ => Error::new(
                    ErrorCode::Storage,
                    format!("Storage error: {e}"),
                    format!("存储错误：{e}"),
                ),
            },
            _ => Error::new(
                ErrorCode::Storage,
                format!("Storage error: {e}"),
                format!("存储错误：{e}"),
            ),
        }
    }
}

impl From<super::driver::SqlError> for Error {
    fn from(e: super::driver::SqlError) -> Self {
        use super::driver::SqlError;
        match e {
            SqlError::Sqlite(e) => e.into(),
            SqlError::Pg(e) => from_pg(&e),
            SqlError::NoRows => Error::new(
                ErrorCode::Storage,
                "Storage error: a record the shop needs is missing",
                "存储错误：缺少本店所需的记录",
            ),
            SqlError::Convert(m) => Error::new(
                ErrorCode::Storage,
                format!("Storage error: {m}"),
                format!("存储错误：{m}"),
            ),
        }
    }
}

/// The server's errors, by their SQLSTATE: the same codes and words as
/// SQLite's. A connection lost is said plainly: nothing of the command was
/// kept, and the same command can be tried again once the server is back.
fn from_pg(e: &tokio_postgres::Error) -> Error {
    use tokio_postgres::error::SqlState as S;
    let Some(db) = e.as_db_error() else {
        return Error::new(
            ErrorCode::Storage,
            format!("The shop's database server cannot be reached ({e}). This step was not confirmed; try again when the server is back"),
            format!("无法连接本店数据库服务器（{e}）。此步操作未得到确认；服务器恢复后请重试"),
        );
    };
    let msg = db.message();
    let code = db.code();
    if [
        S::UNIQUE_VIOLATION,
        S::CHECK_VIOLATION,
        S::FOREIGN_KEY_VIOLATION,
        S::NOT_NULL_VIOLATION,
        S::RAISE_EXCEPTION,
        S::RESTRICT_VIOLATION,
    ]
    .contains(code)
    {
        Error::new(
            ErrorCode::InvalidInput,
            format!("The change breaks a data rule: {msg}"),
            format!("该修改违反数据规则：{msg}"),
        )
    } else if [
        S::T_R_SERIALIZATION_FAILURE,
        S::T_R_DEADLOCK_DETECTED,
        S::LOCK_NOT_AVAILABLE,
    ]
    .contains(code)
    {
        Error::new(
            ErrorCode::Busy,
            "Another counter is saving at this moment; try again",
            "其他终端正在保存，请重试",
        )
    } else if *code == S::DISK_FULL {
        Error::new(
            ErrorCode::Storage,
            "The server's disk is full; nothing was saved",
            "服务器磁盘已满，未保存任何内容",
        )
    } else {
        Error::new(
            ErrorCode::Storage,
            format!("Storage error: {msg}"),
            format!("存储错误：{msg}"),
        )
    }
}
