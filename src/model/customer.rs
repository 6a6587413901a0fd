//! Customers and their designated persons, and the pure cleaning of customer
//! input (trimmed, required name, phone checked). Tests: tests/core/records/customers.rs.

use crate::base::error::{Error, Result};
use crate::base::text::{optional, phone, required};
use crate::model::settings::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Person,
    Business,
}

impl CustomerKind {
    pub fn code(self) -> &'static str {
        match self {
            CustomerKind::Person => "person",
            CustomerKind::Business => "business",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct DesignatedPerson {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub relation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Customer {
    pub id: i64,
    pub kind: CustomerKind,
    pub name: String,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub tax_id: Option<String>,
    pub language: Lang,
    pub notes: Option<String>,
    pub designated_persons: Vec<DesignatedPerson>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct DesignatedPersonInput {
    pub name: String,
    pub phone: Option<String>,
    pub relation: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CustomerInput {
    pub kind: CustomerKind,
    pub name: String,
    #[serde(default)]
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub tax_id: Option<String>,
    #[serde(default)]
    pub language: Lang,
    pub notes: Option<String>,
    #[serde(default)]
    pub designated_persons: Vec<DesignatedPersonInput>,
}

/// A customer's fields after validation, ready to store.
pub struct CleanCustomer {
    pub kind: CustomerKind,
    pub name: String,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub tax_id: Option<String>,
    pub language: Lang,
    pub notes: Option<String>,
}

impl CustomerInput {
    pub fn clean(&self) -> Result<CleanCustomer> {
        let name = required("name", &self.name, 200)?;
        if self.phones.len() > 5 {
            return Err(Error::invalid(
                "phones",
                "At most 5 phone numbers",
                "最多 5 个电话号码",
            ));
        }
        let mut phones = Vec::new();
        for (i, p) in self.phones.iter().enumerate() {
            let p = phone(&format!("phones[{i}]"), p)?;
            if !phones.contains(&p) {
                phones.push(p);
            }
        }
        let email = optional("email", &self.email, 200)?;
        if let Some(e) = &email {
            let ok = e
                .split_once('@')
                .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'));
            if !ok {
                return Err(Error::invalid(
                    "email",
                    format!("'{e}' is not an email address"),
                    format!("“{e}”不是有效的电子邮箱"),
                ));
            }
        }
        let tax_id = optional("tax_id", &self.tax_id, 50)?;
        if tax_id.is_some() && self.kind == CustomerKind::Person {
            return Err(Error::invalid(
                "tax_id",
                "A tax id is kept for business customers only",
                "仅企业客户需要填写税号",
            ));
        }
        Ok(CleanCustomer {
            kind: self.kind,
            name,
            phones,
            email,
            address: optional("address", &self.address, 500)?,
            tax_id,
            language: self.language,
            notes: optional("notes", &self.notes, 2000)?,
        })
    }
}

pub fn clean_designated(
    i: usize,
    d: &DesignatedPersonInput,
) -> Result<(String, Option<String>, Option<String>)> {
    let name = required(&format!("designated_persons[{i}].name"), &d.name, 200)?;
    let ph = match d.phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(phone(&format!("designated_persons[{i}].phone"), p)?),
    };
    Ok((name, ph, optional("relation", &d.relation, 100)?))
}
