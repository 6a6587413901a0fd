-- The item's condition at intake, recorded with the customer: fuel level in
-- eighths, keys handed over, valuables left in it, and damage marked on the
-- vehicle outline (positions in thousandths of its width and length). Marks
-- freeze with the inspection once the customer acknowledges it.
ALTER TABLE inspections ADD COLUMN fuel_eighths INTEGER CHECK (fuel_eighths BETWEEN 0 AND 8);
ALTER TABLE inspections ADD COLUMN keys_left INTEGER CHECK (keys_left BETWEEN 0 AND 20);
ALTER TABLE inspections ADD COLUMN valuables TEXT;

CREATE TABLE damage_marks (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    x             INTEGER NOT NULL CHECK (x BETWEEN 0 AND 1000),
    y             INTEGER NOT NULL CHECK (y BETWEEN 0 AND 1000),
    kind          TEXT NOT NULL,
    note          TEXT
);
CREATE INDEX damage_marks_inspection ON damage_marks(inspection_id);
CREATE TRIGGER damage_marks_frozen_delete BEFORE DELETE ON damage_marks
WHEN (SELECT ack_at FROM inspections WHERE id = old.inspection_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the customer acknowledged this inspection'); END;
CREATE TRIGGER damage_marks_frozen_update BEFORE UPDATE ON damage_marks
BEGIN SELECT RAISE(ABORT, 'a damage mark is removed and marked again, never changed'); END;
CREATE TRIGGER damage_marks_frozen_insert BEFORE INSERT ON damage_marks
WHEN (SELECT ack_at FROM inspections WHERE id = new.inspection_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the customer acknowledged this inspection'); END;
