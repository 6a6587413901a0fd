//! Pinyin keys for Chinese names, so a clerk without a Chinese keyboard (or in a
//! hurry) finds 王小明 by typing "wangxiaoming", "wang xiao ming" or "wxm". A
//! surname with more than one reading (曾 zeng/ceng, 单 shan/dan) gets a key for
//! each reading, since the default reading is often not the surname's.
//! Uses the `pinyin` crate's tables. Tests: beside the code and
//! tests/core/records/search.rs.

use pinyin::{ToPinyin, ToPinyinMulti};

/// At most this many readings of the first character are keyed.
const SURNAME_READINGS: usize = 3;

/// The keys of `name`: for each reading of its first Han character, the full
/// pinyin run together and the initials, lower case, with any Latin letters
/// and digits of the name kept in place. Empty when the name has no Han
/// character (a Latin name is searched as it is).
pub fn name_keys(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(first_han) = chars.iter().position(|c| c.to_pinyin().is_some()) else {
        return Vec::new();
    };
    let mut readings: Vec<&'static str> = chars[first_han]
        .to_pinyin_multi()
        .map(|m| m.into_iter().map(|p| p.plain()).collect())
        .unwrap_or_default();
    readings.dedup();
    readings.truncate(SURNAME_READINGS);
    let mut keys = Vec::new();
    for first in readings {
        let (mut full, mut initials) = (String::new(), String::new());
        for (i, c) in chars.iter().enumerate() {
            let reading = if i == first_han {
                Some(first)
            } else {
                c.to_pinyin().map(|p| p.plain())
            };
            match reading {
                Some(r) => {
                    full.push_str(r);
                    initials.extend(r.chars().next());
                }
                None if c.is_alphanumeric() => {
                    let lower: String = c.to_lowercase().collect();
                    full.push_str(&lower);
                    initials.push_str(&lower);
                }
                None => {}
            }
        }
        for k in [full, initials] {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// A typed query as a pinyin key: Latin letters only (spaces and apostrophes
/// between syllables dropped), lower case; `None` when it is anything else.
pub fn query_key(q: &str) -> Option<String> {
    let key: String = q
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .flat_map(char::to_lowercase)
        .collect();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase())).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pinyin_and_initials() {
        // The default reading comes first; 王's rarer reading is keyed too.
        assert_eq!(name_keys("王小明")[..2], ["wangxiaoming", "wxm"]);
        assert_eq!(name_keys("李 四"), ["lisi", "ls"]);
        assert!(name_keys("John Smith").is_empty());
        assert!(name_keys("").is_empty());
    }

    #[test]
    fn a_surname_with_several_readings_gets_each() {
        let keys = name_keys("曾国藩");
        assert!(keys.contains(&"zengguofan".to_string()), "{keys:?}");
        assert!(keys.contains(&"zgf".to_string()), "{keys:?}");
    }

    #[test]
    fn latin_letters_and_digits_stay_in_a_mixed_name() {
        assert_eq!(name_keys("张A店2")[..2], ["zhangadian2", "zad2"]);
    }

    #[test]
    fn queries_become_keys_only_when_they_are_letters() {
        assert_eq!(query_key("Wang Xiao'ming").as_deref(), Some("wangxiaoming"));
        assert_eq!(query_key("wxm").as_deref(), Some("wxm"));
        assert_eq!(query_key("13800"), None);
        assert_eq!(query_key("王小"), None);
        assert_eq!(query_key("  "), None);
    }
}
