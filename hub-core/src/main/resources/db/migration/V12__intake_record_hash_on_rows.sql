-- Intake throughput (issue 3). Each record's content hash moves from record_version (one more
-- row, index entry and two foreign-key checks per record) onto the canonical row itself. The
-- current version of a partner record is the row its table's "_current" unique index already
-- finds (source agency, partner record id, not superseded): a re-sent record with the same hash is
-- a duplicate, one with another hash supersedes it.
ALTER TABLE contact ADD COLUMN record_hash text;
ALTER TABLE referral ADD COLUMN record_hash text;
ALTER TABLE strategy_discussion ADD COLUMN record_hash text;
ALTER TABLE section47_enquiry ADD COLUMN record_hash text;
ALTER TABLE icpc ADD COLUMN record_hash text;
ALTER TABLE child_protection_plan ADD COLUMN record_hash text;
ALTER TABLE assessment ADD COLUMN record_hash text;
ALTER TABLE period_in_care ADD COLUMN record_hash text;
ALTER TABLE missing_episode ADD COLUMN record_hash text;
ALTER TABLE return_interview ADD COLUMN record_hash text;
ALTER TABLE police_notification ADD COLUMN record_hash text;
ALTER TABLE exploitation_risk_assessment ADD COLUMN record_hash text;
ALTER TABLE person_posing_risk ADD COLUMN record_hash text;
ALTER TABLE health_event ADD COLUMN record_hash text;
ALTER TABLE education_event ADD COLUMN record_hash text;

-- Hashes already stored keep working: each current row takes its version's hash.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT DISTINCT record_type FROM record_version LOOP
        EXECUTE format('UPDATE %I AS r SET record_hash = v.record_hash FROM record_version v '
                       'WHERE v.record_type = %L AND v.row_id = r.id', t, t);
    END LOOP;
END $$;

DROP TABLE record_version;
