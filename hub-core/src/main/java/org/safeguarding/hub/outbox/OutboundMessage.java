package org.safeguarding.hub.outbox;

/**
 * A message for a partner agency, written to the outbox in the same transaction as the change it
 * reports. {@code idempotencyKey} is unique: writing the same key twice stores one message, and
 * the receiver gets it as the {@code Idempotency-Key} header so it can drop repeats.
 *
 * @param payloadJson          the message body, a JSON document
 * @param destinationSchoolUrn for a message to one school of the destination (education) agency, its
 *                             URN: delivered to that school's endpoint in schools.yml, else null
 */
public record OutboundMessage(String partnershipId, String destinationAgencyId, String messageType,
                              String idempotencyKey, String payloadJson, String destinationSchoolUrn) {

    /** A message for the agency itself. */
    public OutboundMessage(String partnershipId, String destinationAgencyId, String messageType, String idempotencyKey,
                           String payloadJson) {
        this(partnershipId, destinationAgencyId, messageType, idempotencyKey, payloadJson, null);
    }
}
