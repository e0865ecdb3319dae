package org.safeguarding.hub.flags;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a child protection flag says, as codes of the hub's own code system {@link #SYSTEM} (README,
 * "Health partners: child protection flags"). The hub holds no unborn-child pre-birth plans: the
 * social-care feed has no such record type, so no flag of that kind exists until councils send them.
 */
public enum FlagKind {
    /** A child protection plan in force (social-care feed, type child-protection-plan). */
    CHILD_PROTECTION_PLAN("child-protection-plan", "Child protection plan"),
    /** A period in care in force: the child is looked after (social-care feed, type period-in-care). */
    LOOKED_AFTER("looked-after", "Looked after child");

    /** The code system of {@code Flag.code}: stable, the hub's own. */
    public static final String SYSTEM = "urn:safeguarding-hub:fhir:CodeSystem:protection-flag";

    private final String code;
    private final String display;

    FlagKind(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public static Optional<FlagKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
