-- Scorecard performance (issue 6): the local (Europe/London) day an instant counts on, stored.
-- Every contact measure counted on scorecard_day(received_at) / scorecard_day(decided_at), and the
-- time-zone conversion costs about 0.5 microseconds a row: at a million contacts, with the day of
-- the decision and of its feedback notice too, over a second per scorecard. scorecard_day is
-- IMMUTABLE, so these columns are generated from the instants the writers already store: writers
-- are unchanged and a stored day can never disagree with its instant.
ALTER TABLE contact ADD COLUMN received_day date GENERATED ALWAYS AS (scorecard_day(received_at)) STORED;
ALTER TABLE threshold_decision ADD COLUMN decided_day date GENERATED ALWAYS AS (scorecard_day(decided_at)) STORED;
ALTER TABLE outbox ADD COLUMN delivered_day date GENERATED ALWAYS AS (scorecard_day(delivered_at)) STORED;
ALTER TABLE referral ADD COLUMN referred_day date GENERATED ALWAYS AS (scorecard_day(referred_at)) STORED;

-- V41's expression index and statistics on the same days are no longer read: the contact
-- measures read every contact of the trend window once (measures.ContactFacts), a sequential scan.
DROP INDEX contact_partnership_day;
DROP STATISTICS threshold_decision_day;
DROP STATISTICS outbox_delivered_day;
DROP STATISTICS referral_day;

-- The first delivered notice day of each decision (the feedback measure), ready in an index for
-- the planner to read it in decision order where it prefers that to a scan.
DROP INDEX outbox_decision_delivered;
CREATE INDEX outbox_decision_delivered ON outbox (partnership_id, decision_id, delivered_day)
    WHERE decision_id IS NOT NULL AND status = 'delivered';
