package org.safeguarding.hub.scorecard.disclosure;

import org.apache.commons.csv.CSVRecord;
import org.safeguarding.hub.scorecard.ExcelCsv;
import org.safeguarding.hub.scorecard.measures.ShippedComputations;
import org.safeguarding.hub.scorecard.Computations;
import org.safeguarding.hub.scorecard.Period;
import org.safeguarding.hub.scorecard.PeriodType;
import org.safeguarding.hub.scorecard.SnapshotComputation;
import org.safeguarding.hub.scorecard.disclosure.ReleaseAttacker.Combination;
import org.safeguarding.hub.scorecard.disclosure.ReleaseAttacker.Kind;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything a partnership viewer can get over HTTP, as observations for {@link ReleaseAttacker}.
 * For every period label asked for (a label answering 4xx is simply not available to the viewer):
 * the JSON scorecard (each measure's 8-period trend and the drill-down of the period), the CSV and
 * the FHIR Bundle, which must agree (disagreements are kept in {@link #disagreements()}). The true
 * figures come from the same labels read by a MASH lead with {@code ?view=unsuppressed}.
 *
 * <p>The relations a careful viewer writes from the public measure definitions
 * ({@code GET /api/v1/scorecard/{p}/measures}, config/hub/measures.yml):
 * <ul>
 * <li>the unknowns are monthly atoms per series and drill-down cell: a series is a computation with
 *     its parameters and its numerator or denominator, so two measures with the same computation
 *     (contacts received as a count and as a rate) share atoms; from hub-core's PathwaySteps and
 *     CpPlansSecondOrSubsequent, section 47s per referral and ICPCs per section 47 divide the
 *     referrals, section-47-enquiries and icpcs series, and second plans' denominator is the
 *     cp-plans-started series ({@link #ALIASES});</li>
 * <li>an event measure's quarter or rolling 12 months is the sum of its months; a snapshot measure's
 *     (a {@link SnapshotComputation}) is its last month's;</li>
 * <li>each month's drill-down cells add up to its total, per dimension; a category a period's
 *     drill-down lacks had none in it;</li>
 * <li>shown counts, rates and percentages as in {@link ReleaseAttacker#shownCount},
 *     {@link ReleaseAttacker#shownRate} (at the precision shown) and {@link ReleaseAttacker#shownPercent};
 *     a count measure's {@code value} is a shown count too (exact when it is no multiple of 5);</li>
 * <li>a percentage's numerator is a subset of its denominator's events (numerator <= denominator
 *     each month) except where it divides two different pathway steps ({@link #NOT_SUBSETS});
 *     the complement, denominator minus numerator, is a target;</li>
 * <li>versions: what a label showed when first seen at one version is a state of the data of its
 *     own (atoms prefixed by the round that first saw it); the same cell in two states is linked by a
 *     difference target.</li>
 * </ul>
 * Targets: every suppressed count, every rounded count (a shown 0 is exact by the rule), every
 * complement and every version difference, with its true value.
 */
public final class ViewerHarvest {

    /** Percent measures that divide two different pathway steps (PathwaySteps): no subset, no complement. */
    static final Set<String> NOT_SUBSETS = Set.of("referral-conversion-to-section-47", "icpcs-per-section-47");
    /** "computation|part" counted by the same rows as another series (hub-core PathwaySteps, CpPlansSecondOrSubsequent). */
    static final Map<String, String> ALIASES = Map.of(
            "referral-conversion-to-section-47|num", "section-47-enquiries|num",
            "referral-conversion-to-section-47|den", "referrals|num",
            "icpcs-per-section-47|num", "icpcs|num",
            "icpcs-per-section-47|den", "section-47-enquiries|num",
            "cp-plans-second-or-subsequent|den", "cp-plans-started|num");

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A measure as the public definitions describe it. */
    record Measure(String id, String unit, String series, boolean snapshot, boolean subset) {
        boolean percent() {
            return unit.equals("percent");
        }
    }

    /** One figure as shown (or, from the lead's read, as it is): a period's total or a drill-down cell. */
    record Figure(String measure, String period, String dimension, String category, String numerator,
                  String denominator, BigDecimal value) {
        String cell() {
            return measure + "|" + period + "|" + (dimension == null ? "total" : dimension + "|" + category);
        }
    }

    /** What one label answered in one round. */
    private record Read(int round, String label, Map<String, Integer> stateOfMeasure, List<Figure> shown,
                        Map<String, Figure> truth, Map<String, JsonNode> revisions) {
    }

    private final String baseUrl;
    private final String partnership;
    private final Supplier<String> viewer;
    private final Supplier<String> lead;
    private final long population;
    private final Map<String, Measure> measures = new LinkedHashMap<>();
    private final Map<String, Integer> states = new LinkedHashMap<>();
    private final List<Read> reads = new ArrayList<>();
    private final List<String> disagreements = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();
    private int round;
    private int requests;

    /**
     * @param viewer     mints a partnership-viewer token (tokens are short-lived)
     * @param lead       mints a MASH lead's token, for the true figures
     * @param population the partnership's child population (public: the mid-year estimate)
     */
    public ViewerHarvest(String baseUrl, String partnership, Supplier<String> viewer, Supplier<String> lead, long population) {
        this.baseUrl = baseUrl;
        this.partnership = partnership;
        this.viewer = viewer;
        this.lead = lead;
        this.population = population;
    }

    /** Every month, financial quarter and rolling-12-months label from {@code first} to {@code last}, oldest first. */
    public static List<String> labels(YearMonth first, YearMonth last) {
        Set<String> labels = new LinkedHashSet<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            labels.add(m.toString());
            labels.add(Period.containing(PeriodType.QUARTER, m.atDay(1)).label());
            labels.add(Period.rolling12Months(m).label());
        }
        return List.copyOf(labels);
    }

    /**
     * The labels whose figures can differ from a label already read, given the months that hold data
     * (up to {@code last}): each such month, each quarter holding one, and each rolling 12 months that
     * gains or loses one (ending in such a month or 12 months after). Any other label shows figures
     * another label shows (a month or quarter without data shows 0s, which the trends of the labels
     * read show too; a rolling 12 months that gains and loses nothing equals the one before it).
     * Reading every label from the first month with data to today gives the attacker nothing more and
     * costs one scorecard computation per label (about 1 s each on 2 busy cores).
     */
    public static List<String> labelsOver(Set<YearMonth> dataMonths, YearMonth last) {
        Set<String> labels = new TreeSet<>(java.util.Comparator.comparing((String l) -> Period.parse(l).end())
                .thenComparing(l -> Period.parse(l).type()));
        for (YearMonth m : dataMonths) {
            if (!m.isAfter(last)) {
                labels.add(m.toString());
                labels.add(Period.containing(PeriodType.QUARTER, m.atDay(1)).label());
                labels.add(Period.rolling12Months(m).label());
            }
            if (!m.plusMonths(12).isAfter(last)) {
                labels.add(Period.rolling12Months(m.plusMonths(12)).label());
            }
        }
        return List.copyOf(labels);
    }

    /** Closed labels only: those a MASH lead may publish on {@code today}. */
    public static List<String> closed(List<String> labels, LocalDate today) {
        return labels.stream().filter(l -> Period.parse(l).isClosedOn(today)).toList();
    }

    /** Reads every label as the viewer (JSON, CSV, FHIR) and as the lead (unsuppressed JSON): one round. */
    public void harvest(List<String> labels) {
        if (measures.isEmpty()) {
            readMeasures();
        }
        round++;
        for (String label : labels) {
            String path = "/api/v1/scorecard/" + partnership + "/" + label;
            HttpResponse<String> json = get(path, viewer.get());
            if (json.statusCode() >= 400 && json.statusCode() < 500) {
                unavailable.add(label);
                continue;
            }
            check(json, path);
            JsonNode body = JSON.readTree(json.body());
            Map<String, Integer> stateOfMeasure = new LinkedHashMap<>();
            List<Figure> shown = new ArrayList<>();
            Map<String, JsonNode> revisions = new LinkedHashMap<>();
            for (JsonNode m : body.get("measures")) {
                String id = m.get("id").asString();
                JsonNode version = m.get("version");
                String state = label + "#" + id + "#" + (version == null || version.isNull() ? "live@" + round : version.asString());
                stateOfMeasure.put(id, states.computeIfAbsent(state, s -> round));
                shown.addAll(figures(m, label));
                JsonNode revision = m.get("revision");
                if (revision != null && !revision.isNull()) {
                    revisions.put(id, revision);
                }
            }
            HttpResponse<String> truth = get(path + "?view=unsuppressed", lead.get());
            check(truth, path + "?view=unsuppressed");
            Map<String, Figure> truthByCell = new LinkedHashMap<>();
            for (JsonNode m : JSON.readTree(truth.body()).get("measures")) {
                figures(m, label).forEach(f -> truthByCell.put(f.cell(), f));
            }
            compareCsv(label, shown, get(path + "/csv", viewer.get()));
            compareFhir(label, shown, get(path + "/fhir", viewer.get()));
            reads.add(new Read(round, label, stateOfMeasure, shown, truthByCell, revisions));
        }
    }

    public int requests() {
        return requests;
    }

    public List<String> unavailable() {
        return unavailable;
    }

    /** Every finding (leaks first) and disagreement, for reading after a run: {@code file} is overwritten. */
    public static void write(java.nio.file.Path file, ReleaseAttacker.Report report, ViewerHarvest harvest) {
        List<String> lines = new ArrayList<>();
        lines.add(report + "; " + harvest.requests() + " requests; unavailable " + harvest.unavailable());
        report.leaks().forEach(l -> lines.add("LEAK " + l));
        harvest.disagreements().forEach(d -> lines.add("DISAGREE " + d));
        report.findings().stream().filter(f -> !f.leak()).forEach(f -> lines.add("safe " + f));
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            java.nio.file.Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the JSON, the CSV and the FHIR Bundle of the same label disagree. */
    public List<String> disagreements() {
        return disagreements;
    }

    /** The attacker's system: every observation and target of every round. */
    public ReleaseAttacker attacker() {
        ReleaseAttacker a = new ReleaseAttacker();
        Set<String> observed = new java.util.HashSet<>();
        Map<String, Set<String>> categories = new TreeMap<>();           // state|series|dimension -> categories
        Map<String, Set<String>> monthsWithCells = new TreeMap<>();      // state|series|dimension -> months
        Map<String, Long> targeted = new LinkedHashMap<>();
        Map<String, Map<Integer, Object[]>> byCellAndState = new LinkedHashMap<>();
        for (Read read : reads) {
            for (Figure f : read.shown()) {
                Measure m = measures.get(f.measure());
                int state = read.stateOfMeasure().get(f.measure());
                Figure truth = read.truth().get(f.cell());
                String source = read.label() + " " + f.cell();
                Combination num = combination(state, m, "num", f);
                Combination den = m.percent() ? combination(state, m, "den", f) : null;
                if (!observed.add(state + "|" + f + "|" + m.series())) {
                    continue;
                }
                shown(a, source, m, f, num, den);
                if (f.dimension() != null) {
                    for (String part : m.percent() ? List.of("num", "den") : List.of("num")) {
                        String key = state + "|" + series(m, part) + "|" + f.dimension();
                        categories.computeIfAbsent(key, k -> new TreeSet<>()).add(f.category());
                        monthsWithCells.computeIfAbsent(key, k -> new TreeSet<>()).addAll(months(m, f.period()));
                    }
                }
                if (m.subset()) {
                    for (String month : months(m, f.period())) {
                        String n = atom(state, series(m, "num"), month, f.dimension(), f.category());
                        String d = atom(state, series(m, "den"), month, f.dimension(), f.category());
                        if (observed.add("subset|" + n)) {
                            a.observe("numerator within denominator " + n, Combination.of(d).minus(Combination.of(n)), 0,
                                    Double.POSITIVE_INFINITY);
                        }
                    }
                }
                if (truth == null) {
                    disagreements.add(read.label() + ": the lead's read has no " + f.cell());
                    continue;
                }
                target(a, targeted, state + " " + source + " numerator", num, f.numerator(), truth.numerator());
                if (den != null) {
                    target(a, targeted, state + " " + source + " denominator", den, f.denominator(), truth.denominator());
                    if (m.subset()) {
                        addTarget(a, targeted, state + " " + source + " complement", den.minus(num),
                                Long.parseLong(truth.denominator()) - Long.parseLong(truth.numerator()), Kind.COMPLEMENT);
                    }
                }
                String cellOfSeries = m.series() + "|" + f.period() + "|" + f.dimension() + "|" + f.category();
                byCellAndState.computeIfAbsent(cellOfSeries, k -> new TreeMap<>())
                        .putIfAbsent(state, new Object[] {num, Long.parseLong(truth.numerator()), den,
                                truth.denominator() == null ? null : Long.parseLong(truth.denominator())});
            }
        }
        breakdownRelations(a, categories, monthsWithCells);
        versionDifferences(a, targeted, byCellAndState);
        return a;
    }

    private void shown(ReleaseAttacker a, String source, Measure m, Figure f, Combination num, Combination den) {
        a.shownCount(source + " numerator", num, f.numerator());
        if (den != null) {
            a.shownCount(source + " denominator", den, f.denominator());
        }
        if (f.value() == null || fromShownCounts(m, f)) {
            // The published statement says values are worked out from the shown counts: a value that is
            // exactly that tells nothing more. Any other value is read as what it says of the true counts.
            return;
        }
        double half = 0.5 * Math.pow(10, -Math.max(0, f.value().scale()));
        switch (m.unit()) {
            case "count" -> {
                long v = f.value().longValueExact();
                if (v % 5 != 0) {
                    a.exactly(source + " value (not rounded)", num, v);
                } else {
                    a.shownCount(source + " value", num, Long.toString(v));
                }
            }
            case "rate-per-10000" -> a.observe(source + " rate", num, (f.value().doubleValue() - half) * population / 10_000,
                    (f.value().doubleValue() + half) * population / 10_000);
            case "percent" -> {
                double p = f.value().doubleValue();
                a.observe(source + " percent (low)", num.minus(den.times((p - half) / 100)), 0, Double.POSITIVE_INFINITY);
                a.observe(source + " percent (high)", num.minus(den.times((p + half) / 100)), Double.NEGATIVE_INFINITY, 0);
            }
            default -> throw new IllegalStateException("unit " + m.unit() + " of " + m.id());
        }
    }

    /** Whether the value is the one the shown counts give (one decimal, halves up), as the rule states. */
    private boolean fromShownCounts(Measure m, Figure f) {
        if (!f.numerator().matches("\\d+") || (m.percent() && (f.denominator() == null || !f.denominator().matches("\\d+")))) {
            return false;
        }
        java.math.BigDecimal num = new java.math.BigDecimal(f.numerator());
        java.math.BigDecimal expected = switch (m.unit()) {
            case "count" -> num;
            case "rate-per-10000" -> num.multiply(java.math.BigDecimal.valueOf(10_000))
                    .divide(java.math.BigDecimal.valueOf(population), 1, java.math.RoundingMode.HALF_UP);
            case "percent" -> new java.math.BigDecimal(f.denominator()).signum() == 0 ? null
                    : num.multiply(java.math.BigDecimal.valueOf(100))
                    .divide(new java.math.BigDecimal(f.denominator()), 1, java.math.RoundingMode.HALF_UP);
            default -> null;
        };
        return expected != null && expected.compareTo(f.value()) == 0;
    }

    private static void target(ReleaseAttacker a, Map<String, Long> targeted, String name, Combination c, String shown,
                               String truth) {
        if (shown == null || shown.equals("0")) {
            return;                                    // no denominator, or shown exactly by the rule
        }
        addTarget(a, targeted, name, c, Long.parseLong(truth), shown.equals("c") ? Kind.SUPPRESSED : Kind.ROUNDED);
    }

    private static void addTarget(ReleaseAttacker a, Map<String, Long> targeted, String name, Combination c, long truth,
                                  Kind kind) {
        String key = kind + " " + c.terms();
        if (!targeted.containsKey(key)) {
            targeted.put(key, truth);
            a.target(name, c, truth, kind);
        }
    }

    /** Each month's cells add up to its total per dimension; a category a period's drill-down lacks had none. */
    private void breakdownRelations(ReleaseAttacker a, Map<String, Set<String>> categories, Map<String, Set<String>> months) {
        categories.forEach((key, cats) -> {
            String[] k = key.split("\\|", 3);
            int state = Integer.parseInt(k[0]);
            String series = k[1];
            String dimension = k[2];
            for (String month : months.get(key)) {
                Combination cells = Combination.sum(cats.stream().map(c -> atom(state, series, month, dimension, c)).toList());
                a.exactly("cells of " + dimension + " add up, " + series + " " + month,
                        cells.minus(Combination.of(atom(state, series, month, null, null))), 0);
            }
        });
        for (Read read : reads) {
            Map<String, Set<String>> present = new TreeMap<>();
            for (Figure f : read.shown()) {
                if (f.dimension() != null) {
                    present.computeIfAbsent(f.measure() + "|" + f.dimension(), x -> new TreeSet<>()).add(f.category());
                }
            }
            present.forEach((md, cats) -> {
                String[] k = md.split("\\|", 2);
                Measure m = measures.get(k[0]);
                int state = read.stateOfMeasure().get(m.id());
                for (String part : m.percent() ? List.of("num", "den") : List.of("num")) {
                    Set<String> all = categories.getOrDefault(state + "|" + series(m, part) + "|" + k[1], Set.of());
                    for (String missing : all) {
                        if (!cats.contains(missing)) {
                            a.exactly(read.label() + " has no " + k[1] + " " + missing, Combination.sum(months(m, read.label())
                                    .stream().map(mo -> atom(state, series(m, part), mo, k[1], missing)).toList()), 0);
                        }
                    }
                }
            });
        }
    }

    private static void versionDifferences(ReleaseAttacker a, Map<String, Long> targeted,
                                           Map<String, Map<Integer, Object[]>> byCellAndState) {
        byCellAndState.forEach((cell, byState) -> {
            List<Integer> seen = List.copyOf(byState.keySet());
            for (int i = 1; i < seen.size(); i++) {
                Object[] before = byState.get(seen.get(i - 1));
                Object[] after = byState.get(seen.get(i));
                addTarget(a, targeted, "version " + seen.get(i - 1) + " -> " + seen.get(i) + " of " + cell + " numerator",
                        ((Combination) after[0]).minus((Combination) before[0]), (Long) after[1] - (Long) before[1],
                        Kind.DIFFERENCE);
                if (after[2] != null) {
                    addTarget(a, targeted, "version " + seen.get(i - 1) + " -> " + seen.get(i) + " of " + cell + " denominator",
                            ((Combination) after[2]).minus((Combination) before[2]), (Long) after[3] - (Long) before[3],
                            Kind.DIFFERENCE);
                }
            }
        });
    }

    private Combination combination(int state, Measure m, String part, Figure f) {
        String series = series(m, part);
        return Combination.sum(months(m, f.period()).stream().map(mo -> atom(state, series, mo, f.dimension(), f.category()))
                .toList());
    }

    /** The months whose atoms make a period's figure: all of them for events, the last for snapshots. */
    private static List<String> months(Measure m, String period) {
        Period p = Period.parse(period);
        List<String> months = new ArrayList<>();
        for (YearMonth mo = YearMonth.from(p.start()); mo.isBefore(YearMonth.from(p.end())); mo = mo.plusMonths(1)) {
            months.add(mo.toString());
        }
        return m.snapshot() ? List.of(months.get(months.size() - 1)) : months;
    }

    private static String series(Measure m, String part) {
        String own = m.series() + "|" + part;
        String computation = m.series().contains("{") ? m.series().substring(0, m.series().indexOf('{')) : m.series();
        return ALIASES.getOrDefault(computation + "|" + part, own);
    }

    private static String atom(int state, String series, String month, String dimension, String category) {
        return state + ":" + series + ":" + month + (dimension == null ? "" : ":" + dimension + "=" + category);
    }

    private void readMeasures() {
        HttpResponse<String> reply = get("/api/v1/scorecard/" + partnership + "/measures", viewer.get());
        check(reply, "measures");
        Computations computations = ShippedComputations.all();
        for (JsonNode m : JSON.readTree(reply.body())) {
            String computation = m.get("computation").asString();
            String parameters = m.get("parameters") == null || m.get("parameters").isNull() ? "{}"
                    : new TreeMap<>(JSON.convertValue(m.get("parameters"), Map.class)).toString();
            String unit = m.get("unit").asString().toLowerCase().replace('_', '-');
            boolean snapshot = computations.named(computation) instanceof SnapshotComputation;
            String series = parameters.equals("{}") ? computation : computation + parameters;
            measures.put(m.get("id").asString(), new Measure(m.get("id").asString(), unit, series, snapshot,
                    unit.equals("percent") && !NOT_SUBSETS.contains(computation)));
        }
    }

    private static List<Figure> figures(JsonNode m, String label) {
        String id = m.get("id").asString();
        List<Figure> figures = new ArrayList<>();
        boolean percent = m.get("unit").asString().equals("percent");
        for (JsonNode v : m.get("trend")) {
            // A period before the measure had data (noData) is published without counts, and by its definition
            // (PublishedMeasure.beforeData) its counts are 0: the attacker reads it so.
            boolean noData = v.get("noData") != null && !v.get("noData").isNull();
            figures.add(new Figure(id, v.get("period").asString(), null, null, noData ? "0" : text(v.get("numerator")),
                    noData ? (percent ? "0" : null) : text(v.get("denominator")), decimal(v.get("value"))));
        }
        JsonNode breakdown = m.get("breakdown");
        if (breakdown != null && !breakdown.isNull()) {
            for (JsonNode b : breakdown) {
                figures.add(new Figure(id, label, b.get("dimension").asString(), text(b.get("category")),
                        text(b.get("numerator")), text(b.get("denominator")), decimal(b.get("value"))));
            }
        }
        return figures;
    }

    private void compareCsv(String label, List<Figure> shown, HttpResponse<String> csv) {
        check(csv, label + "/csv");
        Map<String, Figure> byCell = new LinkedHashMap<>();
        shown.forEach(f -> byCell.put(f.cell(), f));
        int rows = 0;
        for (CSVRecord row : ExcelCsv.read(csv.body())) {
            rows++;
            String dimension = row.get("dimension").equals("total") ? null : row.get("dimension");
            Figure f = byCell.get(row.get("measure_id") + "|" + row.get("period") + "|" + (dimension == null ? "total"
                    : dimension + "|" + (row.get("category").isEmpty() ? "null" : row.get("category"))));
            if (f == null) {
                disagreements.add(label + " CSV row not in the JSON: " + row);
                continue;
            }
            // The CSV's counts are numbers only; a withheld one is empty, its row marked in the suppression column.
            // A period before the measure had data: counts 0, as figures() reads the JSON's noData.
            String symbol = row.get("suppression");
            boolean noData = !row.get("no_data").isEmpty();
            String numerator = noData ? "0" : row.get("numerator").isEmpty() ? symbol : row.get("numerator");
            String denominator = noData ? (row.get("unit").equals("percent") ? "0" : null)
                    : !row.get("denominator").isEmpty() ? row.get("denominator")
                    : row.get("unit").equals("percent") && !symbol.isEmpty() ? symbol : null;
            agree(label + " CSV " + f.cell(), f, numerator, denominator,
                    row.get("value").isEmpty() ? null : new BigDecimal(row.get("value")));
        }
        if (rows != shown.size()) {
            disagreements.add(label + " CSV has " + rows + " rows, the JSON " + shown.size() + " figures");
        }
    }

    private void compareFhir(String label, List<Figure> shown, HttpResponse<String> fhir) {
        check(fhir, label + "/fhir");
        Map<String, Figure> byCell = new LinkedHashMap<>();
        shown.forEach(f -> byCell.put(f.cell(), f));
        for (JsonNode entry : JSON.readTree(fhir.body()).get("entry")) {
            JsonNode report = entry.get("resource");
            if (!report.get("resourceType").asString().equals("MeasureReport")) {
                continue;
            }
            String url = report.get("measure").asString();
            String measure = url.substring(url.lastIndexOf('/') + 1);
            JsonNode group = report.get("group").get(0);
            Figure total = byCell.get(measure + "|" + label + "|total");
            if (total == null) {
                disagreements.add(label + " FHIR report of " + measure + " has no JSON total");
                continue;
            }
            fhirAgrees(label + " FHIR " + total.cell(), total, group);
            String narrative = report.get("text").get("div").asString();
            String said = narrative.replaceAll(".*?" + java.util.regex.Pattern.quote(label) + ": ([^<]*)</p>.*", "$1");
            // With no value (nothing in the denominator) the narrative gives the measure's reason in words, as the
            // JSON's noValueReason does: no figure to compare.
            boolean reasonInWords = total.value() == null && !said.matches("[0-9c].*");
            // A value withheld because its denominator is suppressed: the narrative shows the symbol.
            boolean withheld = total.value() == null && said.equals("c") && "c".equals(total.denominator());
            if (!reasonInWords && !withheld && !said.equals(total.numerator())
                    && (total.value() == null || !said.startsWith(total.value().toPlainString()))) {
                disagreements.add(label + " FHIR narrative of " + measure + " says '" + said + "', the JSON shows "
                        + total.numerator() + " (value " + total.value() + ")");
            }
            JsonNode stratifiers = group.get("stratifier");
            if (stratifiers != null) {
                for (JsonNode s : stratifiers) {
                    String dimension = s.get("code").get(0).get("text").asString();
                    for (JsonNode stratum : s.get("stratum")) {
                        JsonNode value = stratum.get("value");
                        String category = value == null || value.get("text") == null ? "null" : value.get("text").asString();
                        Figure cell = byCell.get(measure + "|" + label + "|" + dimension + "|" + category);
                        if (cell == null) {
                            disagreements.add(label + " FHIR stratum not in the JSON: " + measure + " " + dimension + " " + category);
                        } else {
                            fhirAgrees(label + " FHIR " + cell.cell(), cell, stratum);
                        }
                    }
                }
            }
        }
    }

    private void fhirAgrees(String where, Figure f, JsonNode group) {
        String numerator = null;
        String denominator = null;
        for (JsonNode p : group.get("population")) {
            String code = p.get("code").get("coding").get(0).get("code").asString();
            JsonNode count = p.get("count");
            String shown = count == null || count.isNull() ? "c" : count.asString();
            if (code.equals("denominator")) {
                denominator = shown;
            } else {
                numerator = shown;
            }
        }
        JsonNode score = group.get("measureScore");
        agree(where, f, numerator, denominator, score == null ? null : decimal(score.get("value")));
    }

    private void agree(String where, Figure f, String numerator, String denominator, BigDecimal value) {
        if (!Objects.equals(f.numerator(), numerator) || !Objects.equals(f.denominator(), denominator)
                || (f.value() == null) != (value == null) || (value != null && value.compareTo(f.value()) != 0)) {
            disagreements.add(where + ": " + numerator + "/" + denominator + " = " + value + ", the JSON " + f.numerator()
                    + "/" + f.denominator() + " = " + f.value());
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    private void check(HttpResponse<String> reply, String what) {
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    private HttpResponse<String> get(String path, String token) {
        requests++;
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
