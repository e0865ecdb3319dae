-- A message is a re-send of an earlier one only on the same feed: the same bytes (or the same
-- partner message id) sent to another of the agency's feeds are a different message for that feed's
-- rules, not the first feed's receipt (found by an outside trial: the second feed's message was
-- answered with the first one's receipt and never stored).
DROP INDEX inbound_message_partner_id;
DROP INDEX inbound_message_content;
CREATE UNIQUE INDEX inbound_message_partner_id ON inbound_message (agency_id, feed, partner_message_id)
    WHERE partner_message_id IS NOT NULL;
CREATE UNIQUE INDEX inbound_message_content ON inbound_message (agency_id, feed, content_hash);
