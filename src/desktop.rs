//! What the desktop app does with a document beyond rendering it: the file it is
//! saved as (in the folder the shell names, under the user's documents), and how it
//! reaches paper: straight to the shop's CUPS printer through `lp` (Linux, macOS)
//! when one is set, otherwise opened in the system's PDF viewer to print from there.
//!
//! The rules live here so they are tested without a window; the Tauri shell only
//! supplies the folder and the function that opens a file.

use crate::api::Core;
use crate::base::error::{Error, ErrorCode, Result};
use crate::documents::RenderInput;
use crate::model::settings::{check_printer_name, Lang, ShopSettings};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use ts_rs::TS;

/// What to do with a document once it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentAction {
    /// Only save it.
    Save,
    /// Save it and open it in the system viewer.
    Open,
    /// Save it and print it: on the shop's printer if one is set, else open it.
    Print,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct DocumentRequest {
    pub document: RenderInput,
    pub action: DocumentAction,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedDocument {
    /// Where the PDF was written.
    pub path: String,
    pub file_name: String,
    pub bytes: usize,
    /// The CUPS printer it was sent to, when it was printed directly.
    pub printed_to: Option<String>,
    /// Whether it was opened in the system viewer.
    pub opened: bool,
}

/// Where the app keeps its data, for the settings screen and support.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    pub documents: String,
}

/// Renders, saves and delivers one document. `open` opens a saved file in the
/// system viewer (the shell's opener); `lp` is the print program (`"lp"`).
pub fn deliver(
    core: &mut Core,
    folder: &Path,
    request: &DocumentRequest,
    lp: &str,
    open: &dyn Fn(&Path) -> Result<()>,
) -> Result<SavedDocument> {
    let (file_name, pdf) = core.render_named(&request.document)?;
    let path = save(folder, &file_name, &pdf)?;
    let printer = match request.action {
        DocumentAction::Print => {
            let settings: ShopSettings = core.exec("settings.get", serde_json::json!({}))?;
            Some(settings.printer).filter(|p| !p.trim().is_empty())
        }
        _ => None,
    };
    let mut saved = SavedDocument {
        path: path.display().to_string(),
        file_name,
        bytes: pdf.len(),
        printed_to: None,
        opened: false,
    };
    match (request.action, printer) {
        (DocumentAction::Save, _) => {}
        (DocumentAction::Print, Some(p)) => {
            print(lp, &p, &path)?;
            saved.printed_to = Some(p);
        }
        (DocumentAction::Open | DocumentAction::Print, _) => {
            open(&path)?;
            saved.opened = true;
        }
    }
    Ok(saved)
}

/// Writes the PDF under `folder` (created if missing) through a temporary file, so
/// a half-written document never carries the real name. Returns its path.
pub fn save(folder: &Path, file_name: &str, pdf: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| storage(folder, e))?;
    let path = folder.join(file_name);
    let part = folder.join(format!(".{file_name}.part"));
    std::fs::write(&part, pdf).map_err(|e| storage(&part, e))?;
    std::fs::rename(&part, &path).map_err(|e| storage(&path, e))?;
    Ok(path)
}

/// Sends a file to a CUPS printer with `lp -d PRINTER -- FILE`.
pub fn print(lp: &str, printer: &str, file: &Path) -> Result<()> {
    check_printer_name(printer)?;
    let out = Command::new(lp)
        .arg("-d")
        .arg(printer)
        .arg("--")
        .arg(file)
        .output()
        .map_err(|e| {
            Error::new(
                ErrorCode::InvalidState,
                format!("Cannot print: the print program '{lp}' did not start ({e}). Printing directly needs CUPS; clear the printer in Settings to print from the PDF viewer."),
                format!("无法打印：打印程序“{lp}”无法启动（{e}）。直接打印需要 CUPS；可在设置中清空打印机，改为从 PDF 查看器打印。"),
            )
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(Error::new(
            ErrorCode::InvalidState,
            format!("The printer '{printer}' refused the document: {why}"),
            format!("打印机“{printer}”拒绝了该单据：{why}"),
        )
        .at("printer"));
    }
    Ok(())
}

/// A file the app wrote for the person at the counter (an export, a job's record).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
    pub file_name: String,
    pub bytes: usize,
}

/// Exports a period's records into `folder` (the shell's Documents/Jobcard/Exports).
pub fn save_export(
    core: &mut Core,
    folder: &Path,
    req: &crate::exchange::export::ExportRequest,
) -> Result<SavedFile> {
    let (file_name, bytes) = core.export_named(req)?;
    saved(folder, file_name, &bytes)
}

/// Writes a job's full record into `folder` (Documents/Jobcard/Records).
pub fn save_archive(
    core: &mut Core,
    folder: &Path,
    req: &crate::exchange::archive::ArchiveRequest,
) -> Result<SavedFile> {
    let (file_name, bytes) = core.archive_named(req)?;
    saved(folder, file_name, &bytes)
}

fn saved(folder: &Path, file_name: String, bytes: &[u8]) -> Result<SavedFile> {
    let path = save(folder, &file_name, bytes)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        file_name,
        bytes: bytes.len(),
    })
}

/// Fills an empty shop with the demo. It writes as the file's owner (nobody can
/// be signed in before the shop has staff), so it refuses a shop that is set up.
pub fn start_demo(core: &mut Core, lang: Lang) -> Result<()> {
    let status: crate::shop::setup::ShopStatus = core.exec("shop.status", serde_json::json!({}))?;
    if status.set_up {
        return Err(Error::state(
            "This shop is already set up; the demo needs an empty database",
            "本店已完成设置，演示数据只能装入空数据库",
        ));
    }
    let was = core.fixed_now();
    let built = core.as_owner(|core| crate::demo::build(core, lang));
    core.set_now(was);
    built.map(|_| ())
}

fn storage(path: &Path, e: std::io::Error) -> Error {
    Error::new(
        ErrorCode::Storage,
        format!("Cannot write {}: {e}", path.display()),
        format!("无法写入 {}：{e}", path.display()),
    )
}
