//! The audit chain: every approval, invoice, credit note, payment, quality
//! check, settings change and sign-in appends an entry whose SHA-256 covers the
//! previous entry's hash and the entry's own canonical content, so changing,
//! removing or reordering any entry behind the app's back breaks the chain at
//! that entry. Pure: hashing and walking; the table is `store/audit.rs`.
//!
//! Tests: beside the rules below, and tests/core/shop/audit.rs end to end.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the chain as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    /// Who acted; `None` for the file's owner (maintenance from the command line).
    pub staff_id: Option<i64>,
    /// The manager whose PIN allowed this one action at someone else's session.
    pub authorised_by: Option<i64>,
    /// The command or event, e.g. `invoice.issue`, `session.sign_in`.
    pub action: String,
    /// What was done: canonical JSON (keys sorted, no spaces).
    pub content: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry: SHA-256 over the previous hash and every field but the
/// id, each length-prefixed so no two different entries share their bytes.
pub fn entry_hash(
    prev_hash: &str,
    at: &str,
    staff_id: Option<i64>,
    authorised_by: Option<i64>,
    action: &str,
    content: &str,
) -> String {
    let mut h = Sha256::new();
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for part in [
        prev_hash,
        at,
        &opt(staff_id),
        &opt(authorised_by),
        action,
        content,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ChainReport {
    /// Entries walked.
    pub entries: i64,
    /// Whether every entry matched.
    pub intact: bool,
    /// The first entry that does not match (its id), if any.
    pub first_broken: Option<i64>,
    /// What is wrong with it, in English and Chinese.
    pub problem: Option<String>,
    pub problem_zh: Option<String>,
}

/// Walks the chain one entry at a time (a ten-year chain is streamed, never
/// held in memory): each entry must chain to the previous hash and hash to what
/// it says.
pub struct Walker {
    prev: String,
    entries: i64,
    broken: Option<ChainReport>,
}

impl Default for Walker {
    fn default() -> Self {
        Walker {
            prev: GENESIS.to_string(),
            entries: 0,
            broken: None,
        }
    }
}

impl Walker {
    /// Checks the next entry; answers false once the chain is broken.
    pub fn step(&mut self, e: &AuditEntry) -> bool {
        if self.broken.is_some() {
            return false;
        }
        self.entries += 1;
        let problem = if e.prev_hash != self.prev {
            Some((
                "it does not follow the entry before it (an entry was removed, added or reordered)",
                "与前一条记录不衔接（有记录被删除、插入或调换）",
            ))
        } else if entry_hash(
            &e.prev_hash,
            &e.at,
            e.staff_id,
            e.authorised_by,
            &e.action,
            &e.content,
        ) != e.hash
        {
            Some((
                "its content was changed after it was written",
                "写入后内容被修改",
            ))
        } else {
            None
        };
        if let Some((en, zh)) = problem {
            self.broken = Some(ChainReport {
                entries: self.entries,
                intact: false,
                first_broken: Some(e.id),
                problem: Some(format!("Audit entry {}: {en}", e.id)),
                problem_zh: Some(format!("审计记录 {}：{zh}", e.id)),
            });
            return false;
        }
        self.prev = e.hash.clone();
        true
    }

    pub fn report(self) -> ChainReport {
        self.broken.unwrap_or(ChainReport {
            entries: self.entries,
            intact: true,
            first_broken: None,
            problem: None,
            problem_zh: None,
        })
    }
}

/// Walks entries in id order and answers at the first that does not match.
pub fn walk<'a>(entries: impl IntoIterator<Item = &'a AuditEntry>) -> ChainReport {
    let mut w = Walker::default();
    for e in entries {
        if !w.step(e) {
            break;
        }
    }
    w.report()
}

/// The canonical text of a JSON value: object keys sorted, no insignificant
/// spaces. Sorted here rather than trusting the map's order, which a feature of
/// serde_json elsewhere in the build (`preserve_order`) would change.
pub fn canonical(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let body: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&map[k])))
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(items) => {
            let body: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", body.join(","))
        }
        other => other.to_string(),
    }
}

/// What an entry records of a command: its input (images and signatures as
/// their SHA-256, so the chain stays small; PINs, passwords and passphrases
/// never) and the top-level scalars of its answer (ids, numbers, states, totals).
pub fn summary(input: &serde_json::Value, output: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| match v {
                        _ if k.ends_with("secret") || k.ends_with("passphrase") => {
                            (k.clone(), Value::String("(withheld)".into()))
                        }
                        Value::String(s) if k.ends_with("base64") || s.len() > 4096 => {
                            (k.clone(), Value::String(format!("sha256:{}", sha_hex(s))))
                        }
                        other => (k.clone(), strip(other)),
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    let answer = match output {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_object() && !v.is_array())
                .map(|(k, v)| (k.clone(), strip(v)))
                .collect(),
        ),
        Value::Array(items) => serde_json::json!({ "count": items.len() }),
        other => other.clone(),
    };
    serde_json::json!({ "input": strip(input), "answer": answer })
}

fn sha_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|id| {
                let content = format!("{{\"n\":{id}}}");
                let hash = entry_hash(&prev, "t", Some(1), None, "a", &content);
                let e = AuditEntry {
                    id,
                    at: "t".into(),
                    staff_id: Some(1),
                    authorised_by: None,
                    action: "a".into(),
                    content,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_walks() {
        let r = walk(&chain(5));
        assert!(r.intact);
        assert_eq!(r.entries, 5);
    }

    #[test]
    fn a_changed_entry_is_named() {
        let mut c = chain(5);
        c[2].content = "{\"n\":99}".into();
        assert_eq!(walk(&c).first_broken, Some(3));
        let mut c = chain(5);
        c[3].authorised_by = Some(2);
        assert_eq!(walk(&c).first_broken, Some(4));
    }

    #[test]
    fn a_removed_entry_is_named() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(walk(&c).first_broken, Some(3));
    }

    #[test]
    fn fields_cannot_slide_into_each_other() {
        assert_ne!(
            entry_hash("p", "ab", None, None, "c", "d"),
            entry_hash("p", "a", None, None, "bc", "d")
        );
    }

    #[test]
    fn summaries_keep_scalars_and_hash_images() {
        let input = serde_json::json!({ "staff_id": 1, "logo_base64": "AAAA", "n": [1],
            "secret": "2468", "manager_secret": "1357", "passphrase": "open sesame" });
        let output = serde_json::json!({ "id": 7, "number": "INV-1", "lines": [1, 2] });
        let s = summary(&input, &output);
        assert_eq!(
            s["answer"],
            serde_json::json!({ "id": 7, "number": "INV-1" })
        );
        assert!(s["input"]["logo_base64"]
            .as_str()
            .unwrap()
            .starts_with("sha256:"));
        assert_eq!(s["input"]["n"], serde_json::json!([1]));
        for k in ["secret", "manager_secret", "passphrase"] {
            assert_eq!(s["input"][k], "(withheld)");
        }
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v: serde_json::Value = serde_json::from_str("{\"b\":1, \"a\":[2, 3]}").unwrap();
        assert_eq!(canonical(&v), "{\"a\":[2,3],\"b\":1}");
    }
}
