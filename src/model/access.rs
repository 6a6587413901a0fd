//! Who may do what: the permissions a command needs, the roles that hold each
//! one by default (the manager edits them), and the rules for a sign-in secret
//! (a PIN of 4–8 digits or a password of 8–128 characters). Pure rules; the
//! signed-in session lives in `api/`, the stored hashes in `store/credentials.rs`.
//!
//! Tests: beside the rules below, and tests/core/shop/access.rs end to end.

use crate::base::error::{Error, Result};
use crate::model::staff::Role;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A kind of action a role may be allowed. Every writing command needs one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Customers, items, reception, inspection with the customer.
    Receive,
    /// Estimate lines, canned jobs, presenting the estimate.
    Estimate,
    /// Recording the customer's approval or decline.
    Approve,
    /// Invoices, payments, refunds, handover.
    Payment,
    /// Assigning work, sublets, waiting for parts, handing over to the check.
    Dispatch,
    /// Starting, finishing and clocking work.
    Work,
    /// Taking parts from stock for a line and returning them.
    Consume,
    /// The parts catalogue and stock bookings.
    Stock,
    /// The quality check.
    Check,
    /// Cancelling a job.
    Cancel,
    /// A discount above the shop's counter limit.
    Discount,
    /// Credit notes (corrections of issued invoices).
    CreditNote,
    /// Follow-up calls, satisfaction surveys and complaints.
    Care,
    /// Importing and exporting the shop's data, and a job's full record.
    Data,
    /// Shop settings, permissions, backups and restore.
    Settings,
    /// Staff members and their sign-in secrets.
    Staff,
}

impl Permission {
    pub const ALL: [Permission; 16] = [
        Permission::Receive,
        Permission::Estimate,
        Permission::Approve,
        Permission::Payment,
        Permission::Dispatch,
        Permission::Work,
        Permission::Consume,
        Permission::Stock,
        Permission::Check,
        Permission::Cancel,
        Permission::Discount,
        Permission::CreditNote,
        Permission::Care,
        Permission::Data,
        Permission::Settings,
        Permission::Staff,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Permission::Receive => "receive",
            Permission::Estimate => "estimate",
            Permission::Approve => "approve",
            Permission::Payment => "payment",
            Permission::Dispatch => "dispatch",
            Permission::Work => "work",
            Permission::Consume => "consume",
            Permission::Stock => "stock",
            Permission::Check => "check",
            Permission::Cancel => "cancel",
            Permission::Discount => "discount",
            Permission::CreditNote => "credit_note",
            Permission::Care => "care",
            Permission::Data => "data",
            Permission::Settings => "settings",
            Permission::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.code() == s)
    }

    pub fn en(self) -> &'static str {
        match self {
            Permission::Receive => "receive customers and items",
            Permission::Estimate => "write estimates",
            Permission::Approve => "record approvals",
            Permission::Payment => "issue invoices and take payments",
            Permission::Dispatch => "assign work and hand jobs to the quality check",
            Permission::Work => "work on jobs",
            Permission::Consume => "take parts for a job",
            Permission::Stock => "keep the parts stock",
            Permission::Check => "run quality checks",
            Permission::Cancel => "cancel jobs",
            Permission::Discount => "give discounts above the counter limit",
            Permission::CreditNote => "issue credit notes",
            Permission::Care => "call customers back, take surveys and handle complaints",
            Permission::Data => "import and export data and job records",
            Permission::Settings => "change settings, backups and permissions",
            Permission::Staff => "manage staff and their PINs",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Permission::Receive => "接待客户与登记车辆/物品",
            Permission::Estimate => "编制估价",
            Permission::Approve => "记录客户确认",
            Permission::Payment => "开具结算单与收款",
            Permission::Dispatch => "派工与移交质检",
            Permission::Work => "施工作业",
            Permission::Consume => "领用配件",
            Permission::Stock => "管理配件库存",
            Permission::Check => "质量检验",
            Permission::Cancel => "取消工单",
            Permission::Discount => "给予超出前台限额的折扣",
            Permission::CreditNote => "开具更正单/贷项通知单",
            Permission::Care => "客户回访、满意度调查与投诉处理",
            Permission::Data => "导入导出数据与工单档案",
            Permission::Settings => "修改设置、备份与权限",
            Permission::Staff => "管理员工及其 PIN",
        }
    }

    /// The roles that hold this permission in a new shop.
    pub fn default_roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Permission::Receive
            | Permission::Estimate
            | Permission::Approve
            | Permission::Payment
            | Permission::Dispatch
            | Permission::Stock
            | Permission::Cancel
            | Permission::Care => &[Counter, Manager],
            Permission::Work | Permission::Consume => &[Technician, Manager],
            Permission::Check => &[Inspector, Manager],
            Permission::Discount
            | Permission::CreditNote
            | Permission::Data
            | Permission::Settings
            | Permission::Staff => &[Manager],
        }
    }
}

