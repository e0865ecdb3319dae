package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.Computations;

import java.util.List;

/** The computations the hub ships, one class each in this package; measures.yml names them. */
public final class ShippedComputations {

    private ShippedComputations() {
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
}
