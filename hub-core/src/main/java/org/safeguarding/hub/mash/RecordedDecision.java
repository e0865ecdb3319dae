package org.safeguarding.hub.mash;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact's current threshold decision as recorded: level of need 1-4 (004:L2701), the outcome's
 * code ({@link DecisionOutcome#code()}), who decided and when (UTC), and whom the referrer should
 * contact (null when the decider).
 */
public record RecordedDecision(UUID id, int levelOfNeed, String outcome, String rationale, String decidedBy,
                               Instant decidedAt, String contactPerson) {
}
