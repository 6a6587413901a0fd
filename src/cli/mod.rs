//! The command line's own parts beyond `call`: acting as a named person with
//! their PIN (`--as NAME`, the PIN from `JOBCARD_PIN`), a batch mode that
//! answers one JSON command per line (scripts, and the crash test's writer),
//! and the owner's maintenance commands (backup, restore, audit, check).
//!
//! Tests: tests/core/faces/cli.rs, tests/core/store/crash.rs.

pub mod batch;
pub mod bench;
pub mod maintenance;

use jobcard::model::staff::Staff;
use jobcard::{Core, Error, ErrorCode};
use serde_json::json;

/// Locks `core` and, when `who` is given, signs that person in with the PIN in
/// `JOBCARD_PIN`. Without `who`, the file's owner may read but not act.
pub fn sign_in(core: &mut Core, who: Option<&str>) -> Result<(), Error> {
    core.lock(false);
    let Some(who) = who else { return Ok(()) };
    let staff: Vec<Staff> = core.exec("staff.list", json!({ "include_inactive": false }))?;
    let wanted = who.trim();
    let matches: Vec<&Staff> = staff
        .iter()
        .filter(|s| s.id.to_string() == wanted || s.name.to_lowercase() == wanted.to_lowercase())
        .collect();
    let person = match matches.as_slice() {
        [one] => *one,
        [] => {
            return Err(Error::not_found("Staff member", "员工", wanted).at("as"));
        }
        _ => {
            return Err(Error::invalid(
                "as",
                format!("Several staff are called '{wanted}'; give the id instead"),
                format!("有多名员工叫“{wanted}”，请改用编号"),
            ))
        }
    };
    let secret = std::env::var("JOBCARD_PIN").map_err(|_| {
        Error::new(
            ErrorCode::SignInRequired,
            format!("Set JOBCARD_PIN to {}'s PIN to act as them", person.name),
            format!(
                "请将 JOBCARD_PIN 设为 {} 的 PIN 后再以其身份操作",
                person.name
            ),
        )
    })?;
    core.sign_in(person.id, &secret)?;
    Ok(())
}
