package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every measure in measures.yml on the hand-built dataset in {@code scorecard/fixture.sql}. Unless
 * said otherwise the period is 2026-27 Q3: 1 October to 31 December 2026, local (Europe/London) dates.
 * Row numbers in the comments are the fixture's fx(n) ids.
 */
class ScorecardMeasuresTest {

    private static final String Q3 = "2026-27-Q3";
    private static ScorecardFixture fixture;

    @BeforeAll
    static void load() {
        fixture = new ScorecardFixture();
    }

    private static MeasureResult q3(String measure) {
        return fixture.compute(measure, Q3);
    }

    private static void assertFigures(MeasureResult result, long numerator, long denominator, String value) {
        assertThat(result.current().total()).isEqualTo(new Figure(numerator, denominator));
        assertThat(result.value(result.current().total())).isEqualTo(value == null ? null : new BigDecimal(value));
    }

    private static Figure cell(MeasureResult result, String dimension, String category) {
        return result.current().breakdown().stream()
                .filter(c -> c.dimension().equals(dimension) && c.category().equals(category))
                .map(Cell::figure).findFirst().orElse(null);
    }

    @Test
    void everyConfiguredMeasureIsTestedHere() throws Exception {
        String source = new String(ScorecardMeasuresTest.class.getResourceAsStream(
                "/" + ScorecardMeasuresTest.class.getName().replace('.', '/') + ".class").readAllBytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(fixture.catalogue.measures()).allSatisfy(m -> assertThat(source).contains(m.id()));
    }

    @Test
    void contactsReceivedBySourceAgencyAndTeam() {
        // Q3 contacts: 101 (police, Team A), 102 (education, Team A), 103 (health, no team; 23:30 UTC on
        // 31 Dec is still 31 Dec in GMT), 104 (police, Team B; 23:30 UTC on 30 Sep is 00:30 BST on 1 Oct).
        // Not counted: 105 (June, Q1) and 106 (an old version of 101, superseded). 4 contacts.
        MeasureResult result = q3("contacts-received");
        assertFigures(result, 4, 0, "4");
        assertThat(cell(result, "source-agency", "west-mercia-police")).isEqualTo(new Figure(2, 0));
        assertThat(cell(result, "source-agency", "herefordshire-education")).isEqualTo(new Figure(1, 0));
        assertThat(cell(result, "source-agency", "wye-valley-nhs-trust")).isEqualTo(new Figure(1, 0));
        assertThat(cell(result, "team", "Team A")).isEqualTo(new Figure(2, 0));
        assertThat(cell(result, "team", "Team B")).isEqualTo(new Figure(1, 0));
        assertThat(cell(result, "team", MeasureEngine.NOT_RECORDED)).isEqualTo(new Figure(1, 0));
        // Trend: 8 quarters, oldest first, ending with Q3 (index 7); Q1 2026-27 (index 5) holds contact
        // 105 only, Q2 (index 6) none.
        assertThat(result.trend()).hasSize(8);
        assertThat(result.trend().get(0).period().label()).isEqualTo("2024-25-Q4");
        assertThat(result.trend().get(5).total()).isEqualTo(new Figure(1, 0));
        assertThat(result.trend().get(6).total()).isEqualTo(new Figure(0, 0));
        // Q2 had none, Q3 has 4: a neutral measure goes UP.
        assertThat(PublishedMeasure.unsuppressed(result).direction()).isEqualTo(Direction.UP);
    }

    @Test
    void contactsPer10000Children() {
        // Rolling 12 months to December 2026 (January-December 2026): contacts 101-105 = 5.
        // 5 / 36,029 x 10,000 = 1.387... -> 1.4.
        MeasureResult result = fixture.compute("contacts-per-10000", "R12-2026-12");
        assertFigures(result, 5, 0, "1.4");
    }

    @Test
    void placementOrdersPer10000ChildrenReproduceTheSeed() {
        // 004:L410: "A Placement Order was granted for 10 children ... a rate (per 10,000 children) of 3.9";
        // the seed's arithmetic is n / population x 10,000 with 14 -> 3.9: 14 / 36,029 x 10,000 = 3.8857 -> 3.9.
        // The fixture grants 14 placement orders between 25 January and 26 May 2026.
        MeasureResult result = fixture.compute("placement-orders-per-10000", "R12-2026-12");
        assertFigures(result, 14, 0, "3.9");
    }

    @Test
    void contactConversionToReferral() {
        // Of the 4 Q3 contacts only 101 became a referral (201). 1 / 4 = 25.0%. By source: police 1 of 2.
        MeasureResult result = q3("contact-conversion-to-referral");
        assertFigures(result, 1, 4, "25.0");
        assertThat(cell(result, "source-agency", "west-mercia-police")).isEqualTo(new Figure(1, 2));
    }

    @Test
    void contactsNoFurtherAction() {
        // Decisions: 102 NFA, 104 NFA, 101 strategy discussion, 103 undecided. 2 / 4 = 50.0%.
        // By source: police 1 of 2 (104), education 1 of 1 (102), health 0 of 1.
        MeasureResult result = q3("contacts-no-further-action");
        assertFigures(result, 2, 4, "50.0");
        assertThat(cell(result, "source-agency", "herefordshire-education")).isEqualTo(new Figure(1, 1));
        assertThat(cell(result, "source-agency", "wye-valley-nhs-trust")).isEqualTo(new Figure(0, 1));
    }

    @Test
    void contactsDecidedWithin24Hours() {
        // 101: received 2 Nov 10:00, decided 3 Nov 10:00 = exactly 24 hours: in time.
        // 102: decided 3 Nov 10:01 = 24h01m: late. 103: undecided: not in time.
        // 104: received 00:30 BST 1 Oct, decided 09:00 BST: in time. 2 / 4 = 50.0%; target 95, tolerance 5 -> Red.
        MeasureResult result = q3("contacts-decided-within-24-hours");
        assertFigures(result, 2, 4, "50.0");
        assertThat(Rag.of(result.measure(), new BigDecimal("50.0"))).isEqualTo(Rag.RED);
        assertThat(Rag.of(result.measure(), new BigDecimal("90.0"))).isEqualTo(Rag.AMBER);
        assertThat(Rag.of(result.measure(), new BigDecimal("95.0"))).isEqualTo(Rag.GREEN);
    }

    @Test
    void contactsDecidedWithinTheirRagClock() {
        // Rated contacts: 101 amber due 3 Nov 10:00, decided 10:00 (on the due time: in time);
        // 102 green due 5 Nov, decided 3 Nov (in time); 103 red due 1 Jan 03:30, undecided (late).
        // 104 has no rating and is not counted. 2 / 3 = 66.7%; red 0/1, amber 1/1, green 1/1.
        MeasureResult result = q3("contacts-decided-within-rag-clock");
        assertFigures(result, 2, 3, "66.7");
        assertThat(cell(result, "category", "red")).isEqualTo(new Figure(0, 1));
        assertThat(cell(result, "category", "amber")).isEqualTo(new Figure(1, 1));
        assertThat(cell(result, "category", "green")).isEqualTo(new Figure(1, 1));
    }

    @Test
    void reReferralsWithin12Months() {
        // Q3 referrals: 201 (child 1, 2 Nov 2026; earlier referral 202 on 2 Nov 2025, exactly 12 months
        // before: a re-referral), 203 (child 6, 10 Nov 2026; earlier 204 on 9 Nov 2025, one day more
        // than 12 months: not), 205 (child 7, no earlier). 1 / 3 = 33.3%.
        assertFigures(q3("re-referrals-within-12-months"), 1, 3, "33.3");
    }

    @Test
    void strategyDiscussionsWithin24HoursOfReferral() {
        // 301: referral 2 Nov 12:00, held 3 Nov 12:00 = exactly 24 hours: in time.
        // 302: referral 10 Nov 10:00, held 11 Nov 11:00 = 25 hours: late. 303 and 304 follow no referral
        // and are not counted. 1 / 2 = 50.0%.
        assertFigures(q3("strategy-discussions-within-24-hours"), 1, 2, "50.0");
    }

    @Test
    void strategyDiscussionsAttendedByPoliceAndHealth() {
        // 301: police and health attended. 302: health did not attend. 303, 304: no attendance recorded.
        // 1 / 4 = 25.0%.
        assertFigures(q3("strategy-discussions-attended-police-health"), 1, 4, "25.0");
    }

    @Test
    void icpcsWithin15WorkingDaysOfTheStrategyDiscussion() {
        // 2026-27 Q4 (January-March 2027). Strategy discussions 303 and 304 on Monday 14 December 2026.
        // Working days after: 15-18 Dec (4), 21-24 Dec (8), 25 Dec Christmas and 28 Dec (the substitute
        // Boxing Day) are bank holidays, 29-31 Dec (11), 1 Jan bank holiday, 4-7 Jan (15): the 15th working
        // day is Thursday 7 January 2027 (docs/domain.md's own example).
        // 401 (discussion 303) held 7 Jan = working day 15: in time. 402 (via section 47 501 -> 304) held
        // 8 Jan = working day 16: late. 404 is linked to no strategy discussion: it stays in the
        // denominator, not shown to be in time (and is listed at pathway/unlinked). 1 / 3 = 33.3%.
        assertFigures(fixture.compute("icpc-within-15-working-days", "2026-27-Q4"), 1, 3, "33.3");
    }

    @Test
    void childProtectionPlansThatAreSecondOrSubsequent() {
        // Plans starting in Q3: 601 (child 8, who had plan 602 in 2024: second), 603 (child 9, first),
        // 604 (child 10, first; 605 is an older, superseded version of it). 1 / 3 = 33.3%.
        assertFigures(q3("cp-plans-second-or-subsequent"), 1, 3, "33.3");
    }

    @Test
    void theSeedsTableSection47sPerReferralAndIcpcsPerSection47() {
        // Rolling year April 2026 - March 2027. Referrals: 201 (2 Nov 2026), 203 (10 Nov), 205 (1 Dec) = 3;
        // 202 and 204 (November 2025) are before it. Section 47s: 501 (14 Dec 2026) = 1. 1 / 3 = 33.3%.
        assertFigures(fixture.compute("referral-conversion-to-section-47", "R12-2027-03"), 1, 3, "33.3");
        // ICPCs: 401 (7 Jan 2027), 402 (8 Jan), 404 (1 Feb) = 3, against the 1 section 47: 300.0%. The two
        // steps are counted in the same period, not followed as a cohort (the seed's arithmetic), so
        // ICPCs without a section 47 in the hub (401 follows a discussion only, 404 nothing) still count.
        assertFigures(fixture.compute("icpcs-per-section-47", "R12-2027-03"), 3, 1, "300.0");
        // Q3 2026-27: section 47 501 and no ICPC: 0 / 1 = 0.0%.
        assertFigures(q3("icpcs-per-section-47"), 0, 1, "0.0");
    }

    @Test
    void theSeedsTableRatesPer10000Children() {
        // Rolling year April 2026 - March 2027, per 36,029 children:
        // referrals 201, 203, 205 = 3: 3 / 36,029 x 10,000 = 0.833 -> 0.8; section 47 501 = 1: 0.278 -> 0.3;
        // ICPCs 401, 402, 404 = 3: 0.8; plans started 603 (5 Oct 2026), 604 (11 Nov), 601 (20 Dec) = 3: 0.8
        // (605 is a superseded version of 604; 602 started in 2024).
        assertFigures(fixture.compute("referrals-per-10000", "R12-2027-03"), 3, 0, "0.8");
        assertFigures(fixture.compute("section-47-enquiries-per-10000", "R12-2027-03"), 1, 0, "0.3");
        assertFigures(fixture.compute("icpcs-per-10000", "R12-2027-03"), 3, 0, "0.8");
        assertFigures(fixture.compute("cp-plans-per-10000", "R12-2027-03"), 3, 0, "0.8");
    }

    @Test
    void assessmentsWithin45WorkingDays() {
        // Both started Monday 5 October 2026. Working days after: 6-9 Oct (4), 12-16 (9), 19-23 (14),
        // 26-30 (19), 2-6 Nov (24), 9-13 (29), 16-20 (34), 23-27 (39), 30 Nov (40), 1-4 Dec (44), 7 Dec (45).
        // 701 completed 7 Dec = day 45: in time; 702 completed 8 Dec = day 46: late. 703 was completed in
        // Q2, 704 is not completed. 1 / 2 = 50.0%; below the England benchmark of 88%.
        MeasureResult result = q3("assessments-within-45-working-days");
        assertFigures(result, 1, 2, "50.0");
        assertThat(result.measure().benchmarks()).extracting(Benchmark::comparator)
                .containsExactly("england", "statistical-neighbours");
    }

    @Test
    void missingEpisodesReportedByPolice() {
        // Police episodes reported in Q3: 801, 802, 803, 804 = 4. 805 was recorded by the council.
        MeasureResult result = q3("missing-episodes");
        assertFigures(result, 4, 0, "4");
        assertThat(cell(result, "source-agency", "west-mercia-police")).isEqualTo(new Figure(4, 0));
    }

    @Test
    void returnInterviewsWithin72Hours() {
        // Police episodes ending in Q3: 801 (ended 11 Oct 10:00, interview offered 14 Oct 10:00 = exactly
        // 72 hours: in time), 802 (ended 15 Oct 09:00, offered 18 Oct 10:00 = 73 hours: late), 803 (no
        // interview). 804 has not ended. 1 / 3 = 33.3%.
        assertFigures(q3("return-interviews-within-72-hours"), 1, 3, "33.3");
    }

    @Test
    void childrenMissingAgainWithin72Hours() {
        // Child 12: 801 ended 11 Oct 10:00, next episode 802 reported 14 Oct 09:00 (71 hours: again);
        // 802 ended 15 Oct 09:00, next 803 reported 18 Oct 09:00 (exactly 72 hours: again); 803 none after.
        // 2 / 3 = 66.7%.
        assertFigures(q3("missing-again-within-72-hours"), 2, 3, "66.7");
    }

    @Test
    void initialHealthAssessmentsWithin20WorkingDays() {
        // Entering care in Q3: children 15 and 16 on Monday 7 December 2026, child 17 on 1 December.
        // 20 working days after 7 Dec: 8-11 (4), 14-18 (9), 21-24 (13), [25, 28 Dec bank holidays],
        // 29-31 (16), [1 Jan], 4-7 Jan (20): Thursday 7 January 2027.
        // Child 15's IHA on 7 Jan: in time. Child 16's on 8 Jan: late. Child 17's IHA on 20 Nov was
        // before entering care and does not count: none. 1 / 3 = 33.3%.
        assertFigures(q3("iha-within-20-working-days"), 1, 3, "33.3");
    }

    @Test
    void dentalChecksUpToDateOnTheLastDayOfThePeriod() {
        // In care on 31 Dec 2026: children 15, 16, 17 (entered December), 19 (since 2025). Child 18 left
        // on 31 Dec and the 14 placement-order children left in 2026. Dental checks within 12 months
        // (on or after 31 Dec 2025): child 15 on 31 Dec 2025 (exactly 12 months: counts), child 19 on
        // 1 Jun 2026; child 16's on 30 Dec 2025 is too old; child 17 has none. 2 / 4 = 50.0%.
        assertFigures(q3("dental-checks-up-to-date"), 2, 4, "50.0");
    }

    @Test
    void operationEncompassNotificationsBeforeTheNextSchoolDay() {
        // The notices' due times (V70, set by EncompassNotices from school-terms.yml; school days start 08:30):
        // 1301: incident Thu 5 Nov 22:00, school told (by the police) Fri 08:00, before 08:30: in time.
        // 1302: incident Fri 6 Nov 22:00, the hub's notice delivered through the outbox Mon 9 Nov 08:45: late.
        // 1303: incident Fri 18 Dec 19:00 (the last day of term); Mon 4 Jan 2027 is an INSET day, so the next
        //       school day is Tue 5 Jan; told 4 Jan 12:00: in time.
        // 1305: incident Mon 9 Nov 07:00, before that school day started; told 09:00: late.
        // 1304 is not a domestic abuse notification. 2 / 4 = 50.0%.
        assertFigures(q3("encompass-before-next-school-day"), 2, 4, "50.0");
    }

    @Test
    void earlyHelpAssessmentsCompletedByPartners() {
        // Q3: 1401, 1402 (education), 1403 (council), 1404 (health). Partners: 3 / 4 = 75.0%.
        MeasureResult result = q3("early-help-assessments-by-partners");
        assertFigures(result, 3, 4, "75.0");
        assertThat(cell(result, "source-agency", "herefordshire-education")).isEqualTo(new Figure(2, 2));
        assertThat(cell(result, "source-agency", "herefordshire-council")).isEqualTo(new Figure(0, 1));
    }

    @Test
    void exploitationRiskAssessmentsByLevel() {
        // Q3: 1501 significant (police), 1502 moderate (police), 1503 actual (council). 1504 is in January.
        MeasureResult result = q3("exploitation-risk-assessments");
        assertFigures(result, 3, 0, "3");
        assertThat(cell(result, "category", "significant")).isEqualTo(new Figure(1, 0));
        assertThat(cell(result, "category", "moderate")).isEqualTo(new Figure(1, 0));
        assertThat(cell(result, "category", "actual")).isEqualTo(new Figure(1, 0));
        assertThat(cell(result, "source-agency", "west-mercia-police")).isEqualTo(new Figure(2, 0));
    }

    @Test
    void childrenMissingEducationAndElectiveHomeEducation() {
        // Missing education: 1411 (1 Oct) and 1412 (31 Dec) are in Q3, 1413 (30 Sep) is not: 2.
        // Elective home education: 1421; 1422 is its superseded earlier version: 1.
        assertFigures(q3("children-missing-education"), 2, 0, "2");
        assertFigures(q3("elective-home-education"), 1, 0, "1");
    }

    @Test
    void persistentAbsenceOfChildrenOnChildProtectionPlans() {
        // On a plan on 31 Dec 2026: children 8 (601), 9 (603), 10 (604). Latest attendance in the 3 months
        // to 31 Dec: child 8 85% (below 90), child 9 88% on 1 Dec (the 92% and 80% are older), child 10 95%.
        // Child 11 (50%) has no plan. 2 / 3 = 66.7%.
        assertFigures(q3("persistent-absence-on-cp-plans"), 2, 3, "66.7");
    }

    @Test
    void escalationsRaisedResolvedAtStage1AndWithinTimescale() {
        // Raised in Q3: 1601 (education), 1602 (police, timeliness), 1603 (education) = 3.
        MeasureResult raised = q3("escalations-raised");
        assertFigures(raised, 3, 0, "3");
        assertThat(cell(raised, "source-agency", "herefordshire-education")).isEqualTo(new Figure(2, 0));
        assertThat(cell(raised, "category", "timeliness")).isEqualTo(new Figure(1, 0));
        // Resolved in Q3: 1601 (stage 1, by its due time), 1602 (stage 2, 10 days late), 1604 (raised in Q1,
        // stage 1, resolved exactly at its due time). At stage 1: 2 / 3; within timescale: 2 / 3 = 66.7%.
        assertFigures(q3("escalations-resolved-at-stage-1"), 2, 3, "66.7");
        assertFigures(q3("escalations-resolved-within-timescale"), 2, 3, "66.7");
    }

    @Test
    void thresholdAgreementBetweenReferrerAndMash() {
        // Decided in Q3: 171 (referrer 4, MASH 4: agree), 172 (3 vs 1: disagree), 174 (2 vs 2: agree).
        // 2 / 3 = 66.7%.
        assertFigures(q3("threshold-agreement"), 2, 3, "66.7");
    }

    @Test
    void feedbackToReferrersWithin1WorkingDay() {
        // 171 decided Tue 3 Nov; notice delivered Wed 4 Nov 17:00: by the end of the next working day.
        // 172 decided Tue 3 Nov; delivered Thu 5 Nov: late.
        // 174 decided Thu 1 Oct; delivered Fri 2 Oct 23:30 UTC = Sat 3 Oct 00:30 BST: late.
        // 1 / 3 = 33.3%.
        assertFigures(q3("feedback-within-1-working-day"), 1, 3, "33.3");
    }

    @Test
    void dataQualityRecordsRejected() {
        // Messages received in Q3: 9011 (police, 2 rejected), 9012 (education, 1 rejected). 9014 is from
        // Worcestershire's council, which does not serve Herefordshire. 3 rejected.
        MeasureResult result = q3("data-quality-records-rejected");
        assertFigures(result, 3, 0, "3");
        assertThat(cell(result, "source-agency", "west-mercia-police")).isEqualTo(new Figure(2, 0));
    }

    @Test
    void dataQualityChildrenWithAnNhsNumberOrUpn() {
        // First recorded in Q3: child 40 (NHS number), 41 (UPN), 42 (police reference only). 2 / 3 = 66.7%.
        MeasureResult result = q3("data-quality-nhs-number-or-upn");
        assertFigures(result, 2, 3, "66.7");
        assertThat(cell(result, "source-agency", "west-mercia-police")).isEqualTo(new Figure(0, 1));
    }

    @Test
    void dataQualityRecordsSubmittedWithin48Hours() {
        // Received in Q3: contact 102 (event 2 Nov 10:00, message 9012 received 3 Nov 10:00: 24 hours,
        // in time) and missing episode 801 (reported 10 Oct, message 9011 received 1 Nov: late). 1 / 2.
        MeasureResult result = q3("data-quality-submitted-within-48-hours");
        assertFigures(result, 1, 2, "50.0");
        assertThat(cell(result, "source-agency", "herefordshire-education")).isEqualTo(new Figure(1, 1));
        // January 2027: IHA 1201 on 7 Jan 10:00 reached the hub on 9 Jan 10:00, exactly 48 hours: in time.
        assertFigures(fixture.compute("data-quality-submitted-within-48-hours", "2027-01"), 1, 1, "100.0");
    }

    @Test
    void reconciliationOfPoliceMissingEpisodesAndCouncilReturnInterviews() {
        // Police episodes ended in Q3: 801, 802, 803 = 3. Council interviews offered: 901, 902, 903 = 3.
        // Episodes with no interview: 803 = 1. Interviews with no police episode: 903 (none linked) = 1.
        assertFigures(q3("reconciliation-police-missing-episodes"), 3, 0, "3");
        assertFigures(q3("reconciliation-council-return-interviews"), 3, 0, "3");
        assertFigures(q3("reconciliation-episodes-without-interview"), 1, 0, "1");
        assertFigures(q3("reconciliation-interviews-without-episode"), 1, 0, "1");
    }

    @Test
    void allMeasuresComputeTogetherForOneQuarterWithEightQuartersOfTrend() {
        List<MeasureResult> results = fixture.engine.compute(ScorecardFixture.PARTNERSHIP,
                fixture.catalogue.measures(), Period.parse(Q3), 8);
        assertThat(results).hasSameSizeAs(fixture.catalogue.measures());
        assertThat(results).allSatisfy(r -> assertThat(r.trend()).hasSize(8));
    }
}
