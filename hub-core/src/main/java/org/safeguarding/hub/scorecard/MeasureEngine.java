package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.calendar.CoveredYears;
import org.safeguarding.hub.calendar.OutsideCalendar;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Computes measures for a partnership and a period, with the trend of the periods before it. Each
 * measure is one set-based query over the whole trend window: events are grouped by month (and
 * drill-down) in PostgreSQL, then months are added up into the periods here, so a quarter with 8
 * quarters of trend reads each row once.
 */
public final class MeasureEngine {

    private static final Map<String, String> DIMENSION_COLUMNS = Map.of(
            "source-agency", "agency", "team", "team", "category", "category");
    public static final String NOT_RECORDED = "not recorded";

    private final JdbcClient jdbc;
    private final Computations computations;
    private final WorkingCalendar calendar;
    private final Map<String, Map<String, Object>> calendarTables = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
            return size() > 32;
        }
    };

    /** Repeatable read: the transaction's snapshot is exported to the second connection and must hold for every query. */
    private final TransactionTemplate snapshotTx;
    private final String workMem;
    private final Timing timing;

    /** Told how long each scorecard computation took, e.g. for the operator's metrics; never sees a figure. */
    @FunctionalInterface
    public interface Timing {
        void computed(String partnership, Duration took);
    }
    private static final ExecutorService SECOND_CONNECTIONS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scorecard-second-connection");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param tx      its transaction manager runs a scorecard's queries in one repeatable-read transaction
     *                (and the shared facts in a second one with the same snapshot), so that {@code workMem}
     *                (the PostgreSQL work_mem for its hash joins and aggregates, e.g. "64MB") applies to them only
     */
    public MeasureEngine(JdbcClient jdbc, TransactionTemplate tx, String workMem, Computations computations,
                         WorkingCalendar calendar) {
        this(jdbc, tx, workMem, computations, calendar, (partnership, took) -> { });
    }

    /** As above, telling {@code timing} how long each {@link #compute(String, List, Period, int)} took. */
    public MeasureEngine(JdbcClient jdbc, TransactionTemplate tx, String workMem, Computations computations,
                         WorkingCalendar calendar, Timing timing) {
        this.timing = timing;
        this.jdbc = jdbc;
        this.snapshotTx = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()), tx);
        this.snapshotTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.workMem = workMem;
        this.computations = computations;
        this.calendar = calendar;
    }

    /**
     * Every measure in {@code measures} for {@code period} and the {@code trendLength - 1} periods
     * before it. The shared sources of facts (the heaviest queries: a million contacts with their
     * decisions) are read on a second connection while this one reads the other measures, so both
     * cores work; the second transaction imports this one's snapshot, so every figure is counted
     * from the same data.
     *
     * <p>Working days are only known for the calendar's covered years (bank-holidays.yml
     * {@code covers-years}). A measure that counts working or school days has no figures (0 of 0,
     * "not available") for a period, the asked one or one of its trend, that is not wholly inside
     * them: it is never computed with guessed holidays. The calendar tables stop at the covered
     * years' edges, so an event in a covered period whose other day falls outside them (an
     * assessment started in 2019, completed in 2020) has no working-day key and is counted as not
     * in time.
     */
    public List<MeasureResult> compute(String partnership, List<MeasureDefinition> measures, Period period,
                                       int trendLength) {
        long start = System.nanoTime();
        try {
            return snapshotTx.execute(status -> {
                applySettings();
                return computeInTransaction(partnership, measures, period, trendLength);
            });
        } finally {
            timing.computed(partnership, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void applySettings() {
        jdbc.sql("SELECT set_config('work_mem', :workMem, true)").param("workMem", workMem).query(String.class).single();
        // Every query aggregates a whole trend window: one index probe per row (a nested loop over
        // a million contacts) is never the cheap plan, but the planner picks it when it
        // underestimates a window. Hash joins instead (a contact measure at 200,000 contacts:
        // 1.6 s -> 0.9 s). Joins on ranges (snapshots' as_at) still loop, as they must.
        jdbc.sql("SELECT set_config('enable_nestloop', 'off', true)").query(String.class).single();
    }

    private List<MeasureResult> computeInTransaction(String partnership, List<MeasureDefinition> measures,
                                                     Period period, int trendLength) {
        List<Period> trend = period.trend(trendLength);
        LocalDate from = trend.get(0).start();
        LocalDate to = period.end();
        // Measures over a shared source of facts are read together: one query per source.
        Map<String, SharedFacts> shared = new LinkedHashMap<>();
        Map<MeasureDefinition, String> alone = new LinkedHashMap<>();
        for (MeasureDefinition m : measures) {
            if (computations.named(m.computation()) instanceof FactComputation facts) {
                shared.computeIfAbsent(facts.source(), SharedFacts::new).add(m, facts);
            } else {
                alone.put(m, computations.named(m.computation()).sql(m));
            }
        }
        List<String> sqls = Stream.concat(alone.values().stream(), shared.values().stream().map(SharedFacts::sql)).toList();
        CoveredYears covered = calendar.covered();
        Map<String, Object> params = calendarParameters(from, to, sqls.stream().anyMatch(MeasureEngine::usesWorkingDays),
                sqls.stream().anyMatch(MeasureEngine::usesSchoolDays));
        params.put("partnership", partnership);
        params.put("from", Date.valueOf(from));
        params.put("to", Date.valueOf(to));
        params.put("as_at", arrayLiteral(trend.stream().map(p -> p.lastDay().toString()).toList()));
        int population = jdbc.sql("SELECT child_population FROM partnership WHERE id = :partnership").param("partnership", partnership)
                .query(Integer.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("unknown partnership " + partnership));
        Callable<Map<MeasureDefinition, List<Row>>> readShared = () -> {
            Map<MeasureDefinition, List<Row>> rows = new HashMap<>();
            if (!shared.isEmpty()) {
                // A source's rows (a million contacts with their decisions) are worth reading with
                // parallel workers, but PostgreSQL's default costs (0.1 a tuple through the Gather,
                // 1000 to start) plan them serially: 7.6-8.8 s -> 5.2-6.3 s at 1M on 2 cores.
                jdbc.sql("SELECT set_config('parallel_tuple_cost', '0.01', true)").query(String.class).single();
                jdbc.sql("SELECT set_config('parallel_setup_cost', '10', true)").query(String.class).single();
            }
            shared.values().forEach(facts ->
                    rows.putAll(facts.rows(jdbc.sql(withCalendar(facts.sql()) + facts.sql()).params(params), from, to)));
            return rows;
        };
        Future<Map<MeasureDefinition, List<Row>>> sharedRows = shared.isEmpty() || alone.isEmpty()
                ? CompletableFuture.completedFuture(call(readShared)) : onSecondConnection(readShared);
        Map<MeasureDefinition, List<Row>> rows = new HashMap<>();
        alone.forEach((measure, sql) -> rows.put(measure, jdbc.sql(query(computations.named(measure.computation()), sql))
                .params(params).query(MeasureEngine::row).list()));
        rows.putAll(call(sharedRows::get));
        return measures.stream().map(measure -> new MeasureResult(measure, population, trend.stream()
                .map(p -> figures(p, measure, computations.named(measure.computation()),
                        covers(covered, p) || !countsCalendarDays(measure) ? rows.get(measure) : List.of())).toList()))
                .toList();
    }

    private static boolean covers(CoveredYears covered, Period period) {
        return covered.contains(period.start()) && covered.contains(period.lastDay());
    }

    /**
     * Whether the measure's own rule reads working-day keys or school-day starts: its SQL, or for a
     * shared source of facts the measure's condition and numerator (the source's key columns end
     * in {@code _key}, as in {@code measures.ContactFacts}).
     */
    private boolean countsCalendarDays(MeasureDefinition measure) {
        MeasureComputation computation = computations.named(measure.computation());
        String rule = computation instanceof FactComputation f ? f.counted() + " " + f.numerator(measure) : computation.sql(measure);
        return usesWorkingDays(rule) || usesSchoolDays(rule) || rule.matches("(?s).*\\w_key\\b.*");
    }

    /**
     * Runs {@code read} in a transaction of its own that sees exactly what the current one sees, and
     * works under the same limits: the first connection's {@code statement_timeout} and
     * {@code application_name} (a request's timeout, and the name by which its statements are
     * cancelled at shutdown), which the second thread, serving no request itself, would not have.
     */
    private <T> Future<T> onSecondConnection(Callable<T> read) {
        List<String> first = jdbc.sql("SELECT pg_export_snapshot(), current_setting('statement_timeout'), "
                + "current_setting('application_name')").query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                rs.getString(3))).single();
        String snapshot = first.get(0);
        return SECOND_CONNECTIONS.submit(() -> snapshotTx.execute(status -> {
            // The first statement of the transaction; the id comes from PostgreSQL (e.g. 00000003-0000001B-1).
            jdbc.sql("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'").update();
            jdbc.sql("SELECT set_config('statement_timeout', :timeout, true), set_config('application_name', :name, true)")
                    .param("timeout", first.get(1)).param("name", first.get(2)).query((rs, n) -> n).single();
            applySettings();
            return call(read);
        }));
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the scorecard", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a measure is counted: its computation from measures.yml. */
    public MeasureComputation computation(MeasureDefinition measure) {
        return computations.named(measure.computation());
    }

    public MeasureResult compute(String partnership, MeasureDefinition measure, Period period, int trendLength) {
        return compute(partnership, List.of(measure), period, trendLength).get(0);
    }

    /** A month (or, for snapshots, a day) of a measure with its drill-down categories (source-agency, team, category). */
    record Row(LocalDate bucket, Map<String, String> categories, long num, long den) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Map<String, String> categories = new java.util.HashMap<>();
        for (Map.Entry<String, String> d : DIMENSION_COLUMNS.entrySet()) {
            categories.put(d.getKey(), rs.getString(d.getValue()));
        }
        return new Row(rs.getDate("bucket").toLocalDate(), categories, rs.getLong("num"), rs.getLong("den"));
    }

    private static PeriodFigures figures(Period period, MeasureDefinition measure, MeasureComputation computation,
                                         List<Row> rows) {
        // Events: the months inside the period add up. Snapshots: the rows for the period's last day.
        List<Row> inPeriod = rows.stream().filter(r -> computation instanceof SnapshotComputation
                ? r.bucket().equals(period.lastDay()) : period.contains(r.bucket())).toList();
        Figure total = inPeriod.stream().map(r -> new Figure(r.num(), r.den())).reduce(Figure.ZERO, Figure::plus);
        Map<List<String>, Figure> cells = new LinkedHashMap<>();
        for (String dimension : measure.breakdowns()) {
            inPeriod.forEach(r -> cells.merge(List.of(dimension,
                            java.util.Objects.requireNonNullElse(r.categories().get(dimension), NOT_RECORDED)),
                    new Figure(r.num(), r.den()), Figure::plus));
        }
        return new PeriodFigures(period, total, cells.entrySet().stream()
                .map(e -> new Cell(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted(java.util.Comparator.comparing(Cell::dimension).thenComparing(Cell::category))
                .toList());
    }

    private static String query(MeasureComputation computation, String sql) {
        boolean snapshot = computation instanceof SnapshotComputation;
        String bucket = snapshot ? "day" : month("day");
        // One hash aggregate by month and every drill-down column (a few thousand groups at most);
        // totals and each drill-down are added up from it in Java.
        return withCalendar(sql) + """
                e AS (%s)
                SELECT %s AS bucket, agency, team, category, coalesce(sum(num), 0) AS num, coalesce(sum(den), 0) AS den
                FROM e WHERE %s
                GROUP BY 1, 2, 3, 4
                """.formatted(sql, bucket, snapshot ? "true" : "day >= :from AND day < :to");
    }

    /**
     * The first of the month of a local day. Truncating the date as a timestamp (no time zone): the
     * date alone would be cast to timestamptz in the session's time zone and back, twice the cost.
     */
    static String month(String day) {
        return "date_trunc('month', " + day + "::timestamp)::date";
    }

    /** "WITH" and the calendar tables {@code sql} uses, each followed by a comma. */
    private static String withCalendar(String sql) {
        StringJoiner with = new StringJoiner(",\n     ", "WITH ", ",\n     ");
        with.setEmptyValue("WITH ");
        // Only the calendar tables the computation uses: each is a few hundred to a few thousand rows.
        if (sql.matches("(?s).*\\bwd\\b.*")) {
            with.add("wd(day, k) AS (SELECT * FROM unnest(CAST(:wd_days AS date[]), CAST(:wd_keys AS int[])))");
        }
        if (usesSchoolDays(sql)) {
            with.add("school(day, same_day_start, next_start) AS (SELECT * FROM unnest(CAST(:school_days AS date[]), "
                    + "CAST(:school_same AS timestamptz[]), CAST(:school_next AS timestamptz[])))");
        }
        if (sql.matches("(?s).*\\bas_at\\b.*")) {
            with.add("as_at(day) AS (SELECT unnest(CAST(:as_at AS date[])))");
        }
        return with.toString();
    }

    /** Whether {@code sql} reads working days: the {@code wd} table or its arrays ({@code :wd_days}, {@code :wd_keys}). */
    private static boolean usesWorkingDays(String sql) {
        return sql.matches("(?s).*(\\bwd\\b|:wd_).*");
    }

    private static boolean usesSchoolDays(String sql) {
        return sql.matches("(?s).*\\bschool\\b.*");
    }

    /**
     * The working-day keys and school-day starts the computations join to, from the calendar. Keys
     * run from two years before the window (an assessment completed in the window may have started
     * long before) to a year after it, within the calendar's covered years.
     */
    private Map<String, Object> calendarParameters(LocalDate from, LocalDate to, boolean workingDays,
                                                   boolean schoolDays) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (workingDays) {
            params.putAll(cached("wd:" + from + ":" + to, p -> workingDayKeys(from, to, p)));
        }
        if (schoolDays) {
            params.putAll(cached("school:" + from + ":" + to, p -> schoolDayStarts(from, to, p)));
        }
        return params;
    }

    /** The calendar tables depend only on the window; the same few windows are asked for again and again. */
    private Map<String, Object> cached(String key, java.util.function.Consumer<Map<String, Object>> build) {
        synchronized (calendarTables) {
            return calendarTables.computeIfAbsent(key, k -> {
                Map<String, Object> p = new LinkedHashMap<>();
                build.accept(p);
                return p;
            });
        }
    }

    private void workingDayKeys(LocalDate from, LocalDate to, Map<String, Object> params) {
        List<String> days = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int working = 0;
        CoveredYears covered = calendar.covered();
        LocalDate first = max(from.minusYears(2), covered.firstDay());
        LocalDate end = min(to.plusYears(1), covered.lastDay().plusDays(1));
        for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
            boolean isWorking = calendar.isWorkingDay(day);
            working += isWorking ? 1 : 0;
            days.add(day.toString());
            keys.add(Integer.toString(2 * working + (isWorking ? 0 : 1)));
        }
        params.put("wd_days", arrayLiteral(days));
        params.put("wd_keys", arrayLiteral(keys));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private void schoolDayStarts(LocalDate from, LocalDate to, Map<String, Object> params) {
        List<String> schoolDays = new ArrayList<>();
        List<String> sameDay = new ArrayList<>();
        List<String> nextDay = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            schoolDays.add(day.toString());
            sameDay.add(schoolStart(calendar.startOfDay(day)));
            nextDay.add(schoolStart(calendar.startOfDay(day.plusDays(1)).minusNanos(1000)));
        }
        params.put("school_days", arrayLiteral(schoolDays));
        params.put("school_same", arrayLiteral(sameDay));
        params.put("school_next", arrayLiteral(nextDay));
    }

    /** The next school-day start, or NULL where no term dates (or bank holidays) are configured (such events are not counted). */
    private String schoolStart(Instant instant) {
        try {
            return calendar.startOfNextSchoolDay(instant).toString();
        } catch (OutsideCalendar noTermDates) {
            return "NULL";
        }
    }

    private static String arrayLiteral(List<String> items) {
        return items.stream().collect(Collectors.joining(",", "{", "}"));
    }
}
