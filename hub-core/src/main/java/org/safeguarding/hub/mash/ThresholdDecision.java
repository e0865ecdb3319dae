package org.safeguarding.hub.mash;

import java.time.Instant;
import java.util.UUID;

/**
 * A MASH threshold decision on a contact: level of need, outcome, why, who decided and when, and
 * whom the referrer should contact about it.
 */
public record ThresholdDecision(UUID contactId, LevelOfNeed levelOfNeed, DecisionOutcome outcome, String rationale,
                                String decidedBy, Instant decidedAt, String contactPerson) {
}
