package org.safeguarding.hub.partner;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The partnerships, agencies, their systems and their information-sharing agreements, from
 * {@code partners.yml}. Immutable once loaded; validated as a whole so that every mistake is
 * reported at start-up.
 */
public final class PartnerRegistry {

    public static final String FILE = "partners.yml";

    /** The shape of {@code partners.yml}. */
    public record Document(List<Partnership> partnerships, List<Agency> agencies, List<SharingAgreement> agreements) {
    }

    private final Map<String, Partnership> partnerships;
    private final Map<String, Agency> agencies;
    private final Map<String, Agency> agencyByClient;
    private final Map<String, Partnership> partnershipByDistrict;
    private final Map<String, List<SharingAgreement>> agreementsByAgency;

    private PartnerRegistry(Document document) {
        this.partnerships = byId(document.partnerships(), Partnership::id);
        this.agencies = byId(document.agencies(), Agency::id);
        this.agencyByClient = new HashMap<>();
        document.agencies().forEach(a -> a.clients().forEach(c -> agencyByClient.put(c, a)));
        this.partnershipByDistrict = new HashMap<>();
        document.partnerships().forEach(p -> p.postcodeDistricts()
                .forEach(d -> partnershipByDistrict.put(d.toUpperCase(Locale.ROOT), p)));
        this.agreementsByAgency = document.agreements().stream()
                .collect(Collectors.groupingBy(SharingAgreement::agency));
    }

    public static PartnerRegistry load(ConfigFiles files) {
        Document document = files.read(FILE, Document.class);
        ConfigurationException.throwIfAny(files.describe(FILE), problems(document));
        return new PartnerRegistry(document);
    }

    public static PartnerRegistry of(Document document) {
        ConfigurationException.throwIfAny(FILE, problems(document));
        return new PartnerRegistry(document);
    }

    public List<Partnership> partnerships() {
        return List.copyOf(partnerships.values());
    }

    public List<Agency> agencies() {
        return List.copyOf(agencies.values());
    }

    public Optional<Partnership> partnership(String id) {
        return Optional.ofNullable(partnerships.get(id));
    }

    public Optional<Agency> agency(String id) {
        return Optional.ofNullable(agencies.get(id));
    }

