package org.safeguarding.hub.demo;

import org.safeguarding.hub.health.HealthBundleFeed;
import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.validation.Upn;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * A synthetic quarter of partner data for one partnership (Herefordshire), deterministic from a
 * seed: the same seed, scale and start give byte-identical messages. Volumes are shaped on the seed
 * county (docs/domain.md "Scale", 004:L1769): ~3,300 referrals a year, so ~825 a quarter, from about
 * 3.5 times as many contacts; section 47 ~31% of referrals, ICPC ~40% of section 47, ~378 child
 * protection plans a year of which ~23% second or subsequent (004:L1767), ~378 children in care,
 * ~182 missing episodes a year.
 * <p>
 * The whole pathway goes through the interfaces partners and the MASH use (docs/pathway.md): the
 * MASH RAG-rates most contacts before deciding them (red ~1 in 8, then amber, then green), its
 * referring decisions make referrals, it records strategy discussions with attendance; the police
 * send attendance records for some of them; the council's extract sends its own referrals (most
 * naming the MASH's referral), assessments, section 47s (naming the strategy discussion), ICPCs
 * (naming the section 47), plans (naming the ICPC; some children had an earlier plan), periods in
 * care and return interviews (naming the police's missing episode). A few steps carry no reference
 * (the hub links them by its matching rules) and two cannot be linked at all (a transfer-in
 * conference, a return interview after an episode reported to another force): they are listed for
 * review. Hub ids a partner only learns from the hub (the MASH's referral, contact and strategy
 * discussion ids) are written as {@code "@{kind:key}"} placeholders that {@link PartnerSimulator}
 * fills in when it sends the message, from what the MASH API answered earlier; nothing is sent
 * before its sender knows it.
 * <p>
 * Children recur across agencies' feeds with the differences real feeds have (nicknames, spacing
 * and case of postcodes, a missing identifier); about 1% of messages are hostile or malformed;
 * some decisions are planned late, a few decisions disputed and later resolved by the MASH lead.
 * All names are invented; NHS numbers and UPNs are valid by their check digits only.
 */
public final class SyntheticQuarter {

    /** Partner systems (OAuth2 client ids in config/hub/partners.yml and the realm). */
    public static final String POLICE = "west-mercia-police-feed";
    public static final String HEALTH = "wye-valley-nhs-trust-feed";
    public static final String EDUCATION = "herefordshire-education-feed";
    public static final String COUNCIL = "herefordshire-council-feed";

    /** A RAG rating the MASH gives a contact, {@code after} it arrives (red, amber or green). */
    public record PlannedRating(Duration after, String rating) {
    }

    /** A strategy discussion the MASH holds {@code after} its decision, and who attends it. */
    public record PlannedDiscussion(Duration after, boolean policeAttended, boolean healthAttended) {
    }

    /**
     * The referrer disputes the decision 3 hours after it; the MASH lead resolves the disagreement
     * {@code resolvedAfter} the dispute (null: still open), escalating it to stage 2 first when
     * {@code escalated}.
     */
    public record PlannedDispute(Duration resolvedAfter, boolean escalated) {
    }

    /** What the MASH will decide about a contact, and how long after it arrives; then what follows. */
    public record PlannedDecision(Duration after, int levelOfNeed, String outcome, boolean late,
                                  PlannedDiscussion discussion, PlannedDispute dispute) {

        public boolean disputed() {
            return dispute != null;
        }
    }

    /**
     * One message a partner system sends: when, as whom, to which path, and what. For a referral
     * form, {@code key} names the contact in the placeholders of later messages, and {@code rating}
     * and {@code decision} say what the MASH does with it (null: nothing).
     */
    public record Message(Instant at, String clientId, String feed, String contentType, String body, int records,
                          boolean hostile, String key, PlannedRating rating, PlannedDecision decision) {
    }

    /**
     * The quarter: its messages in time order and what went into them; {@code flagQueries} are the
     * trust's emergency department asking {@code GET /fhir/Flag} about children in care (issue 15).
     */
    public record Quarter(Instant start, Instant end, List<Message> messages, int children, int contacts,
                          int hostileMessages, int plannedLate, int plannedDisputes, List<FlagQuery> flagQueries) {
    }

    /** The trust's ED system asks for the flags of the child with {@code nhsNumber} at {@code at}. */
    public record FlagQuery(Instant at, String nhsNumber) {
    }

    /** A record and when its sender knows all of it (it can be sent from then on). */
    private record Dated(Instant knownAt, String record) {
    }

    /** A health event for a child and when the trust knows all of it. */
    private record HealthEvent(Instant knownAt, Child child, String resource) {
    }

    private record Child(String given, String family, LocalDate dob, String sex, String postcode, String nhs,
                         String upn, String laId, String policeRef) {
    }

    /** A contact the MASH referred to social care: the pathway that follows starts here. */
    private record Referred(String key, Child child, Instant decidedAt, Instant discussedAt) {
    }

