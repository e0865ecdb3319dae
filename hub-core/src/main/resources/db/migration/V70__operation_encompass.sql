-- Operation Encompass notices to schools (issue 15; docs/decisions.md "Operation Encompass").
--
-- A police domestic abuse notification no longer has to name the school: the hub finds the child's
-- current school from the education feeds, and a child with no known school goes to a review list.
ALTER TABLE police_notification DROP CONSTRAINT IF EXISTS police_notification_check;
ALTER TABLE police_notification ADD CONSTRAINT police_notification_encompass_present
    CHECK (kind <> 'domestic-abuse' OR child_present IS NOT NULL);

-- Schools tell the hub which pupils are on their roll: an enrolment, or any education event with a
-- school_urn (kept in detail.schoolUrn), names the child's school.
ALTER TABLE education_event DROP CONSTRAINT IF EXISTS education_event_kind_check;
ALTER TABLE education_event ADD CONSTRAINT education_event_kind_check
    CHECK (kind IN ('referral', 'attendance', 'exclusion', 'missing-education', 'elective-home-education',
                    'early-help-assessment', 'encompass-receipt', 'enrolment'));
CREATE INDEX education_event_school ON education_event (child_id, occurred_on DESC)
    WHERE superseded_by IS NULL AND (detail->>'schoolUrn') IS NOT NULL;

-- One notice per police record and child (a correction or a re-send makes no second notice).
-- status: sent (queued to the school through the outbox), told-by-police (the police report they told
-- the school themselves), no-known-school (the review list), refused (no agreement in force).
CREATE TABLE encompass_notice (
    id                     uuid PRIMARY KEY,
    partnership_id         text NOT NULL REFERENCES partnership (id),
    child_id               uuid NOT NULL,
    police_notification_id uuid NOT NULL REFERENCES police_notification (id),
    police_agency_id       text NOT NULL REFERENCES agency (id),
    police_record_id       text NOT NULL,
    incident_at            timestamptz NOT NULL,
    child_present          boolean NOT NULL,
    school_urn             text,
    education_agency_id    text REFERENCES agency (id),
    school_found_in        text CHECK (school_found_in IN ('education-feed', 'police-record')),
    status                 text NOT NULL CHECK (status IN ('sent', 'told-by-police', 'no-known-school', 'refused')),
    reason                 text,
    due_at                 timestamptz,
    outbox_key             text UNIQUE,
    school_told_at         timestamptz,
    acknowledged_at        timestamptz,
    acknowledged_by        text,
    created_at             timestamptz NOT NULL,
    FOREIGN KEY (child_id, partnership_id) REFERENCES child (id, partnership_id),
    UNIQUE (police_agency_id, police_record_id, child_id),
    CHECK ((status IN ('sent', 'told-by-police')) = (school_urn IS NOT NULL)),
    CHECK ((status = 'sent') = (outbox_key IS NOT NULL)),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX encompass_notice_school ON encompass_notice (school_urn, created_at DESC);
CREATE INDEX encompass_notice_partnership ON encompass_notice (partnership_id, status, incident_at DESC);

-- A message for one school within the destination agency: delivered to that school's endpoint in
-- schools.yml (or fetched by the school), never to the agency's own.
ALTER TABLE outbox ADD COLUMN destination_school_urn text;
