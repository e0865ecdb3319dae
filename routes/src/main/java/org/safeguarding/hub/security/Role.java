package org.safeguarding.hub.security;

import java.util.Arrays;
import java.util.Optional;

/** The hub's roles, as named in the Keycloak realm, and in words for pages. Spring authorities are {@code ROLE_<name>}. */
public enum Role {
    /** A partner agency's system (client-credentials); bound to one agency. */
    PARTNER_SYSTEM("partner-system", "partner system", "partner systems"),
    /** A school's designated safeguarding lead's system (client-credentials); bound to one school (schools.yml). */
    SCHOOL("school", "school's system", "schools' systems"),
    MASH_PRACTITIONER("mash-practitioner", "MASH practitioner", "MASH practitioners"),
    MASH_LEAD("mash-lead", "MASH lead", "MASH leads"),
    /**
     * A partnership's education safeguarding lead (the education agency's staff, schools.yml): reads the
     * Operation Encompass review list and notices of their partnerships; escalations of unacknowledged
     * notices are addressed to this role.
     */
    EDUCATION_SAFEGUARDING_LEAD("education-safeguarding-lead", "education safeguarding lead",
            "education safeguarding leads"),
    PARTNERSHIP_VIEWER("partnership-viewer", "partnership viewer", "partnership viewers"),
    AUDITOR("auditor", "auditor", "auditors"),
    HUB_ADMIN("hub-admin", "hub administrator", "hub administrators"),
    /** Monitoring (a Prometheus scraper, client credentials): reads /actuator/prometheus, aggregates only. */
    HUB_METRICS("hub-metrics", "monitoring system", "monitoring systems"),
    /**
     * A board's scheduled reader (Power BI's refresh in the service; client credentials): reads its partnership's
     * published scorecard through /api/v1/scorecard and nothing else: no commentary, no publishing, no child.
     */
    SCORECARD_READER("scorecard-reader", "scorecard reader", "scorecard readers");

    private final String name;
    private final String one;
    private final String many;

    Role(String name, String one, String many) {
        this.name = name;
        this.one = one;
        this.many = many;
    }

    /**
     * The role as staff read it ("MASH lead"): pages show this, never the realm's id (issue 14: a refusal said
     * "mash-lead, hub-admin"). The one place role names are put into words.
     */
    public String inWords() {
        return one;
    }

    /**
     * {@code roles} as people, in this enum's order: "MASH leads and hub administrators"; "A, B and C" for three.
     */
    public static String peopleInWords(java.util.Collection<Role> roles) {
        java.util.List<String> many = Arrays.stream(values()).filter(roles::contains).map(r -> r.many).toList();
        return many.size() <= 1 ? String.join("", many)
                : String.join(", ", many.subList(0, many.size() - 1)) + " and " + many.get(many.size() - 1);
    }

    public String roleName() {
        return name;
    }

    public String authority() {
        return "ROLE_" + name;
    }

    public static Optional<Role> fromName(String name) {
        return Arrays.stream(values()).filter(r -> r.name.equals(name)).findFirst();
    }
}
