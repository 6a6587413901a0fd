//! Estimate and invoice totals, computed exactly from lines (see `money` for the
//! rounding rule). Pure functions: the same lines always give the same totals,
//! on screen, in approvals and on printed documents.
//!
//! Order of operations, per line: `gross = round(qty × unit price)`; the line's
//! discount (an amount, capped at gross, or a percentage); then the job's discount
//! (a percentage of each line, or an amount shared across lines in proportion,
//! exactly). What remains is the line's `net` in the price basis the shop enters
//! (with or without tax). Tax is then computed once per tax rate over the sum of
//! that rate's nets.

use crate::base::money::{allocate, percent_of, tax_included, BasisPoints, Money, Qty};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Labour,
    Part,
    Other,
}

impl LineKind {
    pub fn code(self) -> &'static str {
        match self {
            LineKind::Labour => "labour",
            LineKind::Part => "part",
            LineKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> LineKind {
        match s {
            "labour" => LineKind::Labour,
            "part" => LineKind::Part,
            _ => LineKind::Other,
        }
    }
}

/// What the totals need of a line.
#[derive(Debug, Clone, Copy)]
pub struct Priced {
    pub kind: LineKind,
    pub quantity: Qty,
    pub unit_price: Money,
    pub discount_bp: BasisPoints,
    pub discount_amount: Money,
    pub tax_rate_bp: BasisPoints,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct JobDiscount {
    pub bp: BasisPoints,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct TaxRow {
    pub rate_bp: BasisPoints,
    /// Amount the tax is charged on (excluding tax).
    pub base: Money,
    pub tax: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct Totals {
    /// Gross of labour lines before discounts, in the entry basis.
    pub labour: Money,
    pub parts: Money,
    pub other: Money,
    /// All discounts (line and job).
    pub discount: Money,
    pub taxes: Vec<TaxRow>,
    /// Sum excluding tax.
    pub net: Money,
    pub tax: Money,
    pub total: Money,
    pub prices_include_tax: bool,
}

/// Each line's net after line and job discounts, in the entry basis.
pub fn line_nets(lines: &[Priced], job: JobDiscount) -> (Vec<Money>, Vec<Money>) {
    let after_line: Vec<Money> = lines
        .iter()
        .map(|l| {
            let gross = l.quantity.times(l.unit_price);
            let d = if l.discount_amount > 0 {
                l.discount_amount.min(gross)
            } else {
                percent_of(gross, l.discount_bp)
            };
            gross - d
        })
        .collect();
    let job_parts: Vec<Money> = if job.amount > 0 {
        let total: Money = after_line.iter().sum();
        allocate(job.amount.min(total), &after_line)
    } else {
        after_line.iter().map(|a| percent_of(*a, job.bp)).collect()
    };
    let nets = after_line
        .iter()
        .zip(&job_parts)
        .map(|(a, j)| a - j)
        .collect();
    (nets, job_parts)
}

pub fn compute(lines: &[Priced], job: JobDiscount, prices_include_tax: bool) -> Totals {
    let (nets, _) = line_nets(lines, job);
    let mut t = Totals {
        prices_include_tax,
        ..Totals::default()
    };
    let mut by_rate: Vec<(BasisPoints, Money)> = Vec::new();
    for (l, net) in lines.iter().zip(&nets) {
        let gross = l.quantity.times(l.unit_price);
        match l.kind {
            LineKind::Labour => t.labour += gross,
            LineKind::Part => t.parts += gross,
            LineKind::Other => t.other += gross,
        }
        t.discount += gross - net;
        match by_rate.iter_mut().find(|(r, _)| *r == l.tax_rate_bp) {
            Some((_, sum)) => *sum += net,
            None => by_rate.push((l.tax_rate_bp, *net)),
        }
    }
    by_rate.sort_by_key(|(r, _)| *r);
    for (rate, sum) in by_rate {
        let (base, tax) = if prices_include_tax {
            let tax = tax_included(sum, rate);
            (sum - tax, tax)
        } else {
            (sum, percent_of(sum, rate))
        };
        t.net += base;
        t.tax += tax;
        t.taxes.push(TaxRow {
            rate_bp: rate,
            base,
            tax,
        });
    }
    t.total = t.net + t.tax;
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: LineKind, qty: &str, price: Money, tax: BasisPoints) -> Priced {
        Priced {
            kind,
            quantity: Qty::parse(qty).unwrap(),
            unit_price: price,
            discount_bp: 0,
            discount_amount: 0,
            tax_rate_bp: tax,
        }
    }

    #[test]
    fn three_times_a_third_of_an_hour() {
        // 0.333 h × 100.00 = 33.30 each; three lines 99.90, not 100.00.
        let l = line(LineKind::Labour, "0.333", 10_000, 0);
        let t = compute(&[l, l, l], JobDiscount::default(), false);
        assert_eq!(t.labour, 9_990);
        assert_eq!(t.total, 9_990);
    }

    #[test]
    fn tax_once_per_rate_not_per_line() {
        // Three lines of 0.05 at 13 %: per line tax would be 0.01 × 3 = 0.03;
        // per rate it is round(0.15 × 13 %) = 0.02.
        let l = line(LineKind::Part, "1", 5, 1300);
        let t = compute(&[l, l, l], JobDiscount::default(), false);
        assert_eq!(t.tax, 2);
        assert_eq!(t.total, 17);
    }

    #[test]
    fn tax_inclusive_prices() {
        let l = line(LineKind::Part, "1", 11_300, 1300);
        let t = compute(&[l], JobDiscount::default(), true);
        assert_eq!(t.tax, 1_300);
        assert_eq!(t.net, 10_000);
        assert_eq!(t.total, 11_300);
    }

    #[test]
    fn full_discount_and_zero_prices() {
        let mut l = line(LineKind::Labour, "2", 5_000, 600);
        l.discount_bp = 10_000;
        let z = line(LineKind::Part, "1", 0, 1300);
        let t = compute(&[l, z], JobDiscount::default(), false);
        assert_eq!((t.labour, t.discount, t.total), (10_000, 10_000, 0));
    }

    #[test]
    fn large_quantities_do_not_overflow() {
        let l = line(LineKind::Part, "1000000", 1_000_000_000, 1300);
        let t = compute(&[l], JobDiscount::default(), false);
        assert_eq!(t.parts, 1_000_000_000_000_000);
        assert_eq!(t.tax, 130_000_000_000_000);
    }

    #[test]
    fn job_amount_discount_is_shared_exactly() {
        let a = line(LineKind::Labour, "1", 1_000, 600);
        let b = line(LineKind::Part, "1", 2_000, 1300);
        let t = compute(&[a, b], JobDiscount { bp: 0, amount: 100 }, false);
        assert_eq!(t.discount, 100);
        // 33 off labour, 67 off parts: 967 × 6 % = 58, 1933 × 13 % = 251.
        assert_eq!(
            t.taxes,
            vec![
                TaxRow {
                    rate_bp: 600,
                    base: 967,
                    tax: 58
                },
                TaxRow {
                    rate_bp: 1300,
                    base: 1_933,
                    tax: 251
                }
            ]
        );
        assert_eq!(t.total, 2_900 + 58 + 251);
    }
}
