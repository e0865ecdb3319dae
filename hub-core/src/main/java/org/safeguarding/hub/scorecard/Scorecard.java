package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.PublishedMeasure.BreakdownValue;
import org.safeguarding.hub.scorecard.PublishedMeasure.Earlier;
import org.safeguarding.hub.scorecard.PublishedMeasure.Value;
import org.safeguarding.hub.scorecard.ScorecardEntry.Change;
import org.safeguarding.hub.scorecard.ScorecardEntry.Revision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partnership's scorecard: live figures, and publications. A published period is frozen: what
 * was published is stored and served as it was; when late data changes a published period,
 * publishing it again stores a new version that says what changed (a revision), never a silent change.
 */
public class Scorecard {

    public static final int TREND_LENGTH = 8;
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

    public Scorecard(JdbcClient jdbc, MeasureCatalogue catalogue, MeasureEngine engine, Commentary commentary,
                     Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.engine = engine;
        this.commentary = commentary;
        this.clock = clock;
    }

    public MeasureCatalogue catalogue() {
        return catalogue;
    }

    /**
     * The scorecard for a period. Disclosure-controlled: the latest published version where the
     * period is published, otherwise live figures protected against every earlier publication.
     * Not controlled (MASH staff): live, unrounded figures.
     */
    public List<ScorecardEntry> view(String partnership, Period period, boolean disclosureControlled) {
        Map<String, List<Comment>> comments = commentary.forPeriod(partnership, period);
        Map<String, Stored> published = disclosureControlled ? latest(partnership, period) : Map.of();
        List<MeasureDefinition> toCompute = catalogue.measures().stream()
                .filter(m -> !published.containsKey(m.id())).toList();
        Map<String, MeasureResult> live = new LinkedHashMap<>();
        if (!toCompute.isEmpty()) {
            engine.compute(partnership, toCompute, period, TREND_LENGTH).forEach(r -> live.put(r.measure().id(), r));
        }
        List<ScorecardEntry> entries = new ArrayList<>();
        for (MeasureDefinition m : catalogue.measures()) {
            List<Comment> notes = comments.getOrDefault(m.id(), List.of());
            Stored stored = published.get(m.id());
            if (stored != null) {
                entries.add(entry(m, stored, notes));
            } else {
                MeasureResult result = live.get(m.id());
                PublishedMeasure figures = disclosureControlled
                        ? PublishedMeasure.disclosed(result, control(), earlier(partnership, m.id(), period))
                        : PublishedMeasure.unsuppressed(result);
                entries.add(new ScorecardEntry(m, figures, null, null, null, notes));
            }
        }
        return entries;
    }

    /**
     * Freezes the disclosure-controlled figures of every measure for a period: version 1 the first
     * time, a new version (a revision, with what changed) when the figures have changed since,
     * nothing new when they have not. Returns the latest version of each measure.
     */
    @Transactional
    public List<ScorecardEntry> publish(String partnership, Period period) {
        // PostgreSQL keeps microseconds: the published-at given back now is the one read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Stored> before = latest(partnership, period);
        Map<String, List<Comment>> comments = commentary.forPeriod(partnership, period);
        List<ScorecardEntry> entries = new ArrayList<>();
        for (MeasureResult result : engine.compute(partnership, catalogue.measures(), period, TREND_LENGTH)) {
            MeasureDefinition m = result.measure();
            Stored previous = before.get(m.id());
            PublishedMeasure figures = PublishedMeasure.disclosed(result, control(), earlier(partnership, m.id(), period));
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
                            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                    .params(partnership, m.id(), period.label(), version, Timestamp.from(now),
                            JSON.writeValueAsString(Map.of("counts", figures.counts(), "suppressed", figures.suppressedCells())),
                            JSON.writeValueAsString(frozen))
                    .update();
            entries.add(new ScorecardEntry(m, figures, version, now, revision, comments.getOrDefault(m.id(), List.of())));
        }
        return entries;
    }

    /** True when {@code period} has been published for the partnership. */
    public boolean isPublished(String partnership, Period period) {
        return jdbc.sql("SELECT count(*) FROM scorecard_publication WHERE partnership_id = ? AND period = ?")
                .params(partnership, period.label()).query(Long.class).single() > 0;
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
                        FROM scorecard_publication WHERE partnership_id = ? AND period = ?
                        ORDER BY measure_id, version DESC""")
                .params(partnership, period.label())
                .query((rs, n) -> stored(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)))
                .list().forEach(s -> latest.put(s.measureId(), s));
        return latest;
    }

    /** Every publication of the measure for the periods of this period's trend: what readers already hold. */
    private List<Earlier> earlier(String partnership, String measureId, Period period) {
        List<String> labels = period.trend(TREND_LENGTH).stream().map(Period::label).toList();
        return jdbc.sql("""
                        SELECT measure_id, period, version, published_at, counts, published FROM scorecard_publication
                        WHERE partnership_id = :partnership AND measure_id = :measure AND period IN (:periods)
                        ORDER BY period, version""")
                .param("partnership", partnership).param("measure", measureId).param("periods", labels)
                .query((rs, n) -> stored(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)))
                .list().stream().map(s -> new Earlier(s.counts(), s.suppressed())).toList();
    }

    private static Stored stored(String measureId, String period, int version, Instant at, String counts,
                                 String published) {
        Map<String, Map<String, Object>> c = JSON.readValue(counts, new TypeReference<>() { });
        Map<String, Long> numbers = new LinkedHashMap<>();
        c.get("counts").forEach((k, v) -> numbers.put(k, ((Number) v).longValue()));
        Map<String, Boolean> suppressed = new LinkedHashMap<>();
        c.get("suppressed").forEach((k, v) -> suppressed.put(k, (Boolean) v));
        return new Stored(measureId, period, version, at, numbers, suppressed, JSON.readValue(published, Frozen.class));
    }
}
