//! The values that cross between the store's SQL and Rust, the same for both
//! backends: a parameter is borrowed as a [`ValueRef`] (no copy of its text),
//! a column is read through [`FromValue`] with checked conversions (an integer
//! that does not fit is an error, never a wrapped number). SQLite's and
//! PostgreSQL's own types map onto these five in `sqlite_wire.rs` and
//! `pg_wire.rs`. Tests: beside the code and, through every store function,
//! tests/core/ on both backends.

use super::sql_error::SqlError;

/// One SQL value, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl ValueRef<'_> {
    /// The value, owned (a read kept until it runs, read.rs).
    pub fn owned(self) -> Value {
        match self {
            ValueRef::Null => Value::Null,
            ValueRef::Int(i) => Value::Int(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_string()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }
}

/// One SQL value, owned (a PostgreSQL row is read into these).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Int(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// A Rust value that can be a statement's parameter.
pub trait ToValue {
    fn to_value(&self) -> ValueRef<'_>;
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> ValueRef<'_> {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> ValueRef<'_> {
        match self {
            Some(v) => v.to_value(),
            None => ValueRef::Null,
        }
    }
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> ValueRef<'_> {
                ValueRef::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64, i32, i16, i8, u32, u16, u8, bool);

impl ToValue for usize {
    /// Lengths and positions; a count beyond i64 cannot exist in memory.
    fn to_value(&self) -> ValueRef<'_> {
        ValueRef::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

impl ToValue for String {
    fn to_value(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToValue for Value {
    fn to_value(&self) -> ValueRef<'_> {
        self.as_ref()
    }
}

/// A Rust value a column can be read into.
pub trait FromValue: Sized {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError>;
}

fn wrong(v: ValueRef<'_>, want: &str) -> SqlError {
    SqlError::Convert(format!("cannot read {v:?} as {want}"))
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

impl FromValue for i64 {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        match v {
            ValueRef::Int(i) => Ok(i),
            v => Err(wrong(v, "an integer")),
        }
    }
}

macro_rules! narrow_int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|_| wrong(v, stringify!($t)))
            }
        }
    )*};
}
narrow_int_from_value!(i32, i16, u64, u32, u16, u8, usize);

impl FromValue for bool {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        Ok(i64::from_value(v)? != 0)
    }
}

impl FromValue for f64 {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Int(i) => Ok(i as f64),
            v => Err(wrong(v, "a number")),
        }
    }
}

impl FromValue for String {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        match v {
            ValueRef::Text(s) => Ok(s.to_string()),
            v => Err(wrong(v, "text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        match v {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            v => Err(wrong(v, "bytes")),
        }
    }
}

impl FromValue for Value {
    fn from_value(v: ValueRef<'_>) -> Result<Self, SqlError> {
        Ok(match v {
            ValueRef::Null => Value::Null,
            ValueRef::Int(i) => Value::Int(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_string()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
    }
}

/// A statement's parameters: a tuple, an array or a slice of values.
pub trait Params {
    fn values(&self) -> Vec<ValueRef<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}

impl<T: ToValue, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(ToValue::to_value).collect()
    }
}

impl Params for &[&dyn ToValue] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|v| v.to_value()).collect()
    }
}

impl Params for Vec<Value> {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(Value::as_ref).collect()
    }
}

macro_rules! tuple_params {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: ToValue),+> Params for ($($name,)+) {
            fn values(&self) -> Vec<ValueRef<'_>> {
                vec![$(self.$idx.to_value()),+]
            }
        }
    };
}
tuple_params!(A 0);
tuple_params!(A 0, B 1);
tuple_params!(A 0, B 1, C 2);
tuple_params!(A 0, B 1, C 2, D 3);
tuple_params!(A 0, B 1, C 2, D 3, E 4);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14);
tuple_params!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14, P 15);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_checked_both_ways() {
        assert_eq!(u8::from_value(ValueRef::Int(255)).unwrap(), 255);
        assert!(u8::from_value(ValueRef::Int(256)).is_err());
        assert!(u32::from_value(ValueRef::Int(-1)).is_err());
        assert!(i64::from_value(ValueRef::Text("1")).is_err());
        assert_eq!(Option::<i64>::from_value(ValueRef::Null).unwrap(), None);
        assert_eq!(true.to_value(), ValueRef::Int(1));
        let t = (1i64, "a", None::<String>);
        assert_eq!(
            t.values(),
            vec![ValueRef::Int(1), ValueRef::Text("a"), ValueRef::Null]
        );
    }
}
