package org.safeguarding.hub.outbox;

import java.time.Instant;
import java.util.UUID;

/** An outbox row as the publisher and the operator see it. */
public record PendingMessage(UUID id, String partnershipId, String destinationAgencyId, String messageType,
                             String idempotencyKey, String payloadJson, String status, int attempts, String lastError,
                             Instant createdAt, Instant deliveredAt) {
}
