//! TLS to the shop's server, as libpq's `sslmode` has it. `prefer` (the
//! default) encrypts when the server offers TLS; `require` refuses a server
//! without it; `disable` never asks — in these three the certificate is not
//! checked against any authority, only the handshake (the server holds the
//! key of the certificate it shows). `verify-ca` and `verify-full` also check
//! the certificate against the shop's own certificate authority, named by
//! `sslrootcert=FILE` (PEM); `verify-full` checks too that the certificate is
//! made out to the host connected to (a name or an IP address in its subject
//! alternative names), so a machine on the shop's network cannot pose as the
//! server. `sslrootcert=system` (as in libpq 16) checks against the
//! authorities this computer trusts instead (its certificate store on
//! Windows and macOS, the system bundle elsewhere; `SSL_CERT_FILE`
//! overrides), and is `verify-full` only: any authority the computer trusts
//! signs certificates for others too, so only the name tells the server
//! apart. The driver (tokio-postgres) knows only the first three modes, so
//! the two checking ones and `sslrootcert` are taken out of the connection
//! string here and its TLS is asked for as `require`, with a verifier of
//! ours. `pg_dump` and `pg_restore` are libpq and get the string as written,
//! but for `system` (dump.rs gives them the same authorities in a file).
//! TLS is Rust's own (rustls with ring): nothing to install on any platform.
//! Tests: tests/core/store/pg_tls.rs (a throwaway cluster whose certificate
//! its own authority signed, made by scripts/pg-cluster.sh).

use crate::base::error::{Error, ErrorCode, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Not against an authority (`disable`, `prefer`, `require`).
    Handshake,
    /// Signed by an authority in `roots` (`verify-ca`), and made out to the
    /// host when `name` (`verify-full`).
    Authority { roots: Roots, name: bool },
}

/// The authorities a certificate is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Roots {
    /// The shop's own: the certificates in this PEM file.
    File(PathBuf),
    /// The ones this computer trusts (`sslrootcert=system`).
    System,
}

/// A connection string split into what the driver parses and how the
/// certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The string for tokio-postgres: as given, or, when it asked for a
    /// certificate check, without `sslrootcert` and with `sslmode=require`.
    pub conn: String,
    pub check: Check,
}

fn unreadable(what: &str) -> Error {
    Error::invalid(
        "connection_string",
        format!("The connection string is not one PostgreSQL understands: {what}"),
        format!("PostgreSQL 无法识别此连接字符串：{what}"),
    )
}

/// `conn` split (a `postgresql://` URL or libpq's `key=value` pairs).
pub fn options(conn: &str) -> Result<Options> {
    let url = conn.starts_with("postgres://") || conn.starts_with("postgresql://");
    let pairs = if url { url_pairs(conn)? } else { pairs(conn)? };
    let value = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let system = value("sslrootcert").map(str::trim) == Some("system");
    let name = match value("sslmode") {
        Some("verify-full") => true,
        None if system => true,
        Some("verify-ca") if !system => false,
        Some(mode) if system => {
            return Err(Error::invalid(
                "connection_string",
                format!("The computer's own authorities (sslrootcert=system) are used only with the server's name checked too (sslmode=verify-full), not with sslmode={mode}"),
                format!("使用本机信任的证书颁发机构（sslrootcert=system）时必须同时校验服务器名称（sslmode=verify-full），不能用 sslmode={mode}"),
            ))
        }
        _ => {
            return Ok(Options {
                conn: conn.to_string(),
                check: Check::Handshake,
            })
        }
    };
    let roots = match value("sslrootcert").map(str::trim) {
        None | Some("") => {
            return Err(Error::invalid(
                "authority",
                "Checking the server's certificate needs the shop's certificate authority: give its file (sslrootcert=FILE), or sslrootcert=system for the authorities this computer trusts",
                "校验服务器证书需要本店的证书颁发机构：请指定其证书文件（sslrootcert=文件），或用 sslrootcert=system 使用本机信任的证书颁发机构",
            ))
        }
        Some("system") => Roots::System,
        Some(file) => Roots::File(PathBuf::from(file)),
    };
    let conn = if url {
        let (base, query) = conn.split_once('?').unwrap_or((conn, ""));
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| {
                let key = decoded(p.split_once('=').map_or(*p, |(k, _)| k)).unwrap_or_default();
                key != "sslmode" && key != "sslrootcert"
            })
            .collect();
        let mut rest = kept.join("&");
        if !rest.is_empty() {
            rest.push('&');
        }
        format!("{base}?{rest}sslmode=require")
    } else {
        let mut s: Vec<String> = pairs
            .iter()
            .filter(|(k, _)| k != "sslmode" && k != "sslrootcert")
            .map(|(k, v)| format!("{k}='{}'", v.replace('\\', "\\\\").replace('\'', "\\'")))
            .collect();
        s.push("sslmode=require".into());
        s.join(" ")
    };
    Ok(Options {
        conn,
        check: Check::Authority { roots, name },
    })
}

