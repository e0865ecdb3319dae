package org.safeguarding.hub.intake;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.web.HubProblem;

import java.util.Locale;

/**
 * The {@code dryRun} query parameter, read the same way by every intake endpoint (issue 13): absent
 * stores; {@code true} or {@code false} in any letter case says which; anything else (empty, {@code 1},
 * {@code yes}, a repeated parameter) is a 400 problem+json naming {@code dryRun}. A value the hub cannot
 * read is never taken as "store": a partner who meant a rehearsal must not make a real write.
 */
public final class DryRunFlag {

    /** The parameter's name, as partners write it and as refusals name it. */
    public static final String NAME = "dryRun";

    private DryRunFlag() {
    }

    /** Of a servlet request (the intake API). */
    public static boolean of(HttpServletRequest request) {
        return of(request.getParameterValues(NAME));
    }

    /** Of the parameter's values as sent, null when it is absent; true for a dry run; {@link HubProblem} 400 otherwise. */
    public static boolean of(String[] values) {
        if (values == null || values.length == 0) {
            return false;
        }
        if (values.length == 1) {
            switch (values[0].toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return true;
                }
                case "false" -> {
                    return false;
                }
                default -> {
                    // refused below
                }
            }
        }
        throw HubProblem.badRequest(NAME + " must be true or false, once; nothing was stored.", NAME);
    }
}
