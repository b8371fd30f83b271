-- Indexes for the transactions list and the log search at tens of millions of rows.

-- Same key as spans_service_time, plus what the transactions query reads of every matching span: an index-only scan
-- finds a service's spans of an interval without a heap fetch per span.
CREATE INDEX spans_service_time_cover ON spans (service, start_time) INCLUDE (trace_id, span_id, duration_us);
DROP INDEX spans_service_time;

-- Log lines in the search's order (newest first, then by id): for a frequent term the planner walks this backwards and
-- stops after one page, instead of collecting every match through the GIN index and sorting them.
CREATE INDEX logs_time_id ON logs (time, id);
