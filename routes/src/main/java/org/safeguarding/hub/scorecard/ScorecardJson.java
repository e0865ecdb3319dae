package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The scorecard as the JSON API returns it. Only shown figures: the true counts a
 * {@link PublishedMeasure} keeps for revision checks never leave the hub.
 */
record ScorecardJson(String partnership, String period, boolean disclosureControlled, String disclosureControl,
                     List<MeasureJson> measures) {

    /** {@code noValueReason}: why the reported period has no value, in words; null when it has one or it is suppressed. */
    record MeasureJson(String id, String title, String numerator, String denominator, String unit, String polarity,
                       BigDecimal target, BigDecimal ragTolerance, List<String> dataFrom, String owner, String seed,
                       List<Benchmark> benchmarks, Integer version, Instant publishedAt,
                       ScorecardEntry.Revision revision, String rag, String directionOfTravel,
                       List<TrendValue> trend, String noValueReason,
                       List<PublishedMeasure.BreakdownValue> breakdown, List<Comment> commentary) {
    }

    /**
     * One trend period as published: counts as strings (a number or the suppression symbol), {@code value}
     * null when withheld or none. A period before the measure had data has null counts and value and says
     * why in {@code noData} ({@link PublishedMeasure#noDataReason}); null otherwise.
     */
    record TrendValue(String period, String numerator, String denominator, BigDecimal value, String noData) {

        static TrendValue of(PublishedMeasure f, PublishedMeasure.Value v) {
            return f.noDataReason(v.period()).map(reason -> new TrendValue(v.period(), null, null, null, reason))
                    .orElseGet(() -> new TrendValue(v.period(), v.numerator(), v.denominator(), v.value(), null));
        }
    }

    static ScorecardJson of(String partnership, String period, boolean controlled, DisclosureRule rule,
                            List<ScorecardEntry> entries) {
        return new ScorecardJson(partnership, period, controlled, controlled ? rule.statement()
                : "NOT DISCLOSURE-CONTROLLED: unrounded figures for MASH staff of the partnership only",
                entries.stream().map(ScorecardJson::measure).toList());
    }

    private static MeasureJson measure(ScorecardEntry e) {
        MeasureDefinition m = e.measure();
        PublishedMeasure f = e.figures();
        return new MeasureJson(m.id(), m.title(), m.numerator(), m.denominator(), m.unit().code(), m.polarity().code(),
                m.target(), m.ragTolerance(), m.dataFrom(), m.owner(), m.seed(), m.benchmarks(), e.version(),
                e.publishedAt(), e.revision(), f.rag() == null ? null : f.rag().name().toLowerCase(),
                f.direction().name().toLowerCase().replace('_', '-'), f.trend().stream().map(v -> TrendValue.of(f, v)).toList(), f.noValueReason().orElse(null), f.breakdown(),
                e.commentary());
    }
}
