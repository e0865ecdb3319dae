-- Rejection reasons without the rejected value (issue 18) and in the partner's own field names
-- (issue 12 item 11). A reason is now three things (intake.RejectionReason): the field as the partner
-- wrote it, the rule in words (column reason), and the offending value (new column rejected_value),
-- which only the sending partner is shown. Hub administrators and auditors see field and rule.
--
-- Rows written before this migration carry the value inside the reason text ("'9434765918' is not a
-- valid NHS number ...") and the hub's own field names (dateOfBirth, child.postcode, Patient.dateOfBirth).
-- They are rewritten, not dropped: the value moves to rejected_value (the partner still sees it in its
-- receipt and quarantine entries), the rule keeps the rest of the old text word for word, and the
-- field is renamed as the adapters now name it. The old reason texts came from a fixed set of
-- sentences (Checks, ChildFields, JsonRecord, JsonFeed, MessageStore routing, StatedReceipt,
-- PathwayLinks); each shape is matched below. A text of no known shape is left as it is.

ALTER TABLE quarantine ADD COLUMN rejected_value text;
ALTER TABLE record_outcome ADD COLUMN rejected_value text;

-- The field in the partner's terms: a JSON pointer into the message for the JSON feeds (a batch's
-- records are under /records/<position>, a referral form is the whole document), the column for the
-- schools CSV, the FHIR element path for the health feed.
CREATE FUNCTION v46_partner_field(feed text, pos integer, field text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN field IS NULL THEN NULL
        WHEN feed IN ('police', 'social-care') THEN
            CASE WHEN field ~ '^records\[\d+\]$' THEN '/records/' || substring(field FROM '\d+')
                 ELSE '/records/' || pos || '/' || replace(field, '.', '/') END
        WHEN feed = 'marf' THEN '/' || replace(field, '.', '/')
        WHEN feed = 'education' THEN
            CASE field WHEN 'dateOfBirth' THEN 'date_of_birth'
                       WHEN 'child.postcode' THEN 'postcode'
                       WHEN 'nhsNumber' THEN 'upn'
                       ELSE field END
        WHEN feed = 'health' THEN
            CASE field WHEN 'Patient.dateOfBirth' THEN 'Patient.birthDate'
                       WHEN 'Patient.nhsNumber' THEN 'Patient.identifier.where(system=''https://fhir.nhs.uk/Id/nhs-number'').value'
                       WHEN 'Patient.postcode' THEN 'Patient.address.postalCode'
                       WHEN 'child.postcode' THEN 'Patient.address.postalCode'
                       WHEN 'Patient.sex' THEN 'Patient.gender'
                       WHEN 'Patient.givenName' THEN 'Patient.name.given'
                       WHEN 'Patient.familyName' THEN 'Patient.name.family'
                       WHEN 'ServiceRequest.date' THEN 'ServiceRequest.authoredOn'
                       WHEN 'Encounter.date' THEN 'Encounter.period.start'
                       WHEN 'Procedure.date' THEN 'Procedure.performedDateTime'
                       WHEN 'Flag.date' THEN 'Flag.period.start'
                       ELSE field END
        ELSE field END
$$;

-- The old reason split into the rule and the value it quoted; the rule of "later (x) is before
-- earlier (y)" names the earlier field in the partner's terms, as Checks.inOrder now does.
CREATE FUNCTION v46_split_reason(feed text, pos integer, reason text, OUT rule text, OUT value text)
    LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    m text[];
BEGIN
    rule := reason;
    value := NULL;
    IF reason IS NULL THEN
        RETURN;
    END IF;
    m := regexp_match(reason, '^postcode ''(.*?)'' (is in .*)$');
    IF m IS NULL THEN
        m := regexp_match(reason, '^''(.*?)'' (is not .*)$');
    END IF;
    IF m IS NULL THEN
        m := regexp_match(reason, '^(\S+) (is out of range: .*)$');
    END IF;
    IF m IS NULL THEN
        m := regexp_match(reason, '^(\S+) (is more than .*)$');
    END IF;
    IF m IS NOT NULL THEN
        value := m[1];
        rule := m[2];
        RETURN;
    END IF;
    m := regexp_match(reason, '^(\S+) \((.*)\) is before (\S+) \((.*)\)$');
    IF m IS NOT NULL THEN
        value := m[2];
        rule := 'is before ' || v46_partner_field(feed, pos, m[3]);
    END IF;
END
$$;

UPDATE quarantine q SET (reason, rejected_value, field) =
    (SELECT s.rule, s.value, v46_partner_field(q.feed, q.position, q.field)
     FROM v46_split_reason(q.feed, q.position, q.reason) s);

UPDATE record_outcome o SET (reason, rejected_value, field) =
    (SELECT s.rule, s.value, v46_partner_field(m.feed, o.position, o.field)
     FROM inbound_message m, v46_split_reason(m.feed, o.position, o.reason) s
     WHERE m.id = o.message_id)
WHERE o.outcome = 'rejected';

DROP FUNCTION v46_split_reason(text, integer, text);
DROP FUNCTION v46_partner_field(text, integer, text);
