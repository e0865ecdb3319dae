package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scorecard's measures, disclosure rule and subscribers from {@code measures.yml}, validated as a
 * whole at start-up so that an operator sees every mistake at once.
 */
public final class MeasureCatalogue {

    public static final String FILE = "measures.yml";
    static final Set<String> AGENCY_KINDS = Set.of("police", "health", "education", "social-care");
    static final Set<String> BREAKDOWNS = Set.of("source-agency", "team", "category");
    static final Set<String> COMPARATORS = Set.of("england", "statistical-neighbours", "region");
    static final Set<String> FORMATS = Set.of("fhir", "csv");

    /** The shape of {@code measures.yml}. */
    public record Document(DisclosureRule disclosureControl, Publishing publishing, List<MeasureDefinition> measures) {
    }

    /** Which closed periods are published, and to whom. */
    public record Publishing(List<PeriodType> periodTypes, List<Subscriber> subscribers) {
        public Publishing {
            // An unknown period type reads as null; keep it so that validation can name it.
            periodTypes = periodTypes == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(periodTypes));
            subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
        }
    }

    private final Document document;
    private final Map<String, MeasureDefinition> byId;

    private MeasureCatalogue(Document document) {
        this.document = document;
        this.byId = document.measures().stream().collect(Collectors.toMap(MeasureDefinition::id, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public static MeasureCatalogue load(ConfigFiles files, Computations computations) {
        Document document = files.read(FILE, Document.class);
        ConfigurationException.throwIfAny(files.describe(FILE), problems(document, computations));
        return new MeasureCatalogue(document);
    }

    public static MeasureCatalogue of(Document document, Computations computations) {
        ConfigurationException.throwIfAny(FILE, problems(document, computations));
        return new MeasureCatalogue(document);
    }

    public List<MeasureDefinition> measures() {
        return List.copyOf(byId.values());
    }

    public Optional<MeasureDefinition> measure(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public DisclosureRule disclosureRule() {
        return document.disclosureControl();
    }

    public Publishing publishing() {
        return document.publishing() == null ? new Publishing(List.of(), List.of()) : document.publishing();
    }

    static List<String> problems(Document d, Computations computations) {
        List<String> problems = new ArrayList<>();
        DisclosureRule rule = d.disclosureControl();
        if (rule == null) {
            problems.add("disclosure-control: required (suppress-from, suppress-to, round-to, symbol, statement)");
        } else {
            if (rule.suppressFrom() < 1 || rule.suppressTo() < rule.suppressFrom()) {
                problems.add("disclosure-control: suppress-from must be at least 1 and suppress-to at least suppress-from");
            }
            if (rule.roundTo() < 1) {
                problems.add("disclosure-control.round-to: must be 1 or more");
            }
            if (blank(rule.symbol()) || blank(rule.statement())) {
                problems.add("disclosure-control: symbol and statement are required (the statement goes into every published file)");
            }
        }
        if (d.measures() == null || d.measures().isEmpty()) {
            problems.add("measures: at least one measure is needed");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < d.measures().size(); i++) {
            MeasureDefinition m = d.measures().get(i);
            String where = "measures[" + (m.id() == null ? i : m.id()) + "]";
            if (m.id() == null || !m.id().matches("[a-z0-9-]{2,64}")) {
                problems.add(where + ".id: lower-case letters, digits and hyphens, 2 to 64 characters");
            } else if (!ids.add(m.id())) {
                problems.add(where + ": id is used twice");
            }
            for (var field : Map.of("title", m.title() == null ? "" : m.title(),
                    "numerator", m.numerator() == null ? "" : m.numerator(),
                    "owner", m.owner() == null ? "" : m.owner(), "seed", m.seed() == null ? "" : m.seed()).entrySet()) {
                if (field.getValue().isBlank()) {
                    problems.add(where + "." + field.getKey() + ": required");
                }
            }
            if (m.unit() == null) {
                problems.add(where + ".unit: one of count, percent, rate-per-10000");
            } else if (m.unit() != Unit.COUNT && blank(m.denominator())) {
                problems.add(where + ".denominator: required for a " + m.unit().code() + " measure (say what it is divided by)");
            }
            if (m.unit() == Unit.PERCENT && blank(m.emptyReason())) {
                // A percentage has no value when nothing was counted in its denominator: the scorecard says why in words.
                problems.add(where + ".empty-reason: required for a percent measure (say why a period can have no value, "
                        + "e.g. 'No ICPCs were held in this period.')");
            }
            if (m.polarity() == null) {
                problems.add(where + ".polarity: one of high-is-good, low-is-good, neutral");
            }
            if (m.period() == null) {
                problems.add(where + ".period: one of month, quarter, rolling-12-months");
            }
            if (m.target() != null && m.polarity() == Polarity.NEUTRAL) {
                problems.add(where + ".target: a neutral measure has no target (give a polarity)");
            }
            if (m.ragTolerance() != null && m.ragTolerance().signum() < 0) {
                problems.add(where + ".rag-tolerance: must not be negative");
            }
            if (m.dataFrom().isEmpty()) {
                problems.add(where + ".data-from: name the agency kinds whose data the measure needs");
            }
            m.dataFrom().stream().filter(k -> !AGENCY_KINDS.contains(k)).forEach(k -> problems.add(
                    where + ".data-from: unknown agency kind '" + k + "' (use " + new TreeSet<>(AGENCY_KINDS) + ")"));
            if (m.owner() != null && !m.owner().isBlank() && !AGENCY_KINDS.contains(m.owner())) {
                problems.add(where + ".owner: unknown agency kind '" + m.owner() + "' (use " + new TreeSet<>(AGENCY_KINDS) + ")");
            }
            m.breakdowns().stream().filter(b -> !BREAKDOWNS.contains(b)).forEach(b -> problems.add(
                    where + ".breakdowns: unknown breakdown '" + b + "' (use " + new TreeSet<>(BREAKDOWNS) + ")"));
            for (int b = 0; b < m.benchmarks().size(); b++) {
                Benchmark benchmark = m.benchmarks().get(b);
                String at = where + ".benchmarks[" + b + "]";
                if (!COMPARATORS.contains(String.valueOf(benchmark.comparator()))) {
                    problems.add(at + ".comparator: one of " + new TreeSet<>(COMPARATORS));
                }
                if (benchmark.value() == null || blank(benchmark.year()) || blank(benchmark.source())) {
                    problems.add(at + ": value, year and source are required");
                }
            }
            if (blank(m.computation())) {
                problems.add(where + ".computation: required (one of " + new TreeSet<>(computations.names()) + ")");
            } else {
                computations.find(m.computation()).ifPresentOrElse(c -> c.requiredParameters().stream()
                                .filter(p -> !m.parameters().containsKey(p))
                                .forEach(p -> problems.add(where + ".parameters: computation " + c.name() + " needs " + p)),
                        () -> problems.add(where + ".computation: unknown computation '" + m.computation()
                                + "' (known: " + new TreeSet<>(computations.names()) + ")"));
            }
        }
        Publishing publishing = d.publishing();
        if (publishing != null) {
            if (publishing.periodTypes().stream().anyMatch(java.util.Objects::isNull)) {
                problems.add("publishing.period-types: use month, quarter, rolling-12-months");
            }
            Set<String> subscriberIds = new HashSet<>();
            for (Subscriber s : publishing.subscribers()) {
                String where = "publishing.subscribers[" + s.id() + "]";
                if (blank(s.id()) || !subscriberIds.add(s.id())) {
                    problems.add(where + ".id: required and unique");
                }
                if (blank(s.partnership()) || blank(s.agency())) {
                    problems.add(where + ": partnership and agency (the outbox destination) are required");
                }
                if (s.formats().isEmpty() || !FORMATS.containsAll(s.formats())) {
                    problems.add(where + ".formats: one or more of " + new TreeSet<>(FORMATS));
                }
            }
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
