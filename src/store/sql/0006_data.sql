-- Schema 6: data in and out. Importing and exporting the shop's data (and a
-- job's full record) is its own permission, held by managers in a new shop.
INSERT INTO role_permissions (role, permission) VALUES ('manager', 'data');
