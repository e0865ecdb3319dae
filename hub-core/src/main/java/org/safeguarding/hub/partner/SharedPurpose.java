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
    OPERATION_ENCOMPASS("operation-encompass");

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
