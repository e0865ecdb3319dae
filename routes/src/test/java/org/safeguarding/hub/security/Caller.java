package org.safeguarding.hub.security;

import java.util.EnumSet;
import java.util.Set;

/** Who calls in the access matrix: no token, two partner systems, and one member of staff per role. */
public enum Caller {
    ANONYMOUS,
    /** west-mercia-police-feed (agency west-mercia-police; herefordshire and worcestershire) */
    POLICE_SYSTEM,
    /** wye-valley-nhs-trust-feed (agency wye-valley-nhs-trust; herefordshire) */
    HEALTH_SYSTEM,
    MASH_PRACTITIONER,
    MASH_LEAD,
    PARTNERSHIP_VIEWER,
    AUDITOR,
    HUB_ADMIN;

    public static final Set<Caller> STAFF = EnumSet.of(MASH_PRACTITIONER, MASH_LEAD, PARTNERSHIP_VIEWER, AUDITOR, HUB_ADMIN);
    public static final Set<Caller> PARTNER_SYSTEMS = EnumSet.of(POLICE_SYSTEM, HEALTH_SYSTEM);
    public static final Set<Caller> AUTHENTICATED = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
    public static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    public static final Set<Caller> MASH = EnumSet.of(MASH_PRACTITIONER, MASH_LEAD);

    /** The staff role this caller has in the realm, or null for partner systems and anonymous. */
    public String staffRole() {
        return switch (this) {
            case MASH_PRACTITIONER -> "mash-practitioner";
            case MASH_LEAD -> "mash-lead";
            case PARTNERSHIP_VIEWER -> "partnership-viewer";
            case AUDITOR -> "auditor";
            case HUB_ADMIN -> "hub-admin";
            default -> null;
        };
    }

    /** The partner system's client id, or null for staff and anonymous. */
    public String partnerClientId() {
        return switch (this) {
            case POLICE_SYSTEM -> "west-mercia-police-feed";
            case HEALTH_SYSTEM -> "wye-valley-nhs-trust-feed";
            default -> null;
        };
    }
}
