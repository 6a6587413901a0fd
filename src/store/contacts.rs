//! SQL for `contact_preferences`: how each customer wants to be contacted (a
//! customer without a row gets the default: calls yes, by phone, any time).
//! Rules: care/contact.rs; tests tests/core/care/callbacks.rs.

use super::driver::OptionalExtension;
use super::Tx;
use crate::base::code::{code_of, from_code};
use crate::base::error::Result;
use crate::model::care::{Channel, ContactPreference, PreferredTime};

pub fn get(tx: &Tx, customer_id: i64) -> Result<Option<ContactPreference>> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT calls, channel, preferred_time, opt_out_reason, updated_at, staff_id
             FROM contact_preferences WHERE customer_id = ?1",
        )?
        .query_row([customer_id], |r| {
            Ok(ContactPreference {
                customer_id,
                calls: r.get::<_, i64>(0)? == 1,
                channel: from_code(&r.get::<_, String>(1)?).unwrap_or(Channel::Phone),
                preferred_time: from_code(&r.get::<_, String>(2)?).unwrap_or(PreferredTime::Any),
                opt_out_reason: r.get(3)?,
                updated_at: r.get(4)?,
                staff_id: r.get(5)?,
            })
        })
        .optional()?)
}

pub fn put(tx: &Tx, p: &ContactPreference, staff_id: i64, now: &str) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO contact_preferences (customer_id, calls, channel, preferred_time, opt_out_reason, updated_at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (customer_id) DO UPDATE SET calls = ?2, channel = ?3, preferred_time = ?4,
           opt_out_reason = ?5, updated_at = ?6, staff_id = ?7",
        crate::sql_params![
            p.customer_id,
            p.calls as i64,
            code_of(p.channel),
            code_of(p.preferred_time),
            p.opt_out_reason,
            now,
            staff_id
        ],
    )?;
    Ok(())
}
