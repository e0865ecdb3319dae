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
 * county (DOMAIN.md "Scale", 004:L1769): ~3,300 referrals a year, so ~825 a quarter, from about
 * 3.5 times as many contacts; section 47 ~31% of referrals, ICPC ~40% of section 47, ~182 missing
 * episodes a year. Children recur across agencies' feeds with the differences real feeds have
 * (nicknames, spacing and case of postcodes, a missing identifier); about 1% of messages are
 * hostile or malformed; some decisions are planned late, a few decisions disputed.
 * All names are invented; NHS numbers and UPNs are valid by their check digits only.
 */
public final class SyntheticQuarter {

    /** Partner systems (OAuth2 client ids in config/hub/partners.yml and the realm). */
    public static final String POLICE = "west-mercia-police-feed";
    public static final String HEALTH = "wye-valley-nhs-trust-feed";
    public static final String EDUCATION = "herefordshire-education-feed";
    public static final String COUNCIL = "herefordshire-council-feed";

    /** What the MASH will decide about a contact, and how long after it arrives. */
    public record PlannedDecision(Duration after, int levelOfNeed, String outcome, boolean late, boolean disputed) {
    }

    /** One message a partner system sends: when, as whom, to which path, and what. */
    public record Message(Instant at, String clientId, String feed, String contentType, String body, int records,
                          boolean hostile, PlannedDecision decision) {
    }

