-- A small hand-built dataset for the scorecard measure tests (ScorecardMeasuresTest). Every
-- measure's expected value for 2026-27 Q3 (1 October to 31 December 2026, local time) is worked
-- out in the test's comments from the rows below. Ids: fx(n) is the uuid ending in n.

CREATE FUNCTION fx(n integer) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT ('00000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid $$;

INSERT INTO partnership (id, name, child_population) VALUES
    ('herefordshire', 'Herefordshire', 36029), ('worcestershire', 'Worcestershire', 123000);
INSERT INTO agency (id, name, kind) VALUES
    ('west-mercia-police', 'West Mercia Police', 'police'),
    ('wye-valley-nhs-trust', 'Wye Valley NHS Trust', 'health'),
    ('herefordshire-education', 'Herefordshire education', 'education'),
    ('herefordshire-council', 'Herefordshire Council', 'social-care'),
    ('worcestershire-council', 'Worcestershire County Council', 'social-care');
INSERT INTO partnership_agency (partnership_id, agency_id) VALUES
    ('herefordshire', 'west-mercia-police'), ('herefordshire', 'wye-valley-nhs-trust'),
    ('herefordshire', 'herefordshire-education'), ('herefordshire', 'herefordshire-council'),
    ('worcestershire', 'west-mercia-police'), ('worcestershire', 'worcestershire-council');

-- Provenance messages, received long before any period tested (fx 9001-9005), and three
-- messages received in Q3 for the data-quality measures (fx 9011-9013).
INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload, received_at,
                             record_count, accepted_count, rejected_count) VALUES
    (fx(9001), fx(19001), 'west-mercia-police', 'police', repeat('1', 64), 'application/json', '{}', '2020-01-01T00:00Z', 0, 0, 0),
    (fx(9002), fx(19002), 'wye-valley-nhs-trust', 'health', repeat('2', 64), 'application/json', '{}', '2020-01-01T00:00Z', 0, 0, 0),
    (fx(9003), fx(19003), 'herefordshire-education', 'education', repeat('3', 64), 'text/csv', '{}', '2020-01-01T00:00Z', 0, 0, 0),
    (fx(9004), fx(19004), 'herefordshire-council', 'mash', repeat('4', 64), 'application/json', '{}', '2020-01-01T00:00Z', 0, 0, 0),
    (fx(9005), fx(19005), 'worcestershire-council', 'mash', repeat('5', 64), 'application/json', '{}', '2020-01-01T00:00Z', 0, 0, 0),
    (fx(9011), fx(19011), 'west-mercia-police', 'police', repeat('b', 64), 'application/json', '{}', '2026-11-01T10:00Z', 3, 1, 2),
    (fx(9012), fx(19012), 'herefordshire-education', 'education', repeat('c', 64), 'text/csv', '{}', '2026-11-03T10:00Z', 2, 1, 1),
    (fx(9013), fx(19013), 'wye-valley-nhs-trust', 'health', repeat('d', 64), 'application/json', '{}', '2027-01-09T10:00Z', 1, 1, 0),
    (fx(9014), fx(19014), 'worcestershire-council', 'mash', repeat('e', 64), 'application/json', '{}', '2026-11-01T10:00Z', 1, 0, 1);

