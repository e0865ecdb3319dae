-- What of a kept record the hub did not use, in the partner's field names: a JSON array of
-- {"field", "reason"} (a placeholder NHS number such as 0000000000 is never a linking key). Null: none.
ALTER TABLE record_outcome ADD COLUMN warnings jsonb CHECK (warnings IS NULL OR jsonb_typeof(warnings) = 'array');
