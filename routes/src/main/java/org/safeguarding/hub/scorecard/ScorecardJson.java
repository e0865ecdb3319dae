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
                       List<PublishedMeasure.Value> trend, String noValueReason,
                       List<PublishedMeasure.BreakdownValue> breakdown, List<Comment> commentary) {
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
                f.direction().name().toLowerCase().replace('_', '-'), f.trend(), f.noValueReason().orElse(null), f.breakdown(),
                e.commentary());
    }
}
