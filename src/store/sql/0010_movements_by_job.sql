-- Issuing an invoice records the job's figures (figure_sql.rs), its parts'
-- cost summed from the job's stock movements by job. Without an index on
-- job_id that read went through every movement the shop ever made, once per
-- invoice: a ten-year shop's millions. Tests: tests/core/views/kpi.rs.
CREATE INDEX stock_movements_job ON stock_movements(job_id);
