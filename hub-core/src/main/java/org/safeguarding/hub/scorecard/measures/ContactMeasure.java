package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.FactComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

import java.util.List;

/**
 * A proportion of contacts counted from {@link ContactFacts}: by default the partnership's current
 * contacts, on the local day received, by referring agency and MASH team. A measure of decisions
 * counts decided contacts on the day decided instead ({@link #decisions}). A subclass gives its
 * numerator; one with a whole-number parameter from measures.yml names it and reads it with
 * {@link #parameter}.
 */
abstract class ContactMeasure implements FactComputation {

    private final String name;
    private final List<String> parameters;

    ContactMeasure(String name, String... parameters) {
        this.name = name;
        this.parameters = List.of(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> requiredParameters() {
        return parameters;
    }

    /** The measure's (only) parameter. */
    final int parameter(MeasureDefinition measure) {
        return measure.parameter(parameters.get(0));
    }

    @Override
    public final String source() {
        return ContactFacts.SQL;
    }

    @Override
    public String day() {
        return "received_day";
    }

    @Override
    public String counted() {
        return "current_contact";
    }

    @Override
    public boolean proportion() {
        return true;
    }

    /** For measures of threshold decisions: every current decision (whatever became of its contact), on the local day decided. */
    abstract static class OfDecisions extends ContactMeasure {

        OfDecisions(String name, String... parameters) {
            super(name, parameters);
        }

        @Override
        public final String day() {
            return "decided_day";
        }

        @Override
        public final String counted() {
            return "decided";
        }
    }
}