-- Data quality: rejected records (fx 9011: 2 rejected; 9012: 1; 9014 is Worcestershire's own agency).
INSERT INTO record_outcome (message_id, position, outcome, reason) VALUES
    (fx(9011), 0, 'rejected', 'no date of birth'), (fx(9011), 1, 'rejected', 'bad NHS number'),
    (fx(9012), 0, 'rejected', 'bad UPN check letter'), (fx(9014), 0, 'rejected', 'no postcode');
INSERT INTO record_outcome (message_id, position, outcome) VALUES (fx(9011), 2, 'accepted'), (fx(9012), 1, 'accepted');

-- Children 1-19 and 20-33 (placement orders), first recorded in 2020 by the council.
INSERT INTO child (id, partnership_id, source_agency_id, source_message_id, source_position, received_at)
SELECT fx(n), 'herefordshire', 'herefordshire-council', fx(9004), 0, '2020-01-01T00:00Z' FROM generate_series(1, 33) n;
-- Children first recorded in Q3 (data quality: NHS number or UPN).
INSERT INTO child (id, partnership_id, source_agency_id, source_message_id, source_position, received_at) VALUES
    (fx(40), 'herefordshire', 'wye-valley-nhs-trust', fx(9002), 0, '2026-10-15T10:00Z'),
    (fx(41), 'herefordshire', 'herefordshire-education', fx(9003), 0, '2026-11-15T10:00Z'),
    (fx(42), 'herefordshire', 'west-mercia-police', fx(9001), 0, '2026-12-15T10:00Z');
INSERT INTO child_identifier (id, partnership_id, child_id, kind, value, source_agency_id, source_message_id, source_position, received_at) VALUES
    (fx(4001), 'herefordshire', fx(40), 'nhs-number', '9434765919', 'wye-valley-nhs-trust', fx(9002), 0, '2026-10-15T10:00Z'),
    (fx(4002), 'herefordshire', fx(41), 'upn', 'A123456789012', 'herefordshire-education', fx(9003), 0, '2026-11-15T10:00Z'),
    (fx(4003), 'herefordshire', fx(42), 'police-person-ref', 'WMP-42', 'west-mercia-police', fx(9001), 0, '2026-12-15T10:00Z');

-- Contacts ------------------------------------------------------------------------------------
INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name, referrer_level_of_need,
                     consent, consent_reason, concerns, team, partner_record_id, source_agency_id, source_message_id,
                     source_position, recorded_at) VALUES
    (fx(101), 'herefordshire', fx(1), '2026-11-02T10:00Z', 'west-mercia-police', 'PC Jones', 4, 'given', NULL, 'bruising', 'Team A', 'P-101', 'west-mercia-police', fx(9001), 0, '2026-11-02T10:00Z'),
    (fx(102), 'herefordshire', fx(2), '2026-11-02T10:00Z', 'herefordshire-education', 'DSL Smith', 3, 'given', NULL, 'neglect', 'Team A', 'E-102', 'herefordshire-education', fx(9012), 1, '2026-11-03T10:00Z'),
    (fx(103), 'herefordshire', fx(3), '2026-12-31T23:30Z', 'wye-valley-nhs-trust', 'HV Brown', 2, 'given', NULL, 'missed checks', NULL, 'H-103', 'wye-valley-nhs-trust', fx(9002), 0, '2026-12-31T23:30Z'),
    -- 23:30 UTC on 30 September is 00:30 BST on 1 October: a Q3 contact.
    (fx(104), 'herefordshire', fx(4), '2026-09-30T23:30Z', 'west-mercia-police', 'PC Jones', 2, 'not-sought', 'police incident', 'DA incident', 'Team B', 'P-104', 'west-mercia-police', fx(9001), 0, '2026-09-30T23:30Z'),
    (fx(105), 'herefordshire', fx(5), '2026-06-15T09:00Z', 'west-mercia-police', 'PC Jones', 2, 'given', NULL, 'concern', 'Team B', 'P-105', 'west-mercia-police', fx(9001), 0, '2026-06-15T09:00Z');
-- An earlier version of contact 101, superseded: must not count.
INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name, referrer_level_of_need,
                     consent, concerns, team, partner_record_id, source_agency_id, source_message_id, source_position,
                     recorded_at, superseded_by) VALUES
    (fx(106), 'herefordshire', fx(1), '2026-11-02T09:00Z', 'west-mercia-police', 'PC Jones', 3, 'given', 'bruise', 'Team A', 'P-101', 'west-mercia-police', fx(9001), 0, '2026-11-02T09:00Z', fx(101));

INSERT INTO rag_rating (id, partnership_id, contact_id, rating, rated_at, rated_by, due_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(151), 'herefordshire', fx(101), 'amber', '2026-11-02T10:30Z', 'lead', '2026-11-03T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-02T10:30Z'),
    (fx(152), 'herefordshire', fx(102), 'green', '2026-11-02T10:30Z', 'lead', '2026-11-05T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-02T10:30Z'),
    (fx(153), 'herefordshire', fx(103), 'red', '2026-12-31T23:35Z', 'lead', '2027-01-01T03:30Z', 'herefordshire-council', fx(9004), 0, '2026-12-31T23:35Z');

INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale, decided_by, decided_at,
                                source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(171), 'herefordshire', fx(101), 4, 'strategy-discussion', 'significant harm', 'lead', '2026-11-03T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-03T10:00Z'),
    (fx(172), 'herefordshire', fx(102), 1, 'no-further-action', 'universal needs', 'lead', '2026-11-03T10:01Z', 'herefordshire-council', fx(9004), 0, '2026-11-03T10:01Z'),
    (fx(174), 'herefordshire', fx(104), 2, 'no-further-action', 'already known', 'lead', '2026-10-01T08:00Z', 'herefordshire-council', fx(9004), 0, '2026-10-01T08:00Z');

-- Each contact's state on its current row, as mash.ContactStates keeps it (V45): rating and due time
-- from the ratings above, the current decision.
UPDATE contact SET rating = 'amber', due_at = '2026-11-03T10:00Z', decision_id = fx(171) WHERE id = fx(101);
UPDATE contact SET rating = 'green', due_at = '2026-11-05T10:00Z', decision_id = fx(172) WHERE id = fx(102);
UPDATE contact SET rating = 'red', due_at = '2027-01-01T03:30Z' WHERE id = fx(103);
UPDATE contact SET decision_id = fx(174) WHERE id = fx(104);

-- Feedback to referrers: the MASH's outbox notices carrying the decision id.
INSERT INTO outbox (id, partnership_id, destination_agency_id, message_type, idempotency_key, payload, status, attempts,
                    next_attempt_at, created_at, delivered_at) VALUES
    (fx(181), 'herefordshire', 'west-mercia-police', 'threshold-decision', 'decision:171', '{"decisionId": "00000000-0000-0000-0000-000000000171"}', 'delivered', 1, '2026-11-04T17:00Z', '2026-11-03T10:00Z', '2026-11-04T17:00Z'),
    (fx(182), 'herefordshire', 'herefordshire-education', 'threshold-decision', 'decision:172', '{"decisionId": "00000000-0000-0000-0000-000000000172"}', 'delivered', 3, '2026-11-05T09:00Z', '2026-11-03T10:01Z', '2026-11-05T09:00Z'),
    (fx(184), 'herefordshire', 'west-mercia-police', 'threshold-decision', 'decision:174', '{"decisionId": "00000000-0000-0000-0000-000000000174"}', 'delivered', 1, '2026-10-02T23:30Z', '2026-10-01T08:00Z', '2026-10-02T23:30Z');

-- Referrals -----------------------------------------------------------------------------------
INSERT INTO referral (id, partnership_id, child_id, contact_id, referred_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(201), 'herefordshire', fx(1), fx(101), '2026-11-02T12:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-02T12:00Z'),
    (fx(202), 'herefordshire', fx(1), NULL, '2025-11-02T12:00Z', 'herefordshire-council', fx(9004), 0, '2025-11-02T12:00Z'),
    (fx(203), 'herefordshire', fx(6), NULL, '2026-11-10T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-10T10:00Z'),
    (fx(204), 'herefordshire', fx(6), NULL, '2025-11-09T10:00Z', 'herefordshire-council', fx(9004), 0, '2025-11-09T10:00Z'),
    (fx(205), 'herefordshire', fx(7), NULL, '2026-12-01T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-12-01T10:00Z');

-- Strategy discussions, attendance, section 47, ICPCs -----------------------------------------
INSERT INTO strategy_discussion (id, partnership_id, child_id, referral_id, held_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(301), 'herefordshire', fx(1), fx(201), '2026-11-03T12:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-03T12:00Z'),
    (fx(302), 'herefordshire', fx(6), fx(203), '2026-11-11T11:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-11T11:00Z'),
    (fx(303), 'herefordshire', fx(8), NULL, '2026-12-14T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-12-14T10:00Z'),
    (fx(304), 'herefordshire', fx(9), NULL, '2026-12-14T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-12-14T10:00Z');
INSERT INTO strategy_discussion_attendance (strategy_discussion_id, agency_id, attended, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(301), 'west-mercia-police', true, 'herefordshire-council', fx(9004), 0, '2026-11-03T12:00Z'),
    (fx(301), 'wye-valley-nhs-trust', true, 'herefordshire-council', fx(9004), 0, '2026-11-03T12:00Z'),
    (fx(302), 'west-mercia-police', true, 'herefordshire-council', fx(9004), 0, '2026-11-11T11:00Z'),
    (fx(302), 'wye-valley-nhs-trust', false, 'herefordshire-council', fx(9004), 0, '2026-11-11T11:00Z');
