-- Intake throughput (issue 3). Each foreign key is an index probe and a row lock per row written,
-- and the agency and identifier-kind rows are the same few rows for every message, so messages
-- stored side by side queue on them. The rows intake writes named their message and their agency
-- with two keys; one key to (message, agency) checks both at once and more: the agency a row names
-- is the one that sent its message.
ALTER TABLE inbound_message ADD CONSTRAINT inbound_message_id_agency UNIQUE (id, agency_id);
ALTER TABLE child DROP CONSTRAINT child_source_agency_id_fkey, DROP CONSTRAINT child_source_message_id_fkey,
    ADD CONSTRAINT child_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE child_identifier DROP CONSTRAINT child_identifier_source_agency_id_fkey, DROP CONSTRAINT child_identifier_source_message_id_fkey,
    ADD CONSTRAINT child_identifier_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE contact DROP CONSTRAINT contact_source_agency_id_fkey, DROP CONSTRAINT contact_source_message_id_fkey,
    ADD CONSTRAINT contact_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE referral DROP CONSTRAINT referral_source_agency_id_fkey, DROP CONSTRAINT referral_source_message_id_fkey,
    ADD CONSTRAINT referral_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE strategy_discussion DROP CONSTRAINT strategy_discussion_source_agency_id_fkey, DROP CONSTRAINT strategy_discussion_source_message_id_fkey,
    ADD CONSTRAINT strategy_discussion_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE section47_enquiry DROP CONSTRAINT section47_enquiry_source_agency_id_fkey, DROP CONSTRAINT section47_enquiry_source_message_id_fkey,
    ADD CONSTRAINT section47_enquiry_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE icpc DROP CONSTRAINT icpc_source_agency_id_fkey, DROP CONSTRAINT icpc_source_message_id_fkey,
    ADD CONSTRAINT icpc_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE child_protection_plan DROP CONSTRAINT child_protection_plan_source_agency_id_fkey, DROP CONSTRAINT child_protection_plan_source_message_id_fkey,
    ADD CONSTRAINT child_protection_plan_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE assessment DROP CONSTRAINT assessment_source_agency_id_fkey, DROP CONSTRAINT assessment_source_message_id_fkey,
    ADD CONSTRAINT assessment_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE period_in_care DROP CONSTRAINT period_in_care_source_agency_id_fkey, DROP CONSTRAINT period_in_care_source_message_id_fkey,
    ADD CONSTRAINT period_in_care_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE missing_episode DROP CONSTRAINT missing_episode_source_agency_id_fkey, DROP CONSTRAINT missing_episode_source_message_id_fkey,
    ADD CONSTRAINT missing_episode_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE return_interview DROP CONSTRAINT return_interview_source_agency_id_fkey, DROP CONSTRAINT return_interview_source_message_id_fkey,
    ADD CONSTRAINT return_interview_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE police_notification DROP CONSTRAINT police_notification_source_agency_id_fkey, DROP CONSTRAINT police_notification_source_message_id_fkey,
    ADD CONSTRAINT police_notification_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE exploitation_risk_assessment DROP CONSTRAINT exploitation_risk_assessment_source_agency_id_fkey, DROP CONSTRAINT exploitation_risk_assessment_source_message_id_fkey,
    ADD CONSTRAINT exploitation_risk_assessment_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE person_posing_risk DROP CONSTRAINT person_posing_risk_source_agency_id_fkey, DROP CONSTRAINT person_posing_risk_source_message_id_fkey,
    ADD CONSTRAINT person_posing_risk_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE health_event DROP CONSTRAINT health_event_source_agency_id_fkey, DROP CONSTRAINT health_event_source_message_id_fkey,
    ADD CONSTRAINT health_event_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);
ALTER TABLE education_event DROP CONSTRAINT education_event_source_agency_id_fkey, DROP CONSTRAINT education_event_source_message_id_fkey,
    ADD CONSTRAINT education_event_source_message_agency_fkey FOREIGN KEY (source_message_id, source_agency_id)
        REFERENCES inbound_message (id, agency_id);

-- The identifier kinds are the codes of identifier_kind (which keeps their descriptions), checked
-- on the row itself rather than by a lookup per identifier.
ALTER TABLE child_identifier DROP CONSTRAINT child_identifier_kind_fkey,
    ADD CONSTRAINT child_identifier_kind_check CHECK (kind IN ('nhs-number', 'upn', 'police-person-ref', 'la-child-id'));
