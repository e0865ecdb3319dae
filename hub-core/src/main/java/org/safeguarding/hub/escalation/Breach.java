package org.safeguarding.hub.escalation;

import java.time.Instant;
import java.util.UUID;

/** A clock that has run out: what it is about, which child, since when, and in words. */
public record Breach(String partnershipId, String subjectType, UUID subjectId, UUID childId, Instant dueAt,
                     String summary) {
}
