package org.safeguarding.hub.intake;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the common dataset, as an adapter maps a partner record: one record per kind, each
 * with the partner's own id for the record ({@code partnerRecordId}, for duplicates and
 * supersession) and the kind's own fields. Adapters build these and never name a table or a column;
 * each kind's writer ({@link FactTables}) owns its table and columns, and the store adds the id,
 * partnership, child and provenance. Codes are the feed schemas' codes (docs/feeds), already checked
 * by the adapter; a {@code *Ref} is a reference to another step as the partner sent it
 * (docs/pathway.md), resolved after storing.
 */
public sealed interface CanonicalFact {

    /** The partner's id for the record, unique per sending agency and kind. */
    String partnerRecordId();

    /** What the partner's receipt calls this kind of record ({@code recordType}): its writer's table name. */
    default String recordType() {
        return FactTables.of(this).table();
    }

    /** The receipt's {@code recordType} of a kind. */
    static String recordType(Class<? extends CanonicalFact> kind) {
        return FactTables.of(kind).table();
    }

    /**
     * A police incident or domestic abuse notification. {@code kind}: incident | domestic-abuse; the
     * school and whether the child was present are what Operation Encompass needs (required for
     * domestic abuse).
     */
    record PoliceNotification(String partnerRecordId, String kind, Instant incidentAt, Boolean childPresent,
                              String schoolUrn, String schoolName, Instant schoolNotifiedAt, String summary)
            implements CanonicalFact {
    }

    /** A police missing episode: reported, and ended when the child was found (null while missing). */
    record MissingEpisode(String partnerRecordId, Instant reportedAt, Instant endedAt) implements CanonicalFact {
    }

    /**
     * A police exploitation risk assessment. {@code exploitationType}: cse | cce | other; {@code level}:
     * emerging | moderate | significant | actual (004:L1709-1714, actual for cse only).
     */
    record ExploitationRiskAssessment(String partnerRecordId, String exploitationType, String level,
                                      Instant assessedAt) implements CanonicalFact {
    }

    /** A person posing a risk to the child, as the police record it. */
    record PersonPosingRisk(String partnerRecordId, String policeReference, String riskSummary, LocalDate recordedOn)
            implements CanonicalFact {
    }

    /**
     * A partner's record of a strategy discussion and its attendance: {@code strategyDiscussionRef} is
     * the MASH's id for the discussion when the partner knows it; {@code attendance} whether the
     * sending agency took part (001:L3757 police take part "as a minimum").
     */
    record StrategyDiscussion(String partnerRecordId, Instant heldAt, String strategyDiscussionRef,
                              Attendance attendance) implements CanonicalFact {
    }

    /** Whether {@code agencyId} attended a strategy discussion. */
    record Attendance(String agencyId, boolean attended) {
    }

    /** The council's referral record, naming the MASH's referral or contact it confirms (hub ids). */
    record Referral(String partnerRecordId, Instant referredAt, String mashReferralRef, String contactRef)
            implements CanonicalFact {
    }

    /**
     * A school's or an early help service's event. {@code kind}: referral | attendance | exclusion |
     * missing-education | elective-home-education | early-help-assessment | encompass-receipt;
     * {@code detail} the kind's own details (attendance percentage, exclusion kind, notes).
     */
    record EducationEvent(String partnerRecordId, String kind, LocalDate occurredOn, Json detail)
            implements CanonicalFact {
    }

    /** A social care assessment, naming the referral it follows. */
    record Assessment(String partnerRecordId, LocalDate startedOn, LocalDate completedOn, String referralRef)
            implements CanonicalFact {
    }

    /**
     * A section 47 enquiry. {@code outcome}: no-further-action | icpc | child-in-need | other, or null
     * while open.
     */
    record Section47Enquiry(String partnerRecordId, LocalDate startedOn, LocalDate completedOn, String outcome,
                            String strategyDiscussionRef) implements CanonicalFact {
    }

    /** An initial child protection conference. {@code outcome}: plan | no-plan, or null. */
    record Icpc(String partnerRecordId, LocalDate heldOn, String outcome, String section47Ref,
                String strategyDiscussionRef) implements CanonicalFact {
    }

    /** A child protection plan. {@code category}: neglect | physical | emotional | sexual | multiple, or null. */
    record ChildProtectionPlan(String partnerRecordId, LocalDate startedOn, LocalDate endedOn, String category,
                               String icpcRef) implements CanonicalFact {
    }

    /** A period in care, with the legal status as the council records it. */
    record PeriodInCare(String partnerRecordId, LocalDate startedOn, LocalDate endedOn, String legalStatus)
            implements CanonicalFact {
    }

    /**
     * A return interview after a missing episode: the police's own reference for the episode and,
     * when several police agencies serve the partnership, which one.
     */
    record ReturnInterview(String partnerRecordId, Instant offeredAt, Instant heldAt, String missingEpisodeRef,
                           String missingEpisodeAgencyId) implements CanonicalFact {
    }

    /**
     * A health event. {@code kind}: safeguarding-referral | ed-attendance | initial-health-assessment |
     * dental-check | exploitation-flag; {@code detail} the FHIR resource type and status, and under
     * {@link #NHS_NUMBER} the NHS number the record itself carried (checked, never a placeholder; absent
     * when it carried none), whichever child it is then linked to.
     */
    record HealthEvent(String partnerRecordId, String kind, Instant occurredAt, Json detail) implements CanonicalFact {
        /** The key of {@code detail} holding the record's own NHS number (ten digits). */
        public static final String NHS_NUMBER = "nhsNumber";
    }

    /**
     * A MASH contact from a multi-agency referral form: {@code receivedAt} starts its clock;
     * {@code referrerAgencyId} is the authenticated sender; {@code referrerLevelOfNeed} 1-4;
     * {@code consent}: given | not-sought | overridden, the latter two with a reason (002:L185).
     */
    record Contact(String partnerRecordId, Instant receivedAt, String referrerAgencyId, String referrerName,
                   String referrerRole, String referrerContact, String concerns, int referrerLevelOfNeed,
                   String consent, String consentReason) implements CanonicalFact {
    }
}
