//! Commands that answer with a file rather than JSON: an export of a period's
//! records (CSV or Excel) and a job's full record (a ZIP archive). Each needs
//! the `data` permission for the person signed in (the file's owner — the
//! CLI on the database file — needs none), reads in one read transaction, and
//! leaves an entry in the audit chain saying who took what out.
//!
//! Tests: tests/core/exchange/export.rs and tests/core/exchange/archive.rs.

use super::{Core, Need};
use crate::base::error::Result;
use crate::ctx::Ctx;
use crate::exchange::archive::{self, ArchiveRequest};
use crate::exchange::export::{self, ExportRequest};
use crate::model::access::Permission;
use serde_json::{json, Value};

impl Core {
    /// Runs `make` for the signed-in person holding `data`, then audits `what`.
    fn take_out(
        &mut self,
        action: &str,
        what: Value,
        make: impl FnOnce(&Ctx) -> Result<(String, Vec<u8>)>,
    ) -> Result<(String, Vec<u8>)> {
        let now = self.now();
        let need = Need::Permission(Permission::Data);
        let acting = self
            .access
            .admit(action, need, false, &mut json!({}), now)?;
        let out = self.ctx_read(|ctx| {
            if let Some(id) = acting {
                crate::shop::access::require(ctx, id, Permission::Data)?;
            }
            make(ctx)
        })?;
        let content = json!({ "request": what, "file": out.0, "bytes": out.1.len() });
        self.ctx_write(|ctx| crate::shop::audit::append(ctx, acting, action, &content))?;
        Ok(out)
    }

    /// A period's customers, items, jobs, invoices or payments as CSV or Excel.
    pub fn export_named(&mut self, req: &ExportRequest) -> Result<(String, Vec<u8>)> {
        let what =
            json!({ "what": req.what, "format": req.format, "from": req.from, "to": req.to });
        self.take_out("data.export", what, |ctx| export::export(ctx, req))
    }

    /// A job's full record: its documents as PDFs, its photos and `job.json`.
    pub fn archive_named(&mut self, req: &ArchiveRequest) -> Result<(String, Vec<u8>)> {
        let what = json!({ "job": req.job });
        self.take_out("job.archive", what, |ctx| archive::archive(ctx, req))
    }
}