    /** A police missing episode: the police's own reference, the child and when it ended (null: still missing). */
    private record Episode(String recordId, Child child, Instant endedAt) {
    }

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String[] GIVEN_F = {"Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence",
            "Sophia", "Evie", "Ella", "Grace", "Poppy", "Rosie", "Chloe", "Amira", "Zofia", "Maja", "Aisha", "Ruby"};
    private static final String[] GIVEN_M = {"Oliver", "George", "Noah", "Arthur", "Leo", "Muhammad", "Harry", "Oscar",
            "Archie", "Henry", "Theodore", "Jack", "Charlie", "Alfie", "Freddie", "Thomas", "Jacob", "Kacper", "Daniel"};
    private static final String[] FAMILY = {"Smith", "Jones", "Williams", "Taylor", "Davies", "Evans", "Thomas", "Roberts",
            "Hughes", "Lewis", "Price", "Morgan", "Powell", "Wood", "Khan", "Nowak", "Kowalski", "Baker", "Bevan",
            "Pritchard", "Watkins", "Griffiths", "Harris-Cole", "O'Neill", "Clarke", "Hall", "Walker", "Wright"};
    private static final String[] NICK = {"Oliver:Ollie", "Thomas:Tom", "Charlie:Charles", "Alfie:Alfred",
            "Freddie:Frederick", "Muhammad:Mohammed", "Sophia:Sofia", "Isla:Isla-Mae", "Jacob:Jake", "Daniel:Danny"};
    private static final String[] CONCERNS = {
            "Domestic abuse incident at the home address; the child was present.",
            "Child disclosed at school that a parent hit them; mark on the arm.",
            "Repeated missed health appointments; weight loss noted by the health visitor.",
            "Concerns about neglect: home conditions poor, child often hungry at school.",
            "Child found out late at night with older unknown adults; possible exploitation.",
            "Parent's mental health has deteriorated; child caring for younger siblings.",
            "Anonymous report of shouting and a child crying at the address.",
            "Young person self-harming; parents not engaging with support."};
    private static final String[] OUTCOMES = {"no-further-action", "universal", "early-help", "social-care-assessment",
            "strategy-discussion"};
    private static final String[] PLAN_CATEGORIES = {"neglect", "neglect", "emotional", "physical", "sexual", "multiple"};

    private SyntheticQuarter() {
    }

