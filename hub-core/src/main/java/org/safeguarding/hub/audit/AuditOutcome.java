package org.safeguarding.hub.audit;

import java.util.Arrays;

/**
 * Whether an audited action succeeded, in FHIR R4's AuditEvent.outcome codes
 * (http://hl7.org/fhir/audit-event-outcome): the one rule for every entry of the trail, read from the
 * action's name. An action the hub refused says so by a word {@code refused} in its name, the trail's
 * convention ({@code intake-refused-malformed}, {@code flag-query-refused},
 * {@code encompass-notice-refused-to-school}): minor failure, {@code 4}, FHIR's code for a failure
 * "often equivalent to an HTTP 400 response", as every refusal of a request or of a notice outside an
 * agreement is. Anything else is success, {@code 0}. Serious failure ({@code 8}, an unexpected error,
 * "often equivalent to an HTTP 500 response") is never recorded: an audit entry is written in the
 * transaction of what it audits, which such an error rolls back.
 */
public enum AuditOutcome {
    SUCCESS("0"),
    MINOR_FAILURE("4");

    private static final String REFUSED = "refused";

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    /** The code of FHIR's audit-event-outcome value set. */
    public String code() {
        return code;
    }

    /** The outcome of an entry whose action is {@code action} (hyphen-separated words). */
    public static AuditOutcome of(String action) {
        return action != null && Arrays.asList(action.split("-")).contains(REFUSED) ? MINOR_FAILURE : SUCCESS;
    }
}
