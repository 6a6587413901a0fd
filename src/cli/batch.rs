//! `jobcard batch`: one JSON command per line on standard input
//! (`{"command": "...", "input": {...}}`), one JSON answer per line on standard
//! output (`{"ok": ...}` or `{"error": {...}}`), each written and flushed only
//! after its transaction committed, so an answer seen is a change kept.

use jobcard::{Core, Error, ErrorCode};
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

#[derive(Deserialize)]
struct Line {
    command: String,
    #[serde(default)]
    input: Value,
}

pub fn run(core: &mut Core) -> Result<(), Error> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let answer = match line {
            Err(_) => {
                json!({ "error": Error::new(ErrorCode::InvalidInput, "The input is not UTF-8 text; send JSON", "输入不是 UTF-8 文本，请发送 JSON") })
            }
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => match serde_json::from_str::<Line>(&text) {
                Err(e) => {
                    json!({ "error": Error::invalid("line", format!("Not a command line: {e}"), format!("不是有效的命令行：{e}")) })
                }
                Ok(l) => match core.call(&l.command, l.input) {
                    Ok(v) => json!({ "ok": v }),
                    Err(e) => json!({ "error": e }),
                },
            },
        };
        let written = writeln!(out, "{answer}").and_then(|_| out.flush());
        if written.is_err() {
            // The reader went away: stop quietly.
            return Ok(());
        }
    }
    Ok(())
}
