-- The server-backed store, begun: the gapless number series. A row per
-- series, taken with its row lock inside the issuing transaction.
CREATE TABLE number_series (
    series TEXT PRIMARY KEY,
    last   BIGINT NOT NULL CHECK (last >= 0)
);
