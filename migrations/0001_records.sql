-- Call records (spans), logs and events, partitioned by day on event time so retention drops whole partitions.

CREATE TABLE spans (
    start_time      timestamptz NOT NULL,
    trace_id        bytea       NOT NULL,
    span_id         bytea       NOT NULL,
    parent_span_id  bytea       NULL,
    service         text        NOT NULL,
    endpoint        text        NOT NULL,
    instance        text        NOT NULL,
    kind            smallint    NOT NULL,
    duration_us     bigint      NOT NULL,
    is_error        boolean     NOT NULL,
    status_code     text        NULL,
    status_message  text        NULL,
    scenario        text        NULL,
    attributes      jsonb       NULL,
    events          jsonb       NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    -- A retried span carries the same start time, so this key makes retries idempotent.
    PRIMARY KEY (trace_id, span_id, start_time)
) PARTITION BY RANGE (start_time);

CREATE INDEX spans_service_time ON spans (service, start_time);
CREATE INDEX spans_time ON spans USING brin (start_time);

CREATE TABLE logs (
    time        timestamptz NOT NULL,
    id          bigserial   NOT NULL,
    record_hash bytea       NOT NULL,
    service     text        NOT NULL,
    instance    text        NOT NULL,
    level       smallint    NOT NULL,
    message     text        NOT NULL,
    trace_id    bytea       NULL,
    span_id     bytea       NULL,
    attributes  jsonb       NULL,
    search      tsvector    GENERATED ALWAYS AS (to_tsvector('simple', message)) STORED,
    -- The hash of a line's content makes a retried batch idempotent.
    PRIMARY KEY (record_hash, time)
) PARTITION BY RANGE (time);

CREATE INDEX logs_search ON logs USING gin (search);
CREATE INDEX logs_trace ON logs (trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX logs_instance_time ON logs (instance, time, id);

CREATE TABLE events (
    source            text        NOT NULL,
    id                text        NOT NULL,
    type              text        NOT NULL,
    time              timestamptz NOT NULL,
    subject           text        NULL,
    data_content_type text        NULL,
    data              jsonb       NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    -- CloudEvents: source + id identify an event, so a redelivery is stored once.
    PRIMARY KEY (source, id)
);

CREATE INDEX events_time ON events (time);
CREATE INDEX events_type_time ON events (type, time);

-- Daily partitions for [today - days_back, today + days_ahead]; records outside fall into the default partitions.
CREATE FUNCTION portal_ensure_partitions(days_back int, days_ahead int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    day date;
    tbl text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['spans', 'logs'] LOOP
        FOR day IN SELECT generate_series(current_date - days_back, current_date + days_ahead, interval '1 day')::date LOOP
            IF to_regclass(format('%I_%s', tbl, to_char(day, 'YYYYMMDD'))) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                               format('%s_%s', tbl, to_char(day, 'YYYYMMDD')), tbl, day, day + 1);
            END IF;
        END LOOP;
    END LOOP;
END;
$$;

CREATE TABLE spans_default PARTITION OF spans DEFAULT;
CREATE TABLE logs_default PARTITION OF logs DEFAULT;
