//! The one place a connection to the shop's server is opened (the store,
//! its reconnect, backups, and the settings screen's check all come here).
//! TLS follows the connection string's `sslmode`, as libpq's does:
//! `prefer` (the default) encrypts when the server offers TLS and goes on
//! unencrypted when it does not; `require` refuses a server without TLS;
//! `disable` never asks. As with libpq's `prefer` and `require`, the
//! server's certificate is not checked against an authority — a shop's
//! server usually has a certificate of its own making — but the handshake is
//! verified, so the traffic cannot be read on the shop's network. TLS is
//! Rust's own (rustls with ring): nothing to install on any platform.
//! Tests: tests/core/store/pg.rs (a throwaway cluster with TLS on and off).

use super::client::Client;
use crate::base::error::{Error, Result};
use crate::store::driver::SqlError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use std::sync::{Arc, OnceLock};
use tokio_postgres_rustls::MakeRustlsConnect;

/// A connection string as given (key=value pairs or a `postgresql://` URL),
/// checked for what the driver understands and for a server to reach; one
/// that waits at most 5 s for the server unless it says otherwise.
pub fn checked(conn: &str) -> Result<String> {
    let config: tokio_postgres::Config = conn.parse().map_err(|e| {
        Error::invalid(
            "connection_string",
            format!("The connection string is not one PostgreSQL understands: {e}"),
            format!("PostgreSQL 无法识别此连接字符串：{e}"),
        )
    })?;
    if config.get_hosts().is_empty() {
        return Err(Error::invalid(
            "connection_string",
            "The connection string names no server (host)",
            "连接字符串未指明服务器（host）",
        ));
    }
    if config.get_connect_timeout().is_some() {
        return Ok(conn.to_string());
    }
    let url = conn.starts_with("postgres://") || conn.starts_with("postgresql://");
    Ok(match (url, conn.contains('?')) {
        (true, true) => format!("{conn}&connect_timeout=5"),
        (true, false) => format!("{conn}?connect_timeout=5"),
        (false, _) => format!("{conn} connect_timeout=5"),
    })
}

/// Opens a connection to `conn` (a libpq connection string), with a runtime
/// of its own to wait on (client.rs).
pub fn open(conn: &str) -> Result<Client> {
    let config: tokio_postgres::Config = conn.parse().map_err(SqlError::Pg)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| {
            Error::internal(format!("cannot start the server connection's runtime: {e}"))
        })?;
    let (client, connection) = runtime
        .block_on(config.connect(tls()))
        .map_err(SqlError::Pg)?;
    Ok(Client::new(runtime, client, connection))
}

/// Whether `client`'s connection is encrypted.
pub fn encrypted(client: &mut Client) -> std::result::Result<bool, tokio_postgres::Error> {
    let row = client.query_one(
        "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
        &[],
    )?;
    Ok(row.get(0))
}

fn tls() -> MakeRustlsConnect {
    static CONFIG: OnceLock<ClientConfig> = OnceLock::new();
    MakeRustlsConnect::new(CONFIG.get_or_init(config).clone())
}

fn config() -> ClientConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports TLS 1.2 and 1.3")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
        .with_no_client_auth()
}

/// Accepts the server's certificate whoever signed it (libpq's `prefer` and
/// `require`), while checking that the server holds its key.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
