//! The `jobcard` command line: the same command list the app uses.
//!
//! ```text
//! jobcard --db PATH call COMMAND 'JSON'   run one command; JSON result on stdout,
//!                                         JSON error on stderr and exit status 1
//! jobcard commands                        every command with its input shape
//! jobcard --db PATH demo [--lang en|zh-CN] create a demo shop; prints a JSON summary
//! ```

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
    #[command(subcommand)]
    command: Command,
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
    /// List every command with its input shape (JSON Schema).
    Commands {
        /// Print only the names.
        #[arg(long)]
        names: bool,
    },
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

fn open(db: &Option<PathBuf>) -> Result<Core, Error> {
    let path = db.as_ref().ok_or_else(|| {
        Error::invalid(
            "db",
            "Give the database file with --db PATH",
            "请用 --db PATH 指定数据库文件",
        )
    })?;
    Core::open(path)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Commands { names } => {
            for c in api::commands() {
                if names {
                    println!("{}", c.name);
                } else {
                    let schema =
                        serde_json::to_string(&(c.input_schema)()).map_err(Error::internal)?;
                    println!(
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
                std::io::read_to_string(std::io::stdin()).map_err(Error::internal)?
            } else {
                input
            };
            let value: serde_json::Value = serde_json::from_str(&text)?;
            let mut core = open(&cli.db)?;
            let out = core.call(&command, value)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(Error::internal)?
            );
            Ok(())
        }
        Command::Demo { lang } => {
            let lang = match lang.as_str() {
                "en" => jobcard::settings::Lang::En,
                "zh-CN" | "zh" => jobcard::settings::Lang::ZhCn,
                other => {
                    return Err(Error::invalid(
                        "lang",
                        format!("Unknown language '{other}' (en or zh-CN)"),
                        format!("未知语言“{other}”（en 或 zh-CN）"),
                    ))
                }
            };
            let mut core = open(&cli.db)?;
            let summary = jobcard::demo::build(&mut core, lang)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&summary).map_err(Error::internal)?
            );
            Ok(())
        }
    }
}
