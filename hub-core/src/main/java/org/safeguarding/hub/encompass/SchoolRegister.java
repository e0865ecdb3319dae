package org.safeguarding.hub.encompass;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.AgencyKind;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The school register for Operation Encompass, from {@code schools.yml}: each partnership's
 * education agency and education safeguarding lead, each police agency's contact for schools, and
 * the schools. Validated as a whole against partners.yml at start-up; every problem names the file,
 * the entry and the rule.
 */
public final class SchoolRegister {

    public static final String FILE = "schools.yml";

    /** A person or desk schools and the hub turn to: a name and at least one way to reach them. */
    public record Contact(String name, String phone, String email) {
    }

    /**
     * A partnership's education side: the agency that receives escalations and the review list, and
     * its education safeguarding lead.
     */
    public record EducationSide(String partnership, String educationAgency, Contact educationSafeguardingLead) {
    }

    /** A police agency's contact for schools, printed on every notice. */
    public record PoliceContact(String agency, Contact contact) {
    }

    /** The shape of {@code schools.yml}. */
    public record Document(List<EducationSide> partnerships, List<PoliceContact> policeContacts, List<School> schools) {
        public Document {
            partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
            policeContacts = policeContacts == null ? List.of() : List.copyOf(policeContacts);
            schools = schools == null ? List.of() : List.copyOf(schools);
        }
    }

    private final Map<String, School> schools = new HashMap<>();
    private final Map<String, School> schoolByClient = new HashMap<>();
    private final Map<String, EducationSide> sides = new HashMap<>();
    private final Map<String, Contact> policeContacts = new HashMap<>();

    private SchoolRegister(Document d) {
        d.schools().forEach(s -> {
            schools.put(s.urn(), s);
            s.clients().forEach(c -> schoolByClient.put(c, s));
        });
        d.partnerships().forEach(p -> sides.put(p.partnership(), p));
        d.policeContacts().forEach(p -> policeContacts.put(p.agency(), p.contact()));
    }

    public static SchoolRegister load(ConfigFiles files, PartnerRegistry registry) {
        Document document = files.read(FILE, Document.class);
        ConfigurationException.throwIfAny(files.describe(FILE), problems(document, registry));
        return new SchoolRegister(document);
    }

    public static SchoolRegister of(Document document, PartnerRegistry registry) {
        ConfigurationException.throwIfAny(FILE, problems(document, registry));
        return new SchoolRegister(document);
    }

    public Optional<School> school(String urn) {
        return Optional.ofNullable(urn == null ? null : schools.get(urn));
    }

    /** The school whose system authenticates as OAuth2 client {@code clientId}. */
    public Optional<School> schoolOfClient(String clientId) {
        return Optional.ofNullable(clientId == null ? null : schoolByClient.get(clientId));
    }

    public Optional<EducationSide> educationSide(String partnershipId) {
        return Optional.ofNullable(sides.get(partnershipId));
    }

    public Optional<Contact> policeContact(String agencyId) {
        return Optional.ofNullable(policeContacts.get(agencyId));
    }

    static List<String> problems(Document d, PartnerRegistry registry) {
        List<String> problems = new ArrayList<>();
        Set<String> sidesSeen = new HashSet<>();
        for (EducationSide side : d.partnerships()) {
            String where = "partnerships[" + side.partnership() + "]";
            if (side.partnership() == null || registry.partnership(side.partnership()).isEmpty()) {
                problems.add(where + ".partnership: not a partnership in partners.yml");
            } else if (!sidesSeen.add(side.partnership())) {
                problems.add(where + ": the partnership is listed twice");
            }
            Optional<Agency> agency = Optional.ofNullable(side.educationAgency()).flatMap(registry::agency);
            if (agency.isEmpty() || agency.get().kind() != AgencyKind.EDUCATION || !agency.get().serves(side.partnership())) {
                problems.add(where + ".education-agency: '" + side.educationAgency()
                        + "' must be an education agency in partners.yml serving the partnership");
            }
            contactProblems(problems, where + ".education-safeguarding-lead", side.educationSafeguardingLead());
        }
        // A police domestic abuse notification about a child with no known school goes on the review list of
        // the child's partnership's education safeguarding lead: a partnership that can receive one (a police
        // agency serving it may share for operation-encompass) must have a lead, or the list has no owner.
        for (Agency police : registry.agencies()) {
            if (police.kind() != AgencyKind.POLICE || !registry.mayEverShare(police.id(), SharedPurpose.OPERATION_ENCOMPASS)) {
                continue;
            }
            police.partnerships().stream().filter(p -> registry.partnership(p).isPresent() && !sidesSeen.contains(p))
                    .sorted().forEach(p -> problems.add("partnerships[" + p + "]: missing; police agency " + police.id()
                            + " serves partnership '" + p + "' and shares for operation-encompass (partners.yml), so its"
                            + " children with no known school need an education-agency and education-safeguarding-lead"
                            + " to own their review list"));
        }
        Set<String> policeSeen = new HashSet<>();
        for (PoliceContact police : d.policeContacts()) {
            String where = "police-contacts[" + police.agency() + "]";
            Optional<Agency> agency = Optional.ofNullable(police.agency()).flatMap(registry::agency);
            if (agency.isEmpty() || agency.get().kind() != AgencyKind.POLICE) {
                problems.add(where + ".agency: not a police agency in partners.yml");
            } else if (!policeSeen.add(police.agency())) {
                problems.add(where + ": the agency is listed twice");
            }
            contactProblems(problems, where + ".contact", police.contact());
        }
        Set<String> urns = new HashSet<>();
        Set<String> clients = new HashSet<>();
        for (School school : d.schools()) {
            String where = "schools[" + school.urn() + "]";
            if (school.urn() == null || !school.urn().matches("[0-9]{6}")) {
                problems.add(where + ".urn: the school's unique reference number, six digits (as in Get Information about Schools)");
            } else if (!urns.add(school.urn())) {
                problems.add(where + ": the URN is listed twice");
            }
            if (school.name() == null || school.name().isBlank()) {
                problems.add(where + ".name: required");
            }
            if (!sidesSeen.contains(school.partnership())) {
                problems.add(where + ".partnership: '" + school.partnership()
                        + "' must be one of this file's partnerships (with its education agency and safeguarding lead)");
            }
            for (String client : school.clients()) {
                if (!clients.add(client) || registry.agencyOfClient(client).isPresent()) {
                    problems.add(where + ".clients: client '" + client + "' belongs to another school or agency");
                }
            }
            if (school.hasEndpoint() && !isHttpUrl(school.noticesEndpoint())) {
                problems.add(where + ".notices-endpoint: '" + school.noticesEndpoint() + "' is not an http(s) URL");
            }
        }
        return problems;
    }

    private static void contactProblems(List<String> problems, String where, Contact contact) {
        if (contact == null || contact.name() == null || contact.name().isBlank()) {
            problems.add(where + ".name: required");
        } else if (blank(contact.phone()) && blank(contact.email())) {
            problems.add(where + ": give a phone or an email");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
