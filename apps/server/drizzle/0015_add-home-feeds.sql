CREATE TABLE "home_feed_entries" (
	"account_id" bigint NOT NULL,
	"status_id" bigint NOT NULL,
	CONSTRAINT "home_feed_entries_account_id_status_id_pk" PRIMARY KEY("account_id","status_id")
);
--> statement-breakpoint
CREATE TABLE "home_feeds" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"horizon" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "home_feeds" ADD CONSTRAINT "home_feeds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Home feeds are written when statuses and follows are (see src/db/schema/home-feeds.ts for the
-- promise a feed keeps). Posting and following take an advisory lock on the author's bucket (64
-- buckets, single-key locks 1792256..1792319 = (7001 << 8) + bucket), shared when posting and
-- exclusive when following, so a follow and a post by the followed account written at the same
-- moment cannot both miss each other. A transaction that holds a shared bucket lock (it posted) and
-- then follows an account in the same bucket while another does the same is a deadlock, which
-- PostgreSQL detects by aborting one of them; no Rounds transaction both posts and follows.
CREATE FUNCTION home_feed_build(target bigint, depth integer) RETURNS void AS $$
DECLARE
  n integer;
  oldest bigint;
BEGIN
  INSERT INTO home_feeds (account_id, horizon) VALUES (target, 0) ON CONFLICT (account_id) DO NOTHING;
  WITH picked AS (
    SELECT s.id FROM statuses s
    WHERE s.account_id = target
       OR s.account_id IN (SELECT f.target_account_id FROM follows f WHERE f.account_id = target)
    ORDER BY s.id DESC LIMIT depth
  ), added AS (
    INSERT INTO home_feed_entries (account_id, status_id) SELECT target, id FROM picked ON CONFLICT DO NOTHING
  )
  SELECT count(*), min(id) INTO n, oldest FROM picked;
  IF n >= depth THEN
    UPDATE home_feeds SET horizon = greatest(horizon, oldest) WHERE account_id = target;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A new local account starts with an empty feed that is complete: it follows no one yet.
CREATE FUNCTION home_feed_open() RETURNS trigger AS $$
BEGIN
  INSERT INTO home_feeds (account_id, horizon)
  SELECT a.id, 0 FROM added a WHERE a.domain IS NULL
  ON CONFLICT (account_id) DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER accounts_home_feed_open AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION home_feed_open();
--> statement-breakpoint
-- A new status goes into its author's feed and into the feed of every follower that has one.
CREATE FUNCTION home_feed_fan_out() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared((7001::bigint << 8) + b.bucket)
  FROM (SELECT DISTINCT hashtext(a.account_id::text) & 63 AS bucket FROM added a ORDER BY 1) b;
  INSERT INTO home_feed_entries (account_id, status_id)
  SELECT f.account_id, a.id FROM added a
    JOIN follows f ON f.target_account_id = a.account_id
    JOIN home_feeds h ON h.account_id = f.account_id
  UNION ALL
  SELECT h.account_id, a.id FROM added a JOIN home_feeds h ON h.account_id = a.account_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER statuses_home_feed_fan_out AFTER INSERT ON statuses
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION home_feed_fan_out();
--> statement-breakpoint
-- A new follow brings the followed account's newest 200 statuses above the horizon into the
-- follower's feed; when there were more, the horizon rises to the oldest of them.
CREATE FUNCTION home_feed_follow() RETURNS trigger AS $$
DECLARE
  h bigint;
  n integer;
  oldest bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM home_feeds WHERE account_id = NEW.account_id) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock((7001::bigint << 8) + (hashtext(NEW.target_account_id::text) & 63));
  SELECT horizon INTO h FROM home_feeds WHERE account_id = NEW.account_id;
  WITH picked AS (
    SELECT s.id FROM statuses s
    WHERE s.account_id = NEW.target_account_id AND s.id > h
    ORDER BY s.id DESC LIMIT 200
  ), added AS (
    INSERT INTO home_feed_entries (account_id, status_id)
    SELECT NEW.account_id, id FROM picked ON CONFLICT DO NOTHING
  )
  SELECT count(*), min(id) INTO n, oldest FROM picked;
  IF n >= 200 THEN
    UPDATE home_feeds SET horizon = greatest(horizon, oldest) WHERE account_id = NEW.account_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER follows_home_feed_follow AFTER INSERT ON follows
  FOR EACH ROW EXECUTE FUNCTION home_feed_follow();
--> statement-breakpoint
-- An unfollow takes the account's statuses out of the follower's feed (the home query would skip
-- them anyway; this keeps the feed dense).
CREATE FUNCTION home_feed_unfollow() RETURNS trigger AS $$
BEGIN
  DELETE FROM home_feed_entries e USING statuses s
  WHERE e.account_id = OLD.account_id AND s.id = e.status_id AND s.account_id = OLD.target_account_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER follows_home_feed_unfollow AFTER DELETE ON follows
  FOR EACH ROW EXECUTE FUNCTION home_feed_unfollow();
--> statement-breakpoint
-- A deleted feed (its account was deleted) takes its entries with it.
CREATE FUNCTION home_feed_close() RETURNS trigger AS $$
BEGIN
  DELETE FROM home_feed_entries WHERE account_id = OLD.account_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER home_feeds_close AFTER DELETE ON home_feeds
  FOR EACH ROW EXECUTE FUNCTION home_feed_close();
--> statement-breakpoint
-- Trims up to `batch` feeds, in account order after `after` (null: from the first): drops the
-- entries of deleted statuses and keeps the newest `depth` live ones, raising the horizon to the
-- newest live entry dropped. Returns the entries dropped and the last feed visited (null when none
-- was left); domain/timelines/home-feed.ts calls it batch after batch, each in its own transaction.
CREATE FUNCTION home_feed_trim(depth integer, after bigint, batch integer)
RETURNS TABLE (dropped integer, last_account bigint) AS $$
DECLARE
  r record;
  cut bigint;
  n integer;
BEGIN
  dropped := 0;
  last_account := NULL;
  FOR r IN SELECT h.account_id FROM home_feeds h
    WHERE after IS NULL OR h.account_id > after ORDER BY h.account_id LIMIT batch LOOP
    last_account := r.account_id;
    DELETE FROM home_feed_entries e WHERE e.account_id = r.account_id
      AND NOT EXISTS (SELECT 1 FROM statuses s WHERE s.id = e.status_id);
    GET DIAGNOSTICS n = ROW_COUNT;
    dropped := dropped + n;
    cut := NULL;
    SELECT e.status_id INTO cut FROM home_feed_entries e
    WHERE e.account_id = r.account_id ORDER BY e.status_id DESC OFFSET depth LIMIT 1;
    IF cut IS NOT NULL THEN
      DELETE FROM home_feed_entries WHERE account_id = r.account_id AND status_id <= cut;
      GET DIAGNOSTICS n = ROW_COUNT;
      dropped := dropped + n;
      UPDATE home_feeds SET horizon = greatest(horizon, cut) WHERE account_id = r.account_id;
    END IF;
  END LOOP;
  RETURN NEXT;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Feeds for the local accounts that exist already: their newest 800 candidates each.
SELECT home_feed_build(id, 800) FROM accounts WHERE domain IS NULL;