INSERT INTO section47_enquiry (id, partnership_id, child_id, strategy_discussion_id, started_on, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(501), 'herefordshire', fx(9), fx(304), '2026-12-14', 'herefordshire-council', fx(9004), 0, '2026-12-14T10:00Z');
INSERT INTO icpc (id, partnership_id, child_id, section47_id, strategy_discussion_id, held_on, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(401), 'herefordshire', fx(8), NULL, fx(303), '2027-01-07', 'herefordshire-council', fx(9004), 0, '2027-01-07T10:00Z'),
    (fx(402), 'herefordshire', fx(9), fx(501), NULL, '2027-01-08', 'herefordshire-council', fx(9004), 0, '2027-01-08T10:00Z'),
    (fx(404), 'herefordshire', fx(11), NULL, NULL, '2027-02-01', 'herefordshire-council', fx(9004), 0, '2027-02-01T10:00Z');

-- Child protection plans ----------------------------------------------------------------------
INSERT INTO child_protection_plan (id, partnership_id, child_id, started_on, ended_on, partner_record_id, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(601), 'herefordshire', fx(8), '2026-12-20', NULL, 'CP-601', 'herefordshire-council', fx(9004), 0, '2026-12-20T10:00Z'),
    (fx(602), 'herefordshire', fx(8), '2024-05-01', '2025-01-01', 'CP-602', 'herefordshire-council', fx(9004), 0, '2024-05-01T10:00Z'),
    (fx(603), 'herefordshire', fx(9), '2026-10-05', NULL, 'CP-603', 'herefordshire-council', fx(9004), 0, '2026-10-05T10:00Z'),
    (fx(604), 'herefordshire', fx(10), '2026-11-11', NULL, 'CP-604', 'herefordshire-council', fx(9004), 0, '2026-11-11T10:00Z');
INSERT INTO child_protection_plan (id, partnership_id, child_id, started_on, partner_record_id, source_agency_id, source_message_id, source_position, recorded_at, superseded_by) VALUES
    (fx(605), 'herefordshire', fx(10), '2026-11-01', 'CP-604', 'herefordshire-council', fx(9004), 0, '2026-11-01T10:00Z', fx(604));

-- Assessments ---------------------------------------------------------------------------------
INSERT INTO assessment (id, partnership_id, child_id, started_on, completed_on, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(701), 'herefordshire', fx(1), '2026-10-05', '2026-12-07', 'herefordshire-council', fx(9004), 0, '2026-12-07T10:00Z'),
    (fx(702), 'herefordshire', fx(2), '2026-10-05', '2026-12-08', 'herefordshire-council', fx(9004), 0, '2026-12-08T10:00Z'),
    (fx(703), 'herefordshire', fx(3), '2026-08-03', '2026-09-30', 'herefordshire-council', fx(9004), 0, '2026-09-30T10:00Z'),
    (fx(704), 'herefordshire', fx(4), '2026-11-02', NULL, 'herefordshire-council', fx(9004), 0, '2026-11-02T10:00Z');

-- Missing episodes and return interviews -------------------------------------------------------
INSERT INTO missing_episode (id, partnership_id, child_id, reported_at, ended_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(801), 'herefordshire', fx(12), '2026-10-10T10:00Z', '2026-10-11T10:00Z', 'west-mercia-police', fx(9011), 2, '2026-11-01T10:00Z'),
    (fx(802), 'herefordshire', fx(12), '2026-10-14T09:00Z', '2026-10-15T09:00Z', 'west-mercia-police', fx(9001), 0, '2026-10-14T09:00Z'),
    (fx(803), 'herefordshire', fx(12), '2026-10-18T09:00Z', '2026-10-18T20:00Z', 'west-mercia-police', fx(9001), 0, '2026-10-18T09:00Z'),
    (fx(804), 'herefordshire', fx(13), '2026-12-30T20:00Z', NULL, 'west-mercia-police', fx(9001), 0, '2026-12-30T20:00Z'),
    (fx(805), 'herefordshire', fx(13), '2026-11-01T10:00Z', '2026-11-01T18:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-01T18:00Z');
INSERT INTO return_interview (id, partnership_id, child_id, missing_episode_id, offered_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(901), 'herefordshire', fx(12), fx(801), '2026-10-14T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-10-14T10:00Z'),
    (fx(902), 'herefordshire', fx(12), fx(802), '2026-10-18T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-10-18T10:00Z'),
    (fx(903), 'herefordshire', fx(14), NULL, '2026-11-20T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-11-20T10:00Z');

