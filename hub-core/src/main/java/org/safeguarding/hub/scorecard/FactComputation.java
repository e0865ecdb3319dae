package org.safeguarding.hub.scorecard;

/**
 * An event measure counted over the rows of a shared source of facts that several measures read
 * (e.g. {@code measures.ContactFacts}: one row per contact with its decision, RAG rating, referral
 * and feedback). The engine reads a source once for all the measures that use it, in one query
 * whose aggregate has a numerator and denominator column per measure, instead of one scan and set
 * of joins per measure. The measure's rule is what it says here, over the source's columns:
 * which rows it counts, on which of their days, and which of those are in the numerator.
 */
public interface FactComputation extends EventComputation {

    /** The source's SQL (the same text for every measure that shares it), following the conventions of {@link MeasureComputation#sql}. */
    String source();

    /** The source column holding the local day a row counts on, e.g. {@code received_day}. */
    String day();

    /** Which of the source's rows this measure counts: a boolean SQL expression over its columns. */
    String counted();

    /** Which counted rows are in the numerator (NULL counts as false). A count measure says {@code true}. */
    String numerator(MeasureDefinition measure);

    /** True for a proportion (every counted row is in the denominator); false for a count. */
    boolean proportion();

    /**
     * The rows counted (and, for the numerator, those of them in it) over the shared source: measures
     * over the same source with the same rule, day and numerator count the same contacts.
     */
    @Override
    default String series(MeasureDefinition measure, String role) {
        String rows = "facts " + Integer.toHexString(source().hashCode()) + " on " + day() + " where " + counted();
        String numerator = numerator(measure).strip();
        return role.equals("den") || numerator.equals("true") ? rows : rows + " and (" + numerator + ")";
    }

    /** The source column to drill down by category, or null when the measure has none. */
    default String category() {
        return null;
    }

    /** The measure on its own, as the rows {@link MeasureComputation#sql} describes (the engine reads shared sources together instead). */
    @Override
    default String sql(MeasureDefinition measure) {
        return """
                SELECT f.%s AS day, coalesce(%s, false)::int AS num, %d AS den, f.agency, f.team, %s AS category
                FROM (%s) f WHERE %s
                """.formatted(day(), numerator(measure), proportion() ? 1 : 0,
                category() == null ? "NULL::text" : "f." + category(), source(), counted());
    }
}
