-- The scorecard (issue 6): frozen publications, their revisions, and owners' commentary.

-- The local (Europe/London, DOMAIN.md "How time is counted") date an instant counts on.
CREATE FUNCTION scorecard_day(timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ($1 AT TIME ZONE 'Europe/London')::date $$;

-- A published period is frozen: each publication of a measure for a period is a numbered
-- version; version 1 is the original, later versions are revisions after late data. The content
-- is the disclosure-controlled figures exactly as they left the hub (never child-level data).
CREATE TABLE scorecard_publication (
    partnership_id text NOT NULL REFERENCES partnership (id),
    measure_id     text NOT NULL,
    period         text NOT NULL,
    version        integer NOT NULL CHECK (version >= 1),
    published_at   timestamptz NOT NULL,
    counts         jsonb NOT NULL,   -- unrounded counts, kept inside the hub to detect revisions
    published      jsonb NOT NULL,   -- the disclosure-controlled figures as published
    PRIMARY KEY (partnership_id, measure_id, period, version)
);

-- 004:L2424 "gaps in commentary ... has impeded the group": the owner's narrative per period.
CREATE TABLE scorecard_commentary (
    id             uuid PRIMARY KEY,
    partnership_id text NOT NULL REFERENCES partnership (id),
    measure_id     text NOT NULL,
    period         text NOT NULL,
    author         text NOT NULL,
    author_agency_id text,
    written_at     timestamptz NOT NULL,
    text           text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000)
);
CREATE INDEX scorecard_commentary_of ON scorecard_commentary (partnership_id, measure_id, period, written_at);
