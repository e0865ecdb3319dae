package org.safeguarding.hub.intake;

import org.safeguarding.hub.database.SqlRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The writer of one kind of canonical fact: its table, and each of its own columns with its SQL type
 * and the field it holds; for a kind with rows that hang off it (a strategy discussion's attendance)
 * the dependent table, keyed by {@code parentColumn}. {@link FactWriter} adds the columns every fact
 * table shares (id, partnership, child, provenance, supersession) and does the rest.
 *
 * @param <F> the kind
 */
final class FactTable<F extends CanonicalFact> {

    /** The SQL types the fact columns use; jsonb is bound as text and cast. */
    enum Type { TEXT, INSTANT, DATE, BOOLEAN, INTEGER, JSON }

    /** One column: its name, SQL type and the field of {@code F} it holds. */
    record Column<F>(String name, Type type, Function<F, ?> value) {

        static <F> Column<F> text(String name, Function<F, String> value) {
            return new Column<>(name, Type.TEXT, value);
        }

        static <F> Column<F> instant(String name, Function<F, Instant> value) {
            return new Column<>(name, Type.INSTANT, value);
        }

        static <F> Column<F> date(String name, Function<F, LocalDate> value) {
            return new Column<>(name, Type.DATE, value);
        }

        static <F> Column<F> bool(String name, Function<F, Boolean> value) {
            return new Column<>(name, Type.BOOLEAN, value);
        }

        static <F> Column<F> integer(String name, Function<F, Integer> value) {
            return new Column<>(name, Type.INTEGER, value);
        }

        static <F> Column<F> json(String name, Function<F, Json> value) {
            return new Column<>(name, Type.JSON, value);
        }

        void bind(SqlRow row, F fact) {
            Object v = value.apply(fact);
            switch (type) {
                case TEXT -> row.text(name, (String) v);
                case INSTANT -> row.instant(name, (Instant) v);
                case DATE -> row.date(name, (LocalDate) v);
                case BOOLEAN -> row.bool(name, (Boolean) v);
                case INTEGER -> row.integer(name, (Integer) v);
                case JSON -> row.text(name, v == null ? null : ((Json) v).text());
            }
        }

        String placeholder() {
            return type == Type.JSON ? "CAST(:" + name + " AS jsonb)" : ":" + name;
        }
    }

    /** Rows of {@code table} that hang off the fact's row, their {@code parentColumn} holding its id. */
    record Dependent<F>(String table, String parentColumn, List<Column<F>> columns) {
    }

    private final Class<F> kind;
    private final String table;
    private final List<Column<F>> columns;
    private final Dependent<F> dependent;

    private FactTable(Class<F> kind, String table, List<Column<F>> columns, Dependent<F> dependent) {
        this.kind = kind;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.dependent = dependent;
    }

    @SafeVarargs
    static <F extends CanonicalFact> FactTable<F> of(Class<F> kind, String table, Column<F>... columns) {
        return new FactTable<>(kind, table, List.of(columns), null);
    }

    @SafeVarargs
    final FactTable<F> withDependent(String dependentTable, String parentColumn, Column<F>... dependentColumns) {
        return new FactTable<>(kind, table, columns, new Dependent<>(dependentTable, parentColumn, List.of(dependentColumns)));
    }

    Class<F> kind() {
        return kind;
    }

    String table() {
        return table;
    }

    /**
     * The INSERT of one row into the kind's table naming {@code present}, the columns the row has a
     * value for (the columns every fact table shares and the kind's own), in that order.
     */
    String insert(List<String> present) {
        return insert(table, present, columns);
    }

    /** The INSERT of a dependent row naming {@code present}, its parent column and provenance among them. */
    String insertDependent(List<String> present) {
        return insert(dependent.table(), present, dependent.columns());
    }

    boolean hasDependent() {
        return dependent != null;
    }

    private static <F> String insert(String table, List<String> present, List<Column<F>> columns) {
        Set<String> json = columns.stream().filter(c -> c.type() == Type.JSON).map(Column::name).collect(Collectors.toSet());
        return "INSERT INTO " + table + " (" + String.join(", ", present) + ") VALUES ("
                + present.stream().map(c -> json.contains(c) ? "CAST(:" + c + " AS jsonb)" : ":" + c)
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Binds the fact's own columns into {@code row}. */
    SqlRow bind(SqlRow row, CanonicalFact fact) {
        F own = kind.cast(fact);
        columns.forEach(c -> c.bind(row, own));
        return row;
    }

    /** Binds the dependent row's parent ({@code parentId}) and own columns into {@code row}. */
    SqlRow bindDependent(SqlRow row, CanonicalFact fact, java.util.UUID parentId) {
        F own = kind.cast(fact);
        row.uuid(dependent.parentColumn(), parentId);
        dependent.columns().forEach(c -> c.bind(row, own));
        return row;
    }

    /**
     * Every text and jsonb value the fact would write, by column name (a dependent's as
     * {@code table.column}), in column order: what must be text PostgreSQL can store.
     */
    Map<String, Object> texts(CanonicalFact fact) {
        F own = kind.cast(fact);
        Map<String, Object> texts = new LinkedHashMap<>();
        List<Column<F>> all = new ArrayList<>(columns);
        if (dependent != null) {
            all.addAll(dependent.columns());
        }
        for (Column<F> column : all) {
            if (column.type() == Type.TEXT || column.type() == Type.JSON) {
                String name = columns.contains(column) ? column.name() : dependent.table() + "." + column.name();
                texts.put(name, column.value().apply(own));
            }
        }
        return texts;
    }
}
