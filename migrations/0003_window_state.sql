-- Progress of the window processor and of the rollup compaction, kept in one row so that each step commits its
-- results together with how far it got.
CREATE TABLE window_state (
    id                      smallint    PRIMARY KEY CHECK (id = 1),
    final_horizon           timestamptz NOT NULL,
    minutes_compacted_until timestamptz NOT NULL,
    hours_compacted_until   timestamptz NOT NULL
);
