//! The benchmark on a PostgreSQL server: the same synthetic shop generated in
//! a file (SQLite's bulk path), moved onto the server with the move a shop
//! would use (store/transfer.rs: every table copied and compared), then the
//! counter's operations (counter.rs) timed against the server over its
//! connection. Generation on the server is the file's generation plus the
//! move. Before measuring, a shop that fits the server's `shared_buffers` is
//! loaded into them (store/pg/memory.rs), as it would be on a shop's server
//! that has run a while or preloads `autoprewarm`; one that does not fit is
//! measured as it is, its old blocks coming from the disk. The report says
//! which. Figures beside the file's: docs/benchmarks.md.

use super::generate::{self, Scale};
use super::report::Record;
use crate::api::Core;
use crate::base::error::{Error, Result};
use crate::model::server::ServerMemory;
use std::path::Path;
use std::time::Instant;

/// What the server benchmark measured.
pub struct ServerOutcome {
    pub records: Vec<Record>,
    pub generation_secs: f64,
    pub move_secs: f64,
    pub rows_moved: i64,
    pub jobs: usize,
    pub memory: Memory,
}

/// The shop's size on the server against its buffers, and whether it was
/// loaded into them: the blocks read; none when it does not fit; the error
/// when loading failed (the measuring goes on without).
pub struct Memory {
    pub memory: ServerMemory,
    pub warmed: std::result::Result<Option<i64>, Error>,
}

/// Builds the shop in `path` (a fresh file), moves it onto the empty server
/// `conn`, and times the counter's operations there.
pub fn run(
    path: &Path,
    conn: &str,
    scale: Scale,
    progress: &mut dyn FnMut(&str),
) -> Result<ServerOutcome> {
    let mut file = Core::open(path)?;
    progress(&format!("generating the {} shop in a file…", scale.name));
    let t = Instant::now();
    let shop = generate::generate(&mut file, scale, 20_261_122, progress)?;
    let generation_secs = t.elapsed().as_secs_f64();
    progress("moving it onto the server…");
    let t = Instant::now();
    let checks = file.move_to_server(conn, &mut |_| {})?;
    let move_secs = t.elapsed().as_secs_f64();
    drop(file);
    let mut core = Core::connect(conn)?;
    let memory = warm(&mut core, progress)?;
    progress("measuring on the server…");
    let mut records = Vec::new();
    super::counter::measure(&mut core, &shop, progress, &mut |op, samples| {
        records.push(Record::new(op, scale.name, samples))
    })?;
    Ok(ServerOutcome {
        records,
        generation_secs,
        move_secs,
        rows_moved: checks.iter().map(|c| c.file.rows).sum(),
        jobs: scale.jobs,
        memory,
    })
}

/// Loads the shop into the server's buffers when it fits them.
fn warm(core: &mut Core, progress: &mut dyn FnMut(&str)) -> Result<Memory> {
    let Some(memory) = core.server_memory()? else {
        return Err(Error::internal("the server benchmark runs on a server"));
    };
    if !memory.fits() {
        return Ok(Memory {
            memory,
            warmed: Ok(None),
        });
    }
    progress("loading the shop into the server's memory…");
    let warmed = core.warm_server(&mut |_, _| {}).map(Some);
    Ok(Memory { memory, warmed })
}
