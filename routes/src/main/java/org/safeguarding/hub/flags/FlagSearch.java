package org.safeguarding.hub.flags;

import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.web.HubProblem;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of a flag search, checked: exactly one NHS number, given as
 * {@code patient:identifier} or {@code patient.identifier} with the NHS number system, ten digits
 * whose last is the modulus-11 check digit (validation.NhsNumber); and the optional practitioner header.
 * Every refusal names the parameter as the caller wrote it in FHIR terms.
 */
final class FlagSearch {

    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String PARAMETER = "patient:identifier";
    static final String PRACTITIONER_HEADER = "X-Practitioner-Id";
    private static final List<String> NAMES = List.of(PARAMETER, "patient.identifier");
    /** An SDS user id, a GMC or NMC number, a local login: printable, no separators an audit line could be split by. */
    private static final Pattern PRACTITIONER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,63}");

    private FlagSearch() {
    }

    /** The NHS number searched for, digits only. */
    static String nhsNumber(Map<String, String[]> parameters) {
        List<String> values = NAMES.stream().filter(parameters::containsKey)
                .flatMap(name -> Arrays.stream(parameters.get(name))).flatMap(v -> Arrays.stream(v.split(",", -1)))
                .toList();
        if (values.isEmpty()) {
            throw refused("is required: the child's NHS number as " + NHS_NUMBER_SYSTEM + "|<10 digits>");
        }
        if (values.size() > 1) {
            throw refused("takes one NHS number per search; ask for each child on its own");
        }
        String value = values.get(0);
        int bar = value.indexOf('|');
        if (bar < 0 || !value.substring(0, bar).equals(NHS_NUMBER_SYSTEM)) {
            throw refused("must name the NHS number system: " + NHS_NUMBER_SYSTEM + "|<10 digits>; flags are found "
                    + "by a verified NHS number only");
        }
        return NhsNumber.normalise(value.substring(bar + 1)).orElseThrow(() -> refused(
                "is not a valid NHS number: ten digits, the last a modulus-11 check digit"));
    }

    /** The practitioner the request names, or null when it names none or one {@link #practitioner} refuses. */
    static String named(String header) {
        return header != null && PRACTITIONER.matcher(header).matches() ? header : null;
    }

    /** The practitioner the request names, or null when it names none. */
    static String practitioner(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        if (!PRACTITIONER.matcher(header).matches()) {
            throw HubProblem.badRequest(PRACTITIONER_HEADER + " must be 1 to 64 letters, digits or . _ : @ / -, "
                    + "starting with a letter or digit", PRACTITIONER_HEADER);
        }
        return header;
    }

    private static HubProblem refused(String reason) {
        return HubProblem.badRequest(PARAMETER + " " + reason + ".", PARAMETER);
    }
}
