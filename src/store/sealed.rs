//! Backups sealed with the shop's passphrase: the `age` format (scrypt for the
//! passphrase, authenticated encryption for the content), so a backup on a USB
//! stick or a network share reads as noise to whoever finds it, and any change
//! to it is detected when it is opened. Streamed: a 5 GB shop is never held in
//! memory. Tests: tests/core/store/backup.rs.

use crate::base::error::{Error, ErrorCode, Result};
use age::secrecy::SecretString;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

/// The file name ending a sealed backup carries after its plain name.
pub const SEALED_SUFFIX: &str = ".age";

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Storage,
        format!("Cannot write {}: {e}", path.display()),
        format!("无法写入 {}：{e}", path.display()),
    )
}

/// Whether a file is a sealed backup (by its name).
pub fn is_sealed(path: &Path) -> bool {
    path.to_string_lossy().ends_with(SEALED_SUFFIX)
}

/// Seals `plain` into `out` with `passphrase`, synced to disk.
pub fn seal(plain: &Path, out: &Path, passphrase: &str) -> Result<()> {
    let mut input = BufReader::new(std::fs::File::open(plain).map_err(|e| io(plain, e))?);
    let file = std::fs::File::create(out).map_err(|e| io(out, e))?;
    let encryptor =
        age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_string()));
    let mut writer = encryptor
        .wrap_output(BufWriter::new(&file))
        .map_err(|e| io(out, e))?;
    std::io::copy(&mut input, &mut writer).map_err(|e| io(out, e))?;
    writer
        .finish()
        .and_then(|mut w| w.flush())
        .map_err(|e| io(out, e))?;
    file.sync_all().map_err(|e| io(out, e))
}

/// Opens a sealed backup into `out`; a wrong passphrase (or a changed file) is
/// refused at the passphrase.
pub fn unseal(sealed: &Path, out: &Path, passphrase: &str) -> Result<()> {
    let input = BufReader::new(std::fs::File::open(sealed).map_err(|e| io(sealed, e))?);
    let wrong = || {
        Error::new(
            ErrorCode::Forbidden,
            "The backup passphrase does not open this backup (or the file was changed)",
            "备份密码无法打开此备份（或文件已被改动）",
        )
        .at("passphrase")
    };
    let decryptor = age::Decryptor::new(input).map_err(|_| wrong())?;
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| wrong())?;
    let file = std::fs::File::create(out).map_err(|e| io(out, e))?;
    let mut w = BufWriter::new(&file);
    std::io::copy(&mut reader, &mut w).map_err(|_| wrong())?;
    w.flush().map_err(|e| io(out, e))?;
    drop(w);
    file.sync_all().map_err(|e| io(out, e))
}
