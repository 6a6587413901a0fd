//! A shop's move from its file on this PC to the shop's PostgreSQL server:
//! the server's schema is brought up to date, every table is copied and
//! compared (store/transfer.rs), the file is left as it was. The command line
//! runs it as the file's owner (`jobcard --db FILE --server CONN
//! move-to-server`). Tests: tests/core/store/pg.rs.

use super::Core;
use crate::base::error::Result;
use crate::store::{self, transfer::TableCheck};

impl Core {
    /// Copies this shop (a file) onto the empty server at `server` (a libpq
    /// connection string); `progress` gets (table, rows copied, its rows).
    pub fn move_to_server(
        &mut self,
        server: &str,
        progress: &mut dyn FnMut(&str, i64, i64),
    ) -> Result<Vec<TableCheck>> {
        let mut target = store::connect(server)?;
        store::transfer::to_server(&mut self.db, &mut target, progress)
    }
}
