package org.safeguarding.hub.flags;

import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.SearchPage;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of a flag search, checked: exactly one NHS number, given as
 * {@code patient:identifier} or {@code patient.identifier} with the NHS number system, ten digits
 * whose last is the modulus-11 check digit (validation.NhsNumber); optionally {@code status}
 * (FHIR's flag-status codes, {@link #STATUS_SYSTEM}, comma-separated for any of them, repeated for
 * all of them), {@code _count} and {@code _offset} (web.SearchPage) and the optional practitioner
 * header. Any other parameter is refused rather than ignored: a filter the hub did not apply would
 * answer another question than the one asked. Every refusal is a 400 naming the parameter as the
 * caller wrote it in FHIR terms.
 */
final class FlagSearch {

    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String PARAMETER = "patient:identifier";
    static final String STATUS = "status";
    static final String STATUS_SYSTEM = "http://hl7.org/fhir/flag-status";
    static final String PRACTITIONER_HEADER = "X-Practitioner-Id";
    /** A child has a handful of flags at most: one page holds them unless the caller asks for fewer. */
    static final int DEFAULT_COUNT = 100;
    private static final List<String> NAMES = List.of(PARAMETER, "patient.identifier");
    private static final List<String> STATUSES = List.of("active", "inactive", "entered-in-error");
    /** With the FHIR server's own, which shape the answer ({@code _format}, {@code _pretty}, {@code _summary}, {@code _elements}). */
    private static final Set<String> KNOWN = Set.of(PARAMETER, "patient.identifier", STATUS, SearchPage.COUNT,
            SearchPage.OFFSET, "_format", "_pretty", "_summary", "_elements");

    /** An SDS user id, a GMC or NMC number, a local login: printable, no separators an audit line could be split by. */
    private static final Pattern PRACTITIONER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,63}");

    /**
     * A flag search as asked: the NHS number, whether it asks for flags in force ({@code status} active,
     * or not given: the hub shares no other kind), and the page.
     */
    record Query(String nhsNumber, boolean current, SearchPage page) {
    }

    private FlagSearch() {
    }

    /** The search {@code parameters} (as sent, by name) ask for. */
    static Query query(Map<String, String[]> parameters) {
        parameters.keySet().stream().filter(name -> !KNOWN.contains(name)).sorted().findFirst().ifPresent(name -> {
            throw HubProblem.badRequest("Unknown search parameter '" + name + "'; Flag is searched by " + PARAMETER
                    + " (or patient.identifier), " + STATUS + ", " + SearchPage.COUNT + " and " + SearchPage.OFFSET + ".", name);
        });
        String nhsNumber = nhsNumber(parameters);
        // Every status value checked (no short cut at the first that rules active out): a bad one is a 400
        boolean current = Arrays.stream(parameters.getOrDefault(STATUS, new String[0])).map(FlagSearch::allowsActive)
                .reduce(true, Boolean::logicalAnd);
        Map<String, List<String>> lists = new LinkedHashMap<>();
        parameters.forEach((name, values) -> lists.put(name, Arrays.asList(values)));
        return new Query(nhsNumber, current, SearchPage.of(lists, DEFAULT_COUNT, DEFAULT_COUNT));
    }

    /** Whether one {@code status} value (codes, comma-separated: any of them) allows flags in force. */
    private static boolean allowsActive(String value) {
        boolean active = false;
        for (String token : value.split(",", -1)) {
            String code = token.startsWith(STATUS_SYSTEM + "|") ? token.substring(STATUS_SYSTEM.length() + 1) : token;
            if (!STATUSES.contains(code)) {
                throw HubProblem.badRequest(STATUS + " takes Flag status codes only: " + String.join(", ", STATUSES)
                        + " (system " + STATUS_SYSTEM + "), comma-separated for any of them.", STATUS);
            }
            active |= code.equals("active");
        }
        return active;
    }

    /** The NHS number searched for, digits only. */
    private static String nhsNumber(Map<String, String[]> parameters) {
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
