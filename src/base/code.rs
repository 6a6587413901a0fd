//! An enum's stored code: the snake_case name serde gives it ("wechat",
//! "repair_quality"), written to the store and to printed-document word keys,
//! and read back. One place, so a table column and its enum cannot drift.
//! Tested below.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The code of a unit enum value; empty for anything serde does not write as a string.
pub fn code_of<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The enum value of a stored code, if it names one.
pub fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        DarkRed,
    }

    #[test]
    fn codes_round_trip_and_unknown_ones_are_none() {
        assert_eq!(code_of(Colour::DarkRed), "dark_red");
        assert_eq!(from_code::<Colour>("dark_red"), Some(Colour::DarkRed));
        assert_eq!(from_code::<Colour>("teal"), None);
    }
}