/// One role's permissions, as the manager sees and edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct RolePermissions {
    pub role: Role,
    pub permissions: Vec<Permission>,
}

/// Whether a manager keeps what they need to undo a mistake: without settings
/// and staff a shop could lock every manager out of its own permissions.
pub fn check_manager_keeps_control(table: &[RolePermissions]) -> Result<()> {
    let manager = table.iter().find(|r| r.role == Role::Manager);
    let keeps = |p| manager.is_some_and(|m| m.permissions.contains(&p));
    if keeps(Permission::Settings) && keeps(Permission::Staff) {
        return Ok(());
    }
    Err(Error::invalid(
        "permissions",
        "The manager role must keep the settings and staff permissions",
        "经理角色必须保留设置与员工管理权限",
    ))
}

/// What kind of secret a person signs in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretKind {
    Pin,
    Password,
}

impl SecretKind {
    pub fn code(self) -> &'static str {
        match self {
            SecretKind::Pin => "pin",
            SecretKind::Password => "password",
        }
    }
    pub fn parse(s: &str) -> Option<SecretKind> {
        [SecretKind::Pin, SecretKind::Password]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// Wrong secrets in a row before a person is locked out.
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// How long a lock-out lasts.
pub const LOCKOUT_SECONDS: i64 = 60;

/// Checks a new secret: all digits makes a PIN (4–8 digits, not one digit
/// repeated nor a straight run like 1234), anything else a password of 8–128
/// characters. Answers which kind it is.
pub fn check_secret(field: &str, secret: &str) -> Result<SecretKind> {
    let n = secret.chars().count();
    if !secret.is_empty() && secret.chars().all(|c| c.is_ascii_digit()) {
        if !(4..=8).contains(&n) {
            return Err(Error::invalid(
                field,
                "A PIN has 4 to 8 digits",
                "PIN 须为 4 至 8 位数字",
            ));
        }
        if guessable_pin(secret) {
            return Err(Error::invalid(
                field,
                "This PIN is too easy to guess (one digit repeated or a straight run); choose another",
                "该 PIN 太容易被猜到（重复数字或连续数字），请另选",
            ));
        }
        return Ok(SecretKind::Pin);
    }
    if !(8..=128).contains(&n) {
        return Err(Error::invalid(
            field,
            "Use a PIN of 4 to 8 digits or a password of 8 to 128 characters",
            "请使用 4 至 8 位数字 PIN，或 8 至 128 个字符的密码",
        ));
    }
    Ok(SecretKind::Password)
}

fn guessable_pin(pin: &str) -> bool {
    let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let steps: Vec<i32> = d.windows(2).map(|w| w[1] - w[0]).collect();
    steps.iter().all(|&s| s == 0) || steps.iter().all(|&s| s == 1) || steps.iter().all(|&s| s == -1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.code()), Some(p));
        }
    }

    #[test]
    fn secrets() {
        assert_eq!(check_secret("pin", "4827").unwrap(), SecretKind::Pin);
        assert_eq!(check_secret("pin", "48275913").unwrap(), SecretKind::Pin);
        assert_eq!(
            check_secret("pin", "correct horse").unwrap(),
            SecretKind::Password
        );
        for bad in ["", "123", "123456789", "1111", "1234", "9876", "short"] {
            let e = check_secret("pin", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("pin"), "{bad}");
        }
        assert!(check_secret("pin", &"x".repeat(129)).is_err());
    }

    #[test]
    fn the_manager_cannot_lose_control() {
        let mut table: Vec<RolePermissions> = vec![RolePermissions {
            role: Role::Manager,
            permissions: vec![Permission::Settings, Permission::Staff],
        }];
        assert!(check_manager_keeps_control(&table).is_ok());
        table[0].permissions.pop();
        assert!(check_manager_keeps_control(&table).is_err());
        assert!(check_manager_keeps_control(&[]).is_err());
    }
}
