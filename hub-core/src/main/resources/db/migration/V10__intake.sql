-- Intake: versions of partner records (duplicates and supersession), pull checkpoints,
-- and the indexes identity resolution needs.

-- The current version of each partner record, per agency and record type (the canonical
-- table). A re-sent identical record is a duplicate; a changed one supersedes the row named here.
CREATE TABLE record_version (
    agency_id         text NOT NULL REFERENCES agency (id),
    record_type       text NOT NULL,
    partner_record_id text NOT NULL,
    record_hash       text NOT NULL CHECK (record_hash ~ '^[0-9a-f]{64}$'),
    row_id            uuid NOT NULL,
    message_id        uuid NOT NULL REFERENCES inbound_message (id),
    position          integer NOT NULL CHECK (position >= 0),
    PRIMARY KEY (agency_id, record_type, partner_record_id)
);

-- Where each pull route got to: the partner's own lastUpdated of the newest record taken.
CREATE TABLE intake_checkpoint (
    source       text PRIMARY KEY,
    agency_id    text NOT NULL REFERENCES agency (id),
    last_updated timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- Probabilistic matching looks for children with the same date of birth in the partnership.
CREATE INDEX child_partnership_dob ON child (partnership_id, date_of_birth);
CREATE INDEX child_identifier_child ON child_identifier (child_id);
CREATE INDEX quarantine_open ON quarantine (agency_id, created_at) WHERE status = 'open';

-- A later record points the earlier one at its successor before the successor is inserted
-- (the "current" unique indexes allow one current row per partner record), so the
-- superseded_by foreign keys of the tables intake writes are checked at commit.
ALTER TABLE contact ALTER CONSTRAINT contact_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE section47_enquiry ALTER CONSTRAINT section47_enquiry_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE icpc ALTER CONSTRAINT icpc_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE child_protection_plan ALTER CONSTRAINT child_protection_plan_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE assessment ALTER CONSTRAINT assessment_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE period_in_care ALTER CONSTRAINT period_in_care_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE missing_episode ALTER CONSTRAINT missing_episode_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE return_interview ALTER CONSTRAINT return_interview_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE police_notification ALTER CONSTRAINT police_notification_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE exploitation_risk_assessment ALTER CONSTRAINT exploitation_risk_assessment_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE person_posing_risk ALTER CONSTRAINT person_posing_risk_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE health_event ALTER CONSTRAINT health_event_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE education_event ALTER CONSTRAINT education_event_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE strategy_discussion ALTER CONSTRAINT strategy_discussion_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
