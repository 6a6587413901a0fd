//! SQL for `customers`, `customer_phones` and `designated_persons`.

use super::driver::read::{self, Read, Reads};
use super::driver::OptionalExtension;
use super::{Key, Tx};
use crate::base::error::Result;
use crate::model::customer::{CleanCustomer, Customer, CustomerKind, DesignatedPerson};
use crate::model::settings::Lang;
use std::collections::HashMap;

pub fn insert(tx: &Tx, c: &CleanCustomer, staff_id: i64, now: &str) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO customers (kind, name, email, address, tax_id, language, notes, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        (
            c.kind.code(),
            &c.name,
            &c.email,
            &c.address,
            &c.tax_id,
            c.language.code(),
            &c.notes,
            now,
            staff_id,
        ),
    )?;
    let id = tx.sql().last_insert_rowid()?;
    put_phones(tx, id, &c.phones)?;
    Ok(id)
}

pub fn update(tx: &Tx, id: i64, c: &CleanCustomer) -> Result<()> {
    tx.sql().execute(
        "UPDATE customers SET kind = ?2, name = ?3, email = ?4, address = ?5, tax_id = ?6,
         language = ?7, notes = ?8 WHERE id = ?1",
        (
            id,
            c.kind.code(),
            &c.name,
            &c.email,
            &c.address,
            &c.tax_id,
            c.language.code(),
            &c.notes,
        ),
    )?;
    tx.sql()
        .execute("DELETE FROM customer_phones WHERE customer_id = ?1", [id])?;
    put_phones(tx, id, &c.phones)
}

fn put_phones(tx: &Tx, id: i64, phones: &[String]) -> Result<()> {
    let mut st = tx.sql().prepare_cached(
        "INSERT INTO customer_phones (customer_id, phone, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, p) in phones.iter().enumerate() {
        st.execute((id, p, i as i64))?;
    }
    Ok(())
}

pub fn insert_designated(
    tx: &Tx,
    customer_id: i64,
    name: &str,
    phone: Option<&str>,
    relation: Option<&str>,
) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO designated_persons (customer_id, name, phone, relation) VALUES (?1, ?2, ?3, ?4)",
        (customer_id, name, phone, relation),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Customer>> {
    tx.together(get_read(id))
}

/// The customer with their phones and designated persons: three queries,
/// sent together.
pub fn get_read(customer: impl Into<Key>) -> impl Reads<Out = Option<Customer>> {
    let key = customer.into();
    let base = Read::first(
        format!(
            "SELECT id, kind, name, email, address, tax_id, language, notes FROM customers WHERE id = {}",
            key.sql()
        ),
        key.clone(),
        |r| {
            let kind: String = r.get(1)?;
            let lang: String = r.get(6)?;
            Ok(Customer {
                id: r.get(0)?,
                kind: if kind == "business" { CustomerKind::Business } else { CustomerKind::Person },
                name: r.get(2)?,
                email: r.get(3)?,
                address: r.get(4)?,
                tax_id: r.get(5)?,
                language: if lang == "zh-CN" { Lang::ZhCn } else { Lang::En },
                notes: r.get(7)?,
                phones: vec![],
                designated_persons: vec![],
            })
        },
    );
    let phones = Read::all(
        format!(
            "SELECT phone FROM customer_phones WHERE customer_id = {} ORDER BY position",
            key.sql()
        ),
        key.clone(),
        |r| r.get(0),
    );
    let persons = Read::all(
        format!(
            "SELECT id, name, phone, relation FROM designated_persons WHERE customer_id = {} ORDER BY id",
            key.sql()
        ),
        key,
        |r| {
            Ok(DesignatedPerson {
                id: r.get(0)?,
                name: r.get(1)?,
                phone: r.get(2)?,
                relation: r.get(3)?,
            })
        },
    );
    (base, phones, persons).then(|(base, phones, persons)| {
        Ok(base.map(|c| Customer {
            phones,
            designated_persons: persons,
            ..c
        }))
    })
}

/// A customer's name and first phone, for lists.
pub fn name_and_phone(tx: &Tx, id: i64) -> Result<(String, Option<String>)> {
    Ok(names_and_phones(tx, &[id])?.remove(&id).unwrap_or_default())
}

/// The name and first phone of each of `ids` (one query per 256).
pub fn names_and_phones(tx: &Tx, ids: &[i64]) -> Result<HashMap<i64, (String, Option<String>)>> {
    tx.together(names_and_phones_read(ids))
}

pub fn names_and_phones_read(
    ids: &[i64],
) -> impl Reads<Out = HashMap<i64, (String, Option<String>)>> {
    read::of_ids(
        ids,
        &[],
        |ids| {
            format!(
                "SELECT id, name, (SELECT phone FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1)
                 FROM customers c WHERE id IN ({ids})"
            )
        },
        |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?))),
    )
    .then(|rows| Ok(rows.into_iter().collect()))
}

/// The customer holding `phone` (normalised), with their name: the oldest when
/// several share it.
pub fn by_phone(tx: &Tx, phone: &str) -> Result<Option<(i64, String)>> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT c.id, c.name FROM customer_phones p JOIN customers c ON c.id = p.customer_id
             WHERE p.phone = ?1 ORDER BY c.id LIMIT 1",
        )?
        .query_row([phone], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Customers registered in a period, for an export: id, kind, name, phones,
/// e-mail, address, tax id, language, notes, registered at.
pub fn export(tx: &Tx, from: &str, to: &str) -> Result<Vec<crate::model::sheet::Row>> {
    use super::sheet::Kind::*;
    super::sheet::rows(
        tx,
        "SELECT c.id, c.kind, c.name,
                (SELECT group_concat(phone, ' ') FROM (SELECT phone FROM customer_phones
                  WHERE customer_id = c.id ORDER BY position) AS p),
                c.email, c.address, c.tax_id, c.language, c.notes, c.created_at
         FROM customers c WHERE c.created_at >= ?1 AND c.created_at < ?2 ORDER BY c.id",
        from,
        to,
        &[Int, Text, Text, Text, Text, Text, Text, Text, Text, Time],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(name: &str, phones: &[&str]) -> CleanCustomer {
        CleanCustomer {
            kind: CustomerKind::Person,
            name: name.into(),
            phones: phones.iter().map(|s| s.to_string()).collect(),
            email: None,
            address: None,
            tax_id: None,
            language: Lang::ZhCn,
            notes: None,
        }
    }

    #[test]
    fn stores_phones_and_designated_persons() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s = crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Counter], "t")
            .unwrap();
        let id = insert(&tx, &clean("王小明", &["13800138000", "075512345"]), s, "t").unwrap();
        insert_designated(&tx, id, "王太太", Some("13900000000"), Some("spouse")).unwrap();
        let c = get(&tx, id).unwrap().unwrap();
        assert_eq!(c.phones, vec!["13800138000", "075512345"]);
        assert_eq!(c.designated_persons[0].name, "王太太");
        update(&tx, id, &clean("王小明", &["13700000000"])).unwrap();
        assert_eq!(get(&tx, id).unwrap().unwrap().phones, vec!["13700000000"]);
        crate::store::search::index_customer(&tx, id).unwrap();
        let body: String = tx
            .sql()
            .query_row(
                "SELECT body FROM search_docs WHERE kind = 'customer' AND ref_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(body, "王小明 13700000000");
    }
}
