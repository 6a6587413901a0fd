//! Exact money and quantity arithmetic. No floats anywhere.
//!
//! * Money is an `i64` count of the currency's minor units (fen, cents).
//! * Quantities and hours are [`Qty`]: thousandths, written as decimal strings such
//!   as `"1.5"` or `"0.333"` (at most three decimals).
//! * Rates (tax, discount) are basis points: `1300` = 13 %.
//!
//! Rounding rule, the only one in the core: every product or quotient is rounded
//! once, to the nearest minor unit, halves away from zero ([`div_round`]). A line
//! amount is `round(qty × unit_price)`; a percentage is `round(amount × bp / 10000)`;
//! tax is computed once per tax rate on the sum of that rate's lines (never per line),
//! and for tax-inclusive prices it is `round(gross × rate / (10000 + rate))`.

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An amount in minor units of the shop's currency.
pub type Money = i64;

/// Basis points: hundredths of a percent.
pub type BasisPoints = i64;

/// Largest amount any single price or total may take (10^13 minor units);
/// far above any repair, far below `i64` overflow in the products we form.
pub const MAX_MONEY: Money = 10_000_000_000_000;

/// Divides, rounding to nearest with halves away from zero.
pub fn div_round(numerator: i128, denominator: i128) -> i128 {
    assert!(denominator > 0, "denominator must be positive");
    let q = numerator / denominator;
    let r = numerator % denominator;
    if 2 * r.abs() >= denominator {
        q + numerator.signum()
    } else {
        q
    }
}

/// `amount × bp / 10000`, rounded.
pub fn percent_of(amount: Money, bp: BasisPoints) -> Money {
    div_round(amount as i128 * bp as i128, 10_000) as Money
}

/// Tax contained in a tax-inclusive `gross` at `rate` basis points.
pub fn tax_included(gross: Money, rate: BasisPoints) -> Money {
    div_round(gross as i128 * rate as i128, 10_000 + rate as i128) as Money
}

/// Splits `total` across `weights` in proportion, exactly (largest remainder).
/// The parts sum to `total`; a zero weight gets nothing.
pub fn allocate(total: Money, weights: &[Money]) -> Vec<Money> {
    let sum: i128 = weights.iter().map(|w| *w as i128).sum();
    if sum <= 0 || total == 0 {
        return vec![0; weights.len()];
    }
    let mut parts: Vec<Money> = Vec::with_capacity(weights.len());
    let mut rems: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = total as i128 * *w as i128;
        parts.push((exact / sum) as Money);
        rems.push((exact % sum, i));
    }
    let mut left = total - parts.iter().sum::<Money>();
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rems {
        if left == 0 {
            break;
        }
        if weights[i] > 0 {
            parts[i] += 1;
            left -= 1;
        }
    }
    parts
}

/// A quantity or a number of hours, held exactly in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, ts_rs::TS)]
#[ts(type = "string")]
pub struct Qty(pub i64);

impl Qty {
    pub const ONE: Qty = Qty(1000);
    /// Largest quantity accepted on a line: one million units.
    pub const MAX: Qty = Qty(1_000_000_000);

    pub fn milli(self) -> i64 {
        self.0
    }

    pub fn from_units(units: i64) -> Qty {
        Qty(units * 1000)
    }

    /// `self × unit_price`, rounded to a minor unit.
    pub fn times(self, unit_price: Money) -> Money {
        div_round(self.0 as i128 * unit_price as i128, 1000) as Money
    }

    /// Parses `"12"`, `"1.5"`, `"0.333"`; refuses more than three decimals.
    pub fn parse(s: &str) -> Result<Qty> {
        let bad = || {
            Error::invalid(
                "quantity",
                format!("'{s}' is not a quantity (up to three decimals, e.g. 1.5)"),
                format!("“{s}”不是有效数量（最多三位小数，如 1.5）"),
            )
        };
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let v = scaled_decimal(body, 12, 3).ok_or_else(bad)?;
        Ok(Qty(if neg { -v } else { v }))
    }
}

impl fmt::Display for Qty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (i, fr) = (a / 1000, a % 1000);
        if fr == 0 {
            write!(f, "{sign}{i}")
        } else {
            let s = format!("{fr:03}");
            write!(f, "{sign}{i}.{}", s.trim_end_matches('0'))
        }
    }
}

impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Qty {
    /// Accepts a decimal string (`"1.5"`) or a JSON number; a number is read through
    /// its shortest decimal form, so `0.333` is exactly 333 thousandths.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected a quantity like \"1.5\", got {other}"
                )))
            }
        };
        Qty::parse(&text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

impl JsonSchema for Qty {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Qty".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "number"],
            "description": "decimal with up to three places, e.g. \"1.5\""
        })
    }
}

/// Formats minor units with the currency's number of decimals: `12345, 2` → `123.45`.
pub fn format_minor(amount: Money, minor_units: u32) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let a = amount.unsigned_abs();
    if minor_units == 0 {
        return format!("{sign}{a}");
    }
    let div = 10u64.pow(minor_units);
    format!(
        "{sign}{}.{:0width$}",
        a / div,
        a % div,
        width = minor_units as usize
    )
}

/// Reads an amount as people type it in a spreadsheet — `"1,234.56"`,
/// `"¥12.50"`, `"€ 8"`, `"12"` — into minor units with at most `minor_units`
/// decimals. Zero or more and at most [`MAX_MONEY`] / 1000; anything else is
/// refused at `field` in words.
pub fn parse_amount(field: &str, text: &str, minor_units: u32) -> Result<Money> {
    let bad = || {
        Error::invalid(
            field,
            format!("'{text}' is not an amount (e.g. 1,234.50)"),
            format!("“{text}”不是有效金额（如 1,234.50）"),
        )
    };
    let body: String = text
        .trim()
        .trim_start_matches(['¥', '￥', '$', '€', '£'])
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\''))
        .collect();
    let body = body.strip_suffix("元").unwrap_or(&body);
    let v = scaled_decimal(body, 13, minor_units as usize).ok_or_else(bad)?;
    if v > MAX_MONEY / 1000 {
        return Err(Error::invalid(
            field,
            format!("'{text}' is too large for an amount"),
            format!("“{text}”金额过大"),
        ));
    }
    Ok(v)
}

/// Unsigned decimal digits `"12.5"` as a whole number of 10^-`places` units
/// (`1250` for two places): at most `max_int` digits before the point and
/// `places` after it; `None` for anything else.
fn scaled_decimal(body: &str, max_int: usize, places: usize) -> Option<i64> {
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty())
        || int.len() > max_int
        || frac.len() > places
        || !digits(int)
        || !digits(frac)
    {
        return None;
    }
    let int_v: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac_v: i64 = format!("{frac:0<places$}").parse().unwrap_or(0);
    int_v
        .checked_mul(10i64.checked_pow(places as u32)?)?
        .checked_add(frac_v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(15, 10), 2);
    }

    #[test]
    fn reads_amounts_as_spreadsheets_write_them() {
        assert_eq!(parse_amount("price", "1,234.56", 2).unwrap(), 123_456);
        assert_eq!(parse_amount("price", "¥12.5", 2).unwrap(), 1250);
        assert_eq!(parse_amount("price", " 8 ", 2).unwrap(), 800);
        assert_eq!(parse_amount("price", "300元", 0).unwrap(), 300);
        for bad in ["", "-5", "1.234", "12abc", "1e5", "99999999999999"] {
            let e = parse_amount("price", bad, 2).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("price"), "{bad}");
        }
    }

    #[test]
    fn parses_and_prints_quantities() {
        assert_eq!(Qty::parse("1.5").unwrap(), Qty(1500));
        assert_eq!(Qty::parse("0.333").unwrap(), Qty(333));
        assert_eq!(Qty::parse(".5").unwrap(), Qty(500));
        assert!(Qty::parse("1.2345").is_err());
        assert!(Qty::parse("abc").is_err());
        assert!(Qty::parse("").is_err());
        assert_eq!(Qty(1500).to_string(), "1.5");
        assert_eq!(Qty(2000).to_string(), "2");
        let q: Qty = serde_json::from_str("0.333").unwrap();
        assert_eq!(q, Qty(333));
    }

    #[test]
    fn allocation_is_exact() {
        let parts = allocate(100, &[1, 1, 1]);
        assert_eq!(parts.iter().sum::<i64>(), 100);
        assert_eq!(parts, vec![34, 33, 33]);
        assert_eq!(allocate(10, &[0, 5]), vec![0, 10]);
    }

    #[test]
    fn formats_minor_units() {
        assert_eq!(format_minor(12345, 2), "123.45");
        assert_eq!(format_minor(-5, 2), "-0.05");
        assert_eq!(format_minor(700, 0), "700");
    }
}
