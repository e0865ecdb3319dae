package org.safeguarding.hub.escalation;

import java.time.Instant;
import java.util.UUID;

/**
 * A clock that has run out: what it is about, which child, since when, and in words; addressed to
 * {@code addressedToAgencyId} in {@code addressedToRole}, or, when those are null, to the MASH lead of
 * the partnership (escalation.yml); raised on behalf of {@code raisedByAgencyId} by {@code raisedBy},
 * or, when those are null, by the timeliness sweep for the MASH.
 */
public record Breach(String partnershipId, String subjectType, UUID subjectId, UUID childId, Instant dueAt,
                     String summary, String addressedToAgencyId, String addressedToRole, String raisedByAgencyId,
                     String raisedBy) {

    /** A breach for the MASH lead. */
    public Breach(String partnershipId, String subjectType, UUID subjectId, UUID childId, Instant dueAt, String summary) {
        this(partnershipId, subjectType, subjectId, childId, dueAt, summary, null, null, null, null);
    }
}
