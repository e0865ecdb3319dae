-- The common dataset. Every canonical row carries its partnership (tenant), the agency
-- that supplied it and the inbound message it came from (ARCHITECTURE.md: "Every fact
-- knows where it came from"; seed 001:L2493 "It is clear which agency provided which
-- information"). Rules live in the database as constraints, not only in Java.

-- Reference data ---------------------------------------------------------------------

CREATE TABLE partnership (
    id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    name            text NOT NULL,
    child_population integer NOT NULL CHECK (child_population > 0)
);

CREATE TABLE agency (
    id      text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    name    text NOT NULL,
    kind    text NOT NULL CHECK (kind IN ('police', 'health', 'education', 'social-care', 'other'))
);

-- Which partnerships an agency serves (a police force serves several).
CREATE TABLE partnership_agency (
    partnership_id text NOT NULL REFERENCES partnership (id),
    agency_id      text NOT NULL REFERENCES agency (id),
    PRIMARY KEY (partnership_id, agency_id)
);

-- Kinds of child identifier; a foreign key to this table rejects an unknown kind.
CREATE TABLE identifier_kind (
    code        text PRIMARY KEY,
    description text NOT NULL
);
INSERT INTO identifier_kind (code, description) VALUES
    ('nhs-number', 'NHS number (10 digits, modulus-11 check digit)'),
    ('upn', 'Unique pupil number (13 characters, leading check letter)'),
    ('police-person-ref', 'Police person reference'),
    ('la-child-id', 'Local authority case system child id');

-- Intake: raw messages, receipts, per-record outcomes, quarantine ----------------------

CREATE TABLE inbound_message (
    id                 uuid PRIMARY KEY,
    receipt_id         uuid NOT NULL UNIQUE,
    agency_id          text NOT NULL REFERENCES agency (id),
    feed               text NOT NULL CHECK (feed IN ('police', 'health', 'education', 'social-care', 'marf', 'mash')),
    partner_message_id text,
    content_hash       text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    content_type       text NOT NULL,
    raw_payload        bytea NOT NULL,
    received_at        timestamptz NOT NULL,
    record_count       integer NOT NULL CHECK (record_count >= 0),
    accepted_count     integer NOT NULL DEFAULT 0 CHECK (accepted_count >= 0),
    duplicate_count    integer NOT NULL DEFAULT 0 CHECK (duplicate_count >= 0),
    rejected_count     integer NOT NULL DEFAULT 0 CHECK (rejected_count >= 0),
    CHECK (accepted_count + duplicate_count + rejected_count <= record_count)
);
-- Re-sending the same message (same partner id or same content) finds the original receipt.
CREATE UNIQUE INDEX inbound_message_partner_id ON inbound_message (agency_id, partner_message_id)
    WHERE partner_message_id IS NOT NULL;
CREATE UNIQUE INDEX inbound_message_content ON inbound_message (agency_id, content_hash);

CREATE TABLE record_outcome (
    message_id  uuid NOT NULL REFERENCES inbound_message (id),
    position    integer NOT NULL CHECK (position >= 0),
    outcome     text NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'rejected')),
    record_type text,
    record_id   uuid,
    reason      text,
    field       text,
    PRIMARY KEY (message_id, position),
    CHECK (outcome <> 'rejected' OR reason IS NOT NULL)
);

CREATE TABLE quarantine (
    id          uuid PRIMARY KEY,
    message_id  uuid NOT NULL REFERENCES inbound_message (id),
    position    integer NOT NULL CHECK (position >= 0),
    agency_id   text NOT NULL REFERENCES agency (id),
    feed        text NOT NULL,
    raw_record  text NOT NULL,
    reason      text NOT NULL,
    field       text,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'discarded')),
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz,
    UNIQUE (message_id, position),
    CHECK ((status = 'open') = (resolved_at IS NULL))
);

-- Children and identity ------------------------------------------------------------------

CREATE TABLE child (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    given_name        text,
    family_name       text,
    date_of_birth     date,
    sex               text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    postcode          text,
    ethnicity         text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    received_at       timestamptz NOT NULL,
    UNIQUE (id, partnership_id),
    CHECK (date_of_birth IS NULL OR date_of_birth >= DATE '1990-01-01')
);

CREATE TABLE child_identifier (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    kind              text NOT NULL REFERENCES identifier_kind (code),
    value             text NOT NULL CHECK (length(value) BETWEEN 1 AND 64),
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    received_at       timestamptz NOT NULL,
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    UNIQUE (partnership_id, kind, value)
);

-- Uncertain matches are not merged; they wait here for a MASH practitioner.
CREATE TABLE child_match_review (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    candidate_id      uuid NOT NULL,
    confidence        numeric(4, 3) NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    reasons           text NOT NULL,
    status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'distinct')),
    created_at        timestamptz NOT NULL,
    decided_at        timestamptz,
    decided_by        text,
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (candidate_id, partnership_id) REFERENCES child (id, partnership_id),
    CHECK (child_id <> candidate_id)
);

