package org.safeguarding.hub.mash;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The MASH API's request bodies, read by {@link org.safeguarding.hub.web.JsonBodies}: components in
 * the order they are checked (the first wrong one is the field a refusal names), constraint
 * messages as the reasons the API gives. Rules that need the database (the contact exists, the
 * outcome fits the level, the agency is known) stay in {@link MashDesk}.
 */
final class MashRequests {

    private MashRequests() {
    }

    static final String WHOLE_NUMBER = "is required and must be a whole number";
    /** Right Help, Right Time levels of need (004:L2701), as {@link LevelOfNeed} holds them. */
    static final String LEVELS = "must be 1 to 4 (Right Help, Right Time levels, 004:L2701)";

    /** {@code POST .../contacts/{id}/rag}: {"rating": "red"}. */
    record Rating(@NotNull(message = "is required") RagRating rating) {
    }

    /** The fields of a threshold decision, on a contact or held for one that has not arrived. */
    interface DecisionFields {
        Integer levelOfNeed();

        DecisionOutcome outcome();

        /** When it was decided; null for now. */
        Instant decidedAt();

        String rationale();

        /** Whom the referrer should contact about it (optional). */
        String contactPerson();
    }

    /** {@code POST .../contacts/{id}/decision}; {@code replacesDecisionId} names the decision it changes. */
    record Decision(@NotNull(message = WHOLE_NUMBER) @Min(value = 1, message = LEVELS) @Max(value = 4, message = LEVELS)
                    Integer levelOfNeed,
                    @NotNull(message = "is required") DecisionOutcome outcome,
                    Instant decidedAt,
                    @NotBlank(message = "is required") String rationale,
                    String contactPerson,
                    UUID replacesDecisionId) implements DecisionFields {
    }

    /** {@code POST .../held-decisions}: a decision on a referrer's record the feed has not delivered yet. */
    record HeldDecision(@NotBlank(message = "is required") String referrerAgency,
                        @NotBlank(message = "is required") String partnerRecordId,
                        @NotNull(message = WHOLE_NUMBER) @Min(value = 1, message = LEVELS) @Max(value = 4, message = LEVELS)
                        Integer levelOfNeed,
                        @NotNull(message = "is required") DecisionOutcome outcome,
                        Instant decidedAt,
                        @NotBlank(message = "is required") String rationale,
                        String contactPerson) implements DecisionFields {
    }

    /** {@code POST .../children/{id}/strategy-discussions}; {@code contactId} (optional) is the contact it follows. */
    record StrategyDiscussion(@NotNull(message = "is required") Instant heldAt, List<Attendance> attendance,
                              UUID contactId) {
    }

    /** One agency at a strategy discussion. */
    record Attendance(@NotBlank(message = "is required") String agency,
                      @NotNull(message = "is required and must be true or false") Boolean attended) {
    }

    /** {@code POST .../children/{id}/step-changes}; the direction is checked by {@link MashDesk#stepChange}. */
    record StepChange(@NotBlank(message = "is required") String direction,
                      @NotBlank(message = "is required") String fromService,
                      @NotBlank(message = "is required") String toService,
                      @NotBlank(message = "is required") String reason) {
    }

    /** {@code POST .../contacts/{id}/information-requests}: the agency asked. */
    record InformationRequest(@NotBlank(message = "is required") String agency) {
    }
}
