package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.scorecard.PublishedMeasure.BreakdownValue;
import org.safeguarding.hub.scorecard.PublishedMeasure.Earlier;
import org.safeguarding.hub.scorecard.PublishedMeasure.Value;
import org.safeguarding.hub.scorecard.ScorecardEntry.Change;
import org.safeguarding.hub.scorecard.ScorecardEntry.Revision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The partnership's scorecard: live figures, and publications. A published period is frozen: what
 * was published is stored and served as it was; when late data changes a published period,
 * publishing it again stores a new version that says what changed (a revision), never a silent change.
 */
public class Scorecard {

    public static final int TREND_LENGTH = 8;
    private static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(Scorecard.class);
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** What is stored of a published measure besides its counts. */
    record Frozen(List<Value> trend, List<BreakdownValue> breakdown, Rag rag, Direction direction, Revision revision) {
    }

    private record Stored(String measureId, String period, int version, Instant publishedAt,
                          Map<String, Long> counts, Map<String, Boolean> suppressed, Frozen frozen) {
    }

    private final JdbcClient jdbc;
    private final MeasureCatalogue catalogue;
    private final MeasureEngine engine;
    private final Commentary commentary;
    private final Clock clock;
    private final TransactionTemplate publishing;

    /** {@code transactions}: the hub's; publications run in a repeatable-read copy of it (one snapshot). */
    public Scorecard(JdbcClient jdbc, MeasureCatalogue catalogue, MeasureEngine engine, Commentary commentary,
                     Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.publishing = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.publishing.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.catalogue = catalogue;
        this.engine = engine;
        this.commentary = commentary;
        this.clock = clock;
    }

    public MeasureCatalogue catalogue() {
        return catalogue;
    }

    /**
     * The scorecard for a period. Disclosure-controlled: the latest published version of each measure;
     * figures leave the MASH only as publications, each audited against everything published before
     * it (a live controlled view would change with every record and could be differenced over time).
     * Not controlled (MASH staff): live, unrounded figures.
     *
     * @throws PeriodNotPublished when a controlled view is asked for a period not published yet
     */
    public List<ScorecardEntry> view(String partnership, Period period, boolean disclosureControlled) {
        Map<String, List<Comment>> comments = commentary.forPeriod(partnership, period);
        List<ScorecardEntry> entries = new ArrayList<>();
        if (disclosureControlled) {
            Map<String, Stored> published = latest(partnership, period);
            if (published.isEmpty()) {
                throw new PeriodNotPublished(partnership, period);
            }
            for (MeasureDefinition m : catalogue.measures()) {
                Stored stored = published.get(m.id());
                if (stored != null) {
                    entries.add(entry(m, stored, comments.getOrDefault(m.id(), List.of())));
                }
            }
            return entries;
        }
        for (MeasureResult result : engine.compute(partnership, catalogue.measures(), period, TREND_LENGTH)) {
            entries.add(new ScorecardEntry(result.measure(), PublishedMeasure.unsuppressed(result), null, null, null,
                    comments.getOrDefault(result.measure().id(), List.of())));
        }
        return entries;
    }

