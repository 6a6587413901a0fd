//! The `jobcard` command line: the same command list the app uses.
//!
//! ```text
//! jobcard --db PATH [--as NAME] call COMMAND 'JSON'
//!                                         run one command; JSON result on stdout,
//!                                         JSON error on stderr and exit status 1.
//!                                         Acting (any command that writes) needs
//!                                         --as NAME and that person's PIN in
//!                                         JOBCARD_PIN; reading needs neither.
//! jobcard --db PATH [--as NAME] batch     one JSON command per stdin line
//! jobcard --db PATH backup [--to DIR]     verified backup (file owner, no PIN)
//! jobcard --db PATH restore FILE          restore a backup, keeping the current file
//! jobcard --db PATH audit verify          walk the audit chain
//! jobcard --db PATH check [--full]        the database's integrity check
//! jobcard commands                        every command with its input shape
//! jobcard --db PATH demo [--lang en|zh-CN] create a demo shop; prints a JSON summary
//! jobcard bindings [DIR]                  write the UI's TypeScript bindings
//! jobcard --db PATH print KIND NUMBER --out FILE.pdf [--lang en|zh-CN] [--paper a4|letter|80mm]
//! jobcard --db PATH --server CONN move-to-server
//!                                         copy the shop file onto an empty PostgreSQL
//!                                         server, every table compared; the file stays
//! jobcard --server CONN warm              load the shop into the server's memory
//!                                         (pg_prewarm), after the server restarted
//! ```
//!
//! `--server CONN` (or `JOBCARD_SERVER`) runs any of them on the shop's
//! PostgreSQL server instead of a file: a libpq connection string such as
//! `host=shop-server port=5432 dbname=jobcard user=counter password=…`.

mod cli;

