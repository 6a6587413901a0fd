//! How SQLite's errors reach the counter: busy, disk full, damaged file and
//! broken data rules each get a clear code and words in both languages; the
//! driver's text never decides anything above the store. Tested in
//! tests/core/store/contract.rs (busy and damaged files) and beside the store.

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
