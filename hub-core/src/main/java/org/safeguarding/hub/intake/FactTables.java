package org.safeguarding.hub.intake;

import org.safeguarding.hub.intake.CanonicalFact.Assessment;
import org.safeguarding.hub.intake.CanonicalFact.ChildProtectionPlan;
import org.safeguarding.hub.intake.CanonicalFact.Contact;
import org.safeguarding.hub.intake.CanonicalFact.EducationEvent;
import org.safeguarding.hub.intake.CanonicalFact.ExploitationRiskAssessment;
import org.safeguarding.hub.intake.CanonicalFact.HealthEvent;
import org.safeguarding.hub.intake.CanonicalFact.Icpc;
import org.safeguarding.hub.intake.CanonicalFact.MissingEpisode;
import org.safeguarding.hub.intake.CanonicalFact.PeriodInCare;
import org.safeguarding.hub.intake.CanonicalFact.PersonPosingRisk;
import org.safeguarding.hub.intake.CanonicalFact.PoliceNotification;
import org.safeguarding.hub.intake.CanonicalFact.Referral;
import org.safeguarding.hub.intake.CanonicalFact.ReturnInterview;
import org.safeguarding.hub.intake.CanonicalFact.Section47Enquiry;
import org.safeguarding.hub.intake.CanonicalFact.StrategyDiscussion;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.safeguarding.hub.intake.FactTable.Column.bool;
import static org.safeguarding.hub.intake.FactTable.Column.date;
import static org.safeguarding.hub.intake.FactTable.Column.instant;
import static org.safeguarding.hub.intake.FactTable.Column.integer;
import static org.safeguarding.hub.intake.FactTable.Column.json;
import static org.safeguarding.hub.intake.FactTable.Column.text;

/**
 * The one writer of each kind of canonical fact: its table (V1 and the later migrations) and its own
 * columns. The table name is also the kind's {@code recordType} in partners' receipts.
 */
final class FactTables {

    private FactTables() {
    }

    private static final List<FactTable<?>> ALL = List.of(
            FactTable.of(PoliceNotification.class, "police_notification",
                    text("kind", PoliceNotification::kind), instant("incident_at", PoliceNotification::incidentAt),
                    bool("child_present", PoliceNotification::childPresent), text("school_urn", PoliceNotification::schoolUrn),
                    text("school_name", PoliceNotification::schoolName),
                    instant("school_notified_at", PoliceNotification::schoolNotifiedAt),
                    text("summary", PoliceNotification::summary)),
            FactTable.of(MissingEpisode.class, "missing_episode",
                    instant("reported_at", MissingEpisode::reportedAt), instant("ended_at", MissingEpisode::endedAt)),
            FactTable.of(ExploitationRiskAssessment.class, "exploitation_risk_assessment",
                    text("exploitation_type", ExploitationRiskAssessment::exploitationType),
                    text("level", ExploitationRiskAssessment::level),
                    instant("assessed_at", ExploitationRiskAssessment::assessedAt)),
            FactTable.of(PersonPosingRisk.class, "person_posing_risk",
                    text("police_reference", PersonPosingRisk::policeReference),
                    text("risk_summary", PersonPosingRisk::riskSummary), date("recorded_on", PersonPosingRisk::recordedOn)),
            FactTable.of(StrategyDiscussion.class, "strategy_discussion",
                    instant("held_at", StrategyDiscussion::heldAt),
                    text("strategy_discussion_ref", StrategyDiscussion::strategyDiscussionRef))
                    .withDependent("strategy_discussion_attendance", "strategy_discussion_id",
                            text("agency_id", s -> s.attendance().agencyId()),
                            bool("attended", s -> s.attendance().attended())),
            FactTable.of(Referral.class, "referral",
                    instant("referred_at", Referral::referredAt), text("mash_referral_ref", Referral::mashReferralRef),
                    text("contact_ref", Referral::contactRef)),
            FactTable.of(EducationEvent.class, "education_event",
                    text("kind", EducationEvent::kind), date("occurred_on", EducationEvent::occurredOn),
                    json("detail", EducationEvent::detail)),
            FactTable.of(Assessment.class, "assessment",
                    date("started_on", Assessment::startedOn), date("completed_on", Assessment::completedOn),
                    text("referral_ref", Assessment::referralRef)),
            FactTable.of(Section47Enquiry.class, "section47_enquiry",
                    date("started_on", Section47Enquiry::startedOn), date("completed_on", Section47Enquiry::completedOn),
                    text("outcome", Section47Enquiry::outcome),
                    text("strategy_discussion_ref", Section47Enquiry::strategyDiscussionRef)),
            FactTable.of(Icpc.class, "icpc",
                    date("held_on", Icpc::heldOn), text("outcome", Icpc::outcome), text("section47_ref", Icpc::section47Ref),
                    text("strategy_discussion_ref", Icpc::strategyDiscussionRef)),
            FactTable.of(ChildProtectionPlan.class, "child_protection_plan",
                    date("started_on", ChildProtectionPlan::startedOn), date("ended_on", ChildProtectionPlan::endedOn),
                    text("category", ChildProtectionPlan::category), text("icpc_ref", ChildProtectionPlan::icpcRef)),
            FactTable.of(PeriodInCare.class, "period_in_care",
                    date("started_on", PeriodInCare::startedOn), date("ended_on", PeriodInCare::endedOn),
                    text("legal_status", PeriodInCare::legalStatus)),
            FactTable.of(ReturnInterview.class, "return_interview",
                    instant("offered_at", ReturnInterview::offeredAt), instant("held_at", ReturnInterview::heldAt),
                    text("missing_episode_ref", ReturnInterview::missingEpisodeRef),
                    text("missing_episode_agency_id", ReturnInterview::missingEpisodeAgencyId)),
            FactTable.of(HealthEvent.class, "health_event",
                    text("kind", HealthEvent::kind), instant("occurred_at", HealthEvent::occurredAt),
                    json("detail", HealthEvent::detail)),
            FactTable.of(Contact.class, "contact",
                    instant("received_at", Contact::receivedAt), text("referrer_agency_id", Contact::referrerAgencyId),
                    text("referrer_name", Contact::referrerName), text("referrer_role", Contact::referrerRole),
                    text("referrer_contact", Contact::referrerContact), text("concerns", Contact::concerns),
                    integer("referrer_level_of_need", Contact::referrerLevelOfNeed), text("consent", Contact::consent),
                    text("consent_reason", Contact::consentReason)));

    private static final Map<Class<?>, FactTable<?>> BY_KIND = byKind();

    /** Refuses to load without a writer for every kind: a new kind cannot be left unwritten. */
    private static Map<Class<?>, FactTable<?>> byKind() {
        Map<Class<?>, FactTable<?>> byKind = ALL.stream().collect(Collectors.toMap(FactTable::kind, Function.identity()));
        List<Class<?>> missing = Arrays.stream(CanonicalFact.class.getPermittedSubclasses())
                .filter(kind -> !byKind.containsKey(kind)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no writer for canonical facts " + missing);
        }
        return Map.copyOf(byKind);
    }

    static FactTable<?> of(CanonicalFact fact) {
        return of(fact.getClass());
    }

    static FactTable<?> of(Class<? extends CanonicalFact> kind) {
        return BY_KIND.get(kind);
    }
}
