package org.safeguarding.hub.scorecard;

/**
 * How one measure is counted: the one named place a {@link MeasureDefinition} points to. A
 * computation is a set-based SQL query over the common dataset that returns one row per counted
 * thing with columns {@code day date, num int, den int, agency text, team text, category text}:
 * {@code num} and {@code den} are 1 or 0 (count measures leave {@code den} 0; a percentage of two
 * different sets of events gives its numerator's rows as (1, 0) and its denominator's as (0, 1)), and
 * the last three are the drill-downs (null where the data has none). Only current rows count
 * ({@code superseded_by IS NULL}).
 *
 * <p>The query may use the named parameter {@code :partnership} and the {@code :from} / {@code :to}
 * local dates of the whole trend window, and these common table expressions:
 * <ul>
 *   <li>{@code wd(day, k)}: working-day keys from the {@code WorkingCalendar}. {@code k} is twice the
 *       number of working days up to and including {@code day}, plus 1 when {@code day} is not a
 *       working day, so "{@code x} is on or before the N-th working day after {@code d}" is
 *       {@code x.k <= 2 * (d.k / 2 + N)}; the same as arrays, {@code :wd_days} and {@code :wd_keys}, to
 *       look a day's key up by position ({@code CAST(:wd_keys AS int[])[day - first day + 1]}) in an
 *       InitPlan where a join per row would cost too much;</li>
 *   <li>{@code school(day, same_day_start, next_start)}: for an event on local {@code day}, when the
 *       next school day starts if the event is before that day's school start, and otherwise;</li>
 *   <li>{@code as_at(day)}: for snapshot computations, the last day of each period.</li>
 * </ul>
 */
public sealed interface MeasureComputation permits EventComputation, SnapshotComputation {

    /** The name measures.yml uses in {@code computation:}. */
    String name();

    /** The SQL described above, for this measure's parameters. */
    String sql(MeasureDefinition measure);

    /**
     * For a percentage: whether its numerator counts a subset of its denominator's rows (assessments
     * in time of assessments completed), so that the denominator less the numerator is a count of
     * children too, protected like any other ({@link ReleaseAudit}). False where the numerator and
     * denominator are different sets of events.
     */
    default boolean numeratorWithinDenominator() {
        return true;
    }

    /**
     * What one series of the measure counts, as an identity: two measures whose series have the same
     * identity count the same things on the same days (contacts received as a count and as a rate; the
     * section 47s that are the numerator of one percentage and the denominator of another), so a reader
     * can combine them and the release audit treats them as one. {@code role} is {@code num} or {@code den}.
     * By default: the computation, its parameters and the role.
     */
    default String series(MeasureDefinition measure, String role) {
        return name() + new java.util.TreeMap<>(measure.parameters()) + ":" + role;
    }

    /** Parameters the computation needs from the definition, checked at start-up. */
    default java.util.List<String> requiredParameters() {
        return java.util.List.of();
    }
}
