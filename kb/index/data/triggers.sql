-- Keep the running totals of schema.sql in step with every row written or removed.
-- (A rebuild loads the tables first, sums the totals once, then creates these.)

CREATE TRIGGER IF NOT EXISTS month_totals_add AFTER INSERT ON events BEGIN
    INSERT INTO month_totals (month, types, n)
    VALUES (CASE WHEN new.sort_key < 0 THEN 0 ELSE new.sort_key / 100 END, new.types, 1)
    ON CONFLICT (month, types) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS month_totals_remove AFTER DELETE ON events BEGIN
    UPDATE month_totals SET n = n - 1
    WHERE month = CASE WHEN old.sort_key < 0 THEN 0 ELSE old.sort_key / 100 END AND types = old.types;
    DELETE FROM month_totals
    WHERE month = CASE WHEN old.sort_key < 0 THEN 0 ELSE old.sort_key / 100 END AND types = old.types AND n <= 0;
END;

CREATE TRIGGER IF NOT EXISTS actor_totals_add AFTER INSERT ON event_actors BEGIN
    INSERT INTO actor_totals (actor, n) VALUES (new.actor, 1) ON CONFLICT (actor) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS actor_totals_remove AFTER DELETE ON event_actors BEGIN
    UPDATE actor_totals SET n = n - 1 WHERE actor = old.actor;
    DELETE FROM actor_totals WHERE actor = old.actor AND n <= 0;
END;

CREATE TRIGGER IF NOT EXISTS place_totals_add AFTER INSERT ON event_places BEGIN
    INSERT INTO place_totals (place, n) VALUES (new.place, 1) ON CONFLICT (place) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS place_totals_remove AFTER DELETE ON event_places BEGIN
    UPDATE place_totals SET n = n - 1 WHERE place = old.place;
    DELETE FROM place_totals WHERE place = old.place AND n <= 0;
END;
