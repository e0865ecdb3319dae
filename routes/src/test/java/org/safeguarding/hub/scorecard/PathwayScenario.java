package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.TestTokens;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The children, what each partner and the MASH send about them, and every measure's expected
 * change worked out by hand ({@link #expected()}). Used by {@link PathwayEndToEndTest}.
 *
 * <p>NOW (N = the test's start, OLD = N - 6 days 4 hours; "day(x)" is x's Europe/London date):
 * <pre>
 * A  police MARF C1, level 4, received OLD, rated red; decided strategy-discussion (level 4) at OLD+2h
 *    -> MASH referral; strategy discussion (MASH API, naming the contact) at OLD+32h, 30 hours
 *    after the referral, attended by health and the council; the police's own attendance record
 *    names that discussion (strategyDiscussionId); the council's referral names the contact
 *    (contactId); assessment (referralRecordId) day(OLD+3h)..day(N-1d); section 47
 *    (strategyDiscussionId) from day(OLD+33h); ICPC (section47RecordId) day(N-1d);
 *    plan (icpcRecordId) from day(N-1d). Police disagree with the decision: escalated to stage 2, resolved.
 * B  health MARF C2, level 2, received N-4h; social-care-assessment (level 4) at N-3h -> referral,
 *    changed at N-2h to early-help (level 2) -> the referral is withdrawn. Health fetches its notices.
 * C  education MARF C3 (UPN), level 2, received on submission; no-further-action (level 1) now;
 *    education never fetches its notices.
 * D  police MARF C4, level 3, received N-30h; early-help (level 2) now. Police disagree: resolved at stage 1.
 * E  council MARF C5, level 4, received N-10h, rated red; social-care-assessment (level 4) at N-5h;
 *    the council's referral at N-5h carries no reference (matched by rule); strategy discussion (MASH
 *    API, naming no contact: matched to the referral by rule) at N-2h, police and the council there,
 *    health not. The council fetches its notices.
 * F  health MARF C6, level 1, received on submission; universal (level 1) now; then the referrer
 *    corrects the form (same formId): still one contact, decided.
 * G  the council's ICPC day(N-2d) with no reference, and no section 47 or discussion for G: unlinkable.
 * </pre>
 * PAST (dates as sent):
 * <pre>
 * H  police missing episodes ME1 7 Nov 2025 20:00Z - 8 Nov 09:00Z, ME2 9 Nov 22:00Z - 10 Nov 06:00Z;
 *    council return interviews RI1 10 Nov 10:00Z naming ME1, RI2 14 Nov 09:00Z naming nothing (rule: ME2)
 * J  police missing episode ME3 20 Dec 18:00Z - 21 Dec 10:00Z, no return interview
 * K  council return interview RI3 1 Dec 10:00Z; K was never reported missing: unlinkable
 * L  police domestic abuse (Operation Encompass) Tue 11 Nov 19:00Z, school told 12 Nov 07:30Z (before
 *    08:30); Fri 19 Dec 20:00Z (last day of term), school told Mon 5 Jan 2026 09:15Z (after 08:30);
 *    police exploitation risk assessment 12 Nov, moderate (cce)
 * M  police exploitation risk assessment 3 Dec, significant (cse)
 * N  council: in care from Mon 3 Nov 2025, legal status E1 (placement order granted); health IHA 28 Nov
 * P  council: in care from Mon 1 Dec 2025 (C2); health IHA Fri 2 Jan 2026 (after Christmas and New Year)
 * Q  council: in care from 1 Jun 2024 (C2); health dental check 10 Mar 2025
 * R  council plans 15 Jan - 30 Jun 2025 and from 20 Nov 2025; education attendance 84.5% on 5 Dec
 * S  council plan from 10 Nov 2025; education attendance 95% on 28 Nov
 * T  council assessment 1 Oct - 28 Nov 2025; council early help assessment completed 24 Nov 2025
 * T2 council referral 17 Oct 10:00Z; assessment (referralRecordId) 20 Oct - 31 Dec 2025
 * U  council referrals 1 Dec 2024 and 5 Nov 2025
 * V  council referral Mon 6 Oct 09:00Z; police attendance record of a strategy discussion Tue 7 Oct
 *    14:00Z (no MASH discussion: a discussion of its own, which follows no referral); section 47
 *    8-30 Oct (no reference: rule); ICPC 5 Nov (section47RecordId); plan from 5 Nov (icpcRecordId)
 * W  council referral Mon 17 Nov 10:00Z; police attendance record 17 Nov 16:00Z; section 47 from 18 Nov
 *    (rule); ICPC 27 Nov (section47RecordId), no plan
 * X  education: missing education 12 Nov, early help assessment 20 Nov
 * Y  education: elective home education 2 Dec, early help assessment 3 Dec
 *    and one education row with a wrong UPN check letter (rejected)
 * </pre>
 * Identifiers (data quality): every child has an NHS number except C, X, Y (UPN), G, K (council id
 * only) and H (police person reference only).
 */
final class PathwayScenario {

    enum Window { NOW, PAST }

    /** A measure's expected change in a window; {@code denominator} null for counts and rates. */
    record Expected(String measure, Window window, long numerator, Long denominator) {
    }

    /** Measures counted on the last day of the period rather than over it. */
    static final Set<String> SNAPSHOTS = Set.of("dental-checks-up-to-date", "persistent-absence-on-cp-plans");

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Path MEASURES = Path.of("..", "config", "hub", "measures.yml");
    private static final String LEAD = TestTokens.staff("lena", "mash-lead", "herefordshire");
    private static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String EDUCATION = TestTokens.partnerSystem("herefordshire-education-feed");
    private static final String COUNCIL = TestTokens.partnerSystem("herefordshire-council-feed");

    /** A child as partners describe it; {@code ids} is the JSON of its identifiers. */
    record Kid(String given, String family, String dob, String postcode, String nhs, String upn, String ids) {
        String json() {
            return """
                    {"givenName": "%s", "familyName": "%s", "dateOfBirth": "%s", "postcode": "%s", %s}"""
                    .formatted(given, family, dob, postcode, ids);
        }
    }

    private final PartnerCalls calls;
    private final Instant now;
    private final Instant old;
    private final String run;
    private final Map<String, Kid> kids = new LinkedHashMap<>();
    private final List<String> contacts = new ArrayList<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    /** The hub's row id of each record sent (from the receipts) and MASH discussion, by name. */
    private final Map<String, String> rows = new LinkedHashMap<>();
    /** The names of the records of the batch being built, in order. */
    private final List<String> batched = new ArrayList<>();

    PathwayScenario(PartnerCalls calls, Instant now, String run) {
        this.calls = calls;
        this.now = now;
        this.old = now.minus(Duration.ofDays(6).plusHours(4));
        this.run = run;
        String[][] children = {
                {"A", "Amira", "2014-06-12", "HR4 9AB", "nhs"}, {"B", "Ben", "2013-02-01", "HR1 2BB", "nhs"},
                {"C", "Cara", "2015-09-09", "HR2 7CC", "upn"}, {"D", "Dan", "2012-03-03", "HR6 8DD", "nhs"},
                {"E", "Eve", "2016-01-21", "HR9 5EE", "nhs"}, {"F", "Finn", "2011-11-11", "HR3 5FF", "nhs"},
                {"G", "Gus", "2014-04-04", "HR8 1GG", "la"}, {"H", "Hana", "2010-07-07", "HR4 0HH", "police"},
                {"J", "Jude", "2011-05-05", "HR1 1JJ", "nhs"}, {"K", "Kit", "2012-12-12", "HR2 6KK", "la"},
                {"L", "Lola", "2013-08-08", "HR7 4LL", "nhs"}, {"M", "Max", "2010-10-10", "HR5 3MM", "nhs"},
                {"N", "Noor", "2015-02-02", "HR1 3NN", "nhs"}, {"P", "Pia", "2016-06-06", "HR2 8PP", "nhs"},
                {"Q", "Quinn", "2009-09-19", "HR4 7QQ", "nhs"}, {"R", "Rosa", "2013-03-13", "HR6 9RR", "nhs"},
                {"S", "Sami", "2014-10-14", "HR9 7SS", "nhs"}, {"T", "Tia", "2012-01-15", "HR3 6TT", "nhs"},
                {"T2", "Theo", "2011-04-16", "HR8 2TW", "nhs"}, {"U", "Uma", "2015-05-17", "HR1 4UU", "nhs"},
                {"V", "Vic", "2010-06-18", "HR2 9VV", "nhs"}, {"W", "Wren", "2016-07-19", "HR4 8WW", "nhs"},
                {"X", "Xena", "2011-08-20", "HR5 1XX", "upn"}, {"Y", "Yusuf", "2012-09-21", "HR6 2YY", "upn"}};
        for (String[] c : children) {
            String nhs = c[4].equals("nhs") ? ChildIdentifiers.nhsNumber() : null;
            String upn = c[4].equals("upn") ? ChildIdentifiers.upn() : null;
            String json = switch (c[4]) {
                case "nhs" -> "\"nhsNumber\": \"" + nhs + "\"";
                case "upn" -> "\"upn\": \"" + upn + "\"";
                case "la" -> "\"laChildId\": \"HC-C-" + c[0] + "-" + run + "\"";
                default -> "\"policePersonRef\": \"WMP-P-" + c[0] + "-" + run + "\"";
            };
            kids.put(c[0], new Kid(c[1], "Pathway" + c[0].toLowerCase() + run, c[2], c[3], nhs, upn, json));
        }
    }

    /** The earliest moment of the NOW window. */
    Instant earliest() {
        return old;
    }

    /** The MASH contact ids of this scenario (their notices are waited for). */
    List<String> contacts() {
        return contacts;
    }

    // ---------------------------------------------------------------- sending

    void send() {
        sendNow();
        sendPast();
    }

    private void sendNow() {
        String c1 = marf(POLICE, "C1", "A", 4, old);
        String c2 = marf(HEALTH, "C2", "B", 2, now.minus(Duration.ofHours(4)));
        String c3 = marf(EDUCATION, "C3", "C", 2, null);
        String c4 = marf(POLICE, "C4", "D", 3, now.minus(Duration.ofHours(30)));
        String c5 = marf(COUNCIL, "C5", "E", 4, now.minus(Duration.ofHours(10)));
        String c6 = marf(HEALTH, "C6", "F", 1, null);

        rate(c1, "red");
        rate(c5, "red");
        decide(c1, 4, "strategy-discussion", old.plus(Duration.ofHours(2)), null);
        String b = decide(c2, 4, "social-care-assessment", now.minus(Duration.ofHours(3)), null);
        decide(c2, 2, "early-help", now.minus(Duration.ofHours(2)), b);
        decide(c3, 1, "no-further-action", null, null);
        decide(c4, 2, "early-help", null, null);
        decide(c5, 4, "social-care-assessment", now.minus(Duration.ofHours(5)), null);
        decide(c6, 1, "universal", null, null);
        // The referrer corrects C6 after the decision (same formId): one contact, still decided.
        marf(HEALTH, "C6", "F", 1, null, "Corrected: the child's school is Whitecross.");

        Instant heldA = old.plus(Duration.ofHours(32));
        String sdA = discussion(c1, true, heldA, "{\"agency\": \"wye-valley-nhs-trust\", \"attended\": true}, "
                + "{\"agency\": \"herefordshire-council\", \"attended\": true}");
        discussion(c5, false, now.minus(Duration.ofHours(2)), "{\"agency\": \"west-mercia-police\", \"attended\": true}, "
                + "{\"agency\": \"wye-valley-nhs-trust\", \"attended\": false}, "
                + "{\"agency\": \"herefordshire-council\", \"attended\": true}");

        send("/api/v1/intake/police", POLICE, "application/json", batch(
                record("WMP-SDA-A", "strategy-discussion-attendance", "A", """
                        "heldAt": "%s", "attended": true, "strategyDiscussionId": "%s\"""".formatted(heldA, sdA))), 0);

        send("/api/v1/intake/social-care", COUNCIL, "application/json", batch(
                record("HC-REF-A", "referral", "A", "\"referredAt\": \"%s\", \"contactId\": \"%s\""
                        .formatted(old.plus(Duration.ofHours(3)), c1)),
                record("HC-AS-A", "assessment", "A", "\"startedOn\": \"%s\", \"completedOn\": \"%s\", \"referralRecordId\": \"%s\""
                        .formatted(day(old.plus(Duration.ofHours(3))), day(now.minus(Duration.ofDays(1))), id("HC-REF-A"))),
                record("HC-S47-A", "section-47", "A", "\"startedOn\": \"%s\", \"completedOn\": \"%s\", \"outcome\": \"icpc\", \"strategyDiscussionId\": \"%s\""
                        .formatted(day(old.plus(Duration.ofHours(33))), day(now.minus(Duration.ofDays(2))), sdA)),
                record("HC-ICPC-A", "icpc", "A", "\"heldOn\": \"%s\", \"outcome\": \"plan\", \"section47RecordId\": \"%s\""
                        .formatted(day(now.minus(Duration.ofDays(1))), id("HC-S47-A"))),
                record("HC-CPP-A", "child-protection-plan", "A", "\"startedOn\": \"%s\", \"category\": \"neglect\", \"icpcRecordId\": \"%s\""
                        .formatted(day(now.minus(Duration.ofDays(1))), id("HC-ICPC-A"))),
                record("HC-ICPC-G", "icpc", "G", "\"heldOn\": \"%s\", \"outcome\": \"no-plan\""
                        .formatted(day(now.minus(Duration.ofDays(2))))),
                record("HC-REF-E", "referral", "E", "\"referredAt\": \"%s\"".formatted(now.minus(Duration.ofHours(5))))), 0);

        // Police challenge two decisions: D's is resolved at stage 1, A's after escalation to stage 2.
        String d = disagree(c4);
        resolve(d);
        String a = disagree(c1);
        PartnerCalls.Reply escalated = calls.postJson("/api/v1/escalations/" + a + "/escalate", POLICE,
                "{\"note\": \"No reply from the MASH\"}");
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
        resolve(a);

        // Feedback: health and the council fetch and acknowledge their notices; education does not.
        acknowledge(HEALTH, List.of(c2, c6));
        acknowledge(COUNCIL, List.of(c5));
    }

    private void sendPast() {
        send("/api/v1/intake/social-care", COUNCIL, "application/json", batch(
                record("HC-REF-T2", "referral", "T2", "\"referredAt\": \"2025-10-17T10:00:00Z\""),
                record("HC-REF-U1", "referral", "U", "\"referredAt\": \"2024-12-01T10:00:00Z\""),
                record("HC-REF-U2", "referral", "U", "\"referredAt\": \"2025-11-05T10:00:00Z\""),
                record("HC-REF-V", "referral", "V", "\"referredAt\": \"2025-10-06T09:00:00Z\""),
                record("HC-REF-W", "referral", "W", "\"referredAt\": \"2025-11-17T10:00:00Z\""),
                record("HC-PIC-N", "period-in-care", "N", "\"startedOn\": \"2025-11-03\", \"legalStatus\": \"E1\""),
                record("HC-PIC-P", "period-in-care", "P", "\"startedOn\": \"2025-12-01\", \"legalStatus\": \"C2\""),
                record("HC-PIC-Q", "period-in-care", "Q", "\"startedOn\": \"2024-06-01\", \"legalStatus\": \"C2\""),
                record("HC-CPP-R1", "child-protection-plan", "R",
                        "\"startedOn\": \"2025-01-15\", \"endedOn\": \"2025-06-30\", \"category\": \"neglect\""),
                record("HC-CPP-R2", "child-protection-plan", "R", "\"startedOn\": \"2025-11-20\", \"category\": \"emotional\""),
                record("HC-CPP-S", "child-protection-plan", "S", "\"startedOn\": \"2025-11-10\", \"category\": \"physical\""),
                record("HC-AS-T", "assessment", "T", "\"startedOn\": \"2025-10-01\", \"completedOn\": \"2025-11-28\""),
                record("HC-AS-T2", "assessment", "T2", "\"startedOn\": \"2025-10-20\", \"completedOn\": \"2025-12-31\", \"referralRecordId\": \"%s\""
                        .formatted(id("HC-REF-T2")))), 0);

        send("/api/v1/intake/police", POLICE, "application/json", batch(
                record("WMP-ME1", "missing-episode", "H", "\"reportedAt\": \"2025-11-07T20:00:00Z\", \"endedAt\": \"2025-11-08T09:00:00Z\""),
                record("WMP-ME2", "missing-episode", "H", "\"reportedAt\": \"2025-11-09T22:00:00Z\", \"endedAt\": \"2025-11-10T06:00:00Z\""),
                record("WMP-ME3", "missing-episode", "J", "\"reportedAt\": \"2025-12-20T18:00:00Z\", \"endedAt\": \"2025-12-21T10:00:00Z\""),
                record("WMP-DA1", "domestic-abuse", "L", """
                        "incidentAt": "2025-11-11T19:00:00Z", "childPresent": true, "school": {"urn": "116789", "name": "Whitecross Hereford High School"},
                        "schoolNotifiedAt": "2025-11-12T07:30:00Z\""""),
                record("WMP-DA2", "domestic-abuse", "L", """
                        "incidentAt": "2025-12-19T20:00:00Z", "childPresent": true, "school": {"urn": "116789", "name": "Whitecross Hereford High School"},
                        "schoolNotifiedAt": "2026-01-05T09:15:00Z\""""),
                record("WMP-ERA1", "exploitation-risk", "L", "\"exploitationType\": \"cce\", \"level\": \"moderate\", \"assessedAt\": \"2025-11-12T10:00:00Z\""),
                record("WMP-ERA2", "exploitation-risk", "M", "\"exploitationType\": \"cse\", \"level\": \"significant\", \"assessedAt\": \"2025-12-03T10:00:00Z\""),
                record("WMP-SDA-V", "strategy-discussion-attendance", "V", "\"heldAt\": \"2025-10-07T14:00:00Z\", \"attended\": true"),
                record("WMP-SDA-W", "strategy-discussion-attendance", "W", "\"heldAt\": \"2025-11-17T16:00:00Z\", \"attended\": true")), 0);

        send("/api/v1/intake/social-care", COUNCIL, "application/json", batch(
                record("HC-S47-V", "section-47", "V", "\"startedOn\": \"2025-10-08\", \"completedOn\": \"2025-10-30\", \"outcome\": \"icpc\""),
                record("HC-ICPC-V", "icpc", "V", "\"heldOn\": \"2025-11-05\", \"outcome\": \"plan\", \"section47RecordId\": \"%s\""
                        .formatted(id("HC-S47-V"))),
                record("HC-CPP-V", "child-protection-plan", "V", "\"startedOn\": \"2025-11-05\", \"category\": \"multiple\", \"icpcRecordId\": \"%s\""
                        .formatted(id("HC-ICPC-V"))),
                record("HC-S47-W", "section-47", "W", "\"startedOn\": \"2025-11-18\", \"outcome\": \"icpc\""),
                record("HC-ICPC-W", "icpc", "W", "\"heldOn\": \"2025-11-27\", \"outcome\": \"no-plan\", \"section47RecordId\": \"%s\""
                        .formatted(id("HC-S47-W"))),
                record("HC-RI-H1", "return-interview", "H", "\"offeredAt\": \"2025-11-10T10:00:00Z\", \"missingEpisode\": {\"recordId\": \"%s\"}"
                        .formatted(id("WMP-ME1"))),
                record("HC-RI-H2", "return-interview", "H", "\"offeredAt\": \"2025-11-14T09:00:00Z\", \"heldAt\": \"2025-11-14T11:00:00Z\""),
                record("HC-RI-K", "return-interview", "K", "\"offeredAt\": \"2025-12-01T10:00:00Z\""),
                record("HC-EHA-T", "early-help-assessment", "T", "\"completedOn\": \"2025-11-24\"")), 0);

        send("/fhir/Bundle", HEALTH, "application/fhir+json", fhir(
                procedure("N", "iha-N", "initial-health-assessment", "2025-11-28T10:00:00Z"),
                procedure("P", "iha-P", "initial-health-assessment", "2026-01-02T10:00:00Z"),
                procedure("Q", "dental-Q", "dental-check", "2025-03-10T10:00:00Z")), 0);

        String header = "record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on,attendance_percent\n";
        Kid bad = kids.get("X");
        String wrongLetter = (bad.upn().charAt(0) == 'A' ? "B" : "A") + bad.upn().substring(1);
        send("/api/v1/intake/education", EDUCATION, "text/csv", header
                + csv("HE-CME-X", "missing-education", "X", "2025-11-12", "")
                + csv("HE-EHA-X", "early-help-assessment", "X", "2025-11-20", "")
                + csv("HE-EHE-Y", "elective-home-education", "Y", "2025-12-02", "")
                + csv("HE-EHA-Y", "early-help-assessment", "Y", "2025-12-03", "")
                + csv("HE-ATT-R", "attendance", "R", "2025-12-05", "84.5")
                + csv("HE-ATT-S", "attendance", "S", "2025-11-28", "95")
                + String.join(",", id("HE-BAD"), "missing-education", wrongLetter, "Zed", "Pathwayz" + run, "2012-02-02",
                "HR1 9ZZ", "2025-11-12", "") + "\n", 1);
    }

    // ---------------------------------------------------------------- expectations

    /**
     * Every measure's expected change, NOW and PAST. Counts and rates have no denominator. Rates per
     * 10,000 are asserted on their numerator (the value is numerator / 36,029 * 10,000).
     */
    static List<Expected> expected() {
        List<Expected> e = new ArrayList<>();
        // Contacts received NOW: C1-C6 = 6 (C6's correction is the same contact, counted once). None PAST.
        count(e, "contacts-received", 6, 0);
        count(e, "contacts-per-10000", 6, 0);
        // Became a referral: C1 (strategy-discussion) and C5 (social-care-assessment); C2's referral was
        // withdrawn when its decision changed to early-help; the council's records for A and E confirm
        // the MASH's referrals and add none. 2 of 6.
        percent(e, "contact-conversion-to-referral", 2, 6, 0, 0);
        // No further action: C3 only. 1 of 6.
        percent(e, "contacts-no-further-action", 1, 6, 0, 0);
        // Decided within 24 elapsed hours of receipt: C1 2h, C2 2h (its current decision), C3 ~0h, C5 5h,
        // C6 ~0h (decided before its correction, which keeps the received time); C4 30h is late. 5 of 6.
        percent(e, "contacts-decided-within-24-hours", 5, 6, 0, 0);
        // RAG-rated: C1 and C5, both red (due 4 calendar hours after receipt): C1 decided at 2h in time,
        // C5 at 5h late. 1 of 2.
        percent(e, "contacts-decided-within-rag-clock", 1, 2, 0, 0);
        // Referrals NOW: the MASH's for A (OLD+2h) and E (N-5h); B's withdrawn; the council's for A (by
        // contactId) and E (by rule) confirm them. Neither child had an earlier referral: 0 of 2.
        // PAST (Oct-Dec 2025): T2 17 Oct, U 5 Nov, V 6 Oct, W 17 Nov = 4; U's previous referral was
        // 1 Dec 2024, on or after 5 Nov 2024: a re-referral. 1 of 4.
        percent(e, "re-referrals-within-12-months", 0, 2, 1, 4);
        // Discussions NOW: A's at OLD+32h, 30h after its referral (OLD+2h): late. E's at N-2h, 3h after
        // its referral (N-5h, matched by rule): in time. The police's record of A's names it
        // (strategyDiscussionId): the same discussion, not a third one. 1 of 2.
        // PAST: V's and W's discussions are known only from the police's records; a police record
        // follows the MASH's discussion, never a referral (docs/pathway.md), so neither counts. 0 of 0.
        percent(e, "strategy-discussions-within-24-hours", 1, 2, 0, 0);
        // NOW: A's: health and the council attended in the MASH's record, the police in their own
        // record of it. E's: health did not attend. 1 of 2. PAST: V's and W's are police-only. 0 of 2.
        percent(e, "strategy-discussions-attended-police-health", 1, 2, 0, 2);
        // NOW: A's ICPC day(N-1d) through its section 47 to the discussion day(OLD+32h): at most 6
        // calendar days, within 15 working days. G's ICPC follows no discussion: it stays in the
        // denominator as not shown to be in time (a missing link never improves the figure). 1 of 2.
        // PAST (section 47s linked by rule to the police's records of the discussions): V's discussion
        // Tue 7 Oct, 15th working day after = Tue 28 Oct, ICPC 5 Nov: late.
        // W's discussion Mon 17 Nov, 15th working day after = Mon 8 Dec, ICPC 27 Nov: in time. 1 of 2.
        percent(e, "icpc-within-15-working-days", 1, 2, 1, 2);
        // Rolling 12 months. NOW (the 12 months to this month, from Dec 2025 at the earliest): A's plan,
        // A's first. 0 of 1. PAST (Jan-Dec 2025): R 15 Jan (first), R 20 Nov (second), S 10 Nov, V 5 Nov.
        // 1 of 4.
        percent(e, "cp-plans-second-or-subsequent", 0, 1, 1, 4);
        // NOW: A's assessment from day(OLD+3h) completed day(N-1d), within 45 working days. 1 of 1.
        // PAST: T's 1 Oct -> 45th working day Wed 3 Dec, completed 28 Nov: in time; T2's Mon 20 Oct ->
        // 45th working day Mon 22 Dec, completed 31 Dec: late. 1 of 2.
        percent(e, "assessments-within-45-working-days", 1, 1, 1, 2);
        // PAST: ME1, ME2 (H), ME3 (J) reported in Oct-Dec 2025. 3.
        count(e, "missing-episodes", 0, 3);
        // PAST: ME1 ended 8 Nov 09:00Z, RI1 (naming ME1) 10 Nov 10:00Z = 49h: in time. ME2 ended 10 Nov
        // 06:00Z, RI2 (rule: H's latest episode) 14 Nov 09:00Z = 99h: late. ME3: none. 1 of 3.
        percent(e, "return-interviews-within-72-hours", 0, 0, 1, 3);
        // PAST: after ME1 (ended 8 Nov 09:00Z) H went missing again 9 Nov 22:00Z (37h): counted; ME2 and
        // ME3 were the last. 1 of 3.
        percent(e, "missing-again-within-72-hours", 0, 0, 1, 3);
        // PAST: N entered care Mon 3 Nov, 20th working day after = Mon 1 Dec, IHA 28 Nov: in time. P
        // entered Mon 1 Dec, 20th working day after = Wed 31 Dec (25 and 26 Dec are bank holidays), IHA
        // Fri 2 Jan (1 Jan a bank holiday): late. 1 of 2.
        percent(e, "iha-within-20-working-days", 0, 0, 1, 2);
        // Snapshot on the period's last day. PAST (31 Dec 2025): N, P, Q in care; Q's dental check of
        // 10 Mar 2025 is within 12 months; N, P none. 1 of 3. NOW (the current quarter's last day): the
        // same three in care, Q's check more than 12 months old. 0 of 3.
        percent(e, "dental-checks-up-to-date", 0, 3, 1, 3);
        // PAST: 11 Nov 19:00Z, school told 07:30Z the next morning, before 08:30: in time. Fri 19 Dec
        // (term ends), next school day Mon 5 Jan 2026 08:30, told 09:15: late. 1 of 2.
        percent(e, "encompass-before-next-school-day", 0, 0, 1, 2);
        // PAST: X's and Y's by the education service (partners), T's by the council's early help
        // service (social care, not a partner). 2 of 3.
        percent(e, "early-help-assessments-by-partners", 0, 0, 2, 3);
        // PAST: L moderate, M significant. 2.
        count(e, "exploitation-risk-assessments", 0, 2);
        count(e, "children-missing-education", 0, 1);
        count(e, "elective-home-education", 0, 1);
        // Snapshot. PAST (31 Dec 2025): on a plan R, S, V; attendance in Oct-Dec: R 84.5% (below 90),
        // S 95%; V none (not counted). 1 of 2. NOW: R, S, V, A on plans, no attendance in the last 3 months. 0 of 0.
        percent(e, "persistent-absence-on-cp-plans", 0, 0, 1, 2);
        // NOW: police raised two disagreements (C4, C1). 2. C4's resolved at stage 1, C1's at stage 2:
        // 1 of 2 at stage 1; both resolved at once, inside their stage's time: 2 of 2.
        count(e, "escalations-raised", 2, 0);
        percent(e, "escalations-resolved-at-stage-1", 1, 2, 0, 0);
        percent(e, "escalations-resolved-within-timescale", 2, 2, 0, 0);
        // Decisions NOW (current ones): C1 4=4, C2 2=2 (changed decision), C3 2 vs 1, C4 3 vs 2, C5 4=4,
        // C6 1=1. 4 of 6.
        percent(e, "threshold-agreement", 4, 6, 0, 0);
        // Decisions NOW whose notice reached the referrer by the end of the next working day: C2, C6
        // (health fetched them today), C4 (police endpoint, today), C5 (council fetched, decided today or
        // yesterday). C1 was decided 6 days ago (at least one working day in between): late. C3's notice
        // was never fetched by education. 4 of 6.
        percent(e, "feedback-within-1-working-day", 4, 6, 0, 0);
        // NOW (month of submission): the education row with a wrong UPN check letter. 1.
        count(e, "data-quality-records-rejected", 1, 0);
        // Children first recorded NOW (every child of the scenario, whatever its events' dates): A-G (7)
        // and H-Y (17) = 24; without an NHS number or UPN: G, K (council id only), H (police reference
        // only). 21 of 24.
        percent(e, "data-quality-nhs-number-or-upn", 21, 24, 0, 0);
        // Records received NOW: contacts C1-C6 (6; C1 was received 6 days before it was sent, the others
        // within 48h: 5), missing episodes ME1-3 (3), Encompass notifications (2) and health events IHA N,
        // IHA P, dental Q (3), all of 2025: late. 5 of 14.
        percent(e, "data-quality-submitted-within-48-hours", 5, 14, 0, 0);
        // PAST reconciliation: police episodes ended in the quarter 3; council interviews offered 3 (RI1,
        // RI2, RI3); episodes with no interview 1 (ME3); interviews with no police episode 1 (RI3, K).
        count(e, "reconciliation-police-missing-episodes", 0, 3);
        count(e, "reconciliation-council-return-interviews", 0, 3);
        count(e, "reconciliation-episodes-without-interview", 0, 1);
        count(e, "reconciliation-interviews-without-episode", 0, 1);
        // PAST (Jan-Dec 2025): N entered care 3 Nov 2025 under a placement order (legal status E1). 1.
        count(e, "placement-orders-per-10000", 0, 1);
        // The seed's table (rolling 12 months; each step counted on its own day). NOW (from Dec 2025 at
        // the earliest): referrals counted once: the MASH's for A and E (B's withdrawn, the council's two
        // confirm) = 2; section 47s: A's = 1; ICPCs: A's and G's (unlinkable, still an ICPC held) = 2;
        // plans: A's = 1. PAST (Jan-Dec 2025): referrals T2, U (5 Nov), V, W = 4 (U's of Dec 2024 is
        // outside); section 47s V, W = 2; ICPCs V, W = 2; plans R (15 Jan), R (20 Nov), S, V = 4.
        count(e, "referrals-per-10000", 2, 4);
        count(e, "section-47-enquiries-per-10000", 1, 2);
        count(e, "icpcs-per-10000", 2, 2);
        count(e, "cp-plans-per-10000", 1, 4);
        // Section 47s per referral: NOW 1 of 2, PAST 2 of 4. ICPCs per section 47: NOW 2 of 1 (G's ICPC
        // followed no section 47 but is counted, the seed's arithmetic), PAST 2 of 2.
        percent(e, "referral-conversion-to-section-47", 1, 2, 2, 4);
        percent(e, "icpcs-per-section-47", 2, 1, 2, 2);
        return e;
    }

    private static void count(List<Expected> e, String measure, long now, long past) {
        e.add(new Expected(measure, Window.NOW, now, null));
        e.add(new Expected(measure, Window.PAST, past, null));
    }

    private static void percent(List<Expected> e, String measure, long nowNum, long nowDen, long pastNum, long pastDen) {
        e.add(new Expected(measure, Window.NOW, nowNum, nowDen));
        e.add(new Expected(measure, Window.PAST, pastNum, pastDen));
    }

    /** Measure ids and period types, in the order of measures.yml. */
    static Map<String, PeriodType> measuresInCatalogue() {
        String yaml;
        try {
            yaml = Files.readString(MEASURES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, PeriodType> measures = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^  - id: (\\S+)$").matcher(yaml);
        List<int[]> starts = new ArrayList<>();
        List<String> idsInFile = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start()});
            idsInFile.add(m.group(1));
        }
        for (int i = 0; i < idsInFile.size(); i++) {
            String block = yaml.substring(starts.get(i)[0], i + 1 < starts.size() ? starts.get(i + 1)[0] : yaml.length());
            Matcher period = Pattern.compile("(?m)^    period: (\\S+)").matcher(block);
            assertThat(period.find()).as("period of " + idsInFile.get(i)).isTrue();
            measures.put(idsInFile.get(i), PeriodType.of(period.group(1)));
        }
        assertThat(measures).isNotEmpty();
        return measures;
    }

    // ---------------------------------------------------------------- the unlinked list

    /**
     * The MASH's review list holds exactly these of the scenario's steps: G's ICPC (no section 47, no
     * discussion) and K's return interview (no missing episode), the unlinkable events; the council's
     * referrals of 2024-25 that no MASH referral precedes (T2, U twice, V, W); the police's records of
     * V's and W's discussions (no MASH discussion to report on); the plans no ICPC made (R twice, S);
     * T's assessment (no referral). Every other step linked, by reference or by rule: the council's
     * referrals of A (contactId) and E (rule); both MASH discussions (A's contact, E's by rule); the
     * police's record of A's discussion; section 47s of A (reference), V and W (rule); ICPCs of A, V,
     * W; plans of A and V; assessments of A and T2; return interviews RI1 (reference) and RI2 (rule).
     */
    void assertUnlinked() {
        PartnerCalls.Reply unlinked = calls.get("/api/v1/mash/herefordshire/pathway/unlinked?limit=5000", LEAD);
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach((name, row) -> names.put(row, name));
        List<String> listed = new ArrayList<>();
        for (JsonNode step : unlinked.json()) {
            String name = names.get(step.get("stepId").asString());
            if (name != null) {
                listed.add(name + " " + step.get("stepType").asString() + " lacks " + step.get("lacks").asString());
            }
        }
        assertThat(listed).containsExactlyInAnyOrder(
                "HC-ICPC-G icpc lacks section-47", "HC-ICPC-G icpc lacks strategy-discussion",
                "HC-RI-K return-interview lacks missing-episode",
                "HC-REF-T2 council-referral lacks mash-referral", "HC-REF-U1 council-referral lacks mash-referral",
                "HC-REF-U2 council-referral lacks mash-referral", "HC-REF-V council-referral lacks mash-referral",
                "HC-REF-W council-referral lacks mash-referral",
                "WMP-SDA-V police-attendance lacks strategy-discussion", "WMP-SDA-W police-attendance lacks strategy-discussion",
                "HC-CPP-R1 child-protection-plan lacks icpc", "HC-CPP-R2 child-protection-plan lacks icpc",
                "HC-CPP-S child-protection-plan lacks icpc", "HC-AS-T assessment lacks referral");
    }

    // ---------------------------------------------------------------- building messages

    /** A partner record id unique to this run. */
    private String id(String name) {
        return ids.computeIfAbsent(name, n -> n + "-" + run);
    }

    private static String day(Instant at) {
        return at.atZone(LONDON).toLocalDate().toString();
    }

    private String record(String name, String type, String kid, String fields) {
        batched.add(name);
        return "{\"recordId\": \"%s\", \"type\": \"%s\", \"child\": %s, %s}".formatted(id(name), type, kids.get(kid).json(), fields);
    }

    private String batch(String... records) {
        return "{\"messageId\": \"%s\", \"records\": [%s]}".formatted(UUID.randomUUID(), String.join(",\n", records));
    }

    private String csv(String name, String type, String kid, String on, String attendance) {
        Kid k = kids.get(kid);
        return String.join(",", id(name), type, k.upn() == null ? ChildIdentifiers.upn() : k.upn(), k.given(), k.family(),
                k.dob(), k.postcode(), on, attendance) + "\n";
    }

    private String procedure(String kid, String name, String kind, String at) {
        Kid k = kids.get(kid);
        String patient = "urn:uuid:" + UUID.randomUUID();
        return """
                {"fullUrl": "%s", "resource": {"resourceType": "Patient",
                  "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}],
                  "name": [{"family": "%s", "given": ["%s"]}], "birthDate": "%s", "address": [{"postalCode": "%s"}]},
                 "request": {"method": "POST", "url": "Patient"}},
                {"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Procedure", "id": "%s", "status": "completed",
                  "code": {"coding": [{"system": "https://safeguarding-hub.org.uk/fhir/CodeSystem/health-event-kind", "code": "%s"}]},
                  "subject": {"reference": "%s"}, "performedDateTime": "%s"},
                 "request": {"method": "POST", "url": "Procedure"}}"""
                .formatted(patient, k.nhs(), k.family(), k.given(), k.dob(), k.postcode(), UUID.randomUUID(), id(name),
                        kind, patient, at);
    }

    private static String fhir(String... entries) {
        return """
                {"resourceType": "Bundle", "identifier": {"system": "https://wyevalley.nhs.uk/Id/message", "value": "%s"},
                 "type": "transaction", "entry": [%s]}""".formatted(UUID.randomUUID(), String.join(",\n", entries));
    }

    private void send(String path, String token, String contentType, String body, int rejected) {
        PartnerCalls.Reply reply = calls.post(path, token, contentType, body);
        assertThat(reply.status()).as(path + " " + reply.body()).isIn(200, 201, 202);
        assertThat(reply.json().get("rejected").asInt()).as(reply.body()).isEqualTo(rejected);
        JsonNode outcomes = reply.json().get("outcomes");
        for (int i = 0; i < batched.size(); i++) {
            rows.put(batched.get(i), outcomes.get(i).get("recordId").asString());
        }
        batched.clear();
    }

    /** A MARF form; {@code receivedAt} null when the MASH received it on submission. Returns the contact id. */
    private String marf(String token, String form, String kid, int level, Instant receivedAt) {
        return marf(token, form, kid, level, receivedAt, "Concerns about " + kid + ": bruising noticed and the child is frightened.");
    }

    private String marf(String token, String form, String kid, int level, Instant receivedAt, String concerns) {
        String body = """
                {"formId": "%s", "referrer": {"name": "Referrer %s", "role": "Safeguarding lead", "contact": "01432 000000"},
                 "child": %s, "concerns": "%s", "levelOfNeed": %d, "consent": {"status": "given"}%s}"""
                .formatted(id("MARF-" + form), kid, kids.get(kid).json(), concerns, level,
                        receivedAt == null ? "" : ", \"receivedAt\": \"" + receivedAt + "\"");
        PartnerCalls.Reply reply = calls.postJson("/api/v1/intake/marf", token, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String contact = reply.json().get("outcomes").get(0).get("recordId").asString();
        contacts.add(contact);
        return contact;
    }

    private void rate(String contact, String rating) {
        PartnerCalls.Reply reply = calls.postJson("/api/v1/mash/herefordshire/contacts/" + contact + "/rag", LEAD,
                "{\"rating\": \"" + rating + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** Returns the decision id; {@code decidedAt} null for now. */
    private String decide(String contact, int level, String outcome, Instant decidedAt, String replaces) {
        String body = """
                {"levelOfNeed": %d, "outcome": "%s", "rationale": "Screened by the MASH"%s%s}""".formatted(level, outcome,
                decidedAt == null ? "" : ", \"decidedAt\": \"" + decidedAt + "\"",
                replaces == null ? "" : ", \"replacesDecisionId\": \"" + replaces + "\"");
        PartnerCalls.Reply reply = calls.postJson("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", LEAD, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("decisionId").asString();
    }

    /**
     * A strategy discussion through the MASH API about the child of {@code contact}, naming the contact
     * when {@code naming}; {@code attendance} is the JSON of its attendance lines. Returns its id.
     */
    private String discussion(String contact, boolean naming, Instant heldAt, String attendance) {
        String child = calls.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD).json()
                .get("contact").get("childId").asString();
        PartnerCalls.Reply sd = calls.postJson("/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions",
                LEAD, "{\"heldAt\": \"%s\"%s, \"attendance\": [%s]}".formatted(heldAt,
                        naming ? ", \"contactId\": \"" + contact + "\"" : "", attendance));
        assertThat(sd.status()).as(sd.body()).isEqualTo(201);
        String id = sd.json().get("strategyDiscussionId").asString();
        rows.put("MASH-SD-" + contact, id);
        return id;
    }

    private String disagree(String contact) {
        PartnerCalls.Reply reply = calls.postJson("/api/v1/escalations/disagreements", POLICE,
                "{\"contactId\": \"%s\", \"summary\": \"We referred at a higher level than the MASH decided\"}".formatted(contact));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("escalationId").asString();
    }

    private void resolve(String escalation) {
        PartnerCalls.Reply reply = calls.postJson("/api/v1/escalations/" + escalation + "/resolution", LEAD,
                "{\"outcome\": \"upheld\", \"note\": \"Threshold applied correctly\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    /** The partner fetches its waiting notices and acknowledges those about {@code about} (its feedback). */
    private void acknowledge(String token, List<String> about) {
        Set<String> done = new java.util.HashSet<>();
        PathwayEndToEndTest.await("notices about " + about + " to be waiting", () -> {
            for (JsonNode notice : calls.get("/api/v1/notices?limit=500", token).json()) {
                String payload = notice.get("payloadJson").asString();
                for (String contact : about) {
                    if (payload.contains(contact) && payload.contains("threshold-decision")) {
                        PartnerCalls.Reply ack = calls.post("/api/v1/notices/" + notice.get("id").asString()
                                + "/acknowledgement", token, "application/json", "");
                        assertThat(ack.status()).as(ack.body()).isIn(200, 204);
                        done.add(contact);
                    }
                }
            }
            return done.size() == about.size();
        });
    }
}
