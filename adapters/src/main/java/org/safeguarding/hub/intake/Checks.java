package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.BirthDate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/** Range, order and code checks shared by every feed; each failure names the field and keeps the value apart. */
public final class Checks {

    /** Nothing the hub holds happened before this: older dates are typing mistakes. */
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    /** Clocks differ; a partner's timestamp may run this far ahead of the hub's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private Checks() {
    }

    public static LocalDate notFuture(String field, LocalDate date, ParseContext context) {
        if (date != null && (date.isAfter(context.today()) || date.isBefore(EARLIEST))) {
            throw new RecordRejected(field, "is out of range: it must be between " + EARLIEST + " and today ("
                    + context.today() + ")", date);
        }
        return date;
    }

    /** A birth date's period starts in range (a year or month may have begun but not ended by today). */
    public static BirthDate notFuture(String field, BirthDate born, ParseContext context) {
        if (born != null && born.precision() != BirthDate.Precision.DAY) {
            if (born.first().isAfter(context.today()) || born.first().isBefore(EARLIEST)) {
                throw new RecordRejected(field, "is out of range: it must be between " + EARLIEST.getYear()
                        + " and today (" + context.today() + ")", born);
            }
            return born;
        }
        return born == null ? null : BirthDate.of(notFuture(field, born.first(), context));
    }

    public static Instant notFuture(String field, Instant at, ParseContext context) {
        if (at != null && (at.isAfter(context.receivedAt().plus(CLOCK_SKEW))
                || at.isBefore(EARLIEST.atStartOfDay(ParseContext.LONDON).toInstant()))) {
            throw new RecordRejected(field, "is out of range: it must be between " + EARLIEST + " and now", at);
        }
        return at;
    }

    /** {@code later} (when given) is not before {@code earlier}; the fields are named in the partner's terms. */
    public static <T extends Comparable<? super T>> void inOrder(String earlierField, T earlier, String laterField, T later) {
        if (earlier != null && later != null && later.compareTo(earlier) < 0) {
            throw new RecordRejected(laterField, "is before " + earlierField, later);
        }
    }

    public static String code(String field, String value, Set<String> allowed) {
        if (value == null) {
            return null;
        }
        String code = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(code)) {
            throw new RecordRejected(field, "is not a known code; expected one of "
                    + allowed.stream().sorted().toList(), value);
        }
        return code;
    }

    public static String length(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new RecordRejected(field, "is " + value.length() + " characters long; at most " + max + " are accepted");
        }
        return value;
    }
}
