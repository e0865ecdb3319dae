-- One contact state (issue 11, docs/pathway.md "One contact state"): the MASH's state of a contact
-- lives on its CURRENT row (superseded_by IS NULL) and is kept by mash.ContactStates alone.
--   received_at  when the MASH first received it (a correction keeps its predecessor's);
--   rating       the current RAG rating across all versions (red, amber, green; null if unrated);
--   due_at       when the threshold decision is due: by the rating's clock, else the headline
--                threshold-decision clock (working time is Java's: null until ContactStates fills it);
--   decision_id  the current threshold decision across all versions (null: undecided).
-- rag_rating and threshold_decision stay the history of who rated and decided what, when.
ALTER TABLE contact
    ADD COLUMN rating text CHECK (rating IN ('red', 'amber', 'green')),
    ADD COLUMN due_at timestamptz,
    ADD COLUMN decision_id uuid REFERENCES threshold_decision (id);

-- Derives the state of every current contact from the history tables. Used once here, and by test
-- fixtures that build history rows by SQL; the hub itself keeps the columns as it writes (ContactStates).
-- due_at comes from the current rating's own due time; unrated contacts keep a null due_at for Java.
CREATE FUNCTION contact_state_from_history() RETURNS void LANGUAGE sql AS $$
    WITH versions AS (
        SELECT cur.id AS current_id, v.id AS version_id, v.received_at
        FROM contact cur
        JOIN contact v ON v.id = cur.id OR (v.source_agency_id = cur.source_agency_id
                                           AND v.partner_record_id = cur.partner_record_id)
        WHERE cur.superseded_by IS NULL),
    state AS (
        SELECT vs.current_id,
               min(vs.received_at) AS first_received_at,
               (SELECT r.rating FROM rag_rating r JOIN versions x ON x.version_id = r.contact_id
                WHERE x.current_id = vs.current_id AND r.superseded_by IS NULL
                ORDER BY r.rated_at DESC, r.recorded_at DESC LIMIT 1) AS rating,
               (SELECT r.due_at FROM rag_rating r JOIN versions x ON x.version_id = r.contact_id
                WHERE x.current_id = vs.current_id AND r.superseded_by IS NULL
                ORDER BY r.rated_at DESC, r.recorded_at DESC LIMIT 1) AS due_at,
               (SELECT d.id FROM threshold_decision d JOIN versions x ON x.version_id = d.contact_id
                WHERE x.current_id = vs.current_id AND d.superseded_by IS NULL
                ORDER BY d.decided_at DESC, d.recorded_at DESC LIMIT 1) AS decision_id
        FROM versions vs GROUP BY vs.current_id)
    UPDATE contact c SET received_at = s.first_received_at, rating = s.rating,
                         due_at = coalesce(s.due_at, CASE WHEN s.rating IS NULL THEN c.due_at END),
                         decision_id = s.decision_id
    FROM state s WHERE c.id = s.current_id;
$$;

SELECT contact_state_from_history();

-- The open queue and the sweep: a partnership's undecided current contacts by due time.
CREATE INDEX contact_open_due ON contact (partnership_id, due_at) WHERE superseded_by IS NULL AND decision_id IS NULL;
-- Contacts still waiting for ContactStates to compute their due time (found at start-up).
CREATE INDEX contact_due_unknown ON contact (id) WHERE superseded_by IS NULL AND due_at IS NULL;
