//! PostgreSQL's side of the store's statements: the store writes its SQL once,
//! with SQLite's numbered parameters (`?1`); here it becomes PostgreSQL's
//! (`$1`), `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING`, and values
//! cross in PostgreSQL's binary format. A parameter is written as the type the
//! server inferred for it (an integer bound where text is wanted is written as
//! its digits, as SQLite would); a column is read back as one of the five
//! values whatever its type: `sum()` of integers, which PostgreSQL answers as
//! `numeric`, is decoded exactly. Tests: beside the code and, through every
//! store function, tests/core/ run against a PostgreSQL server.

use super::value::{Value, ValueRef};
use std::error::Error as StdError;
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type};

type BoxError = Box<dyn StdError + Sync + Send>;

impl ToSql for ValueRef<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match *self {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                Type::FLOAT8 => (i as f64).to_sql(ty, out),
                Type::FLOAT4 => (i as f32).to_sql(ty, out),
                _ if is_text(ty) => i.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("an integer cannot be written as {ty}").into()),
            },
            ValueRef::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (f as f32).to_sql(ty, out),
                _ if is_text(ty) => f.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("a number cannot be written as {ty}").into()),
            },
            ValueRef::Text(s) => match *ty {
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.parse::<i32>()?.to_sql(ty, out),
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                _ => s.to_sql(&Type::TEXT, out),
            },
            ValueRef::Blob(b) => b.to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    tokio_postgres::types::to_sql_checked!();
}

fn is_text(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
    )
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Int(i16::from_sql(ty, raw)?.into()),
            Type::OID => Value::Int(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            _ => Value::Text(std::str::from_utf8(raw)?.to_string()),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// PostgreSQL's binary `numeric`: digit count, weight, sign, display scale,
/// then base-10000 digits. A whole number that fits is an integer (sums of
/// money stay exact); anything else is a float.
fn numeric(raw: &[u8]) -> Result<Value, BoxError> {
    let word = |i: usize| -> Result<u16, BoxError> {
        raw.get(i..i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "a short numeric value".into())
    };
    let ndigits = word(0)? as usize;
    let weight = word(2)? as i16 as i32;
    let sign = word(4)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let mut whole: Option<i64> = Some(0);
    let mut float = 0f64;
    let mut fraction = false;
    for d in 0..ndigits {
        let digit = word(8 + 2 * d)?;
        let power = weight - d as i32;
        float += f64::from(digit) * 10000f64.powi(power);
        if power < 0 {
            fraction |= digit != 0;
        } else {
            whole = whole.and_then(|w| {
                w.checked_add(i64::from(digit).checked_mul(10000i64.checked_pow(power as u32)?)?)
            });
        }
    }
    let negative = sign == 0x4000;
    Ok(match whole {
        Some(w) if !fraction => Value::Int(if negative { -w } else { w }),
        _ => Value::Real(if negative { -float } else { float }),
    })
}

/// The store's SQL as PostgreSQL takes it.
pub(crate) fn rewrite(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 32);
    let mut chars = sql.chars().peekable();
    let mut next_bare = 1;
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str(&next_bare.to_string());
                    next_bare += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            None => out.push(c),
        }
    }
    or_ignore(out)
}

/// `INSERT OR IGNORE INTO …` → `INSERT INTO … ON CONFLICT DO NOTHING`, for
/// each statement of a batch (the store's batches hold no `;` in literals).
fn or_ignore(sql: String) -> String {
    if !sql.to_ascii_uppercase().contains("INSERT OR IGNORE") {
        return sql;
    }
    let statements: Vec<String> = sql
        .split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|st| {
            let upper = st.to_ascii_uppercase();
            let Some(at) = upper.find("INSERT OR IGNORE") else {
                return st.to_string();
            };
            let mut s = format!(
                "{}INSERT{}",
                &st[..at],
                &st[at + "INSERT OR IGNORE".len()..]
            );
            s.truncate(s.trim_end().len());
            match s.to_ascii_uppercase().rfind("RETURNING") {
                Some(r) => s.insert_str(r, "ON CONFLICT DO NOTHING "),
                None => s.push_str(" ON CONFLICT DO NOTHING"),
            }
            s
        })
        .collect();
    statements.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_ignore_are_rewritten() {
        assert_eq!(
            rewrite("SELECT a FROM t WHERE b = ?1 AND c = '?' AND d = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $12"
        );
        assert_eq!(rewrite("VALUES (?, ?)"), "VALUES ($1, $2)");
        assert_eq!(
            rewrite("INSERT OR IGNORE INTO t (a) VALUES (?1);"),
            "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
        );
    }

    #[test]
    fn numerics_decode_exactly() {
        // 123456789 = [1, 2345, 6789], weight 2
        let raw = [0, 3, 0, 2, 0, 0, 0, 0, 0, 1, 0x09, 0x29, 0x1A, 0x85];
        assert_eq!(numeric(&raw).unwrap(), Value::Int(123_456_789));
        // -1.5 = [1, 5000], weight 0, negative, scale 1
        let raw = [0, 2, 0, 0, 0x40, 0, 0, 1, 0, 1, 0x13, 0x88];
        assert_eq!(numeric(&raw).unwrap(), Value::Real(-1.5));
        // zero has no digits
        assert_eq!(numeric(&[0, 0, 0, 0, 0, 0, 0, 0]).unwrap(), Value::Int(0));
    }
}
