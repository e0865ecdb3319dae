package org.safeguarding.hub.security;

import java.util.Arrays;
import java.util.Optional;

/** The hub's roles, as named in the Keycloak realm. Spring authorities are {@code ROLE_<name>}. */
public enum Role {
    /** A partner agency's system (client-credentials); bound to one agency. */
    PARTNER_SYSTEM("partner-system"),
    /** A school's designated safeguarding lead's system (client-credentials); bound to one school (schools.yml). */
    SCHOOL("school"),
    MASH_PRACTITIONER("mash-practitioner"),
    MASH_LEAD("mash-lead"),
    /**
     * A partnership's education safeguarding lead (the education agency's staff, schools.yml): reads the
     * Operation Encompass review list and notices of their partnerships; escalations of unacknowledged
     * notices are addressed to this role.
     */
    EDUCATION_SAFEGUARDING_LEAD("education-safeguarding-lead"),
    PARTNERSHIP_VIEWER("partnership-viewer"),
    AUDITOR("auditor"),
    HUB_ADMIN("hub-admin"),
    /** Monitoring (a Prometheus scraper, client credentials): reads /actuator/prometheus, aggregates only. */
    HUB_METRICS("hub-metrics"),
    /**
     * A board's scheduled reader (Power BI's refresh in the service; client credentials): reads its partnership's
     * published scorecard through /api/v1/scorecard and nothing else: no commentary, no publishing, no child.
     */
    SCORECARD_READER("scorecard-reader");

    private final String name;

    Role(String name) {
        this.name = name;
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
