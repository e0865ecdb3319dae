package org.safeguarding.hub.child;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * A date of birth with the precision the partner gave: a day ("2015-03-14"), a month ("2015-03") or
 * a year ("2016"), as FHIR's {@code date} type allows (hl7.org/fhir/R4/datatypes.html#date). Stored
 * as its first day ({@code child.date_of_birth}) with its precision ({@code child.birth_date_precision},
 * V47). A month or a year is a period, never its first day: "2016" is not 1 January 2016.
 */
public record BirthDate(LocalDate first, Precision precision) {

    /** How much of the date is known; the code is the column's value. */
    public enum Precision {
        DAY("day"), MONTH("month"), YEAR("year");

        private final String code;

        Precision(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Precision ofCode(String code) {
            for (Precision p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no birth date precision '" + code + "'");
        }
    }

    public BirthDate {
        if (precision != Precision.DAY && first.getDayOfMonth() != 1 || precision == Precision.YEAR && first.getMonthValue() != 1) {
            throw new IllegalArgumentException(first + " does not start a " + precision.code());
        }
    }

    public static BirthDate of(LocalDate day) {
        return day == null ? null : new BirthDate(day, Precision.DAY);
    }

    public static BirthDate of(YearMonth month) {
        return new BirthDate(month.atDay(1), Precision.MONTH);
    }

    public static BirthDate ofYear(int year) {
        return new BirthDate(LocalDate.of(year, 1, 1), Precision.YEAR);
    }

    /** The last day of the period (the day itself for a full date). */
    public LocalDate last() {
        return switch (precision) {
            case DAY -> first;
            case MONTH -> first.withDayOfMonth(first.lengthOfMonth());
            case YEAR -> first.withDayOfYear(first.lengthOfYear());
        };
    }

    /** Whether the two could be the same child's birth date: their periods overlap (then one holds the other). */
    public boolean compatible(BirthDate other) {
        return !first.isAfter(other.last()) && !other.first.isAfter(last());
    }

    /** The less precise of the two: what a comparison of them can know. */
    public Precision coarser(BirthDate other) {
        return precision.compareTo(other.precision) >= 0 ? precision : other.precision;
    }

    /** As the partner wrote it: "2015-03-14", "2015-03" or "2016". */
    @Override
    public String toString() {
        return switch (precision) {
            case DAY -> first.toString();
            case MONTH -> YearMonth.from(first).toString();
            case YEAR -> String.format(Locale.ROOT, "%04d", first.getYear());
        };
    }
}
