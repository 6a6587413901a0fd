//! SQL for the `settings` table: the shop settings as one JSON document.

use super::driver::read::Read;
use super::driver::{OptionalExtension, SqlError};
use super::Tx;
use crate::base::error::{Error, Result};
use crate::model::settings::ShopSettings;

const SHOP_KEY: &str = "shop";

pub fn get_shop(tx: &Tx) -> Result<Option<ShopSettings>> {
    tx.together(get_shop_read())
}

pub fn get_shop_read() -> Read<'static, Option<ShopSettings>> {
    Read::first(
        "SELECT value FROM settings WHERE key = ?1",
        [SHOP_KEY],
        |r| {
            let text: String = r.get(0)?;
            serde_json::from_str(&text)
                .map_err(|e| SqlError::Convert(format!("stored settings unreadable: {e}")))
        },
    )
}

pub fn put_shop(tx: &Tx, settings: &ShopSettings) -> Result<()> {
    let text = serde_json::to_string(settings).map_err(Error::internal)?;
    put_value(tx, SHOP_KEY, &text)
}

/// Another named value of the settings table (e.g. the demo shop's PINs).
pub fn get_value(tx: &Tx, key: &str) -> Result<Option<String>> {
    Ok(tx
        .sql()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn put_value(tx: &Tx, key: &str, value: &str) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults_missing_fields() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        assert!(get_shop(&tx).unwrap().is_none());
        let s = ShopSettings {
            legal_name: "Test Garage".into(),
            ..Default::default()
        };
        put_shop(&tx, &s).unwrap();
        assert_eq!(get_shop(&tx).unwrap().unwrap(), s);
        // A document from an older version, lacking most fields, still reads.
        tx.sql()
            .execute("UPDATE settings SET value = '{\"legal_name\":\"Old\"}'", ())
            .unwrap();
        let old = get_shop(&tx).unwrap().unwrap();
        assert_eq!(old.legal_name, "Old");
        assert_eq!(old.currency.code, "CNY");
    }
}
