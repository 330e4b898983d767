-- The indexes on the tables of schema.sql (created after the rows by a rebuild).

CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_iri ON events (iri);
CREATE INDEX IF NOT EXISTS events_by_time ON events (sort_key, id, types, earliest, latest);
CREATE INDEX IF NOT EXISTS events_by_graph ON events (graph);
CREATE INDEX IF NOT EXISTS events_by_start ON events (earliest, latest, sort_key, types, id);
-- The irregular events are few: a date filter reads them apart from the ranges of the others.
CREATE INDEX IF NOT EXISTS irregular_events ON events (sort_key) WHERE irregular = 1;
CREATE INDEX IF NOT EXISTS actor_totals_by_n ON actor_totals (n);
CREATE INDEX IF NOT EXISTS place_totals_by_n ON place_totals (n);
