-- Pinyin keys of Chinese customer names (full pinyin and initials, written by
-- the core: src/base/pinyin.rs), so "wxm" or "wangxiaoming" finds 王小明 by a
-- b-tree prefix lookup. Existing customers are keyed by this migration's hook.
CREATE TABLE customer_name_keys (
    key         TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    PRIMARY KEY (key, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_name_keys_customer ON customer_name_keys(customer_id);