    /** The quarter: its messages in time order and what went into them. */
    public record Quarter(Instant start, Instant end, List<Message> messages, int children, int contacts,
                          int hostileMessages, int plannedLate, int plannedDisputes) {
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

    private SyntheticQuarter() {
    }

    /**
     * The quarter ending at {@code end} (91 days). {@code scale} 1.0 is the county's volume;
     * smaller for tests and quick looks.
     */
    public static Quarter generate(long seed, double scale, Instant end) {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(91));
        int contacts = Math.max(4, (int) Math.round(2_900 * scale));
        int referrals = (int) Math.round(825 * scale);
        int section47 = (int) Math.round(referrals * 0.31);
        int icpcs = (int) Math.round(section47 * 0.40);
        int missing = Math.max(1, (int) Math.round(182 / 4.0 * scale));
        int incidents = (int) Math.round(900 * scale);
        List<Child> children = new ArrayList<>();
        int population = Math.max(3, (int) Math.round(2_400 * scale));
        for (int i = 0; i < population; i++) {
            children.add(child(random, i));
        }
        List<Message> messages = new ArrayList<>();
        int hostile = 0;
        int late = 0;
        int disputes = 0;
        // Contacts: one referral form each, from police 40%, health 25%, schools 20%, the council 15%.
        for (int i = 0; i < contacts; i++) {
            Child c = pick(random, children);
            double who = random.nextDouble();
            String client = who < 0.40 ? POLICE : who < 0.65 ? HEALTH : who < 0.85 ? EDUCATION : COUNCIL;
            Instant at = workingTime(random, start, end);
            boolean isLate = random.nextDouble() < 0.08;
            boolean disputed = !isLate && random.nextDouble() < 0.01;
            late += isLate ? 1 : 0;
            disputes += disputed ? 1 : 0;
            // Decided within 1-20 hours, or planned late: 30-70 hours (past a 24 working-hour clock).
            Duration after = Duration.ofMinutes(isLate ? 1800 + random.nextInt(2400) : 60 + random.nextInt(1140));
            double conversion = random.nextDouble();
            String outcome = conversion < (double) referrals / contacts * 0.85 ? "social-care-assessment"
                    : conversion < (double) referrals / contacts ? "strategy-discussion" : OUTCOMES[random.nextInt(3)];
            // Assessment and strategy discussion need level 4 (004:L1785); early help is level 2 or 3.
            int level = switch (outcome) {
                case "strategy-discussion", "social-care-assessment" -> 4;
                case "early-help" -> 2 + random.nextInt(2);
                default -> 1;
            };
            boolean bad = random.nextDouble() < 0.01;
            hostile += bad ? 1 : 0;
            String body = bad ? hostileForm(random, i) : form(random, c, client, i);
            // About 2% are never decided in the quarter: they sit overdue in the queue and the sweep escalates them.
            boolean forgotten = random.nextDouble() < 0.02;
            messages.add(new Message(at, client, "marf", "application/json", body, 1, bad,
                    bad || forgotten ? null : new PlannedDecision(after, level, outcome, isLate, disputed)));
        }
        // Police: batches of incidents (domestic abuse with children present) and missing episodes.
        List<Dated> police = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            Instant at = workingTime(random, start, end);
            police.add(new Dated(at, policeIncident(random, pick(random, children), i, at)));
        }
        for (int i = 0; i < missing; i++) {
            Instant reported = workingTime(random, start, end);
            Instant ended = reported.plus(Duration.ofHours(2 + random.nextInt(30)));
            boolean returned = ended.isBefore(end); // else still missing when the quarter ends
            police.add(new Dated(returned ? ended : reported,
                    missingEpisode(pick(random, children), i, reported, returned ? ended : null)));
        }
        hostile += batches(messages, random, POLICE, "police", police, start, end);
        // Social care: assessments for the referrals, section 47 enquiries and ICPCs, in extracts.
        // A record goes in the first extract after its last date; completions after the quarter are left out.
        List<Dated> care = new ArrayList<>();
        LocalDate lastDay = day(end).minusDays(1);
        for (int i = 0; i < referrals; i++) {
            Child c = pick(random, children);
            LocalDate started = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
            LocalDate completed = started.plusDays(10 + random.nextInt(40));
            boolean done = random.nextDouble() < 0.7 && !completed.isAfter(lastDay);
            care.add(new Dated(known(done ? completed : started), careRecord(c, "HC-AS-" + i, "\"type\": \"assessment\", "
                    + "\"startedOn\": \"" + started + "\"" + (done ? ", \"completedOn\": \"" + completed + "\"" : ""))));
            if (i < section47) {
                LocalDate ended = started.plusDays(3 + random.nextInt(12));
                if (ended.isAfter(lastDay)) {
                    continue;
                }
                care.add(new Dated(known(ended), careRecord(c, "HC-S47-" + i, "\"type\": \"section-47\", \"startedOn\": \""
                        + started + "\", \"completedOn\": \"" + ended + "\", \"outcome\": \""
                        + (i < icpcs ? "icpc" : "no-further-action") + "\"")));
                LocalDate held = ended.plusDays(2 + random.nextInt(10));
                if (i < icpcs && !held.isAfter(lastDay)) {
                    care.add(new Dated(known(held), careRecord(c, "HC-ICPC-" + i, "\"type\": \"icpc\", \"heldOn\": \""
                            + held + "\", \"outcome\": \"plan\"")));
                }
            }
        }
        hostile += batches(messages, random, COUNCIL, "social-care", care, start, end);
        // Schools: weekly CSV extracts of attendance and children missing education.
        List<Dated> school = new ArrayList<>();
        for (int i = 0; i < (int) Math.round(400 * scale); i++) {
            Child c = pick(random, children);
            if (c.upn() != null) {
                LocalDate on = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
                school.add(new Dated(known(on), educationRow(random, c, i, on)));
            }
        }
        messages.addAll(csvBatches(school, start, end));
        // Health: FHIR R4 Bundles (docs/feeds/health-fhir-mapping.md) with ED attendances, initial health
        // assessments for children entering care (only ~15% within 20 working days, 004:L2417), dental
        // checks for children in care (~378 in care, a check a year) and exploitation risk flags.
        List<HealthEvent> health = new ArrayList<>();
        for (int i = 0; i < Math.max(1, (int) Math.round(250 * scale)); i++) {
            Instant arrived = start.plus(Duration.ofMinutes((long) (random.nextDouble() * Duration.between(start, end).toMinutes())));
            Instant left = arrived.plus(Duration.ofMinutes(60 + random.nextInt(360)));
            if (left.isBefore(end)) {
                Child c = pick(random, children);
                health.add(new HealthEvent(left, c, "{\"resourceType\": \"Encounter\", \"id\": \"wvt-ed-" + i
                        + "\", \"status\": \"finished\", \"class\": {\"system\": \"http://terminology.hl7.org/CodeSystem/v3-ActCode\", "
                        + "\"code\": \"EMER\"}, " + subject(c) + ", \"period\": {\"start\": \"" + arrived + "\", \"end\": \"" + left + "\"}}"));
            }
        }
        for (int i = 0; i < Math.max(1, (int) Math.round(45 * scale)); i++) {
            LocalDate entered = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
            LocalDate done = entered.plusDays(random.nextDouble() < 0.15 ? 7 + random.nextInt(21) : 29 + random.nextInt(60));
            if (!done.isAfter(lastDay)) {
                Child c = pick(random, children);
                health.add(new HealthEvent(known(done), c, procedure("wvt-iha-" + i, "initial-health-assessment", c, done, random)));
            }
        }
        for (int i = 0; i < Math.max(1, (int) Math.round(95 * scale)); i++) {
            LocalDate on = day(workingTime(random, start, end.minus(Duration.ofDays(1))));
            Child c = pick(random, children);
            health.add(new HealthEvent(known(on), c, procedure("wvt-dental-" + i, "dental-check", c, on, random)));
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
        return new Quarter(start, end, List.copyOf(messages), children.size(), contacts, hostile, late, disputes);
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

    private static String form(Random random, Child c, String client, int i) {
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
                + "\"levelOfNeed\": " + (2 + random.nextInt(3)) + ", "
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

    private static String policeIncident(Random random, Child c, int i, Instant at) {
        return "{\"recordId\": \"WMP-DA-" + i + "\", \"type\": \"domestic-abuse\", \"child\": " + childJson(random, c, POLICE)
                + ", \"incidentAt\": \"" + at + "\", \"childPresent\": " + random.nextBoolean()
                + ", \"school\": {\"urn\": \"" + (116_700 + random.nextInt(90)) + "\", \"name\": \"A Herefordshire school\"}"
                + ", \"summary\": \"Incident between adults at the home address.\"}";
    }

    private static String missingEpisode(Child c, int i, Instant reported, Instant ended) {
        return "{\"recordId\": \"WMP-MIS-" + i + "\", \"type\": \"missing-episode\", \"child\": {\"givenName\": \"" + c.given()
                + "\", \"familyName\": \"" + esc(c.family()) + "\", \"dateOfBirth\": \"" + c.dob() + "\", \"postcode\": \""
                + c.postcode() + "\", \"policePersonRef\": \"" + c.policeRef() + "\"}, \"reportedAt\": \"" + reported + "\""
                + (ended == null ? "" : ", \"endedAt\": \"" + ended + "\"") + "}";
    }

    private static String careRecord(Child c, String id, String fields) {
        return "{\"recordId\": \"" + id + "\", " + fields + ", \"child\": {\"givenName\": \"" + c.given() + "\", \"familyName\": \""
                + esc(c.family()) + "\", \"dateOfBirth\": \"" + c.dob() + "\", \"postcode\": \"" + c.postcode()
                + "\", \"nhsNumber\": \"" + c.nhs() + "\", \"laChildId\": \"" + c.laId() + "\"}}";
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
                    + String.join(",\n", sent) + "]}", sent.size(), false, null));
        }
        return hostile;
    }

    private static List<Message> csvBatches(List<Dated> rows, Instant start, Instant end) {
        List<Message> out = new ArrayList<>();
        for (Week<Dated> week : weeks(rows, Dated::knownAt, start, end)) {
            List<String> part = week.items().stream().map(Dated::record).toList();
            String body = "record_id,record_type,upn,given_name,family_name,date_of_birth,sex,postcode,occurred_on,"
                    + "attendance_percent,exclusion_kind,notes\n" + String.join("\n", part) + "\n";
            out.add(new Message(week.sendAt(), EDUCATION, "education", "text/csv", body, part.size(), false, null));
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
            out.add(new Message(week.sendAt(), HEALTH, "health", "application/fhir+json", body, part.size(), false, null));
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