-- Care, health assessments and dental checks -------------------------------------------------
INSERT INTO period_in_care (id, partnership_id, child_id, started_on, ended_on, legal_status, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(1001), 'herefordshire', fx(15), '2026-12-07', NULL, 'interim-care-order', 'herefordshire-council', fx(9004), 0, '2026-12-07T10:00Z'),
    (fx(1002), 'herefordshire', fx(16), '2026-12-07', NULL, 'section-20', 'herefordshire-council', fx(9004), 0, '2026-12-07T10:00Z'),
    (fx(1003), 'herefordshire', fx(17), '2026-12-01', NULL, 'section-20', 'herefordshire-council', fx(9004), 0, '2026-12-01T10:00Z'),
    (fx(1004), 'herefordshire', fx(18), '2025-01-01', '2026-12-31', 'care-order', 'herefordshire-council', fx(9004), 0, '2025-01-01T10:00Z'),
    (fx(1005), 'herefordshire', fx(19), '2025-06-01', NULL, 'care-order', 'herefordshire-council', fx(9004), 0, '2025-06-01T10:00Z');
-- 14 placement orders granted in 2026, each period ending within a month (004:L410: 14 -> 3.9).
INSERT INTO period_in_care (id, partnership_id, child_id, started_on, ended_on, legal_status, source_agency_id, source_message_id, source_position, recorded_at)
SELECT fx(1100 + n), 'herefordshire', fx(19 + n), DATE '2026-01-15' + 10 * n, DATE '2026-01-15' + 10 * n + 30,
       'placement-order', 'herefordshire-council', fx(9004), 0, '2026-01-15T10:00Z'
