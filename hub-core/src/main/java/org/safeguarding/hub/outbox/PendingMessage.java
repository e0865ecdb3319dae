package org.safeguarding.hub.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row as the publisher and the operator see it; {@code destinationSchoolUrn} only on a
 * message for one school (Operation Encompass).
 */
public record PendingMessage(UUID id, String partnershipId, String destinationAgencyId, String messageType,
                             String idempotencyKey, String payloadJson, String status, int attempts, String lastError,
                             Instant createdAt, Instant deliveredAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String destinationSchoolUrn) {
}