/// libpq's `key = value` pairs: a value is a word, or quoted with `'`, and
/// `\` escapes the character after it in either.
fn pairs(conn: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut chars = conn.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(unreadable(&format!("“{key}” has no value")));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let quoted = chars.next_if_eq(&'\'').is_some();
        let mut value = String::new();
        loop {
            match chars.next() {
                None if quoted => return Err(unreadable("a quote is not closed")),
                None => break,
                Some('\'') if quoted => break,
                Some(c) if !quoted && c.is_whitespace() => break,
                Some('\\') => value.extend(chars.next()),
                Some(c) => value.push(c),
            }
        }
        out.push((key, value));
    }
}

/// A URL's query parameters, decoded.
fn url_pairs(conn: &str) -> Result<Vec<(String, String)>> {
    let Some((_, query)) = conn.split_once('?') else {
        return Ok(Vec::new());
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((decoded(k)?, decoded(v)?))
        })
        .collect()
}

fn decoded(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| unreadable("a % is not followed by two hex digits"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| unreadable("a parameter is not UTF-8"))
}

fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// The TLS connector for `check`: the authority's file read now, so a file
/// moved or unreadable is said before the server is reached.
pub fn connector(check: &Check) -> Result<MakeRustlsConnect> {
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::Handshake => Arc::new(ShortOfName {
            authority: None,
            provider: provider(),
        }),
        Check::Authority { roots, name } => {
            let store = match roots {
                Roots::File(file) => authority(file)?,
                Roots::System => system()?,
            };
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider())
                .build()
                .map_err(|e| Error::invalid("authority", e.to_string(), e.to_string()))?;
            if *name {
                webpki
            } else {
                Arc::new(ShortOfName {
                    authority: Some(webpki),
                    provider: provider(),
                })
            }
        }
    };
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("TLS versions: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// The authority's file refused, and why (in each language; a system's own
/// words, such as a file not found, as it gives them).
fn bad_authority(file: &Path, why: &str, why_zh: &str) -> Error {
    Error::invalid(
        "authority",
        format!(
            "The certificate authority's file {} cannot be used: {why}",
            file.display()
        ),
        format!("无法使用证书颁发机构文件 {}：{why_zh}", file.display()),
    )
}

/// The certificates in the PEM file at `file`: at least one. An authority's
/// certificate is a few kilobytes; a file of more than a megabyte is not
/// one (and is not read).
fn authority(file: &Path) -> Result<RootCertStore> {
    let unreadable =
        |e: &dyn std::fmt::Display| bad_authority(file, &e.to_string(), &e.to_string());
    let size = std::fs::metadata(file).map_err(|e| unreadable(&e))?.len();
    if size > 1 << 20 {
        return Err(bad_authority(
            file,
            "it is far too big to be a certificate (more than 1 MB)",
            "文件过大，不可能是证书（超过 1 MB）",
        ));
    }
    let certs = CertificateDer::pem_file_iter(file)
        .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| unreadable(&e))?;
    let mut roots = RootCertStore::empty();
    let (_, refused) = roots.add_parsable_certificates(certs);
    if roots.is_empty() {
        return Err(if refused > 0 {
            bad_authority(
                file,
                "its certificates are not ones TLS can use",
                "其中的证书无法用于 TLS",
            )
        } else {
            bad_authority(
                file,
                "it holds no certificate (PEM, -----BEGIN CERTIFICATE-----)",
                "其中没有证书（PEM 格式，-----BEGIN CERTIFICATE-----）",
            )
        });
    }
    Ok(roots)
}

