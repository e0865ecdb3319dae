package org.safeguarding.hub.web;

import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Map;

/**
 * The page of a searchset the caller asks for, as FHIR's {@code _count} and the hub's {@code _offset}
 * give it: {@code count} entries (a whole number from 1 to the search's maximum; the search's default
 * when not given) after the first {@code offset} (0 or more; 0 when not given). A value outside those
 * bounds, or no whole number, is a 400 naming the parameter. One rule for every search of the FHIR
 * server that pages (AuditEvent, Flag).
 */
public record SearchPage(int count, int offset) {

    public static final String COUNT = "_count";
    public static final String OFFSET = "_offset";

    /** The page {@code parameters} (as sent, by name) ask for. */
    public static SearchPage of(Map<String, List<String>> parameters, int defaultCount, int maxCount) {
        return new SearchPage(integer(parameters, COUNT, defaultCount, 1, maxCount),
                integer(parameters, OFFSET, 0, 0, Integer.MAX_VALUE));
    }

    /** This page of {@code all}: empty past its end. */
    public <T> List<T> of(List<T> all) {
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min((long) from + count, all.size()));
    }

    /**
     * The next page's link, or null when this page holds the last: {@code resourceUrl} (the search's
     * absolute URL, without a query) with this search's {@code parameters} (decoded, as HAPI gives them)
     * and {@code _offset} moved on. Built from the decoded parameters and encoded once: the request's
     * own query string is encoded already, and encoding it again would send {@code %253A} for a colon.
     */
    public String next(String resourceUrl, Map<String, String[]> parameters, long total, int shown) {
        if (offset + shown >= total) {
            return null;
        }
        UriComponentsBuilder next = UriComponentsBuilder.fromUriString(resourceUrl);
        parameters.forEach((name, values) -> {
            if (!name.equals(COUNT) && !name.equals(OFFSET)) {
                next.queryParam(name, (Object[]) values);
            }
        });
        return next.queryParam(OFFSET, offset + count).queryParam(COUNT, count).build().encode().toUriString();
    }

    private static int integer(Map<String, List<String>> parameters, String name, int fallback, int min, int max) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(values.get(0));
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw HubProblem.badRequest(name + " must be a whole number from " + min + " to " + max + ".", name);
        }
    }
}
