-- One current RAG rating per contact (issue 6's shared contact facts count each contact once, by
-- its current rating). MashDesk.rate supersedes the previous rating in the same transaction and
-- now locks the contact row first, so two re-ratings at the same moment supersede one another in
-- turn; this index makes it a guarantee, as threshold_decision_current does for decisions.
-- Any contact that already has more than one current rating keeps the newest.
WITH current AS (
    SELECT id, first_value(id) OVER (PARTITION BY contact_id ORDER BY rated_at DESC, recorded_at DESC, id) AS newest
    FROM rag_rating WHERE superseded_by IS NULL)
UPDATE rag_rating r SET superseded_by = current.newest
FROM current WHERE r.id = current.id AND current.id <> current.newest;

CREATE UNIQUE INDEX rag_rating_current ON rag_rating (contact_id) WHERE superseded_by IS NULL;
