package org.safeguarding.hub.mash;

import java.time.Instant;
import java.util.UUID;

/** The parts of a contact (V1 {@code contact}) the MASH's clocks and feedback need. */
public record Contact(UUID id, String partnershipId, UUID childId, Instant receivedAt, String referrerAgencyId,
                      String referrerName, int referrerLevelOfNeed, String team, String sourceAgencyId,
                      String partnerRecordId, UUID supersededBy) {
}
