-- The child's pathway as linked records (issue 11, docs/pathway.md). Each step keeps the reference
-- its partner sent (as sent: the partner's own record id, or the hub's id for a MASH record), the
-- link the hub resolved from it or from a configured matching rule (config/hub/pathway.yml), and
-- how that link was made. A step that needs a predecessor and has none is listed for review
-- (pathway_unlinked), never dropped.

-- Referrals: one per MASH decision that refers to social care (MashDesk), withdrawn if the MASH
-- changes that decision; the council's own referral record confirms the MASH's rather than
-- counting again.
ALTER TABLE referral
    ADD COLUMN decision_id uuid REFERENCES threshold_decision (id),
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN mash_referral_ref text,
    ADD COLUMN contact_ref text,
    ADD COLUMN confirms_referral_id uuid REFERENCES referral (id),
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));
CREATE UNIQUE INDEX referral_of_decision ON referral (contact_id) WHERE decision_id IS NOT NULL AND withdrawn_at IS NULL;
ALTER TABLE referral ALTER CONSTRAINT referral_superseded_by_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE referral ALTER CONSTRAINT referral_child_id_partnership_id_fkey DEFERRABLE INITIALLY DEFERRED;

-- Strategy discussion -> referral; a police attendance record -> the MASH's discussion it reports on.
ALTER TABLE strategy_discussion
    ADD COLUMN strategy_discussion_ref text,
    ADD COLUMN same_as_id uuid REFERENCES strategy_discussion (id),
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));

-- Section 47 -> strategy discussion.
ALTER TABLE section47_enquiry
    ADD COLUMN strategy_discussion_ref text,
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));

-- ICPC -> section 47 (the council's record id) and -> the strategy discussion that started the enquiry.
ALTER TABLE icpc
    ADD COLUMN section47_ref text,
    ADD COLUMN strategy_discussion_ref text,
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));

-- Child protection plan -> ICPC.
ALTER TABLE child_protection_plan
    ADD COLUMN icpc_id uuid REFERENCES icpc (id),
    ADD COLUMN icpc_ref text,
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));

-- Assessment -> referral (the council's referral record id, or the hub's referral id).
ALTER TABLE assessment
    ADD COLUMN referral_ref text,
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));

-- Return interview -> the police's missing episode (the police's own episode reference).
ALTER TABLE return_interview
    ADD COLUMN missing_episode_ref text,
    ADD COLUMN missing_episode_agency_id text,
    ADD COLUMN linked_by text CHECK (linked_by IN ('reference', 'rule'));

-- Linking looks for a child's steps by time.
CREATE INDEX referral_child ON referral (child_id, referred_at);
CREATE INDEX strategy_discussion_child ON strategy_discussion (child_id, held_at);
CREATE INDEX section47_child ON section47_enquiry (child_id, started_on);
CREATE INDEX icpc_child ON icpc (child_id, held_on);
CREATE INDEX missing_episode_child ON missing_episode (child_id, ended_at);
CREATE INDEX child_protection_plan_child ON child_protection_plan (child_id, started_on);
CREATE INDEX assessment_child ON assessment (child_id, started_on);
CREATE INDEX return_interview_child ON return_interview (child_id, offered_at);
-- A return interview names the police's episode reference, and the agency only when several could hold it.
CREATE INDEX missing_episode_reference ON missing_episode (partner_record_id) WHERE superseded_by IS NULL;

-- What counts, defined once (docs/pathway.md "Counted once"): every measure, clock and page reads
-- these rather than repeating the conditions.
-- A referral counts once: not a superseded version, not withdrawn by a changed MASH decision, and
-- not the council's record confirming a MASH referral that already counts.
CREATE VIEW counted_referral AS
    SELECT * FROM referral WHERE superseded_by IS NULL AND withdrawn_at IS NULL AND confirms_referral_id IS NULL;
-- A strategy discussion counts once: a police attendance record linked to the MASH's discussion
-- (same_as_id) reports on that discussion and is not one of its own.
CREATE VIEW counted_strategy_discussion AS
    SELECT * FROM strategy_discussion WHERE superseded_by IS NULL AND same_as_id IS NULL;

-- Unlinkable steps are listed, never dropped (docs/pathway.md): every current step that should
-- follow another and does not, one row per missing link, with the local day it counts on and the
-- reference its partner sent (null when none was sent; one that names nothing yet stays as sent).
-- step_type and lacks use the link names of config/hub/pathway.yml (pathway.PathwayLink).
CREATE VIEW pathway_unlinked AS
    SELECT 'council-referral' AS step_type, id AS step_id, child_id, partnership_id, referred_day AS day,
           'mash-referral' AS lacks, coalesce(mash_referral_ref, contact_ref) AS reference
    FROM referral WHERE superseded_by IS NULL AND decision_id IS NULL AND confirms_referral_id IS NULL
    UNION ALL
    SELECT 'strategy-discussion', id, child_id, partnership_id, scorecard_day(held_at), 'referral', contact_id::text
    FROM strategy_discussion WHERE superseded_by IS NULL AND partner_record_id IS NULL AND referral_id IS NULL
    UNION ALL
    SELECT 'police-attendance', id, child_id, partnership_id, scorecard_day(held_at), 'strategy-discussion', strategy_discussion_ref
    FROM strategy_discussion WHERE superseded_by IS NULL AND partner_record_id IS NOT NULL AND same_as_id IS NULL
    UNION ALL
    SELECT 'section-47', id, child_id, partnership_id, started_on, 'strategy-discussion', strategy_discussion_ref
    FROM section47_enquiry WHERE superseded_by IS NULL AND strategy_discussion_id IS NULL
    UNION ALL
    SELECT 'icpc', id, child_id, partnership_id, held_on, 'section-47', section47_ref
    FROM icpc WHERE superseded_by IS NULL AND section47_id IS NULL
    UNION ALL
    SELECT 'icpc', id, child_id, partnership_id, held_on, 'strategy-discussion', strategy_discussion_ref
    FROM icpc WHERE superseded_by IS NULL AND strategy_discussion_id IS NULL
    UNION ALL
    SELECT 'child-protection-plan', id, child_id, partnership_id, started_on, 'icpc', icpc_ref
    FROM child_protection_plan WHERE superseded_by IS NULL AND icpc_id IS NULL
    UNION ALL
    SELECT 'assessment', id, child_id, partnership_id, started_on, 'referral', referral_ref
    FROM assessment WHERE superseded_by IS NULL AND referral_id IS NULL
    UNION ALL
    SELECT 'return-interview', id, child_id, partnership_id, scorecard_day(offered_at), 'missing-episode', missing_episode_ref
    FROM return_interview WHERE superseded_by IS NULL AND missing_episode_id IS NULL;
