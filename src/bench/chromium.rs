//! The route browser-based shop systems print by, for the benchmark to compare
//! with: the same settlement list as HTML, printed to PDF by headless Chromium
//! kept alive between documents (as a print server keeps it), driven over the
//! DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON messages ended
//! by a NUL byte, commands on fd 3, answers on fd 4). Each sample loads the
//! document and prints it (`Page.navigate`, its load event, `Page.printToPDF`).
//!
//! Debian's `chromium` is installed with apt when it is missing (as root, or
//! through sudo); the benchmark says so rather than skipping the comparison.
//! Its temporary folder (page and browser profile) is removed afterwards.

use crate::base::error::{Error, Result};
use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn failed(what: &str, e: impl std::fmt::Display) -> Error {
    Error::internal(format!("chromium: {what}: {e}"))
}

/// Finds `chromium`, installing Debian's package when it is missing.
pub fn ensure(progress: &mut dyn FnMut(&str)) -> Result<()> {
    let found = || {
        Command::new("sh")
            .args(["-c", "command -v chromium"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if found() {
        return Ok(());
    }
    progress("chromium is not installed: installing Debian's chromium for the comparison…");
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let sudo = if root { "" } else { "sudo " };
    let script = format!(
        "{sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive {sudo}apt-get install -y -qq --no-install-recommends chromium"
    );
    let ok = Command::new("sh")
        .args(["-c", &script])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok && found() {
        Ok(())
    } else {
        Err(Error::internal(
            "chromium could not be installed (apt-get install chromium); the comparison needs it",
        ))
    }
}

/// A headless Chromium on a DevTools pipe, with one page attached.
pub struct Browser {
    child: Child,
    to: std::io::PipeWriter,
    from: BufReader<std::io::PipeReader>,
    next: u64,
    session: String,
}

impl Browser {
    #[cfg(unix)]
    pub fn launch(profile: &std::path::Path) -> Result<Browser> {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let (cmd_read, to) = std::io::pipe().map_err(|e| failed("pipe", e))?;
        let (from, out_write) = std::io::pipe().map_err(|e| failed("pipe", e))?;
        let (a, b) = (cmd_read.as_raw_fd(), out_write.as_raw_fd());
        let mut cmd = Command::new("chromium");
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                // Lift both ends above 4 first, so placing one cannot close the other.
                let hi_a = libc::fcntl(a, libc::F_DUPFD, 10);
                let hi_b = libc::fcntl(b, libc::F_DUPFD, 10);
                if hi_a < 0 || hi_b < 0 || libc::dup2(hi_a, 3) < 0 || libc::dup2(hi_b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| failed("start", e))?;
        drop(cmd_read);
        drop(out_write);
        let mut browser = Browser {
            child,
            to,
            from: BufReader::new(from),
            next: 0,
            session: String::new(),
        };
        let target = browser.send(
            false,
            "Target.createTarget",
            json!({ "url": "about:blank" }),
        )?;
        let attached = browser.send(
            false,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        browser.send(true, "Page.enable", json!({}))?;
        Ok(browser)
    }

    #[cfg(not(unix))]
    pub fn launch(_: &std::path::Path) -> Result<Browser> {
        Err(Error::internal("the Chromium comparison runs on Linux"))
    }

    fn read(&mut self) -> Result<Value> {
        let mut buf = Vec::new();
        self.from
            .read_until(0, &mut buf)
            .map_err(|e| failed("read", e))?;
        if buf.pop() != Some(0) {
            return Err(failed("read", "the browser closed its pipe"));
        }
        serde_json::from_slice(&buf).map_err(|e| failed("answer", e))
    }

    /// Sends a command (to the page's session, or to the browser) and waits for its answer.
    fn send(&mut self, page: bool, method: &str, params: Value) -> Result<Value> {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if page {
            msg["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&msg).map_err(|e| failed("command", e))?;
        bytes.push(0);
        self.to.write_all(&bytes).map_err(|e| failed("write", e))?;
        loop {
            let m = self.read()?;
            if m["id"].as_u64() == Some(id) {
                if let Some(e) = m.get("error") {
                    return Err(failed(method, e));
                }
                return Ok(m["result"].clone());
            }
        }
    }

    /// Loads `url` and prints it: the PDF's bytes and how long both took.
    pub fn print(&mut self, url: &str) -> Result<(Vec<u8>, Duration)> {
        let t = Instant::now();
        self.send(true, "Page.navigate", json!({ "url": url }))?;
        loop {
            let m = self.read()?;
            if m["method"] == "Page.loadEventFired" {
                break;
            }
        }
        let out = self.send(true, "Page.printToPDF", json!({ "printBackground": false }))?;
        let took = t.elapsed();
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(out["data"].as_str().unwrap_or_default())
            .map_err(|e| failed("pdf", e))?;
        Ok((pdf, took))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.send(false, "Browser.close", json!({}));
        if self.child.try_wait().ok().flatten().is_none() {
            std::thread::sleep(Duration::from_millis(200));
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
