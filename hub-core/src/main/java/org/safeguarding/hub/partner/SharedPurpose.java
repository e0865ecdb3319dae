package org.safeguarding.hub.partner;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the hub itself passes on to the front line under an agreement (partners.yml
 * {@code agreements[].shares}), as against the feeds an agency sends in. The hub shares for one of
 * these only while an agreement naming it is in force for every agency the sharing involves.
 */
public enum SharedPurpose {
    /** Police domestic abuse notifications to the child's school before the next school day (issue 15). */
    OPERATION_ENCOMPASS("operation-encompass"),
    /**
     * Child protection flags for unscheduled care (issue 15, like NHS England's CP-IS): a health agency's
     * system asks by NHS number, and the owning council is told the child was seen. Needs an agreement
     * in force naming it for the health agency and for the council whose plan or period in care it is.
     */
    DIRECT_CARE("direct-care");

    private final String code;

    SharedPurpose(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Optional<SharedPurpose> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
