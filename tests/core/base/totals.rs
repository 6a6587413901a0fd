//! Properties of the totals that must hold for any lines: exact sums, tax per
//! rate, discounts never above the amount, nothing lost in allocation.

use jobcard::base::money::{allocate, Qty};
use jobcard::base::totals::{compute, JobDiscount, LineKind, Priced};
use proptest::prelude::*;

fn line() -> impl Strategy<Value = Priced> {
    (
        0..3u8,
        1..100_000i64,
        0..2_000_000i64,
        prop_oneof![Just(0i64), Just(600), Just(900), Just(1300)],
        0..=10_000i64,
        0..1000i64,
        any::<bool>(),
    )
        .prop_map(|(k, q, p, tax, dbp, damt, by_amount)| Priced {
            kind: [LineKind::Labour, LineKind::Part, LineKind::Other][k as usize],
            quantity: Qty(q),
            unit_price: p,
            discount_bp: if by_amount { 0 } else { dbp },
            discount_amount: if by_amount { damt } else { 0 },
            tax_rate_bp: tax,
        })
}

proptest! {
    #[test]
    fn totals_add_up(lines in prop::collection::vec(line(), 0..30), job_bp in 0..=10_000i64, job_amt in 0..100_000i64, use_amt in any::<bool>(), incl in any::<bool>()) {
        let job = if use_amt { JobDiscount { bp: 0, amount: job_amt } } else { JobDiscount { bp: job_bp, amount: 0 } };
        let t = compute(&lines, job, incl);
        let gross = t.labour + t.parts + t.other;
        prop_assert!(t.discount >= 0 && t.discount <= gross);
        prop_assert_eq!(t.total, t.net + t.tax);
        prop_assert_eq!(t.net, t.taxes.iter().map(|r| r.base).sum::<i64>());
        prop_assert_eq!(t.tax, t.taxes.iter().map(|r| r.tax).sum::<i64>());
        if incl {
            prop_assert_eq!(t.total, gross - t.discount, "tax-inclusive: the customer pays the entered prices");
        } else {
            prop_assert_eq!(t.net, gross - t.discount);
        }
        for r in &t.taxes {
            prop_assert!(r.tax >= 0 && r.base >= 0);
        }
    }

    #[test]
    fn allocation_never_loses_a_cent(total in 0..1_000_000i64, weights in prop::collection::vec(0..1_000_000i64, 1..20)) {
        let parts = allocate(total, &weights);
        let sum_w: i64 = weights.iter().sum();
        if sum_w > 0 {
            prop_assert_eq!(parts.iter().sum::<i64>(), total);
        }
        for (p, w) in parts.iter().zip(&weights) {
            prop_assert!(*p >= 0);
            if *w == 0 { prop_assert_eq!(*p, 0); }
        }
    }

    #[test]
    fn quantities_round_trip_through_text(q in -1_000_000_000i64..1_000_000_000) {
        prop_assert_eq!(Qty::parse(&Qty(q).to_string()).unwrap(), Qty(q));
    }
}
