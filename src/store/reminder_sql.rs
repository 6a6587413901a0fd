//! The reminders the shop's history already implies, in one statement: each
//! item's service six months (the default interval) after its last handover,
//! declined work still open 90 days after it was declined, and each card 30
//! days before it ends. Run by the schema 9 migration for a shop upgraded from
//! before reminders existed, and by the benchmark's generator over its ten
//! years. New handovers use the shop's own intervals (care/reminders.rs).
//! A leaf: it imports only the statement interface. Tests: tests/core/views/kpi.rs (the migration).

pub(super) fn fill_from_history(sql: super::driver::Sql<'_>) -> super::driver::SqlResult<()> {
    sql.execute_batch(
        "INSERT OR IGNORE INTO reminders (kind, item_id, customer_id, source_id, due_on, state, created_at)
         SELECT 'service', j.item_id, j.customer_id, j.id, date(j.delivered_at, '+6 months'), 'open', j.delivered_at
         FROM jobs j WHERE j.delivered_at IS NOT NULL AND j.claim_card_id IS NULL
           AND j.delivered_at = (SELECT max(k.delivered_at) FROM jobs k WHERE k.item_id = j.item_id);
         INSERT OR IGNORE INTO reminders (kind, item_id, customer_id, source_id, due_on, state, created_at)
         SELECT 'declined', r.item_id, (SELECT customer_id FROM jobs WHERE id = r.job_id), r.id,
                date(r.created_at, '+90 days'), 'open', r.created_at
         FROM recommendations r WHERE r.status = 'open';
         INSERT OR IGNORE INTO reminders (kind, item_id, customer_id, source_id, due_on, state, created_at)
         SELECT 'card', g.item_id, (SELECT customer_id FROM jobs WHERE id = g.job_id), g.id,
                date(g.starts_on, '+' || (g.days - 30) || ' days'), 'open', g.issued_at
         FROM guarantee_cards g WHERE g.starts_on IS NOT NULL AND g.days > 30;",
    )
}
