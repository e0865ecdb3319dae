package org.safeguarding.hub.scorecard;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The measures of one scorecard that share a source of facts ({@link FactComputation}), read in one
 * query: the source's rows are grouped by the month of each day column the measures count on, the
 * agency, the team and each category column (a few thousand groups), with a counted-rows and a
 * numerator column per measure; each measure's month rows are then picked out of the groups.
 */
final class SharedFacts {

    private final String source;
    private final Map<MeasureDefinition, FactComputation> measures = new LinkedHashMap<>();

    SharedFacts(String source) {
        this.source = source;
    }

    void add(MeasureDefinition measure, FactComputation computation) {
        measures.put(measure, computation);
    }

    /** The query, after the engine's WITH of calendar tables. */
    String sql() {
        List<String> keys = new ArrayList<>();
        distinct(FactComputation::day).forEach(day -> keys.add(MeasureEngine.month("f." + day) + " AS " + day));
        keys.add("f.agency");
        keys.add("f.team");
        distinct(FactComputation::category).forEach(category -> keys.add("f." + category));
        StringJoiner columns = new StringJoiner(",\n       ");
        keys.forEach(columns::add);
        StringJoiner groups = new StringJoiner(", ");
        for (int i = 1; i <= keys.size(); i++) {
            groups.add(Integer.toString(i));
        }
        int m = 0;
        for (Map.Entry<MeasureDefinition, FactComputation> e : measures.entrySet()) {
            FactComputation c = e.getValue();
            columns.add("count(*) FILTER (WHERE %s) AS counted_%d".formatted(c.counted(), m));
            columns.add("count(*) FILTER (WHERE (%s) AND (%s)) AS num_%d".formatted(c.counted(), c.numerator(e.getKey()), m));
            m++;
        }
        return """
                f AS (%s)
                SELECT %s
                FROM f
                GROUP BY %s
                """.formatted(source, columns, groups);
    }

    /** Each measure's rows (month, drill-downs, numerator, denominator) for months from {@code from} to before {@code to}. */
    Map<MeasureDefinition, List<MeasureEngine.Row>> rows(JdbcClient.StatementSpec query, LocalDate from, LocalDate to) {
        Map<MeasureDefinition, List<MeasureEngine.Row>> rows = new HashMap<>();
        measures.keySet().forEach(m -> rows.put(m, new ArrayList<>()));
        query.query(rs -> {
            int m = 0;
            for (Map.Entry<MeasureDefinition, FactComputation> e : measures.entrySet()) {
                FactComputation c = e.getValue();
                long counted = rs.getLong("counted_" + m);
                long num = rs.getLong("num_" + m);
                java.sql.Date month = rs.getDate(c.day());
                m++;
                if (counted == 0 || month == null || month.toLocalDate().isBefore(from) || !month.toLocalDate().isBefore(to)) {
                    continue;
                }
                Map<String, String> categories = new HashMap<>();
                categories.put("source-agency", rs.getString("agency"));
                categories.put("team", rs.getString("team"));
                categories.put("category", c.category() == null ? null : rs.getString(c.category()));
                rows.get(e.getKey()).add(new MeasureEngine.Row(month.toLocalDate(), categories, num,
                        c.proportion() ? counted : 0));
            }
        });
        return rows;
    }

    private List<String> distinct(java.util.function.Function<FactComputation, String> column) {
        return measures.values().stream().map(column).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