/// The authorities this computer trusts, as a root store.
fn system() -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(system_certificates()?);
    if roots.is_empty() {
        return Err(no_system_authorities(""));
    }
    Ok(roots)
}

/// The certificates of the authorities this computer trusts, read now (a
/// certificate installed since is seen at the next connection). Some
/// unreadable among readable ones are passed over.
pub fn system_certificates() -> Result<Vec<CertificateDer<'static>>> {
    let found = rustls_native_certs::load_native_certs();
    if found.certs.is_empty() {
        let why = found
            .errors
            .first()
            .map(|e| format!(" ({e})"))
            .unwrap_or_default();
        return Err(no_system_authorities(&why));
    }
    Ok(found.certs)
}

fn no_system_authorities(why: &str) -> Error {
    Error::invalid(
        "authority",
        format!("This computer trusts no certificate authority to check the server's certificate against{why}: give the file of the shop's certificate authority"),
        format!("本机没有可用于校验服务器证书的受信任证书颁发机构{why}：请指定本店证书颁发机构的证书文件"),
    )
}

/// The plain words for a connection the certificate check refused, when
/// `e` is one: otherwise `None`.
pub fn refused(e: &tokio_postgres::Error, conn: &Options) -> Option<Error> {
    let Check::Authority { roots, .. } = &conn.check else {
        return None;
    };
    let mut at: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = at {
        let inner = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|i| i as &(dyn std::error::Error + 'static));
        let cert = [Some(err), inner].into_iter().flatten().find_map(|e| {
            match e.downcast_ref::<rustls::Error>() {
                Some(rustls::Error::InvalidCertificate(c)) => Some(c.clone()),
                _ => None,
            }
        });
        if let Some(c) = cert {
            return Some(explained(&c, roots));
        }
        at = inner.and_then(|i| i.source()).or_else(|| err.source());
    }
    None
}

fn explained(c: &CertificateError, roots: &Roots) -> Error {
    let (en, zh) = match c {
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => (
            "The server's certificate is not made out to the server's name or address as given here: check the name, or connect by the name on its certificate".to_string(),
            "服务器证书不是颁发给此处填写的服务器名称或地址的：请核对名称，或使用证书上的名称连接".to_string(),
        ),
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => (
            "The server's certificate has expired: the shop's server needs a new one".to_string(),
            "服务器证书已过期：本店服务器需要更换新证书".to_string(),
        ),
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => (
            "The server's certificate is not valid yet: check this computer's date and time".to_string(),
            "服务器证书尚未生效：请检查本机的日期和时间".to_string(),
        ),
        CertificateError::UnknownIssuer | CertificateError::BadSignature => match roots {
            Roots::File(file) => (
                format!(
                    "The server's certificate is not signed by the shop's certificate authority ({}): this may not be the shop's server; nothing was sent to it",
                    file.display()
                ),
                format!(
                    "服务器证书并非由本店证书颁发机构（{}）签发：对方可能不是本店服务器；未向其发送任何内容",
                    file.display()
                ),
            ),
            Roots::System => (
                "The server's certificate is not signed by any authority this computer trusts: this may not be the shop's server, or its certificate is the shop's own (then give the shop's authority's file); nothing was sent to it".to_string(),
                "服务器证书并非由本机信任的任何证书颁发机构签发：对方可能不是本店服务器，或其证书由本店自行签发（此时请指定本店证书颁发机构的证书文件）；未向其发送任何内容".to_string(),
            ),
        },
        other => (
            format!("The server's certificate was refused: {other:?}"),
            format!("服务器证书未通过校验：{other:?}"),
        ),
    };
    Error::new(ErrorCode::Storage, en, zh)
}

/// The checks short of `verify-full` (which is rustls's WebPKI verifier
/// itself): the handshake always (the server holds its certificate's key),
/// and, with `authority`, that the shop's authority signed the certificate,
/// whatever name it was made out to (libpq's `verify-ca`); without it the
/// certificate is taken whoever signed it (`prefer`, `require`).
#[derive(Debug)]
struct ShortOfName {
    authority: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for ShortOfName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let Some(authority) = &self.authority else {
            return Ok(ServerCertVerified::assertion());
        };
        match authority.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