    /**
     * The display name of team {@code code} of an agency serving {@code partnershipId} (partners.yml
     * {@code teams}), empty when none names it: the scorecard's team breakdown carries the code alone, and
     * start-up refuses one code named by two agencies of a partnership, so the answer is never ambiguous.
     */
    public Optional<String> teamName(String partnershipId, String code) {
        return agencies.values().stream().filter(a -> a.serves(partnershipId))
                .map(a -> a.teams().get(code)).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The agency whose system authenticates as OAuth2 client {@code clientId}. */
    public Optional<Agency> agencyOfClient(String clientId) {
        return Optional.ofNullable(agencyByClient.get(clientId));
    }

    /**
     * The partnership whose local authority covers {@code postcode}, by its district (the outward
     * code, "HR4" of "HR4 9AB"). Empty when the postcode is blank or in no partnership's area.
     */
    public Optional<Partnership> partnershipForPostcode(String postcode) {
        return Postcodes.district(postcode).map(partnershipByDistrict::get);
    }

    /** The agreement under which {@code agency} may send {@code feed} on {@code date}, if any. */
    public Optional<SharingAgreement> agreementFor(String agency, Feed feed, LocalDate date) {
        return agreementsByAgency.getOrDefault(agency, List.of()).stream()
                .filter(a -> a.covers(feed, date)).findFirst();
    }

    /** The agreement under which the hub may share for {@code shared} with or from {@code agency} on {@code date}. */
    public Optional<SharingAgreement> agreementFor(String agency, SharedPurpose shared, LocalDate date) {
        return agreementsByAgency.getOrDefault(agency, List.of()).stream()
                .filter(a -> a.covers(shared, date)).findFirst();
    }

    /** Whether any agreement, in force or not, lets the hub share for {@code shared} with or from {@code agency}. */
    public boolean mayEverShare(String agency, SharedPurpose shared) {
        return agreementsByAgency.getOrDefault(agency, List.of()).stream().anyMatch(a -> a.shares().contains(shared));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new HashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return Map.copyOf(map);
    }

    static List<String> problems(Document d) {
        List<String> problems = new ArrayList<>();
        if (d.partnerships() == null || d.partnerships().isEmpty()) {
            problems.add("partnerships: at least one partnership is needed");
        }
        if (d.agencies() == null || d.agencies().isEmpty()) {
            problems.add("agencies: at least one agency is needed");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Set<String> partnershipIds = new HashSet<>();
        Set<String> districts = new HashSet<>();
        for (Partnership p : d.partnerships()) {
            String where = "partnerships[" + p.id() + "]";
            requireId(problems, where, p.id());
            if (!partnershipIds.add(p.id())) {
                problems.add(where + ": id is used twice");
            }
            if (p.childPopulation() <= 0) {
                problems.add(where + ".child-population: must be a positive number of children");
            }
            for (String district : p.postcodeDistricts()) {
                if (!Postcodes.isDistrict(district)) {
                    problems.add(where + ".postcode-districts: '" + district + "' is not a postcode district like HR4");
                } else if (!districts.add(district.toUpperCase(Locale.ROOT))) {
                    problems.add(where + ".postcode-districts: " + district + " belongs to two partnerships");
                }
            }
        }
        Set<String> agencyIds = new HashSet<>();
        Set<String> clients = new HashSet<>();
        for (Agency a : d.agencies()) {
            String where = "agencies[" + a.id() + "]";
            requireId(problems, where, a.id());
            if (!agencyIds.add(a.id())) {
                problems.add(where + ": id is used twice");
            }
            if (a.kind() == null) {
                problems.add(where + ".kind: one of police, health, education, social-care, other");
            }
            if (a.partnerships().isEmpty()) {
                problems.add(where + ".partnerships: name the partnerships this agency serves");
            }
            a.partnerships().stream().filter(p -> !partnershipIds.contains(p))
                    .forEach(p -> problems.add(where + ".partnerships: unknown partnership '" + p + "'"));
            a.clients().stream().filter(c -> !clients.add(c))
                    .forEach(c -> problems.add(where + ".clients: client '" + c + "' belongs to two agencies"));
            problems.addAll(teamProblems(where, a));
        }
        problems.addAll(sharedTeamCodes(d.agencies()));
        for (SharingAgreement agreement : d.agreements() == null ? List.<SharingAgreement>of() : d.agreements()) {
            String where = "agreements[" + agreement.agency() + "]";
            if (!agencyIds.contains(agreement.agency())) {
                problems.add(where + ".agency: unknown agency");
            }
            if (agreement.feeds().isEmpty() && agreement.shares().isEmpty()) {
                problems.add(where + ".feeds: name the feeds, from police, health, education, social-care, marf, mash"
                        + " (or, for an agreement that only lets the hub share, shares: [operation-encompass] or [direct-care])");
            }
            if (agreement.shares().contains(SharedPurpose.DIRECT_CARE)) {
                problems.addAll(directCareProblems(where, d.agencies().stream()
                        .filter(a -> a.id() != null && a.id().equals(agreement.agency())).findFirst().orElse(null)));
            }
            if (blank(agreement.purpose()) || blank(agreement.lawfulBasis())) {
                problems.add(where + ": purpose and lawful-basis are required");
            }
            if (agreement.from() == null) {
                problems.add(where + ".from: the date the agreement comes into force is required");
            } else if (agreement.to() != null && agreement.to().isBefore(agreement.from())) {
                problems.add(where + ".to: ends before it starts");
            }
        }
        return problems;
    }

    /**
     * Direct care (child protection flags) is between a health agency that asks and the council that
     * holds the plan; the council's contact is shown to the clinician with every flag, so it must have one.
     */
    private static List<String> directCareProblems(String where, Agency agency) {
        if (agency == null || agency.kind() == null) {
            return List.of();
        }
        if (agency.kind() != AgencyKind.HEALTH && agency.kind() != AgencyKind.SOCIAL_CARE) {
            return List.of(where + ".shares: direct-care is for health agencies (which ask for flags) and "
                    + "social-care agencies (whose plans are flagged); " + agency.id() + " is " + agency.kind().code());
        }
        if (agency.kind() == AgencyKind.SOCIAL_CARE && (agency.contact() == null || !agency.contact().reachable())) {
            return List.of("agencies[" + agency.id() + "].contact: a council sharing for direct-care needs a contact"
                    + " with a phone or an e-mail (shown to clinicians with each flag)");
        }
        return List.of();
    }

    /** A team code is what the agency's system sends (1 to 64 characters, no blanks at the ends); its name is for people. */
    private static List<String> teamProblems(String where, Agency a) {
        List<String> problems = new ArrayList<>();
        a.teams().forEach((code, name) -> {
            if (code == null || code.isBlank() || code.length() > 64 || !code.equals(code.strip())) {
                problems.add(where + ".teams: '" + code + "' is not a team code (1 to 64 characters, as the agency's"
                        + " system sends it, without spaces at the ends)");
            }
            if (blank(name)) {
                problems.add(where + ".teams." + code + ": the team's display name is required");
            }
        });
        return problems;
    }

    /** The scorecard's team breakdown carries the code alone: within a partnership a code names one team. */
    private static List<String> sharedTeamCodes(List<Agency> agencies) {
        List<String> problems = new ArrayList<>();
        Map<List<String>, String> owner = new HashMap<>();
        for (Agency a : agencies) {
            for (String p : a.partnerships()) {
                for (String code : a.teams().keySet()) {
                    if (code == null) {
                        continue;   // refused by teamProblems
                    }
                    String other = owner.putIfAbsent(List.of(p, code), a.id());
                    if (other != null && !other.equals(a.id())) {
                        problems.add("agencies[" + a.id() + "].teams: team code '" + code + "' is also a team of "
                                + other + " in partnership " + p + "; the scorecard could not tell them apart");
                    }
                }
            }
        }
        return problems;
    }

    private static void requireId(List<String> problems, String where, String id) {
        if (id == null || !id.matches("[a-z0-9-]{2,64}")) {
            problems.add(where + ".id: lower-case letters, digits and hyphens, 2 to 64 characters");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
