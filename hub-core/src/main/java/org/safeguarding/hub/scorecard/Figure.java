package org.safeguarding.hub.scorecard;

/** Unrounded counts behind one value: the numerator and (for percentages) the denominator. */
public record Figure(long numerator, long denominator) {

    public static final Figure ZERO = new Figure(0, 0);

    public Figure plus(Figure other) {
        return new Figure(numerator + other.numerator, denominator + other.denominator);
    }
}
