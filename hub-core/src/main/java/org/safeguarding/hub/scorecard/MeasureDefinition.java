package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One scorecard measure as the operator defines it in {@code measures.yml}. The counting itself
 * lives in the computation named by {@code computation} (see {@link Computations}).
 *
 * @param dataFrom     agency kinds whose data the measure needs
 * @param period       the period type the measure is normally reviewed over
 * @param breakdowns   drill-downs the data supports: source-agency, team, category
 * @param parameters   numbers the computation uses, e.g. within-working-days: 15
 * @param ragTolerance how far on the bad side of target is still Amber (same unit as the value)
 * @param owner        the agency kind that owns the measure and writes its commentary
 * @param seed         where the measure comes from in the source documents
 * @param emptyReason  why a period can have no value, in words, shown instead of one (e.g. "No ICPCs
 *                     were held in this period."): required for percent measures, whose value is
 *                     missing when the denominator is 0; counts and rates always have a value
 */
public record MeasureDefinition(String id, String title, String numerator, String denominator,
                                List<String> dataFrom, Unit unit, Polarity polarity, BigDecimal target,
                                BigDecimal ragTolerance, PeriodType period, List<String> breakdowns,
                                Map<String, Integer> parameters, List<Benchmark> benchmarks, String owner,
                                String computation, String seed, String emptyReason) {

    public MeasureDefinition {
        dataFrom = dataFrom == null ? List.of() : List.copyOf(dataFrom);
        breakdowns = breakdowns == null ? List.of() : List.copyOf(breakdowns);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
    }

    public int parameter(String name) {
        Integer value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("measure " + id + " has no parameter " + name);
        }
        return value;
    }
}
