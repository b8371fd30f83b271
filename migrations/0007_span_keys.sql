-- Span indexes that new rows enter near the right edge, so ingestion does not touch random index pages.
--
-- The primary key was (trace_id, span_id, start_time): every span went to a random leaf of a B-tree keyed by random
-- bytes, which cost about half of a COPY's time. The key now leads with service and start time. It holds the same ids,
-- so a retried span (same service, start, trace and span id) is still stored once. It also carries what the
-- transactions list reads, so it replaces spans_service_time_cover, and the index-only scan stays.
-- A trace's spans are found through a hash index on trace_id instead: one bucket page per insert, no descent through
-- a tree of random keys. Trace ids are only ever compared for equality.
ALTER TABLE spans DROP CONSTRAINT spans_pkey;
ALTER TABLE spans ADD PRIMARY KEY (service, start_time, trace_id, span_id) INCLUDE (duration_us);
DROP INDEX spans_service_time_cover;
CREATE INDEX spans_trace ON spans USING hash (trace_id);
