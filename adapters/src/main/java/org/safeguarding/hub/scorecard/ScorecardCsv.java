package org.safeguarding.hub.scorecard;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The scorecard as a CSV file that opens cleanly in Excel and BI tools: a UTF-8 byte-order mark,
 * the header on line 1, one row per measure per trend period (dimension {@code total}) and one per
 * drill-down cell of the reported period. Every row carries its own metadata: the period's label
 * with its ISO first and last days ({@code period_start}, {@code period_end}, both inclusive), and
 * the disclosure-control statement. {@code numerator}, {@code denominator} and {@code value} are
 * numbers or empty; a count withheld by disclosure control is empty and the row's
 * {@code suppression} column holds the rule's symbol ({@code c}); only percentages have
 * denominators, so an empty count in a row marked {@code c} is the withheld one. A trend period before
 * the measure had any data ({@link PublishedMeasure#beforeData}) has empty counts and value, and
 * {@code no_data} says why (empty in every other row): a gap, not a 0.
 *
 * <p>Every figure is written as the {@link PublishedMeasure} holds it (values as {@link Unit#text}),
 * rows in its order (measures as configured, trend oldest first, drill-down by dimension and
 * category), so the same controlled result always gives the same bytes.
 */
public final class ScorecardCsv {

    /** What Excel looks for to read the file as UTF-8 rather than the machine's code page. */
    public static final String BYTE_ORDER_MARK = "\uFEFF";

    static final String[] COLUMNS = {"partnership", "measure_id", "title", "unit", "polarity", "period",
            "period_start", "period_end", "version", "dimension", "category", "numerator", "denominator", "value",
            "suppression", "no_data", "target", "rag", "direction_of_travel", "disclosure_control"};

    private ScorecardCsv() {
    }

    /** The file as text, byte-order mark first; {@code period} is the reported period's label. */
    public static String write(String partnership, String period, DisclosureRule rule, boolean disclosureControlled,
                               List<ScorecardEntry> entries) {
        StringWriter out = new StringWriter();
        out.write(BYTE_ORDER_MARK);
        String control = disclosureControlled ? rule.statement()
                : "NOT DISCLOSURE-CONTROLLED: unrounded figures for MASH staff of the partnership only; do not share";
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (ScorecardEntry e : entries) {
                MeasureDefinition m = e.measure();
                PublishedMeasure f = e.figures();
                String version = e.version() == null ? "live" : e.version().toString();
                for (PublishedMeasure.Value v : f.trend()) {
                    boolean current = v.period().equals(f.period());
                    String noData = f.noDataReason(v.period()).orElse(null);
                    row(csv, partnership, m, v.period(), version, "total", "", noData == null ? v.numerator() : null,
                            noData == null ? v.denominator() : null, noData == null ? v.value() : null, rule.symbol(),
                            noData, current && f.rag() != null ? f.rag() : null, current ? f.direction() : null,
                            control);
                }
                for (PublishedMeasure.BreakdownValue b : f.breakdown()) {
                    row(csv, partnership, m, f.period(), version, b.dimension(), b.category(), b.numerator(),
                            b.denominator(), b.value(), rule.symbol(), null, null, null, control);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void row(CSVPrinter csv, String partnership, MeasureDefinition m, String label, String version,
                            String dimension, String category, String numerator, String denominator,
                            BigDecimal value, String symbol, String noData, Object rag, Object direction,
                            String control)
            throws IOException {
        Period period = Period.parse(label);
        boolean withheld = symbol.equals(numerator) || symbol.equals(denominator);
        csv.printRecord(partnership, m.id(), m.title(), m.unit().code(), m.polarity().code(), label, period.start(),
                period.lastDay(), version, dimension, category, count(numerator, symbol), count(denominator, symbol),
                Unit.text(value), withheld ? symbol : "", noData, m.target(), rag, direction, control);
    }

    /** A count as a number, or empty when withheld (the symbol goes to the suppression column). */
    private static String count(String shown, String symbol) {
        return shown == null || shown.equals(symbol) ? "" : shown;
    }
}
