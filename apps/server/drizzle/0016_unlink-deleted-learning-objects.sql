-- A learning object deleted by any path (its own API, or the cascade when its first status is deleted
-- through the Mastodon API) takes its status links with it, so no remaining status shows a
-- `rounds.learning` link that answers 404. TG_ARGV[0] is the link kind.
CREATE FUNCTION learning_object_unlink() RETURNS trigger AS $$
BEGIN
  DELETE FROM status_learning WHERE kind = TG_ARGV[0] AND object_id = OLD.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tweetorials_unlink AFTER DELETE ON tweetorials
  FOR EACH ROW EXECUTE FUNCTION learning_object_unlink('tweetorial');
--> statement-breakpoint
CREATE TRIGGER cases_unlink AFTER DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION learning_object_unlink('case');
--> statement-breakpoint
CREATE TRIGGER quizzes_unlink AFTER DELETE ON quizzes
  FOR EACH ROW EXECUTE FUNCTION learning_object_unlink('quiz');
--> statement-breakpoint
-- Links already left behind by such deletes.
DELETE FROM status_learning sl WHERE
  (sl.kind = 'tweetorial' AND NOT EXISTS (SELECT 1 FROM tweetorials t WHERE t.id = sl.object_id))
  OR (sl.kind = 'case' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = sl.object_id))
  OR (sl.kind = 'quiz' AND NOT EXISTS (SELECT 1 FROM quizzes q WHERE q.id = sl.object_id));