FROM generate_series(1, 14) n;
INSERT INTO health_event (id, partnership_id, child_id, kind, occurred_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(1201), 'herefordshire', fx(15), 'initial-health-assessment', '2027-01-07T10:00Z', 'wye-valley-nhs-trust', fx(9013), 0, '2027-01-09T10:00Z'),
    (fx(1202), 'herefordshire', fx(16), 'initial-health-assessment', '2027-01-08T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0, '2027-01-08T10:00Z'),
    (fx(1203), 'herefordshire', fx(17), 'initial-health-assessment', '2026-11-20T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0, '2026-11-20T10:00Z'),
    (fx(1211), 'herefordshire', fx(15), 'dental-check', '2025-12-31T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0, '2025-12-31T10:00Z'),
    (fx(1212), 'herefordshire', fx(16), 'dental-check', '2025-12-30T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0, '2025-12-30T10:00Z'),
    (fx(1213), 'herefordshire', fx(18), 'dental-check', '2026-11-30T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0, '2026-11-30T10:00Z'),
    (fx(1214), 'herefordshire', fx(19), 'dental-check', '2026-06-01T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0, '2026-06-01T10:00Z');

-- Operation Encompass --------------------------------------------------------------------------
INSERT INTO police_notification (id, partnership_id, child_id, kind, incident_at, child_present, school_urn, school_notified_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(1301), 'herefordshire', fx(1), 'domestic-abuse', '2026-11-05T22:00Z', true, '116000', '2026-11-06T08:00Z', 'west-mercia-police', fx(9001), 0, '2026-11-06T08:00Z'),
    (fx(1302), 'herefordshire', fx(2), 'domestic-abuse', '2026-11-06T22:00Z', false, '116000', '2026-11-09T08:45Z', 'west-mercia-police', fx(9001), 0, '2026-11-09T08:45Z'),
    (fx(1303), 'herefordshire', fx(3), 'domestic-abuse', '2026-12-18T19:00Z', true, '116001', '2027-01-04T12:00Z', 'west-mercia-police', fx(9001), 0, '2027-01-04T12:00Z'),
    (fx(1304), 'herefordshire', fx(4), 'incident', '2026-11-10T22:00Z', NULL, NULL, NULL, 'west-mercia-police', fx(9001), 0, '2026-11-10T22:00Z'),
    (fx(1305), 'herefordshire', fx(5), 'domestic-abuse', '2026-11-09T07:00Z', true, '116002', '2026-11-09T09:00Z', 'west-mercia-police', fx(9001), 0, '2026-11-09T09:00Z');
-- The notices (V70): due at the start of the next school day (08:30 GMT, school-terms.yml), hand-computed.
-- 1302's school was told by the hub through the outbox; the others by the police themselves.
INSERT INTO outbox (id, partnership_id, destination_agency_id, message_type, idempotency_key, payload, status, attempts,
                    next_attempt_at, created_at, delivered_at, destination_school_urn) VALUES
    (fx(1312), 'herefordshire', 'herefordshire-education', 'operation-encompass-notice', 'encompass:1312', '{}', 'delivered', 1, '2026-11-09T08:45Z', '2026-11-06T22:05Z', '2026-11-09T08:45Z', '116000');
INSERT INTO encompass_notice (id, partnership_id, child_id, police_notification_id, police_agency_id, police_record_id, incident_at,
                              child_present, school_urn, status, due_at, incident_due_at, outbox_key, school_told_at, created_at) VALUES
    (fx(1311), 'herefordshire', fx(1), fx(1301), 'west-mercia-police', 'WMP-1301', '2026-11-05T22:00Z', true, '116000', 'told-by-police', '2026-11-06T08:30Z', '2026-11-06T08:30Z', NULL, '2026-11-06T08:00Z', '2026-11-06T08:00Z'),
    (fx(1312), 'herefordshire', fx(2), fx(1302), 'west-mercia-police', 'WMP-1302', '2026-11-06T22:00Z', false, '116000', 'sent', '2026-11-09T08:30Z', '2026-11-09T08:30Z', 'encompass:1312', NULL, '2026-11-06T22:05Z'),
    (fx(1313), 'herefordshire', fx(3), fx(1303), 'west-mercia-police', 'WMP-1303', '2026-12-18T19:00Z', true, '116001', 'told-by-police', '2027-01-05T08:30Z', '2027-01-05T08:30Z', NULL, '2027-01-04T12:00Z', '2027-01-04T12:00Z'),
    (fx(1315), 'herefordshire', fx(5), fx(1305), 'west-mercia-police', 'WMP-1305', '2026-11-09T07:00Z', true, '116002', 'told-by-police', '2026-11-09T08:30Z', '2026-11-09T08:30Z', NULL, '2026-11-09T09:00Z', '2026-11-09T09:00Z');

-- Education events -----------------------------------------------------------------------------
INSERT INTO education_event (id, partnership_id, child_id, kind, occurred_on, detail, partner_record_id, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(1401), 'herefordshire', fx(1), 'early-help-assessment', '2026-10-20', '{}', NULL, 'herefordshire-education', fx(9003), 0, '2026-10-20T10:00Z'),
    (fx(1402), 'herefordshire', fx(2), 'early-help-assessment', '2026-11-20', '{}', NULL, 'herefordshire-education', fx(9003), 0, '2026-11-20T10:00Z'),
    (fx(1403), 'herefordshire', fx(3), 'early-help-assessment', '2026-12-01', '{}', NULL, 'herefordshire-council', fx(9004), 0, '2026-12-01T10:00Z'),
    (fx(1404), 'herefordshire', fx(4), 'early-help-assessment', '2026-12-02', '{}', NULL, 'wye-valley-nhs-trust', fx(9002), 0, '2026-12-02T10:00Z'),
    (fx(1411), 'herefordshire', fx(5), 'missing-education', '2026-10-01', '{}', NULL, 'herefordshire-education', fx(9003), 0, '2026-10-01T10:00Z'),
    (fx(1412), 'herefordshire', fx(6), 'missing-education', '2026-12-31', '{}', NULL, 'herefordshire-education', fx(9003), 0, '2026-12-31T10:00Z'),
    (fx(1413), 'herefordshire', fx(7), 'missing-education', '2026-09-30', '{}', NULL, 'herefordshire-education', fx(9003), 0, '2026-09-30T10:00Z'),
    (fx(1421), 'herefordshire', fx(8), 'elective-home-education', '2026-11-11', '{}', 'EHE-8', 'herefordshire-education', fx(9003), 0, '2026-11-11T10:00Z'),
    (fx(1431), 'herefordshire', fx(8), 'attendance', '2026-12-10', '{"attendancePercent": 85}', NULL, 'herefordshire-education', fx(9003), 0, '2026-12-10T10:00Z'),
    (fx(1432), 'herefordshire', fx(9), 'attendance', '2026-11-01', '{"attendancePercent": 92}', NULL, 'herefordshire-education', fx(9003), 0, '2026-11-01T10:00Z'),
    (fx(1433), 'herefordshire', fx(9), 'attendance', '2026-12-01', '{"attendancePercent": 88}', NULL, 'herefordshire-education', fx(9003), 0, '2026-12-01T10:00Z'),
    (fx(1434), 'herefordshire', fx(9), 'attendance', '2026-08-01', '{"attendancePercent": 80}', NULL, 'herefordshire-education', fx(9003), 0, '2026-08-01T10:00Z'),
    (fx(1435), 'herefordshire', fx(10), 'attendance', '2026-12-05', '{"attendancePercent": 95}', NULL, 'herefordshire-education', fx(9003), 0, '2026-12-05T10:00Z'),
    (fx(1436), 'herefordshire', fx(11), 'attendance', '2026-12-05', '{"attendancePercent": 50}', NULL, 'herefordshire-education', fx(9003), 0, '2026-12-05T10:00Z');
INSERT INTO education_event (id, partnership_id, child_id, kind, occurred_on, detail, partner_record_id, source_agency_id, source_message_id, source_position, recorded_at, superseded_by) VALUES
    (fx(1422), 'herefordshire', fx(8), 'elective-home-education', '2026-11-10', '{}', 'EHE-8', 'herefordshire-education', fx(9003), 0, '2026-11-10T10:00Z', fx(1421));

-- Exploitation risk assessments ----------------------------------------------------------------
INSERT INTO exploitation_risk_assessment (id, partnership_id, child_id, exploitation_type, level, assessed_at, source_agency_id, source_message_id, source_position, recorded_at) VALUES
    (fx(1501), 'herefordshire', fx(1), 'cse', 'significant', '2026-10-10T10:00Z', 'west-mercia-police', fx(9001), 0, '2026-10-10T10:00Z'),
    (fx(1502), 'herefordshire', fx(2), 'cce', 'moderate', '2026-11-01T10:00Z', 'west-mercia-police', fx(9001), 0, '2026-11-01T10:00Z'),
    (fx(1503), 'herefordshire', fx(3), 'cse', 'actual', '2026-12-01T10:00Z', 'herefordshire-council', fx(9004), 0, '2026-12-01T10:00Z'),
    (fx(1504), 'herefordshire', fx(4), 'cce', 'moderate', '2027-01-02T10:00Z', 'west-mercia-police', fx(9001), 0, '2027-01-02T10:00Z');

-- Escalations ---------------------------------------------------------------------------------
INSERT INTO escalation (id, partnership_id, kind, subject_type, subject_id, summary, raised_by_agency_id, raised_by_person,
                        addressed_to_agency_id, addressed_to_role, stage, stage_due_at, status, outcome, raised_at, resolved_at,
                        source_agency_id, source_message_id, source_position) VALUES
    (fx(1601), 'herefordshire', 'professional-disagreement', 'threshold-decision', fx(172), 'screened lower', 'herefordshire-education', 'DSL Smith', 'herefordshire-council', 'mash-lead', 1, '2026-10-30T17:00Z', 'resolved', 'upheld', '2026-10-05T10:00Z', '2026-10-20T10:00Z', 'herefordshire-education', fx(9003), 0),
    (fx(1602), 'herefordshire', 'timeliness', 'contact', fx(102), 'decision overdue', 'west-mercia-police', 'PS Green', 'herefordshire-council', 'head-of-service', 2, '2026-11-10T17:00Z', 'resolved', 'completed', '2026-10-06T10:00Z', '2026-11-20T10:00Z', 'west-mercia-police', fx(9001), 0),
    (fx(1603), 'herefordshire', 'professional-disagreement', 'threshold-decision', fx(174), 'screened lower', 'herefordshire-education', 'DSL Smith', 'herefordshire-council', 'mash-lead', 1, '2027-01-10T17:00Z', 'open', NULL, '2026-12-01T10:00Z', NULL, 'herefordshire-education', fx(9003), 0),
    (fx(1604), 'herefordshire', 'professional-disagreement', 'threshold-decision', fx(171), 'screened lower', 'wye-valley-nhs-trust', 'Named nurse', 'herefordshire-council', 'mash-lead', 1, '2026-12-01T10:00Z', 'resolved', 'changed-decision', '2026-06-01T10:00Z', '2026-12-01T10:00Z', 'wye-valley-nhs-trust', fx(9002), 0);
