-- Scorecard performance (issue 6): "feedback within N working days" joins each threshold decision
-- to its outcome notice in the outbox (002:L184). Reading the decision id out of a million JSON
-- payloads took ~19 s, so the outbox carries it as a relational column. It is generated from the
-- payload the MASH desk already writes (MashDesk.notifyReferrer), so the writer is unchanged and
-- no notice can be stored without it. Only threshold-decision notices with a well-formed (lower-case, as UUID.toString writes it) uuid get
-- one; any other payload leaves it NULL (never an insert failure).
ALTER TABLE outbox ADD COLUMN decision_id uuid GENERATED ALWAYS AS (
    CASE WHEN message_type = 'threshold-decision'
              AND payload ->> 'decisionId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         THEN (payload ->> 'decisionId')::uuid END) STORED;

-- The feedback measure reads the delivered notices of one partnership, by decision id, with the
-- delivery time in the index.
CREATE INDEX outbox_decision_delivered ON outbox (partnership_id, decision_id, delivered_at)
    WHERE decision_id IS NOT NULL AND status = 'delivered';

-- Contact-based measures read a partnership's current contacts by the local day received, and join
-- a decision to its contact (threshold_decision_current already indexes contact_id).
CREATE INDEX contact_partnership_day ON contact (partnership_id, scorecard_day(received_at)) WHERE superseded_by IS NULL;

-- Every measure counts on the local day of an instant (scorecard_day) and the engine keeps the
-- trend window's days. Without statistics on those expressions the planner guessed a few hundred
-- rows out of a million and chose nested loops of index probes (1.1 s of 1.6 s for a contact
-- measure at 200,000 contacts). ANALYZE fills these in.
CREATE STATISTICS threshold_decision_day ON (scorecard_day(decided_at)) FROM threshold_decision;
CREATE STATISTICS outbox_delivered_day ON (scorecard_day(delivered_at)) FROM outbox;
CREATE STATISTICS referral_day ON (scorecard_day(referred_at)) FROM referral;
CREATE STATISTICS strategy_discussion_day ON (scorecard_day(held_at)) FROM strategy_discussion;
CREATE STATISTICS missing_episode_day ON (scorecard_day(ended_at)) FROM missing_episode;
CREATE STATISTICS police_notification_day ON (scorecard_day(incident_at)) FROM police_notification;
CREATE STATISTICS inbound_message_day ON (scorecard_day(received_at)) FROM inbound_message;
