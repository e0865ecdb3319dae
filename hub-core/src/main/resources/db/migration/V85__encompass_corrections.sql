-- Operation Encompass corrections (issue 15, outside tester): a police record re-sent with new details
-- (time, kind, whether the child was present, the school) updates the school's notice while it is not yet
-- delivered, and after delivery makes a correcting notice that names the one it corrects; when the school
-- changed, the earlier school is sent a withdrawal of its notice. The original notice is still one per
-- police record and child; its corrections chain from it (corrects), and a corrected notice points at its
-- successor (superseded_by) so the sweep and the review list read only current notices.
ALTER TABLE encompass_notice
    ADD COLUMN kind text NOT NULL DEFAULT 'domestic-abuse',
    ADD COLUMN corrects uuid REFERENCES encompass_notice (id),
    ADD COLUMN superseded_by uuid REFERENCES encompass_notice (id),
    -- tells the school the notice it corrects no longer concerns it (the child's school changed, or the
    -- police record is no longer a domestic abuse notification)
    ADD COLUMN withdrawn boolean NOT NULL DEFAULT false,
    -- the start of the next school day after the incident, set once: what the measure counts against;
    -- due_at is the school's own (later when the school became known later, or for a correction)
    ADD COLUMN incident_due_at timestamptz;
UPDATE encompass_notice SET incident_due_at = due_at;
-- cancelled: the police corrected the record before anything reached a school and it is no longer a
-- domestic abuse notification about this child; nothing is sent.
ALTER TABLE encompass_notice DROP CONSTRAINT encompass_notice_status_check;
ALTER TABLE encompass_notice ADD CONSTRAINT encompass_notice_status_check
    CHECK (status IN ('sent', 'told-by-police', 'no-known-school', 'refused', 'cancelled'));
ALTER TABLE encompass_notice DROP CONSTRAINT encompass_notice_police_agency_id_police_record_id_child_id_key;
CREATE UNIQUE INDEX encompass_notice_original ON encompass_notice (police_agency_id, police_record_id, child_id)
    WHERE corrects IS NULL;
-- An education record naming a school routes the child's notices waiting on the review list.
CREATE INDEX encompass_notice_waiting ON encompass_notice (child_id) WHERE status = 'no-known-school';
