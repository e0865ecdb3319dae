package org.safeguarding.hub.outbox;

/**
 * A message for a partner agency, written to the outbox in the same transaction as the change it
 * reports. {@code idempotencyKey} is unique: writing the same key twice stores one message, and
 * the receiver gets it as the {@code Idempotency-Key} header so it can drop repeats.
 *
 * @param payloadJson the message body, a JSON document
 */
public record OutboundMessage(String partnershipId, String destinationAgencyId, String messageType,
                              String idempotencyKey, String payloadJson) {
}