-- Canonical events. Each has the same provenance block; a later record from the same
-- agency with the same partner_record_id supersedes the earlier one, which is kept.
-- The block is written out in each table so that every constraint is visible where it applies.

CREATE TABLE contact (
    id                       uuid PRIMARY KEY,
    partnership_id           text NOT NULL REFERENCES partnership (id),
    child_id                 uuid NOT NULL,
    received_at              timestamptz NOT NULL,
    referrer_agency_id       text NOT NULL REFERENCES agency (id),
    referrer_name            text NOT NULL,
    referrer_role            text,
    referrer_contact         text,
    referrer_level_of_need   smallint NOT NULL CHECK (referrer_level_of_need BETWEEN 1 AND 4),
    consent                  text NOT NULL CHECK (consent IN ('given', 'not-sought', 'overridden')),
    consent_reason           text,
    concerns                 text NOT NULL,
    team                     text,
    partner_record_id        text,
    source_agency_id         text NOT NULL REFERENCES agency (id),
    source_message_id        uuid NOT NULL REFERENCES inbound_message (id),
    source_position          integer NOT NULL CHECK (source_position >= 0),
    recorded_at              timestamptz NOT NULL,
    superseded_by            uuid REFERENCES contact (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    UNIQUE (id, partnership_id),
    -- 002:L185 consent is sought unless the threshold to override it is met; say why.
    CHECK (consent = 'given' OR consent_reason IS NOT NULL)
);
CREATE UNIQUE INDEX contact_current ON contact (source_agency_id, partner_record_id)
    WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;

CREATE TABLE rag_rating (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    contact_id        uuid NOT NULL,
    rating            text NOT NULL CHECK (rating IN ('red', 'amber', 'green')),
    rated_at          timestamptz NOT NULL,
    rated_by          text NOT NULL,
    due_at            timestamptz NOT NULL,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES rag_rating (id),
    FOREIGN KEY (contact_id, partnership_id) REFERENCES contact (id, partnership_id)
);

CREATE TABLE threshold_decision (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    contact_id        uuid NOT NULL,
    level_of_need     smallint NOT NULL CHECK (level_of_need BETWEEN 1 AND 4),
    outcome           text NOT NULL CHECK (outcome IN ('no-further-action', 'universal', 'early-help',
                                                       'social-care-assessment', 'strategy-discussion')),
    rationale         text NOT NULL CHECK (length(rationale) > 0),
    decided_by        text NOT NULL,
    decided_at        timestamptz NOT NULL,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES threshold_decision (id),
    FOREIGN KEY (contact_id, partnership_id) REFERENCES contact (id, partnership_id),
    -- Level 4 outcomes (004:L1785): assessment and strategy discussion need level 4.
    CHECK (outcome NOT IN ('social-care-assessment', 'strategy-discussion') OR level_of_need = 4)
);
CREATE UNIQUE INDEX threshold_decision_current ON threshold_decision (contact_id) WHERE superseded_by IS NULL;

-- Referral: a contact that the MASH passes to social care (the referral clock starts here).
CREATE TABLE referral (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    contact_id        uuid,
    referred_at       timestamptz NOT NULL,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES referral (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (contact_id, partnership_id) REFERENCES contact (id, partnership_id),
    UNIQUE (id, partnership_id)
);

CREATE TABLE strategy_discussion (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    referral_id       uuid,
    contact_id        uuid,
    held_at           timestamptz NOT NULL,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES strategy_discussion (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (referral_id, partnership_id) REFERENCES referral (id, partnership_id),
    FOREIGN KEY (contact_id, partnership_id) REFERENCES contact (id, partnership_id),
    UNIQUE (id, partnership_id)
);

-- 001:L3757 social care, police and health take part "as a minimum".
CREATE TABLE strategy_discussion_attendance (
    strategy_discussion_id uuid NOT NULL REFERENCES strategy_discussion (id),
    agency_id              text NOT NULL REFERENCES agency (id),
    attended               boolean NOT NULL,
    source_agency_id       text NOT NULL REFERENCES agency (id),
    source_message_id      uuid NOT NULL REFERENCES inbound_message (id),
    source_position        integer NOT NULL CHECK (source_position >= 0),
    recorded_at            timestamptz NOT NULL,
    PRIMARY KEY (strategy_discussion_id, agency_id)
);

CREATE TABLE section47_enquiry (
    id                     uuid PRIMARY KEY,
    partnership_id         text NOT NULL REFERENCES partnership (id),
    child_id               uuid NOT NULL,
    strategy_discussion_id uuid,
    started_on             date NOT NULL,
    completed_on           date,
    outcome                text CHECK (outcome IN ('no-further-action', 'icpc', 'child-in-need', 'other')),
    partner_record_id      text,
    source_agency_id       text NOT NULL REFERENCES agency (id),
    source_message_id      uuid NOT NULL REFERENCES inbound_message (id),
    source_position        integer NOT NULL CHECK (source_position >= 0),
    recorded_at            timestamptz NOT NULL,
    superseded_by          uuid REFERENCES section47_enquiry (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (strategy_discussion_id, partnership_id) REFERENCES strategy_discussion (id, partnership_id),
    UNIQUE (id, partnership_id),
    CHECK (completed_on IS NULL OR completed_on >= started_on)
);

CREATE TABLE icpc (
    id                     uuid PRIMARY KEY,
    partnership_id         text NOT NULL REFERENCES partnership (id),
    child_id               uuid NOT NULL,
    section47_id           uuid,
    strategy_discussion_id uuid,
    held_on                date NOT NULL,
    outcome                text CHECK (outcome IN ('plan', 'no-plan')),
    partner_record_id      text,
    source_agency_id       text NOT NULL REFERENCES agency (id),
    source_message_id      uuid NOT NULL REFERENCES inbound_message (id),
    source_position        integer NOT NULL CHECK (source_position >= 0),
    recorded_at            timestamptz NOT NULL,
    superseded_by          uuid REFERENCES icpc (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (section47_id, partnership_id) REFERENCES section47_enquiry (id, partnership_id),
    FOREIGN KEY (strategy_discussion_id, partnership_id) REFERENCES strategy_discussion (id, partnership_id)
);

CREATE TABLE child_protection_plan (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    started_on        date NOT NULL,
    ended_on          date,
    category          text CHECK (category IN ('neglect', 'physical', 'emotional', 'sexual', 'multiple')),
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES child_protection_plan (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);

CREATE TABLE assessment (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    referral_id       uuid,
    started_on        date NOT NULL,
    completed_on      date,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES assessment (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (referral_id, partnership_id) REFERENCES referral (id, partnership_id),
    CHECK (completed_on IS NULL OR completed_on >= started_on)
);

CREATE TABLE period_in_care (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    started_on        date NOT NULL,
    ended_on          date,
    legal_status      text,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES period_in_care (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);

CREATE TABLE missing_episode (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    reported_at       timestamptz NOT NULL,
    ended_at          timestamptz,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES missing_episode (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    UNIQUE (id, partnership_id),
    CHECK (ended_at IS NULL OR ended_at >= reported_at)
);

CREATE TABLE return_interview (
    id                 uuid PRIMARY KEY,
    partnership_id     text NOT NULL REFERENCES partnership (id),
    child_id           uuid NOT NULL,
    missing_episode_id uuid,
    offered_at         timestamptz NOT NULL,
    held_at            timestamptz,
    partner_record_id  text,
    source_agency_id   text NOT NULL REFERENCES agency (id),
    source_message_id  uuid NOT NULL REFERENCES inbound_message (id),
    source_position    integer NOT NULL CHECK (source_position >= 0),
    recorded_at        timestamptz NOT NULL,
    superseded_by      uuid REFERENCES return_interview (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    FOREIGN KEY (missing_episode_id, partnership_id) REFERENCES missing_episode (id, partnership_id)
);

CREATE TABLE police_notification (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('incident', 'domestic-abuse')),
    incident_at       timestamptz NOT NULL,
    child_present     boolean,
    school_urn        text,
    school_name       text,
    school_notified_at timestamptz,
    summary           text,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES police_notification (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    -- Operation Encompass needs the school and whether the child was present.
    CHECK (kind <> 'domestic-abuse' OR (school_urn IS NOT NULL AND child_present IS NOT NULL))
);

CREATE TABLE exploitation_risk_assessment (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    exploitation_type text NOT NULL CHECK (exploitation_type IN ('cse', 'cce', 'other')),
    level             text NOT NULL CHECK (level IN ('emerging', 'moderate', 'significant', 'actual')),
    assessed_at       timestamptz NOT NULL,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES exploitation_risk_assessment (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    -- 004:L1709-1714: "Actual" is a level for child sexual exploitation only.
    CHECK (level <> 'actual' OR exploitation_type = 'cse')
);

CREATE TABLE person_posing_risk (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    police_reference  text NOT NULL,
    risk_summary      text NOT NULL,
    child_id          uuid,
    recorded_on       date NOT NULL,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES person_posing_risk (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id)
);

CREATE TABLE health_event (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('safeguarding-referral', 'ed-attendance',
                                                    'initial-health-assessment', 'dental-check',
                                                    'exploitation-flag')),
    occurred_at       timestamptz NOT NULL,
    detail            jsonb NOT NULL DEFAULT '{}'::jsonb,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES health_event (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id)
);

CREATE TABLE education_event (
    id                uuid PRIMARY KEY,
    partnership_id    text NOT NULL REFERENCES partnership (id),
    child_id          uuid NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('referral', 'attendance', 'exclusion', 'missing-education',
                                                    'elective-home-education', 'early-help-assessment',
                                                    'encompass-receipt')),
    occurred_on       date NOT NULL,
    detail            jsonb NOT NULL DEFAULT '{}'::jsonb,
    partner_record_id text,
    source_agency_id  text NOT NULL REFERENCES agency (id),
    source_message_id uuid NOT NULL REFERENCES inbound_message (id),
    source_position   integer NOT NULL CHECK (source_position >= 0),
    recorded_at       timestamptz NOT NULL,
    superseded_by     uuid REFERENCES education_event (id),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id)
);

-- Current-version lookups for supersession, one per event table.
CREATE UNIQUE INDEX referral_current ON referral (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX strategy_discussion_current ON strategy_discussion (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX section47_current ON section47_enquiry (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX icpc_current ON icpc (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX cpp_current ON child_protection_plan (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX assessment_current ON assessment (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX period_in_care_current ON period_in_care (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX missing_episode_current ON missing_episode (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX return_interview_current ON return_interview (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX police_notification_current ON police_notification (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX exploitation_current ON exploitation_risk_assessment (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX person_posing_risk_current ON person_posing_risk (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX health_event_current ON health_event (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE UNIQUE INDEX education_event_current ON education_event (source_agency_id, partner_record_id) WHERE partner_record_id IS NOT NULL AND superseded_by IS NULL;
CREATE INDEX contact_child ON contact (partnership_id, child_id);
CREATE INDEX contact_received ON contact (partnership_id, received_at);

-- Escalation -------------------------------------------------------------------------------

CREATE TABLE escalation (
    id                  uuid PRIMARY KEY,
    partnership_id      text NOT NULL REFERENCES partnership (id),
    kind                text NOT NULL CHECK (kind IN ('timeliness', 'professional-disagreement', 'partnership')),
    subject_type        text NOT NULL,
    subject_id          uuid NOT NULL,
    child_id            uuid,
    summary             text NOT NULL,
    raised_by_agency_id text NOT NULL REFERENCES agency (id),
    raised_by_person    text NOT NULL,
    addressed_to_agency_id text NOT NULL REFERENCES agency (id),
    addressed_to_role   text NOT NULL,
    stage               smallint NOT NULL CHECK (stage >= 1),
    stage_due_at        timestamptz NOT NULL,
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    outcome             text CHECK (outcome IN ('upheld', 'changed-decision', 'withdrawn', 'completed')),
    raised_at           timestamptz NOT NULL,
    resolved_at         timestamptz,
    source_agency_id    text NOT NULL REFERENCES agency (id),
    source_message_id   uuid NOT NULL REFERENCES inbound_message (id),
    source_position     integer NOT NULL CHECK (source_position >= 0),
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND outcome IS NOT NULL))
);
-- One open timeliness escalation per breached clock, however many nodes sweep.
CREATE UNIQUE INDEX escalation_one_per_breach ON escalation (kind, subject_type, subject_id)
    WHERE kind = 'timeliness';

CREATE TABLE escalation_transition (
    id            bigserial PRIMARY KEY,
    escalation_id uuid NOT NULL REFERENCES escalation (id),
    action        text NOT NULL CHECK (action IN ('raised', 'stage-changed', 'resolved', 'note')),
    from_stage    smallint,
    to_stage      smallint,
    actor         text NOT NULL,
    actor_agency_id text NOT NULL REFERENCES agency (id),
    at            timestamptz NOT NULL,
    note          text
);

-- Outbound: transactional outbox, delivered at least once with an idempotency key -------------

CREATE TABLE outbox (
    id                    uuid PRIMARY KEY,
    partnership_id        text NOT NULL REFERENCES partnership (id),
    destination_agency_id text NOT NULL REFERENCES agency (id),
    message_type          text NOT NULL,
    idempotency_key       text NOT NULL UNIQUE,
    payload               jsonb NOT NULL,
    status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'fetch')),
    attempts              integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at       timestamptz NOT NULL,
    last_error            text,
    created_at            timestamptz NOT NULL,
    delivered_at          timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

-- Audit trail: append-only, each entry carries the hash of the previous one -------------------

CREATE TABLE audit_event (
    seq            bigint PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text NOT NULL,
    agency_id      text,
    role           text,
    purpose        text,
    action         text NOT NULL,
    entity_type    text NOT NULL,
    entity_id      text,
    client_address text,
    prev_hash      text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash           text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