    /**
     * Freezes the disclosure-controlled figures of every measure for a period: version 1 the first
     * time, a new version (a revision, with what changed) when the figures have changed since,
     * nothing new when they have not. Returns the latest version of each measure.
     */
    public List<ScorecardEntry> publish(String partnership, Period period) {
        for (int attempt = 1; ; attempt++) {
            try {
                return publishing.execute(status -> publishOnce(partnership, period));
            } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
                // Two publications of one partnership at once (the scheduled round and a lead's, or the
                // demo's): both read "no version yet" in their snapshots and the second one's insert meets
                // the first one's row. Published again, it sees that version and adds one only if the
                // figures differ. Inside a caller's transaction (the round, with its outbox message) the
                // whole transaction is lost, so the caller's next round publishes it.
                if (attempt == MAX_ATTEMPTS || TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw raced;
                }
                log.info("{} {}: another publication was stored meanwhile; publishing again (attempt {})",
                        partnership, period.label(), attempt + 1);
            }
        }
    }

    private List<ScorecardEntry> publishOnce(String partnership, Period period) {
        // PostgreSQL keeps microseconds: the published-at given back now is the one read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Stored> before = latest(partnership, period);
        Map<String, List<Comment>> comments = commentary.forPeriod(partnership, period);
        List<MeasureResult> results = engine.compute(partnership, catalogue.measures(), period, TREND_LENGTH);
        long auditStart = System.nanoTime();
        Release release = release(partnership, results);
        Map<String, PublishedMeasure> audited = new PublicationAudit(engine, control()).protect(partnership, period,
                results.stream().map(r -> new PublicationAudit.Input(r, earlier(partnership, r.measure().id(), period),
                        release.held().getOrDefault(r.measure().id(), List.of()))).toList(), release.monthly());
        List<ScorecardEntry> entries = new ArrayList<>();
        for (MeasureResult result : results) {
            MeasureDefinition m = result.measure();
            Stored previous = before.get(m.id());
            PublishedMeasure figures = audited.get(m.id());
            List<Change> changes = previous == null ? List.of() : changes(previous, figures);
            if (previous != null && changes.isEmpty() && previous.counts().equals(figures.counts())) {
                entries.add(entry(m, previous, comments.getOrDefault(m.id(), List.of())));
                continue;
            }
            int version = previous == null ? 1 : previous.version() + 1;
            Revision revision = previous == null ? null : new Revision(previous.version(), changes);
            Frozen frozen = new Frozen(figures.trend(), figures.breakdown(), figures.rag(), figures.direction(), revision);
            jdbc.sql("""
                            INSERT INTO scorecard_publication (partnership_id, measure_id, period, version, published_at,
                                                               counts, published)
                            VALUES (:partnership, :measure, :period, :version, :publishedAt, :counts::jsonb,
                                    :published::jsonb)""")
                    .param("partnership", partnership).param("measure", m.id()).param("period", period.label())
                    .param("version", version).param("publishedAt", SqlTime.utc(now))
                    .param("counts", JSON.writeValueAsString(
                            Map.of("counts", figures.counts(), "suppressed", figures.suppressedCells())))
                    .param("published", JSON.writeValueAsString(frozen))
                    .update();
            entries.add(new ScorecardEntry(m, figures, version, now, revision, comments.getOrDefault(m.id(), List.of())));
        }
        log.info("{} {}: published {} measure(s) after the release audit, {} ms", partnership, period.label(),
                entries.size(), (System.nanoTime() - auditStart) / 1_000_000);
        return entries;
    }

    /** Everything already published for the partnership, and the present monthly counts it is made of. */
    private record Release(Map<String, List<ReleaseAudit.Released>> held, Map<String, MeasureResult> monthly) {
    }

    /**
     * The release so far, by measure: every stored version's cells as readers saw them (a shown
     * count is the rounded true count: the rule is deterministic), and the present counts of every
     * month those cells and the new publication's are made of, read in this transaction's snapshot.
     */
    private Release release(String partnership, List<MeasureResult> results) {
        Map<String, List<ReleaseAudit.Released>> held = new LinkedHashMap<>();
        DisclosureRule rule = catalogue.disclosureRule();
        YearMonth first = YearMonth.from(results.get(0).trend().get(0).period().start());
        YearMonth last = YearMonth.from(results.get(0).current().period().lastDay());
        for (Stored s : allPublished(partnership)) {
            String publication = s.period() + " v" + s.version();
            for (Map.Entry<String, Long> c : s.counts().entrySet()) {
                boolean hidden = Boolean.TRUE.equals(s.suppressed().get(c.getKey()));
                held.computeIfAbsent(s.measureId(), k -> new ArrayList<>()).add(new ReleaseAudit.Released(publication,
                        c.getKey(), c.getValue(), hidden ? OptionalLong.empty() : OptionalLong.of(rule.round(c.getValue()))));
                Period p = Period.parse(c.getKey().split("\\|", 3)[1]);
                first = first.isAfter(YearMonth.from(p.start())) ? YearMonth.from(p.start()) : first;
                last = last.isBefore(YearMonth.from(p.lastDay())) ? YearMonth.from(p.lastDay()) : last;
            }
        }
        int months = (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        Map<String, MeasureResult> monthly = new LinkedHashMap<>();
        engine.compute(partnership, catalogue.measures(), Period.month(last), months)
                .forEach(r -> monthly.put(r.measure().id(), r));
        return new Release(held, monthly);
    }

    /** The labels of every period published for the partnership, latest period end first (months before quarters ending the same day). */
    public List<Period> publishedPeriods(String partnership) {
        return jdbc.sql("SELECT DISTINCT period FROM scorecard_publication WHERE partnership_id = :partnership")
                .param("partnership", partnership).query(String.class).list().stream().map(Period::parse)
                .sorted(java.util.Comparator.comparing(Period::end).reversed()
                        .thenComparing(p -> p.type().months()))
                .toList();
    }

    /** True when {@code period} has been published for the partnership. */
    public boolean isPublished(String partnership, Period period) {
        return jdbc.sql("SELECT count(*) FROM scorecard_publication WHERE partnership_id = :partnership AND period = :period")
                .param("partnership", partnership).param("period", period.label()).query(Long.class).single() > 0;
    }

    private DisclosureControl control() {
        return new DisclosureControl(catalogue.disclosureRule());
    }

    private ScorecardEntry entry(MeasureDefinition m, Stored s, List<Comment> notes) {
        PublishedMeasure figures = new PublishedMeasure(m, s.period(), true, s.frozen().trend(), s.frozen().breakdown(),
                s.frozen().rag(), s.frozen().direction(), s.counts(), s.suppressed());
        return new ScorecardEntry(m, figures, s.version(), s.publishedAt(), s.frozen().revision(), notes);
    }

    /** Published cells whose shown value differs between the stored version and the new figures. */
    private static List<Change> changes(Stored previous, PublishedMeasure now) {
        Map<String, String> before = shownCells(previous.frozen().trend(), previous.frozen().breakdown());
        Map<String, String> after = shownCells(now.trend(), now.breakdown());
        List<Change> changes = new ArrayList<>();
        after.forEach((cell, value) -> {
            if (!Objects.equals(before.get(cell), value)) {
                changes.add(new Change(cell, before.get(cell), value));
            }
        });
        return changes;
    }

    private static Map<String, String> shownCells(List<Value> trend, List<BreakdownValue> breakdown) {
        Map<String, String> cells = new LinkedHashMap<>();
        trend.forEach(v -> {
            cells.put(v.period() + " numerator", v.numerator());
            if (v.denominator() != null) {
                cells.put(v.period() + " denominator", v.denominator());
            }
        });
        breakdown.forEach(b -> {
            cells.put(b.dimension() + " " + b.category() + " numerator", b.numerator());
            if (b.denominator() != null) {
                cells.put(b.dimension() + " " + b.category() + " denominator", b.denominator());
            }
        });
        return cells;
    }

    /** The latest version of each measure published for the period. */
    private Map<String, Stored> latest(String partnership, Period period) {
        Map<String, Stored> latest = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (measure_id) measure_id, period, version, published_at, counts, published
                        FROM scorecard_publication WHERE partnership_id = :partnership AND period = :period
                        ORDER BY measure_id, version DESC""")
                .param("partnership", partnership).param("period", period.label())
                .query(Scorecard::stored)
                .list().forEach(s -> latest.put(s.measureId(), s));
        return latest;
    }

    /** Every version of every measure ever published for the partnership. */
    private List<Stored> allPublished(String partnership) {
        return jdbc.sql("""
                        SELECT measure_id, period, version, published_at, counts, published FROM scorecard_publication
                        WHERE partnership_id = :partnership ORDER BY measure_id, period, version""")
                .param("partnership", partnership)
                .query(Scorecard::stored)
                .list();
    }

    /** Every publication of the measure for the periods of this period's trend: what readers already hold. */
    private List<Earlier> earlier(String partnership, String measureId, Period period) {
        List<String> labels = period.trend(TREND_LENGTH).stream().map(Period::label).toList();
        return jdbc.sql("""
                        SELECT measure_id, period, version, published_at, counts, published FROM scorecard_publication
                        WHERE partnership_id = :partnership AND measure_id = :measure AND period IN (:periods)
                        ORDER BY period, version""")
                .param("partnership", partnership).param("measure", measureId).param("periods", labels)
                .query(Scorecard::stored)
                .list().stream().map(s -> new Earlier(s.counts(), s.suppressed())).toList();
    }

    /** A row of {@code measure_id, period, version, published_at, counts, published}. */
    private static Stored stored(ResultSet rs, int row) throws SQLException {
        Map<String, Map<String, Object>> c = JSON.readValue(rs.getString("counts"), new TypeReference<>() { });
        Map<String, Long> numbers = new LinkedHashMap<>();
        c.get("counts").forEach((k, v) -> numbers.put(k, ((Number) v).longValue()));
        Map<String, Boolean> suppressed = new LinkedHashMap<>();
        c.get("suppressed").forEach((k, v) -> suppressed.put(k, (Boolean) v));
        return new Stored(rs.getString("measure_id"), rs.getString("period"), rs.getInt("version"),
                SqlTime.instant(rs, "published_at"), numbers, suppressed, JSON.readValue(rs.getString("published"), Frozen.class));
    }
}
