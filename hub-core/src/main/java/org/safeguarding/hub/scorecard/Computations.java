package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.measures.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The named computations measures.yml may point to; one class each in the {@code measures} package. */
public final class Computations {

    private final Map<String, MeasureComputation> byName;

    public Computations(List<MeasureComputation> computations) {
        this.byName = computations.stream().collect(Collectors.toUnmodifiableMap(MeasureComputation::name,
                Function.identity()));
    }

    /** Every computation the hub ships. */
    public static Computations all() {
        return new Computations(List.of(
                new AssessmentsWithinWorkingDays(),
                new ChildrenMissingEducation(),
                new ContactConversionToReferral(),
                new ContactsDecidedWithinHours(),
                new ContactsDecidedWithinRagClock(),
                new ContactsNoFurtherAction(),
                new ContactsReceived(),
                new CpPlansSecondOrSubsequent(),
                new CpPlansStarted(),
                new DataQualityNhsNumberOrUpn(),
                new DataQualityRecordsRejected(),
                new DataQualitySubmittedWithinHours(),
                new DentalChecksUpToDate(),
                new EarlyHelpAssessmentsByPartners(),
                new ElectiveHomeEducation(),
                new EncompassBeforeNextSchoolDay(),
                new EscalationsRaised(),
                new EscalationsResolvedAtStage1(),
                new EscalationsResolvedWithinTimescale(),
                new ExploitationRiskAssessments(),
                new FeedbackWithinWorkingDays(),
                new IcpcWithinWorkingDays(),
                new Icpcs(),
                new IcpcsPerSection47(),
                new IhaWithinWorkingDays(),
                new MissingAgainWithinHours(),
                new MissingEpisodes(),
                new PersistentAbsenceOnCpPlans(),
                new PlacementOrders(),
                new ReReferralsWithinMonths(),
                new ReferralConversionToSection47(),
                new Referrals(),
                new ReconciliationCouncilReturnInterviews(),
                new ReconciliationEpisodesWithoutInterview(),
                new ReconciliationInterviewsWithoutEpisode(),
                new ReconciliationPoliceMissingEpisodes(),
                new ReturnInterviewsWithinHours(),
                new Section47Enquiries(),
                new StrategyDiscussionsAttendedPoliceHealth(),
                new StrategyDiscussionsWithinHours(),
                new ThresholdAgreement()
        ));
    }

    public Optional<MeasureComputation> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public MeasureComputation named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no computation named " + name));
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
