//! The statements that compute `job_figures` and `approval_figures` from the
//! invoice and approval records: one text for the live write (store/figures.rs,
//! one row) and for the schema 9 migration (every older row), so the two
//! cannot compute differently. A leaf: it imports only the statement interface.
//! Tests: tests/core/views/kpi.rs.

/// `job_figures` for the invoices `filter` picks (`i.` is the invoice; a
/// `WHERE` clause, which SQLite needs before an upsert's `ON CONFLICT`).
pub(super) fn job_figures_sql(filter: &str) -> String {
    format!(
        "INSERT INTO job_figures (job_id, issued_at, total, claim, labour_sale, labour_hours,
            parts_sale, parts_cost, clocked_minutes, presented_at)
         SELECT i.job_id, i.issued_at, i.total, CASE WHEN j.claim_card_id IS NOT NULL THEN 1 ELSE 0 END,
           COALESCE((SELECT sum((l.approved_quantity * l.approved_unit_price + 500) / 1000) FROM estimate_lines l
                     WHERE l.job_id = i.job_id AND l.status = 'approved' AND l.kind = 'labour'), 0),
           COALESCE((SELECT sum(l.approved_quantity) FROM estimate_lines l
                     WHERE l.job_id = i.job_id AND l.status = 'approved' AND l.kind = 'labour'), 0),
           COALESCE((SELECT sum((l.approved_quantity * l.approved_unit_price + 500) / 1000) FROM estimate_lines l
                     WHERE l.job_id = i.job_id AND l.status = 'approved' AND l.kind = 'part'), 0),
           COALESCE((SELECT (sum(-m.quantity * COALESCE(m.unit_cost, p.cost, 0)) + 500) / 1000
                     FROM stock_movements m LEFT JOIN parts p ON p.id = m.part_id
                     WHERE m.job_id = i.job_id AND m.kind IN ('consumption', 'return')), 0),
           COALESCE((SELECT CAST(round(sum((julianday(c.stopped_at) - julianday(c.started_at)) * 1440)) AS INTEGER)
                     FROM work_clocks c JOIN estimate_lines l ON l.id = c.line_id
                     WHERE l.job_id = i.job_id AND c.stopped_at IS NOT NULL), 0),
           (SELECT min(a.at) FROM approvals a WHERE a.job_id = i.job_id AND a.supplement = 0)
         FROM invoices i JOIN jobs j ON j.id = i.job_id {filter}
         ON CONFLICT (job_id) DO UPDATE SET issued_at = excluded.issued_at, total = excluded.total,
           claim = excluded.claim, labour_sale = excluded.labour_sale, labour_hours = excluded.labour_hours,
           parts_sale = excluded.parts_sale, parts_cost = excluded.parts_cost,
           clocked_minutes = excluded.clocked_minutes, presented_at = excluded.presented_at"
    )
}

/// `approval_figures` for the approvals `filter` picks (`a.` is the approval).
pub(super) fn approval_figures_sql(filter: &str) -> String {
    format!(
        "INSERT OR IGNORE INTO approval_figures (approval_id, job_id, at, first, presented, approved)
         SELECT a.id, a.job_id, a.at,
           CASE WHEN a.supplement = 0 AND NOT EXISTS (SELECT 1 FROM approvals b WHERE b.job_id = a.job_id AND b.id < a.id)
             THEN 1 ELSE 0 END,
           COALESCE((SELECT sum((x.quantity * x.unit_price + 500) / 1000) FROM approval_lines x
                     WHERE x.approval_id = a.id), 0),
           COALESCE((SELECT sum((x.quantity * x.unit_price + 500) / 1000) FROM approval_lines x
                     WHERE x.approval_id = a.id AND x.decision = 'approved'), 0)
         FROM approvals a {filter}"
    )
}

/// Schema 9: the figures of every invoice and approval made before it.
pub(super) fn fill_existing(sql: super::driver::Sql<'_>) -> super::driver::SqlResult<()> {
    sql.execute(&job_figures_sql("WHERE true"), ())?;
    sql.execute(&approval_figures_sql("WHERE true"), ())?;
    Ok(())
}