    /**
     * The quarter ending at {@code end} (91 days). {@code scale} 1.0 is the county's volume;
     * smaller for tests and quick looks.
     */
    public static Quarter generate(long seed, double scale, Instant end) {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(91));
        LocalDate lastDay = day(end).minusDays(1);
        int contacts = Math.max(4, (int) Math.round(2_900 * scale));
        int referrals = (int) Math.round(825 * scale);
        int missing = Math.max(1, (int) Math.round(182 / 4.0 * scale));
        int incidents = (int) Math.round(900 * scale);
        List<Child> children = new ArrayList<>();
        int population = Math.max(3, (int) Math.round(2_400 * scale));
        for (int i = 0; i < population; i++) {
            children.add(child(random, i));
        }
        List<Message> messages = new ArrayList<>();
        List<Referred> referred = new ArrayList<>();
        int hostile = 0;
        int late = 0;
        int disputes = 0;
        // Contacts: one referral form each, from police 40%, health 25%, schools 20%, the council 15%.
        // A third of referrals go to a strategy discussion, most of which start a section 47 (~31% of referrals).
        double referring = (double) referrals / contacts;
        for (int i = 0; i < contacts; i++) {
            Child c = pick(random, children);
            double who = random.nextDouble();
            String client = who < 0.40 ? POLICE : who < 0.65 ? HEALTH : who < 0.85 ? EDUCATION : COUNCIL;
            Instant at = workingTime(random, start, end);
            boolean isLate = random.nextDouble() < 0.08;
            boolean disputed = !isLate && random.nextDouble() < 0.01;
            late += isLate ? 1 : 0;
            disputes += disputed ? 1 : 0;
            double conversion = random.nextDouble();
            String outcome = conversion < referring * 0.65 ? "social-care-assessment"
                    : conversion < referring ? "strategy-discussion" : OUTCOMES[random.nextInt(3)];
            String rating = rating(random, outcome, isLate);
            // Decided within 1-20 hours (a red one within 4), or planned late: 30-70 hours (past a 24 working-hour clock).
            Duration after = Duration.ofMinutes(isLate ? 1800 + random.nextInt(2400)
                    : "red".equals(rating) ? 30 + random.nextInt(190) : 60 + random.nextInt(1140));
            // Rated before the decision, most within the first half of the wait.
            PlannedRating rate = rating == null ? null
                    : new PlannedRating(Duration.ofMinutes((long) (after.toMinutes() * (0.05 + random.nextDouble() * 0.5))), rating);
            // Assessment and strategy discussion need level 4 (004:L1785); early help is level 2 or 3.
            int level = switch (outcome) {
                case "strategy-discussion", "social-care-assessment" -> 4;
                case "early-help" -> 2 + random.nextInt(2);
                default -> 1;
            };
            // Strategy discussions within 24 hours of the referral mostly (001:L3757); police nearly always there, health mostly.
            PlannedDiscussion discussion = !outcome.equals("strategy-discussion") ? null : new PlannedDiscussion(
                    Duration.ofMinutes(random.nextDouble() < 0.85 ? 60 + random.nextInt(1140) : 1560 + random.nextInt(2400)),
                    random.nextDouble() < 0.95, random.nextDouble() < 0.8);
            // Most disagreements are settled at stage 1 within its 5 working days; some go to stage 2 first.
            PlannedDispute dispute = !disputed ? null : new PlannedDispute(
                    random.nextDouble() < 0.85 ? Duration.ofHours(20 + random.nextInt(200)) : null, random.nextDouble() < 0.25);
            boolean bad = random.nextDouble() < 0.01;
            hostile += bad ? 1 : 0;
            String body = bad ? hostileForm(random, i) : form(random, c, client, i, level);
            // About 2% are never decided in the quarter: they sit overdue in the queue and the sweep escalates them.
            boolean forgotten = random.nextDouble() < 0.02;
            String key = "c" + i;
            PlannedDecision decision = bad || forgotten ? null
                    : new PlannedDecision(after, level, outcome, isLate, discussion, dispute);
            messages.add(new Message(at, client, "marf", "application/json", body, 1, bad, key, bad ? null : rate, decision));
            Instant decided = at.plus(after);
            if (decision != null && decided.isBefore(end) && level == 4) {
                Instant discussed = discussion == null ? null : decided.plus(discussion.after());
                referred.add(new Referred(key, c, decided, discussed != null && discussed.isBefore(end) ? discussed : null));
            }
        }
        // Police: batches of incidents (domestic abuse with children present, the school told under Operation
        // Encompass), exploitation risk assessments, missing episodes (some children missing again within 72 hours)
        // and their attendance at strategy discussions (below).
        List<Dated> police = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            Instant at = workingTime(random, start, end);
            Instant told = at.plus(Duration.ofMinutes(random.nextDouble() < 0.85 ? 20 + random.nextInt(580) : 1200 + random.nextInt(3000)));
            Instant notified = told.isBefore(end) ? told : null;
            police.add(new Dated(notified == null ? at : notified, policeIncident(random, pick(random, children), i, at, notified)));
        }
        for (int i = 0; i < Math.max(1, (int) Math.round(30 * scale)); i++) {
            Instant at = workingTime(random, start, end);
            police.add(new Dated(at, exploitationRisk(random, pick(random, children), i, at)));
        }
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < missing; i++) {
            Child c = pick(random, children);
            Instant reported = workingTime(random, start, end);
            Instant ended = reported.plus(Duration.ofHours(2 + random.nextInt(30)));
            episodes.add(new Episode("WMP-MIS-" + i, c, ended.isBefore(end) ? ended : null));
            if (ended.isBefore(end) && random.nextDouble() < 0.12) {
                Instant again = ended.plus(Duration.ofHours(2 + random.nextInt(60)));
                Instant back = again.plus(Duration.ofHours(2 + random.nextInt(30)));
                if (again.isBefore(end)) {
                    episodes.add(new Episode("WMP-MIS-" + i + "-2", c, back.isBefore(end) ? back : null));
                    police.add(new Dated(back.isBefore(end) ? back : again,
                            missingEpisode(c, "WMP-MIS-" + i + "-2", again, back.isBefore(end) ? back : null)));
                }
            }
            police.add(new Dated(ended.isBefore(end) ? ended : reported,
                    missingEpisode(c, "WMP-MIS-" + i, reported, ended.isBefore(end) ? ended : null)));
        }
        // Social care: the council's extract, weekly, with what it knows by then; hub ids as placeholders.
        List<Dated> care = new ArrayList<>();
        List<Child> onPlans = new ArrayList<>();
        for (Referred r : referred) {
            Child c = r.child();
            String k = r.key();
            // The council's own referral record: most name the MASH's referral, some the contact, a few nothing (rule).
            Instant recorded = r.decidedAt().plus(Duration.ofMinutes(60 + random.nextInt(420)));
            double names = random.nextDouble();
            String reference = names < 0.85 ? ", \"mashReferralId\": \"@{referral:" + k + "}\""
                    : names < 0.95 ? ", \"contactId\": \"@{contact:" + k + "}\"" : "";
            if (recorded.isBefore(end)) {
                care.add(new Dated(recorded, careRecord(c, "HC-REF-" + k, "\"type\": \"referral\", \"referredAt\": \""
                        + r.decidedAt() + "\"" + reference)));
            }
            // Assessment: ~88% within 45 working days (004:L1773).
            LocalDate started = day(r.decidedAt()).plusDays(random.nextInt(3));
            LocalDate completed = started.plusDays(random.nextDouble() < 0.12 ? 66 + random.nextInt(30) : 10 + random.nextInt(50));
            boolean done = random.nextDouble() < 0.8 && !completed.isAfter(lastDay);
            String ofReferral = random.nextDouble() < 0.9 ? ", \"referralRecordId\": \"HC-REF-" + k + "\"" : "";
            if (!started.isAfter(lastDay)) {
                care.add(new Dated(known(done ? completed : started), careRecord(c, "HC-AS-" + k, "\"type\": \"assessment\", "
                        + "\"startedOn\": \"" + started + "\"" + (done ? ", \"completedOn\": \"" + completed + "\"" : "") + ofReferral)));
            }
            if (r.discussedAt() == null) {
                continue;
            }
            Instant held = r.discussedAt();
            if (random.nextDouble() < 0.4) {
                // The police's own record of attending: most name the MASH's discussion, some not (rule).
                String names47 = random.nextDouble() < 0.8 ? ", \"strategyDiscussionId\": \"@{discussion:" + k + "}\"" : "";
                Instant known = held.plus(Duration.ofHours(2 + random.nextInt(28)));
                if (known.isBefore(end)) {
                    police.add(new Dated(known, "{\"recordId\": \"WMP-SDA-" + k + "\", \"type\": \"strategy-discussion-attendance\", "
                            + "\"child\": " + childJson(random, c, POLICE) + ", \"heldAt\": \"" + held + "\", \"attended\": true" + names47 + "}"));
                }
            }
            if (random.nextDouble() >= 0.88) {
                continue;
            }
            LocalDate enquiry = day(held);
            LocalDate enquiryEnded = enquiry.plusDays(3 + random.nextInt(12));
            boolean ended = !enquiryEnded.isAfter(lastDay);
            boolean toIcpc = random.nextDouble() < 0.45;
            String ofDiscussion = random.nextDouble() < 0.9 ? ", \"strategyDiscussionId\": \"@{discussion:" + k + "}\"" : "";
            care.add(new Dated(known(ended ? enquiryEnded : enquiry), careRecord(c, "HC-S47-" + k, "\"type\": \"section-47\", "
                    + "\"startedOn\": \"" + enquiry + "\"" + (ended ? ", \"completedOn\": \"" + enquiryEnded + "\", \"outcome\": \""
                    + (toIcpc ? "icpc" : random.nextBoolean() ? "child-in-need" : "no-further-action") + "\"" : "") + ofDiscussion)));
            LocalDate conference = enquiryEnded.plusDays(1 + random.nextInt(9));
            if (!ended || !toIcpc || conference.isAfter(lastDay)) {
                continue;
            }
            boolean plan = random.nextDouble() < 0.92;
            String ofEnquiry = random.nextDouble() < 0.9 ? ", \"section47RecordId\": \"HC-S47-" + k + "\"" : "";
            care.add(new Dated(known(conference), careRecord(c, "HC-ICPC-" + k, "\"type\": \"icpc\", \"heldOn\": \""
                    + conference + "\", \"outcome\": \"" + (plan ? "plan" : "no-plan") + "\"" + ofEnquiry)));
            if (!plan) {
                continue;
            }
            String ofConference = random.nextDouble() < 0.95 ? ", \"icpcRecordId\": \"HC-ICPC-" + k + "\"" : "";
            care.add(new Dated(known(conference), careRecord(c, "HC-CPP-" + k, "\"type\": \"child-protection-plan\", "
                    + "\"startedOn\": \"" + conference + "\", \"category\": \"" + PLAN_CATEGORIES[random.nextInt(PLAN_CATEGORIES.length)]
                    + "\"" + ofConference)));
            onPlans.add(c);
            if (random.nextDouble() < 0.23) {
                // An earlier plan, ended years ago: this one is a second plan (004:L1767). The extract carries the history.
                LocalDate before = day(start).minusDays(400 + random.nextInt(900));
                care.add(new Dated(start, careRecord(c, "HC-CPP-" + k + "-EARLIER", "\"type\": \"child-protection-plan\", "
                        + "\"startedOn\": \"" + before + "\", \"endedOn\": \"" + before.plusDays(180 + random.nextInt(200))
                        + "\", \"category\": \"neglect\"")));
            }
        }
        // Unlinkable: a transfer-in conference for a child who moved here mid-enquiry (no section 47 or discussion here).
        Child movedIn = children.get(children.size() - 1);
        LocalDate transferIn = day(workingTime(random, start, end.minus(Duration.ofDays(2))));
        care.add(new Dated(known(transferIn), careRecord(movedIn, "HC-ICPC-TRANSFER-1", "\"type\": \"icpc\", \"heldOn\": \""
                + transferIn + "\", \"outcome\": \"plan\"")));
        // Children in care (~378, 004:L1161): most since before the quarter, ~45 entering it (some under placement orders).
        List<Child> inCare = new ArrayList<>();
        List<Dated> entered = new ArrayList<>();
        for (int i = 0; i < Math.max(1, (int) Math.round(330 * scale)); i++) {
            Child c = children.get(random.nextInt(children.size()));
            LocalDate since = day(start).minusDays(30 + random.nextInt(2500));
            boolean leaves = random.nextDouble() < 0.06;
            LocalDate left = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
            care.add(new Dated(leaves ? known(left) : start, careRecord(c, "HC-PIC-" + i, "\"type\": \"period-in-care\", \"startedOn\": \""
                    + since + "\"" + (leaves ? ", \"endedOn\": \"" + left + "\"" : "") + ", \"legalStatus\": \""
                    + (random.nextDouble() < 0.6 ? "C2" : "V2") + "\"")));
            if (!leaves) {
                inCare.add(c);
            }
        }
        List<HealthEvent> health = new ArrayList<>();
        // Children in care in unscheduled care (issue 15): ED attendances in the health feed and the ED's own
        // flag queries, both telling the council the child was seen (when the hub holds the child's NHS number as
        // verified: not when another agency's record brought it first, see docs/decisions.md). From the third week, when the council's
        // first extract (sent after the first week) has brought their periods in care; their own random
        // numbers, so the rest of the quarter is the same as before.
        List<FlagQuery> flagQueries = new ArrayList<>();
        Random seen = new Random(seed + 15);
        List<Child> flagged = List.copyOf(inCare);
        Instant fromWeek3 = start.plus(Duration.ofDays(14));
        for (int i = 0; !flagged.isEmpty() && i < Math.max(4, (int) Math.round(40 * scale)); i++) {
            Child c = flagged.get(seen.nextInt(flagged.size()));
            Instant arrived = workingTime(seen, fromWeek3, end.minus(Duration.ofDays(1)));
            health.add(new HealthEvent(arrived.plus(Duration.ofHours(3)), c, edAttendance("wvt-ed-flagged-" + i, c, arrived,
                    arrived.plus(Duration.ofHours(3)))));
        }
        for (int i = 0; !flagged.isEmpty() && i < Math.max(4, (int) Math.round(20 * scale)); i++) {
            flagQueries.add(new FlagQuery(workingTime(seen, fromWeek3, end.minus(Duration.ofDays(1))),
                    flagged.get(seen.nextInt(flagged.size())).nhs()));
        }
        for (int i = 0; i < Math.max(1, (int) Math.round(45 * scale)); i++) {
            Child c = children.get(random.nextInt(children.size()));
            LocalDate on = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
            double status = random.nextDouble();
            care.add(new Dated(known(on), careRecord(c, "HC-PIC-NEW-" + i, "\"type\": \"period-in-care\", \"startedOn\": \""
                    + on + "\", \"legalStatus\": \"" + (status < 0.2 ? "placement-order" : status < 0.6 ? "C2" : "V2") + "\"")));
            inCare.add(c);
            // Initial health assessments: only ~15% within 20 working days (004:L2417); ~1 in 8 not yet done.
            LocalDate done = on.plusDays(random.nextDouble() < 0.15 ? 7 + random.nextInt(21) : 29 + random.nextInt(60));
            if (random.nextDouble() < 0.88 && !done.isAfter(lastDay)) {
                health.add(new HealthEvent(known(done), c, procedure("wvt-iha-" + i, "initial-health-assessment", c, done, random)));
            }
        }
        // Return interviews: most offered within 72 hours of the episode ending (004:L1051), most naming the episode.
        for (Episode e : episodes) {
            if (e.endedAt() == null || random.nextDouble() >= 0.85) {
                continue;
            }
            Instant offered = e.endedAt().plus(Duration.ofHours(random.nextDouble() < 0.8 ? 4 + random.nextInt(64) : 74 + random.nextInt(90)));
            Instant interviewed = random.nextDouble() < 0.7 ? offered.plus(Duration.ofHours(random.nextInt(48))) : null;
            Instant known = (interviewed == null ? offered : interviewed).plus(Duration.ofHours(1));
            String ofEpisode = random.nextDouble() < 0.9 ? ", \"missingEpisode\": {\"recordId\": \"" + e.recordId() + "\"}" : "";
            if (known.isBefore(end)) {
                care.add(new Dated(known, returnInterview(e.child(), "HC-RI-" + e.recordId(), offered, interviewed, ofEpisode)));
            }
        }
        // Unlinkable: an interview after an episode reported to another force, which this hub never hears of.
        Instant elsewhere = workingTime(random, start, end.minus(Duration.ofDays(1)));
        care.add(new Dated(elsewhere, returnInterview(movedIn, "HC-RI-ELSEWHERE-1", elsewhere, null, "")));
        hostile += batches(messages, random, POLICE, "police", police, start, end);
        hostile += batches(messages, random, COUNCIL, "social-care", care, start, end);
        // Schools: weekly CSV extracts of attendance, children missing education, elective home education and
        // early help assessments; and the latest attendance of school-age children on child protection plans.
        List<Dated> school = new ArrayList<>();
        for (int i = 0; i < (int) Math.round(400 * scale); i++) {
            Child c = pick(random, children);
            if (c.upn() != null) {
                LocalDate on = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
                school.add(new Dated(known(on), educationRow(random, c, i, on)));
            }
        }
        for (int i = 0; i < (int) Math.round(80 * scale); i++) {
            Child c = pick(random, children);
            if (c.upn() != null) {
                LocalDate on = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
                boolean home = random.nextDouble() < 0.25;
                school.add(new Dated(known(on), String.join(",", (home ? "HE-EHE-" : "HE-EHA-") + i,
                        home ? "elective-home-education" : "early-help-assessment", c.upn(), c.given(), csv(c.family()),
                        c.dob().toString(), c.sex(), c.postcode(), on.toString(), "", "",
                        home ? "Parents' notice of elective home education" : "Early help assessment completed by the school")));
            }
        }
        for (int i = 0; i < onPlans.size(); i++) {
            Child c = onPlans.get(i);
            LocalDate on = lastDay.minusDays(random.nextInt(28));
            if (c.upn() != null) {
                school.add(new Dated(known(on), String.join(",", "HE-ATT-CP-" + i, "attendance", c.upn(), c.given(),
                        csv(c.family()), c.dob().toString(), c.sex(), c.postcode(), on.toString(), String.format(Locale.ROOT,
                                "%.1f", random.nextDouble() < 0.35 ? 60 + random.nextDouble() * 29 : 90 + random.nextDouble() * 10),
                        "", "Term to date")));
            }
        }
        messages.addAll(csvBatches(school, start, end));
        messages.add(enrolments(children, start));
        // Health: FHIR R4 Bundles (docs/feeds/health-fhir-mapping.md) with ED attendances, the initial health
        // assessments above, dental checks of children in care (~80% within the last 12 months; older ones in the
        // first Bundle as history) and exploitation risk flags.
        for (int i = 0; i < Math.max(1, (int) Math.round(250 * scale)); i++) {
            Instant arrived = start.plus(Duration.ofMinutes((long) (random.nextDouble() * Duration.between(start, end).toMinutes())));
            Instant left = arrived.plus(Duration.ofMinutes(60 + random.nextInt(360)));
            if (left.isBefore(end)) {
                Child c = pick(random, children);
                health.add(new HealthEvent(left, c, edAttendance("wvt-ed-" + i, c, arrived, left)));
            }
        }
        for (int i = 0; i < inCare.size(); i++) {
            if (random.nextDouble() < 0.8) {
                Child c = inCare.get(i);
                LocalDate on = lastDay.minusDays(random.nextInt(365));
                health.add(new HealthEvent(on.isBefore(day(start)) ? start : known(on), c,
                        procedure("wvt-dental-" + i, "dental-check", c, on, random)));
            }
        }
        for (int i = 0; i < Math.max(1, (int) Math.round(25 * scale)); i++) {
            Instant at = workingTime(random, start, end);
            Child c = pick(random, children);
            health.add(new HealthEvent(at, c, "{\"resourceType\": \"Flag\", \"id\": \"wvt-flag-" + i
                    + "\", \"status\": \"active\", \"code\": {\"coding\": [{\"system\": \"" + HealthBundleFeed.KIND_SYSTEM
                    + "\", \"code\": \"exploitation-risk\"}]}, " + subject(c) + ", \"period\": {\"start\": \"" + at + "\"}}"));
        }
        messages.addAll(fhirBundles(health, start, end));
        messages.sort(Comparator.comparing(Message::at));
        flagQueries.sort(Comparator.comparing(FlagQuery::at));
        return new Quarter(start, end, List.copyOf(messages), children.size(), contacts, hostile, late, disputes,
                List.copyOf(flagQueries));
    }

    /** An emergency department attendance: a finished FHIR Encounter of class EMER. */
    private static String edAttendance(String id, Child c, Instant arrived, Instant left) {
        return "{\"resourceType\": \"Encounter\", \"id\": \"" + id
                + "\", \"status\": \"finished\", \"class\": {\"system\": \"http://terminology.hl7.org/CodeSystem/v3-ActCode\", "
                + "\"code\": \"EMER\"}, " + subject(c) + ", \"period\": {\"start\": \"" + arrived + "\", \"end\": \"" + left + "\"}}";
    }

    /**
     * The MASH's RAG rating, by what it goes on to decide: red for immediate risk (mostly strategy
     * discussions), green for universal and no further action; late decisions are amber (their
     * clock, 24 working hours, is the one they miss). About 1 in 20 contacts is never rated.
     */
    private static String rating(Random random, String outcome, boolean late) {
        double r = random.nextDouble();
        if (r < 0.05) {
            return null;
        }
        if (late) {
            return "amber";
        }
        double red = switch (outcome) {
            case "strategy-discussion" -> 0.6;
            case "social-care-assessment" -> 0.12;
            default -> 0.03;
        };
        double amber = outcome.equals("strategy-discussion") ? 1.0 : outcome.equals("social-care-assessment") ? 0.8 : 0.4;
        double u = random.nextDouble();
        return u < red ? "red" : u < amber ? "amber" : "green";
    }

    private static Child child(Random random, int i) {
        boolean female = random.nextBoolean();
        String given = female ? GIVEN_F[random.nextInt(GIVEN_F.length)] : GIVEN_M[random.nextInt(GIVEN_M.length)];
        LocalDate dob = LocalDate.of(2026, 9, 1).minusDays(200 + random.nextInt(17 * 365));
        String postcode = "HR" + (1 + random.nextInt(9)) + " " + (1 + random.nextInt(9)) + (char) ('A' + random.nextInt(26))
                + (char) ('A' + random.nextInt(26));
        boolean schoolAge = dob.isBefore(LocalDate.of(2022, 9, 1));
        return new Child(given, FAMILY[random.nextInt(FAMILY.length)], dob, female ? "female" : "male", postcode,
                nhsNumber(random), schoolAge ? upn(random) : null, "HC-C-" + (10_000 + i), "WMP-P-" + (50_000 + i));
    }

    /** Nine random digits and the check digit that makes a valid NHS number (retry when none does). */
    static String nhsNumber(Random random) {
        while (true) {
            String nine = String.format("9%08d", random.nextInt(100_000_000));
            for (int d = 0; d <= 9; d++) {
                if (NhsNumber.isValid(nine + d)) {
                    return nine + d;
                }
            }
        }
    }

    /** A permanent UPN: check letter, the LA code 884 (Herefordshire), establishment and serial. */
    static String upn(Random random) {
        String twelve = String.format("884%04d%05d", random.nextInt(10_000), random.nextInt(100_000));
        return Upn.checkLetter(twelve) + twelve;
    }

    private static Child pick(Random random, List<Child> children) {
        // A skewed pick: a small group of children recurs often (repeat contacts, re-referrals).
        int n = children.size();
        return children.get(random.nextDouble() < 0.3 ? random.nextInt(Math.max(1, n / 10)) : random.nextInt(n));
    }

    /** Mostly within working hours of working days, Europe/London; some out of hours (police, A&E). */
    private static Instant workingTime(Random random, Instant start, Instant end) {
        long span = Duration.between(start, end).toMinutes();
        for (int tries = 0; tries < 20; tries++) {
            Instant at = start.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
            ZonedDateTime local = at.atZone(LONDON);
            boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend && local.getHour() >= 8 && local.getHour() < 18 || random.nextDouble() < 0.15) {
                return at;
            }
        }
        return start.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
    }

    /** The end of a Europe/London day: a record about that day is complete then. */
    private static Instant known(LocalDate day) {
        return day.plusDays(1).atStartOfDay(LONDON).toInstant();
    }

    private static LocalDate day(Instant at) {
        return at.atZone(LONDON).toLocalDate();
    }

    /** How an agency writes the child: police use the known-as name, schools drop the NHS number. */
    private static String childJson(Random random, Child c, String client) {
        String given = c.given();
        String postcode = c.postcode();
        if (client.equals(POLICE) && random.nextDouble() < 0.5) {
            for (String pair : NICK) {
                if (pair.startsWith(given + ":")) {
                    given = pair.substring(pair.indexOf(':') + 1);
                }
            }
        }
        if (random.nextDouble() < 0.2) {
            postcode = postcode.replace(" ", "").toLowerCase(Locale.ROOT);
        }
        StringBuilder json = new StringBuilder("{\"givenName\": \"" + given + "\", \"familyName\": \"" + esc(c.family())
                + "\", \"dateOfBirth\": \"" + c.dob() + "\", \"sex\": \"" + c.sex() + "\", \"postcode\": \"" + postcode + "\"");
        if (!client.equals(EDUCATION) && random.nextDouble() < 0.85) {
            json.append(", \"nhsNumber\": \"").append(c.nhs()).append('"');
        }
        if (client.equals(POLICE)) {
            json.append(", \"policePersonRef\": \"").append(c.policeRef()).append('"');
        }
        if (client.equals(COUNCIL)) {
            json.append(", \"laChildId\": \"").append(c.laId()).append('"');
        }
        return json.append('}').toString();
    }

    /** The referrer's level of need mostly agrees with the MASH's {@code decided} one (004:L1693: 93% in an audit). */
    private static String form(Random random, Child c, String client, int i, int decided) {
        String[] referrer = switch (client) {
            case POLICE -> new String[]{"PC Sam Morgan", "Public protection unit officer"};
            case HEALTH -> new String[]{"Nurse Priya Shah", "Named nurse for safeguarding"};
            case EDUCATION -> new String[]{"Mrs Helen Bevan", "Designated safeguarding lead"};
            default -> new String[]{"Dan Price", "Early help coordinator"};
        };
        boolean consent = random.nextDouble() < 0.8;
        return "{\"formId\": \"MARF-" + client.substring(0, 4).toUpperCase(Locale.ROOT) + "-" + i + "\", "
                + "\"referrer\": {\"name\": \"" + referrer[0] + "\", \"role\": \"" + referrer[1] + "\"}, "
                + "\"child\": " + childJson(random, c, client) + ", "
                + "\"concerns\": \"" + CONCERNS[random.nextInt(CONCERNS.length)] + "\", "
                + "\"levelOfNeed\": " + (random.nextDouble() < 0.9 ? decided : 1 + random.nextInt(4)) + ", "
                + "\"consent\": " + (consent ? "{\"status\": \"given\"}"
                : "{\"status\": \"overridden\", \"reason\": \"Seeking consent would place the child at risk.\"}") + "}";
    }

    /** Hostile or malformed: bad check digits, a script in a name, a broken body, a child from 1890. */
    private static String hostileForm(Random random, int i) {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"formId\": \"MARF-BAD-" + i + "\", \"referrer\": {\"name\": \"X\"}, \"child\": {\"familyName\": \"Smith\", "
                    + "\"dateOfBirth\": \"2015-01-01\", \"postcode\": \"HR1 1AA\", \"nhsNumber\": \"9434765918\"}, "
                    + "\"concerns\": \"test\", \"levelOfNeed\": 2, \"consent\": {\"status\": \"given\"}}";
            case 1 -> "{\"formId\": \"MARF-BAD-" + i + "\", \"referrer\": {\"name\": \"<script>alert(1)</script>\"}, "
                    + "\"child\": {\"familyName\": \"<img src=x onerror=alert(1)>\", \"dateOfBirth\": \"1890-01-01\", "
                    + "\"postcode\": \"HR1 1AA\"}, \"concerns\": \"x\", \"levelOfNeed\": 9, \"consent\": {\"status\": \"given\"}}";
            case 2 -> "{\"formId\": \"MARF-BAD-" + i + "\", \"referrer\": ";
            default -> "{\"formId\": \"MARF-BAD-" + i + "\", \"referrer\": {\"name\": \"X\"}, \"child\": {\"familyName\": \"Jones\", "
                    + "\"dateOfBirth\": \"2015-02-30\", \"postcode\": \"HR1 1AA\"}, \"concerns\": \"x\", \"levelOfNeed\": 2, "
                    + "\"consent\": {\"status\": \"not-sought\"}}";
        };
    }

    /**
     * A domestic abuse notification. Odd-numbered ones say the police told the school themselves; the
     * even ones leave it to the hub, which finds the school from the enrolments (Operation Encompass).
     */
    private static String policeIncident(Random random, Child c, int i, Instant at, Instant schoolNotified) {
        String child = childJson(random, c, POLICE);
        boolean present = random.nextBoolean();
        String school = "{\"urn\": \"" + (116_700 + random.nextInt(90)) + "\", \"name\": \"A Herefordshire school\"}";
        boolean policeTold = i % 2 == 1;
        return "{\"recordId\": \"WMP-DA-" + i + "\", \"type\": \"domestic-abuse\", \"child\": " + child
                + ", \"incidentAt\": \"" + at + "\", \"childPresent\": " + present
                + (policeTold ? ", \"school\": " + school : "")
                + (schoolNotified == null || !policeTold ? "" : ", \"schoolNotifiedAt\": \"" + schoolNotified + "\"")
                + ", \"summary\": \"Incident between adults at the home address.\"}";
    }

    /** The demo's schools (config/hub/schools.yml): each school-age child is on the roll of one of them. */
    static final List<String> SCHOOLS = List.of("116789", "116790", "116791");

    /** One CSV at the quarter's start: every school-age child's enrolment, naming the school (Operation Encompass). */
    private static Message enrolments(List<Child> children, Instant start) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Child c = children.get(i);
            if (c.upn() != null) {
                rows.add(String.join(",", "HE-ENR-" + i, "enrolment", c.upn(), c.given(), csv(c.family()), c.dob().toString(),
                        c.sex(), c.postcode(), day(start).minusDays(1).toString(), SCHOOLS.get(i % SCHOOLS.size())));
            }
        }
        String body = "record_id,record_type,upn,given_name,family_name,date_of_birth,sex,postcode,occurred_on,school_urn\n"
                + String.join("\n", rows) + "\n";
        return new Message(start.plus(Duration.ofMinutes(5)), EDUCATION, "education", "text/csv", body, rows.size(), false,
                null, null, null);
    }

    /** Child exploitation risk (004:L1709-1714): "actual" is a level for sexual exploitation only. */
    private static String exploitationRisk(Random random, Child c, int i, Instant at) {
        String type = random.nextDouble() < 0.5 ? "cce" : "cse";
        String[] levels = type.equals("cse") ? new String[]{"emerging", "moderate", "significant", "actual"}
                : new String[]{"emerging", "moderate", "significant"};
        return "{\"recordId\": \"WMP-CE-" + i + "\", \"type\": \"exploitation-risk\", \"child\": " + childJson(random, c, POLICE)
                + ", \"exploitationType\": \"" + type + "\", \"level\": \"" + levels[random.nextInt(levels.length)]
                + "\", \"assessedAt\": \"" + at + "\"}";
    }

    private static String missingEpisode(Child c, String recordId, Instant reported, Instant ended) {
        return "{\"recordId\": \"" + recordId + "\", \"type\": \"missing-episode\", \"child\": {\"givenName\": \"" + c.given()
                + "\", \"familyName\": \"" + esc(c.family()) + "\", \"dateOfBirth\": \"" + c.dob() + "\", \"postcode\": \""
                + c.postcode() + "\", \"policePersonRef\": \"" + c.policeRef() + "\"}, \"reportedAt\": \"" + reported + "\""
                + (ended == null ? "" : ", \"endedAt\": \"" + ended + "\"") + "}";
    }

    /** {@code episode}: the reference to the police's episode as a JSON member (starting ", "), or empty. */
    private static String returnInterview(Child c, String id, Instant offered, Instant held, String episode) {
        return careRecord(c, id, "\"type\": \"return-interview\", \"offeredAt\": \"" + offered + "\""
                + (held == null ? "" : ", \"heldAt\": \"" + held + "\"") + episode);
    }

    private static String careRecord(Child c, String id, String fields) {
        return "{\"recordId\": \"" + id + "\", " + fields + ", \"child\": {\"givenName\": \"" + c.given() + "\", \"familyName\": \""
                + esc(c.family()) + "\", \"dateOfBirth\": \"" + c.dob() + "\", \"postcode\": \"" + c.postcode()
                + "\", \"nhsNumber\": \"" + c.nhs() + "\"" + (c.upn() == null ? "" : ", \"upn\": \"" + c.upn() + "\"")
                + ", \"laChildId\": \"" + c.laId() + "\"}}";
    }

    private static String educationRow(Random random, Child c, int i, LocalDate on) {
        String family = c.family().contains("-") && random.nextBoolean() ? c.family().replace("-", " ") : c.family();
        return random.nextDouble() < 0.8
                ? String.join(",", "HE-ATT-" + i, "attendance", c.upn(), c.given(), csv(family), c.dob().toString(), c.sex(),
                c.postcode(), on.toString(), String.format(Locale.ROOT, "%.1f", 70 + random.nextDouble() * 30), "", "Term to date")
                : String.join(",", "HE-CME-" + i, "missing-education", c.upn(), c.given(), csv(family), c.dob().toString(),
                c.sex(), c.postcode(), on.toString(), "", "", "Not on any school roll");
    }

    /** JSON records into weekly messages, each sent at the end of its week with the records known by then. */
    private static int batches(List<Message> out, Random random, String client, String feed, List<Dated> records,
                               Instant start, Instant end) {
        int hostile = 0;
        for (Week<Dated> week : weeks(records, Dated::knownAt, start, end)) {
            int b = week.index();
            Instant sendAt = week.sendAt();
            List<String> sent = new ArrayList<>(week.items().stream().map(Dated::record).toList());
            if (random.nextDouble() < 0.3) {
                // One record with an impossible date: rejected on its own, the rest of the batch accepted.
                sent.add("{\"recordId\": \"" + feed + "-bad-" + b + "\", \"type\": \"missing-episode\", \"child\": {\"familyName\": "
                        + "\"Doe\", \"dateOfBirth\": \"2014-13-40\", \"postcode\": \"HR1 1AA\"}, \"reportedAt\": \"yesterday\"}");
                hostile++;
            }
            out.add(new Message(sendAt, client, feed, "application/json", "{\"messageId\": \"" + feed + "-" + b + "\", \"records\": ["
                    + String.join(",\n", sent) + "]}", sent.size(), false, null, null, null));
        }
        return hostile;
    }

    private static List<Message> csvBatches(List<Dated> rows, Instant start, Instant end) {
        List<Message> out = new ArrayList<>();
        for (Week<Dated> week : weeks(rows, Dated::knownAt, start, end)) {
            List<String> part = week.items().stream().map(Dated::record).toList();
            String body = "record_id,record_type,upn,given_name,family_name,date_of_birth,sex,postcode,occurred_on,"
                    + "attendance_percent,exclusion_kind,notes\n" + String.join("\n", part) + "\n";
            out.add(new Message(week.sendAt(), EDUCATION, "education", "text/csv", body, part.size(), false, null, null, null));
        }
        return out;
    }

    /** One of the quarter's 13 weekly sends: what became known in the week, sent at its end. */
    private record Week<T>(int index, Instant sendAt, List<T> items) {
    }

    /** Splits items into weekly sends by when they became known; the last week takes what is left. */
    private static <T> List<Week<T>> weeks(List<T> items, Function<T, Instant> knownAt, Instant start, Instant end) {
        List<Week<T>> out = new ArrayList<>();
        int weeks = 13;
        Duration window = Duration.between(start, end).dividedBy(weeks);
        for (int w = 0; w < weeks; w++) {
            Instant from = start.plus(window.multipliedBy(w));
            Instant sendAt = w == weeks - 1 ? end : from.plus(window);
            boolean first = w == 0;
            boolean last = w == weeks - 1;
            List<T> part = items.stream().filter(i -> (first || !knownAt.apply(i).isBefore(from))
                    && (last || knownAt.apply(i).isBefore(sendAt))).toList();
            if (!part.isEmpty()) {
                out.add(new Week<>(w, sendAt, part));
            }
        }
        return out;
    }

    private static String procedure(String id, String kind, Child c, LocalDate on, Random random) {
        return "{\"resourceType\": \"Procedure\", \"id\": \"" + id + "\", \"status\": \"completed\", \"code\": {\"coding\": "
                + "[{\"system\": \"" + HealthBundleFeed.KIND_SYSTEM + "\", \"code\": \"" + kind + "\"}]}, " + subject(c) + ", \"performedDateTime\": \""
                + on.atTime(9 + random.nextInt(8), 0).atZone(LONDON).toInstant() + "\"}";
    }

    /** The UK Core NHS number identifier makes a stable Patient fullUrl: the same child is the same Patient. */
    private static String patientUrl(Child c) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("wvt-patient-" + c.nhs()).getBytes(StandardCharsets.UTF_8));
    }

    private static String subject(Child c) {
        return "\"subject\": {\"reference\": \"" + patientUrl(c) + "\"}";
    }

    /** Weekly transaction Bundles: each event once, with a Patient entry for each child it is about. */
    private static List<Message> fhirBundles(List<HealthEvent> events, Instant start, Instant end) {
        List<Message> out = new ArrayList<>();
        for (Week<HealthEvent> week : weeks(events, HealthEvent::knownAt, start, end)) {
            List<HealthEvent> part = week.items();
            Map<String, String> entries = new LinkedHashMap<>();
            for (HealthEvent e : part) {
                Child c = e.child();
                entries.putIfAbsent(patientUrl(c), "{\"fullUrl\": \"" + patientUrl(c) + "\", \"resource\": {\"resourceType\": "
                        + "\"Patient\", \"identifier\": [{\"system\": \"" + HealthBundleFeed.NHS_NUMBER + "\", \"value\": \"" + c.nhs() + "\"}], "
                        + "\"name\": [{\"family\": \"" + esc(c.family()) + "\", \"given\": [\"" + c.given() + "\"]}], \"gender\": \""
                        + c.sex() + "\", \"birthDate\": \"" + c.dob() + "\", \"address\": [{\"postalCode\": \"" + c.postcode()
                        + "\"}]}, \"request\": {\"method\": \"POST\", \"url\": \"Patient\"}}");
            }
            for (HealthEvent e : part) {
                String type = e.resource().substring(18, e.resource().indexOf('"', 18));
                String id = e.resource().substring(e.resource().indexOf("\"id\": \"") + 7).split("\"", 2)[0];
                entries.put(type + "/" + id, "{\"fullUrl\": \"urn:uuid:" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8))
                        + "\", \"resource\": " + e.resource() + ", \"request\": {\"method\": \"POST\", \"url\": \"" + type + "\"}}");
            }
            String body = "{\"resourceType\": \"Bundle\", \"identifier\": {\"system\": \"https://wyevalley.nhs.uk/Id/message\", "
                    + "\"value\": \"wvt-bundle-" + week.index() + "\"}, \"type\": \"transaction\", \"entry\": [\n"
                    + String.join(",\n", entries.values()) + "]}";
            out.add(new Message(week.sendAt(), HEALTH, "health", "application/fhir+json", body, part.size(), false, null, null,
                    null));
        }
        return out;
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
