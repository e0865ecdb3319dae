package org.safeguarding.hub.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * School term dates and closure (INSET) days, from {@code school-terms.yml}, and the time the
 * school day starts.
 */
public record SchoolTerms(LocalTime schoolDayStartsAt, List<Term> terms, Set<LocalDate> closures) {

    /** One term (or half-term), first and last day inclusive. */
    public record Term(String name, LocalDate firstDay, LocalDate lastDay) {
        boolean contains(LocalDate date) {
            return !date.isBefore(firstDay) && !date.isAfter(lastDay);
        }
    }

    public SchoolTerms {
        terms = List.copyOf(terms);
        closures = Set.copyOf(closures);
    }

    /** True when {@code date} falls inside a term and is not a closure day (weekends not considered). */
    public boolean isInTerm(LocalDate date) {
        return !closures.contains(date) && terms.stream().anyMatch(t -> t.contains(date));
    }

    /** The last day of the last configured term. */
    public LocalDate lastDay() {
        return terms.stream().map(Term::lastDay).max(Comparator.naturalOrder()).orElse(LocalDate.MIN);
    }
}
