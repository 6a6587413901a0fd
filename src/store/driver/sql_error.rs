//! What can go wrong running a statement, on either backend: a leaf the
//! value conversions and both drivers share. The core's error (codes and
//! words in both languages) is made from it in store/error.rs.

/// What went wrong running a statement.
#[derive(Debug)]
pub enum SqlError {
    /// A statement that must answer one row answered none.
    NoRows,
    Sqlite(rusqlite::Error),
    Pg(tokio_postgres::Error),
    /// A column could not be read as the Rust type asked for.
    Convert(String),
}

pub type SqlResult<T> = std::result::Result<T, SqlError>;

impl From<rusqlite::Error> for SqlError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => SqlError::NoRows,
            e => SqlError::Sqlite(e),
        }
    }
}

impl From<tokio_postgres::Error> for SqlError {
    fn from(e: tokio_postgres::Error) -> Self {
        SqlError::Pg(e)
    }
}

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SqlError::NoRows => f.write_str("no row"),
            SqlError::Sqlite(e) => write!(f, "{e}"),
            SqlError::Pg(e) => match e.as_db_error() {
                Some(db) => f.write_str(db.message()),
                None => write!(f, "{e}"),
            },
            SqlError::Convert(m) => f.write_str(m),
        }
    }
}
