package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

import java.util.List;

/**
 * What the computations with one whole-number parameter from measures.yml (hours, working days,
 * months, a percentage) share: their name, the parameter they require and how it goes into the
 * SQL. A subclass says whether it counts events or snapshots and gives its SQL with {@code %d}
 * where the parameter goes.
 */
abstract class ParameterisedComputation {

    private final String name;
    private final String parameter;

    ParameterisedComputation(String name, String parameter) {
        this.name = name;
        this.parameter = parameter;
    }

    public final String name() {
        return name;
    }

    public final List<String> requiredParameters() {
        return List.of(parameter);
    }

    public final String sql(MeasureDefinition measure) {
        return template().formatted(measure.parameter(parameter));
    }

    /** The computation's SQL, with {@code %d} for the parameter. */
    protected abstract String template();
}
