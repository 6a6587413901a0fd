-- The search index keeps new entries in a pending list until it is merged
-- (by the server's autovacuum, or when the list reaches its limit), and every
-- search scans that list entry by entry. The default limit (4 MB) lets a
-- busy day's new customers and items slow every search by milliseconds; a
-- small limit merges them often, a few at a time. (The move to the server
-- and a restore vacuum every table, which merges the list at once.)
ALTER INDEX search_docs_trigram SET (gin_pending_list_limit = 256);