/// mimalloc: a screen builds many small values (rows read, the JSON answer),
/// where it is markedly faster than the system's allocator (the calls list on
/// the server: a fifth less time; docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use jobcard::{api, Core, Error};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "jobcard",
    version,
    about = "Jobcard: the repair-shop service counter"
)]
struct Cli {
    /// The shop's database file (created if missing).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// The shop's PostgreSQL server, as a libpq connection string (instead of
    /// --db; for move-to-server, where the shop goes). Default: JOBCARD_SERVER.
    #[arg(long, global = true)]
    server: Option<String>,
    /// Act as this staff member (name or id); their PIN comes from JOBCARD_PIN.
    #[arg(long = "as", global = true)]
    as_person: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum AuditAction {
    /// Walk the chain; exit status 1 at the first entry that does not match.
    Verify,
}

#[derive(Subcommand)]
enum Command {
    /// Run one command with a JSON input.
    Call {
        command: String,
        /// The input as JSON; `-` reads it from standard input.
        #[arg(default_value = "{}")]
        input: String,
    },
    /// Answer one JSON command per line of standard input.
    Batch,
    /// Take a verified backup now (as the file's owner).
    Backup {
        /// The folder to write it to (default: the shop's backup folder).
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Replace the shop with a backup; the current file is kept beside it.
    Restore { file: PathBuf },
    /// The audit chain: `audit verify` walks it and names the first entry that
    /// does not match.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// The database's integrity check.
    Check {
        /// Read every page (slow on a large shop).
        #[arg(long)]
        full: bool,
    },
    /// Load the shop into its PostgreSQL server's memory (pg_prewarm), so old
    /// jobs open from memory; refused when the server's shared_buffers are
    /// smaller than the shop.
    Warm,
    /// List every command with its input shape (JSON Schema).
    Commands {
        /// Print only the names.
        #[arg(long)]
        names: bool,
    },
    /// Print a document as PDF.
    Print {
        /// ticket, estimate, invoice, credit-note, receipt, card, certificate or label
        kind: String,
        /// The job, invoice, credit-note or card number.
        number: String,
        #[arg(long)]
        out: PathBuf,
        /// en or zh-CN (default: the shop's document language).
        #[arg(long)]
        lang: Option<String>,
        /// a4, letter or 80mm (labels: 62x29 or 40x20).
        #[arg(long)]
        paper: Option<String>,
    },
    /// Build a synthetic ten-year shop and measure the counter's operations.
    Bench {
        /// small (1/100), medium (1/10) or full (200,000 customers, 1,000,000 jobs).
        #[arg(long, default_value = "small")]
        scale: String,
        /// Also write one JSON record per operation to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Keep the generated database here (default: a temporary file, removed after).
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Write the UI's TypeScript bindings (one file per type, plus commands.ts).
    Bindings {
        #[arg(default_value = "ui/src/lib/bindings")]
        dir: PathBuf,
    },
    /// Copy the shop file (--db) onto an empty PostgreSQL server (--server):
    /// every table in one transaction, counts and checksums compared.
    MoveToServer,
    /// Create a demo shop in an empty database.
    Demo {
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

fn fail(e: &Error) -> ExitCode {
    eprintln!(
        "{}",
        serde_json::to_string(e).unwrap_or_else(|_| e.to_string())
    );
    ExitCode::from(1)
}

fn open(db: &Option<PathBuf>, server: &Option<String>) -> Result<Core, Error> {
    if let Some(server) = server {
        return Core::connect(server);
    }
    let path = db.as_ref().ok_or_else(|| {
        Error::invalid(
            "db",
            "Give the database file with --db PATH (or the server with --server)",
            "请用 --db PATH 指定数据库文件（或用 --server 指定服务器）",
        )
    })?;
    Core::open(path)
}

fn parse_lang(s: &str) -> Result<jobcard::model::settings::Lang, Error> {
    match s {
        "en" => Ok(jobcard::model::settings::Lang::En),
        "zh-CN" | "zh" => Ok(jobcard::model::settings::Lang::ZhCn),
        other => Err(Error::invalid(
            "lang",
            format!("Unknown language '{other}' (en or zh-CN)"),
            format!("未知语言“{other}”（en 或 zh-CN）"),
        )),
    }
}

/// Writes a line to standard output; a reader that went away (`jobcard commands
/// | head`) ends the program quietly instead of with a panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(Error::internal(format!("writing to standard output: {e}")));
        }
    }};
}

/// `outln!` without the newline.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(Error::internal(format!("writing to standard output: {e}")));
        }
    }};
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.server.is_none() {
        cli.server = std::env::var("JOBCARD_SERVER")
            .ok()
            .filter(|s| !s.trim().is_empty());
    }
    let code = match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    };
    // The benchmark's start-up measure asks a call for its peak memory.
    if std::env::var_os("JOBCARD_REPORT_RSS").is_some() {
        if let Some(kb) = jobcard::bench::start::peak_rss_kb() {
            eprintln!("peak_rss_kb={kb}");
        }
    }
    code
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Commands { names } => {
            for c in api::commands() {
                if names {
                    outln!("{}", c.name);
                } else {
                    let schema =
                        serde_json::to_string(&(c.input_schema)()).map_err(Error::internal)?;
                    outln!(
                        "{}  {}  ({})\n  input: {schema}\n",
                        c.name,
                        c.summary,
                        if c.writes { "writes" } else { "reads" }
                    );
                }
            }
            Ok(())
        }
        Command::Call { command, input } => {
            let text = if input == "-" {
                std::io::read_to_string(std::io::stdin()).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::InvalidData {
                        Error::new(
                            jobcard::ErrorCode::InvalidInput,
                            "The input is not UTF-8 text; send JSON",
                            "输入不是 UTF-8 文本，请发送 JSON",
                        )
                    } else {
                        Error::internal(e)
                    }
                })?
            } else {
                input
            };
            let value: serde_json::Value = serde_json::from_str(&text)?;
            let mut core = open(&cli.db, &cli.server)?;
            cli::sign_in(&mut core, cli.as_person.as_deref())?;
            let out = core.call(&command, value)?;
            outln!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(Error::internal)?
            );
            Ok(())
        }
        Command::Batch => {
            let mut core = open(&cli.db, &cli.server)?;
            cli::sign_in(&mut core, cli.as_person.as_deref())?;
            cli::batch::run(&mut core)
        }
        Command::Backup { to } => {
            let v = cli::maintenance::backup(&mut open(&cli.db, &cli.server)?, to.as_deref())?;
            outln!("{v}");
            Ok(())
        }
        Command::Restore { file } => {
            let v = cli::maintenance::restore(&mut open(&cli.db, &cli.server)?, &file)?;
            outln!("{v}");
            Ok(())
        }
        Command::Audit {
            action: AuditAction::Verify,
        } => {
            let v = cli::maintenance::audit_verify(&mut open(&cli.db, &cli.server)?)?;
            outln!("{v}");
            Ok(())
        }
        Command::Check { full } => {
            let v = cli::maintenance::check(&mut open(&cli.db, &cli.server)?, full)?;
            outln!("{v}");
            Ok(())
        }
        Command::Warm => {
            let v = cli::maintenance::warm(&mut open(&cli.db, &cli.server)?)?;
            outln!("{v}");
            Ok(())
        }
        Command::Print {
            kind,
            number,
            out,
            lang,
            paper,
        } => {
            use jobcard::documents::{Kind, RenderInput};
            use jobcard::model::settings::Paper;
            let kind = Kind::parse(&kind).ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!("Unknown document '{kind}'"),
                    format!("未知单据类型“{kind}”"),
                )
            })?;
            let lang = lang.map(|l| parse_lang(&l)).transpose()?;
            let paper = paper
                .map(|p| {
                    Paper::parse(&p).ok_or_else(|| {
                        Error::invalid(
                            "paper",
                            format!("Unknown paper '{p}'"),
                            format!("未知纸张“{p}”"),
                        )
                    })
                })
                .transpose()?;
            let mut core = open(&cli.db, &cli.server)?;
            let pdf = core.render(&RenderInput {
                kind,
                number,
                lang,
                paper,
            })?;
            std::fs::write(&out, &pdf).map_err(|e| {
                Error::new(
                    jobcard::ErrorCode::Storage,
                    format!("Cannot write {}: {e}", out.display()),
                    format!("无法写入 {}：{e}", out.display()),
                )
            })?;
            outln!("{}", serde_json::json!({ "file": out, "bytes": pdf.len() }));
            Ok(())
        }
        Command::Bench { scale, json, keep } => {
            let report = cli::bench::run(&scale, json.as_deref(), keep, cli.server.as_deref())?;
            out!("{report}");
            Ok(())
        }
        Command::Bindings { dir } => {
            jobcard::bindings::write(&dir)?;
            outln!("{}", serde_json::json!({ "bindings": dir }));
            Ok(())
        }
        Command::MoveToServer => {
            let server = cli.server.clone().ok_or_else(|| {
                Error::invalid(
                    "server",
                    "Give the server with --server 'host=… dbname=… user=…'",
                    "请用 --server 'host=… dbname=… user=…' 指定服务器",
                )
            })?;
            let mut core = open(&cli.db, &None)?;
            let checks = core.move_to_server(&server, &mut |p| {
                eprint!(
                    "\r{:?} {}: {} of {}        ",
                    p.step, p.table, p.done, p.total
                );
            })?;
            eprintln!();
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "moved": true,
                    "tables": checks.len(),
                    "rows": checks.iter().map(|c| c.file.rows).sum::<i64>(),
                    "checks": checks,
                }))
                .map_err(Error::internal)?
            );
            Ok(())
        }
        Command::Demo { lang } => {
            let lang = match lang.as_str() {
                "en" => jobcard::model::settings::Lang::En,
                "zh-CN" | "zh" => jobcard::model::settings::Lang::ZhCn,
                other => {
                    return Err(Error::invalid(
                        "lang",
                        format!("Unknown language '{other}' (en or zh-CN)"),
                        format!("未知语言“{other}”（en 或 zh-CN）"),
                    ))
                }
            };
            let mut core = open(&cli.db, &cli.server)?;
            let summary = jobcard::demo::build(&mut core, lang)?;
            outln!(
                "{}",
                serde_json::to_string_pretty(&summary).map_err(Error::internal)?
            );
            Ok(())
        }
    }
}
