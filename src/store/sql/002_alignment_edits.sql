-- cotejo project schema, version 2: alignment edits.
-- Merging or splitting pairs retires the old pairs instead of deleting them, so undo brings them
-- back with their ids, revisions and state log. Active pairs are ordered by their paragraph
-- ranges, which are strictly increasing along a monotone alignment.

ALTER TABLE pair ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
CREATE INDEX pair_active ON pair (retired, source_start, target_start);
