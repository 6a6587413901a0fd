//! Input text rules shared by every command: trimming, required fields, length
//! limits and phone normalisation, each failing with the field's name.

use crate::base::error::{Error, Result};

/// A required text field: trimmed, non-empty, at most `max` characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        // The message is shown at the field (`field` says which): words, not a key.
        return Err(Error::invalid(
            field,
            "Required: this cannot be left empty",
            "必填项，不能为空",
        ));
    }
    limit(field, v, max)
}

/// An optional text field: trimmed; empty becomes `None`.
pub fn optional(field: &str, value: &Option<String>, max: usize) -> Result<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => limit(field, v, max).map(Some),
    }
}

/// A text of at most `max` characters, said in words at its field.
pub fn limit(field: &str, v: &str, max: usize) -> Result<String> {
    if v.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("Too long: at most {max} characters"),
            format!("过长：最多 {max} 个字符"),
        ));
    }
    Ok(v.to_string())
}

/// Normalises a phone number to digits with an optional leading `+`; refuses
/// anything that is not a plausible phone number.
pub fn phone(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    let mut out = String::new();
    for (i, c) in v.chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '+' if i == 0 => out.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => {
                return Err(Error::invalid(
                    field,
                    format!("'{v}' is not a phone number"),
                    format!("“{v}”不是有效的电话号码"),
                ))
            }
        }
    }
    let digits = out.trim_start_matches('+').len();
    if !(3..=20).contains(&digits) {
        return Err(Error::invalid(
            field,
            format!("'{v}' is not a phone number (3 to 20 digits)"),
            format!("“{v}”不是有效的电话号码（3 到 20 位数字）"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised_or_refused() {
        assert_eq!(phone("p", "+86 138-0013-8000").unwrap(), "+8613800138000");
        assert!(phone("p", "call me").is_err());
        assert!(phone("p", "12").is_err());
    }

    #[test]
    fn required_fields() {
        assert_eq!(required("name", "  张伟 ", 10).unwrap(), "张伟");
        assert_eq!(
            required("name", " ", 10).unwrap_err().field.as_deref(),
            Some("name")
        );
        assert!(required("name", "abcdef", 5).is_err());
        assert_eq!(optional("x", &Some("  ".into()), 5).unwrap(), None);
    }
}
