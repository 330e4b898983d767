-- The timeline index: a table of events and, per filter dimension, the events
-- in time order, so that every timeline query is an index range, never a sort
-- of the whole knowledge base. Derived from the store; `kb index --rebuild`
-- makes it again from nothing.
--
-- The indexes of these tables are in indexes.sql (a rebuild creates them after
-- loading the rows, which is faster than keeping them up to date row by row).
--
-- The events are the canonical events of kb.merge (those with kb:sourceCount):
-- each real-world event once, whatever the number of articles reporting it.
--
-- Integers everywhere a row is repeated: an event's id is a hash of its IRI
-- (the same on every machine and every rebuild, so equal dates always page in
-- the same order), actors, places and articles get ids from `terms`.
-- `sort_key` is the time stamp as YYYYMMDD (-1: no stamp, which sorts first).
-- `types` is a bit mask of the event's kb: classes (kb.index.facts.TYPE_BITS).

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);

-- Every graph the index has read, with its article's kb:contentHash (NULL for other
-- graphs) and, for a canonical event graph (kb.merge), its events' kb:sourceCount:
-- the check on open compares both with the store's (kb.index.sync).
CREATE TABLE IF NOT EXISTS graphs (id INTEGER PRIMARY KEY, content_hash TEXT, source_count INTEGER);

-- Graphs a write was about to change: committed before the store write and
-- cleared with the index update, so a crash in between is repaired on open.
CREATE TABLE IF NOT EXISTS pending (graph TEXT PRIMARY KEY);

CREATE TABLE IF NOT EXISTS events (
    row INTEGER PRIMARY KEY,   -- a small number, in order of writing: the texts' rowid
    id INTEGER NOT NULL,       -- the hash of the IRI: the event in every other table
    iri TEXT NOT NULL,
    graph INTEGER NOT NULL,
    sort_key INTEGER NOT NULL,
    stamp TEXT,
    earliest INTEGER,          -- YYYYMMDD of the earliest possible begin
    latest INTEGER,            -- YYYYMMDD of the latest possible begin
    span INTEGER,              -- latest - earliest in days
    irregular INTEGER NOT NULL, -- 1: a bound missing, or more than SHORT_SPAN (kb.index.facts) days apart
    types INTEGER NOT NULL,
    class TEXT,
    family TEXT,
    label TEXT,
    place INTEGER,
    actors TEXT,               -- term ids, space-separated (to delete its rows in event_actors)
    places TEXT,               -- the same for sem:hasPlace
    sources TEXT               -- the same for prov:wasDerivedFrom
);
-- One row per (actor, event), per (place or a place containing it, event), per (article, event).
CREATE TABLE IF NOT EXISTS event_actors (
    actor INTEGER NOT NULL, sort_key INTEGER NOT NULL, event INTEGER NOT NULL, types INTEGER NOT NULL,
    PRIMARY KEY (actor, sort_key, event)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_places (
    place INTEGER NOT NULL, sort_key INTEGER NOT NULL, event INTEGER NOT NULL, types INTEGER NOT NULL,
    PRIMARY KEY (place, sort_key, event)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_sources (
    article INTEGER NOT NULL, sort_key INTEGER NOT NULL, event INTEGER NOT NULL, types INTEGER NOT NULL,
    PRIMARY KEY (article, sort_key, event)) WITHOUT ROWID;

-- schema:containedInPlace, per graph that states it (a graph removed takes its statements with it).
CREATE TABLE IF NOT EXISTS place_edges (
    child INTEGER NOT NULL, parent INTEGER NOT NULL, graph INTEGER NOT NULL,
    PRIMARY KEY (child, parent, graph)) WITHOUT ROWID;

-- Running totals, kept by the triggers below: the month strip and the counts of
-- an unfiltered or type-filtered timeline, and the filter menus, without a scan.
CREATE TABLE IF NOT EXISTS month_totals (
    month INTEGER NOT NULL, types INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (month, types)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_totals (actor INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS place_totals (place INTEGER PRIMARY KEY, n INTEGER NOT NULL);

-- Text search: one row per event (rowid = events.row), its label and quoted
-- sentences joined by U+001F. Trigrams find candidates (detail=none keeps the
-- index small); folded_contains checks each part for the substring.
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5 (text, tokenize = 'trigram', detail = 'none');
