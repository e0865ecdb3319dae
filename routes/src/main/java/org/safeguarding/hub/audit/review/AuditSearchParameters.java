package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditTrailReader;
import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.web.SearchPage;
import org.safeguarding.hub.web.HubProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The FHIR search parameters {@code GET /fhir/AuditEvent} understands: {@code date} (with
 * {@code ge gt le lt eq} prefixes, at most twice for a range), {@code agent-name}, {@code _count}
 * and {@code _offset}. A date without a time is a day in Europe/London, where the hub works.
 */
final class AuditSearchParameters {

    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 500;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** With the FHIR server's own ({@code _format}, {@code _pretty}, {@code _summary}, {@code _elements}), which shape the answer. */
    private static final Set<String> KNOWN = Set.of("date", "agent-name", "_count", "_offset", "_format", "_pretty",
            "_summary", "_elements");

    private AuditSearchParameters() {
    }

    /** @param served the dates a {@code date} may name (400 naming {@code date} outside them) */
    static AuditTrailReader.Search parse(Map<String, List<String>> parameters, ServedDates served) {
        parameters.keySet().stream().filter(name -> !KNOWN.contains(name)).findFirst().ifPresent(name -> {
            throw HubProblem.badRequest("Unknown search parameter '" + name + "'; AuditEvent is searched by "
                    + "date, agent-name, _count and _offset.", name);
        });
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        List<String> dates = parameters.getOrDefault("date", List.of());
        if (dates.size() > 2) {
            throw HubProblem.badRequest("Give date at most twice (a lower and an upper bound).", "date");
        }
        for (String date : dates) {
            Bound bound = bound(date, served);
            from = bound.from().isPresent() ? bound.from() : from;
            to = bound.to().isPresent() ? bound.to() : to;
        }
        SearchPage page = SearchPage.of(parameters, DEFAULT_COUNT, MAX_COUNT);
        Optional<String> agent = parameters.getOrDefault("agent-name", List.of()).stream().findFirst().filter(a -> !a.isBlank());
        return new AuditTrailReader.Search(from, to, agent, page.count(), page.offset());
    }

    /** A half-open interval [from, to) that one {@code date} parameter allows. */
    private record Bound(Optional<Instant> from, Optional<Instant> to) {
    }

    private static Bound bound(String value, ServedDates served) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String text = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(2) : value;
        Instant start;
        Instant end;
        try {
            if (text.length() == 10) {
                LocalDate day = served.date(LocalDate.parse(text), "date");
                start = day.atStartOfDay(LONDON).toInstant();
                end = day.plusDays(1).atStartOfDay(LONDON).toInstant();
            } else {
                start = served.instant(OffsetDateTime.parse(text).toInstant(), "date");
                end = start.plus(1, ChronoUnit.MICROS);
            }
        } catch (DateTimeParseException e) {
            throw HubProblem.badRequest("date '" + value + "' is not a FHIR date (2026-03-29) or dateTime "
                    + "(2026-03-29T10:00:00Z), optionally prefixed with ge, gt, le, lt or eq.", "date");
        }
        return switch (prefix) {
            case "ge" -> new Bound(Optional.of(start), Optional.empty());
            case "gt" -> new Bound(Optional.of(end), Optional.empty());
            case "le" -> new Bound(Optional.empty(), Optional.of(end));
            case "lt" -> new Bound(Optional.empty(), Optional.of(start));
            case "eq" -> new Bound(Optional.of(start), Optional.of(end));
            default -> throw HubProblem.badRequest("date prefix '" + prefix + "' is not one of ge, gt, le, lt, eq.", "date");
        };
    }
}
