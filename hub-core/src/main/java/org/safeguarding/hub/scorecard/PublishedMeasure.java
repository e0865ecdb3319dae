package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.DisclosureControl.Disclosed;
import org.safeguarding.hub.scorecard.DisclosureControl.Relation;
import org.safeguarding.hub.scorecard.DisclosureControl.Term;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A measure as it is shown: the trend of totals for the last periods, the drill-down of the reported
 * period, RAG and direction of travel. Counts are strings: a number, or the suppression symbol.
 * Disclosure-controlled unless {@code disclosureControlled} is false (MASH staff only). This is the
 * one controlled result: JSON, CSV, FHIR (score and narrative), the page, stored publications and
 * subscriber deliveries are all written from it, and every value, RAG and direction in it is
 * worked out from the counts it shows.
 *
 * @param counts the true counts behind every cell, by cell key; kept inside the hub (never published)
 *               so that a later revision can be checked against what was published
 */
public record PublishedMeasure(MeasureDefinition measure, String period, boolean disclosureControlled,
                               List<Value> trend, List<BreakdownValue> breakdown, Rag rag, Direction direction,
                               Map<String, Long> counts, Map<String, Boolean> suppressedCells) {

    /**
     * Direction of travel is not known across a period before data ({@link #beforeData}): a rise from
     * "nothing recorded yet" is not a rise (outside tester, issue 14). Applied here so that freshly
     * built and stored (frozen) figures read the same.
     */
    public PublishedMeasure {
        if (trend != null && trend.size() > 1 && beforeData(trend).contains(trend.get(trend.size() - 2).period())) {
            direction = Direction.NOT_KNOWN;
        }
    }

    /**
     * One period's total. {@code value} is worked out from {@code numerator} and {@code denominator} as
     * shown (for a count it is the numerator); null when withheld or when the denominator is 0.
     */
    public record Value(String period, String numerator, String denominator, BigDecimal value) {
    }

    /** One drill-down cell of the reported period; {@code value} as in {@link Value}. */
    public record BreakdownValue(String dimension, String category, String numerator, String denominator,
                                 BigDecimal value) {
    }

    /** What a reader already has of an earlier publication of the same measure: counts and which were suppressed. */
    public record Earlier(Map<String, Long> counts, Map<String, Boolean> suppressed) {
    }

    /** The figures exactly as computed: for MASH staff of the partnership only. */
    public static PublishedMeasure unsuppressed(MeasureResult result) {
        Map<String, Long> counts = counts(result);
        return build(result, false, counts, Map.of(), "c");
    }

    /** {@link #disclosed(MeasureResult, DisclosureControl, List, java.util.Set)} with nothing withheld beforehand. */
    public static PublishedMeasure disclosed(MeasureResult result, DisclosureControl control, List<Earlier> earlier) {
        return disclosed(result, control, earlier, java.util.Set.of());
    }

    /**
     * The figures after disclosure control. {@code earlier} holds every earlier publication of the
     * same measure covering these periods: a reader has them all, so the difference between any of
     * them and this one is protected too. {@code withheld} names cells to suppress whatever their count
     * (found by the {@link ReleaseAudit} across everything already published).
     */
    public static PublishedMeasure disclosed(MeasureResult result, DisclosureControl control, List<Earlier> earlier,
                                             java.util.Set<String> withheld) {
        Map<String, Long> counts = counts(result);
        Map<String, Long> terms = new LinkedHashMap<>(counts);
        Map<String, Term> kinds = new LinkedHashMap<>();
        List<Relation> relations = new ArrayList<>(breakdownRelations(result));
        for (int i = 0; i < earlier.size(); i++) {
            Earlier before = earlier.get(i);
            for (Map.Entry<String, Long> e : before.counts().entrySet()) {
                String key = e.getKey();
                if (!counts.containsKey(key)) {
                    continue;
                }
                // now = before + late data: "before" is known to readers (or suppressed), the difference is not.
                String previous = "earlier" + i + ":" + key;
                String difference = "difference" + i + ":" + key;
                terms.put(previous, e.getValue());
                terms.put(difference, counts.get(key) - e.getValue());
                kinds.put(previous, Boolean.TRUE.equals(before.suppressed().get(key)) ? Term.KNOWN_SUPPRESSED : Term.KNOWN);
                kinds.put(difference, Term.HIDDEN);
                relations.add(new Relation(key, List.of(previous, difference)));
            }
        }
        Map<String, Disclosed> disclosed = control.apply(terms, kinds, relations, withheld);
        return build(result, true, counts, disclosed, control.rule().symbol());
    }

    /**
     * The one place where a shown value is made. Every value, RAG and direction of travel is worked out
     * from the counts as shown ({@link Unit#value}): in controlled output the rounded counts, so a rate
     * or percentage carries nothing beyond them (45 shown of an exact 44 referrals gives 45 x 10,000 /
     * 36,029 = 12.5 per 10,000, never the exact 12.2); withheld when a count behind it is suppressed or
     * a shown denominator is 0. Unsuppressed, the counts shown are the exact ones.
     */
    private static PublishedMeasure build(MeasureResult result, boolean controlled, Map<String, Long> counts,
                                          Map<String, Disclosed> disclosed, String symbol) {
        boolean hasDenominator = result.measure().unit() == Unit.PERCENT;
        List<Value> trend = new ArrayList<>();
        for (PeriodFigures p : result.trend()) {
            String label = p.period().label();
            Shown num = shown(key("num", label, null, null), p.total().numerator(), controlled, disclosed, symbol);
            Shown den = hasDenominator ? shown(key("den", label, null, null), p.total().denominator(), controlled,
                    disclosed, symbol) : null;
            trend.add(new Value(label, num.text(), den == null ? null : den.text(), value(result, num, den)));
        }
        String current = result.current().period().label();
        List<BreakdownValue> breakdown = new ArrayList<>();
        for (Cell c : result.current().breakdown()) {
            Shown num = shown(key("num", current, c.dimension(), c.category()), c.figure().numerator(), controlled,
                    disclosed, symbol);
            Shown den = hasDenominator ? shown(key("den", current, c.dimension(), c.category()),
                    c.figure().denominator(), controlled, disclosed, symbol) : null;
            breakdown.add(new BreakdownValue(c.dimension(), c.category(), num.text(), den == null ? null : den.text(),
                    value(result, num, den)));
        }
        BigDecimal value = trend.get(trend.size() - 1).value();
        BigDecimal previous = trend.size() > 1 ? trend.get(trend.size() - 2).value() : null;
        Map<String, Boolean> suppressed = new LinkedHashMap<>();
        disclosed.forEach((k, d) -> suppressed.put(k, d.suppressed()));
        return new PublishedMeasure(result.measure(), current, controlled, trend, breakdown,
                Rag.of(result.measure(), value), Direction.between(result.measure().polarity(), previous, value),
                counts, suppressed);
    }

    /** A count as shown: its text, and the number shown (null when suppressed). */
    private record Shown(String text, Long count) {
    }

    private static Shown shown(String key, long count, boolean controlled, Map<String, Disclosed> disclosed,
                               String symbol) {
        if (!controlled) {
            return new Shown(Long.toString(count), count);
        }
        Disclosed d = disclosed.get(key);
        return d.suppressed() ? new Shown(symbol, null) : new Shown(Long.toString(d.shown().orElseThrow()), d.shown().get());
    }

    /** The value of shown counts; null when the numerator or the denominator is suppressed. */
    private static BigDecimal value(MeasureResult result, Shown numerator, Shown denominator) {
        if (numerator.count() == null || (denominator != null && denominator.count() == null)) {
            return null;
        }
        return result.measure().unit().value(numerator.count(), denominator == null ? 0 : denominator.count(),
                result.childPopulation());
    }

    static String key(String series, String period, String dimension, String category) {
        return series + "|" + period + "|" + (dimension == null ? "total" : dimension + "|" + category);
    }

    /** The true count of every cell: numerators and, for percentages, denominators. */
    private static Map<String, Long> counts(MeasureResult result) {
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean hasDenominator = result.measure().unit() == Unit.PERCENT;
        for (PeriodFigures p : result.trend()) {
            counts.put(key("num", p.period().label(), null, null), p.total().numerator());
            if (hasDenominator) {
                counts.put(key("den", p.period().label(), null, null), p.total().denominator());
            }
        }
        String current = result.current().period().label();
        for (Cell c : result.current().breakdown()) {
            counts.put(key("num", current, c.dimension(), c.category()), c.figure().numerator());
            if (hasDenominator) {
                counts.put(key("den", current, c.dimension(), c.category()), c.figure().denominator());
            }
        }
        return counts;
    }

    /** In the reported period, each drill-down dimension's cells add up to the total. */
    private static List<Relation> breakdownRelations(MeasureResult result) {
        String current = result.current().period().label();
        List<Relation> relations = new ArrayList<>();
        for (String series : result.measure().unit() == Unit.PERCENT ? List.of("num", "den") : List.of("num")) {
            result.current().breakdown().stream().map(Cell::dimension).distinct().forEach(dimension ->
                    relations.add(new Relation(key(series, current, null, null), result.current().breakdown().stream()
                            .filter(c -> c.dimension().equals(dimension))
                            .map(c -> key(series, current, dimension, c.category())).toList())));
        }
        return relations;
    }

    /**
     * Why the reported period has no value, in words (the measure's {@code empty-reason}, e.g. "No
     * ICPCs were held in this period."); empty when it has a value, or when disclosure control
     * withholds it (the suppression symbol and its rule say why then).
     */
    public Optional<String> noValueReason() {
        if (currentValue().isPresent() || currentWithheld()) {
            return Optional.empty();
        }
        return Optional.ofNullable(measure.emptyReason());
    }

    /**
     * The trend's periods before the measure had any data, oldest first: the leading periods whose shown
     * numerator is 0 and whose shown denominator is 0 or none, when a later period has data (a trend that
     * is 0 throughout is a run of true zeros, shown as such). A shown 0 is a true 0 (disclosure control
     * suppresses 1 to 7 and rounds the rest to 5, never to 0), so this reads the same in controlled and
     * unsuppressed figures. The one definition: the page, chart, JSON and CSV read it here.
     */
    public static java.util.Set<String> beforeData(List<Value> trend) {
        java.util.Set<String> before = new java.util.LinkedHashSet<>();
        for (Value v : trend) {
            boolean empty = "0".equals(v.numerator()) && (v.denominator() == null || "0".equals(v.denominator()));
            if (!empty) {
                return before;
            }
            before.add(v.period());
        }
        return java.util.Set.of();
    }

    /**
     * Why trend period {@code period} has no figures, in words ("no data: the hub held no records for this
     * measure before 2026-27-Q1"); empty when it has figures ({@link #beforeData}).
     */
    public Optional<String> noDataReason(String period) {
        java.util.Set<String> before = beforeData(trend);
        if (!before.contains(period)) {
            return Optional.empty();
        }
        return Optional.of("no data: the hub held no records for this measure before " + trend.get(before.size()).period());
    }

    /** The reported period's value as shown (null when withheld). */
    public Optional<BigDecimal> currentValue() {
        return Optional.ofNullable(trend.get(trend.size() - 1).value());
    }

    /** True when disclosure control withholds the reported period's value (its numerator or denominator is suppressed). */
    public boolean currentWithheld() {
        return Boolean.TRUE.equals(suppressedCells.get(key("num", period, null, null)))
                || Boolean.TRUE.equals(suppressedCells.get(key("den", period, null, null)));
    }

    /**
     * A drill-down cell of the reported period as a headline (the page's agency and team filters): its value
     * in words as {@link #currentWords} gives the total's. The cells are disclosure-controlled with the total
     * (secondary suppression over the breakdown), so a filter shows nothing the drill-down does not.
     */
    public String cellWords(BreakdownValue cell, String symbol) {
        if (symbol.equals(cell.numerator()) || symbol.equals(cell.denominator())) {
            return symbol;
        }
        return cell.value() != null ? measure.unit().words(cell.value())
                : Optional.ofNullable(measure.emptyReason()).orElse("not available");
    }

    /** A drill-down cell's RAG rating, read against the measure's target as the total's is; null when it has no value. */
    public Rag cellRag(BreakdownValue cell) {
        return Rag.of(measure, cell.value());
    }

    /**
     * The reported period's value in words, as the page and the FHIR narrative show it: the value with
     * its unit ("45", "33.3%", "12.5 per 10,000"), {@code symbol} when withheld, or the reason there is
     * none.
     */
    public String currentWords(String symbol) {
        if (currentWithheld()) {
            return symbol;
        }
        return currentValue().map(measure.unit()::words).or(this::noValueReason).orElse("not available");
    }
}
