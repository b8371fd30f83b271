-- Window aggregates: final windows per resolution, and late deltas merged at read time until compaction folds them in.

CREATE TABLE rollups (
    resolution_s  integer     NOT NULL,
    scope         smallint    NOT NULL,
    key           text        NOT NULL,
    window_start  timestamptz NOT NULL,
    count         bigint      NOT NULL,
    errors        bigint      NOT NULL,
    duration_sum_us bigint    NOT NULL,
    duration_min_us bigint    NOT NULL,
    duration_max_us bigint    NOT NULL,
    sketch        bytea       NOT NULL,
    revision      integer     NOT NULL,
    PRIMARY KEY (resolution_s, scope, key, window_start)
);

CREATE INDEX rollups_time ON rollups (resolution_s, scope, window_start);

CREATE TABLE rollup_deltas (
    id            bigserial   PRIMARY KEY,
    resolution_s  integer     NOT NULL,
    scope         smallint    NOT NULL,
    key           text        NOT NULL,
    window_start  timestamptz NOT NULL,
    count         bigint      NOT NULL,
    errors        bigint      NOT NULL,
    duration_sum_us bigint    NOT NULL,
    duration_min_us bigint    NOT NULL,
    duration_max_us bigint    NOT NULL,
    sketch        bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX rollup_deltas_window ON rollup_deltas (resolution_s, scope, key, window_start);
