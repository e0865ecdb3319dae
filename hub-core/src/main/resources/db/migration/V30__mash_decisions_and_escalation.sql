-- MASH decision tracking (issue 5): step-up/step-down, requests for partner information, decisions
-- recorded before their contact arrives, and the Spring Integration JDBC lock table that makes one
-- node run the timeliness sweep.

-- 004:L2019 "step down from child protection to child in need without partners being informed".
CREATE TABLE step_change (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    direction         text NOT NULL CHECK (direction IN ('step-up', 'step-down')),
    from_service      text NOT NULL CHECK (length(from_service) > 0),
    to_service        text NOT NULL CHECK (length(to_service) > 0),
    reason            text NOT NULL CHECK (length(reason) > 0),
    decided_by        text NOT NULL,
    decided_at        timestamptz NOT NULL,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id)
);

-- "Awaiting partner information": the MASH asked an agency for information about a contact.
CREATE TABLE information_request (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    contact_id        uuid NOT NULL,
    agency_id         text NOT NULL REFERENCES agency (id),
    requested_at      timestamptz NOT NULL,
    requested_by      text NOT NULL,
    received_at       timestamptz,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    FOREIGN KEY (contact_id, partnership_id) REFERENCES contact (id, partnership_id),
    CHECK (received_at IS NULL OR received_at >= requested_at)
);
CREATE INDEX information_request_open ON information_request (contact_id) WHERE received_at IS NULL;

-- Late data: a decision made on a partner's record before the feed has delivered the contact.
-- It is held here, keyed by the referrer's record id, and becomes a threshold_decision when the
-- contact arrives (see README "Late and out-of-order data").
CREATE TABLE held_decision (
    id                 uuid PRIMARY KEY,
    partnership_id     text NOT NULL REFERENCES partnership (id),
    referrer_agency_id text NOT NULL REFERENCES agency (id),
    partner_record_id  text NOT NULL,
    level_of_need      smallint NOT NULL CHECK (level_of_need BETWEEN 1 AND 4),
    outcome            text NOT NULL,
    rationale          text NOT NULL CHECK (length(rationale) > 0),
    contact_person     text,
    decided_by         text NOT NULL,
    decided_at         timestamptz NOT NULL,
    source_agency_id   text NOT NULL REFERENCES agency (id),
    source_message_id  uuid NOT NULL REFERENCES inbound_message (id),
    recorded_at        timestamptz NOT NULL,
    applied_decision_id uuid REFERENCES threshold_decision (id),
    UNIQUE (referrer_agency_id, partner_record_id)
);

-- Who to contact about a decision is part of the feedback to the referrer (002:L184).
ALTER TABLE threshold_decision ADD COLUMN contact_person text;

CREATE INDEX escalation_open ON escalation (partnership_id, status, stage_due_at);
CREATE INDEX escalation_transition_of ON escalation_transition (escalation_id, id);
CREATE INDEX outbox_destination ON outbox (destination_agency_id, status, created_at);

-- From spring-integration-jdbc 7.1 org/springframework/integration/jdbc/schema-postgresql.sql.
CREATE TABLE INT_LOCK (
    LOCK_KEY      CHAR(36) NOT NULL,
    REGION        VARCHAR(100) NOT NULL,
    CLIENT_ID     CHAR(36),
    CREATED_DATE  TIMESTAMP NOT NULL,
    EXPIRED_AFTER TIMESTAMP NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- A new version supersedes the current one in one transaction: the old row must point at the
-- new one (foreign key) while only one row may be current (unique index), so the check of the
-- pointer waits for the end of the transaction.
ALTER TABLE threshold_decision ALTER CONSTRAINT threshold_decision_superseded_by_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE rag_rating ALTER CONSTRAINT rag_rating_superseded_by_fkey DEFERRABLE INITIALLY IMMEDIATE;
