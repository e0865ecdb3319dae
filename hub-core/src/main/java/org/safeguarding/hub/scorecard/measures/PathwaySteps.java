package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/**
 * Counts {@link PathwayStep}s on the day each happened: one step alone (rows (1, 0); as a
 * rate-per-10000 measure, the seed's rates per 10,000 children, 004:L422), or one step as a
 * percentage of another, each counted in the period on its own day: the numerator's steps are rows
 * (1, 0) and the denominator's (0, 1), summed by the engine. That is the seed's own arithmetic
 * (1,025 section 47s / 3,329 referrals = 30.8%, 004:L1769-L1771), not a followed cohort: a section
 * 47 counts against the referrals of its period whichever referral it followed, so the percentage
 * may exceed 100.
 */
abstract class PathwaySteps implements EventComputation {

    private final String name;
    private final PathwayStep numerator;
    private final PathwayStep denominator;

    /** A count of {@code step}. */
    PathwaySteps(String name, PathwayStep step) {
        this(name, step, null);
    }

    /** {@code numerator} as a percentage of {@code denominator}. */
    PathwaySteps(String name, PathwayStep numerator, PathwayStep denominator) {
        this.name = name;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    @Override
    public final String name() {
        return name;
    }

    /** A section 47 counts against the referrals of its period whichever it followed: two sets of events. */
    @Override
    public final boolean numeratorWithinDenominator() {
        return denominator == null;
    }

    /** A pathway step is the same series in every measure that counts it (a count, a rate, either side of a percentage). */
    @Override
    public final String series(MeasureDefinition measure, String role) {
        return "step " + (role.equals("num") ? numerator : denominator).name();
    }

    @Override
    public final String sql(MeasureDefinition measure) {
        return denominator == null ? numerator.rows(1, 0)
                : numerator.rows(1, 0) + "UNION ALL\n" + denominator.rows(0, 1);
    }
}
