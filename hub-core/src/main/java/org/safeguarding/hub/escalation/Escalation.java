package org.safeguarding.hub.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An escalation record (docs/domain.md "Escalation"): what it is about, raised by (agency, person),
 * addressed to (agency, role), stage and its due time, outcome, and every transition.
 */
public record Escalation(UUID id, String partnershipId, String kind, String subjectType, UUID subjectId, UUID childId,
                         String summary, String raisedByAgencyId, String raisedByPerson, String addressedToAgencyId,
                         String addressedToRole, int stage, Instant stageDueAt, String status, String outcome,
                         Instant raisedAt, Instant resolvedAt, List<Transition> transitions) {

    /** The kinds the hub raises, as their codes ({@code validation.Codes}): what {@link #kind} holds. */
    public enum Kind { TIMELINESS, PROFESSIONAL_DISAGREEMENT }

    /** Open until a MASH lead resolves it (or the sweep completes a timeliness escalation). */
    public enum Status { OPEN, RESOLVED }

    /** One recorded change: raised, stage-changed, resolved or a note; who and when. */
    public record Transition(long id, String action, Integer fromStage, Integer toStage, String actor,
                             String actorAgencyId, Instant at, String note) {
    }
}
