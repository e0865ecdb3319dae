package org.safeguarding.hub.scorecard;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The scorecard as CSV: one row per measure per trend period (dimension "total") and one per
 * drill-down cell of the reported period. The header comment lines state the disclosure rule.
 * Every figure is written as the {@link PublishedMeasure} holds it (values as {@link Unit#text}), rows
 * in its order (measures as configured, trend oldest first, drill-down by dimension and category), so
 * the same controlled result always gives the same bytes.
 */
public final class ScorecardCsv {

    static final String[] COLUMNS = {"partnership", "measure_id", "title", "unit", "polarity", "period", "version",
            "dimension", "category", "numerator", "denominator", "value", "target", "rag", "direction_of_travel"};

    private ScorecardCsv() {
    }

    public static String write(String partnership, String period, DisclosureRule rule, boolean disclosureControlled,
                               List<ScorecardEntry> entries) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader(COLUMNS)
                .setHeaderComments("Safeguarding partnership scorecard: " + partnership + ", " + period,
                        disclosureControlled ? "Disclosure control: " + rule.statement()
                                : "NOT DISCLOSURE-CONTROLLED: unrounded figures for MASH staff of the partnership only; do not share")
                .get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (ScorecardEntry e : entries) {
                MeasureDefinition m = e.measure();
                PublishedMeasure f = e.figures();
                String version = e.version() == null ? "live" : e.version().toString();
                for (PublishedMeasure.Value v : f.trend()) {
                    boolean current = v.period().equals(f.period());
                    csv.printRecord(partnership, m.id(), m.title(), m.unit().code(), m.polarity().code(), v.period(),
                            version, "total", "", v.numerator(), v.denominator(), Unit.text(v.value()), m.target(),
                            current && f.rag() != null ? f.rag() : null, current ? f.direction() : null);
                }
                for (PublishedMeasure.BreakdownValue b : f.breakdown()) {
                    csv.printRecord(partnership, m.id(), m.title(), m.unit().code(), m.polarity().code(), f.period(),
                            version, b.dimension(), b.category(), b.numerator(), b.denominator(), Unit.text(b.value()), m.target(),
                            null, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
